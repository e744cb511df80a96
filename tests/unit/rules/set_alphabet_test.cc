// The language's RE2::Set split into Latin-1 parts over the unit mapped one byte per code point
// (shared alphabets, AlphabetPrograms) and a UTF-8 part for the rules without an alphabet
// program: the candidates must be exactly those of the one UTF-8 Set over all rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "facts/builder.h"
#include "presskg/mention.h"
#include "presskg/text.h"
#include "rules/engine.h"
#include "rule_corpus_docs.h"

using presskg::MentionType;
using presskg::rules::Alphabet;
using presskg::rules::Rule;
using presskg::rules::RuleBook;
using presskg::rules::SlotToken;

namespace set_alphabet_test {

// A pack of `patterns`; `positive`: every rule's examples (the language's sample of its texts).
std::string Pack(const std::vector<std::string>& patterns, const std::string& positive = "\"a\", \"b\"") {
  std::string p = "family = \"quote\"\n";
  for (std::size_t i = 0; i < patterns.size(); ++i)
    p += "[[rule]]\nid = \"t.p" + std::to_string(i) + "\"\npattern = '" + patterns[i] + "'\npositive = [" +
         positive + "]\nnegative = [\"c\"]\n";
  return p;
}

const char* const kChineseExamples = "\"双方今天签署了合作协议\", \"他在会上表示欢迎\"";

std::string Utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

// `text` one alphabet byte per code point.
std::string Mapped(const Alphabet& al, const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char a = text[i];
    std::size_t n = a < 0x80 ? 1 : a < 0xE0 ? 2 : a < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? a : n == 2 ? (a & 0x1F) : n == 3 ? (a & 0x0F) : (a & 0x07);
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out += static_cast<char>(al.Of(c));
    i += n;
  }
  return out;
}

// The candidates of one UTF-8 RE2::Set over all rules of a language (the engine before the
// Latin-1 parts), as rule ids in rule order.
class ReferenceSet {
 public:
  ReferenceSet(const RuleBook& book, const std::string& lang) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);
    set_ = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    for (const auto& r : book.rules())
      if (r->lang == lang) {
        rules_.push_back(r.get());
        ok_ &= set_->Add(presskg::rules::TrimForSet(presskg::rules::RelaxForSet(r->program)), nullptr) >= 0;
      }
    ok_ &= set_->Compile();
  }
  bool ok() const { return ok_; }
  std::vector<std::string> Ids(const std::string& text) const {
    std::vector<int> hits;
    set_->Match(text, &hits);
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> out;
    for (int h : hits) out.push_back(rules_[h]->id);
    return out;
  }

 private:
  std::vector<const Rule*> rules_;
  std::unique_ptr<RE2::Set> set_;
  bool ok_ = true;
};

std::vector<std::string> Ids(const std::vector<const Rule*>& rules) {
  std::vector<std::string> out;
  for (const Rule* r : rules) out.push_back(r->id);
  return out;
}

}  // namespace set_alphabet_test

using namespace set_alphabet_test;

TEST_CASE("AlphabetGroups counts the groups of one alphabet shared by several patterns") {
  struct Case {
    std::vector<std::string> patterns;
    std::size_t groups;  // 0: some pattern has no alphabet program
  };
  std::string many;  // 300 distinct literals: 301 groups with the rest
  for (char32_t c = 0x4E00; c < 0x4E00 + 300; ++c) many += Utf8(c);
  const std::vector<Case> cases = {
      {{"a"}, 2},
      {{"a", "b"}, 3},                // {a}, {b}, the rest
      {{"[a-c]", "b"}, 3},            // {a, c}, {b}, the rest
      {{"[a-c]", "[b-d]"}, 4},        // {a}, {b, c}, {d}, the rest
      {{"签署", "签订"}, 4},          // 签, 署, 订, the rest
      {{"[^。]+说", "。"}, 3},        // 。, 说, the rest
      {{"x", "\\bx"}, 0},             // \b has no alphabet program
      {{"(?i:x)"}, 0},
      {{many}, 301},
  };
  for (const Case& c : cases) {
    INFO(c.patterns.front());
    CHECK(presskg::rules::AlphabetGroups(c.patterns) == c.groups);
    std::vector<std::string> outs;
    Alphabet al;
    const bool built = presskg::rules::AlphabetPrograms(c.patterns, &outs, &al);
    CHECK(built == (c.groups > 0 && c.groups <= 256));
    if (built) CHECK(outs.size() == c.patterns.size());
  }
}

TEST_CASE("AlphabetPrograms: each program over the mapped text matches where its pattern matches the text") {
  const std::vector<std::vector<std::string>> lists = {
      {"签署", "签订", "[^。]{0,4}说", "^据", "报道$"},
      {"(?P<a>[甲乙]+)与(?P<b>[乙丙]+)", "[^甲]+。", "(?:丙|丁)[a-z]*"},
      {"\\d+年", "[0-9]{2}", "\\s*,\\s*", "[^\\s]+x"},
      {"(?:" + SlotToken(MentionType::kOrg, 0).substr(0, 3) + "|说)[\\x{E010}-\\x{E019}]+", "[^\\x{E000}-\\x{E03F}]{2}"},
  };
  const std::vector<std::string> pool = {"签", "署", "订", "说", "。", "据", "报", "道", "甲", "乙", "丙", "丁",
                                         "年", "a", "z", "7", " ", ",", "x", "\n", "é",
                                         SlotToken(MentionType::kOrg, 3), SlotToken(MentionType::kPerson, 12)};
  RE2::Options latin;
  latin.set_encoding(RE2::Options::EncodingLatin1);
  std::mt19937 rng(5);
  int agreed = 0, matched = 0;
  for (const auto& patterns : lists) {
    std::vector<std::string> outs;
    Alphabet al;
    REQUIRE(presskg::rules::AlphabetPrograms(patterns, &outs, &al));
    for (std::size_t p = 0; p < patterns.size(); ++p) {
      RE2 utf8(patterns[p]), mapped(outs[p], latin);
      REQUIRE(utf8.ok());
      REQUIRE(mapped.ok());
      for (int n = 0; n < 1500; ++n) {
        std::string t;
        for (int k = static_cast<int>(rng() % 9); k > 0; --k) t += pool[rng() % pool.size()];
        const bool want = RE2::PartialMatch(t, utf8);
        INFO(patterns[p] << " on " << t);
        CHECK(RE2::PartialMatch(Mapped(al, t), mapped) == want);
        ++agreed;
        matched += want;
      }
    }
  }
  CHECK(matched > agreed / 10);  // the texts exercise both outcomes
}

TEST_CASE("Set layout: Latin-1 parts only where they take fewer DFA steps than one UTF-8 pass") {
  struct Case {
    std::vector<std::string> patterns;
    const char* examples;
    RuleBook::SetLayout want;  // latin_parts, latin_rules, utf8_rules
  };
  const std::string k = "[^。]{0,8}?(?:签署|签订)";
  const std::vector<Case> cases = {
      {{"{ORG}" + k, "{PERSON}表示"}, kChineseExamples, {1, 2, 0}},
      {{"{ORG}" + k, "^\\p{Han}{2}{PERSON}"}, kChineseExamples, {1, 1, 1}},  // anchored UTF-8 Set
      {{"{ORG}" + k, "\\p{Han}{2}{PERSON}"}, kChineseExamples, {0, 0, 2}},   // an unanchored UTF-8 pass: all UTF-8
      {{"{ORG}" + k, "{PERSON}表示"}, "\"signed a deal\", \"said\"", {0, 0, 2}},  // one byte a character
      {{"\\bsigned\\b"}, kChineseExamples, {0, 0, 1}},
  };
  for (const Case& c : cases) {
    RuleBook book;
    book.UseMergedSets(false);
    REQUIRE(book.LoadString(Pack(c.patterns, c.examples), "mem.toml", "zh").ok());
    REQUIRE(book.Compile().ok());
    const RuleBook::SetLayout got = book.Layout("zh");
    INFO(c.patterns.back() << " / " << c.examples);
    CHECK(got.latin_parts == c.want.latin_parts);
    CHECK(got.latin_rules == c.want.latin_rules);
    CHECK(got.utf8_rules == c.want.utf8_rules);
    // Whatever the layout, the candidates are the one UTF-8 Set's.
    ReferenceSet ref(book, "zh");
    REQUIRE(ref.ok());
    for (const std::string t : {"甲乙" + SlotToken(MentionType::kPerson, 0) + "表示", SlotToken(MentionType::kOrg, 1) + "与他签署",
                                std::string("signed it"), std::string()})
      CHECK(Ids(book.Candidates("zh", t)) == ref.Ids(t));
  }
}

TEST_CASE("a language needing more than 256 groups is split into Latin-1 parts; candidates stay exact") {
  // 40 rules, each with its own eight characters (320 literals), plus two rules with \b (UTF-8).
  std::vector<std::string> patterns;
  std::vector<std::string> pool = {"。", "，", "ok", " ", "a", SlotToken(MentionType::kOrg, 1),
                                   SlotToken(MentionType::kPerson, 2), SlotToken(MentionType::kDate, 0)};
  for (int i = 0; i < 40; ++i) {
    std::string c[8];
    for (int k = 0; k < 8; ++k) {
      c[k] = Utf8(0x4E00 + 8 * i + k);
      pool.push_back(c[k]);
    }
    patterns.push_back("(?P<a>{ORG})[^。]{0,4}?(?:" + c[0] + c[1] + "|" + c[2] + c[3] + ")" + c[4] + "+" + c[5] +
                       "(?:" + c[6] + "{PERSON})?" + c[7]);
  }
  // Anchored at the start: an anchored UTF-8 Set, which stops once its threads die.
  patterns.push_back("^\\bok\\b{ORG}");
  patterns.push_back("^(?i:OK){DATE}");
  RuleBook book, utf8, merged;
  book.UseMergedSets(false);
  REQUIRE(merged.LoadString(Pack(patterns, kChineseExamples), "mem.toml", "zh").ok());
  REQUIRE(merged.Compile().ok());
  CHECK(merged.Layout("zh").latin_parts == 1);  // one pass over a merged alphabet
  CHECK(merged.Layout("zh").latin_rules == 40);
  REQUIRE(book.LoadString(Pack(patterns, kChineseExamples), "mem.toml", "zh").ok());
  REQUIRE(utf8.LoadString(Pack(patterns, kChineseExamples), "mem.toml", "zh").ok());
  utf8.UseLatinSets(false);
  REQUIRE(book.Compile().ok());
  REQUIRE(utf8.Compile().ok());
  const RuleBook::SetLayout layout = book.Layout("zh");
  CHECK(layout.latin_parts >= 2);
  CHECK(layout.latin_rules == 40);
  CHECK(layout.utf8_rules == 2);
  CHECK(utf8.Layout("zh").latin_parts == 0);
  CHECK(utf8.Layout("zh").utf8_rules == 42);
  ReferenceSet ref(book, "zh");
  REQUIRE(ref.ok());
  std::mt19937 rng(17);
  std::size_t with_candidates = 0, extra = 0;
  for (int n = 0; n < 6000; ++n) {
    // One rule's shape (a match), then mutated half of the time: an element dropped, replaced by
    // a random one or a random one inserted; noise around it.
    const int rule = static_cast<int>(rng() % 40);
    auto c = [&](int k) { return pool[8 + 8 * rule + k]; };
    std::vector<std::string> el = {SlotToken(MentionType::kOrg, 0)};
    if (rng() % 2) el.push_back(pool[rng() % pool.size()]);
    el.push_back(rng() % 2 ? c(0) + c(1) : c(2) + c(3));
    for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) el.push_back(c(4));
    el.push_back(c(5));
    if (rng() % 2) el.push_back(c(6) + SlotToken(MentionType::kPerson, 1));
    el.push_back(c(7));
    for (int m = static_cast<int>(rng() % 3); m > 0; --m) {
      const std::size_t at = rng() % el.size();
      switch (rng() % 3) {
        case 0: el.erase(el.begin() + static_cast<std::ptrdiff_t>(at)); break;
        case 1: el[at] = pool[rng() % pool.size()]; break;
        default: el.insert(el.begin() + static_cast<std::ptrdiff_t>(at), pool[rng() % pool.size()]);
      }
      if (el.empty()) break;
    }
    std::string t = pool[rng() % pool.size()];
    for (const std::string& e : el) t += e;
    t += pool[rng() % pool.size()];
    const std::vector<std::string> want = ref.Ids(t);
    INFO(t);
    CHECK(Ids(book.Candidates("zh", t)) == want);
    CHECK(Ids(utf8.Candidates("zh", t)) == want);
    std::vector<std::string> more = Ids(merged.Candidates("zh", t)), sorted_want = want;
    std::sort(more.begin(), more.end());
    std::sort(sorted_want.begin(), sorted_want.end());
    CHECK(std::includes(more.begin(), more.end(), sorted_want.begin(), sorted_want.end()));
    extra += more.size() - std::min(more.size(), want.size());
    with_candidates += !want.empty();
  }
  INFO(extra << " extra candidates of the merged alphabet");
  CHECK(with_candidates > 1500);
  CHECK(with_candidates < 5500);  // and some texts fail
}

TEST_CASE("shipped packs: the Set parts give the one UTF-8 Set's candidates and the same matches") {
  const std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules";
  RuleBook book, utf8, merged;
  REQUIRE(book.LoadDir(dir).ok());
  REQUIRE(utf8.LoadDir(dir).ok());
  REQUIRE(merged.LoadDir(dir).ok());
  book.UseMergedSets(false);
  utf8.UseLatinSets(false);
  CHECK(merged.Layout("zh").latin_parts == 1);
  // Chinese (~3 bytes a character) in Latin-1 parts (352 groups: two); English (~1 byte a
  // character, and rules with \b that would need their own UTF-8 pass) on the one UTF-8 Set.
  CHECK(book.Layout("zh").latin_parts >= 2);
  CHECK(book.Layout("zh").latin_rules > 40);
  CHECK(book.Layout("en").latin_parts == 0);
  CHECK(book.Layout("en").utf8_rules > 50);
  const ReferenceSet ref_en(book, "en"), ref_zh(book, "zh");
  REQUIRE(ref_en.ok());
  REQUIRE(ref_zh.ok());
  auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  REQUIRE(finder.ok());
  std::vector<presskg::Document> docs = presskg_test::RuleExampleDocs(book, /*with_negative=*/true);
  presskg_test::AppendDevDocs(&docs);
  std::mt19937 rng(23);
  auto boundary = [](const std::string& t, std::size_t i) {
    while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  std::size_t units = 0, candidates = 0, matches = 0, extra = 0;
  std::vector<std::string> previous;  // units of earlier documents, spliced into later ones
  auto compare = [&](const presskg::rules::SlottedText& st, const std::string& lang) {
    const ReferenceSet& ref = lang == "zh" ? ref_zh : ref_en;
    const std::vector<std::string> want = ref.Ids(st.text);
    INFO(lang << ": " << presskg::rules::RenderSlotted(st));
    REQUIRE(Ids(book.Candidates(lang, st.text)) == want);
    std::vector<std::string> more = Ids(merged.Candidates(lang, st.text)), sorted_want = want;
    std::sort(more.begin(), more.end());
    std::sort(sorted_want.begin(), sorted_want.end());
    REQUIRE(std::includes(more.begin(), more.end(), sorted_want.begin(), sorted_want.end()));
    extra += more.size() - want.size();
    candidates += want.size();
    auto a = book.Match(lang, st), b = utf8.Match(lang, st), c = merged.Match(lang, st);
    REQUIRE(c.size() == b.size());
    for (std::size_t k = 0; k < c.size(); ++k) {
      CHECK(c[k].rule->id == b[k].rule->id);
      CHECK(c[k].begin == b[k].begin);
      CHECK(c[k].end == b[k].end);
      CHECK(c[k].captures.size() == b[k].captures.size());
    }
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      CHECK(a[k].rule->id == b[k].rule->id);
      CHECK(a[k].begin == b[k].begin);
      CHECK(a[k].end == b[k].end);
      REQUIRE(a[k].captures.size() == b[k].captures.size());
      for (std::size_t c = 0; c < a[k].captures.size(); ++c) {
        CHECK(a[k].captures[c].first == b[k].captures[c].first);
        CHECK(a[k].captures[c].second.begin == b[k].captures[c].second.begin);
        CHECK(a[k].captures[c].second.end == b[k].captures[c].second.end);
        CHECK(a[k].captures[c].second.mentions == b[k].captures[c].second.mentions);
      }
    }
    matches += a.size();
  };
  for (const presskg::Document& d : docs) {
    auto t = presskg::PrepareText(d);
    if (!t.ok()) continue;
    presskg::facts::DocView v = presskg::facts::ViewOf(d, *t);
    if (v.lang != "zh" && v.lang != "en") continue;
    std::vector<presskg::Mention> ms = presskg::facts::SlotMentions(v, (*finder)->Find(*t, presskg::MentionContext{}));
    for (const presskg::facts::Unit& u : presskg::facts::MatchingUnits(v)) {
      presskg::rules::SlottedText st = presskg::rules::Slot(v.normalized, u.norm_begin, u.norm_end, ms);
      ++units;
      compare(st, v.lang);
      // Corpus-like variants: a range cut out or doubled, an earlier unit's tail spliced on.
      for (int p = 0; p < 3 && !st.text.empty(); ++p) {
        presskg::rules::SlottedText q = st;
        q.tokens_in_runs = false;
        std::size_t x = boundary(q.text, rng() % q.text.size()), y = boundary(q.text, rng() % q.text.size());
        if (x > y) std::swap(x, y);
        if (p == 0) q.text.erase(x, y - x);
        else if (p == 1) q.text.insert(y, q.text.substr(x, y - x));
        else if (!previous.empty()) {
          const std::string& o = previous[rng() % previous.size()];
          q.text = q.text.substr(0, y) + o.substr(boundary(o, rng() % (o.size() + 1)));
        }
        q.to_norm.assign(q.text.size() + 1, 0);
        compare(q, v.lang);
      }
      if (previous.size() < 400) previous.push_back(st.text);
      else previous[rng() % previous.size()] = st.text;
    }
  }
  INFO(units << " units, " << candidates << " candidates (merged alphabet: " << extra << " more), " << matches << " matches");
  CHECK(extra * 10 < candidates);  // the merged alphabet adds few candidates
  CHECK(units > 500);
  CHECK(candidates > 500);
  CHECK(matches > 150);
}

// Hidden (run by name, under callgrind): the Set pass alone over the dev corpus units, with and
// without the Latin-1 parts.
namespace set_alphabet_test {
__attribute__((noinline)) std::size_t SetPassLatin(const RuleBook& b, const std::vector<std::pair<std::string, std::string>>& u) {
  std::size_t n = 0;
  for (const auto& [lang, t] : u) n += b.Candidates(lang, t).size();
  return n;
}
__attribute__((noinline)) std::size_t SetPassUtf8(const RuleBook& b, const std::vector<std::pair<std::string, std::string>>& u) {
  std::size_t n = 0;
  for (const auto& [lang, t] : u) n += b.Candidates(lang, t).size();
  return n;
}
}  // namespace set_alphabet_test

TEST_CASE("set pass cost", "[.bench]") {
  const std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules";
  RuleBook book, utf8, merged;
  REQUIRE(book.LoadDir(dir).ok());
  REQUIRE(utf8.LoadDir(dir).ok());
  REQUIRE(merged.LoadDir(dir).ok());
  book.UseMergedSets(false);
  utf8.UseLatinSets(false);
  CHECK(merged.Layout("zh").latin_parts == 1);
  REQUIRE(book.Compile().ok());
  REQUIRE(utf8.Compile().ok());
  auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  REQUIRE(finder.ok());
  std::vector<presskg::Document> docs;
  presskg_test::AppendDevDocs(&docs);
  std::vector<std::pair<std::string, std::string>> units;
  std::size_t bytes = 0, cps = 0;
  for (const presskg::Document& d : docs) {
    auto t = presskg::PrepareText(d);
    if (!t.ok()) continue;
    presskg::facts::DocView v = presskg::facts::ViewOf(d, *t);
    std::vector<presskg::Mention> ms = presskg::facts::SlotMentions(v, (*finder)->Find(*t, presskg::MentionContext{}));
    for (const presskg::facts::Unit& u : presskg::facts::MatchingUnits(v)) {
      std::string s = presskg::rules::Slot(v.normalized, u.norm_begin, u.norm_end, ms).text;
      if (v.lang != (getenv("SET_LANG") ? getenv("SET_LANG") : "zh")) continue;
      bytes += s.size();
      for (char c : s) cps += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      units.push_back({v.lang, s});
    }
  }
  std::size_t a = 0, b = 0;
  const int reps = getenv("SET_REPS") ? atoi(getenv("SET_REPS")) : 20;
  for (int r = 0; r < reps; ++r) a += SetPassLatin(book, units), b += SetPassUtf8(utf8, units);
  WARN(units.size() << " units, " << bytes << " bytes, " << cps << " code points; candidates " << a << " " << b);
  CHECK(a >= b);
}
