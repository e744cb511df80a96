// shacl_bench — SHACL Core validation of a large graph: parse + index time, validation time, and
// memory (RSS after loading vs peak after validating). Plain main(): one run is one measurement.
//
//   /usr/bin/python3 ../shared/peers/gen_graph.py 100000 > /tmp/g1m.nt
//   build-bench/bench/shacl_bench /tmp/g1m.nt ../shared/peers/shapes.ttl
// bench/shacl_bench.sh runs it side by side with shacl-engine (docs/benchmarks.md).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "presskg/shacl.h"
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

// CPU seconds (user + system) of this process: on a shared machine wall time mostly measures the
// neighbours, so both wall and CPU are reported.
double Cpu() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
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
  double c0 = Cpu();
  presskg::Status s = data.LoadFile(argv[1]);
  if (s.ok()) s = shapes.LoadFile(argv[2]);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 2;
  }
  size_t triples = data.size();  // also sorts the index
  double t_load = Since(t0), c_load = Cpu() - c0;
  long rss_loaded = StatusKb("VmRSS:");
  t0 = std::chrono::steady_clock::now();
  c0 = Cpu();
  Engine engine(world, shapes, data);
  presskg::ValidationReport report = engine.Run();
  double t_validate = Since(t0), c_validate = Cpu() - c0;
  long peak = StatusKb("VmHWM:");
  std::printf("presskg: %zu triples, parse+index %.2f s (cpu %.2f s), validate %.2f s (cpu %.2f s), conforms=%s results=%zu\n",
              triples, t_load, c_load, t_validate, c_validate, report.conforms ? "true" : "false",
              report.results.size());
  std::printf("presskg: RSS before %ld MB, after load %ld MB (graph %ld MB), peak %ld MB (%.2fx the loaded graph)\n",
              rss0 / 1024, rss_loaded / 1024, (rss_loaded - rss0) / 1024, peak / 1024,
              static_cast<double>(peak - rss0) / static_cast<double>(rss_loaded - rss0));
  // Per-release validation as `presskg extract --shapes` does it: the project's shapes on one
  // small release graph (the conforming fixture), through the public API.
  auto project = presskg::ShapesGraph::LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/shapes");
  World fw;
  Graph fixture(fw);
  if (!project.ok() || !fixture.LoadFile(std::string(PRESSKG_SOURCE_DIR) + "/tests/unit/shacl/fixtures/conforming-release.ttl").ok()) {
    std::fprintf(stderr, "cannot load shapes/ or the fixture\n");
    return 2;
  }
  presskg::Quads release;
  fixture.Each(nullptr, nullptr, nullptr, [&](Node a, Node b, Node c) {
    release.push_back({ToTerm(a), ToTerm(b), ToTerm(c), {}});
  });
  const int kRuns = 2000;
  t0 = std::chrono::steady_clock::now();
  c0 = Cpu();
  bool all = true;
  for (int i = 0; i < kRuns; ++i) all = (*project)->Validate(release).conforms && all;
  double t_small = Since(t0), c_small = Cpu() - c0;
  std::printf("presskg: per release (%zu triples, shapes/): %.0f us wall, %.0f us cpu per Validate, conforms=%s\n",
              release.size(), t_small / kRuns * 1e6, c_small / kRuns * 1e6, all ? "true" : "false");
  return 0;
}
