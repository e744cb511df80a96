// JSON-LD (compaction choices that keep expansion exact) and RDF/XML (Raptor) writers.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "presskg/writer.h"

using namespace presskg;
using nlohmann::json;

namespace {

const std::string kPkg = ns::kPkg, kXsd = ns::kXsd, kRdf = ns::kRdf;
const std::string kFact = "https://w3id.org/presskg/id/fact/a/agreement-0123456789abcdef";
const std::string kGraph = "https://w3id.org/presskg/id/graph/a";

Quads Sample() {
  const Term g = Term::Iri(kGraph), f = Term::Iri(kFact);
  return {
      {f, Term::Iri(kRdf + "type"), Term::Iri(kPkg + "Agreement"), g},
      {f, Term::Iri(kPkg + "confidence"), Term::Literal("0.95", kXsd + "decimal"), g},
      {f, Term::Iri(kPkg + "confidence"), Term::Literal("high"), g},  // does not fit the coercion
      {f, Term::Iri(std::string(ns::kDcterms) + "date"), Term::Literal("2013-05", kXsd + "gYearMonth"), g},
      {f, Term::Iri(kPkg + "party"), Term::Iri("https://w3id.org/presskg/id/org/itu"), g},
      {f, Term::Iri(kPkg + "party"), Term::Iri(std::string(ns::kWd) + "Q7159"), g},
      {f, Term::Iri(kPkg + "party"), Term::Literal("not an IRI"), g},
      {f, Term::Iri(std::string(ns::kRdfs) + "label"), Term::Literal("say \"hi\"\n\\ \x01 \xED\xA0\x80"), g},
      {f, Term::Iri(std::string(ns::kRdfs) + "label"), Term::Literal("bonjour", "", "fr"), g},
      {f, Term::Iri("http://example.org/no-term"), Term::Literal("5", kXsd + "integer"), g},
      {Term::Iri("https://w3id.org/presskg/id/run/r"), Term::Iri(kRdf + "type"), Term::Iri(std::string(ns::kProv) + "Activity"), Term()},
  };
}

}  // namespace

TEST_CASE("JSON-LD: context, one object per graph, exact value forms") {
  Result<std::string> text = WriteRdfString(Sample(), RdfFormat::kJsonLd);
  REQUIRE(text.ok());
  json doc = json::parse(*text);
  REQUIRE(doc["@context"].is_object());
  CHECK(doc["@context"]["pkg"] == kPkg);
  CHECK(doc["@context"]["party"]["@type"] == "@id");
  REQUIRE(doc["@graph"].size() == 2);
  const json& g = doc["@graph"][0];
  CHECK(g["@id"] == kGraph);
  REQUIRE(g["@graph"].size() == 1);
  const json& n = g["@graph"][0];
  CHECK(n["@id"] == kFact);
  CHECK(n["@type"] == "Agreement");
  CHECK(n["confidence"] == "0.95");
  CHECK(n["pkg:confidence"] == "high");
  CHECK(n["date"] == json{{"@value", "2013-05"}, {"@type", "xsd:gYearMonth"}});
  CHECK(n["party"] == json::array({"https://w3id.org/presskg/id/org/itu", "wd:Q7159"}));
  CHECK(n["pkg:party"] == "not an IRI");
  CHECK(n["label"][0] == "say \"hi\"\n\\ \x01 \xEF\xBF\xBD");
  CHECK(n["label"][1] == json{{"@value", "bonjour"}, {"@language", "fr"}});
  CHECK(n["http://example.org/no-term"] == json{{"@value", "5"}, {"@type", "xsd:integer"}});
  const json& run = doc["@graph"][1];
  CHECK(run["@id"] == "https://w3id.org/presskg/id/run/r");
  CHECK(run["@type"] == "Activity");
}

TEST_CASE("JSON-LD: a graph that comes back is written again (streaming, merges on reading)") {
  Quads q = Sample();
  Quads twice = {q[0], q.back(), q[1]};
  Result<std::string> text = WriteRdfString(twice, RdfFormat::kJsonLd);
  REQUIRE(text.ok());
  json doc = json::parse(*text);
  REQUIRE(doc["@graph"].size() == 3);
  CHECK(doc["@graph"][0]["@id"] == kGraph);
  CHECK(doc["@graph"][2]["@id"] == kGraph);
}

TEST_CASE("JSON-LD: a context file can replace the built-in one") {
  WriterOptions o;
  o.context_path = "no/such/context.jsonld";
  CHECK_FALSE(WriteRdfString(Sample(), RdfFormat::kJsonLd, o).ok());
  o.context_path = std::string(PRESSKG_SOURCE_DIR) + "/ontology/context.jsonld";
  Result<std::string> a = WriteRdfString(Sample(), RdfFormat::kJsonLd, o);
  Result<std::string> b = WriteRdfString(Sample(), RdfFormat::kJsonLd);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(*a == *b);  // the built-in copy is the file
}

TEST_CASE("RDF/XML: well-formed, triples only, XML-safe text") {
  Result<std::string> text = WriteRdfString(Sample(), RdfFormat::kRdfXml);
  REQUIRE(text.ok());
  CHECK(text->find("<rdf:RDF") != std::string::npos);
  CHECK(text->find("</rdf:RDF>") != std::string::npos);
  CHECK(text->find('\x01') == std::string::npos);
  CHECK(text->find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(text->find(kGraph) == std::string::npos);  // graphs are dropped
  CHECK(text->find("rdf:resource=\"https://w3id.org/presskg/ontology#Agreement\"") != std::string::npos);
}
