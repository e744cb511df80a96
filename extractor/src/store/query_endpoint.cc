// SPARQL 1.1 Protocol queries (POST, form-encoded) with SPARQL JSON results parsed by nlohmann-json.
#include <nlohmann/json.hpp>

#include "presskg/store.h"
#include "store/http.h"

namespace presskg {
namespace {

Result<Term> TermFromJson(const nlohmann::json& b) {
  const std::string type = b.value("type", "");
  const std::string value = b.value("value", "");
  if (type == "uri") return Term::Iri(value);
  if (type == "bnode") return Term::Blank(value);
  if (type == "literal" || type == "typed-literal") {  // "typed-literal": SPARQL 1.0 servers (Virtuoso)
    Term t = Term::Literal(value, b.value("datatype", ""), b.value("xml:lang", ""));
    if (t.datatype == std::string(ns::kXsd) + "string") t.datatype.clear();
    return t;
  }
  return ParseError("unknown binding type '" + type + "' in SPARQL JSON results");
}

}  // namespace

Result<QueryResult> ParseSparqlJson(const std::string& text) {
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    QueryResult out;
    if (j.contains("boolean")) {
      out.is_boolean = true;
      out.boolean = j.at("boolean").get<bool>();
      return out;
    }
    for (const auto& v : j.at("head").at("vars")) out.variables.push_back(v.get<std::string>());
    for (const auto& binding : j.at("results").at("bindings")) {
      std::vector<Term> row(out.variables.size());
      for (size_t i = 0; i < out.variables.size(); ++i) {
        auto it = binding.find(out.variables[i]);
        if (it == binding.end()) continue;
        Result<Term> t = TermFromJson(*it);
        if (!t.ok()) return t.status();
        row[i] = std::move(*t);
      }
      out.rows.push_back(std::move(row));
    }
    return out;
  } catch (const nlohmann::json::exception& e) {
    return ParseError(std::string("bad SPARQL JSON results: ") + e.what());
  }
}

Result<QueryResult> QueryEndpoint(const std::string& url, const std::string& sparql, const EndpointOptions& options) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return InvalidArgument("not an http(s) URL: " + url);
  store_internal::HttpClient http(options);
  store_internal::HttpRequest req;
  req.method = "POST";
  req.url = url;
  req.content_type = "application/x-www-form-urlencoded";
  req.accept = "application/sparql-results+json";
  req.body = "query=" + store_internal::UrlEncode(sparql);
  Result<store_internal::HttpResponse> r = http.Perform(req, "query");
  if (!r.ok()) return r.status();
  if (r->status < 200 || r->status >= 300) return store_internal::HttpError(url, "query", *r);
  Result<QueryResult> parsed = ParseSparqlJson(r->body);
  if (!parsed.ok()) return Status(parsed.status().code(), store_internal::RedactUrl(url) + ": " + parsed.status().message());
  return parsed;
}

Result<QueryResult> QueryEndpoint(const std::string& url, const std::string& sparql) {
  return QueryEndpoint(url, sparql, EndpointOptions());
}

}  // namespace presskg
