// ComputeMetrics: known values on small graphs, and networkx as the oracle (nx_oracle.py) on a
// hand-written network and on generated graphs of more than 1,000 vertices.
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "presskg/network.h"

namespace presskg {
namespace {

namespace fs = std::filesystem;

Network FromEdges(int n, const std::vector<std::tuple<int, int, double>>& edges) {
  Network net;
  for (int i = 0; i < n; ++i) {
    NetworkVertex v;
    v.iri = "urn:v" + std::to_string(i);
    v.label = "v" + std::to_string(i);
    v.labels = {v.label};
    v.kind = i % 3 == 0 ? "country" : "organization";
    net.vertices.push_back(v);
  }
  std::set<std::pair<int, int>> seen;
  for (auto [a, b, w] : edges) {
    if (a == b || !seen.insert({std::min(a, b), std::max(a, b)}).second) continue;
    NetworkEdge e;
    e.source = std::min(a, b);
    e.target = std::max(a, b);
    e.weight = w;
    e.years = {"2013"};
    e.kinds = {"mou"};
    e.docs = {"doc-" + std::to_string(a)};
    net.edges.push_back(e);
  }
  std::sort(net.edges.begin(), net.edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
    return std::make_pair(x.source, x.target) < std::make_pair(y.source, y.target);
  });
  return net;
}

// A mixed graph: a dense random core, trees hanging off it (bridges, articulation points),
// small separate components and isolated vertices; weights 1..5. Fixed seed.
Network Generated(int core, int tree, int pairs, int isolated, unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto weight = [&] { return static_cast<double>(1 + rng() % 5); };
  std::vector<std::tuple<int, int, double>> edges;
  for (int i = 1; i < core; ++i) edges.emplace_back(i, pick(i), weight());  // connected core
  for (int i = 0; i < core * 3; ++i) edges.emplace_back(pick(core), pick(core), weight());
  for (int i = core; i < core + tree; ++i) edges.emplace_back(i, pick(i), weight());  // trees
  int next = core + tree;
  for (int i = 0; i < pairs; ++i, next += 3) {  // paths of three
    edges.emplace_back(next, next + 1, weight());
    edges.emplace_back(next + 1, next + 2, weight());
  }
  return FromEdges(next + isolated, edges);
}

// Preferential attachment (Barabási–Albert, m = 2): hubs, short paths, few bridges.
Network PreferentialAttachment(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<int> ends = {0, 1};
  std::vector<std::tuple<int, int, double>> edges = {{0, 1, 1.0}};
  for (int v = 2; v < n; ++v)
    for (int k = 0; k < 2; ++k) {
      int u = ends[rng() % ends.size()];
      edges.emplace_back(v, u, static_cast<double>(1 + rng() % 3));
      ends.push_back(u);
      ends.push_back(v);
    }
  return FromEdges(n, edges);
}

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() /
                 ("presskg-network-test-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  return dir;
}

void WriteFile(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Runs the networkx oracle on the GraphML (and SVG) and returns its exit status.
int Oracle(const fs::path& graphml, const std::string& svg = "", int sample = 0) {
  std::string cmd = "/usr/bin/python3 " PRESSKG_SOURCE_DIR "/tests/unit/network/nx_oracle.py '" +
                    graphml.string() + "'";
  if (!svg.empty()) cmd += " --svg '" + svg + "'";
  if (sample) cmd += " --sample " + std::to_string(sample);
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

bool HavePythonNetworkx() {
  return std::system("/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1") == 0;
}

TEST_CASE("known values: a star and a path") {
  // Star with centre 0 and 4 leaves.
  Network star = FromEdges(5, {{0, 1, 1}, {0, 2, 2}, {0, 3, 1}, {0, 4, 1}});
  NetworkMetrics m = ComputeMetrics(star);
  CHECK(m.vertices[0].degree == 4);
  CHECK(m.vertices[0].weighted_degree == 5);
  CHECK(m.vertices[0].betweenness == Approx(1.0));  // on every leaf-to-leaf path
  CHECK(m.vertices[1].betweenness == 0);
  CHECK(m.vertices[0].closeness == Approx(1.0));
  CHECK(m.vertices[1].closeness == Approx(4.0 / 7.0));
  CHECK(m.vertices[0].articulation);
  CHECK_FALSE(m.vertices[1].articulation);
  CHECK(m.bridges.size() == 4);
  CHECK(m.components == 1);
  CHECK(m.vertices[0].core == 1);
  double total = 0;
  for (const auto& v : m.vertices) total += v.pagerank;
  CHECK(total == Approx(1.0));
  CHECK(m.vertices[0].pagerank > m.vertices[2].pagerank);
  CHECK(m.vertices[2].pagerank > m.vertices[1].pagerank);  // heavier edge to the centre
  CHECK(m.pagerank_converged);

  // Triangle plus an isolated vertex: closeness by Wasserman–Faust, two components, no brokers.
  Network tri = FromEdges(4, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}});
  m = ComputeMetrics(tri);
  CHECK(m.vertices[0].closeness == Approx(1.0 * 2.0 / 3.0));
  CHECK(m.vertices[3].closeness == 0);
  CHECK(m.vertices[3].pagerank > 0);  // dangling vertex
  CHECK(m.components == 2);
  CHECK(m.vertices[3].component == 1);
  CHECK(m.vertices[0].core == 2);
  CHECK(m.bridges.empty());
  for (const auto& v : m.vertices) CHECK_FALSE(v.articulation);
}

TEST_CASE("skipping shortest-path metrics leaves them zero") {
  MetricsOptions o;
  o.shortest_path_metrics = false;
  NetworkMetrics m = ComputeMetrics(FromEdges(3, {{0, 1, 1}, {1, 2, 1}}), o);
  CHECK(m.vertices[1].betweenness == 0);
  CHECK(m.vertices[1].closeness == 0);
  CHECK(m.vertices[1].degree == 2);
}

TEST_CASE("metrics equal networkx on a hand-written network, and GraphML/SVG read back") {
  if (!HavePythonNetworkx()) {
    WARN("skipped: /usr/bin/python3 with networkx not available");
    return;
  }
  // Two clusters joined through a broker (5), a pendant chain, and a separate pair.
  Network net = FromEdges(13, {{0, 1, 3}, {0, 2, 1}, {1, 2, 2}, {2, 3, 1}, {3, 4, 1}, {2, 5, 4},
                               {5, 6, 1}, {6, 7, 2}, {7, 8, 1}, {6, 8, 1}, {8, 9, 5}, {11, 12, 2}});
  net.vertices[0].label = "国际电联 \"ITU\" & <partners>";  // escaping in GraphML, DOT and SVG
  NetworkMetrics m = ComputeMetrics(net);
  fs::path dir = TempDir();
  WriteFile(dir / "small.graphml", WriteGraphMl(net, &m));
  Result<std::string> svg = RenderSvg(net, m, SvgOptions{});
  if (svg.ok()) {
    WriteFile(dir / "small.svg", *svg);
    CHECK(Oracle(dir / "small.graphml", (dir / "small.svg").string()) == 0);
  } else {
    WARN("graphviz unavailable, SVG not checked: " << svg.status().ToString());
    CHECK(Oracle(dir / "small.graphml") == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("metrics equal networkx on generated graphs of more than 1,000 vertices") {
  if (!HavePythonNetworkx()) {
    WARN("skipped: /usr/bin/python3 with networkx not available");
    return;
  }
  fs::path dir = TempDir();
  Network mixed = Generated(500, 400, 60, 30, 20130516);
  Network pa = PreferentialAttachment(1000, 42);
  REQUIRE(mixed.vertices.size() >= 1000);
  REQUIRE(pa.vertices.size() >= 1000);
  NetworkMetrics mm = ComputeMetrics(mixed);
  WriteFile(dir / "mixed.graphml", WriteGraphMl(mixed, &mm));
  CHECK(Oracle(dir / "mixed.graphml") == 0);
  NetworkMetrics pm = ComputeMetrics(pa);
  WriteFile(dir / "pa.graphml", WriteGraphMl(pa, &pm));
  CHECK(Oracle(dir / "pa.graphml") == 0);
  fs::remove_all(dir);
}

TEST_CASE("sampled betweenness and closeness equal the same estimators in networkx") {
  if (!HavePythonNetworkx()) {
    WARN("skipped: /usr/bin/python3 with networkx not available");
    return;
  }
  Network net = Generated(500, 400, 60, 30, 7);
  MetricsOptions o;
  o.sample_sources = 97;
  NetworkMetrics sampled = ComputeMetrics(net, o);
  NetworkMetrics exact = ComputeMetrics(net);
  double max_diff = 0;
  for (size_t v = 0; v < net.vertices.size(); ++v) {
    max_diff = std::max(max_diff, std::fabs(sampled.vertices[v].betweenness - exact.vertices[v].betweenness));
    CHECK(sampled.vertices[v].pagerank == exact.vertices[v].pagerank);  // untouched by sampling
  }
  CHECK(max_diff > 0);     // it is an estimate
  CHECK(max_diff < 0.05);  // and a close one on this graph
  fs::path dir = TempDir();
  WriteFile(dir / "sampled.graphml", WriteGraphMl(net, &sampled));
  CHECK(Oracle(dir / "sampled.graphml", "", 97) == 0);
  fs::remove_all(dir);
}

TEST_CASE("the oracle catches a wrong metric") {
  if (!HavePythonNetworkx()) return;
  Network net = FromEdges(4, {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}});
  NetworkMetrics m = ComputeMetrics(net);
  m.vertices[1].betweenness += 1e-6;
  fs::path dir = TempDir();
  WriteFile(dir / "wrong.graphml", WriteGraphMl(net, &m));
  CHECK(Oracle(dir / "wrong.graphml") == 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace presskg
