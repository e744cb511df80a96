// store_query_bench STORE DATA.nq QUERY.rq... — loads DATA (one ReplaceGraph per named graph) into
// STORE (a directory: the persistent sqlite store; ":memory:": librdf hashes) and times each
// query (the first one builds the de-duplicated union). Prints seconds; see docs/benchmarks.md.
//   python3 bench/store_gen.py 11000 > /tmp/1m.nq     # ~1M quads
//   build-bench/bench/store_query_bench /tmp/kg /tmp/1m.nq queries/agreements-per-country-year.rq
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "presskg/store.h"
#include "presskg/writer.h"

using namespace presskg;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: store_query_bench STORE DATA.nq [QUERY.rq...]\n";
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  auto t0 = Clock::now();
  Result<std::unique_ptr<Store>> store = Store::Open(argv[1], true);
  if (!store.ok()) { std::cerr << store.status().ToString() << "\n"; return 2; }
  Result<Quads> quads = ReadRdfFile(argv[2]);
  if (!quads.ok()) { std::cerr << quads.status().ToString() << "\n"; return 2; }
  std::map<std::string, Quads> graphs;
  for (const Quad& q : *quads) graphs[q.graph.value].push_back(q);
  auto t1 = Clock::now();
  for (const auto& [g, qs] : graphs) {
    if (g.empty()) continue;
    if (Status s = (*store)->ReplaceGraph(g, qs); !s.ok()) { std::cerr << s.ToString() << "\n"; return 2; }
  }
  if (Status s = (*store)->Flush(); !s.ok()) { std::cerr << s.ToString() << "\n"; return 2; }
  auto t2 = Clock::now();
  std::cout << "parse " << quads->size() << " quads: " << secs(t0, t1) << " s\n"
            << "load " << graphs.size() << " graphs: " << secs(t1, t2) << " s ("
            << static_cast<long>(quads->size() / secs(t1, t2)) << " quads/s)\n";
  for (int i = 3; i < argc; ++i) {
    std::ifstream f(argv[i]);
    std::stringstream text;
    text << f.rdbuf();
    auto a = Clock::now();
    Result<QueryResult> r = (*store)->Query(text.str());
    auto b = Clock::now();
    std::cout << argv[i] << ": " << (r.ok() ? std::to_string(r->rows.size()) + " rows" : r.status().ToString())
              << " in " << secs(a, b) << " s\n";
  }
  return 0;
}
