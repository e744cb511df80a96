// The cheap guards of the cascade against slower references: SaidAfter must answer as the RE2
// pattern it replaced. (The gazetteer pass's filters this file checked are gone: the name
// automaton that replaced them is checked against the trie in name_automaton_test.cc.)
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "mentions/internal.h"

TEST_CASE("SaidAfter answers as the RE2 pattern it replaced", "[mentions][guards]") {
  const RE2 said_after(
      "^,?\\s*(?:said|says|noted|added|stated|explained|commented|remarked|stressed|emphasi[sz]ed|"
      "underlined|observed|declared|announced|told|pointed out|highlighted|concluded|continued|"
      "affirmed|urged|recalled|welcomed)\\b",
      RE2::Quiet);
  REQUIRE(said_after.ok());
  const std::vector<std::string> fixed = {
      "", " said", ", said", ",said", " ,said", "said", " says.", " saidx", " said_", " said9", " said-",
      " pointed out", " pointed  out", " pointed outside", " emphasised", " emphasized", " emphasied",
      "\t\n\f\r said", "\v said", " Said", " told reporters", " tolds", ",, said", " recalled\xC3\xA9",
      " welcomed", " welcome", " urge", " urged", " noted,", " notedly", " affirmed\n"};
  for (const std::string& t : fixed) {
    INFO("text: " << t);
    CHECK(presskg::mentions::SaidAfter(t) == RE2::PartialMatch(t, said_after));
  }
  const std::vector<std::string> parts = {"said", "says", "noted", "added", "stated", "explained", "commented",
                                          "remarked", "stressed", "emphasised", "emphasized", "underlined",
                                          "observed", "declared", "announced", "told", "pointed", "out",
                                          "highlighted", "concluded", "continued", "affirmed", "urged",
                                          "recalled", "welcomed", " ", ",", "\t", "\n", "\v", "s", "ed", "x",
                                          "_", "9", "-", ".", "A", "\xC3\xA9", "\xE8\xAF\xB4"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, parts.size() - 1), len(0, 5);
  for (int round = 0; round < 20000; ++round) {
    std::string t;
    for (std::size_t n = len(rng); n > 0; --n) t += parts[pick(rng)];
    INFO("text: " << t);
    CHECK(presskg::mentions::SaidAfter(t) == RE2::PartialMatch(t, said_after));
  }
}
