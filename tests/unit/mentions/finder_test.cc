#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"

namespace {

std::string Dump(const std::vector<presskg::Mention>& ms) {
  std::string out;
  for (const auto& m : ms)
    out += std::string(presskg::MentionTypeName(m.type)) + ":" + m.text + ":" + m.key + ":" + m.value + "|";
  return out;
}

}  // namespace

TEST_CASE("Find keeps the original surface and is safe to share between threads", "[mentions][finder]") {
  auto finder = presskg::MentionFinder::Load({});
  REQUIRE(finder.ok());
  presskg::Document doc;
  doc.id = "t";
  doc.text = u8"2013年5月16日，日內瓦 – 國際電聯秘書長趙厚麟表示，迦納將加入。";
  auto text = presskg::PrepareText(doc);
  REQUIRE(text.ok());
  auto ms = (*finder)->Find(*text, presskg::MentionContext{"2013-05-16"});
  bool saw_country = false, saw_person = false;
  for (const auto& m : ms) {
    if (m.type == presskg::MentionType::kCountry) {
      saw_country = true;
      CHECK(m.text == u8"迦納");  // as written, while matching ran on the simplified view
      CHECK(m.key == "GH");
    }
    if (m.type == presskg::MentionType::kPerson) {
      saw_person = true;
      CHECK(m.text == u8"趙厚麟");
    }
  }
  CHECK(saw_country);
  CHECK(saw_person);

  std::string expected = Dump(ms);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) got[t] = Dump((*finder)->Find(*text, presskg::MentionContext{"2013-05-16"}));
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) CHECK(g == expected);
}
