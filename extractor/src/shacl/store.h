// shacl/store.h — the in-memory graphs the validator works on. Terms are Sord nodes interned in one
// SordWorld (so a node is a pointer and term equality is pointer equality); triples are kept in two
// sorted arrays (SPO, and POS as indices), which is ~28 bytes per triple and a binary search per
// lookup. (SordModel's B-trees compare node strings on every step: 3x slower to load 1M triples.)
//
//   shacl::World world;
//   shacl::Graph data(world);
//   Status s = data.LoadFile("data.ttl");        // Turtle/N-Triples/N-Quads/TriG, graphs merged
//   shacl::Node p = world.Iri("http://schema.org/name");
//   data.ForObjects(subject, p, [&](shacl::Node o) { ... });
//
// Named graphs are dropped on load: SHACL validates the union of all graphs, and keeping every triple
// in one set makes a triple present in two graphs count once. Literals typed xsd:string are stored as
// plain literals (the same RDF 1.1 term). Not thread-safe: one World per validation; a Graph sorts
// itself lazily on the first query after Add.
#ifndef PRESSKG_SHACL_STORE_H
#define PRESSKG_SHACL_STORE_H

#include <sord/sord.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg::shacl {

using Node = const SordNode*;

// Owns the SordWorld. Node references are never released one by one: sord_world_free frees every
// interned node, and pinning them all keeps a Node valid for the World's whole life.
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
  int NextBlankPrefix() { return ++blank_prefix_; }

 private:
  SordWorld* world_;
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
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  World& world() { return world_; }
  // Parses one RDF file; syntax from the extension (.ttl default, .nt, .nq, .trig). Relative IRIs
  // resolve against `base` ("" = the file's own file:// IRI). Blank nodes get a per-file prefix.
  Status LoadFile(const std::string& path, const std::string& base = "");
  Status LoadString(const std::string& turtle, const std::string& base);
  void Add(const Quads& quads);
  void Add(Node s, Node p, Node o);
  size_t size() const;  // distinct triples
  size_t MemoryBytes() const;  // of the triple index (not the interned nodes)

  // Pattern queries; a null node is a wildcard. (?, ?, o) scans everything: the engine never asks it.
  template <class F> void Each(Node s, Node p, Node o, F&& f) const {
    Index();
    if (s) {
      auto [b, e] = SubjectRange(s, p);
      for (size_t i = b; i < e; ++i)
        if (!o || spo_[i].o == o) f(spo_[i].s, spo_[i].p, spo_[i].o);
    } else if (p) {
      auto [b, e] = PredicateRange(p, o);
      for (size_t i = b; i < e; ++i) {
        const Triple& t = spo_[pos_[i]];
        f(t.s, t.p, t.o);
      }
    } else {
      for (const Triple& t : spo_)
        if (!o || t.o == o) f(t.s, t.p, t.o);
    }
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
  struct Triple {
    Node s, p, o;
  };
  Status Read(FILE* f, const std::string& name, const std::string& base, const std::string* text);
  void Index() const;  // sorts and deduplicates after Add
  std::pair<size_t, size_t> SubjectRange(Node s, Node p) const;
  std::pair<size_t, size_t> PredicateRange(Node p, Node o) const;
  friend struct ReadState;

  World& world_;
  mutable std::vector<Triple> spo_;     // sorted by (s, p, o) once indexed
  mutable std::vector<uint32_t> pos_;   // positions in spo_, sorted by (p, o, s)
  mutable bool indexed_ = true;
  Node rdf_first_, rdf_rest_, rdf_nil_;
};

}  // namespace presskg::shacl

#endif  // PRESSKG_SHACL_STORE_H
