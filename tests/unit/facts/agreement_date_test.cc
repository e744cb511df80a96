// An agreement's date: stated in its sentence, or relative to the release ("today", "今天", "7日"
// on the release's day) — never the release date by default.
#include <catch2/catch.hpp>

#include "extract_fixture.h"

using namespace presskg;

TEST_CASE("an agreement signed today takes the release date; otherwise none") {
  struct Case {
    const char* text;
    const char* date;
  };
  const Case cases[] = {
      {"Lisbon, 3 May 2024 – The World Bank and UNICEF signed a memorandum of understanding today.", "2024-05-03"},
      {"Lisbon, 3 May 2024\n\nThe World Bank and UNICEF signed a memorandum of understanding.", ""},
      {"2024年5月3日，里斯本 – 世界银行与联合国儿童基金会今天签署合作备忘录。", "2024-05-03"},
      {"2024年5月3日，里斯本 – 世界银行与联合国儿童基金会3日在里斯本签署合作备忘录。", "2024-05-03"},
      {"2024年5月3日，里斯本\n\n世界银行与联合国儿童基金会签署合作备忘录。", ""},
      // the dateline on its own line: the sentence alone says "today" / the release's day
      {"Lisbon, 3 May 2024\n\nThe World Bank and UNICEF today signed a memorandum of understanding.", "2024-05-03"},
      {"2024年5月3日，里斯本\n\n世界银行与联合国儿童基金会3日签署合作备忘录。", "2024-05-03"},
      {"2024年5月3日，里斯本\n\n世界银行与联合国儿童基金会13日签署合作备忘录。", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::vector<Fact> fs = testing::ExtractText(c.text);
    const Fact* a = testing::LastOfType(fs, FactType::kAgreement);
    REQUIRE(a);
    CHECK(a->date == c.date);
  }
}
