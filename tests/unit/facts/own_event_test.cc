// The release's own event takes the dateline's date and place; other events do not.
#include <catch2/catch.hpp>

#include "extract_fixture.h"

using namespace presskg;
using presskg::testing::ExtractText;

namespace {

const Fact* EventNamed(const std::vector<Fact>& fs, const std::string& part) {
  for (const Fact& f : fs)
    if (f.type == FactType::kEvent && f.name.find(part) != std::string::npos) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("the release's own event takes the dateline's date and place") {
  struct Case {
    const char* text;
    const char* event;
    const char* start;  // "" = none expected
    const char* place;
  };
  const Case cases[] = {
      {"Lisbon, 3 May 2024 – The Global Ocean Forum opened today with a call to protect coastal "
       "cities.\n\nMinisters from forty countries attended.",
       "Global Ocean Forum", "2024-05-03", "Lisbon"},
      {"Media note\nNairobi, 9 October 2024\n\nThe Africa Water Summit kicked off today in a packed hall.",
       "Africa Water Summit", "2024-10-09", "Nairobi"},
      {"2024年5月3日，里斯本 – 全球海洋论坛今天在此间开幕，来自四十个国家的部长出席。",
       "全球海洋论坛", "2024-05-03", "里斯本"},
      // Another event named in the lead, not happening now: no date or place borrowed.
      {"Lisbon, 3 May 2024\n\nMinisters prepared for the Global Ocean Forum, which the city will host next "
       "year.",
       "Global Ocean Forum", "", ""},
      // Announced today, held later: not today's event.
      {"2024年5月3日，里斯本\n\n组委会今天宣布，全球海洋论坛将于明年在此举行。", "全球海洋论坛", "", ""},
      // Opening today, but far down the release: not the release's own event.
      {"Lisbon, 3 May 2024 – The city signed a water agreement.\n\nMore follows.\n\nAnd more.\n\n"
       "Elsewhere, the Coastal Cities Summit opened today.",
       "Coastal Cities Summit", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::vector<Fact> fs = ExtractText(c.text);
    const Fact* e = EventNamed(fs, c.event);
    REQUIRE(e);
    CHECK(e->start == c.start);
    CHECK(e->place.name == c.place);
  }
}
