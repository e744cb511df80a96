// presskg/writer.h — RDF syntaxes: streaming writers (Serd for Turtle/N-Triples/N-Quads/TriG,
// JSON-LD 1.1 compacted with ontology/context.jsonld, RDF/XML through Raptor) and a reader.
//
//   auto w = QuadWriter::Open("out.ttl", RdfFormat::kTurtle);   // "-" = standard output
//   (*w)->Write(quads); ... (*w)->Close();
//   Result<Quads> q = ReadRdfFile("data.nq");                     // format from the extension
#ifndef PRESSKG_WRITER_H
#define PRESSKG_WRITER_H

#include <memory>
#include <string>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

enum class RdfFormat { kTurtle, kNTriples, kNQuads, kTriG, kJsonLd, kRdfXml };

// "ttl"|"turtle", "nt"|"ntriples", "nq"|"nquads", "trig", "jsonld"|"json-ld", "rdf"|"xml"|"rdfxml".
Result<RdfFormat> RdfFormatFromName(const std::string& name);
// From a file extension (.ttl .nt .nq .trig .jsonld .rdf).
Result<RdfFormat> RdfFormatFromPath(const std::string& path);
const char* RdfFormatName(RdfFormat f);
bool FormatKeepsGraphs(RdfFormat f);  // N-Quads, TriG, JSON-LD

struct WriterOptions {
  std::string base = ns::kDefaultBase;  // for prefixes in Turtle/TriG
  std::string context_path;             // JSON-LD context; "" = ontology/context.jsonld
};

class QuadWriter {
 public:
  virtual ~QuadWriter() = default;
  static Result<std::unique_ptr<QuadWriter>> Open(const std::string& path, RdfFormat format,
                                                  const WriterOptions& options = {});
  virtual Status Write(const Quads& quads) = 0;  // may be called many times (streaming)
  virtual Status Close() = 0;
};

// Parses an RDF file (Turtle, N-Triples, N-Quads, TriG; format from the extension unless given).
// Errors carry file, line and column.
Result<Quads> ReadRdfFile(const std::string& path);
Result<Quads> ReadRdfFile(const std::string& path, RdfFormat format);

}  // namespace presskg

#endif  // PRESSKG_WRITER_H
