// rules/engine.h — rule packs (TOML) and the matcher over slotted sentences (internal API).
//
// A relation rule is an RE2 pattern over a sentence in which every mention has been replaced by a
// slot token: one private-use code point for the mention type, the mention's index in the sentence
// as private-use digits, and a terminator. Macros in patterns ({ORG}, {PERSON}, {PARTY}, ...) expand
// to the token of that type, so rules match over types (the GATE/JAPE, TokensRegex cascade idea):
//
//   RuleBook book;
//   Status st = book.LoadDir("extractor/rules");            // rules/<lang>/<family>.toml
//   SlottedText s = Slot(norm, sentence_begin, sentence_end, mentions);
//   for (const RuleMatch& m : book.Match("zh", s)) { ... m.captures ... }
//
// Pack files:
//   lang = "zh"            # optional; default = the folder name
//   family = "agreement"   # default `emits` of the rules in the file
//   [macros]               # file-local macros, usable as {NAME}; may use the built-in ones
//   SIGN = "(?:签署|签订)"
//   [[rule]]
//   id = "zh.agreement.sign"          # unique across all packs
//   pattern = '(?P<party1>{PARTY})与(?P<party2>{PARTY}){SIGN}'
//   priority = 10                     # higher wins when two rules state the same fact (default 0)
//   confidence = 0.9                  # measured precision on the development corpus (default 0.5)
//   kind = "agreement"                # any other string key is a fixed attribute of the fact
//   positive = ["…", "…"]             # at least two examples the rule must fire on
//   negative = ["…"]                  # at least one it must not fire on
//
// Named captures are the fact's slots; a capture holds the mentions inside it and its text.
#ifndef PRESSKG_RULES_ENGINE_H
#define PRESSKG_RULES_ENGINE_H

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "presskg/mention.h"
#include "presskg/status.h"
#include "rules/parse.h"

namespace presskg::rules {

// --- slot tokens --------------------------------------------------------------------------------
// Type marks U+E000 + MentionType, digits U+E010..U+E019, terminator U+E01F.
inline constexpr char32_t kTypeMarkBase = 0xE000;
inline constexpr char32_t kDigitBase = 0xE010;
inline constexpr char32_t kSlotEnd = 0xE01F;

// Writes the token of mention number `index` at `out`; returns the bytes written (at most
// 6 + 3 × the digits of index). Every slot character is U+E0xx, EE 80 xx in UTF-8, so only the
// last byte of each is computed (it runs for every mention of every unit and line window).
inline std::size_t WriteSlotToken(char* out, MentionType type, std::size_t index) {
  static_assert(kTypeMarkBase == 0xE000 && kDigitBase == 0xE010 && kSlotEnd == 0xE01F, "EE 80 xx below");
  auto put = [](char* w, unsigned low) {  // U+E000 + low, low < 0x40
    w[0] = static_cast<char>(0xEE);
    w[1] = static_cast<char>(0x80);
    w[2] = static_cast<char>(0x80 | low);
  };
  put(out, static_cast<unsigned>(type) & 0x3F);
  std::size_t n = 3;
  if (index < 10) {
    put(out + n, 0x10 + static_cast<unsigned>(index));
    n += 3;
  } else {
    char digits[24];
    int nd = 0;
    do {
      digits[nd++] = static_cast<char>(index % 10);
      index /= 10;
    } while (index > 0);
    while (nd > 0) {
      put(out + n, 0x10 + static_cast<unsigned>(digits[--nd]));
      n += 3;
    }
  }
  put(out + n, 0x1F);
  return n + 3;
}

// The token standing for mention number `index` (within a sentence) of type `type`.
std::string SlotToken(MentionType type, std::size_t index);
void AppendSlotToken(std::string* out, MentionType type, std::size_t index);
// The RE2 fragment matching any slot token of the given types.
std::string SlotRegex(const std::vector<MentionType>& types);

// Byte offsets of a slotted text → normalized offsets, stored as runs (one per copied stretch of
// text and per token) rather than one entry per byte: read as an array of size text + 1.
class OffsetMap {
 public:
  static constexpr std::uint32_t kNoToken = ~std::uint32_t{0};
  struct Run {
    std::size_t at = 0;    // first text byte of the run
    std::size_t norm = 0;  // its normalized offset
    bool step = false;     // copied text: offsets count up; a token: all its bytes map to `norm`
    std::uint32_t token = kNoToken;  // a token's index in the unit (SlottedText::mentions)
  };
  std::size_t operator[](std::size_t i) const {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), i, [](std::size_t x, const Run& r) { return x < r.at; });
    if (it == runs_.begin()) return 0;
    --it;
    return it->step ? it->norm + (i - it->at) : it->norm;
  }
  std::size_t size() const { return size_; }
  std::size_t back() const { return (*this)[size_ - 1]; }
  // Every offset `v` (tests).
  void assign(std::size_t n, std::size_t v) { runs_.assign(1, Run{0, v, false}), size_ = n; }
  void Reserve(std::size_t runs) { runs_.reserve(runs); }
  void Add(const Run& r) { runs_.push_back(r); }
  void Clear() { runs_.clear(), size_ = 0; }  // keeps the room (SlotInto reuses it)
  void Finish(std::size_t size) { size_ = size; }
  const std::vector<Run>& runs() const { return runs_; }

 private:
  std::vector<Run> runs_;
  std::size_t size_ = 0;
};

// A sentence rewritten with slot tokens.
struct SlottedText {
  std::string text;                  // rewritten text, what rules match on
  OffsetMap to_norm;                 // byte i of text → normalized offset (size text+1)
  std::vector<std::size_t> mentions; // token index → index into the mention vector given to Slot
  std::size_t norm_begin = 0, norm_end = 0;
  // Set by Slot when the copied text holds no slot-alphabet characters (U+E000..U+E03F): the
  // tokens are then exactly the token runs of to_norm, and MentionsIn reads them from there
  // instead of decoding the text.
  bool tokens_in_runs = false;
};

// Rewrites normalized[begin,end) replacing each mention fully inside it (sorted, non-overlapping)
// by its token. Mentions partly outside the range are left as text.
SlottedText Slot(std::string_view normalized, std::size_t begin, std::size_t end,
                 const std::vector<Mention>& mentions);

// All Slot reads of a mention: its type and offsets (a Mention holds eight strings besides).
struct SlotMention {
  std::size_t begin = 0, end = 0;
  MentionType type = MentionType::kOrg;
};

// Slot into *out, reusing its buffers: the result equals a fresh Slot's (fact assembly slots every
// unit, quotation and line window of a release through a few SlottedTexts, without allocating).
void SlotInto(std::string_view normalized, std::size_t begin, std::size_t end, const std::vector<Mention>& mentions,
              SlottedText* out);
void SlotInto(std::string_view normalized, std::size_t begin, std::size_t end, const std::vector<SlotMention>& mentions,
              SlottedText* out);

// Mention indices (into the vector given to Slot) of the tokens inside text[b,e).
std::vector<std::size_t> MentionsIn(const SlottedText& s, std::size_t b, std::size_t e);
// The same into *out (cleared first).
void MentionsInto(const SlottedText& s, std::size_t b, std::size_t e, std::vector<std::size_t>* out);

// "ORG", "PERSON", ... (the macro names; the same words as MentionTypeName).
const char* SlotTypeName(MentionType t);
// The slotted text with tokens shown as [ORG#3] (explain, test messages).
std::string RenderSlotted(const SlottedText& s);

// --- rules --------------------------------------------------------------------------------------
struct Alphabet;

struct Rule {
  std::string id;
  std::string lang;      // "zh", "en", ...
  std::string family;    // file family: agreement, quote, role, event
  std::string emits;     // fact type it produces (default family)
  int priority = 0;
  double confidence = 0.5;
  std::string pattern;   // as written
  std::string expanded;  // after macro expansion
  std::map<std::string, std::string> attrs;  // fixed attributes (kind = "mou", ...)
  std::vector<std::string> positive, negative;
  std::string file;
  int line = 0;
  // `expanded` with slot alternatives merged (MergeSlotAlternatives): what `re` compiles. Checked
  // by RE2's parser when the pack loads. `re` is compiled only when needed (RuleBook::
  // Utf8Program): by the rule's first use when the pattern has no alphabet program (it is then
  // the span search) or a capture variant's weighing needs its exact size, else on its first use
  // as the last fallback of a parse; RuleBook::Prepare compiles it too. Null until then.
  std::string program;
  std::shared_ptr<const RE2> re;
  mutable std::once_flag re_once;
  bool unusable = false;  // `re` did not compile (over RE2's memory budget): the rule never matches
  // Capture programs: `expanded` with counted repetitions (`[^。]{0,60}?`) made unbounded and
  // wrapped in a group (see CaptureProgram). Much smaller than `re`, so RE2 runs BitState instead
  // of the NFA on a match span; a parse is used only when every relaxed repetition kept to its
  // bound, which makes it the parse of `re`. Tried in order; `re` itself last.
  struct CountCheck {
    int group = 0;       // capturing group of the capture program spanning the repetition
    std::size_t hi = 0;  // at most this many code points (or runs of `sep`)
    // A repeated group each of whose iterations holds one run of `sep` characters (`\s+`) next to
    // a non-empty rest without them: its iterations are at most the runs of `sep` in the group,
    // counted instead of code points. `sep_bytes`: the same over an alphabet program's bytes.
    std::vector<std::pair<char32_t, char32_t>> sep;
    std::vector<bool> sep_bytes;
  };
  // A word alternation written as one loose word (WordProgram): the group's text must be one of
  // the alternatives.
  struct WordCheck {
    int group = 0;
    std::shared_ptr<const RE2> words;  // the alternatives, UTF-8, matched whole (FullMatch)
  };
  struct CaptureVariant {
    std::shared_ptr<const RE2> re;
    std::vector<CountCheck> checks;
    std::vector<WordCheck> words;
    // When set, `re` is a Latin-1 program over the span rewritten one byte per code point
    // (AlphabetProgram): a few instructions per atom instead of a UTF-8 automaton per class.
    std::shared_ptr<const struct Alphabet> alphabet;
    // `re`'s program run by SpanParser (the same parses, without RE2's per-call set-up and size
    // limit); null when SpanParser does not take the program (then RE2 parses).
    std::shared_ptr<const SpanParser> parser;
  };
  std::vector<CaptureVariant> captures;
  std::shared_ptr<const std::map<std::string, std::string>> macros;  // the file's [macros]
  // The span search over the unit mapped one byte per code point: `expanded` (merged) as a
  // Latin-1 program over `search_alphabet` (AlphabetProgram; any size, it only runs on the DFAs).
  // Capture variants whose `alphabet` is this same object parse on that mapped unit directly.
  // Null when the pattern has no alphabet program (\b, \p{..}, ...): search `re` over UTF-8.
  std::shared_ptr<const RE2> search;
  std::shared_ptr<const SpanParser> search_parser;  // `search` for SpanParser (null: RE2 parses)
  std::shared_ptr<const Alphabet> search_alphabet;
  std::vector<unsigned char> byte_of_class;  // language class (UnitClasses) → search_alphabet byte
  // `re`, `search`, `captures` (and the final `search_alphabet`) are built on the rule's first use
  // (RuleBook::Prepare); until then `search_program` holds the search's alphabet program.
  std::string search_program;
  mutable std::once_flag programs_once;
  // The slot types every match contains (RequiredTypes): for each clause, a token of one of its
  // types (bit t: type mark U+E000 + t, as TypesIn). Checked before each span search.
  std::vector<std::uint8_t> type_needs;
};

// The slot types (type marks U+E000 + t, t < 8, as bit t) in a text: a memchr over its 0xEE bytes.
std::uint8_t TypesIn(std::string_view text);
// The type marks of a text in order, (offset, bit), each with the bits of all the marks after it
// too: the types of text[p, end) are the bits of the first entry at or after p.
void SuffixTypes(std::string_view text, std::vector<std::pair<std::size_t, std::uint8_t>>* out);

// The code points of one language grouped by the elementary intervals of all its rules' alphabets:
// a unit is mapped to these classes once, then to each rule's alphabet by a table lookup
// (Rule::byte_of_class) instead of a decode and a search per code point and rule.
struct UnitClasses {
  static constexpr std::uint32_t kWholePage = 0x80000000u;
  std::vector<char32_t> bounds;        // sorted starts of the classes (bounds[0] == 0)
  std::uint32_t page[256] = {};        // BMP: kWholePage | class, or the index of a page in `pages`
  std::vector<std::uint16_t> pages;    // 256 classes per page
  std::uint16_t ascii[128] = {};
  // The class of every BMP code point (128 KB): what RuleBook::Codes reads for the three-byte
  // UTF-8 of a Chinese unit, one load instead of the page lookup.
  std::vector<std::uint16_t> bmp;
  std::uint16_t Of(char32_t c) const {
    if (c < 128) return ascii[c];
    if (c < 0x10000) {
      std::uint32_t e = page[c >> 8];
      return (e & kWholePage) ? static_cast<std::uint16_t>(e) : pages[(std::size_t{e} << 8) | (c & 0xFF)];
    }
    auto it = std::upper_bound(bounds.begin(), bounds.end(), c);
    return static_cast<std::uint16_t>(it - bounds.begin() - 1);
  }
};

// A unit as language classes: cls[i] is the class of code point i, pos[i] its byte offset in the
// slotted text (pos has one more entry, the text's size).
struct UnitCodes {
  std::vector<std::uint16_t> cls;
  std::vector<std::size_t> pos;
};

struct Capture {
  std::size_t begin = 0, end = 0;  // in SlottedText::text
  std::vector<std::size_t> mentions;  // mention indices inside
};

struct RuleMatch {
  const Rule* rule = nullptr;
  std::size_t begin = 0, end = 0;  // whole match in SlottedText::text
  // Participating named groups only, ordered by name: a flat vector (a match has a few), read as
  // `for (const auto& [name, cap] : m.captures)` or through Find.
  std::vector<std::pair<std::string, Capture>> captures;
  const Capture* Find(std::string_view name) const {
    for (const auto& [k, c] : captures)
      if (k == name) return &c;
    return nullptr;
  }
};

// All rule packs, one compiled RE2::Set per language.
class RuleBook {
 public:
  // Loads every <dir>/<lang>/*.toml. Errors name file, line and rule id. Each language's
  // RE2::Set, unit classes and its rules' search alphabets and slot-type clauses are built on the
  // language's first use (a process reading Chinese releases never builds the English ones).
  Status LoadDir(const std::string& dir);
  // Loads one pack file (lang defaults to `default_lang`); call Compile() after the last one.
  Status LoadFile(const std::string& path, const std::string& default_lang);
  // Loads a pack from a string (tests); `path` is used in error messages.
  Status LoadString(std::string_view toml, const std::string& path, const std::string& default_lang);
  // Groups the rules by language and builds every language now (tests; errors returned here).
  Status Compile();

  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Rule* Find(const std::string& id) const;
  const std::vector<std::string>& files() const { return files_; }
  // True when some rule of `lang` has scope = "lines" (matched over windows of short lines).
  bool HasParagraphRules(const std::string& lang) const;
  std::vector<std::string> languages() const;

  // Candidate rules for `text` (one RE2::Set pass), then their capturing matches (all
  // non-overlapping matches of each candidate), ordered by begin offset then priority.
  std::vector<RuleMatch> Match(const std::string& lang, const SlottedText& text) const;
  // Rule ids the prefilter selects (explain).
  std::vector<const Rule*> Candidates(const std::string& lang, std::string_view text) const;
  // The slot-type check alone: false only when `text` lacks every type of one of the rule's
  // type clauses (Rule::type_needs), so that no substring of it can match the rule.
  static bool Admits(const Rule& rule, std::string_view text);
  // Tests: matching without the slot-type check (Rule::type_needs) before each span search.
  void UseSlotPrefilter(bool on) { slot_prefilter_ = on; }
  // How a language's Set is split (explain, tests): Latin-1 parts and the rules in them, and the
  // rules in the UTF-8 part (all of them when Latin-1 parts are off). Builds the language.
  struct SetLayout {
    std::size_t latin_parts = 0, latin_rules = 0, utf8_rules = 0;
  };
  SetLayout Layout(const std::string& lang) const;
  // Tests and measurements, before the languages are built: every Set part over UTF-8 (one per
  // language, as before the Latin-1 parts) instead of over the unit's classes.
  void UseLatinSets(bool on) { latin_sets_ = on; }
  // With Latin-1 parts: one part over a merged alphabet (MergedAlphabetPrograms: a superset
  // prefilter, one pass) where the exact alphabets need several parts (the default); off: the
  // exact parts.
  void UseMergedSets(bool on) { merged_sets_ = on; }
  // Builds the rule's search and capture programs and its UTF-8 program unless built (Match and
  // MatchRule build what they need themselves; call it before reading Rule::re, Rule::search or
  // Rule::captures). Thread-safe.
  void Prepare(const Rule& rule) const;
  // The rule's UTF-8 program (Rule::re), compiled on the first call. Thread-safe.
  const RE2& Utf8Program(const Rule& rule) const;
  // All matches of one rule (no prefilter).
  std::vector<RuleMatch> MatchRule(const Rule& rule, const SlottedText& text) const;

  // Explains how far `rule` gets on `text`: the longest prefix of its pattern (cut at top-level
  // pieces) that still matches, and which slot types the pattern needs that the text lacks.
  std::string WhyNot(const Rule& rule, const SlottedText& text) const;

 private:
  // One RE2::Set over some of a language's rules. A Latin-1 part runs over the unit mapped one
  // byte per code point (its rules' Set patterns as AlphabetPrograms over one shared alphabet):
  // a Chinese character is one DFA step instead of three, and the DFA keeps no states inside a
  // character's UTF-8 bytes. A language whose patterns need more than 256 groups is split into
  // several Latin-1 parts (rules in pack order, as many as fit each); the rules without an
  // alphabet program (\b, \p{..}) form a UTF-8 part.
  struct SetPart {
    std::unique_ptr<RE2::Set> set;
    std::vector<int> rule_of;                  // the Set's pattern index → index into LangSet::rules
    std::vector<unsigned char> byte_of_class;  // language class → byte; empty: a UTF-8 part
  };
  struct LangSet {
    std::vector<const Rule*> rules;
    std::vector<SetPart> parts;  // empty when the build failed
    std::unique_ptr<UnitClasses> classes;  // null when no rule of the language has a search program
    // `parts`, `classes` and the rules' search_alphabet, search_program and byte_of_class are
    // built once (BuildLanguage), on first use unless Compile() built them; a rule's type_needs
    // on its own first use (Prepare), or by Compile().
    std::once_flag built;
    std::atomic<bool> ready{false};  // set after the build: the matching path's check
    Status status;  // of that build; not OK (no parts): every rule of the language is a candidate
    bool latin = false;  // some part is Latin-1: the Set runs over the unit's classes (Codes)
  };
  // The search and capture programs alone (Rule::re only if they needed it): Match's first use.
  void PreparePrograms(const Rule& rule) const;
  // Rule::re, compiled unless it is; the rule's programs must be prepared.
  const RE2& CompileUtf8(const Rule& rule) const;
  // Groups rules_ by language into sets_, nothing built yet.
  void GroupLanguages();
  Status BuildLanguage(const std::string& lang, LangSet* ls);
  // `ls` (a value of sets_) after its build; thread-safe.
  const LangSet& Built(const std::string& lang, const LangSet& ls) const;
  Status AddPack(const void* table, const std::string& path, const std::string& default_lang);
  // Candidates and MatchRule writing into the caller's vectors (no result vector per call).
  void CandidatesInto(const std::string& lang, std::string_view text, std::vector<const Rule*>* out) const;
  // `codes`: the unit as classes of the rule's language (null: searched over UTF-8).
  // `suffix_types`: the text's type marks (offset, bit), each with the bits of all from it on
  // (SuffixTypes); null: no check of Rule::type_needs before the searches.
  void MatchRuleInto(const Rule& rule, const SlottedText& text, const UnitCodes* codes,
                     const std::vector<std::pair<std::size_t, std::uint8_t>>* suffix_types,
                     std::vector<RuleMatch>* out) const;
  // The unit as classes of `lang`, or null when the language has none.
  const UnitCodes* Codes(const std::string& lang, const SlottedText& text, UnitCodes* codes) const;
  // The same for a language already looked up (Match looks it up once per unit). `codes`: the
  // text's classes (Codes), which the Latin-1 parts read; null: mapped here when needed.
  void CandidatesInto(const LangSet& ls, std::string_view text, const UnitCodes* codes,
                      std::vector<const Rule*>* out) const;
  // `suffix_types` (optional): SuffixTypes of the text, gathered in the same pass.
  const UnitCodes* Codes(const LangSet& ls, std::string_view text, UnitCodes* codes,
                         std::vector<std::pair<std::size_t, std::uint8_t>>* suffix_types = nullptr) const;
  // The Set parts of a language (BuildLanguage); alphabets[i]: part i's alphabet (empty for the
  // UTF-8 part), which the unit classes refine (BuildUnitClasses fills byte_of_class from it).
  // `latin` false: one UTF-8 part of all rules.
  Status BuildSetParts(const std::string& lang, LangSet* ls, bool latin, std::vector<Alphabet>* alphabets);
  void BuildUnitClasses(const std::string& lang, LangSet* ls, const std::vector<Alphabet>& alphabets);
  void BuildNeeds(LangSet* ls);
  bool slot_prefilter_ = true;
  bool latin_sets_ = true;
  bool merged_sets_ = true;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::map<std::string, const Rule*> by_id_;
  std::map<std::string, LangSet> sets_;
  std::vector<std::string> files_;
};

// "(?:[A]T)|(?:[B]T)" → "(?:[AB]T)" for slot tokens T that are whole adjacent alternatives (their
// type marks differ, so order does not matter): the same language and parses, fewer instructions.
std::string MergeSlotAlternatives(std::string pattern);

// The capture program of an expanded pattern: every counted repetition {n,m} (m - n >= 2) of an
// atom or of a group that cannot match empty becomes {n,} (same greediness), wrapped - or its
// outermost repeated ancestor is - in a new group; `checks` gets that group and m. With
// `inside_repeats` false, repetitions inside repeated groups stay as written (fewer parses fail
// the check, which bounds all iterations of the ancestor together). Returns false when there is
// nothing to relax (or the pattern uses syntax this scanner does not know).
bool CaptureProgram(const std::string& expanded, bool inside_repeats, std::string* out,
                    std::vector<Rule::CountCheck>* checks);

// A floor under the size (ProgramSize) of RE2's UTF-8 program for `pattern`: the ByteRange
// instructions its longest alternatives need, counted repetitions copy by copy as RE2 expands
// them. 0 when the pattern uses syntax this scanner does not weigh (flags, a leading anchor).
// Lets a rule's first use weigh capture variants against `Rule::re` without compiling it.
std::size_t Utf8ProgramFloor(const std::string& pattern);
// RE2's capturing groups of `pattern` (NumberOfCapturingGroups, NamedCapturingGroups) read from
// its text; false when the scanner does not know the syntax.
bool CaptureGroups(const std::string& pattern, int* count, std::map<std::string, int>* names);

// The prefilter's version of a pattern: bounded repetitions {n,m} become * (or + when n >= 1).
// The language only grows, so every match of the rule is still a match of the Set; what shrinks
// is the DFA (counted repetitions over wide classes multiply its states).
std::string RelaxForSet(const std::string& pattern);
// `pattern` without its top-level leading and trailing pieces that can match empty (a repetition
// allowing zero iterations: `(?:{ORG}\s*)?`, `\s*`, `{CH}*?`). The Set asks only whether a
// pattern matches somewhere in a unit, and the rest matches somewhere exactly when the whole does;
// without them the Set's DFA keeps fewer threads and reaches match states only where the core
// ends. `pattern` itself when nothing is dropped or its syntax is unfamiliar.
std::string TrimForSet(const std::string& pattern);

// The slot types every match of `pattern` (expanded) contains, as clauses: bit sets of types (bit
// t: type mark U+E000 + t, t < 8) of which each match holds at least one token. Empty when nothing
// is known (or the pattern uses flags).
std::vector<std::uint8_t> RequiredTypes(const std::string& pattern);

// A byte alphabet for one pattern: code points are grouped by which of the pattern's atoms
// (literal characters, classes, escapes, '.') contain them, so that every atom is a set of
// groups. At most 256 groups; a text maps to one byte (its group) per code point.
struct Alphabet {
  std::vector<char32_t> bounds;     // sorted starts of the elementary code point intervals
  std::vector<unsigned char> group; // group of each interval
  unsigned char ascii[128] = {};    // group of each ASCII code point
  // The Basic Multilingual Plane by pages of 256 code points: kWholePage | group when the whole
  // page is one group, else the page's index in `pages` (256 groups each). Built by BuildPages;
  // a lookup is then two loads instead of a binary search over `bounds`.
  static constexpr std::uint16_t kWholePage = 0x8000;
  std::uint16_t page[256] = {};
  std::vector<unsigned char> pages;
  void BuildPages();
  unsigned char Of(char32_t c) const {
    if (c < 128) return ascii[c];
    if (c < 0x10000 && !pages.empty()) {
      std::uint16_t e = page[c >> 8];
      return (e & kWholePage) ? static_cast<unsigned char>(e) : pages[(std::size_t{e} << 8) | (c & 0xFF)];
    }
    return OfSearch(c);
  }
  unsigned char OfSearch(char32_t c) const;  // by binary search over `bounds`
};

// `pattern` (RE2 syntax over UTF-8) rewritten as a Latin-1 pattern over `alphabet`'s bytes with the
// same groups, alternatives, repetitions and anchors, hence the same parses at corresponding
// positions. False when the pattern uses syntax whose meaning depends on neighbouring characters
// or on tables this scanner does not have (\b, \p{..}, flags), or needs more than 256 groups.
bool AlphabetProgram(const std::string& pattern, std::string* out, Alphabet* alphabet);
// The same for several patterns over one shared alphabet (grouped by the atoms of all of them):
// outs[i] is patterns[i]'s program. False when one of them has no alphabet program or the
// alphabet needs more than 256 groups.
bool AlphabetPrograms(const std::vector<std::string>& patterns, std::vector<std::string>* outs, Alphabet* alphabet);
// The number of groups that shared alphabet needs (any count, also above 256); 0 when one of the
// patterns has no alphabet program.
std::size_t AlphabetGroups(const std::vector<std::string>& patterns);
// AlphabetPrograms made to fit 256 groups: the distinctions of the least used atoms are dropped
// until it does, so a program may match a superset of what its pattern matches (a prefilter
// stays correct). Programs equal AlphabetPrograms' when 256 groups suffice.
bool MergedAlphabetPrograms(const std::vector<std::string>& patterns, std::vector<std::string>* outs, Alphabet* alphabet);

// `pattern` with its long word alternations made loose: a non-capturing group, taken at most once
// and in no repeated group, whose alternatives include words (literal atoms over ASCII letters,
// digits, ' and -) that are prefix-free, none sharing a first character with the group's other
// alternatives, becomes `(?:([F][G]*)|others)` - F the words' first characters, G all of theirs -
// with `checks` naming the new group and its words. A parse of the loose pattern whose word groups
// hold one of their words is a parse of `pattern`, in the same order of preference (at each
// position at most one word fits, and the other alternatives cannot start there). `group_map`:
// old capturing group number → new one. False when no group qualifies. `compiled` (optional):
// word programs already compiled, by pattern, reused and added to (a rule's candidates share them).
bool WordProgram(const std::string& pattern, std::string* out, std::vector<Rule::WordCheck>* checks,
                 std::vector<int>* group_map,
                 std::map<std::string, std::shared_ptr<const RE2>>* compiled = nullptr);

// Expands {NAME} macros in `pattern` (built-ins plus `local`); an unknown name sets *unknown.
bool ExpandMacros(const std::string& pattern, const std::map<std::string, std::string>& local,
                  std::string* out, std::string* unknown);

}  // namespace presskg::rules

#endif  // PRESSKG_RULES_ENGINE_H
