// Every rule's own examples, through the whole pipeline (PrepareText → MentionFinder → rules →
// facts): a positive example must make its rule produce a fact, a negative one must not.
#include <catch2/catch.hpp>

#include "presskg/rules.h"

TEST_CASE("every rule's positive and negative examples") {
  auto ex = presskg::Extractor::Load(presskg::ExtractorOptions{});
  INFO((ex.ok() ? std::string() : ex.status().ToString()));
  REQUIRE(ex.ok());
  auto examples = (*ex)->Examples();
  REQUIRE(examples.size() >= 60);
  int failed = 0;
  for (const presskg::RuleExample& e : examples) {
    std::string detail;
    bool ok = (*ex)->CheckExample(e, &detail);
    if (!ok) ++failed;
    INFO((e.positive ? "positive" : "negative") << " example of " << e.rule << ": " << e.text << "\n" << detail);
    CHECK(ok);
  }
  INFO(failed << " of " << examples.size() << " examples failed");
  CHECK(failed == 0);
}

TEST_CASE("the rule-pack version is a stable sha256 prefix") {
  auto a = presskg::Extractor::Load(presskg::ExtractorOptions{});
  auto b = presskg::Extractor::Load(presskg::ExtractorOptions{});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK((*a)->RulePackVersion().size() == 16);
  CHECK((*a)->RulePackVersion() == (*b)->RulePackVersion());
}
