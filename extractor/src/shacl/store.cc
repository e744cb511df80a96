#include "shacl/store.h"

#include <serd/serd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace presskg::shacl {
namespace {

constexpr const char* kXsdString = "http://www.w3.org/2001/XMLSchema#string";
constexpr const char* kRdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

const uint8_t* U(const char* s) { return reinterpret_cast<const uint8_t*>(s); }

struct ReadState {
  World* world;
  SordModel* model;
  SerdEnv* env;
  Status error;
  std::string name;
};

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
  auto* st = static_cast<ReadState*>(h);
  SordWorld* w = st->world->get();
  SordNode* sn = sord_node_from_serd_node(w, st->env, s, nullptr, nullptr);
  SordNode* pn = sord_node_from_serd_node(w, st->env, p, nullptr, nullptr);
  SordNode* on = nullptr;
  if (o->type == SERD_LITERAL && dt && dt->buf) {
    // "x"^^xsd:string and "x" are one RDF 1.1 term: store both as the plain literal.
    SordNode* dn = sord_node_from_serd_node(w, st->env, dt, nullptr, nullptr);
    bool is_string = dn && std::strcmp(reinterpret_cast<const char*>(sord_node_get_string(dn)), kXsdString) == 0;
    if (dn) sord_node_free(w, dn);
    on = sord_node_from_serd_node(w, st->env, o, is_string ? nullptr : dt, lang);
  } else {
    on = sord_node_from_serd_node(w, st->env, o, dt, lang);
  }
  SerdStatus rc = SERD_SUCCESS;
  if (sn && pn && on) {
    SordQuad q = {sn, pn, on, nullptr};
    sord_add(st->model, q);
  } else {
    rc = SERD_ERR_BAD_CURIE;
    if (st->error.ok()) st->error = ParseError("cannot expand a term (undefined prefix?)", Location{st->name, 0, 0, ""});
  }
  if (sn) sord_node_free(w, sn);
  if (pn) sord_node_free(w, pn);
  if (on) sord_node_free(w, on);
  return rc;
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

World::~World() {
  for (SordNode* n : owned_) sord_node_free(world_, n);
  sord_world_free(world_);
}

Node World::Keep(SordNode* n) {
  if (n) owned_.push_back(n);
  return n;
}

Node World::Iri(const std::string& iri) { return Keep(sord_new_uri(world_, U(iri.c_str()))); }

Node World::Blank(const std::string& label) { return Keep(sord_new_blank(world_, U(label.c_str()))); }

Node World::Literal(const std::string& lex, const std::string& datatype, const std::string& lang) {
  SordNode* dt = nullptr;
  if (!datatype.empty() && datatype != kXsdString && !(datatype == kRdfLangString && !lang.empty()))
    dt = sord_new_uri(world_, U(datatype.c_str()));
  SordNode* n = sord_new_literal(world_, dt, U(lex.c_str()), lang.empty() ? nullptr : lang.c_str());
  if (dt) sord_node_free(world_, dt);
  return Keep(n);
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
      model_(sord_new(world.get(), SORD_SPO | SORD_OPS | SORD_POS, false)),
      rdf_first_(world.Iri(std::string(ns::kRdf) + "first")),
      rdf_rest_(world.Iri(std::string(ns::kRdf) + "rest")),
      rdf_nil_(world.Iri(std::string(ns::kRdf) + "nil")) {}

Graph::~Graph() { sord_free(model_); }

size_t Graph::size() const { return sord_num_quads(model_); }

Status Graph::Read(FILE* f, const std::string& name, const std::string& base, const std::string* text) {
  SerdNode base_node = serd_node_from_string(SERD_URI, U(base.c_str()));
  SerdEnv* env = serd_env_new(base.empty() ? nullptr : &base_node);
  ReadState st{&world_, model_, env, Status::OK(), name};
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

void Graph::Add(Node s, Node p, Node o) {
  SordQuad q = {s, p, o, nullptr};
  sord_add(model_, q);
}

void Graph::Add(const Quads& quads) {
  SordWorld* w = world_.get();
  auto make = [&](const Term& t) -> SordNode* {
    switch (t.kind) {
      case Term::Kind::kIri: return sord_new_uri(w, U(t.value.c_str()));
      case Term::Kind::kBlank: return sord_new_blank(w, U(t.value.c_str()));
      case Term::Kind::kLiteral: {
        SordNode* dt = nullptr;
        if (!t.datatype.empty() && t.datatype != kXsdString && t.lang.empty())
          dt = sord_new_uri(w, U(t.datatype.c_str()));
        SordNode* n = sord_new_literal(w, dt, U(t.value.c_str()), t.lang.empty() ? nullptr : t.lang.c_str());
        if (dt) sord_node_free(w, dt);
        return n;
      }
      case Term::Kind::kNone: break;
    }
    return nullptr;
  };
  for (const Quad& q : quads) {
    SordNode* s = make(q.subject);
    SordNode* p = make(q.predicate);
    SordNode* o = make(q.object);
    if (s && p && o) Add(s, p, o);
    if (s) sord_node_free(w, s);
    if (p) sord_node_free(w, p);
    if (o) sord_node_free(w, o);
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
  SordQuad pat = {s, p, nullptr, nullptr};
  SordIter* it = sord_find(model_, pat);
  Node out = nullptr;
  if (it && !sord_iter_end(it)) out = sord_iter_get_node(it, SORD_OBJECT);
  if (it) sord_iter_free(it);
  return out;
}

bool Graph::Has(Node s, Node p, Node o) const { return sord_ask(model_, s, p, o, nullptr); }

std::vector<Node> Graph::List(Node head) const {
  std::vector<Node> out;
  std::vector<Node> seen;
  for (Node n = head; n && n != rdf_nil_;) {
    if (std::find(seen.begin(), seen.end(), n) != seen.end()) break;  // cyclic list
    seen.push_back(n);
    Node first = Object(n, rdf_first_);
    if (!first) break;
    out.push_back(first);
    n = Object(n, rdf_rest_);
  }
  return out;
}

}  // namespace presskg::shacl
