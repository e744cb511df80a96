// mentions_bench — throughput of the mention layer (MentionFinder::Find) and gazetteer load time.
//
//   mentions_bench [MB=16] [zh|en|all]
//
// Prepares the dev corpus releases once (PrepareText, not timed), then runs Find over them,
// replicated until MB of text has been processed, on one thread. Prints wall and CPU MB/s: on a
// shared machine the CPU figure is the one to compare. Inputs come from ../shared/corpus/dev/docs
// at run time; nothing is committed.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"

namespace fs = std::filesystem;

namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  double mb = argc > 1 ? std::atof(argv[1]) : 16;
  std::string which = argc > 2 ? argv[2] : "all";

  double w0 = WallSeconds(), c0 = CpuSeconds();
  auto finder = presskg::MentionFinder::Load({});
  double load_wall = WallSeconds() - w0, load_cpu = CpuSeconds() - c0;
  if (!finder.ok()) {
    std::fprintf(stderr, "%s\n", finder.status().ToString().c_str());
    return 2;
  }

  std::vector<presskg::PreparedText> texts;
  std::size_t bytes = 0;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(PRESSKG_SHARED_DIR) / "corpus" / "dev" / "docs")) {
    std::string name = e.path().filename().string();
    if (which == "all" || name.rfind(which + "-", 0) == 0) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    presskg::Document doc;
    doc.id = f.stem().string();
    doc.text = ss.str();
    auto t = presskg::PrepareText(doc);
    if (!t.ok()) continue;
    bytes += doc.text.size();
    texts.push_back(std::move(*t));
  }
  if (texts.empty()) {
    std::fprintf(stderr, "no releases found under %s/corpus/dev/docs\n", PRESSKG_SHARED_DIR);
    return 77;
  }

  std::size_t target = static_cast<std::size_t>(mb * 1e6), done = 0, mentions = 0;
  double w1 = WallSeconds(), c1 = CpuSeconds();
  while (done < target) {
    for (const presskg::PreparedText& t : texts) {
      mentions += (*finder)->Find(t, presskg::MentionContext{"2013-05-16"}).size();
      done += t.original().size();
    }
  }
  double wall = WallSeconds() - w1, cpu = CpuSeconds() - c1;
  std::printf("gazetteer load: %.0f ms wall, %.0f ms cpu\n", load_wall * 1e3, load_cpu * 1e3);
  std::printf("Find over %s releases (%zu files, %zu bytes, replicated to %.1f MB): %.1f MB/s wall, %.1f MB/s cpu, "
              "%.1f mentions/KB\n",
              which.c_str(), texts.size(), bytes, done / 1e6, done / 1e6 / wall, done / 1e6 / cpu,
              mentions * 1000.0 / done);
  return 0;
}
