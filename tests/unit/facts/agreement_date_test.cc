// An agreement's date: stated in its sentence, or relative to the release ("today", "今天", "7日"
// on the release's day) — never the release date by default.
#include <catch2/catch.hpp>

#include "presskg/rules.h"
#include "presskg/text.h"

using namespace presskg;

TEST_CASE("an agreement signed today takes the release date; otherwise none") {
  auto ex = Extractor::Load(ExtractorOptions{});
  REQUIRE(ex.ok());
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
    Document doc;
    doc.id = "agreement-date";
    doc.text = c.text;
    Result<PreparedText> t = PrepareText(doc);
    REQUIRE(t.ok());
    const Fact* a = nullptr;
    std::vector<Fact> fs = (*ex)->Extract(doc, *t);
    for (const Fact& f : fs)
      if (f.type == FactType::kAgreement) a = &f;
    REQUIRE(a);
    CHECK(a->date == c.date);
  }
}
