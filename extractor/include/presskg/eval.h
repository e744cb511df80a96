// presskg/eval.h — scoring extracted facts against gold facts (../shared/corpus/GOLD.md).
//
//   Result<std::vector<GoldFact>> gold = LoadGold("corpus/dev/gold.jsonl");
//   EvalScores s = Score(*gold, predicted_facts, documents);
//   std::cout << FormatScores(s);
//
// Matching (GOLD.md, docs/eval.md): strings are compared after NFKC, case folding and removal of
// white space and of the listed punctuation; a predicted name matches a gold name when one
// contains the other (the shorter at least 2 CJK / 3 other characters) or they are equal.
// Agreements, roles, events and datelines are paired one-to-one within a document by a
// maximum-cardinality bipartite matching (so each gold fact is matched at most once and no
// greedy choice can steal a gold fact another prediction needed); among maximum matchings,
// pairs whose attributes also agree are preferred. Quotes match many-to-one as GOLD.md says.
// Predictions that GOLD.md says to ignore (a split quotation block, a role predicted for a quoted
// person) count neither as true nor as false positives; they are reported as `ignored`.
#ifndef PRESSKG_EVAL_H
#define PRESSKG_EVAL_H

#include <map>
#include <string>
#include <vector>

#include "presskg/fact.h"
#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

// A gold fact as in GOLD.md; names are alias lists (first = as written); null fields are empty.
struct GoldFact {
  std::string doc, type;
  std::string kind;
  std::vector<std::vector<std::string>> parties;
  std::vector<std::string> countries;
  std::string date;
  std::vector<std::string> person;
  std::string role;
  std::vector<std::string> org;
  std::string quote;
  std::vector<std::string> name;
  std::string start, end;
  std::vector<std::string> place;
  std::string country;
  std::string evidence;  // never scored; shown in error listings
  int line = 0;          // line in the gold file (for error listings)
};

struct TypeScore {
  int tp = 0;        // gold facts found (recall numerator)
  int fp = 0;        // predictions that found no gold fact and are not ignored
  int fn = 0;        // gold facts not found
  int tp_pred = -1;  // predictions that found a gold fact (precision numerator); -1 = same as tp.
                     // Differs from tp only for quotes, which match many-to-one.
  int ignored = 0;   // predictions GOLD.md says to ignore (split quote blocks, roles of quoted persons)
  int PredictedTp() const { return tp_pred < 0 ? tp : tp_pred; }
  double precision() const;  // PredictedTp / (PredictedTp + fp); 0 when there are no predictions
  double recall() const;     // tp / (tp + fn); 0 when there is no gold
  double f1() const;
  void Add(const TypeScore& other);
};

// Accuracy of an attribute (countries, date, role, place...) over matched gold facts.
struct AttrScore {
  int correct = 0, total = 0;
  double accuracy() const { return total == 0 ? 0.0 : static_cast<double>(correct) / total; }
};

struct EvalScores {
  std::map<std::string, TypeScore> by_type;  // agreement, quote, role, event, dateline
  TypeScore micro;
  std::map<std::string, TypeScore> by_rule;  // precision per rule id (tp/fp of its predictions)
  std::vector<std::string> errors;            // "FN quote doc: ...", "FP agreement doc [rule]: ..." for analysis
  // "agreement.countries", "agreement.date", "agreement.kind", "quote.role", "quote.org", "role.org",
  // "event.end", "event.place", "event.country", "dateline.country".
  std::map<std::string, AttrScore> attributes;
  int documents = 0;  // documents seen (gold, text or predictions)
};

Result<std::vector<GoldFact>> LoadGold(const std::string& path);
// documents: doc id → original text (quote matching looks for positions in the release).
EvalScores Score(const std::vector<GoldFact>& gold, const std::vector<Fact>& predicted,
                 const std::map<std::string, std::string>& documents);
// The per-type table (tp, predicted tp, fp, fn, ignored, P, R, F1), the micro row and the attribute accuracies.
std::string FormatScores(const EvalScores& scores);
// One row per rule id: predictions, correct, wrong, ignored, precision; sorted by rule id.
std::string FormatByRule(const EvalScores& scores);

// "zh" for ids starting with "zh" or a zh-* language tag, "en" likewise, else "other".
std::string LanguageGroup(const std::string& doc_id, const std::string& language_tag);

// Rebuilds facts from published quads (docs/vocabulary.md): one Fact per pkg:Fact node, names
// from the rdfs:label values in the fact's own named graph (all labels become aliases).
// doc_languages (optional) receives doc id → dcterms:language.
std::vector<Fact> FactsFromQuads(const Quads& quads, std::map<std::string, std::string>* doc_languages = nullptr);

}  // namespace presskg

#endif  // PRESSKG_EVAL_H
