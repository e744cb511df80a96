// A speaker's organization written before the role in apposition ("X, ITU Deputy
// Secretary-General, said") is the quote's organization (was dropped).
#include <catch2/catch.hpp>

#include "extract_fixture.h"

using namespace presskg;

TEST_CASE("the organization before a role in apposition is the speaker's") {
  std::vector<Fact> fs = testing::ExtractText(
      "Lisbon, 3 May 2024 – Speaking at the opening, Ana Ribeiro, UNICEF Regional Director, said: "
      "\"Every school needs a safe water supply before the rainy season.\"");
  const Fact* q = testing::LastOfType(fs, FactType::kQuote);
  REQUIRE(q);
  CHECK(q->person.name == "Ana Ribeiro");
  CHECK(q->role == "Regional Director");
  CHECK(q->org.name == "UNICEF");
}
