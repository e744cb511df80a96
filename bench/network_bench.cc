// network_bench — the partnership network at scale (docs/benchmarks.md, "## network").
//
// Graphs are generated (preferential attachment, weights 1..5, fixed seed): nothing is read.
//   BM_BuildNetwork/N          BuildNetwork over N two- or three-party agreement facts (quads)
//   BM_LinearMetrics/V/E       every metric except betweenness and closeness (degree, weighted
//                              degree, PageRank, components, articulation points, bridges, k-core)
//   BM_AllMetrics/V/E          everything, including exact Brandes betweenness and closeness
//                              (O(V·E): run on graphs small enough to finish; see the docs)
//   BM_AllMetricsSampled/V/E/K everything, betweenness and closeness estimated from K sources
//   BM_GraphMl/V/E             GraphML text with all metrics
#include <algorithm>
#include <random>
#include <set>
#include <string>

#include <benchmark/benchmark.h>

#include "presskg/network.h"

namespace presskg {
namespace {

// Preferential attachment with about `edges / vertices` new edges per vertex; simple graph.
Network Generate(int vertices, long edges) {
  std::mt19937_64 rng(20130516);
  const int per_vertex = static_cast<int>(std::max<long>(1, edges / vertices));
  Network net;
  net.vertices.resize(vertices);
  for (int i = 0; i < vertices; ++i) {
    net.vertices[i].iri = "urn:presskg:bench:" + std::to_string(i);
    net.vertices[i].label = "Organization " + std::to_string(i);
    net.vertices[i].kind = i % 10 == 0 ? "country" : "organization";
  }
  std::vector<int> ends;
  std::set<std::pair<int, int>> seen;
  std::vector<std::pair<int, int>> pairs;
  for (int v = 1; v < vertices; ++v) {
    for (int k = 0; k < per_vertex; ++k) {
      int u = ends.empty() || rng() % 4 == 0 ? static_cast<int>(rng() % v) : ends[rng() % ends.size()];
      if (u == v || !seen.insert({u, v}).second) continue;
      pairs.emplace_back(u, v);
      ends.push_back(u);
      ends.push_back(v);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  for (auto [a, b] : pairs) {
    NetworkEdge e;
    e.source = a;
    e.target = b;
    e.weight = static_cast<double>(1 + rng() % 5);
    net.edges.push_back(std::move(e));
  }
  return net;
}

void BM_BuildNetwork(benchmark::State& state) {
  const int facts = static_cast<int>(state.range(0));
  const std::string b = ns::kDefaultBase, pkg = ns::kPkg;
  std::mt19937 rng(7);
  Quads quads;
  const int orgs = facts / 4 + 2;
  for (int i = 0; i < facts; ++i) {
    Term f = Term::Iri(b + "fact/d" + std::to_string(i) + "/agreement-0");
    Term g = Term::Iri(b + "graph/d" + std::to_string(i));
    quads.push_back({f, Term::Iri(std::string(ns::kRdf) + "type"), Term::Iri(pkg + "Agreement"), g});
    quads.push_back({f, Term::Iri(pkg + "kind"), Term::Literal("mou"), g});
    for (int k = 0; k < 2 + i % 2; ++k)
      quads.push_back({f, Term::Iri(pkg + "party"), Term::Iri(b + "org/o" + std::to_string(rng() % orgs)), g});
    quads.push_back({f, Term::Iri(pkg + "country"), Term::Iri(b + "country/C" + std::to_string(rng() % 200)), g});
    quads.push_back({f, Term::Iri(std::string(ns::kDcterms) + "date"), Term::Literal("2015-06"), g});
  }
  size_t edges = 0;
  for (auto _ : state) {
    Result<Network> net = BuildNetwork(quads, NetworkOptions{});
    edges = net->edges.size();
    benchmark::DoNotOptimize(net);
  }
  state.counters["quads"] = static_cast<double>(quads.size());
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(facts) * state.iterations(),
                                                 benchmark::Counter::kIsRate);
}

void RunMetrics(benchmark::State& state, bool paths) {
  Network net = Generate(static_cast<int>(state.range(0)), state.range(1));
  MetricsOptions o;
  o.shortest_path_metrics = paths;
  for (auto _ : state) {
    NetworkMetrics m = ComputeMetrics(net, o);
    benchmark::DoNotOptimize(m);
  }
  state.counters["vertices"] = static_cast<double>(net.vertices.size());
  state.counters["edges"] = static_cast<double>(net.edges.size());
}

void BM_LinearMetrics(benchmark::State& state) { RunMetrics(state, false); }
void BM_AllMetrics(benchmark::State& state) { RunMetrics(state, true); }

// Everything, with betweenness and closeness estimated from range(2) sources.
void BM_AllMetricsSampled(benchmark::State& state) {
  Network net = Generate(static_cast<int>(state.range(0)), state.range(1));
  MetricsOptions o;
  o.sample_sources = static_cast<int>(state.range(2));
  for (auto _ : state) {
    NetworkMetrics m = ComputeMetrics(net, o);
    benchmark::DoNotOptimize(m);
  }
  state.counters["vertices"] = static_cast<double>(net.vertices.size());
  state.counters["edges"] = static_cast<double>(net.edges.size());
}

void BM_GraphMl(benchmark::State& state) {
  Network net = Generate(static_cast<int>(state.range(0)), state.range(1));
  MetricsOptions o;
  o.shortest_path_metrics = false;
  NetworkMetrics m = ComputeMetrics(net, o);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string text = WriteGraphMl(net, &m);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}

BENCHMARK(BM_BuildNetwork)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_LinearMetrics)->Args({100000, 1000000})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_AllMetrics)
    ->Args({5000, 50000})
    ->Args({10000, 100000})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_AllMetricsSampled)->Args({100000, 1000000, 256})->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_GraphMl)->Args({100000, 1000000})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace presskg

BENCHMARK_MAIN();
