// presskg/network.h — the partnership network (Boost.Graph): organizations and countries joined by
// agreements and partnerships; centrality, components, brokers; GraphML, DOT, CSV and SVG exports.
//
//   Result<Network> net = BuildNetwork(quads, NetworkOptions{});
//   NetworkMetrics m = ComputeMetrics(*net);
#ifndef PRESSKG_NETWORK_H
#define PRESSKG_NETWORK_H

#include <string>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

struct NetworkOptions {
  int year_from = 0, year_to = 0;        // 0 = open
  std::vector<std::string> kinds;        // agreement | mou | partnership; empty = all
  std::vector<std::string> countries;    // ISO codes; empty = all
  enum class View { kFull, kOrgCountry, kOrgOrg } view = View::kFull;
};

struct NetworkVertex {
  std::string iri, label, kind;  // kind: "organization" | "country"
};

struct NetworkEdge {
  int source = 0, target = 0;
  double weight = 0;                 // number of agreements joining them
  std::vector<std::string> years, kinds, docs;
};

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
  std::vector<std::pair<int, int>> bridges;
};

Result<Network> BuildNetwork(const Quads& data, const NetworkOptions& options);
NetworkMetrics ComputeMetrics(const Network& net);

}  // namespace presskg

#endif  // PRESSKG_NETWORK_H
