// presskg explain — sentence by sentence: mentions, the rules that fired with their spans, the
// facts; with --why-not RULE, how far that rule got in each sentence (docs/rules.md).
#include <iostream>

#include "cli/cli.h"
#include "presskg/rules.h"
#include "presskg/sources.h"
#include "presskg/text.h"

namespace presskg::cli {

namespace {

const char kHelp[] =
    "usage: presskg explain FILE [--why-not RULE] [--lang zh|en] [--metadata FILE] [--rules DIR]\n"
    "                            [--gazetteers DIR]\n"
    "\n"
    "Shows how the rule packs read one release (or each release of a folder, archive or .jsonl):\n"
    "each matching unit (a sentence, or several when a quotation spans them) with its mentions,\n"
    "the sentence as the rules see it (mentions as [TYPE#n] slots), the rules that fired with the\n"
    "span and slots they captured, and the facts kept after assembly.\n"
    "\n"
    "options:\n"
    "  --why-not RULE     for every sentence, how far RULE got: whether the RE2::Set prefilter\n"
    "                     selected it, which slot types it needs that the sentence lacks, and the\n"
    "                     longest prefix of its pattern that matches\n"
    "  --lang zh|en       force the language (default: detected)\n"
    "  --rules DIR        rule packs (default: the built-in extractor/rules)\n"
    "  --gazetteers DIR   gazetteer files (default: the built-in extractor/gazetteers)\n"
    "  --metadata FILE    release metadata by document id (release dates complete year-less dates)\n";

}  // namespace

int RunExplain(int argc, char** argv) {
  Args args;
  if (!args.Parse(argc, argv, {"--why-not", "--lang", "--rules", "--gazetteers", "--metadata"}, {"--help", "-h"})) {
    std::cerr << "presskg explain: " << args.error() << "\n" << kHelp;
    return kExitError;
  }
  if (args.Has("--help") || args.Has("-h")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positionals().empty()) {
    std::cerr << "presskg explain: FILE is required\n" << kHelp;
    return kExitError;
  }
  ExtractorOptions xo;
  xo.rules_dir = args.Get("--rules");
  xo.gazetteer_dir = args.Get("--gazetteers");
  Result<std::unique_ptr<Extractor>> ex = Extractor::Load(xo);
  if (!ex.ok()) {
    std::cerr << "presskg explain: " << ex.status().ToString() << "\n";
    return kExitError;
  }
  std::string lang = args.Get("--lang");
  if (lang == "zh") lang = "zh-Hans";
  std::string why_not = args.Get("--why-not");
  SourceOptions so;
  so.lang = lang;
  if (!LoadMetadataOptions(args, "explain", &so)) return kExitError;
  int docs = 0;
  Status st = ReadSources(args.positionals(), so, [&](SourceItem&& item) {
    if (item.report.status != DocStatus::kConverted) {
      std::cout << "document " << item.report.id << ": " << DocStatusName(item.report.status) << " ("
                << item.report.reason << ")\n";
      return Status::OK();
    }
    TextOptions to;
    to.lang = lang.empty() ? item.doc.lang : lang;
    Result<PreparedText> text = PrepareText(item.doc, to);
    if (!text.ok()) {
      std::cout << "document " << item.doc.id << ": " << text.status().ToString() << "\n";
      return Status::OK();
    }
    if (docs++) std::cout << "\n";
    std::cout << (*ex)->Explain(item.doc, *text, why_not);
    return Status::OK();
  });
  if (!st.ok()) {
    std::cerr << "presskg explain: " << st.ToString() << "\n";
    return kExitError;
  }
  std::cout << "\nrule packs " << (*ex)->RulePackVersion() << "\n";
  return kExitOk;
}

}  // namespace presskg::cli
