// writer_bench — RDF writer throughput: the same triples re-serialised by presskg's writers, in
// the same run as `serdi` (bench/writer_bench.sh runs both and records the ratio). Plain main():
// one run is one measurement.
//
//   /usr/bin/python3 ../shared/peers/gen_graph.py 100000 > /tmp/g1m.nt    # 1M triples
//   build-bench/bench/writer_bench /tmp/g1m.nt [FORMAT...]     # default: stream + every format
//
// Prints, per format: write-only time (quads already in memory) and, for Turtle, read+write time
// streaming N-Triples → Turtle in batches (the same work `serdi -i ntriples -o turtle` does).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <algorithm>
#include <string>
#include <vector>

#include "presskg/writer.h"

namespace {

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long StatusKb(const char* key) {  // VmRSS / VmHWM from /proc/self/status
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.compare(0, std::strlen(key), key) == 0) return std::atol(line.c_str() + std::strlen(key) + 1);
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace presskg;
  if (argc < 2) {
    std::fprintf(stderr, "usage: writer_bench DATA.nt [stream|ttl|nt|nq|trig|jsonld|rdfxml ...]\n");
    return 2;
  }
  const std::string in = argv[1];
  std::vector<std::string> wanted(argv + 2, argv + argc);
  auto want = [&](const std::string& what) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), what) != wanted.end();
  };

  // Streaming N-Triples → Turtle, batch by batch: memory stays flat.
  if (want("stream")) {
    const std::string out = "/dev/null";
    auto t0 = std::chrono::steady_clock::now();
    Result<std::unique_ptr<QuadWriter>> w = QuadWriter::Open(out, RdfFormat::kTurtle);
    if (!w.ok()) {
      std::fprintf(stderr, "%s\n", w.status().ToString().c_str());
      return 2;
    }
    std::size_t n = 0;
    Status st = ReadRdf(in, RdfFormat::kNTriples, [&](const Quad& q) {
      ++n;
      return (*w)->WriteOne(q);
    });
    if (st.ok()) st = (*w)->Close();
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 2;
    }
    std::printf("presskg read nt + write ttl (streaming): %zu triples in %.3f s (%.2f M triples/s), peak RSS %ld MB\n", n,
                Since(t0), n / Since(t0) / 1e6, StatusKb("VmHWM:") / 1024);
  }

  if (!wanted.empty() && wanted == std::vector<std::string>{"stream"}) return 0;
  auto t0 = std::chrono::steady_clock::now();
  Result<Quads> quads = ReadRdfFile(in, RdfFormat::kNTriples);
  if (!quads.ok()) {
    std::fprintf(stderr, "%s\n", quads.status().ToString().c_str());
    return 2;
  }
  std::printf("presskg read nt into memory: %zu triples in %.3f s\n", quads->size(), Since(t0));
  for (RdfFormat f : {RdfFormat::kTurtle, RdfFormat::kNTriples, RdfFormat::kNQuads, RdfFormat::kTriG,
                      RdfFormat::kJsonLd, RdfFormat::kRdfXml}) {
    if (!want(RdfFormatName(f))) continue;
    const std::string out = "/dev/null";
    t0 = std::chrono::steady_clock::now();
    Result<std::unique_ptr<QuadWriter>> w = QuadWriter::Open(out, f);
    Status st = w.ok() ? (*w)->Write(*quads) : w.status();
    if (st.ok()) st = (*w)->Close();
    if (!st.ok()) {
      std::fprintf(stderr, "%s: %s\n", RdfFormatName(f), st.ToString().c_str());
      return 2;
    }
    const double s = Since(t0);
    std::printf("presskg write %-6s (in memory): %.3f s (%.2f M triples/s)\n", RdfFormatName(f), s,
                quads->size() / s / 1e6);
  }
  return 0;
}
