// presskg extract — the main job: inputs → documents → facts → release graphs → (validation) →
// writers and/or a store. Documents are processed on --jobs threads; output order and content do
// not depend on the number of threads (results are emitted in input order).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli.h"
#include "cli/progress.h"
#include "presskg/graph.h"
#include "presskg/rules.h"
#include "presskg/shacl.h"
#include "presskg/sources.h"
#include "presskg/store.h"
#include "presskg/text.h"
#include "presskg/writer.h"

namespace presskg::cli {
namespace {

const char kHelp[] =
    "usage: presskg extract INPUT... [options]\n"
    "\n"
    "INPUT is a file (.txt, .html, .jsonl), a folder, an archive (.tar, .tar.gz, .tar.xz, .tar.zst,\n"
    ".zip), or - for standard input.\n"
    "\n"
    "options:\n"
    "  -o FILE                 output file, - for standard output (default: -)\n"
    "  --format F              ttl | nt | nq | trig | jsonld | rdfxml (default: from -o's extension, else ttl)\n"
    "  --lang L                auto | zh | zh-Hans | zh-Hant | en (default: auto)\n"
    "  --base IRI              base for minted IRIs (default: https://w3id.org/presskg/id/)\n"
    "  --shapes DIR            validate each release graph against the SHACL shapes in DIR\n"
    "  --keep-invalid          publish facts that violate the shapes (default: leave them out)\n"
    "  --report FILE           one JSON line per input document (id, source, bytes, encoding, language,\n"
    "                          status, reason, facts)\n"
    "  --keep-going            exit 0 even when documents were rejected\n"
    "  --jobs N                worker threads (default: number of cores)\n"
    "  --load-into STORE|URL   also load each release graph into an embedded store (path) or a\n"
    "                          SPARQL 1.1 Graph Store endpoint (http[s]://...)\n"
    "  --encoding ENC          force the source encoding (GB18030, Big5, UTF-16LE, ...)\n"
    "  --on-bad-encoding P     repair (U+FFFD, flagged in the report) | reject (default: repair)\n"
    "  --max-doc-bytes N       reject documents larger than N bytes (default: 67108864)\n"
    "  --metadata FILE         release metadata by document id (TSV, CSV or JSON Lines with id, date,\n"
    "                          lang, url columns): the release date completes datelines and dates that\n"
    "                          omit the year. A folder's own metadata.tsv|csv|jsonl or sources.tsv is\n"
    "                          used without this option. Repeatable.\n"
    "  --rules DIR             rule packs (default: the built-in extractor/rules)\n"
    "  --gazetteers DIR        gazetteers (default: the built-in extractor/gazetteers)\n"
    "  --quiet                 no progress bar and no summary on stderr\n"
    "\n"
    "exit status: 0 success, 1 a document was rejected (unless --keep-going), 2 usage or system error\n";

// What one worker produces for one input document.
struct DocJob {
  SourceItem item;
  QuadTable quads;  // the release's graph (terms shared: cheap to build and to write)
  std::vector<std::string> violations;  // readable lines, with the rule id of the offending fact
  std::size_t facts_by_type[5] = {0, 0, 0, 0, 0};
  std::size_t dropped = 0;
};

// A batch of consecutive documents, processed stage by stage (all texts, then all mentions, then
// all rules and facts, then the graphs): each stage's tables and automata stay in the CPU caches
// across the batch instead of being evicted by the other stages after every document.
struct Job {
  std::size_t seq = 0;
  std::vector<DocJob> docs;
  std::size_t bytes = 0;
  bool done = false;
};
// A batch closes at this many documents or input bytes (a long release is a batch of its own).
constexpr std::size_t kBatchDocs = 64;
constexpr std::size_t kBatchBytes = std::size_t{256} << 10;

struct Context {
  const Extractor* extractor = nullptr;
  const ShapesGraph* shapes = nullptr;
  const GraphBuilder* graph = nullptr;
  TextOptions text_options;
  bool keep_invalid = false;
};

void Publish(const Context& ctx, DocJob& job, std::vector<Fact> facts);

// Text → facts → quads → validation for a batch of documents. Thread-safe: everything shared is
// const.
void Process(const Context& ctx, Job& batch) {
  std::vector<Result<PreparedText>> texts;
  std::vector<Extractor::Release> releases;
  std::vector<DocJob*> owners;
  texts.reserve(batch.docs.size());  // no reallocation: releases point into it
  for (DocJob& job : batch.docs) {
    ReportEntry& rep = job.item.report;
    if (rep.status != DocStatus::kConverted) continue;
    Document& doc = job.item.doc;
    texts.push_back(PrepareText(doc, ctx.text_options));
    if (!texts.back().ok()) {
      rep.status = DocStatus::kRejected;
      rep.reason = texts.back().status().message();
      continue;
    }
    if (doc.lang.empty()) doc.lang = texts.back()->language();
    rep.language = doc.lang;
    releases.push_back({&doc, &*texts.back()});
    owners.push_back(&job);
  }
  std::vector<std::vector<Fact>> facts;
  ctx.extractor->ExtractBatch(releases, &facts);
  for (std::size_t i = 0; i < owners.size(); ++i) Publish(ctx, *owners[i], std::move(facts[i]));
}

// Facts → quads → validation for one document.
void Publish(const Context& ctx, DocJob& job, std::vector<Fact> facts) {
  ReportEntry& rep = job.item.report;
  const Document& doc = job.item.doc;
  QuadTable table = ctx.graph->BuildReleaseTable(doc, facts);

  if (ctx.shapes != nullptr) {
    const Quads quads = table.ToQuads();
    ValidationReport vr = ctx.shapes->Validate(quads);
    if (!vr.conforms) {
      // A fact is non-conforming when it is a focus node, or points at one (its speaker, party...).
      std::set<Term> bad;
      for (const ValidationResult& r : vr.results) bad.insert(r.focus_node);
      std::map<std::string, std::size_t> fact_index;
      for (std::size_t i = 0; i < facts.size(); ++i) fact_index[ctx.graph->FactIri(facts[i])] = i;
      std::set<std::size_t> bad_facts;
      for (const Quad& q : quads) {
        if (!q.subject.is_iri()) continue;
        auto it = fact_index.find(q.subject.value);
        if (it == fact_index.end()) continue;
        if (bad.count(q.subject) || bad.count(q.object)) bad_facts.insert(it->second);
      }
      for (const ValidationResult& r : vr.results) {
        std::string rule;
        if (r.focus_node.is_iri()) {
          auto it = fact_index.find(r.focus_node.value);
          if (it != fact_index.end()) rule = facts[it->second].rule;
        }
        job.violations.push_back(doc.id + ": " + (rule.empty() ? "" : "[" + rule + "] ") + r.ToText());
      }
      if (!ctx.keep_invalid && !bad_facts.empty()) {
        std::vector<Fact> kept;
        for (std::size_t i = 0; i < facts.size(); ++i)
          if (!bad_facts.count(i)) kept.push_back(std::move(facts[i]));
        job.dropped = facts.size() - kept.size();
        facts = std::move(kept);
        table = ctx.graph->BuildReleaseTable(doc, facts);
      }
    }
  }
  for (const Fact& f : facts) ++job.facts_by_type[static_cast<int>(f.type)];
  rep.facts = facts.size();
  job.quads = std::move(table);
}

std::string NowXsdDateTime() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string DefaultDir(const char* sub) { return std::string(PRESSKG_SOURCE_DIR) + "/extractor/" + sub; }

}  // namespace

int RunExtract(int argc, char** argv) {
  Args args;
  if (!args.Parse(argc, argv,
                  {"-o", "--output", "--format", "--lang", "--base", "--shapes", "--report", "--jobs", "--load-into",
                   "--encoding", "--on-bad-encoding", "--max-doc-bytes", "--rules", "--gazetteers", "--metadata"},
                  {"--keep-going", "--keep-invalid", "--quiet", "--help", "-h"})) {
    std::cerr << "presskg extract: " << args.error() << "\n(see presskg extract --help)\n";
    return kExitError;
  }
  if (args.Has("--help") || args.Has("-h")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positionals().empty()) {
    std::cerr << "presskg extract: no INPUT given\n(see presskg extract --help)\n";
    return kExitError;
  }
  const std::string out_path = args.Get("-o", args.Get("--output", "-"));
  Result<RdfFormat> format = args.Has("--format") ? RdfFormatFromName(args.Get("--format"))
                             : out_path == "-"    ? Result<RdfFormat>(RdfFormat::kTurtle)
                                                  : RdfFormatFromPath(out_path);
  if (!format.ok()) {
    std::cerr << "presskg extract: " << format.status().ToString() << "\n";
    return kExitError;
  }
  const bool quiet = args.Has("--quiet");

  SourceOptions src;
  src.encoding = args.Get("--encoding");
  const std::string bad_enc = args.Get("--on-bad-encoding", "repair");
  if (bad_enc != "repair" && bad_enc != "reject") {
    std::cerr << "presskg extract: --on-bad-encoding must be repair or reject, not '" << bad_enc << "'\n";
    return kExitError;
  }
  src.on_bad_encoding = bad_enc == "reject" ? BadEncodingPolicy::kReject : BadEncodingPolicy::kRepair;
  if (args.Has("--max-doc-bytes")) {
    try {
      src.max_document_bytes = std::stoull(args.Get("--max-doc-bytes"));
    } catch (...) {
      std::cerr << "presskg extract: --max-doc-bytes needs a number of bytes\n";
      return kExitError;
    }
  }
  std::string lang = args.Get("--lang", "auto");
  if (lang != "auto" && lang != "zh" && lang != "zh-Hans" && lang != "zh-Hant" && lang != "en") {
    std::cerr << "presskg extract: --lang must be auto, zh, zh-Hans, zh-Hant or en, not '" << lang << "'\n";
    return kExitError;
  }
  Context ctx;
  ctx.text_options.lang = lang == "auto" ? "" : lang;
  src.lang = ctx.text_options.lang;
  if (!LoadMetadataOptions(args, "extract", &src)) return kExitError;
  ctx.keep_invalid = args.Has("--keep-invalid");

  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (args.Has("--jobs")) {
    try {
      jobs = std::stoi(args.Get("--jobs"));
    } catch (...) {
      jobs = 0;
    }
    if (jobs < 1 || jobs > 256) {
      std::cerr << "presskg extract: --jobs needs a number from 1 to 256\n";
      return kExitError;
    }
  }

  ExtractorOptions xo;
  xo.rules_dir = args.Get("--rules", DefaultDir("rules"));
  xo.gazetteer_dir = args.Get("--gazetteers", DefaultDir("gazetteers"));
  Result<std::unique_ptr<Extractor>> extractor = Extractor::Load(xo);
  if (!extractor.ok()) {
    std::cerr << "presskg extract: " << extractor.status().ToString() << "\n";
    return kExitError;
  }
  ctx.extractor = extractor->get();

  std::unique_ptr<ShapesGraph> shapes;
  if (args.Has("--shapes")) {
    Result<std::unique_ptr<ShapesGraph>> s = ShapesGraph::LoadDir(args.Get("--shapes"));
    if (!s.ok()) {
      std::cerr << "presskg extract: " << s.status().ToString() << "\n";
      return kExitError;
    }
    shapes = std::move(*s);
    ctx.shapes = shapes.get();
  }

  GraphOptions go;
  go.base = args.Get("--base", ns::kDefaultBase);
  if (go.base.empty() || (go.base.back() != '/' && go.base.back() != '#')) {
    std::cerr << "presskg extract: --base must end with '/' or '#': " << go.base << "\n";
    return kExitError;
  }
  go.rule_pack_version = ctx.extractor->RulePackVersion();
  go.tool_version = PRESSKG_VERSION;
  GraphBuilder graph(go);
  ctx.graph = &graph;

  WriterOptions wo;
  wo.base = go.base;
  Result<std::unique_ptr<QuadWriter>> writer = QuadWriter::Open(out_path, *format, wo);
  if (!writer.ok()) {
    std::cerr << "presskg extract: " << writer.status().ToString() << "\n";
    return kExitError;
  }

  std::unique_ptr<GraphSink> sink;
  if (args.Has("--load-into")) {
    Result<std::unique_ptr<GraphSink>> s = OpenGraphSink(args.Get("--load-into"));
    if (!s.ok()) {
      std::cerr << "presskg extract: " << s.status().ToString() << "\n";
      return kExitError;
    }
    sink = std::move(*s);
  }

  std::unique_ptr<std::ofstream> report;
  if (args.Has("--report")) {
    report = std::make_unique<std::ofstream>(args.Get("--report"), std::ios::binary | std::ios::trunc);
    if (!*report) {
      std::cerr << "presskg extract: cannot write report " << args.Get("--report") << "\n";
      return kExitError;
    }
  }

  Progress progress(!quiet && isatty(STDERR_FILENO), args.positionals());
  RunInfo run;
  run.started_at = NowXsdDateTime();
  std::size_t n_docs = 0, n_converted = 0, n_rejected = 0, n_empty = 0, n_dropped = 0;
  std::size_t by_type[5] = {0, 0, 0, 0, 0};
  std::vector<std::string> rejected_lines, violation_lines;
  Status out_status;

  // Emits one finished document: writer, store, report, counters. Runs on the main thread only.
  auto emit_doc = [&](DocJob& job) {
    ++n_docs;
    ReportEntry& rep = job.item.report;
    progress.Add(rep.bytes);
    switch (rep.status) {
      case DocStatus::kConverted: ++n_converted; break;
      case DocStatus::kRejected:
        ++n_rejected;
        rejected_lines.push_back(rep.source + ": " + rep.reason);
        break;
      case DocStatus::kEmpty: ++n_empty; break;
    }
    if (rep.status == DocStatus::kConverted) {
      run.doc_ids.push_back(job.item.doc.id);
      for (int t = 0; t < 5; ++t) by_type[t] += job.facts_by_type[t];
      n_dropped += job.dropped;
      for (std::string& v : job.violations) violation_lines.push_back(std::move(v));
      if (out_status.ok()) out_status = (*writer)->WriteTable(job.quads);
      if (sink && out_status.ok()) {
        out_status = sink->ReplaceGraph(graph.GraphIri(job.item.doc.id), std::move(job.quads).ToQuads());
      }
    }
    if (report) *report << ReportEntryToJson(rep) << "\n";
  };
  auto emit = [&](Job& job) {
    for (DocJob& d : job.docs) emit_doc(d);
  };

  // Documents are gathered into batches (Job) in input order; a batch is processed when it is full
  // and when the input ends.
  std::shared_ptr<Job> open_batch;
  std::size_t seq = 0;
  auto add_to_batch = [&](SourceItem&& item) -> std::shared_ptr<Job> {
    if (!open_batch) {
      open_batch = std::make_shared<Job>();
      open_batch->seq = seq++;
    }
    open_batch->bytes += item.report.bytes;
    open_batch->docs.push_back(DocJob{});
    open_batch->docs.back().item = std::move(item);
    if (open_batch->docs.size() < kBatchDocs && open_batch->bytes < kBatchBytes) return nullptr;
    return std::move(open_batch);
  };

  Status read_status;
  if (jobs == 1) {
    read_status = ReadSources(args.positionals(), src, [&](SourceItem&& item) {
      if (std::shared_ptr<Job> full = add_to_batch(std::move(item))) {
        Process(ctx, *full);
        emit(*full);
      }
      return out_status;
    });
    if (open_batch) {
      std::shared_ptr<Job> last = std::move(open_batch);
      Process(ctx, *last);
      emit(*last);
    }
  } else {
    // Ordered parallel map: the reader (this thread) feeds a bounded window; workers fill batches in
    // any order; this thread emits them strictly in input order, so output never depends on --jobs.
    // The window is bounded in batches and in input bytes: wide enough that one slow batch at the
    // front does not leave the other workers idle, small enough that memory stays bounded by a
    // few large documents in flight.
    std::mutex mu;
    std::condition_variable cv_work, cv_done;
    std::deque<std::shared_ptr<Job>> queue, window;
    std::size_t window_bytes = 0;
    bool closing = false;
    const std::size_t max_window = static_cast<std::size_t>(jobs) * 4;
    const std::size_t max_window_bytes = std::size_t{32} << 20;
    std::vector<std::thread> workers;
    for (int w = 0; w < jobs; ++w) {
      workers.emplace_back([&] {
        for (;;) {
          std::shared_ptr<Job> job;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv_work.wait(lock, [&] { return closing || !queue.empty(); });
            if (queue.empty()) return;
            job = queue.front();
            queue.pop_front();
          }
          Process(ctx, *job);
          bool front;
          {
            std::lock_guard<std::mutex> lock(mu);
            job->done = true;
            front = window.front() == job;  // the emitting thread waits only for the front job
          }
          if (front) cv_done.notify_one();
        }
      });
    }
    // Emits finished jobs from the front while the window is over its bounds (all of it when
    // `all`); writing happens outside the lock so workers keep going meanwhile.
    auto drain = [&](bool all) {
      for (;;) {
        std::shared_ptr<Job> front;
        {
          std::unique_lock<std::mutex> lock(mu);
          bool over = window.size() > max_window || (window_bytes > max_window_bytes && window.size() > 1);
          if (window.empty() || !(all || over)) return;
          cv_done.wait(lock, [&] { return window.front()->done; });
          front = window.front();
          window.pop_front();
          window_bytes -= front->bytes;
        }
        emit(*front);
      }
    };
    auto submit = [&](std::shared_ptr<Job> job) {
      {
        std::lock_guard<std::mutex> lock(mu);
        window.push_back(job);
        window_bytes += job->bytes;
        queue.push_back(std::move(job));
      }
      cv_work.notify_one();
      drain(false);
    };
    read_status = ReadSources(args.positionals(), src, [&](SourceItem&& item) {
      if (std::shared_ptr<Job> full = add_to_batch(std::move(item))) submit(std::move(full));
      return out_status;
    });
    if (open_batch) submit(std::move(open_batch));
    drain(true);
    {
      std::lock_guard<std::mutex> lock(mu);
      closing = true;
    }
    cv_work.notify_all();
    for (std::thread& t : workers) t.join();
  }
  progress.Finish();

  if (out_status.ok()) out_status = (*writer)->Write(graph.BuildRun(run));
  Status close_status = (*writer)->Close();
  if (out_status.ok()) out_status = close_status;
  if (sink && out_status.ok()) out_status = sink->Flush();

  if (!quiet) {
    for (std::size_t i = 0; i < rejected_lines.size() && i < 20; ++i) std::cerr << "rejected: " << rejected_lines[i] << "\n";
    if (rejected_lines.size() > 20) std::cerr << "rejected: ... " << rejected_lines.size() - 20 << " more (see --report)\n";
    for (std::size_t i = 0; i < violation_lines.size() && i < 20; ++i) std::cerr << "violation: " << violation_lines[i] << "\n";
    if (violation_lines.size() > 20) std::cerr << "violation: ... " << violation_lines.size() - 20 << " more\n";
    std::cerr << "presskg extract: " << n_docs << " documents (" << n_converted << " converted, " << n_rejected
              << " rejected, " << n_empty << " empty); facts: " << by_type[0] << " agreements, " << by_type[1]
              << " quotes, " << by_type[2] << " roles, " << by_type[3] << " events, " << by_type[4] << " datelines";
    if (shapes) {
      std::cerr << "; " << violation_lines.size() << " shape violations";
      if (!ctx.keep_invalid) std::cerr << " (" << n_dropped << " facts left out)";
    }
    std::cerr << "\n";
    if (sink) std::cerr << "presskg extract: " << sink->Summary() << "\n";
  }
  if (!read_status.ok()) {
    std::cerr << "presskg extract: " << read_status.ToString() << "\n";
    return kExitError;
  }
  if (!out_status.ok()) {
    std::cerr << "presskg extract: " << out_status.ToString() << "\n";
    return kExitError;
  }
  if (n_rejected > 0 && !args.Has("--keep-going")) return kExitFailed;
  return kExitOk;
}

}  // namespace presskg::cli
