#include "shacl/store.h"

#include <serd/serd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <unordered_set>

namespace presskg::shacl {
namespace {

constexpr const char* kXsdString = "http://www.w3.org/2001/XMLSchema#string";
constexpr const char* kRdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

const uint8_t* U(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

}  // namespace

struct ReadState {
  World* world;
  Graph* graph;
  SerdEnv* env;
  Status error;
  std::string name;
};

namespace {

SerdStatus OnBase(void* h, const SerdNode* uri) {
  auto* st = static_cast<ReadState*>(h);
  return serd_env_set_base_uri(st->env, uri);
}

SerdStatus OnPrefix(void* h, const SerdNode* name, const SerdNode* uri) {
  auto* st = static_cast<ReadState*>(h);
  return serd_env_set_prefix(st->env, name, uri);
}

SerdStatus OnStatement(void* h, SerdStatementFlags, const SerdNode*, const SerdNode* s,
                       const SerdNode* p, const SerdNode* o, const SerdNode* dt,
                       const SerdNode* lang) {
  // Node references are not released: the World keeps every node until it dies (see store.h).
  auto* st = static_cast<ReadState*>(h);
  SordWorld* w = st->world->get();
  SordNode* sn = sord_node_from_serd_node(w, st->env, s, nullptr, nullptr);
  SordNode* pn = sord_node_from_serd_node(w, st->env, p, nullptr, nullptr);
  SordNode* on = nullptr;
  if (o->type == SERD_LITERAL && dt && dt->buf) {
    // "x"^^xsd:string and "x" are one RDF 1.1 term: store both as the plain literal.
    SordNode* dn = sord_node_from_serd_node(w, st->env, dt, nullptr, nullptr);
    bool is_string = dn && std::strcmp(reinterpret_cast<const char*>(sord_node_get_string(dn)), kXsdString) == 0;
    on = sord_node_from_serd_node(w, st->env, o, is_string ? nullptr : dt, lang);
  } else {
    on = sord_node_from_serd_node(w, st->env, o, dt, lang);
  }
  if (!sn || !pn || !on) {
    if (st->error.ok())
      st->error = ParseError("cannot expand a term (undefined prefix?)", Location{st->name, 0, 0, ""});
    return SERD_ERR_BAD_CURIE;
  }
  st->graph->Add(sn, pn, on);
  return SERD_SUCCESS;
}

SerdStatus OnError(void* h, const SerdError* e) {
  auto* st = static_cast<ReadState*>(h);
  if (!st->error.ok()) return SERD_SUCCESS;
  char buf[512];
  va_list args;
  va_copy(args, *e->args);
  std::vsnprintf(buf, sizeof buf, e->fmt, args);
  va_end(args);
  std::string msg = buf;
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  st->error = ParseError(msg, Location{st->name, static_cast<int>(e->line), static_cast<int>(e->col), ""});
  return SERD_SUCCESS;
}

SerdSyntax SyntaxFor(const std::string& path) {
  auto ends = [&](const char* ext) {
    size_t n = std::strlen(ext);
    return path.size() >= n && path.compare(path.size() - n, n, ext) == 0;
  };
  if (ends(".nt")) return SERD_NTRIPLES;
  if (ends(".nq")) return SERD_NQUADS;
  if (ends(".trig")) return SERD_TRIG;
  return SERD_TURTLE;
}

}  // namespace

World::World() : world_(sord_world_new()) {}

World::~World() { sord_world_free(world_); }  // frees every node, whatever its reference count

Node World::Iri(const std::string& iri) { return sord_new_uri(world_, U(iri.c_str())); }

Node World::Blank(const std::string& label) { return sord_new_blank(world_, U(label.c_str())); }

Node World::Literal(const std::string& lex, const std::string& datatype, const std::string& lang) {
  SordNode* dt = nullptr;
  if (!datatype.empty() && datatype != kXsdString && lang.empty()) dt = sord_new_uri(world_, U(datatype.c_str()));
  return sord_new_literal(world_, dt, U(lex.c_str()), lang.empty() ? nullptr : lang.c_str());
}

Node World::Intern(const Term& t) {
  switch (t.kind) {
    case Term::Kind::kIri: return Iri(t.value);
    case Term::Kind::kBlank: return Blank(t.value);
    case Term::Kind::kLiteral: return Literal(t.value, t.datatype, t.lang);
    case Term::Kind::kNone: break;
  }
  return nullptr;
}

bool IsIri(Node n) { return n && sord_node_get_type(n) == SORD_URI; }
bool IsBlank(Node n) { return n && sord_node_get_type(n) == SORD_BLANK; }
bool IsLiteral(Node n) { return n && sord_node_get_type(n) == SORD_LITERAL; }
const char* Str(Node n) { return reinterpret_cast<const char*>(sord_node_get_string(n)); }

std::string LangOf(Node n) {
  const char* l = IsLiteral(n) ? sord_node_get_language(n) : nullptr;
  return l ? l : "";
}

std::string DatatypeOf(Node n) {
  if (!IsLiteral(n)) return "";
  if (SordNode* dt = sord_node_get_datatype(n)) return Str(dt);
  return LangOf(n).empty() ? kXsdString : kRdfLangString;
}

Term ToTerm(Node n) {
  if (!n) return {};
  switch (sord_node_get_type(n)) {
    case SORD_URI: return Term::Iri(Str(n));
    case SORD_BLANK: return Term::Blank(Str(n));
    case SORD_LITERAL: {
      SordNode* dt = sord_node_get_datatype(n);
      return Term::Literal(Str(n), dt ? Str(dt) : "", LangOf(n));
    }
  }
  return {};
}

std::string Render(Node n) {
  if (!n) return "(none)";
  switch (sord_node_get_type(n)) {
    case SORD_URI: return std::string("<") + Str(n) + ">";
    case SORD_BLANK: return std::string("_:") + Str(n);
    case SORD_LITERAL: {
      std::string out = "\"";
      for (const char* c = Str(n); *c; ++c) {
        if (*c == '"' || *c == '\\') out += '\\';
        if (*c == '\n') { out += "\\n"; continue; }
        out += *c;
      }
      out += '"';
      std::string lang = LangOf(n);
      if (!lang.empty()) return out + "@" + lang;
      if (SordNode* dt = sord_node_get_datatype(n)) out += std::string("^^<") + Str(dt) + ">";
      return out;
    }
  }
  return "";
}

Graph::Graph(World& world)
    : world_(world),
      rdf_first_(world.Iri(std::string(ns::kRdf) + "first")),
      rdf_rest_(world.Iri(std::string(ns::kRdf) + "rest")),
      rdf_nil_(world.Iri(std::string(ns::kRdf) + "nil")) {}

size_t Graph::size() const {
  Index();
  return spo_.size();
}

size_t Graph::MemoryBytes() const { return spo_.capacity() * sizeof(Triple) + pos_.capacity() * sizeof(uint32_t); }

void Graph::Add(Node s, Node p, Node o) {
  spo_.push_back({s, p, o});
  indexed_ = false;
}

void Graph::Index() const {
  if (indexed_) return;
  std::less<Node> lt;
  auto spo_less = [&](const Triple& a, const Triple& b) {
    if (a.s != b.s) return lt(a.s, b.s);
    if (a.p != b.p) return lt(a.p, b.p);
    return lt(a.o, b.o);
  };
  std::sort(spo_.begin(), spo_.end(), spo_less);
  spo_.erase(std::unique(spo_.begin(), spo_.end(),
                         [](const Triple& a, const Triple& b) { return a.s == b.s && a.p == b.p && a.o == b.o; }),
             spo_.end());
  spo_.shrink_to_fit();
  pos_.resize(spo_.size());
  for (size_t i = 0; i < pos_.size(); ++i) pos_[i] = static_cast<uint32_t>(i);
  std::sort(pos_.begin(), pos_.end(), [&](uint32_t x, uint32_t y) {
    const Triple& a = spo_[x];
    const Triple& b = spo_[y];
    if (a.p != b.p) return lt(a.p, b.p);
    if (a.o != b.o) return lt(a.o, b.o);
    return x < y;  // spo_ order: by subject
  });
  indexed_ = true;
}

std::pair<size_t, size_t> Graph::SubjectRange(Node s, Node p) const {
  std::less<Node> lt;
  auto lo = std::lower_bound(spo_.begin(), spo_.end(), s, [&](const Triple& t, Node v) {
    return t.s != v ? lt(t.s, v) : (p && lt(t.p, p));
  });
  auto hi = std::upper_bound(lo, spo_.end(), s, [&](Node v, const Triple& t) {
    return v != t.s ? lt(v, t.s) : (p && lt(p, t.p));
  });
  return {static_cast<size_t>(lo - spo_.begin()), static_cast<size_t>(hi - spo_.begin())};
}

std::pair<size_t, size_t> Graph::PredicateRange(Node p, Node o) const {
  std::less<Node> lt;
  auto lo = std::lower_bound(pos_.begin(), pos_.end(), p, [&](uint32_t i, Node v) {
    const Triple& t = spo_[i];
    return t.p != v ? lt(t.p, v) : (o && lt(t.o, o));
  });
  auto hi = std::upper_bound(lo, pos_.end(), p, [&](Node v, uint32_t i) {
    const Triple& t = spo_[i];
    return v != t.p ? lt(v, t.p) : (o && lt(o, t.o));
  });
  return {static_cast<size_t>(lo - pos_.begin()), static_cast<size_t>(hi - pos_.begin())};
}

Status Graph::Read(FILE* f, const std::string& name, const std::string& base, const std::string* text) {
  SerdNode base_node = serd_node_from_string(SERD_URI, U(base.c_str()));
  SerdEnv* env = serd_env_new(base.empty() ? nullptr : &base_node);
  ReadState st{&world_, this, env, Status::OK(), name};
  SerdReader* reader = serd_reader_new(text ? SERD_TURTLE : SyntaxFor(name), &st, nullptr, OnBase,
                                       OnPrefix, OnStatement, nullptr);
  serd_reader_set_error_sink(reader, OnError, &st);
  // A prefix per source keeps blank nodes of different files apart.
  std::string prefix = "f" + std::to_string(world_.NextBlankPrefix()) + "_";
  serd_reader_add_blank_prefix(reader, U(prefix.c_str()));
  SerdStatus rc = text ? serd_reader_read_string(reader, U(text->c_str()))
                       : serd_reader_read_file_handle(reader, f, U(name.c_str()));
  serd_reader_free(reader);
  serd_env_free(env);
  if (!st.error.ok()) return st.error;
  if (rc != SERD_SUCCESS && rc != SERD_FAILURE) return ParseError("cannot parse RDF", Location{name, 0, 0, ""});
  return Status::OK();
}

Status Graph::LoadFile(const std::string& path, const std::string& base) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return NotFound("cannot open " + path, Location{path, 0, 0, ""});
  std::string b = base;
  if (b.empty()) {
    char* abs = realpath(path.c_str(), nullptr);
    SerdNode uri = serd_node_new_file_uri(U(abs ? abs : path.c_str()), nullptr, nullptr, true);
    b = reinterpret_cast<const char*>(uri.buf);
    serd_node_free(&uri);
    std::free(abs);
  }
  Status s = Read(f, path, b, nullptr);
  std::fclose(f);
  return s;
}

Status Graph::LoadString(const std::string& turtle, const std::string& base) {
  return Read(nullptr, "(string)", base, &turtle);
}

void Graph::Add(const Quads& quads) {
  spo_.reserve(spo_.size() + quads.size());
  for (const Quad& q : quads) {
    Node s = world_.Intern(q.subject), p = world_.Intern(q.predicate), o = world_.Intern(q.object);
    if (s && p && o) Add(s, p, o);
  }
}

std::vector<Node> Graph::Objects(Node s, Node p) const {
  std::vector<Node> out;
  ForObjects(s, p, [&](Node o) { out.push_back(o); });
  return out;
}

std::vector<Node> Graph::Subjects(Node p, Node o) const {
  std::vector<Node> out;
  ForSubjects(p, o, [&](Node s) { out.push_back(s); });
  return out;
}

Node Graph::Object(Node s, Node p) const {
  Index();
  auto [b, e] = SubjectRange(s, p);
  return b < e ? spo_[b].o : nullptr;
}

bool Graph::Has(Node s, Node p, Node o) const {
  Index();
  auto [b, e] = SubjectRange(s, p);
  for (size_t i = b; i < e; ++i)
    if (spo_[i].o == o) return true;
  return false;
}

std::vector<Node> Graph::List(Node head) const {
  std::vector<Node> out;
  std::unordered_set<Node> seen;
  for (Node n = head; n && n != rdf_nil_;) {
    if (!seen.insert(n).second) break;  // cyclic list
    Node first = Object(n, rdf_first_);
    if (!first) break;
    out.push_back(first);
    n = Object(n, rdf_rest_);
  }
  return out;
}

}  // namespace presskg::shacl
