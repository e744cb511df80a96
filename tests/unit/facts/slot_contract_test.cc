// BuildFacts hands rules::Slot a list holding only each slot mention's type and offsets (copying
// whole mentions was a large share of fact assembly). This checks that assumption on written
// releases: Slot over the full mentions and over type-and-offsets copies gives the same slotted
// text, offsets and mention indices. If Slot starts reading other fields, this fails, and
// BuildSlots in facts/builder.cc must pass them too.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "facts/builder.h"
#include "presskg/mention.h"
#include "presskg/text.h"

TEST_CASE("rules::Slot reads only a mention's type and offsets", "[facts][slot]") {
  auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  REQUIRE(finder.ok());
  const std::vector<std::string> texts = {
      "日内瓦，2024年3月5日——国际电信联盟与斐济政府今天在日内瓦签署谅解备忘录。"
      "国际电联秘书长多琳·伯格丹-马丁表示：“这份备忘录将帮助更多学校接入宽带。”\n\n"
      "伯格丹-马丁还说：“我们期待与斐济继续合作。”",
      "GENEVA, 5 March 2024 - The International Telecommunication Union (ITU) and the Government of "
      "Fiji signed a memorandum of understanding today.\n\n\"This agreement brings schools online,\" "
      "said ITU Secretary-General Doreen Bogdan-Martin.\n\nMedia contact:\nAnna Berg\nPress Officer, ITU\n",
  };
  for (const std::string& text : texts) {
    presskg::Document doc;
    doc.id = "slot-contract";
    doc.text = text;
    auto t = presskg::PrepareText(doc);
    REQUIRE(t.ok());
    presskg::facts::DocView v = presskg::facts::ViewOf(doc, *t);
    std::vector<presskg::Mention> full = presskg::facts::SlotMentions(v, (*finder)->Find(*t, presskg::MentionContext{}));
    REQUIRE(full.size() >= 4);
    std::vector<presskg::Mention> light(full.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
      light[i].type = full[i].type;
      light[i].begin = full[i].begin;
      light[i].end = full[i].end;
    }
    for (const presskg::facts::Unit& u : presskg::facts::MatchingUnits(v)) {
      presskg::rules::SlottedText a = presskg::rules::Slot(v.normalized, u.norm_begin, u.norm_end, full);
      presskg::rules::SlottedText b = presskg::rules::Slot(v.normalized, u.norm_begin, u.norm_end, light);
      CHECK(a.text == b.text);
      CHECK(a.mentions == b.mentions);
      REQUIRE(a.to_norm.size() == b.to_norm.size());
      for (std::size_t i = 0; i < a.to_norm.size(); ++i) CHECK(a.to_norm[i] == b.to_norm[i]);
    }
  }
}
