// presskg eval — scores extraction against gold facts (../shared/corpus/GOLD.md, docs/eval.md).
// With a corpus folder it runs the library pipeline itself (sources → text → rules), so the
// figures are those of the current rule packs; with --rdf it scores an already published graph.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "presskg/eval.h"
#include "presskg/rules.h"
#include "presskg/sources.h"
#include "presskg/text.h"
#include "presskg/writer.h"

namespace presskg::cli {
namespace {

namespace fs = std::filesystem;

const char kHelp[] =
    "usage: presskg eval --gold GOLD.jsonl CORPUS_DIR [options]\n"
    "       presskg eval --gold GOLD.jsonl --rdf FILE... [--docs PATH] [options]\n"
    "\n"
    "Scores extracted facts against gold facts (GOLD.md matching) and prints precision, recall and\n"
    "F1 per fact type and micro-averaged, overall and per language (zh, en), with the accuracy of\n"
    "attributes (countries, dates, roles, places) on matched facts.\n"
    "\n"
    "CORPUS_DIR is a folder of releases (or a corpus folder holding docs/ and gold.jsonl); it is read,\n"
    "prepared and extracted with the current rule packs. With --rdf the facts are read back from\n"
    "published RDF files (Turtle, N-Triples, N-Quads, TriG) instead.\n"
    "\n"
    "options:\n"
    "  --gold FILE        gold facts, one JSON object per line (default: CORPUS_DIR/gold.jsonl)\n"
    "  --rdf              the positional arguments are RDF files to score\n"
    "  --docs PATH        with --rdf: the release texts, for quote positions (default: the docs/\n"
    "                     folder next to the gold file, when there is one)\n"
    "  --lang zh|en       score only the documents of that language (id prefix or detected language)\n"
    "  --errors           list false negatives (FN), false positives (FP, with the nearest gold fact)\n"
    "                     and wrong attributes (ATTR) of matched facts\n"
    "  --by-rule          precision of each rule id (correct / wrong / ignored predictions)\n"
    "  --json FILE        also write the figures as JSON (all, zh, en, by_rule)\n"
    "  --rules DIR        rule packs (default: the built-in extractor/rules)\n"
    "  --gazetteers DIR   gazetteers (default: the built-in extractor/gazetteers)\n"
    "  --metadata FILE    release metadata by document id (TSV, CSV or JSON Lines: id, date, lang,\n"
    "                     url); a corpus folder's own sources.tsv or metadata.tsv|csv|jsonl beside\n"
    "                     docs/ is used without it\n"
    "\n"
    "exit status: 0 the table was printed, 2 usage or system error\n";

struct Corpus {
  std::map<std::string, std::string> texts;      // doc id → original text
  std::map<std::string, std::string> languages;  // doc id → detected language tag
  std::vector<Fact> facts;
  int rejected = 0;
};

// The inputs of a corpus folder: its docs/ when it has one (the corpus layout), else the folder
// itself, so document ids are the same as `presskg extract FOLDER` gives them.
std::string CorpusInput(const std::string& path) {
  std::error_code ec;
  fs::path docs = fs::path(path) / "docs";
  return fs::is_directory(path, ec) && fs::is_directory(docs, ec) ? docs.string() : path;
}

// A corpus folder's own index beside docs/ (sources.tsv, metadata.tsv, ...): release dates and
// languages, as `extract` uses a folder's index. Merged into options->metadata after --metadata.
bool AddCorpusMetadata(const std::string& path, SourceOptions* options) {
  std::error_code ec;
  if (!fs::is_directory(fs::path(path) / "docs", ec)) return true;
  for (const char* name : {"metadata.tsv", "metadata.csv", "metadata.jsonl", "sources.tsv"}) {
    fs::path p = fs::path(path) / name;
    if (!fs::is_regular_file(p, ec)) continue;
    Result<MetadataIndex> md = LoadMetadata(p.string());
    if (!md.ok()) {
      std::cerr << "presskg eval: " << md.status().ToString() << "\n";
      return false;
    }
    auto merged = std::make_shared<MetadataIndex>();
    merged->Merge(*md);
    if (options->metadata) merged->Merge(*options->metadata);  // --metadata wins
    options->metadata = std::move(merged);
    return true;
  }
  return true;
}

// A gold file kept beside the releases (samples/gold.jsonl) is read as JSON Lines input too; its
// lines have no "id"/"text" and come back rejected: they are not documents, so say nothing.
bool FromGoldFile(const ReportEntry& r, const std::string& gold) {
  std::string source = r.source;
  std::size_t colon = source.find_last_of(':');
  if (colon != std::string::npos && colon + 1 < source.size() &&
      source.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
    source.resize(colon);
  }
  std::error_code ec;
  return !gold.empty() && fs::equivalent(source, gold, ec);
}

// Reads the releases; with an extractor, prepares and extracts each one.
Status ReadCorpus(const std::vector<std::string>& inputs, const std::string& gold, const Extractor* extractor,
                  const SourceOptions& options, Corpus* corpus) {
  return ReadSources(inputs, options, [&](SourceItem&& item) {
    if (item.report.status != DocStatus::kConverted) {
      if (FromGoldFile(item.report, gold)) return Status::OK();
      ++corpus->rejected;
      std::cerr << "presskg eval: " << item.report.id << ": " << DocStatusName(item.report.status) << ": "
                << item.report.reason << "\n";
      return Status::OK();
    }
    const Document& doc = item.doc;
    Result<PreparedText> text = PrepareText(doc);
    if (!text.ok()) {
      ++corpus->rejected;
      std::cerr << "presskg eval: " << doc.id << ": " << text.status().ToString() << "\n";
      return Status::OK();
    }
    corpus->texts[doc.id] = doc.text;
    corpus->languages[doc.id] = text->language();
    if (extractor) {
      for (Fact& f : extractor->Extract(doc, *text)) corpus->facts.push_back(std::move(f));
    }
    return Status::OK();
  });
}

// Gold, predictions and texts restricted to one language group.
struct Subset {
  std::vector<GoldFact> gold;
  std::vector<Fact> facts;
  std::map<std::string, std::string> texts;
};

Subset Restrict(const std::vector<GoldFact>& gold, const Corpus& corpus, const std::string& group) {
  auto in_group = [&](const std::string& id) {
    auto it = corpus.languages.find(id);
    return LanguageGroup(id, it == corpus.languages.end() ? "" : it->second) == group;
  };
  Subset s;
  for (const GoldFact& g : gold) {
    if (in_group(g.doc)) s.gold.push_back(g);
  }
  for (const Fact& f : corpus.facts) {
    if (in_group(f.doc)) s.facts.push_back(f);
  }
  for (const auto& [id, text] : corpus.texts) {
    if (in_group(id)) s.texts[id] = text;
  }
  return s;
}

nlohmann::json ScoresJson(const EvalScores& s) {
  auto type_json = [](const TypeScore& t) {
    return nlohmann::json{{"tp", t.tp},         {"tp_pred", t.PredictedTp()}, {"fp", t.fp},
                          {"fn", t.fn},         {"ignored", t.ignored},       {"precision", t.precision()},
                          {"recall", t.recall()}, {"f1", t.f1()}};
  };
  nlohmann::json j;
  j["documents"] = s.documents;
  j["micro"] = type_json(s.micro);
  for (const auto& [type, t] : s.by_type) j["types"][type] = type_json(t);
  for (const auto& [name, a] : s.attributes) {
    j["attributes"][name] = {{"correct", a.correct}, {"total", a.total}, {"accuracy", a.accuracy()}};
  }
  return j;
}

}  // namespace

int RunEval(int argc, char** argv) {
  Args args;
  if (!args.Parse(argc, argv, {"--gold", "--docs", "--lang", "--json", "--rules", "--gazetteers", "--metadata"},
                  {"--rdf", "--errors", "--by-rule", "--help", "-h"})) {
    std::cerr << "presskg eval: " << args.error() << "\n" << kHelp;
    return kExitError;
  }
  if (args.Has("--help") || args.Has("-h")) {
    std::cout << kHelp;
    return kExitOk;
  }
  const bool rdf = args.Has("--rdf");
  const std::vector<std::string>& inputs = args.positionals();
  if (inputs.empty()) {
    std::cerr << "presskg eval: give a corpus folder, or --rdf and RDF files\n" << kHelp;
    return kExitError;
  }
  std::string lang = args.Get("--lang");
  if (!lang.empty() && lang != "zh" && lang != "en") {
    std::cerr << "presskg eval: --lang must be zh or en\n";
    return kExitError;
  }
  std::error_code ec;
  std::string gold_path = args.Get("--gold");
  if (gold_path.empty() && !rdf && inputs.size() == 1 && fs::is_regular_file(fs::path(inputs[0]) / "gold.jsonl", ec)) {
    gold_path = (fs::path(inputs[0]) / "gold.jsonl").string();
  }
  if (gold_path.empty()) {
    std::cerr << "presskg eval: --gold GOLD.jsonl is required\n";
    return kExitError;
  }
  Result<std::vector<GoldFact>> gold = LoadGold(gold_path);
  if (!gold.ok()) {
    std::cerr << "presskg eval: " << gold.status().ToString() << "\n";
    return kExitError;
  }

  SourceOptions sources;
  if (!LoadMetadataOptions(args, "eval", &sources)) return kExitError;
  Corpus corpus;
  if (rdf) {
    for (const std::string& file : inputs) {
      Result<Quads> quads = ReadRdfFile(file);
      if (!quads.ok()) {
        std::cerr << "presskg eval: " << quads.status().ToString() << "\n";
        return kExitError;
      }
      std::vector<Fact> facts = FactsFromQuads(*quads, &corpus.languages);
      corpus.facts.insert(corpus.facts.end(), facts.begin(), facts.end());
    }
    std::string docs = args.Get("--docs");
    fs::path beside = fs::path(gold_path).parent_path() / "docs";
    if (docs.empty() && fs::is_directory(beside, ec)) docs = beside.string();
    if (docs.empty()) {
      std::cerr << "presskg eval: no release texts (--docs): quotes match on their text only, not on positions\n";
    } else {
      std::map<std::string, std::string> rdf_languages = corpus.languages;
      Status st = ReadCorpus({CorpusInput(docs)}, gold_path, nullptr, sources, &corpus);
      if (!st.ok()) {
        std::cerr << "presskg eval: " << st.ToString() << "\n";
        return kExitError;
      }
      // The language the published graph states wins over a fresh detection.
      for (const auto& [id, l] : rdf_languages) corpus.languages[id] = l;
    }
  } else {
    ExtractorOptions options;
    options.rules_dir = args.Get("--rules");
    options.gazetteer_dir = args.Get("--gazetteers");
    Result<std::unique_ptr<Extractor>> extractor = Extractor::Load(options);
    if (!extractor.ok()) {
      std::cerr << "presskg eval: " << extractor.status().ToString() << "\n";
      return kExitError;
    }
    std::vector<std::string> paths;
    for (const std::string& in : inputs) {
      paths.push_back(CorpusInput(in));
      if (!AddCorpusMetadata(in, &sources)) return kExitError;
    }
    Status st = ReadCorpus(paths, gold_path, extractor->get(), sources, &corpus);
    if (!st.ok()) {
      std::cerr << "presskg eval: " << st.ToString() << "\n";
      return kExitError;
    }
  }

  std::vector<std::string> groups = {"zh", "en"};
  std::vector<GoldFact> scored_gold = *gold;
  if (!lang.empty()) {
    Subset only = Restrict(*gold, corpus, lang);
    scored_gold = std::move(only.gold);
    corpus.facts = std::move(only.facts);
    corpus.texts = std::move(only.texts);
    groups = {lang};
  }
  EvalScores all = Score(scored_gold, corpus.facts, corpus.texts);
  std::cout << "presskg eval: " << all.documents << " documents, " << scored_gold.size() << " gold facts, "
            << corpus.facts.size() << " predicted facts" << (rdf ? " (from RDF)" : "") << "\n\n";
  std::cout << "== all ==\n" << FormatScores(all);
  nlohmann::json summary;
  summary["all"] = ScoresJson(all);
  for (const auto& [rule, t] : all.by_rule) {
    summary["by_rule"][rule] = {{"correct", t.tp}, {"wrong", t.fp}, {"ignored", t.ignored}, {"precision", t.precision()}};
  }
  for (const std::string& group : groups) {
    if (!lang.empty()) break;  // the whole table is that language already
    Subset s = Restrict(scored_gold, corpus, group);
    EvalScores g = Score(s.gold, s.facts, s.texts);
    std::cout << "\n== " << group << " (" << g.documents << " documents) ==\n" << FormatScores(g);
    summary[group] = ScoresJson(g);
  }
  if (!lang.empty()) summary[lang] = summary["all"];
  if (args.Has("--by-rule")) std::cout << "\n== precision by rule ==\n" << FormatByRule(all);
  if (args.Has("--errors")) {
    std::cout << "\n== errors ==\n";
    for (const std::string& e : all.errors) std::cout << e << "\n";
  }
  if (args.Has("--json")) {
    std::ofstream out(args.Get("--json"));
    out << summary.dump(2) << "\n";
    if (!out) {
      std::cerr << "presskg eval: cannot write " << args.Get("--json") << "\n";
      return kExitError;
    }
  }
  if (corpus.rejected > 0) std::cerr << "presskg eval: " << corpus.rejected << " document(s) could not be read\n";
  return kExitOk;
}

}  // namespace presskg::cli
