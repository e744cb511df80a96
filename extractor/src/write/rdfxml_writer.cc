// RDF/XML through Raptor's streaming "rdfxml" serializer (triples only: graphs are dropped).
//
// XML 1.0 cannot carry most C0 control characters even as character references, so literals are
// written with those replaced by U+FFFD (tab, newline and carriage return are kept) — the one
// place where a writer changes data; every other syntax keeps them. Raptor's messages go to a log
// handler (the library never prints); the first error fails Write/Close.
#include <raptor2.h>

#include <string>

#include "graph/text_util.h"
#include "presskg/rdf.h"
#include "write/term_text.h"
#include "write/writers.h"

namespace presskg {
namespace writeimpl {
namespace {

const unsigned char* U(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.c_str()); }

// Literal text XML 1.0 can carry.
std::string XmlSafeText(const std::string& s) {
  std::string repaired = graphutil::RepairUtf8(s);
  std::string out;
  out.reserve(repaired.size());
  for (std::size_t i = 0; i < repaired.size(); ++i) {
    const auto c = static_cast<unsigned char>(repaired[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if (c == 0xEF && i + 2 < repaired.size() && static_cast<unsigned char>(repaired[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(repaired[i + 2]) == 0xBE || static_cast<unsigned char>(repaired[i + 2]) == 0xBF)) {
      out += "\xEF\xBF\xBD";  // U+FFFE, U+FFFF are not XML characters either
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

class RdfXmlWriter : public QuadWriter {
 public:
  explicit RdfXmlWriter(std::unique_ptr<Output> out) : out_(std::move(out)) {}

  Status Init() {
    world_ = raptor_new_world();
    if (!world_) return Internal("raptor: cannot create a world");
    raptor_world_set_log_handler(world_, this, &RdfXmlWriter::OnLog);
    raptor_world_open(world_);
    handler_.version = 2;  // Raptor refuses version-1 handlers for writing
    handler_.write_byte = &RdfXmlWriter::WriteByte;
    handler_.write_bytes = &RdfXmlWriter::WriteBytes;
    stream_ = raptor_new_iostream_from_handler(world_, this, &handler_);
    ser_ = raptor_new_serializer(world_, "rdfxml");
    if (!stream_ || !ser_) return Internal("raptor: cannot create the RDF/XML serializer");
    // Vocabulary prefixes only: RDF/XML uses QNames for predicates and types, never for data IRIs.
    for (const auto& [prefix, iri] : WriterPrefixes("")) {
      raptor_uri* u = raptor_new_uri(world_, U(iri));
      raptor_serializer_set_namespace(ser_, u, U(prefix));
      raptor_free_uri(u);
    }
    if (raptor_serializer_start_to_iostream(ser_, nullptr, stream_) != 0) {
      return Internal("raptor: cannot start the RDF/XML serializer" + (error_.empty() ? "" : ": " + error_));
    }
    return Status::OK();
  }

  ~RdfXmlWriter() override {
    if (ser_) Close();
    if (stream_) raptor_free_iostream(stream_);
    if (world_) raptor_free_world(world_);
  }

  Status Write(const Quads& quads) override { return WriteEach(*this, quads); }

  Status WriteOne(const Quad& q) override {
    if (!ser_) return Internal("QuadWriter::Write after Close");
    if (Status st = CheckStatement(q); !st.ok()) return st;
    raptor_statement* st = raptor_new_statement_from_nodes(world_, NewTerm(q.subject), NewTerm(q.predicate),
                                                           NewTerm(q.object), nullptr);
    raptor_serializer_serialize_statement(ser_, st);
    raptor_free_statement(st);
    if (!error_.empty()) return Internal("raptor: " + error_, FileLocation(out_->name()));
    return Status::OK();
  }

  Status Close() override {
    if (!ser_) return Status::OK();
    raptor_serializer_serialize_end(ser_);
    raptor_free_serializer(ser_);
    raptor_free_iostream(stream_);
    raptor_free_world(world_);
    ser_ = nullptr;
    stream_ = nullptr;
    world_ = nullptr;
    Status st = out_->Close();
    if (st.ok() && !error_.empty()) st = Internal("raptor: " + error_, FileLocation(out_->name()));
    return st;
  }

 private:
  raptor_term* NewTerm(const Term& t) {
    if (t.is_blank()) return raptor_new_term_from_blank(world_, U(SafeBlankLabel(t.value)));
    if (t.is_iri()) return raptor_new_term_from_uri_string(world_, U(graphutil::MakeSafeIri(t.value)));
    const std::string text = XmlSafeText(t.value);
    raptor_uri* dt = nullptr;
    std::string lang;
    if (!t.lang.empty()) {
      if (IsValidLangTag(t.lang)) lang = t.lang;
    } else if (!t.datatype.empty() && t.datatype != std::string(ns::kXsd) + "string") {
      dt = raptor_new_uri(world_, U(graphutil::MakeSafeIri(t.datatype)));
    }
    raptor_term* term = raptor_new_term_from_counted_literal(
        world_, U(text), text.size(), dt, lang.empty() ? nullptr : U(lang), static_cast<unsigned char>(lang.size()));
    if (dt) raptor_free_uri(dt);
    return term;
  }

  static int WriteByte(void* ctx, const int byte) {
    const char c = static_cast<char>(byte);
    static_cast<RdfXmlWriter*>(ctx)->out_->Write(&c, 1);
    return 0;
  }
  static int WriteBytes(void* ctx, const void* ptr, size_t size, size_t nmemb) {
    static_cast<RdfXmlWriter*>(ctx)->out_->Write(ptr, size * nmemb);
    return static_cast<int>(nmemb);
  }
  static void OnLog(void* ctx, raptor_log_message* m) {
    auto* self = static_cast<RdfXmlWriter*>(ctx);
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR && self->error_.empty()) self->error_ = m->text ? m->text : "error";
  }

  std::unique_ptr<Output> out_;
  raptor_world* world_ = nullptr;
  raptor_iostream_handler handler_{};
  raptor_iostream* stream_ = nullptr;
  raptor_serializer* ser_ = nullptr;
  std::string error_;
};

}  // namespace

Result<std::unique_ptr<QuadWriter>> NewRdfXmlWriter(std::unique_ptr<Output> out, const WriterOptions&) {
  std::unique_ptr<RdfXmlWriter> w(new RdfXmlWriter(std::move(out)));
  Status st = w->Init();
  if (!st.ok()) return st;
  return std::unique_ptr<QuadWriter>(std::move(w));
}

}  // namespace writeimpl
}  // namespace presskg
