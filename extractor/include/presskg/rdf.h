// presskg/rdf.h — the RDF data model shared by graph, writers, SHACL, stores and network:
// terms and quads as plain values (Oxigraph's "model" layer).
//
//   Quad q{Term::Iri("https://w3id.org/presskg/id/doc/a"), Term::Iri(vocab::kRdfType),
//          Term::Iri("http://schema.org/NewsArticle"), Term::Iri("https://w3id.org/presskg/id/graph/a")};
//
// IRIs are stored absolute and already valid (minting percent-encodes; see graph.h). A default-graph
// triple has an empty graph term (kind kNone).
#ifndef PRESSKG_RDF_H
#define PRESSKG_RDF_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace presskg {

struct Term {
  enum class Kind { kNone, kIri, kBlank, kLiteral };
  Kind kind = Kind::kNone;
  std::string value;     // IRI, blank node label (without "_:"), or literal lexical form (UTF-8)
  std::string datatype;  // literal datatype IRI; empty = xsd:string (or rdf:langString when lang set)
  std::string lang;      // literal language tag, lower-case BCP 47

  static Term Iri(std::string iri) { return {Kind::kIri, std::move(iri), {}, {}}; }
  static Term Blank(std::string label) { return {Kind::kBlank, std::move(label), {}, {}}; }
  static Term Literal(std::string lex, std::string datatype = {}, std::string lang = {}) {
    return {Kind::kLiteral, std::move(lex), std::move(datatype), std::move(lang)};
  }
  bool is_iri() const { return kind == Kind::kIri; }
  bool is_blank() const { return kind == Kind::kBlank; }
  bool is_literal() const { return kind == Kind::kLiteral; }
  bool is_none() const { return kind == Kind::kNone; }

  friend bool operator==(const Term& a, const Term& b) {
    return a.kind == b.kind && a.value == b.value && a.datatype == b.datatype && a.lang == b.lang;
  }
  friend bool operator!=(const Term& a, const Term& b) { return !(a == b); }
  friend bool operator<(const Term& a, const Term& b) {
    return std::tie(a.kind, a.value, a.datatype, a.lang) < std::tie(b.kind, b.value, b.datatype, b.lang);
  }
};

struct Quad {
  Term subject, predicate, object, graph;  // graph.kind == kNone: default graph
  friend bool operator==(const Quad& a, const Quad& b) {
    return a.subject == b.subject && a.predicate == b.predicate && a.object == b.object && a.graph == b.graph;
  }
  friend bool operator<(const Quad& a, const Quad& b) {
    return std::tie(a.subject, a.predicate, a.object, a.graph) < std::tie(b.subject, b.predicate, b.object, b.graph);
  }
};

using Quads = std::vector<Quad>;

// Quads that share their terms: each distinct term stored once, each statement four indexes into
// `terms`. What GraphBuilder::BuildReleaseTable gives: a release's quads repeat the same graph,
// subjects and predicates, so writing from the table copies and checks each term once instead of
// once per statement. Rows are in the order they are to be written.
struct QuadTable {
  static constexpr std::uint32_t kDefaultGraph = ~std::uint32_t{0};  // row.g of a default-graph triple
  struct Row {
    std::uint32_t s, p, o, g;
  };
  std::vector<Term> terms;
  std::vector<Row> rows;

  std::size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  const Term& graph_of(const Row& r) const {
    static const Term kNone;
    return r.g == kDefaultGraph ? kNone : terms[r.g];
  }
  // The rows as Quads (copies of the terms).
  Quads ToQuads() const&;
  // The same, moving each term into the last quad that uses it.
  Quads ToQuads() &&;
};

// Well-known namespaces used across modules.
namespace ns {
inline constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr const char* kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr const char* kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr const char* kSchema = "http://schema.org/";
inline constexpr const char* kOrg = "http://www.w3.org/ns/org#";
inline constexpr const char* kProv = "http://www.w3.org/ns/prov#";
inline constexpr const char* kDcterms = "http://purl.org/dc/terms/";
inline constexpr const char* kNif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
inline constexpr const char* kSh = "http://www.w3.org/ns/shacl#";
inline constexpr const char* kWd = "http://www.wikidata.org/entity/";
inline constexpr const char* kPkg = "https://w3id.org/presskg/ontology#";   // the project ontology
inline constexpr const char* kDefaultBase = "https://w3id.org/presskg/id/"; // default --base for data
}  // namespace ns

}  // namespace presskg

#endif  // PRESSKG_RDF_H
