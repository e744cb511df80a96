// The slot-type prefilter (RequiredTypes, Rule::type_needs): what every match of a pattern must
// contain, and the check that skips a span search when the rest of a unit lacks a slot type the
// rule needs. A rule must still fire wherever it fired before.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "facts/builder.h"
#include "presskg/mention.h"
#include "presskg/text.h"
#include "rules/engine.h"
#include "rule_corpus_docs.h"

using presskg::MentionType;
using presskg::rules::RuleBook;
using presskg::rules::SlotToken;

namespace {

std::string Pack(const std::vector<std::string>& patterns) {
  std::string p = "family = \"quote\"\n";
  for (std::size_t i = 0; i < patterns.size(); ++i)
    p += "[[rule]]\nid = \"t.p" + std::to_string(i) + "\"\npattern = '" + patterns[i] +
         "'\npositive = [\"a\", \"b\"]\nnegative = [\"c\"]\n";
  return p;
}

std::uint8_t Bit(MentionType t) { return static_cast<std::uint8_t>(1u << static_cast<int>(t)); }

}  // namespace

TEST_CASE("required slot types read off patterns") {
  struct Case {
    const char* pattern;
    std::vector<std::uint8_t> types;  // the type clauses, smallest first as the engine keeps them
  };
  const std::uint8_t org = Bit(MentionType::kOrg), person = Bit(MentionType::kPerson),
                     country = Bit(MentionType::kCountry), quote = Bit(MentionType::kQuote),
                     role = Bit(MentionType::kRole), place = Bit(MentionType::kPlace);
  const std::vector<Case> cases = {
      {"(?P<a>{ORG})与(?P<b>{PARTY})签署", {org}},  // {ORG} ⊂ {ORG, COUNTRY}: the wider clause adds nothing
      {"{PERSON}说{QUOTE}", {person, quote}},
      {"{PERSON}?说{QUOTE}", {quote}},                     // optional: not needed
      {"(?:{PERSON}|{ROLE})说", {static_cast<std::uint8_t>(person | role)}},  // one of
      {"(?:{PERSON}|他)说", {}},                           // an alternative without a slot
      {"(?:{PERSON}{ROLE})+说", {person, role}},           // at least once
      {"(?:{PERSON}{ROLE}){0,3}说", {}},                    // possibly never
      {"{LOC}", {static_cast<std::uint8_t>(place | country)}},
      {"(?i:{ORG}x)", {}},                                 // flags: nothing is assumed
      {"{M}", {0x7F}},                                     // some mention, of any of the 7 types
  };
  for (const Case& c : cases) {
    RuleBook book;
    REQUIRE(book.LoadString(Pack({c.pattern}), "mem.toml", "zh").ok());
    REQUIRE(book.Compile().ok());
    const auto* r = book.Find("t.p0");
    REQUIRE(r != nullptr);
    INFO(c.pattern);
    std::vector<std::uint8_t> got = r->type_needs;
    std::sort(got.begin(), got.end());
    std::vector<std::uint8_t> want = c.types;
    std::sort(want.begin(), want.end());
    CHECK(got == want);
  }
}

TEST_CASE("TypesIn and SuffixTypes read the type marks of tokens") {
  std::string t = "a" + SlotToken(MentionType::kOrg, 0) + "与" + SlotToken(MentionType::kQuote, 12) + "b" +
                  SlotToken(MentionType::kOrg, 3);
  CHECK(presskg::rules::TypesIn(t) == (Bit(MentionType::kOrg) | Bit(MentionType::kQuote)));
  CHECK(presskg::rules::TypesIn("签署" + std::string("\xEE\x80\x9F")) == 0);  // a terminator alone
  std::vector<std::pair<std::size_t, std::uint8_t>> st;
  presskg::rules::SuffixTypes(t, &st);
  REQUIRE(st.size() == 3);
  CHECK(st[0].first == 1);
  CHECK(st[0].second == (Bit(MentionType::kOrg) | Bit(MentionType::kQuote)));
  CHECK(st[1].second == (Bit(MentionType::kOrg) | Bit(MentionType::kQuote)));
  CHECK(st[2].second == Bit(MentionType::kOrg));
  for (std::size_t k = 0; k < st.size(); ++k) CHECK(presskg::rules::TypesIn(std::string_view(t).substr(st[k].first)) == st[k].second);
}

TEST_CASE("random texts: a pattern never matches a text its type clauses reject") {
  const std::vector<std::string> patterns = {
      "(?P<a>{ORG})与(?P<b>{PARTY})(?:签署|签订)", "{PERSON}[^。]{0,6}?说{QUOTE}", "(?:{PERSON}|{ROLE}){1,2}表示",
      "{DATE}(?:在|于){LOC}举行", "(?:{ORG}{ROLE}|{ROLE}{PERSON})+", "{QUOTE}(?:{PERSON}说)?"};
  RuleBook book;
  REQUIRE(book.LoadString(Pack(patterns), "mem.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  const std::vector<std::string> words = {"与", "签署", "签订", "说", "表示", "在", "于", "举行", "。", "的"};
  std::mt19937 rng(7);
  int matched = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string t;
    int len = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) {
      if (rng() % 2) t += SlotToken(static_cast<MentionType>(rng() % 7), rng() % 12);
      else t += words[rng() % words.size()];
    }
    for (const auto& r : book.rules()) {
      book.Prepare(*r);  // compiles Rule::re
      bool matches = RE2::PartialMatch(t, *r->re);
      matched += matches;
      if (matches) {
        INFO(r->id << " on " << t);
        CHECK(RuleBook::Admits(*r, t));
      }
    }
  }
  CHECK(matched > 200);
}

TEST_CASE("shipped packs: the rules' examples and the dev corpus match the same with and without the check") {
  RuleBook with, without;
  const std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules";
  REQUIRE(with.LoadDir(dir).ok());
  REQUIRE(without.LoadDir(dir).ok());
  without.UseSlotPrefilter(false);
  // `with` built at once, `without` language by language on first use: the same matches too.
  REQUIRE(with.Compile().ok());
  int typed = 0;
  for (const auto& r : with.rules()) typed += !r->type_needs.empty();
  CHECK(typed > 40);  // most rules need some slot type
  auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  REQUIRE(finder.ok());
  std::vector<presskg::Document> docs = presskg_test::RuleExampleDocs(with, /*with_negative=*/false);
  presskg_test::AppendDevDocs(&docs);
  int matches = 0, units = 0;
  std::mt19937 rng(11);
  // A code point boundary at or after i.
  auto boundary = [](const std::string& t, std::size_t i) {
    while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  auto compare = [&](const presskg::rules::SlottedText& st, const std::string& lang) {
    auto a = with.Match(lang, st), b = without.Match(lang, st);
    INFO(presskg::rules::RenderSlotted(st));
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
      // A match is a text its rule admits.
      CHECK(RuleBook::Admits(*a[k].rule, std::string_view(st.text).substr(a[k].begin, a[k].end - a[k].begin)));
    }
    matches += static_cast<int>(a.size());
  };
  for (const presskg::Document& d : docs) {
    auto t = presskg::PrepareText(d);
    if (!t.ok()) continue;
    presskg::facts::DocView v = presskg::facts::ViewOf(d, *t);
    std::vector<presskg::Mention> ms = presskg::facts::SlotMentions(v, (*finder)->Find(*t, presskg::MentionContext{}));
    for (const presskg::facts::Unit& u : presskg::facts::MatchingUnits(v)) {
      presskg::rules::SlottedText st = presskg::rules::Slot(v.normalized, u.norm_begin, u.norm_end, ms);
      ++units;
      compare(st, v.lang);
      // Perturbed copies: a range cut out or doubled (tokens read from the text, not the runs).
      for (int p = 0; p < 3 && !st.text.empty(); ++p) {
        presskg::rules::SlottedText q = st;
        q.tokens_in_runs = false;
        std::size_t x = boundary(q.text, rng() % q.text.size()), y = boundary(q.text, rng() % q.text.size());
        if (x > y) std::swap(x, y);
        if (p % 2 == 0) q.text.erase(x, y - x);
        else q.text.insert(y, q.text.substr(x, y - x));
        q.to_norm.assign(q.text.size() + 1, 0);
        compare(q, v.lang);
      }
    }
  }
  INFO(units << " units");
  CHECK(matches > 150);
}
