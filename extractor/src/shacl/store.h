// shacl/store.h — the in-memory graphs the validator works on: Sord models whose nodes are interned
// in one SordWorld, so a node is a pointer and term equality is pointer equality.
//
//   shacl::World world;
//   shacl::Graph data(world);
//   Status s = data.LoadFile("data.ttl");        // Turtle/N-Triples/N-Quads/TriG, graphs merged
//   shacl::Node p = world.Iri("http://schema.org/name");
//   data.ForObjects(subject, p, [&](shacl::Node o) { ... });
//
// Named graphs are dropped on load: SHACL validates the union of all graphs, and keeping every triple
// in the default graph makes a triple present in two graphs count once. Literals typed xsd:string are
// stored as plain literals (the same RDF 1.1 term). Not thread-safe: one World per validation.
#ifndef PRESSKG_SHACL_STORE_H
#define PRESSKG_SHACL_STORE_H

#include <sord/sord.h>

#include <string>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg::shacl {

using Node = const SordNode*;

// Owns the SordWorld and the references to nodes it hands out (freed with the world).
class World {
 public:
  World();
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  SordWorld* get() { return world_; }
  Node Iri(const std::string& iri);
  Node Blank(const std::string& label);
  Node Literal(const std::string& lex, const std::string& datatype, const std::string& lang);
  Node Intern(const Term& t);  // kNone -> nullptr
  // Takes ownership of one reference (from sord_node_from_serd_node and friends).
  Node Keep(SordNode* n);
  int NextBlankPrefix() { return ++blank_prefix_; }

 private:
  SordWorld* world_;
  std::vector<SordNode*> owned_;
  int blank_prefix_ = 0;
};

Term ToTerm(Node n);
bool IsIri(Node n);
bool IsBlank(Node n);
bool IsLiteral(Node n);
const char* Str(Node n);            // IRI, blank label or lexical form
std::string DatatypeOf(Node n);     // literal datatype IRI (xsd:string / rdf:langString filled in)
std::string LangOf(Node n);         // "" when none
std::string Render(Node n);         // N-Triples-like, for messages

class Graph {
 public:
  explicit Graph(World& world);
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  World& world() { return world_; }
  // Parses one RDF file; syntax from the extension (.ttl default, .nt, .nq, .trig). Relative IRIs
  // resolve against `base` ("" = the file's own file:// IRI). Blank nodes get a per-file prefix.
  Status LoadFile(const std::string& path, const std::string& base = "");
  Status LoadString(const std::string& turtle, const std::string& base);
  void Add(const Quads& quads);
  void Add(Node s, Node p, Node o);
  size_t size() const;

  // Pattern queries; a null node is a wildcard.
  template <class F> void Each(Node s, Node p, Node o, F&& f) const {
    SordQuad pat = {s, p, o, nullptr};
    SordIter* it = sord_find(model_, pat);
    if (!it) return;
    for (; !sord_iter_end(it); sord_iter_next(it)) {
      SordQuad q;
      sord_iter_get(it, q);
      f(q[0], q[1], q[2]);
    }
    sord_iter_free(it);
  }
  template <class F> void ForObjects(Node s, Node p, F&& f) const {
    Each(s, p, nullptr, [&](Node, Node, Node o) { f(o); });
  }
  template <class F> void ForSubjects(Node p, Node o, F&& f) const {
    Each(nullptr, p, o, [&](Node s, Node, Node) { f(s); });
  }
  std::vector<Node> Objects(Node s, Node p) const;
  std::vector<Node> Subjects(Node p, Node o) const;
  Node Object(Node s, Node p) const;  // first object or nullptr
  bool Has(Node s, Node p, Node o) const;
  // Members of the RDF list starting at head (empty for rdf:nil; stops at malformed lists).
  std::vector<Node> List(Node head) const;

 private:
  Status Read(FILE* f, const std::string& name, const std::string& base, const std::string* text);
  World& world_;
  SordModel* model_;
  Node rdf_first_, rdf_rest_, rdf_nil_;
};

}  // namespace presskg::shacl

#endif  // PRESSKG_SHACL_STORE_H
