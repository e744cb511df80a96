// text_bench — throughput of text preparation and memory of archive streaming.
//
//   text_bench prepare [MB=64] [zh|en]  decode + PrepareText (normalise, language, sentences, quotes,
//                                dateline) on the dev corpus replicated in memory to MB per
//                                language; 1 and 2 threads; prints MB/s
//   text_bench stream [MB=1024]  writes a .tar.gz of MB of releases to a temp file (the dev corpus
//                                with varied ids), then streams it through ReadSources + PrepareText
//                                and prints the peak resident memory (ru_maxrss)
//   text_bench dump [--raw] [--lang L] FILE...
//                                decode (--raw: not) + PrepareText each file and print everything
//                                PreparedText holds (view, offset runs, paragraphs, sentences, quotes,
//                                dateline) and the map back (ToOriginal, OriginalText, ToNormalized) on
//                                the structure's ranges and random ones: diff the dumps before and
//                                after a change to check it changes nothing
//
// Inputs are made at run time from ../shared/corpus/dev/docs; nothing is committed.
#include <archive.h>
#include <archive_entry.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "presskg/sources.h"
#include "presskg/text.h"
#include "sources/decode.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::pair<std::string, std::string>> LoadCorpus(const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> docs;
  fs::path dir = fs::path(PRESSKG_SHARED_DIR) / "corpus" / "dev" / "docs";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind(prefix, 0) == 0) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    docs.emplace_back(f.stem().string(), ss.str());
  }
  return docs;
}

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Decodes and prepares every document; returns the number of sentences (kept so nothing is optimised away).
std::size_t PrepareRange(const std::vector<const std::string*>& raw, std::size_t begin, std::size_t end) {
  std::size_t sentences = 0;
  for (std::size_t i = begin; i < end; ++i) {
    presskg::sources::DecodeOutcome d = presskg::sources::DecodeBytes(*raw[i], {});
    presskg::Document doc;
    doc.text = std::move(d.text);
    auto t = presskg::PrepareText(doc);
    if (t.ok()) sentences += t->sentences().size();
  }
  return sentences;
}

int Prepare(std::size_t mb, const std::string& only) {
  for (const char* lang : {"zh-", "en-"}) {
    if (!only.empty() && only != lang) continue;
    auto corpus = LoadCorpus(lang);
    if (corpus.empty()) {
      std::printf("no %s documents in the dev corpus\n", lang);
      return 77;
    }
    std::vector<const std::string*> raw;
    std::size_t bytes = 0;
    while (bytes < mb << 20) {
      for (const auto& d : corpus) {
        raw.push_back(&d.second);
        bytes += d.second.size();
      }
    }
    PrepareRange(raw, 0, std::min<std::size_t>(raw.size(), 8));  // one-time tables and iterators, not timed
    for (int threads : {1, 2}) {
      auto t0 = std::chrono::steady_clock::now();
      std::vector<std::thread> pool;
      std::atomic<std::size_t> sentences{0};
      std::vector<double> cpu(threads);
      for (int k = 0; k < threads; ++k) {
        std::size_t b = raw.size() * k / threads, e = raw.size() * (k + 1) / threads;
        pool.emplace_back([&, b, e, k] {
          sentences += PrepareRange(raw, b, e);
          timespec ts;
          clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
          cpu[k] = ts.tv_sec + ts.tv_nsec / 1e9;
        });
      }
      for (auto& th : pool) th.join();
      double s = Seconds(t0, std::chrono::steady_clock::now());
      double cpu_total = 0;
      for (double c : cpu) cpu_total += c;
      // CPU time per thread shows the per-core rate even when other work shares the machine.
      std::printf("prepare %-3s %zu docs %.1f MB  threads=%d  wall %.2f s = %.1f MB/s  cpu %.2f s = %.1f MB/s per core  (%zu sentences)\n",
                  lang, raw.size(), bytes / 1048576.0, threads, s, bytes / 1048576.0 / s, cpu_total,
                  bytes / 1048576.0 / cpu_total, sentences.load());
    }
  }
  return 0;
}

long PeakRssKb() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int Stream(std::size_t mb) {
  auto corpus = LoadCorpus("");
  if (corpus.empty()) return 77;
  std::string path = (fs::temp_directory_path() / ("presskg-text-bench-" + std::to_string(getpid()) + ".tar.gz")).string();
  auto t0 = std::chrono::steady_clock::now();
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_add_filter_gzip(a);
  archive_write_set_filter_option(a, "gzip", "compression-level", "1");
  if (archive_write_open_filename(a, path.c_str()) != ARCHIVE_OK) return 2;
  std::size_t written = 0, n = 0;
  while (written < mb << 20) {
    for (const auto& [id, text] : corpus) {
      // Vary each copy so the archive does not compress to nothing.
      std::string body = "Copy " + std::to_string(n) + "\n\n" + text;
      archive_entry* e = archive_entry_new();
      archive_entry_set_pathname(e, ("releases/" + std::to_string(n / 1000) + "/" + id + "-" + std::to_string(n) + ".txt").c_str());
      archive_entry_set_size(e, static_cast<la_int64_t>(body.size()));
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, 0644);
      archive_write_header(a, e);
      archive_write_data(a, body.data(), body.size());
      archive_entry_free(e);
      written += body.size();
      ++n;
    }
  }
  archive_write_close(a);
  archive_write_free(a);
  auto t1 = std::chrono::steady_clock::now();
  long before = PeakRssKb();
  std::size_t docs = 0, sentences = 0, bytes = 0;
  presskg::Status st = presskg::ReadSources({path}, {}, [&](presskg::SourceItem&& item) {
    if (item.report.status != presskg::DocStatus::kConverted) return presskg::Status::OK();
    ++docs;
    bytes += item.doc.text.size();
    auto t = presskg::PrepareText(item.doc);
    if (t.ok()) sentences += t->sentences().size();
    return presskg::Status::OK();
  });
  auto t2 = std::chrono::steady_clock::now();
  std::uintmax_t archive_size = fs::file_size(path);
  fs::remove(path);
  if (!st.ok()) {
    std::printf("stream failed: %s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("stream: generated %.0f MB of releases (%zu docs) as a %.0f MB .tar.gz in %.1f s\n", written / 1048576.0, n,
              archive_size / 1048576.0, Seconds(t0, t1));
  std::printf("stream: read + prepared %zu docs, %.0f MB in %.1f s (%.1f MB/s, %zu sentences)\n", docs, bytes / 1048576.0,
              Seconds(t1, t2), bytes / 1048576.0 / Seconds(t1, t2), sentences);
  std::printf("stream: peak RSS %.1f MB (%.1f MB before reading)\n", PeakRssKb() / 1024.0, before / 1024.0);
  return 0;
}

// Offsets to probe the map with: every boundary of the structure, and pseudo-random ones (some
// inside characters, some past the end), from a generator seeded by the text so runs repeat.
std::vector<std::size_t> Probes(std::size_t size, std::size_t count, std::uint64_t seed) {
  std::vector<std::size_t> out;
  std::uint64_t x = seed * 6364136223846793005ull + 1442695040888963407ull;
  for (std::size_t k = 0; k < count; ++k) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    out.push_back(static_cast<std::size_t>((x >> 33) % (size + 3)));
  }
  return out;
}

void DumpOne(const std::string& name, const std::string& bytes, bool raw, const std::string& lang) {
  presskg::Document doc;
  if (raw) {
    std::printf("== %s raw lang=%s\n", name.c_str(), lang.c_str());
    doc.text = bytes;
  } else {
    presskg::sources::DecodeOutcome d = presskg::sources::DecodeBytes(bytes, {});
    std::printf("== %s encoding=%s invalid=%zu reject=%s lang=%s\n", name.c_str(), d.encoding.c_str(),
                d.invalid_sequences, d.reject_reason.c_str(), lang.c_str());
    doc.text = std::move(d.text);
  }
  presskg::TextOptions opts;
  opts.lang = lang;
  auto t = presskg::PrepareText(doc, opts);
  if (!t.ok()) {
    std::printf("error %s\n", t.status().ToString().c_str());
    return;
  }
  std::printf("lang %s\nnorm %s\nruns", t->language().c_str(), t->normalized().c_str());
  for (const auto& r : t->offset_runs()) std::printf(" %zu:%zu:%d", r.norm, r.orig, r.identity ? 1 : 0);
  std::printf("\n");
  for (const auto& p : t->paragraphs())
    std::printf("para %zu-%zu %zu-%zu\n", p.norm_begin, p.norm_end, p.span.begin, p.span.end);
  for (const auto& s : t->sentences())
    std::printf("sent %zu-%zu %zu-%zu p%d b%d\n", s.norm_begin, s.norm_end, s.span.begin, s.span.end, s.paragraph,
                s.boilerplate ? 1 : 0);
  for (const auto& q : t->quotes())
    std::printf("quote %zu-%zu %zu-%zu p%d\n", q.norm_begin, q.norm_end, q.span.begin, q.span.end, q.paragraph);
  const auto& dl = t->dateline();
  std::printf("dateline %d %zu-%zu date %zu-%zu place %zu-%zu\n", dl.found ? 1 : 0, dl.norm_begin, dl.norm_end,
              dl.date_begin, dl.date_end, dl.place_begin, dl.place_end);
  // The map back, as fact assembly uses it: the structure's ranges, then random ranges.
  const std::size_t n = t->normalized().size();
  auto map = [&](const char* what, std::size_t b, std::size_t e) {
    presskg::Span s = t->ToOriginal(b, e);
    const std::string text = t->OriginalText(b, e);
    if (text.size() <= 64) {
      std::printf("%s %zu-%zu %zu-%zu [%s]\n", what, b, e, s.begin, s.end, text.c_str());
    } else {  // long ones by length and hash (FNV-1a), to keep the dump small
      std::uint64_t h = 14695981039346656037ull;
      for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
      std::printf("%s %zu-%zu %zu-%zu %zu:%016llx\n", what, b, e, s.begin, s.end, text.size(),
                  static_cast<unsigned long long>(h));
    }
  };
  for (const auto& s : t->sentences()) map("msent", s.norm_begin, s.norm_end);
  for (const auto& q : t->quotes()) map("mquote", q.norm_begin, q.norm_end);
  map("mdate", dl.date_begin, dl.date_end);
  map("mplace", dl.place_begin, dl.place_end);
  std::vector<std::size_t> a = Probes(n, 200, n), b = Probes(n, 200, n + 7);
  for (std::size_t k = 0; k < a.size(); ++k) {
    std::size_t lo = std::min(a[k], b[k]), hi = std::max(a[k], b[k]);
    if (k % 4 == 0) hi = std::min(hi, lo + 12);  // short ranges, as mentions are
    map("mrand", k % 9 == 0 ? hi : lo, hi);        // some reversed
  }
  std::printf("tonorm");
  for (std::size_t o : Probes(t->original().size(), 200, n + 13)) std::printf(" %zu", t->ToNormalized(o));
  std::printf("\n");
}

// dump [--raw] [--lang L] FILE...: --raw gives PrepareText the bytes as they are (no decoding);
// --lang forces the language.
int Dump(int argc, char** argv) {
  bool raw = false;
  std::string lang;
  for (int a = 2; a < argc; ++a) {
    std::string arg = argv[a];
    if (arg == "--raw") {
      raw = true;
      continue;
    }
    if (arg == "--lang" && a + 1 < argc) {
      lang = argv[++a];
      continue;
    }
    std::ifstream in(argv[a], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    DumpOne(arg, ss.str(), raw, lang);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "prepare";
  if (mode == "prepare") return Prepare(argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 64, argc > 3 ? std::string(argv[3]) + "-" : "");
  if (mode == "dump") return Dump(argc, argv);
  if (mode == "stream") return Stream(argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 1024);
  std::fprintf(stderr, "usage: text_bench prepare [MB] [zh|en] | stream [MB] | dump [--raw] [--lang L] FILE...\n");
  return 2;
}
