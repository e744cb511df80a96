// presskg/network.h — the partnership network (Boost.Graph): organizations and countries joined by
// agreements and partnerships; centrality, components, brokers; GraphML, DOT, CSV and SVG exports.
//
//   Result<Network> net = BuildNetwork(quads, NetworkOptions{});
//   NetworkMetrics m = ComputeMetrics(*net);
//   std::string graphml = WriteGraphMl(*net, &m);
//   Result<std::string> svg = RenderSvg(*net, m, SvgOptions{});   // runs Graphviz (sfdp)
//
// Shape of the input: docs/vocabulary.md (pkg:Agreement facts with pkg:party, pkg:country,
// pkg:kind, dcterms:date, pkg:inDocument). Conventions of every metric (they equal networkx's
// defaults): docs/network.md.
#ifndef PRESSKG_NETWORK_H
#define PRESSKG_NETWORK_H

#include <string>
#include <utility>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

class Store;

struct NetworkOptions {
  int year_from = 0, year_to = 0;        // 0 = open; inclusive; an undated agreement is dropped when set
  std::vector<std::string> kinds;        // agreement | mou | partnership; empty = all
  std::vector<std::string> countries;    // ISO codes; empty = all (an agreement is kept when one of
                                         // its parties or concerned countries has one of them)
  // kFull: every party and concerned country; co-parties joined, and each party joined to the
  //        countries the agreement concerns.
  // kOrgCountry: bipartite; an organization joined to the country parties and concerned countries
  //        of its agreements (no org–org or country–country edges).
  // kOrgOrg: organizations only; two joined when they are parties to the same agreement.
  enum class View { kFull, kOrgCountry, kOrgOrg } view = View::kFull;
  // Label choice: a label in this language (tag of the literal, else the language of the release
  // whose graph holds it) wins; then the label used by most releases, then the longest, then the
  // smallest in code-unit order. "" = no language preference.
  std::string label_language;
};

struct NetworkVertex {
  std::string iri, label, kind;  // kind: "organization" | "country"
  std::vector<std::string> labels;  // every label seen, the chosen one first, then in preference order
  std::string iso;                  // ISO 3166-1 alpha-2 for countries, else ""
};

struct NetworkEdge {
  int source = 0, target = 0;        // source < target (undirected)
  double weight = 0;                 // number of agreements joining them
  std::vector<std::string> years, kinds, docs;  // sorted, distinct; docs = release ids
  std::vector<std::string> agreements;          // fact IRIs, sorted; weight == agreements.size()
};

// Vertices are sorted by IRI and edges by (source, target): the same data gives the same network.
// No self-loops and no parallel edges.
struct Network {
  std::vector<NetworkVertex> vertices;
  std::vector<NetworkEdge> edges;
};

struct VertexMetrics {
  int degree = 0;
  double weighted_degree = 0, betweenness = 0, closeness = 0, pagerank = 0;
  int component = 0, core = 0;
  bool articulation = false;
};

struct NetworkMetrics {
  std::vector<VertexMetrics> vertices;
  std::vector<std::pair<int, int>> bridges;  // (source, target) with source < target, sorted
  int components = 0;                        // number of connected components
  int pagerank_iterations = 0;               // power iterations until converged (0 = empty graph)
  bool pagerank_converged = true;            // false: max_iter reached; values are the last iterate
};

// Metric conventions (all as networkx 2.8 defaults; docs/network.md):
//   degree: neighbours; weighted_degree: sum of edge weights;
//   betweenness: Brandes (boost::brandes_betweenness_centrality), unweighted shortest paths,
//     normalised by 2/((n-1)(n-2)) (= networkx betweenness_centrality(G)); 0 when n <= 2;
//   closeness: unweighted, (r-1)/sum(d) scaled by (r-1)/(n-1) (Wasserman–Faust, networkx
//     wf_improved=True), r = vertices reachable including itself; 0 for isolated vertices;
//   pagerank: power iteration with weights, alpha 0.85, uniform teleport and dangling vectors,
//     stop when the L1 change < n * tol (networkx pagerank(G)); at most max_iter iterations;
//   component: connected component number, numbered in order of the lowest vertex index;
//   core: core number (k-core, unweighted degree); articulation: cut vertex; bridges: cut edges.
struct MetricsOptions {
  double pagerank_alpha = 0.85;
  double pagerank_tol = 1e-6;
  int pagerank_max_iter = 100;
  bool shortest_path_metrics = true;  // false: skip betweenness and closeness (O(V·E)); left 0
  // > 0 and < number of vertices: estimate betweenness and closeness from this many BFS sources
  // (vertex floor(i·n/k) for i < k) instead of all n. Betweenness is then networkx's
  // betweenness_centrality(G, k) estimator over those sources (sum over sources scaled by n/k);
  // closeness uses the sources a vertex reaches, m of k' (k' = sources other than itself) at total
  // distance D: (m/k')·(m/D). 0 = exact.
  int sample_sources = 0;
};

Result<Network> BuildNetwork(const Quads& data, const NetworkOptions& options);
// Reads the agreement facts (and the labels, countries and releases they use) from an embedded
// store with one SPARQL query over the union of its graphs, then builds as above.
Result<Network> BuildNetworkFromStore(Store& store, const NetworkOptions& options);
// The quads BuildNetwork needs, from a store (one SELECT over GRAPH ?g).
Result<Quads> NetworkQuadsFromStore(Store& store);

NetworkMetrics ComputeMetrics(const Network& net);
NetworkMetrics ComputeMetrics(const Network& net, const MetricsOptions& options);

// Exports. `metrics` may be null: then only the network's own attributes are written.
// GraphML: undirected, one <key> per attribute (typed: string, int, double, boolean), node ids
// "n<index>", list attributes joined by ";" (labels by " | "). Opens in networkx, Gephi, Cytoscape.
std::string WriteGraphMl(const Network& net, const NetworkMetrics* metrics);
// DOT: the same attributes plus the drawing style of RenderSvg, so `sfdp -Tsvg` redraws it.
std::string WriteDot(const Network& net, const NetworkMetrics* metrics);
// CSV (RFC 4180, header row): nodes with their metrics; edges with weight, years, kinds, docs.
std::string WriteNodesCsv(const Network& net, const NetworkMetrics* metrics);
std::string WriteEdgesCsv(const Network& net);

struct SvgOptions {
  std::string layout = "sfdp";  // Graphviz layout program (sfdp | neato | fdp), found on PATH
};
// Runs Graphviz on WriteDot's output and returns the SVG (one <g class="node"> per vertex).
Result<std::string> RenderSvg(const Network& net, const NetworkMetrics& metrics,
                              const SvgOptions& options);

}  // namespace presskg

#endif  // PRESSKG_NETWORK_H
