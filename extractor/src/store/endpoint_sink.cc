// Remote stores: the SPARQL 1.1 Graph Store HTTP Protocol (one PUT per release graph, which
// replaces it) or SPARQL 1.1 Update batches (DROP SILENT GRAPH + INSERT DATA for many graphs in
// one request, for servers where per-request latency dominates).
#include <set>

#include "presskg/store.h"
#include "store/http.h"

namespace presskg {
namespace {

using store_internal::HttpClient;
using store_internal::HttpError;
using store_internal::HttpRequest;
using store_internal::ToNTriples;
using store_internal::UrlEncode;

bool Success(long status) { return status >= 200 && status < 300; }

class EndpointSink final : public GraphSink {
 public:
  EndpointSink(std::string url, EndpointOptions options)
      : url_(std::move(url)), options_(std::move(options)), http_(options_) {
    if (options_.graph_param.empty()) {
      std::string path = url_.substr(0, url_.find('?'));
      options_.graph_param = path.find("sparql-graph-crud") != std::string::npos ? "graph-uri" : "graph";
    }
  }

  ~EndpointSink() override { Flush(); }  // best effort; callers that care call Flush themselves

  Status ReplaceGraph(const std::string& graph_iri, const Quads& quads) override {
    return Write(graph_iri, quads, /*replace=*/true);
  }

  Status AddToGraph(const std::string& graph_iri, const Quads& quads) override {
    if (quads.empty()) return Status::OK();
    return Write(graph_iri, quads, /*replace=*/false);
  }

  Status Write(const std::string& graph_iri, const Quads& quads, bool replace) {
    if (graph_iri.empty()) return InvalidArgument("a graph IRI is required");
    if (options_.protocol == EndpointOptions::Protocol::kUpdate) return QueueUpdate(graph_iri, quads, replace);
    HttpRequest req;
    req.url = url_ + (url_.find('?') == std::string::npos ? "?" : "&") + options_.graph_param + "=" +
              UrlEncode(graph_iri);
    const std::string what = (quads.empty() ? "DELETE" : replace ? "PUT" : "POST") + std::string(" graph <") +
                             graph_iri + ">";
    if (quads.empty()) {
      req.method = "DELETE";  // an empty graph is no graph; servers differ on empty PUT bodies
    } else {
      req.method = replace ? "PUT" : "POST";  // GSP: PUT replaces the graph, POST merges into it
      req.content_type = "text/turtle; charset=utf-8";  // N-Triples is Turtle; every GSP server takes Turtle
      req.body = ToNTriples(quads);
    }
    Result<store_internal::HttpResponse> r = http_.Perform(req, what);
    if (!r.ok()) return r.status();
    ++requests_;
    if (!Success(r->status) && !(quads.empty() && r->status == 404)) return HttpError(url_, what, *r);
    graphs_.insert(graph_iri);
    triples_ += quads.size();
    return Status::OK();
  }

  Status Flush() override {
    if (pending_body_.empty()) return Status::OK();
    HttpRequest req;
    req.method = "POST";
    req.url = url_;
    req.content_type = "application/x-www-form-urlencoded";
    req.body = "update=" + UrlEncode(pending_body_);
    const std::string what = "SPARQL Update of " + std::to_string(pending_graphs_.size()) + " graphs";
    pending_body_.clear();
    Result<store_internal::HttpResponse> r = http_.Perform(req, what);
    if (!r.ok()) return r.status();
    ++requests_;
    if (!Success(r->status)) return HttpError(url_, what, *r);
    graphs_.insert(pending_graphs_.begin(), pending_graphs_.end());
    triples_ += pending_triples_;
    pending_graphs_.clear();
    pending_triples_ = 0;
    return Status::OK();
  }

  std::string Summary() const override {
    return std::to_string(graphs_.size()) + (graphs_.size() == 1 ? " graph, " : " graphs, ") +
           std::to_string(triples_) + (triples_ == 1 ? " triple" : " triples") + " loaded into " +
           store_internal::RedactUrl(url_) + " (" + std::to_string(requests_) +
           (requests_ == 1 ? " request)" : " requests)");
  }

 private:
  Status QueueUpdate(const std::string& graph_iri, const Quads& quads, bool replace) {
    // The graph IRI goes through the same escaping as data IRIs.
    Quads probe{Quad{Term::Iri(graph_iri), Term::Iri(graph_iri), Term::Iri(graph_iri), {}}};
    std::string g = ToNTriples(probe, /*ascii=*/false);
    g = g.substr(0, g.find(' '));
    if (replace) pending_body_ += "DROP SILENT GRAPH " + g + " ;\n";
    if (!quads.empty()) pending_body_ += "INSERT DATA { GRAPH " + g + " {\n" + ToNTriples(quads, /*ascii=*/false) + "} } ;\n";
    pending_graphs_.insert(graph_iri);
    pending_triples_ += quads.size();
    return pending_triples_ >= options_.batch_triples ? Flush() : Status::OK();
  }

  std::string url_;
  EndpointOptions options_;
  HttpClient http_;
  std::set<std::string> graphs_;
  size_t triples_ = 0;
  size_t requests_ = 0;
  std::string pending_body_;
  std::set<std::string> pending_graphs_;
  size_t pending_triples_ = 0;
};

bool IsHttpUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

}  // namespace

Result<std::unique_ptr<GraphSink>> OpenEndpointSink(const std::string& url, const EndpointOptions& options) {
  if (!IsHttpUrl(url)) return InvalidArgument("not an http(s) URL: " + url);
  if (options.graph_param.find_first_of("&=?# ") != std::string::npos) {
    return InvalidArgument("bad graph parameter name '" + options.graph_param + "'");
  }
  return std::unique_ptr<GraphSink>(new EndpointSink(url, options));
}

Result<std::unique_ptr<GraphSink>> OpenGraphSink(const std::string& store_or_url) {
  if (IsHttpUrl(store_or_url)) return OpenEndpointSink(store_or_url, EndpointOptions());
  Result<std::unique_ptr<Store>> store = Store::Open(store_or_url, /*create=*/true);
  if (!store.ok()) return store.status();
  return std::unique_ptr<GraphSink>(std::move(*store));
}

}  // namespace presskg
