// An event named again by its short name (event_abbrev.cc and zh.event.restated-short-name).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_fixture.h"
#include "facts/builder.h"

using namespace presskg;

TEST_CASE("IsAbbreviationOf") {
  CHECK(facts::IsAbbreviationOf("非博会", "第五届中国—非洲经贸博览会"));
  CHECK(facts::IsAbbreviationOf("数贸会", "第三届全球数字贸易博览会"));
  CHECK_FALSE(facts::IsAbbreviationOf("博览会", "博览会"));          // not shorter
  CHECK_FALSE(facts::IsAbbreviationOf("服贸会", "第五届中国—非洲经贸博览会"));  // 服 is not in it
  CHECK_FALSE(facts::IsAbbreviationOf("非博展", "第五届中国—非洲经贸博览会"));  // another head
}

TEST_CASE("the restatement by short name dates the full-named event") {
  std::vector<Fact> fs = presskg::testing::ExtractText(
      "非博会开幕\n\n"
      "2025年6月12日，代表团参观了第五届中国—非洲经贸博览会。\n\n"
      "本届非博会于2025年6月12日至15日在长沙国际会展中心举行。\n");
  int events = 0;
  for (const Fact& f : fs) {
    if (f.type != FactType::kEvent) continue;
    ++events;
    CHECK(f.name.find("中国—非洲经贸博览会") != std::string::npos);
    CHECK(f.end == "2025-06-15");
  }
  CHECK(events == 1);
}
