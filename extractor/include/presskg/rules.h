// presskg/rules.h — rule packs (TOML data files) and the Extractor that applies them.
//
//   Result<std::unique_ptr<Extractor>> ex = Extractor::Load(ExtractorOptions{});
//   std::vector<Fact> facts = (*ex)->Extract(doc, prepared);   // thread-safe
//   (*ex)->ExtractBatch(releases, &facts_per_release);         // same facts, several at a time
//
// A rule has an id, an RE2 pattern with macros naming mention slots ({ORG} {PERSON} {ROLE}
// {COUNTRY} {PLACE} {DATE} {QUOTE}), a priority, what it emits, a confidence, and its own positive
// and negative examples (run by the tests). One RE2::Set pass per sentence selects candidate rules.
// Rule-file errors name the file, line and rule id.
#ifndef PRESSKG_RULES_H
#define PRESSKG_RULES_H

#include <memory>
#include <string>
#include <vector>

#include "presskg/document.h"
#include "presskg/fact.h"
#include "presskg/status.h"
#include "presskg/text.h"

namespace presskg {

struct ExtractorOptions {
  std::string rules_dir;      // "" = the source tree's extractor/rules
  std::string gazetteer_dir;  // "" = the source tree's extractor/gazetteers
};

// A positive or negative example carried by a rule.
struct RuleExample {
  std::string rule;      // rule id
  std::string lang;      // "zh" | "en"
  std::string text;
  bool positive = true;
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  static Result<std::unique_ptr<Extractor>> Load(const ExtractorOptions& options);

  virtual std::vector<Fact> Extract(const Document& doc, const PreparedText& text) const = 0;
  // The facts of several releases, release by release the same as Extract's. Faster on many
  // small releases: each stage (mentions, then rules and facts) runs over the whole batch, so its
  // tables and automata stay in the CPU caches instead of being evicted by the other stage.
  struct Release {
    const Document* doc = nullptr;
    const PreparedText* text = nullptr;
  };
  virtual void ExtractBatch(const std::vector<Release>& releases, std::vector<std::vector<Fact>>* facts) const = 0;
  // Human-readable trace: sentences, mentions, rules fired with spans; with why_not_rule, how far it got.
  virtual std::string Explain(const Document& doc, const PreparedText& text, const std::string& why_not_rule) const = 0;
  // sha256 prefix over all loaded rule and gazetteer files: the rule-pack version.
  virtual std::string RulePackVersion() const = 0;
  virtual std::vector<RuleExample> Examples() const = 0;
  // Runs one example; true when a positive example fires its rule / a negative one does not.
  virtual bool CheckExample(const RuleExample& example, std::string* detail) const = 0;
};

}  // namespace presskg

#endif  // PRESSKG_RULES_H
