// ReadRdfFile / ReadRdfString / ReadRdf: Serd's reader (Turtle, N-Triples, N-Quads, TriG) into
// Quads, with prefixed names and relative IRIs expanded through a SerdEnv fed by the document's own
// @prefix/@base directives.
#include <serd/serd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "presskg/writer.h"
#include "write/output.h"

namespace presskg {
namespace {

Result<SerdSyntax> SerdSyntaxFor(RdfFormat f) {
  switch (f) {
    case RdfFormat::kTurtle: return SERD_TURTLE;
    case RdfFormat::kNTriples: return SERD_NTRIPLES;
    case RdfFormat::kNQuads: return SERD_NQUADS;
    case RdfFormat::kTriG: return SERD_TRIG;
    default:
      return Unsupported(std::string("reading ") + RdfFormatName(f) +
                         " is not supported (Turtle, N-Triples, N-Quads, TriG only)");
  }
}

struct ReadState {
  SerdEnv* env = nullptr;
  const std::function<Status(const Quad&)>* sink = nullptr;
  std::string file;
  Status status;          // first error (syntax, expansion, or from the sink)
  Quad quad;              // reused between statements
};

std::string NodeText(const SerdNode* n) {
  return std::string(reinterpret_cast<const char*>(n->buf), n->n_bytes);
}

// IRI from a URI or CURIE node, expanded/resolved in the current environment.
bool ExpandIri(ReadState* st, const SerdNode* n, std::string* out) {
  if (n->type == SERD_URI && serd_uri_string_has_scheme(n->buf)) {
    out->assign(reinterpret_cast<const char*>(n->buf), n->n_bytes);
    return true;
  }
  SerdNode full = serd_env_expand_node(st->env, n);
  if (!full.buf) {
    if (st->status.ok()) {
      st->status = ParseError((n->type == SERD_CURIE ? "undefined prefix in " : "cannot resolve IRI ") +
                                  NodeText(n),
                              writeimpl::FileLocation(st->file));
    }
    return false;
  }
  out->assign(reinterpret_cast<const char*>(full.buf), full.n_bytes);
  serd_node_free(&full);
  return true;
}

bool ToTerm(ReadState* st, const SerdNode* n, Term* t) {
  t->datatype.clear();
  t->lang.clear();
  switch (n->type) {
    case SERD_URI:
    case SERD_CURIE:
      t->kind = Term::Kind::kIri;
      return ExpandIri(st, n, &t->value);
    case SERD_BLANK:
      t->kind = Term::Kind::kBlank;
      t->value.assign(reinterpret_cast<const char*>(n->buf), n->n_bytes);
      return true;
    case SERD_LITERAL:
      t->kind = Term::Kind::kLiteral;
      t->value.assign(reinterpret_cast<const char*>(n->buf), n->n_bytes);
      return true;
    default:
      t->kind = Term::Kind::kNone;
      t->value.clear();
      return true;
  }
}

SerdStatus OnBase(void* handle, const SerdNode* uri) {
  return serd_env_set_base_uri(static_cast<ReadState*>(handle)->env, uri);
}

SerdStatus OnPrefix(void* handle, const SerdNode* name, const SerdNode* uri) {
  return serd_env_set_prefix(static_cast<ReadState*>(handle)->env, name, uri);
}

SerdStatus OnStatement(void* handle, SerdStatementFlags, const SerdNode* graph, const SerdNode* subject,
                       const SerdNode* predicate, const SerdNode* object, const SerdNode* datatype,
                       const SerdNode* lang) {
  auto* st = static_cast<ReadState*>(handle);
  Quad& q = st->quad;
  if (!ToTerm(st, subject, &q.subject) || !ToTerm(st, predicate, &q.predicate) ||
      !ToTerm(st, object, &q.object)) {
    return SERD_ERR_BAD_SYNTAX;
  }
  if (graph && graph->buf) {
    if (!ToTerm(st, graph, &q.graph)) return SERD_ERR_BAD_SYNTAX;
  } else {
    q.graph = Term();
  }
  if (object->type == SERD_LITERAL) {
    if (datatype && datatype->buf && !ExpandIri(st, datatype, &q.object.datatype)) return SERD_ERR_BAD_SYNTAX;
    if (lang && lang->buf) {
      q.object.lang.assign(reinterpret_cast<const char*>(lang->buf), lang->n_bytes);
      for (char& c : q.object.lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    static const std::string kXsdString = std::string(ns::kXsd) + "string";
    if (q.object.datatype == kXsdString) q.object.datatype.clear();
  }
  Status s = (*st->sink)(q);
  if (!s.ok()) {
    if (st->status.ok()) st->status = s;
    return SERD_FAILURE;
  }
  return SERD_SUCCESS;
}

SerdStatus OnError(void* handle, const SerdError* e) {
  auto* st = static_cast<ReadState*>(handle);
  if (st->status.ok()) {
    char msg[512];
    va_list args;
    va_copy(args, *e->args);
    std::vsnprintf(msg, sizeof msg, e->fmt, args);
    va_end(args);
    std::string m = msg;
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    st->status = ParseError(m, writeimpl::FileLocation(st->file, static_cast<int>(e->line), static_cast<int>(e->col) + 1));
  }
  return SERD_SUCCESS;
}

// Runs a reader over either a FILE* or a string.
Status Read(RdfFormat format, const std::string& name, const std::string& base, std::FILE* file,
            const std::string* text, const std::function<Status(const Quad&)>& sink) {
  Result<SerdSyntax> syntax = SerdSyntaxFor(format);
  if (!syntax.ok()) return syntax.status();
  ReadState st;
  st.sink = &sink;
  st.file = name;
  SerdNode base_node = SERD_NODE_NULL;
  if (!base.empty()) base_node = serd_node_from_string(SERD_URI, reinterpret_cast<const uint8_t*>(base.c_str()));
  st.env = serd_env_new(base.empty() ? nullptr : &base_node);
  SerdReader* reader = serd_reader_new(*syntax, &st, nullptr, &OnBase, &OnPrefix, &OnStatement, nullptr);
  serd_reader_set_strict(reader, true);
  serd_reader_set_error_sink(reader, &OnError, &st);
  SerdStatus rs;
  if (file) {
    rs = serd_reader_read_file_handle(reader, file, reinterpret_cast<const uint8_t*>(name.c_str()));
  } else {
    rs = serd_reader_read_string(reader, reinterpret_cast<const uint8_t*>(text->c_str()));
  }
  serd_reader_free(reader);
  serd_env_free(st.env);
  if (!st.status.ok()) return st.status;
  if (rs != SERD_SUCCESS && rs != SERD_FAILURE) {
    return ParseError(std::string("cannot parse: ") + reinterpret_cast<const char*>(serd_strerror(rs)),
                      writeimpl::FileLocation(name));
  }
  return Status::OK();
}

std::string FileBaseIri(const std::string& path) {
  char* abs = realpath(path.c_str(), nullptr);
  std::string p = abs ? abs : path;
  std::free(abs);
  SerdNode uri = serd_node_new_file_uri(reinterpret_cast<const uint8_t*>(p.c_str()), nullptr, nullptr, true);
  std::string out = uri.buf ? NodeText(&uri) : std::string();
  serd_node_free(&uri);
  return out;
}

}  // namespace

Status ReadRdf(const std::string& path, RdfFormat format, const std::function<Status(const Quad&)>& sink) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) {
    return (errno == ENOENT ? NotFound("no such file", writeimpl::FileLocation(path))
                            : IoError(std::string("cannot open: ") + std::strerror(errno), writeimpl::FileLocation(path)));
  }
  Status st = Read(format, path, path == "-" ? std::string() : FileBaseIri(path), f, nullptr, sink);
  if (f != stdin) std::fclose(f);
  return st;
}

Result<Quads> ReadRdfFile(const std::string& path, RdfFormat format) {
  Quads quads;
  Status st = ReadRdf(path, format, [&quads](const Quad& q) {
    quads.push_back(q);
    return Status::OK();
  });
  if (!st.ok()) return st;
  return quads;
}

Result<Quads> ReadRdfFile(const std::string& path) {
  Result<RdfFormat> f = RdfFormatFromPath(path);
  if (!f.ok()) return f.status();
  return ReadRdfFile(path, *f);
}

Result<Quads> ReadRdfString(const std::string& text, RdfFormat format, const std::string& base) {
  Quads quads;
  const std::function<Status(const Quad&)> sink = [&quads](const Quad& q) {
    quads.push_back(q);
    return Status::OK();
  };
  Status st = Read(format, "<string>", base, nullptr, &text, sink);
  if (!st.ok()) return st;
  return quads;
}

}  // namespace presskg
