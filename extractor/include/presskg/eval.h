// presskg/eval.h — scoring extracted facts against gold facts (../shared/corpus/GOLD.md).
//
//   Result<std::vector<GoldFact>> gold = LoadGold("corpus/dev/gold.jsonl");
//   EvalScores s = Score(*gold, predicted_facts, documents);
//   std::cout << FormatScores(s);
#ifndef PRESSKG_EVAL_H
#define PRESSKG_EVAL_H

#include <map>
#include <string>
#include <vector>

#include "presskg/fact.h"
#include "presskg/status.h"

namespace presskg {

// A gold fact as in GOLD.md; names are alias lists (first = as written).
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
};

struct TypeScore {
  int tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

struct EvalScores {
  std::map<std::string, TypeScore> by_type;  // agreement, quote, role, event, dateline
  TypeScore micro;
  std::map<std::string, TypeScore> by_rule;  // precision per rule id (tp/fp of its predictions)
  std::vector<std::string> errors;            // "FN quote doc: ...", "FP agreement doc: ..." for analysis
};

Result<std::vector<GoldFact>> LoadGold(const std::string& path);
// documents: doc id → original text (quote matching looks for positions in the release).
EvalScores Score(const std::vector<GoldFact>& gold, const std::vector<Fact>& predicted,
                 const std::map<std::string, std::string>& documents);
std::string FormatScores(const EvalScores& scores);

}  // namespace presskg

#endif  // PRESSKG_EVAL_H
