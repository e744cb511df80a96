// presskg/graph.h — facts → quads: deterministic IRIs, one named graph per release, provenance.
// The shape of the output is fixed in docs/vocabulary.md.
//
//   GraphBuilder g(GraphOptions{/*base=*/"https://example.org/kg/"});
//   Quads q = g.BuildRelease(doc, facts);     // same input → same quads, in a stable order
#ifndef PRESSKG_GRAPH_H
#define PRESSKG_GRAPH_H

#include <string>
#include <vector>

#include "presskg/document.h"
#include "presskg/fact.h"
#include "presskg/rdf.h"

namespace presskg {

struct GraphOptions {
  std::string base = ns::kDefaultBase;  // must end with '/' or '#'
  std::string rule_pack_version;        // Extractor::RulePackVersion()
  std::string tool_version;             // presskg version
};

struct RunInfo {
  std::string started_at;  // xsd:dateTime
  std::vector<std::string> doc_ids;
};

class GraphBuilder {
 public:
  explicit GraphBuilder(GraphOptions options);
  // All quads of one release, in its named graph: document, facts, evidence, entities.
  Quads BuildRelease(const Document& doc, const std::vector<Fact>& facts) const;
  // Run metadata (prov:Activity) in the default graph; the only quads that vary between runs.
  Quads BuildRun(const RunInfo& run) const;

  std::string DocumentIri(const std::string& doc_id) const;
  std::string GraphIri(const std::string& doc_id) const;
  std::string FactIri(const Fact& fact) const;

 private:
  GraphOptions options_;
};

// Percent-encodes `text` for use as one IRI path segment (iunreserved kept).
std::string EncodeIriSegment(const std::string& text);

}  // namespace presskg

#endif  // PRESSKG_GRAPH_H
