// presskg/writer.h — RDF syntaxes: streaming writers (Serd for Turtle/N-Triples/N-Quads/TriG,
// JSON-LD 1.1 compacted with ontology/context.jsonld, RDF/XML through Raptor) and a reader.
//
//   auto w = QuadWriter::Open("out.ttl", RdfFormat::kTurtle);   // "-" = standard output
//   (*w)->Write(quads); ... (*w)->Close();       // or WriteTable(GraphBuilder::BuildReleaseTable(…))
//   Result<Quads> q = ReadRdfFile("data.nq");                     // format from the extension
//
// Writers never produce output a conforming parser rejects: strings with invalid UTF-8 (lone
// surrogates, truncated sequences) are written with U+FFFD in their place, IRIs containing
// characters IRIREF excludes (space, <>"{}|^`\, controls) are written percent-encoded, blank node
// labels are reduced to safe characters. Turtle, N-Triples and RDF/XML drop the graph of each quad
// (FormatKeepsGraphs). Memory does not grow with the number of quads written: Serd and the RDF/XML
// writer stream statement by statement, JSON-LD buffers one node (consecutive quads with the same
// subject and graph; a node or graph that reappears later is written again and merges on reading).
#ifndef PRESSKG_WRITER_H
#define PRESSKG_WRITER_H

#include <functional>
#include <memory>
#include <string>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

enum class RdfFormat { kTurtle, kNTriples, kNQuads, kTriG, kJsonLd, kRdfXml };

// "ttl"|"turtle", "nt"|"ntriples", "nq"|"nquads", "trig", "jsonld"|"json-ld", "rdf"|"xml"|"rdfxml".
// Case-insensitive.
Result<RdfFormat> RdfFormatFromName(const std::string& name);
// From a file extension (.ttl .nt .nq .trig .jsonld/.json .rdf/.xml/.owl).
Result<RdfFormat> RdfFormatFromPath(const std::string& path);
const char* RdfFormatName(RdfFormat f);  // "ttl", "nt", "nq", "trig", "jsonld", "rdfxml"
bool FormatKeepsGraphs(RdfFormat f);  // N-Quads, TriG, JSON-LD

struct WriterOptions {
  std::string base = ns::kDefaultBase;  // for prefixes in Turtle/TriG (doc:, fact:, ... under it)
  std::string context_path;             // JSON-LD context file; "" = ontology/context.jsonld as
                                        // compiled into the library
};

class QuadWriter {
 public:
  virtual ~QuadWriter() = default;
  static Result<std::unique_ptr<QuadWriter>> Open(const std::string& path, RdfFormat format,
                                                  const WriterOptions& options = {});
  // Appends the serialisation to *out (which must outlive the writer); complete after Close().
  static Result<std::unique_ptr<QuadWriter>> OpenString(std::string* out, RdfFormat format,
                                                        const WriterOptions& options = {});
  virtual Status Write(const Quads& quads) = 0;  // may be called many times (streaming)
  virtual Status WriteOne(const Quad& quad);     // one quad, no copy (e.g. from ReadRdf's sink)
  // The table's rows, in order; the same output as Write(table.ToQuads()). N-Triples and N-Quads
  // check and render each distinct term once per table instead of once per statement.
  virtual Status WriteTable(const QuadTable& table);
  virtual Status Close() = 0;                    // finishes the document; reports write errors
};

// The whole serialisation of `quads` as a string.
Result<std::string> WriteRdfString(const Quads& quads, RdfFormat format,
                                   const WriterOptions& options = {});

// Parses an RDF file (Turtle, N-Triples, N-Quads, TriG; format from the extension unless given).
// Errors carry file, line and column. Relative IRIs resolve against the file's URI; prefixed
// names are expanded; Turtle/N-Triples triples land in the default graph.
Result<Quads> ReadRdfFile(const std::string& path);
Result<Quads> ReadRdfFile(const std::string& path, RdfFormat format);
// Same from a string; `base` resolves relative IRIs (may be empty when there are none).
Result<Quads> ReadRdfString(const std::string& text, RdfFormat format, const std::string& base = "");
// Streaming: calls `sink` for each quad as it is parsed (memory stays flat for large files);
// a non-OK status from the sink stops the read and is returned.
Status ReadRdf(const std::string& path, RdfFormat format,
               const std::function<Status(const Quad&)>& sink);

}  // namespace presskg

#endif  // PRESSKG_WRITER_H
