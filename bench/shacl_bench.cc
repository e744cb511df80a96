// shacl_bench — SHACL Core validation of a large graph: parse + index time, validation time, and
// memory (RSS after loading vs peak after validating). Plain main(): one run is one measurement.
//
//   /usr/bin/python3 ../shared/peers/gen_graph.py 100000 > /tmp/g1m.nt
//   build-bench/bench/shacl_bench /tmp/g1m.nt ../shared/peers/shapes.ttl
// bench/shacl_bench.sh runs it side by side with shacl-engine (docs/benchmarks.md).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "shacl/engine.h"
#include "shacl/store.h"

namespace {

long StatusKb(const char* key) {  // VmRSS / VmHWM from /proc/self/status
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.compare(0, std::strlen(key), key) == 0) return std::atol(line.c_str() + std::strlen(key) + 1);
  return -1;
}

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: shacl_bench DATA SHAPES\n");
    return 2;
  }
  using namespace presskg::shacl;
  long rss0 = StatusKb("VmRSS:");
  World world;
  Graph shapes(world), data(world);
  auto t0 = std::chrono::steady_clock::now();
  presskg::Status s = data.LoadFile(argv[1]);
  if (s.ok()) s = shapes.LoadFile(argv[2]);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 2;
  }
  size_t triples = data.size();  // also sorts the index
  double t_load = Since(t0);
  long rss_loaded = StatusKb("VmRSS:");
  t0 = std::chrono::steady_clock::now();
  Engine engine(world, shapes, data);
  presskg::ValidationReport report = engine.Run();
  double t_validate = Since(t0);
  long peak = StatusKb("VmHWM:");
  std::printf("presskg: %zu triples, parse+index %.2f s, validate %.2f s, conforms=%s results=%zu\n", triples,
              t_load, t_validate, report.conforms ? "true" : "false", report.results.size());
  std::printf("presskg: RSS before %ld MB, after load %ld MB (graph %ld MB), peak %ld MB (%.2fx the loaded graph)\n",
              rss0 / 1024, rss_loaded / 1024, (rss_loaded - rss0) / 1024, peak / 1024,
              static_cast<double>(peak - rss0) / static_cast<double>(rss_loaded - rss0));
  return 0;
}
