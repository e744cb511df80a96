// network/metrics.cc — vertex metrics with Boost.Graph, in networkx's conventions (network.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/core_numbers.hpp>
#include <boost/graph/visitors.hpp>

#include "presskg/network.h"

namespace presskg {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_index_t, std::size_t>>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

Graph ToGraph(const Network& net) {
  Graph g(net.vertices.size());
  for (std::size_t i = 0; i < net.edges.size(); ++i)
    boost::add_edge(net.edges[i].source, net.edges[i].target, i, g);
  return g;
}

// networkx closeness_centrality(G) with wf_improved=True: BFS from every vertex.
void Closeness(const Graph& g, std::vector<VertexMetrics>* out) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::size_t> dist(n);
  std::vector<boost::default_color_type> color(n);
  auto color_map = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g));
  auto dist_map = boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, g));
  std::vector<Vertex> reached;
  // Records the distances and which vertices the search reached (to reset only those).
  struct Recorder : boost::default_bfs_visitor {
    decltype(dist_map) d;
    std::vector<Vertex>* seen;
    void discover_vertex(Vertex v, const Graph&) const { seen->push_back(v); }
    void tree_edge(Edge e, const Graph& g) const {
      d[boost::target(e, g)] = d[boost::source(e, g)] + 1;
    }
  };
  boost::queue<Vertex> queue;
  std::fill(color.begin(), color.end(), boost::white_color);
  for (Vertex s = 0; s < n; ++s) {
    reached.clear();
    dist[s] = 0;
    Recorder vis;
    vis.d = dist_map;
    vis.seen = &reached;
    boost::breadth_first_visit(g, s, queue, vis, color_map);
    double total = 0;
    for (Vertex v : reached) {
      total += static_cast<double>(dist[v]);
      color[v] = boost::white_color;
    }
    double c = 0;
    if (total > 0 && n > 1) {
      double r1 = static_cast<double>(reached.size()) - 1.0;
      c = r1 / total * (r1 / static_cast<double>(n - 1));
    }
    (*out)[s].closeness = c;
  }
}

// networkx pagerank(G) (2.8, pagerank_scipy): row-normalised weighted adjacency, dangling mass
// spread uniformly, stop when the L1 change is below n * tol.
void PageRank(const Network& net, const MetricsOptions& o, NetworkMetrics* m) {
  const std::size_t n = net.vertices.size();
  if (n == 0) return;
  std::vector<double> strength(n, 0.0);
  for (const auto& e : net.edges) {
    strength[e.source] += e.weight;
    strength[e.target] += e.weight;
  }
  // Incoming contributions: x_new[v] += x[u] * w(u,v) / strength(u), both directions.
  std::vector<double> x(n, 1.0 / n), next(n);
  const double teleport = (1.0 - o.pagerank_alpha) / n;
  m->pagerank_converged = false;
  for (int it = 1; it <= o.pagerank_max_iter; ++it) {
    double dangling = 0;
    for (std::size_t v = 0; v < n; ++v)
      if (strength[v] == 0) dangling += x[v];
    std::fill(next.begin(), next.end(), 0.0);
    for (const auto& e : net.edges) {
      next[e.target] += x[e.source] * (e.weight / strength[e.source]);
      next[e.source] += x[e.target] * (e.weight / strength[e.target]);
    }
    double err = 0;
    for (std::size_t v = 0; v < n; ++v) {
      next[v] = o.pagerank_alpha * (next[v] + dangling / n) + teleport;
      err += std::fabs(next[v] - x[v]);
    }
    x.swap(next);
    m->pagerank_iterations = it;
    if (err < n * o.pagerank_tol) {
      m->pagerank_converged = true;
      break;
    }
  }
  for (std::size_t v = 0; v < n; ++v) m->vertices[v].pagerank = x[v];
}

// Brandes (2001) accumulation from k evenly spaced sources over a compressed adjacency, and the
// distances for estimated closeness; with k = n it computes the exact values.
void SampledShortestPaths(const Network& net, int k, std::vector<VertexMetrics>* out) {
  const std::size_t n = net.vertices.size();
  std::vector<std::size_t> start(n + 1, 0);
  for (const auto& e : net.edges) {
    ++start[e.source + 1];
    ++start[e.target + 1];
  }
  for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];
  std::vector<int> adj(start[n]);
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  for (const auto& e : net.edges) {
    adj[fill[e.source]++] = e.target;
    adj[fill[e.target]++] = e.source;
  }
  std::vector<double> bc(n, 0.0), sigma(n), delta(n), dist_sum(n, 0.0);
  std::vector<int> dist(n, -1), reached_sources(n, 0), order;
  order.reserve(n);
  for (int i = 0; i < k; ++i) {
    const int s = static_cast<int>(static_cast<std::size_t>(i) * n / static_cast<std::size_t>(k));
    order.clear();
    dist[s] = 0;
    sigma[s] = 1;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const int v = order[head];
      for (std::size_t j = start[v]; j < start[v + 1]; ++j) {
        const int w = adj[j];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          sigma[w] = 0;
          order.push_back(w);
        }
        if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (int v : order) delta[v] = 0;
    for (std::size_t j = order.size(); j-- > 1;) {  // order[0] is the source
      const int w = order[j];
      for (std::size_t a = start[w]; a < start[w + 1]; ++a) {
        const int v = adj[a];
        if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
      }
      bc[w] += delta[w];
      ++reached_sources[w];
      dist_sum[w] += dist[w];
    }
    for (int v : order) dist[v] = -1;
  }
  // networkx: normalised by (n-1)(n-2), times n/k for a sample.
  const double scale = n > 2 ? static_cast<double>(n) / k /
                                   (static_cast<double>(n - 1) * static_cast<double>(n - 2))
                             : 0.0;
  for (std::size_t v = 0; v < n; ++v) {
    (*out)[v].betweenness = bc[v] * scale;
    // Sources other than v itself: v is a source when floor(i*n/k) == v for some i.
    const std::size_t i = (v * static_cast<std::size_t>(k) + n - 1) / n;  // smallest i with i*n/k >= v
    const bool is_source = i < static_cast<std::size_t>(k) && i * n / static_cast<std::size_t>(k) == v;
    const double others = static_cast<double>(k) - (is_source ? 1.0 : 0.0);
    const double m = reached_sources[v];
    (*out)[v].closeness = m > 0 && others > 0 ? (m / others) * (m / dist_sum[v]) : 0.0;
  }
}

}  // namespace

NetworkMetrics ComputeMetrics(const Network& net) { return ComputeMetrics(net, MetricsOptions{}); }

NetworkMetrics ComputeMetrics(const Network& net, const MetricsOptions& options) {
  NetworkMetrics m;
  const std::size_t n = net.vertices.size();
  m.vertices.resize(n);
  if (n == 0) return m;
  const Graph g = ToGraph(net);
  auto index = boost::get(boost::vertex_index, g);

  for (std::size_t v = 0; v < n; ++v) m.vertices[v].degree = static_cast<int>(boost::degree(v, g));
  for (const auto& e : net.edges) {
    m.vertices[e.source].weighted_degree += e.weight;
    m.vertices[e.target].weighted_degree += e.weight;
  }

  if (options.shortest_path_metrics && options.sample_sources > 0 &&
      static_cast<std::size_t>(options.sample_sources) < n) {
    SampledShortestPaths(net, options.sample_sources, &m.vertices);
  } else if (options.shortest_path_metrics) {
    std::vector<double> bc(n, 0.0);
    boost::brandes_betweenness_centrality(
        g, boost::centrality_map(boost::make_iterator_property_map(bc.begin(), index))
               .vertex_index_map(index));
    // BGL halves the sum over ordered pairs on an undirected graph (each pair counted once);
    // networkx normalises the ordered-pair sum by (n-1)(n-2): together a factor 2/((n-1)(n-2)).
    const double scale = n > 2 ? 2.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 0.0;
    for (std::size_t v = 0; v < n; ++v) m.vertices[v].betweenness = bc[v] * scale;
    Closeness(g, &m.vertices);
  }

  PageRank(net, options, &m);

  std::vector<int> comp(n);
  m.components = boost::connected_components(g, boost::make_iterator_property_map(comp.begin(), index));
  for (std::size_t v = 0; v < n; ++v) m.vertices[v].component = comp[v];

  std::vector<Vertex> cut;
  std::vector<std::size_t> edge_comp(net.edges.size());
  auto edge_comp_map =
      boost::make_iterator_property_map(edge_comp.begin(), boost::get(boost::edge_index, g));
  boost::biconnected_components(g, edge_comp_map, std::back_inserter(cut));
  for (Vertex v : cut) m.vertices[v].articulation = true;
  // A bridge is the only edge of its biconnected component (the graph has no parallel edges).
  std::vector<int> comp_size(net.edges.size() + 1, 0);
  for (std::size_t c : edge_comp) ++comp_size[c];
  for (std::size_t i = 0; i < net.edges.size(); ++i)
    if (comp_size[edge_comp[i]] == 1) {
      int a = net.edges[i].source, b = net.edges[i].target;
      m.bridges.emplace_back(std::min(a, b), std::max(a, b));
    }
  std::sort(m.bridges.begin(), m.bridges.end());

  std::vector<int> core(n);
  boost::core_numbers(g, boost::make_iterator_property_map(core.begin(), index));
  for (std::size_t v = 0; v < n; ++v) m.vertices[v].core = core[v];
  return m;
}

}  // namespace presskg
