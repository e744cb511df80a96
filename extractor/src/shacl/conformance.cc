#include "shacl/conformance.h"

#include <serd/serd.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "shacl/engine.h"
#include "shacl/store.h"

namespace presskg::shacl {
namespace {

constexpr const char* kMf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
constexpr const char* kSht = "http://www.w3.org/ns/shacl-test#";

std::string FileOf(const std::string& uri) {
  uint8_t* host = nullptr;
  char* path = reinterpret_cast<char*>(serd_file_uri_parse(reinterpret_cast<const uint8_t*>(uri.c_str()), &host));
  std::string out = path ? path : "";
  serd_free(path);
  serd_free(host);
  return out;
}

std::string Key(const Term& t) {
  switch (t.kind) {
    case Term::Kind::kIri: return "<" + t.value + ">";
    case Term::Kind::kBlank: return "_:" + t.value;
    case Term::Kind::kLiteral: return "\"" + t.value + "\"@" + t.lang + "^^" + t.datatype;
    case Term::Kind::kNone: break;
  }
  return "";
}

std::string Dump(const Quads& q) {
  std::vector<std::string> lines;
  for (const Quad& x : q) lines.push_back(Key(x.subject) + " " + Key(x.predicate) + " " + Key(x.object) + " .");
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (auto& l : lines) out += "  " + l + "\n";
  return out;
}

// The normalised report graph: report and result nodes as fresh blank nodes with exactly one type,
// the kept predicates, the result path structure cloned per result, messages filtered by `keep`.
Quads Normalise(const Quads& in, const Term& report, const std::set<std::string>& keep_messages,
                bool filter_messages) {
  std::multimap<std::string, const Quad*> by_subject;
  for (const Quad& q : in) by_subject.emplace(Key(q.subject), &q);
  auto objects = [&](const Term& s, const std::string& p) {
    std::vector<Term> out;
    auto range = by_subject.equal_range(Key(s));
    for (auto it = range.first; it != range.second; ++it)
      if (it->second->predicate.value == p) out.push_back(it->second->object);
    return out;
  };
  const std::string sh = ns::kSh, rdf = ns::kRdf;
  Quads out;
  Term rep = Term::Blank("report");
  out.push_back({rep, Term::Iri(rdf + "type"), Term::Iri(sh + "ValidationReport"), {}});
  for (const Term& c : objects(report, sh + "conforms")) out.push_back({rep, Term::Iri(sh + "conforms"), c, {}});
  int n = 0;
  for (const Term& r : objects(report, sh + "result")) {
    Term res = Term::Blank("res" + std::to_string(n++));
    out.push_back({rep, Term::Iri(sh + "result"), res, {}});
    out.push_back({res, Term::Iri(rdf + "type"), Term::Iri(sh + "ValidationResult"), {}});
    for (const char* p : {"focusNode", "resultSeverity", "sourceConstraint", "sourceConstraintComponent",
                          "sourceShape", "value", "resultMessage", "resultPath"}) {
      for (const Term& o : objects(r, sh + p)) {
        if (std::string(p) == "resultMessage" && filter_messages && !keep_messages.count(Key(o))) continue;
        if (std::string(p) != "resultPath" || !o.is_blank()) {
          out.push_back({res, Term::Iri(sh + p), o, {}});
          continue;
        }
        // Clone the path structure under labels private to this result.
        std::map<std::string, Term> clone;
        std::function<Term(const Term&)> copy = [&](const Term& t) -> Term {
          if (!t.is_blank()) return t;
          auto it = clone.find(t.value);
          if (it != clone.end()) return it->second;
          Term c = Term::Blank(res.value + "_" + std::to_string(clone.size()));
          clone[t.value] = c;
          auto range = by_subject.equal_range(Key(t));
          for (auto i = range.first; i != range.second; ++i)
            out.push_back({c, i->second->predicate, copy(i->second->object), {}});
          return c;
        };
        out.push_back({res, Term::Iri(sh + p), copy(o), {}});
      }
    }
  }
  return out;
}

struct TestRun {
  World world;
  std::map<std::string, std::unique_ptr<Graph>> graphs;  // by file path
  Result<Graph*> Load(const std::string& path) {
    auto it = graphs.find(path);
    if (it != graphs.end()) return it->second.get();
    auto g = std::make_unique<Graph>(world);
    Status s = g->LoadFile(path);
    if (!s.ok()) return s;
    Graph* raw = g.get();
    graphs.emplace(path, std::move(g));
    return raw;
  }
};

Status RunFile(const std::string& path, std::vector<TestOutcome>* out) {
  TestRun run;
  Result<Graph*> file = run.Load(path);
  if (!file.ok()) return file.status();
  Graph& g = **file;
  World& w = run.world;
  Node type = w.Iri(std::string(ns::kRdf) + "type");
  Node validate = w.Iri(std::string(kSht) + "Validate");
  Node action = w.Iri(std::string(kMf) + "action"), result = w.Iri(std::string(kMf) + "result");
  Node data_graph = w.Iri(std::string(kSht) + "dataGraph");
  Node shapes_graph = w.Iri(std::string(kSht) + "shapesGraph");
  for (Node test : g.Subjects(type, validate)) {
    TestOutcome t;
    t.id = Str(test);
    Node act = g.Object(test, action), res = g.Object(test, result);
    Node dg = act ? g.Object(act, data_graph) : nullptr, sg = act ? g.Object(act, shapes_graph) : nullptr;
    if (!dg || !sg || !res) {
      t.detail = "malformed test entry";
      out->push_back(t);
      continue;
    }
    Result<Graph*> data = run.Load(FileOf(Str(dg)));
    Result<Graph*> shapes = run.Load(FileOf(Str(sg)));
    if (!data.ok() || !shapes.ok()) {
      t.detail = "cannot load: " + (data.ok() ? shapes.status() : data.status()).ToString();
      out->push_back(t);
      continue;
    }
    Engine engine(w, **shapes, **data);
    ValidationReport report = engine.Run();
    // Expected report: the mf:result subgraph of the test file, as quads.
    Quads expected_all;
    g.Each(nullptr, nullptr, nullptr, [&](Node s, Node p, Node o) {
      expected_all.push_back({ToTerm(s), ToTerm(p), ToTerm(o), {}});
    });
    std::set<std::string> messages;
    for (const Quad& q : expected_all)
      if (q.predicate.value == std::string(ns::kSh) + "resultMessage") messages.insert(Key(q.object));
    Quads expected = Normalise(expected_all, ToTerm(res), messages, false);
    Quads actual_all = report.ToRdf();
    Quads actual = Normalise(actual_all, actual_all.front().subject, messages, true);  // report node first
    bool expected_conforms = false;
    for (const Quad& q : expected)
      if (q.predicate.value == std::string(ns::kSh) + "conforms") expected_conforms = q.object.value == "true" || q.object.value == "1";
    t.conforms_matched = expected_conforms == report.conforms;
    t.passed = t.conforms_matched && Isomorphic(expected, actual);
    if (!t.passed) t.detail = "expected:\n" + Dump(expected) + "actual:\n" + Dump(actual);
    out->push_back(t);
  }
  return Status::OK();
}

}  // namespace

bool Isomorphic(const Quads& a_in, const Quads& b_in) {
  using Triple = std::tuple<std::string, std::string, std::string>;
  auto triples = [](const Quads& q) {
    std::set<Triple> s;
    for (const Quad& x : q) s.emplace(Key(x.subject), Key(x.predicate), Key(x.object));
    return std::vector<Triple>(s.begin(), s.end());
  };
  std::vector<Triple> a = triples(a_in), b = triples(b_in);
  if (a.size() != b.size()) return false;
  auto is_blank = [](const std::string& k) { return k.compare(0, 2, "_:") == 0; };
  auto blanks = [&](const std::vector<Triple>& g) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (auto& [s, p, o] : g)
      for (const std::string* t : {&s, &o})
        if (is_blank(*t) && seen.insert(*t).second) out.push_back(*t);
    return out;
  };
  std::vector<std::string> ba = blanks(a), bb = blanks(b);
  if (ba.size() != bb.size()) return false;
  // Colour refinement: a blank node's colour is the multiset of its edges with neighbours' colours.
  std::map<std::string, int> ca, cb;
  for (auto& x : ba) ca[x] = 0;
  for (auto& x : bb) cb[x] = 0;
  for (size_t round = 0; round < ba.size() + 1 && round < 8; ++round) {
    std::map<std::string, int> palette;
    auto sig = [&](const std::vector<Triple>& g, std::map<std::string, int>& col) {
      std::map<std::string, std::vector<std::string>> edges;
      for (auto& [s, p, o] : g) {
        if (is_blank(s)) edges[s].push_back(">" + p + " " + (is_blank(o) ? "#" + std::to_string(col[o]) : o));
        if (is_blank(o)) edges[o].push_back("<" + p + " " + (is_blank(s) ? "#" + std::to_string(col[s]) : s));
      }
      std::map<std::string, std::string> out;
      for (auto& [n, e] : edges) {
        std::sort(e.begin(), e.end());
        std::string k = std::to_string(col[n]);
        for (auto& x : e) k += "|" + x;
        out[n] = k;
      }
      return out;
    };
    auto sa = sig(a, ca), sb = sig(b, cb);
    for (auto& [n, k] : sa) palette.emplace(k, static_cast<int>(palette.size()));
    for (auto& [n, k] : sb) palette.emplace(k, static_cast<int>(palette.size()));
    for (auto& [n, k] : sa) ca[n] = palette[k];
    for (auto& [n, k] : sb) cb[n] = palette[k];
  }
  std::map<int, int> hist;
  for (auto& [n, c] : ca) ++hist[c];
  for (auto& [n, c] : cb) --hist[c];
  for (auto& [c, k] : hist)
    if (k) return false;
  std::set<Triple> bset(b.begin(), b.end());
  std::map<std::string, std::vector<const Triple*>> touching;
  for (const Triple& t : a) {
    if (is_blank(std::get<0>(t))) touching[std::get<0>(t)].push_back(&t);
    if (is_blank(std::get<2>(t))) touching[std::get<2>(t)].push_back(&t);
  }
  std::map<std::string, std::string> map;
  std::set<std::string> used;
  auto mapped = [&](const std::string& k, bool* ok) -> std::string {
    if (!is_blank(k)) return k;
    auto it = map.find(k);
    if (it == map.end()) { *ok = false; return ""; }
    return it->second;
  };
  // Ground triples must match as they are.
  for (const Triple& t : a)
    if (!is_blank(std::get<0>(t)) && !is_blank(std::get<2>(t)) && !bset.count(t)) return false;
  std::function<bool(size_t)> assign = [&](size_t i) -> bool {
    if (i == ba.size()) return true;
    const std::string& x = ba[i];
    for (const std::string& y : bb) {
      if (used.count(y) || cb[y] != ca[x]) continue;
      map[x] = y;
      used.insert(y);
      bool consistent = true;
      for (const Triple* t : touching[x]) {
        bool complete = true;
        Triple m{mapped(std::get<0>(*t), &complete), std::get<1>(*t), mapped(std::get<2>(*t), &complete)};
        if (complete && !bset.count(m)) { consistent = false; break; }
      }
      if (consistent && assign(i + 1)) return true;
      map.erase(x);
      used.erase(y);
    }
    return false;
  };
  return assign(0);
}

Result<std::vector<TestOutcome>> RunConformanceSuite(const std::string& root_manifest) {
  std::vector<TestOutcome> out;
  std::vector<std::string> todo{root_manifest};
  std::set<std::string> seen;
  while (!todo.empty()) {
    std::string path = todo.back();
    todo.pop_back();
    if (!seen.insert(path).second) continue;
    {
      World w;
      Graph g(w);
      Status s = g.LoadFile(path);
      if (!s.ok()) return s;
      std::vector<std::string> includes;
      g.Each(nullptr, w.Iri(std::string(kMf) + "include"), nullptr,
             [&](Node, Node, Node o) { includes.push_back(FileOf(Str(o))); });
      std::sort(includes.rbegin(), includes.rend());
      for (auto& i : includes) todo.push_back(i);
    }
    Status s = RunFile(path, &out);
    if (!s.ok()) return s;
  }
  return out;
}

}  // namespace presskg::shacl
