// The shipped rule packs on real slotted units (the rules' own examples and, when present, the dev
// corpus read at test time): every match must report the parse of the rule's pattern as written,
// whichever capture program the engine ran.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "facts/builder.h"
#include "presskg/mention.h"
#include "presskg/text.h"
#include "rules/engine.h"
#include "rule_corpus_docs.h"

namespace {

using Caps = std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>>;
using Found = std::vector<std::pair<std::pair<std::size_t, std::size_t>, Caps>>;

Found Reference(const RE2& re, const std::string& text) {
  std::vector<re2::StringPiece> g(re.NumberOfCapturingGroups() + 1);
  Found out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (!re.Match(text, pos, text.size(), RE2::UNANCHORED, g.data(), static_cast<int>(g.size()))) break;
    std::size_t b = g[0].data() - text.data(), e = b + g[0].size();
    Caps caps;
    for (const auto& [name, idx] : re.NamedCapturingGroups())
      if (g[idx].data()) {
        std::size_t cb = g[idx].data() - text.data();
        caps.push_back({name, {cb, cb + g[idx].size()}});
      }
    out.push_back({{b, e}, caps});
    std::size_t next = e;
    if (next == b) {
      ++next;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    }
    pos = next;
  }
  return out;
}

Found Engine(const presskg::rules::RuleBook& book, const presskg::rules::Rule& r,
             const presskg::rules::SlottedText& s) {
  Found out;
  for (const auto& m : book.MatchRule(r, s)) {
    Caps caps;
    for (const auto& [name, c] : m.captures) caps.push_back({name, {c.begin, c.end}});
    out.push_back({{m.begin, m.end}, caps});
  }
  return out;
}

}  // namespace

TEST_CASE("shipped packs: capture programs give the parses of the patterns as written") {
  presskg::rules::RuleBook book;
  REQUIRE(book.LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules").ok());
  auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  REQUIRE(finder.ok());
  std::vector<presskg::Document> docs = presskg_test::RuleExampleDocs(book, /*with_negative=*/true);
  presskg_test::AppendDevDocs(&docs);
  std::vector<std::unique_ptr<RE2>> refs;
  for (const auto& r : book.rules()) refs.push_back(std::make_unique<RE2>(r->expanded));
  int units = 0, matches = 0, with_captures = 0;
  for (const presskg::Document& d : docs) {
    auto t = presskg::PrepareText(d);
    if (!t.ok()) continue;
    presskg::facts::DocView v = presskg::facts::ViewOf(d, *t);
    std::vector<presskg::Mention> ms =
        presskg::facts::SlotMentions(v, (*finder)->Find(*t, presskg::MentionContext{}));
    for (const presskg::facts::Unit& u : presskg::facts::MatchingUnits(v)) {
      presskg::rules::SlottedText st = presskg::rules::Slot(v.normalized, u.norm_begin, u.norm_end, ms);
      ++units;
      for (std::size_t i = 0; i < book.rules().size(); ++i) {
        const auto& r = book.rules()[i];
        if (r->lang != v.lang) continue;
        Found want = Reference(*refs[i], st.text), got = Engine(book, *r, st);
        INFO("rule " << r->id << " on " << presskg::rules::RenderSlotted(st));
        CHECK(got == want);
        matches += static_cast<int>(want.size());
        with_captures += !want.empty() && !r->captures.empty();
      }
    }
  }
  INFO(units << " units, " << matches << " matches");
  CHECK(matches > 150);
  CHECK(with_captures > 100);
}
