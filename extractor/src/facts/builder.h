// facts/builder.h — from a prepared release and its mentions to facts (internal API).
//
// The Extractor (rules.h) is a thin shell over this: it prepares a DocView from a PreparedText,
// finds mentions with the MentionFinder, and calls BuildFacts. Tests build DocViews directly.
//
//   DocView v = ViewOf(doc, prepared);
//   BuildResult r = BuildFacts(book, v, mentions);
//
// Steps: matching units (sentences, merged where a quotation spans a break) → slotted text (quotes
// and mentions as typed tokens) → one RE2::Set pass per unit → capturing matches → facts per family
// (agreement, quote, role, event) → quote blocks merged, speakers' roles filled from the release,
// roles of quoted people dropped, duplicates removed; plus the dateline.
#ifndef PRESSKG_FACTS_BUILDER_H
#define PRESSKG_FACTS_BUILDER_H

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "presskg/document.h"
#include "presskg/fact.h"
#include "presskg/mention.h"
#include "presskg/text.h"
#include "rules/engine.h"

namespace presskg::facts {

// What fact building needs from a prepared text (PreparedText can only be made by PrepareText).
struct DocView {
  std::string id;
  std::string lang;          // rule-pack language: "zh", "en", ...
  std::string release_date;  // ISO 8601 anchor; may be empty
  std::string_view normalized;
  std::vector<Sentence> sentences;
  std::vector<Paragraph> paragraphs;
  std::vector<QuoteBlock> quotes;
  DatelineSpan dateline;
  std::function<Span(std::size_t, std::size_t)> to_original;
  std::function<std::string(std::size_t, std::size_t)> original_text;
};

// "zh-Hans" → "zh", "en" → "en".
std::string RuleLanguage(const std::string& tag);
DocView ViewOf(const Document& doc, const PreparedText& text);

// A matching unit: one sentence, or several when a quotation runs across sentence breaks.
struct Unit {
  std::size_t norm_begin = 0, norm_end = 0;
  int paragraph = 0;
  bool boilerplate = false;
};

struct BuildResult {
  std::vector<Fact> facts;
  std::vector<std::string> fired;  // ids of rules that produced a candidate fact (examples)
};

// The mention list the rules see: `mentions` (sorted, non-overlapping) plus one QUOTE mention per
// quotation block; mentions inside a quotation are hidden by it. Short names get `full` when the
// mention finder left it empty.
std::vector<Mention> SlotMentions(const DocView& view, const std::vector<Mention>& mentions);
std::vector<Unit> MatchingUnits(const DocView& view);

BuildResult BuildFacts(const rules::RuleBook& book, const DocView& view, const std::vector<Mention>& mentions);

// The slot types (bit t: MentionType t, as rules::TypesIn reads type marks) of the tokens
// rules::SlotInto would write for a range, read from the slot list instead of a slotted text:
// the non-empty mentions lying inside the range. The list is sorted and non-overlapping, so
// their ends are sorted too and the mentions inside a range are consecutive.
// (Used for the line windows: RuleBook::Admits without slotting the window.)
class SlotRangeTypes {
 public:
  // Counts the types of `ms` (sorted by begin, non-overlapping, as the rules see them).
  void Build(const std::vector<rules::SlotMention>& ms);
  // The types of normalized[b, e) slotted with the same `ms`.
  std::uint8_t Of(const std::vector<rules::SlotMention>& ms, std::size_t b, std::size_t e) const;

  // Releases the room a very long release left behind.
  void ShrinkTo(std::size_t keep) {
    if (before_.capacity() > keep) decltype(before_)().swap(before_);
  }

 private:
  std::vector<std::array<std::uint32_t, 8>> before_;  // before_[i][t]: non-empty mentions of type t in ms[0, i)
};

// For a rule program anchored at the text's start ("^..." with no top-level alternative, no flag
// groups), the program up to and including its first top-level "\n" (taken at least once), when
// nothing before that "\n" can match a line end: every match of the program begins with a match
// of this prefix, ending at the text's first line end. "" when that is not certain.
std::string FirstLineProgram(const std::string& program);

// Agreements listed under one lead (bullets.cc): for the unit starting at `at`, when its line is a
// list item and the line introducing the list ends in a colon, the organization that introduction
// (or, when it names none, the paragraph before it) opens with, and its first date; slot indices
// into `ms`, or -1.
struct ListLead {
  std::size_t party = static_cast<std::size_t>(-1);
  std::size_t date = static_cast<std::size_t>(-1);
};
ListLead FindListLead(std::string_view norm, const std::vector<rules::SlotMention>& ms, std::size_t at);

// Party keys (normalised names) that name the same party once the state's long form and the word
// for government are dropped from both (party_forms.cc): 老挝琅勃拉邦省 / 老挝人民民主共和国琅勃拉邦省人民政府.
bool SameWithoutLongForms(std::string_view a, std::string_view b);
// The key holds one of those long forms (asked once per form; SameWithoutLongForms only then).
bool HasLongForm(std::string_view key);
// The key without the long forms, into *out (cleared first); and the containment test applied to
// two such keys (the shorter at least 2 CJK / 3 other characters).
void StripLongForms(std::string_view key, std::string* out);
bool ContainsAsParty(std::string_view shorter, std::string_view longer);

// An organization form of the release inside a role's words that SplitRoleOrg left whole
// (role_org.cc): "会见塞尔维亚内外贸易部部长" → 部长 + 塞尔维亚内外贸易部; "CEO of Hanwha Qcells" → CEO +
// Hanwha Qcells. `forms`: the release's organization and country forms with their slot. form is
// the index into `forms` of the organization, or -1 when there is none; role the rest.
struct RoleOrgSplit {
  std::size_t form = static_cast<std::size_t>(-1);
  std::string_view role;
};
RoleOrgSplit SplitOrgInsideRole(std::string_view role, const std::vector<std::pair<std::string_view, std::size_t>>& forms);

// An event's short name stands for a longer one (event_abbrev.cc): 南博会 for 第八届中国—南亚博览会.
// Keys as NormKey makes them.
bool IsAbbreviationOf(std::string_view short_key, std::string_view long_key);

// Explain: sentences, mentions, rules that fired; with why_not, how far that rule got.
std::string ExplainFacts(const rules::RuleBook& book, const DocView& view, const std::vector<Mention>& mentions,
                         const std::string& why_not);

}  // namespace presskg::facts

#endif  // PRESSKG_FACTS_BUILDER_H
