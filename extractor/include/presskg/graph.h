// presskg/graph.h — facts → quads: deterministic IRIs, one named graph per release, provenance.
// The shape of the output is fixed in docs/vocabulary.md.
//
//   GraphBuilder g(GraphOptions{/*base=*/"https://example.org/kg/"});
//   Quads q = g.BuildRelease(doc, facts);     // same input → same quads, in a stable order
//
// Determinism is the point: IRIs are minted from canonical keys (ISO codes, gazetteer ids,
// NFKC-casefolded names, SHA-256 of a fact's content), never from positions, counters or time, so
// the same release always yields the same quads and shards merge by set union. Only BuildRun's
// quads (in the default graph) vary between runs. Text never goes into an IRI unencoded
// (EncodeIriSegment), and every literal is valid UTF-8 (invalid input bytes become U+FFFD).
#ifndef PRESSKG_GRAPH_H
#define PRESSKG_GRAPH_H

#include <string>
#include <vector>

#include "presskg/document.h"
#include "presskg/fact.h"
#include "presskg/rdf.h"

namespace presskg {

namespace graphimpl {
class ReleaseWriter;
}

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
  // All quads of one release, in its named graph: document, facts, evidence, entities. Sorted and
  // without duplicates. Facts with the same content (same IRI) merge: all their evidence spans are
  // kept, and the rule/confidence of the most confident one.
  Quads BuildRelease(const Document& doc, const std::vector<Fact>& facts) const;
  // The same quads, in the same order, as a table of shared terms (cheaper to build and to write:
  // QuadWriter::WriteTable). BuildRelease is BuildReleaseTable(...).ToQuads().
  QuadTable BuildReleaseTable(const Document& doc, const std::vector<Fact>& facts) const;
  // Run metadata (prov:Activity) in the default graph; the only quads that vary between runs.
  Quads BuildRun(const RunInfo& run) const;

  std::string DocumentIri(const std::string& doc_id) const;
  std::string GraphIri(const std::string& doc_id) const;
  std::string FactIri(const Fact& fact) const;
  // The node an entity becomes: BASE org/…, person/…, country/{ISO}, place/… (docs/vocabulary.md).
  std::string EntityIri(const EntityRef& entity) const;
  std::string CountryIri(const std::string& iso2) const;
  std::string RunIri(const RunInfo& run) const;

 private:
  friend class graphimpl::ReleaseWriter;
  struct EntityIriCache;  // one release's entity IRIs (builder.cc)
  // FactIri with `doc_id` standing for the fact's doc field; `cache` may be null.
  std::string FactIriIn(const Fact& fact, const std::string& doc_id, EntityIriCache* cache) const;
  const std::string& CachedEntityIri(const EntityRef& entity, EntityIriCache* cache) const;
  GraphOptions options_;
};

// Percent-encodes `text` for use as one IRI path segment (iunreserved kept).
std::string EncodeIriSegment(const std::string& text);

// The canonical form of a name used as an IRI key: NFKC case-folded (ICU), white space trimmed and
// collapsed to single spaces, invalid UTF-8 replaced by U+FFFD.
std::string NormalizeKey(const std::string& name);

}  // namespace presskg

#endif  // PRESSKG_GRAPH_H
