// Line windows are first tried on their first line (BuildFacts): a line rule anchored at the
// window's start whose pattern must reach a line end, with nothing before that line end able to
// match one, runs on the window only when the prefix FirstLineProgram gives matches the first
// line. These tests check which programs get a prefix (and which must not), and that the prefix
// of every line rule in the packs matches the first line of whatever the whole rule matches.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "facts/builder.h"
#include "rules/engine.h"

using presskg::facts::FirstLineProgram;

TEST_CASE("FirstLineProgram cuts an anchored program at its first line end", "[facts][lines]") {
  CHECK(FirstLineProgram("^(?P<org>(?:[\\x{E000}][\\x{E010}-\\x{E019}]+\\x{E01F}))[ \\t]*\\n\\s*(?P<role>x)") ==
        "^(?P<org>(?:[\\x{E000}][\\x{E010}-\\x{E019}]+\\x{E01F}))[ \\t]*\\n");
  CHECK(FirstLineProgram("^(?P<p>\\p{Han}{2,4}|[A-Z][\\w.'-]+)[ \\t]*\\n+rest") == "^(?P<p>\\p{Han}{2,4}|[A-Z][\\w.'-]+)[ \\t]*\\n");
  CHECK(FirstLineProgram("^ab\\x41\\n$") == "^ab\\x41\\n");
  CHECK(FirstLineProgram("^a(?:b|c)\\n(?:x|y)") == "^a(?:b|c)\\n");
}

TEST_CASE("FirstLineProgram gives nothing when a match need not begin with the prefix", "[facts][lines]") {
  const char* none[] = {
      "ab\\nc",                 // not anchored
      "^ab\\nc|d",              // a top-level alternative
      "^a|b\\n",                // the same before the line end
      "^a\\s*\\nb",             // \s matches a line end
      "^a.\\nb",                // so may '.'
      "^a[^x]\\nb",             // and a negated class
      "^a[\\x00-\\x{FF}]\\nb",  // and a range over it
      "^a[\\n]\\nb",            // and a class holding it
      "^(?:a\\n)?b\\nc",        // a line end in a group before the top-level one
      "^(?s)a\\nb",             // flags
      "^(?m:a)\\nb",
      "^a\\n*b",                // a line end that may be left out
      "^a\\n?b",
      "^a\\n{0,2}b",
      "^a\\p{Z}\\nb",           // a Unicode class not known to leave line ends out
      "^a\\Wb\\nc",             // \W holds the line end
      "^a$\\nb",                // an end-of-text assertion
      "^abc",                   // no line end at all
      "^(a\\nb",                // unbalanced
      "^*a\\n",
  };
  for (const char* p : none) {
    INFO(p);
    CHECK(FirstLineProgram(p).empty());
  }
}

namespace {

std::vector<std::string> Lines(std::mt19937* rng, const std::vector<std::string>& pool, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(pool[(*rng)() % pool.size()]);
  return out;
}

}  // namespace

TEST_CASE("the first-line program of each line rule matches the first line of the rule's matches",
          "[facts][lines]") {
  presskg::rules::RuleBook book;
  REQUIRE(book.LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules").ok());
  // Lines as slotted contact blocks have them: tokens, names, roles, blank and indented lines.
  using presskg::MentionType;
  auto tok = [](MentionType t, int i) { return presskg::rules::SlotToken(t, static_cast<std::size_t>(i)); };
  const std::vector<std::string> pool = {
      tok(MentionType::kOrg, 0),  tok(MentionType::kOrg, 1) + "  ", tok(MentionType::kPerson, 2), tok(MentionType::kRole, 3),
      tok(MentionType::kOrg, 4) + tok(MentionType::kRole, 5), "王丽华", "新闻官", "媒体关系负责人", "联系人：", "",
      "  ", "\t李文 ", "Anna Berg", "Mr David Okoro", "Press Officer, " + tok(MentionType::kOrg, 6),
      "Communications Officer", "Tel: +41 22 000 0000", "电话：+86 10 0000 0000", "A long sentence of prose, not a name.",
      "这是一段很长的正文，不是联系人的名字。"};
  std::mt19937 rng(7);
  int rules = 0, matched = 0;
  for (const auto& rp : book.rules()) {
    auto scope = rp->attrs.find("scope");
    if (scope == rp->attrs.end() || scope->second != "lines") continue;
    book.Prepare(*rp);
    const std::string prefix = FirstLineProgram(rp->program);
    if (prefix.empty()) continue;
    ++rules;
    RE2 whole(rp->program, rp->re->options()), first(prefix, rp->re->options());
    REQUIRE(first.ok());
    for (int round = 0; round < 4000; ++round) {
      std::string text;
      for (const std::string& l : Lines(&rng, pool, 1 + static_cast<int>(rng() % 5))) text += l + "\n";
      if (rng() % 2) text.pop_back();  // with and without a final line end
      re2::StringPiece in(text);
      if (!whole.Match(in, 0, text.size(), RE2::ANCHOR_START, nullptr, 0)) continue;
      ++matched;
      const std::size_t nl = text.find('\n');
      INFO(rp->id << " on: " << text);
      REQUIRE(nl != std::string::npos);
      CHECK(first.Match(re2::StringPiece(text.data(), nl + 1), 0, nl + 1, RE2::ANCHOR_START, nullptr, 0));
    }
  }
  // The zh contact rules have first-line programs, and the texts above do match them.
  CHECK(rules >= 2);
  CHECK(matched >= 50);
}
