// write/writers.h — the concrete QuadWriter implementations behind QuadWriter::Open (internal).
#ifndef PRESSKG_WRITE_WRITERS_H
#define PRESSKG_WRITE_WRITERS_H

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "presskg/writer.h"
#include "write/output.h"

namespace presskg {
namespace writeimpl {

// Prefixes declared in Turtle/TriG/RDF-XML output: the standard vocabularies and, for the data,
// one prefix per kind of node under `base` (doc:, graph:, fact:, organization:, person:, ...).
std::vector<std::pair<std::string, std::string>> WriterPrefixes(const std::string& base);

// InvalidArgument unless `q` is an RDF statement every syntax can carry: subject an IRI or blank
// node, predicate an IRI, an object.
Status CheckStatement(const Term& subject, const Term& predicate, const Term& object);
inline Status CheckStatement(const Quad& q) { return CheckStatement(q.subject, q.predicate, q.object); }
// Writes `quads` one by one through w.WriteOne, stopping at the first error.
Status WriteEach(QuadWriter& w, const Quads& quads);

// Turtle, N-Triples, N-Quads, TriG through Serd.
std::unique_ptr<QuadWriter> NewSerdWriter(std::unique_ptr<Output> out, RdfFormat format,
                                          const WriterOptions& options);
// JSON-LD 1.1, compacted with the context (ontology/context.jsonld).
Result<std::unique_ptr<QuadWriter>> NewJsonLdWriter(std::unique_ptr<Output> out,
                                                    const WriterOptions& options);
// RDF/XML through Raptor (triples only).
Result<std::unique_ptr<QuadWriter>> NewRdfXmlWriter(std::unique_ptr<Output> out,
                                                    const WriterOptions& options);

}  // namespace writeimpl
}  // namespace presskg

#endif  // PRESSKG_WRITE_WRITERS_H
