// A speaker's organization written before the role in apposition ("X, ITU Deputy
// Secretary-General, said") is the quote's organization (was dropped).
#include <catch2/catch.hpp>

#include "presskg/rules.h"
#include "presskg/text.h"

using namespace presskg;

TEST_CASE("the organization before a role in apposition is the speaker's") {
  auto ex = Extractor::Load(ExtractorOptions{});
  REQUIRE(ex.ok());
  Document doc;
  doc.id = "speaker-org";
  doc.text =
      "Lisbon, 3 May 2024 – Speaking at the opening, Ana Ribeiro, UNICEF Regional Director, said: "
      "\"Every school needs a safe water supply before the rainy season.\"";
  Result<PreparedText> t = PrepareText(doc);
  REQUIRE(t.ok());
  std::vector<Fact> fs = (*ex)->Extract(doc, *t);
  const Fact* q = nullptr;
  for (const Fact& f : fs)
    if (f.type == FactType::kQuote) q = &f;
  REQUIRE(q);
  CHECK(q->person.name == "Ana Ribeiro");
  CHECK(q->role == "Regional Director");
  CHECK(q->org.name == "UNICEF");
}
