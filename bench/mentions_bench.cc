// mentions_bench — throughput of the mention layer (MentionFinder::Find) and gazetteer load time.
//
//   mentions_bench [MB=16] [zh|en|all] [--cold]
//   mentions_bench --dump FILE
//
// The second form writes every mention field for the dev releases, the repository samples and
// derived texts (each release cut at several points, pairs of releases joined, lines of all
// releases interleaved), with and without a release date: a before/after diff of that file shows
// whether a speed change kept the mentions identical. The throughput run prints a checksum too.
// Prepares the dev corpus releases once (PrepareText, not timed), then runs Find over them,
// replicated until MB of text has been processed, on one thread. Prints wall and CPU MB/s: on a
// shared machine the CPU figure is the one to compare. Inputs come from ../shared/corpus/dev/docs
// at run time; nothing is committed.
// --cold writes an 8 MB buffer between two calls (not timed: each Find is timed on its own), as the
// rules stage does in the pipeline: the mention layer's tables then come from memory, not cache.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
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

std::string ReadFile(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// FNV-1a over every field of every mention, in order.
std::uint64_t Fingerprint(const std::vector<presskg::Mention>& ms, std::uint64_t h) {
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0xff) * 0x100000001b3ull;
  };
  for (const presskg::Mention& m : ms) {
    mix(presskg::MentionTypeName(m.type));
    mix(std::to_string(m.begin));
    mix(std::to_string(m.end));
    for (const std::string* f : {&m.text, &m.key, &m.wikidata, &m.country, &m.full, &m.value, &m.value_end, &m.source})
      mix(*f);
  }
  return h;
}

// Cuts `s` back to a UTF-8 boundary at or before `n`.
std::size_t Boundary(const std::string& s, std::size_t n) {
  if (n >= s.size()) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

int Dump(const presskg::MentionFinder& finder, const char* path) {
  std::vector<std::pair<std::string, std::string>> inputs;  // name, text
  std::vector<fs::path> files;
  for (const fs::path& dir : {fs::path(PRESSKG_SHARED_DIR) / "corpus" / "dev" / "docs", fs::path(PRESSKG_SOURCE_DIR) / "samples"})
    if (fs::is_directory(dir))
      for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> lines;
  for (const fs::path& f : files) {
    std::string t = ReadFile(f);
    inputs.push_back({f.filename().string(), t});
    for (std::size_t cut : {t.size() / 7, t.size() / 3, t.size() / 2 + 1}) {
      std::size_t b = Boundary(t, cut);
      inputs.push_back({f.filename().string() + "@head" + std::to_string(b), t.substr(0, b)});
      inputs.push_back({f.filename().string() + "@tail" + std::to_string(b), t.substr(b)});
    }
    std::stringstream ss(t);
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
  }
  // Perturbed copies for the date and number paths: spaces and tabs before 年/月/日, ordinal
  // suffixes, en dashes for hyphens, and every digit run one digit longer.
  auto replace_all = [](std::string t, const std::string& from, const std::string& to) {
    for (std::size_t p = t.find(from); p != std::string::npos; p = t.find(from, p + to.size())) t.replace(p, from.size(), to);
    return t;
  };
  const std::size_t originals = inputs.size();
  for (std::size_t i = 0; i < originals; i += 7) {
    const std::string& t = inputs[i].second;
    inputs.push_back({inputs[i].first + "@spaced", replace_all(replace_all(replace_all(t, "年", " 年"), "月", "\t月"), "日", " 日")});
    inputs.push_back({inputs[i].first + "@dashes", replace_all(t, "-", "–")});
    std::string ordinal, longer;
    for (std::size_t k = 0; k < t.size(); ++k) {
      const bool digit = t[k] >= '0' && t[k] <= '9';
      const bool starts = digit && (k == 0 || t[k - 1] < '0' || t[k - 1] > '9');
      if (starts) longer += '1';
      longer += t[k];
      ordinal += t[k];
      const bool ends = digit && (k + 1 == t.size() || t[k + 1] < '0' || t[k + 1] > '9');
      if (ends && k + 1 < t.size() && t[k + 1] == ' ') ordinal += "th";
    }
    inputs.push_back({inputs[i].first + "@ordinal", ordinal});
    inputs.push_back({inputs[i].first + "@longer", longer});
  }
  for (std::size_t i = 0; i + 1 < files.size(); ++i)
    inputs.push_back({files[i].filename().string() + "+" + files[i + 1].filename().string(),
                      inputs[i * 7].second + inputs[(i + 1) * 7].second});
  // Written for this check: date and name forms the dev releases may lack, in odd company.
  inputs.push_back({"synthetic-zh",
                    "二〇一三年五月十六日，会议在日内瓦举行。会期为九月九日至十一日，另定于2013年5月13-17日、9 月 9-11 日。"
                    "一二三四五年不是日期，十二月三十一日是；零八年，三十年前，五月到七月，十一月。"
                    "2015年3月，第一届论坛；12 月 1 日起。王一月表示，李十二说。\n"});
  inputs.push_back({"synthetic-en",
                    "On 13-17 May 2013 and May 13–17, 9–11 September, the 1st of June, in 2012, since 1999, "
                    "Sept. 4, Dec 2014, 2013-05-16 and 31 February. Mr. John Smith said A.B. Jones (ABC) met "
                    "Dr Smith; Smith said.\n"});
  std::string mixed;
  for (std::size_t i = 0; i < lines.size(); ++i) mixed += lines[(i * 7919) % lines.size()] + "\n";
  inputs.push_back({"interleaved", mixed});

  std::FILE* out = std::fopen(path, "w");
  if (out == nullptr) return 2;
  for (const auto& [name, text] : inputs) {
    presskg::Document doc;
    doc.id = name;
    doc.text = text;
    auto t = presskg::PrepareText(doc);
    if (!t.ok()) continue;
    for (const char* anchor : {"2013-05-16", ""}) {
      std::fprintf(out, "== %s [%s] %s\n", name.c_str(), anchor, t->language().c_str());
      for (const presskg::Mention& m : finder.Find(*t, presskg::MentionContext{anchor}))
        std::fprintf(out, "%s %zu %zu %s|%s|%s|%s|%s|%s|%s|%s\n", presskg::MentionTypeName(m.type), m.begin, m.end,
                     m.text.c_str(), m.key.c_str(), m.wikidata.c_str(), m.country.c_str(), m.full.c_str(),
                     m.value.c_str(), m.value_end.c_str(), m.source.c_str());
    }
  }
  std::fclose(out);
  std::printf("%zu texts written to %s\n", inputs.size(), path);
  return 0;
}

}  // namespace

// Writes and reads back `buf` (larger than the last-level cache): evicts whatever Find left there.
__attribute__((noinline)) std::uint64_t Evict(std::vector<std::uint64_t>& buf, std::uint64_t salt) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < buf.size(); i += 8) buf[i] += salt;  // one write per 64-byte line
  for (std::size_t i = 0; i < buf.size(); i += 8) sum += buf[i];
  return sum;
}

int main(int argc, char** argv) {
  bool dump = argc > 2 && std::string(argv[1]) == "--dump";
  bool cold = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--cold") cold = true;
    else args.push_back(argv[i]);
  }
  double mb = !args.empty() && !dump ? std::atof(args[0].c_str()) : 16;
  std::string which = args.size() > 1 ? args[1] : "all";

  double w0 = WallSeconds(), c0 = CpuSeconds();
  auto finder = presskg::MentionFinder::Load({});
  double load_wall = WallSeconds() - w0, load_cpu = CpuSeconds() - c0;
  if (!finder.ok()) {
    std::fprintf(stderr, "%s\n", finder.status().ToString().c_str());
    return 2;
  }
  if (dump) return Dump(**finder, argv[2]);

  std::vector<presskg::PreparedText> texts;
  std::size_t bytes = 0;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(PRESSKG_SHARED_DIR) / "corpus" / "dev" / "docs")) {
    std::string name = e.path().filename().string();
    if (which == "all" || name.rfind(which + "-", 0) == 0) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    presskg::Document doc;
    doc.id = f.stem().string();
    doc.text = ReadFile(f);
    auto t = presskg::PrepareText(doc);
    if (!t.ok()) continue;
    bytes += doc.text.size();
    texts.push_back(std::move(*t));
  }
  if (texts.empty()) {
    std::fprintf(stderr, "no releases found under %s/corpus/dev/docs\n", PRESSKG_SHARED_DIR);
    return 77;
  }

  std::uint64_t checksum = 0xcbf29ce484222325ull;
  for (const presskg::PreparedText& t : texts) checksum = Fingerprint((*finder)->Find(t, presskg::MentionContext{"2013-05-16"}), checksum);

  std::size_t target = static_cast<std::size_t>(mb * 1e6), done = 0, mentions = 0;
  std::vector<std::uint64_t> evict(cold ? (8u << 20) / sizeof(std::uint64_t) : 0, 1);
  std::uint64_t evict_sum = 0;
  double wall = 0, cpu = 0;
  double w1 = WallSeconds(), c1 = CpuSeconds();
  while (done < target) {
    for (const presskg::PreparedText& t : texts) {
      if (cold) {
        evict_sum += Evict(evict, done);
        double w = WallSeconds(), c = CpuSeconds();
        mentions += (*finder)->Find(t, presskg::MentionContext{"2013-05-16"}).size();
        wall += WallSeconds() - w;
        cpu += CpuSeconds() - c;
      } else {
        mentions += (*finder)->Find(t, presskg::MentionContext{"2013-05-16"}).size();
      }
      done += t.original().size();
    }
  }
  if (!cold) wall = WallSeconds() - w1, cpu = CpuSeconds() - c1;
  std::printf("gazetteer load: %.0f ms wall, %.0f ms cpu\n", load_wall * 1e3, load_cpu * 1e3);
  std::printf("Find over %s releases (%zu files, %zu bytes, replicated to %.1f MB%s): %.1f MB/s wall, %.1f MB/s cpu, "
              "%.1f mentions/KB\n",
              which.c_str(), texts.size(), bytes, done / 1e6, cold ? ", caches evicted before each" : "",
              done / 1e6 / wall, done / 1e6 / cpu, mentions * 1000.0 / done);
  if (cold && evict_sum == 42) std::printf(" \n");  // keeps the eviction from being optimised away
  std::printf("mention checksum: %016llx\n", static_cast<unsigned long long>(checksum));
  return 0;
}
