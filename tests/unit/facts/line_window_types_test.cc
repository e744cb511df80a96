// The line windows of fact assembly are skipped unslotted when they lack a slot type every line
// rule needs: their types come from SlotRangeTypes, which must say exactly what rules::TypesIn
// reads from the slotted window. Checked here on random mention lists and ranges, and on a
// release whose contact blocks must still give their roles.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "facts/builder.h"
#include "rules/engine.h"

using namespace presskg;

TEST_CASE("SlotRangeTypes gives the types TypesIn reads from the slotted range", "[facts][lines]") {
  std::mt19937 rng(20261124);
  for (int round = 0; round < 400; ++round) {
    // A text of letters, spaces and newlines, and a sorted non-overlapping mention list over it
    // (some mentions empty, some adjacent), as BuildSlots leaves it.
    std::string text;
    const std::size_t n = 20 + rng() % 300;
    for (std::size_t i = 0; i < n; ++i) text.push_back("abc de\nxyz"[rng() % 10]);
    std::vector<rules::SlotMention> ms;
    for (std::size_t pos = rng() % 5; pos < n;) {
      std::size_t len = rng() % 4 == 0 ? 0 : 1 + rng() % 8;
      if (pos + len > n) break;
      ms.push_back(rules::SlotMention{pos, pos + len, static_cast<MentionType>(rng() % 7)});
      pos += len + (rng() % 3 == 0 ? 0 : rng() % 12);
    }
    facts::SlotRangeTypes types;
    types.Build(ms);
    rules::SlottedText st;
    for (int k = 0; k < 30; ++k) {
      std::size_t b = rng() % (n + 1), e = rng() % (n + 1);
      if (b > e) std::swap(b, e);
      rules::SlotInto(text, b, e, ms, &st);
      INFO("round " << round << " range " << b << "-" << e);
      REQUIRE(types.Of(ms, b, e) == rules::TypesIn(st.text));
    }
  }
}

TEST_CASE("SlotRangeTypes of a range inside one long mention, and of an empty list", "[facts][lines]") {
  std::vector<rules::SlotMention> ms = {{0, 50, MentionType::kOrg}, {50, 60, MentionType::kPerson}};
  facts::SlotRangeTypes types;
  types.Build(ms);
  CHECK(types.Of(ms, 10, 40) == 0);
  CHECK(types.Of(ms, 10, 60) == (1u << static_cast<int>(MentionType::kPerson)));
  CHECK(types.Of(ms, 0, 60) == ((1u << static_cast<int>(MentionType::kOrg)) | (1u << static_cast<int>(MentionType::kPerson))));
  std::vector<rules::SlotMention> none;
  types.Build(none);
  CHECK(types.Of(none, 0, 10) == 0);
}
