// End-to-end extraction throughput: release text in, facts out (PrepareText + mentions + rules +
// fact assembly), one thread, per language. The dev corpus is replicated in memory at bench time up
// to --mb megabytes per language (default 50); ids differ per copy so nothing is cached.
//
//   extract_bench [--corpus DIR] [--mb N] [--reps N] [--runs N] [--facts-only 1] [--lang zh|en]
//
// --runs N times the batched end-to-end pass N times and prints the best and the median: on a
// shared machine other work only ever slows a run down, so the best of several is the figure
// least disturbed by neighbours (each run is printed too).
//
// --facts-only 1 times the rules + facts stage alone (texts and mentions prepared once, then
// BuildFacts --reps times per language); with valgrind --tool=callgrind
// --toggle-collect='TimedBuildFacts*' it gives a deterministic instruction count.
//
// Prints CPU-time MB/s and facts per MB for zh and en — batched as `presskg extract` runs
// (Extractor::ExtractBatch over up to 64 documents / 256 KB) and one document at a time — a
// breakdown by stage (text, mentions, rules + facts) and the RE2::Set prefilter alone.
// docs/benchmarks.md records the figures.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "facts/builder.h"
#include "presskg/mention.h"
#include "presskg/rules.h"
#include "presskg/text.h"

namespace fs = std::filesystem;

// The timed calls of --facts-only go through here, so that callgrind can count them alone
// (--toggle-collect='TimedBuildFacts*') after the untimed warm-up pass.
__attribute__((noinline)) std::size_t TimedBuildFacts(const presskg::rules::RuleBook& book,
                                                      const presskg::facts::DocView& v,
                                                      const std::vector<presskg::Mention>& ms) {
  return presskg::facts::BuildFacts(book, v, ms).facts.size();
}

int main(int argc, char** argv) {
  std::string corpus = std::string(PRESSKG_SHARED_DIR) + "/corpus/dev/docs";
  double mb = 50;
  int reps = 20;
  int runs = 1;
  bool facts_only = false;
  std::string only_lang;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--corpus") corpus = argv[i + 1];
    else if (a == "--mb") mb = std::atof(argv[i + 1]);
    else if (a == "--reps") reps = std::atoi(argv[i + 1]);
    else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--facts-only") facts_only = std::atoi(argv[i + 1]) != 0;
    else if (a == "--lang") only_lang = argv[i + 1];
  }
  auto ex = presskg::Extractor::Load(presskg::ExtractorOptions{});
  if (!ex.ok()) {
    std::cerr << ex.status().ToString() << "\n";
    return 2;
  }
  presskg::rules::RuleBook book;
  if (auto st = book.LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules"); !st.ok()) {
    std::cerr << st.ToString() << "\n";
    return 2;
  }
  auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  if (!finder.ok()) {
    std::cerr << finder.status().ToString() << "\n";
    return 2;
  }
  if (std::getenv("PRESSKG_BENCH_SIZES")) {  // program size of each rule (RE2 instructions)
    bool patterns = std::string(std::getenv("PRESSKG_BENCH_SIZES")) == "patterns";
    for (const auto& r : book.rules()) {
      book.Prepare(*r);  // capture programs are built on a rule's first use
      if (patterns)  // id, pattern, capture pattern: one line each, for experiments with RE2
        std::printf("%s\n%s\n%s\n", r->id.c_str(), r->re->pattern().c_str(),
                    r->captures.empty() ? "" : r->captures[0].re->pattern().c_str());
      else
        std::printf("%6d %6d %s\n", r->re->ProgramSize(), r->captures.empty() ? 0 : r->captures[0].re->ProgramSize(),
                    r->id.c_str());
    }
    return 0;
  }
  std::size_t facts_n = 0, candidates = 0;
  for (const char* lang : {"zh", "en"}) {
    if (!only_lang.empty() && only_lang != lang) continue;
    std::vector<presskg::Document> base;
    for (const auto& e : fs::directory_iterator(corpus)) {
      std::string name = e.path().filename().string();
      if (name.rfind(std::string(lang) + "-", 0) != 0) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream buf;
      buf << in.rdbuf();
      presskg::Document d;
      d.id = e.path().stem().string();
      d.text = buf.str();
      base.push_back(std::move(d));
    }
    if (base.empty()) {
      std::cerr << "no " << lang << " documents in " << corpus << "\n";
      return 2;
    }
    auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
    if (facts_only) {
      std::vector<presskg::PreparedText> texts;
      std::vector<std::vector<presskg::Mention>> mentions;
      std::vector<const presskg::Document*> used;
      std::size_t base_bytes = 0;
      for (const auto& d : base) {
        auto t = presskg::PrepareText(d);
        if (!t.ok()) continue;
        mentions.push_back((*finder)->Find(*t, presskg::MentionContext{}));
        texts.push_back(std::move(*t));
        used.push_back(&d);
        base_bytes += d.text.size();
      }
      // One untimed pass first: RE2 builds its DFA states and reverse programs lazily, a cost
      // paid once per process that the end-to-end figure amortises over its megabytes.
      for (std::size_t i = 0; i < texts.size(); ++i)
        presskg::facts::BuildFacts(book, presskg::facts::ViewOf(*used[i], texts[i]), mentions[i]);
      std::size_t facts = 0;
      double t0 = cpu();
      for (int rep = 0; rep < reps; ++rep)
        for (std::size_t i = 0; i < texts.size(); ++i)
          facts += TimedBuildFacts(book, presskg::facts::ViewOf(*used[i], texts[i]), mentions[i]);
      double s = cpu() - t0;
      facts_n += facts;
      candidates += facts;
      std::printf("%s: rules+facts alone %.1f MB/s (%d x %.2f MB, %zu facts per pass)\n", lang,
                  reps * base_bytes / 1e6 / s, reps, base_bytes / 1e6, reps ? facts / reps : 0);
      continue;
    }
    // Replicate to the target size.
    std::vector<presskg::Document> docs;
    std::size_t bytes = 0, target = static_cast<std::size_t>(mb * 1e6);
    for (int copy = 0; bytes < target; ++copy)
      for (const auto& d : base) {
        presskg::Document c = d;
        c.id += "#" + std::to_string(copy);
        bytes += c.text.size();
        docs.push_back(std::move(c));
      }
    // CPU time (the machine is shared; wall time would measure the neighbours).
    std::size_t facts = 0;
    // One untimed pass first: RE2 builds DFA states and reverse programs lazily, ~1.3 G
    // instructions once per process, which would otherwise count against whichever run goes first.
    for (const auto& d : base) {
      auto t = presskg::PrepareText(d);
      if (t.ok()) (*ex)->Extract(d, *t);
    }
    // As `presskg extract` runs it: batches of up to 64 documents / 256 KB, stage by stage.
    std::vector<double> run_s;
    for (int run = 0; run < runs; ++run) {
      facts = 0;
      double t0 = cpu();
      {
        std::vector<presskg::PreparedText> texts;
        std::vector<presskg::Extractor::Release> batch;
        std::vector<std::vector<presskg::Fact>> out;
        for (std::size_t k = 0; k < docs.size();) {
          texts.clear();
          batch.clear();
          std::size_t batch_bytes = 0;
          texts.reserve(64);
          for (; k < docs.size() && texts.size() < 64 && batch_bytes < (256u << 10); ++k) {
            auto t = presskg::PrepareText(docs[k]);
            if (!t.ok()) continue;
            batch_bytes += docs[k].text.size();
            texts.push_back(std::move(*t));
            batch.push_back({&docs[k], &texts.back()});
          }
          (*ex)->ExtractBatch(batch, &out);
          for (const auto& f : out) facts += f.size();
        }
      }
      run_s.push_back(cpu() - t0);
      if (runs > 1) std::printf("%s run %d: %.2f MB/s\n", lang, run + 1, bytes / 1e6 / run_s.back());
    }
    std::vector<double> sorted_s = run_s;
    std::sort(sorted_s.begin(), sorted_s.end());
    double total_s = sorted_s.front();
    double median_s = sorted_s[sorted_s.size() / 2];
    // One document at a time through every stage.
    double t1 = cpu();
    std::size_t facts_single = 0;
    for (const auto& d : docs) {
      auto t = presskg::PrepareText(d);
      if (!t.ok()) continue;
      facts_single += (*ex)->Extract(d, *t).size();
    }
    double single_s = cpu() - t1;
    if (facts_single != facts) std::printf("(batched and single runs found different facts: %zu vs %zu)\n", facts, facts_single);
    // Stage breakdown on one copy of the corpus, repeated: text, mentions, rules + facts. One
    // untimed pass first: RE2 builds DFA states and reverse programs lazily, once per process
    // (the end-to-end figure above pays it; over a few repetitions it would swamp the stage).
    for (const auto& d : base) {
      auto t = presskg::PrepareText(d);
      if (!t.ok()) continue;
      std::vector<presskg::Mention> ms = (*finder)->Find(*t, presskg::MentionContext{});
      presskg::facts::BuildFacts(book, presskg::facts::ViewOf(d, *t), ms);
      for (const auto& s : t->sentences()) book.Candidates(presskg::facts::RuleLanguage(lang), t->NormalizedView(s));
    }
    double prep_s = 0, mention_s = 0, facts_s = 0, set_s = 0;
    std::size_t stage_bytes = 0;
    for (int rep = 0; rep < reps; ++rep)
      for (const auto& d : base) {
        double a = cpu();
        auto t = presskg::PrepareText(d);
        if (!t.ok()) continue;
        double b = cpu();
        std::vector<presskg::Mention> ms = (*finder)->Find(*t, presskg::MentionContext{});
        double c = cpu();
        presskg::facts::DocView v = presskg::facts::ViewOf(d, *t);
        facts_n += presskg::facts::BuildFacts(book, v, ms).facts.size();
        double e = cpu();
        for (const auto& s : t->sentences()) candidates += book.Candidates(v.lang, t->NormalizedView(s)).size();
        double f = cpu();
        prep_s += b - a;
        mention_s += c - b;
        facts_s += e - c;
        set_s += f - e;
        stage_bytes += d.text.size();
      }
    double smb = stage_bytes / 1e6;
    if (runs > 1)
      std::printf("%s: best of %d runs %.2f MB/s, median %.2f MB/s\n", lang, runs, bytes / 1e6 / total_s,
                  bytes / 1e6 / median_s);
    std::printf("%s: %zu documents, %.1f MB in %.2f s CPU = %.2f MB/s end to end (1 thread, batched as presskg "
                "extract; one document at a time: %.2f MB/s), %.1f facts per MB\n"
                "    stages: text %.1f MB/s, mentions %.1f MB/s, rules+facts %.1f MB/s; RE2::Set prefilter alone %.1f MB/s\n",
                lang, docs.size(), bytes / 1e6, total_s, bytes / 1e6 / total_s, bytes / 1e6 / single_s,
                facts / (bytes / 1e6),
                smb / prep_s, smb / mention_s, smb / facts_s, smb / set_s);
  }
  if (facts_n == 0 || candidates == 0) std::printf("(no facts?)\n");
  return 0;
}
