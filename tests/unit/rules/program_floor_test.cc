// A rule's first use weighs its capture variants against the size of its UTF-8 program
// (Rule::re) without compiling it when Utf8ProgramFloor already decides: the floor must never
// exceed RE2's ProgramSize, and the groups read from the pattern must be RE2's.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "rules/engine.h"

using presskg::rules::CaptureGroups;
using presskg::rules::RuleBook;
using presskg::rules::SlottedText;
using presskg::rules::Utf8ProgramFloor;

namespace {

RE2::Options Options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

void CheckFloor(const std::string& pattern) {
  RE2 re(pattern, Options());
  REQUIRE(re.ok());
  INFO(pattern);
  CHECK(Utf8ProgramFloor(pattern) <= static_cast<std::size_t>(re.ProgramSize()));
  int n = -1;
  std::map<std::string, int> names;
  if (CaptureGroups(pattern, &n, &names)) {
    CHECK(n == re.NumberOfCapturingGroups());
    CHECK(names == re.NamedCapturingGroups());
  }
}

}  // namespace

TEST_CASE("program floor: below RE2's program size on written patterns", "[rules][floor]") {
  for (const char* p : {
           "abc", "[^。]{0,60}?签署", "(?:签署|签订|签)[^。]{0,60}", "a*a{0,60}", "a{0,60}a*", "a{0,60}?a*b",
           "(?:a)*(?:a){2,5}a", "x{3,}y", "(?:ab){0,10}(?:ab)*", "(?P<p>[^\\s,。的在于和与]{0,24}?)(?:论坛|峰会)",
           "(?:[A-Za-z0-9]\\s|[^\\s,。])*[\\w-]+", "(?:(?P<a>x)|(?P<b>y))z(w)", "^\\s*[-—]+\\s*(?P<x>[^。]{1,20})",
           "^abc[^。]{0,30}", "^[a][^。]{0,30}", ".{0,40}", "[\\x{E000}-\\x{E007}][\\x{E010}-\\x{E019}]+\\x{E01F}",
           "(?i:abc){0,5}", "x*(?:x{0,60})", "a*(?:(?:a){0,30})b", "(?:a{0,40})a*", "(?:ba*)(?:a{0,20}c)", "(?s).{0,9}", "\\bword\\b[^.]{0,12}", "(?:)", "a{0}b", "[^\\x00-\\x{10FFFF}]{0,9}x"}) {
    CheckFloor(p);
  }
}

TEST_CASE("program floor: below RE2's program size for every shipped rule", "[rules][floor]") {
  RuleBook book;
  REQUIRE(book.LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules").ok());
  std::size_t weighed = 0;
  for (const auto& r : book.rules()) {
    CheckFloor(r->program);
    weighed += Utf8ProgramFloor(r->program) > 512;
  }
  // The floor is what spares the compile: most Chinese rules must clear BitState's 512.
  CHECK(weighed * 3 > book.rules().size());
}

TEST_CASE("program floor: the UTF-8 program is compiled when first needed and is the pattern's", "[rules][floor]") {
  RuleBook book;
  REQUIRE(book.LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules").ok());
  const presskg::rules::Rule* rule = book.Find("zh.agreement.sign");
  REQUIRE(rule);
  SlottedText s;
  s.text = "无关的句子。";
  s.to_norm.assign(s.text.size() + 1, 0);
  CHECK(book.MatchRule(*rule, s).empty());
  REQUIRE(rule->search);  // matched over its alphabet program
  const RE2& re = book.Utf8Program(*rule);
  CHECK(re.ok());
  CHECK(re.pattern() == rule->program);
  CHECK(&book.Utf8Program(*rule) == &re);  // compiled once
  book.Prepare(*rule);
  CHECK(rule->re.get() == &re);
}
