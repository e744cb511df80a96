// The gazetteer loader skips the key normaliser (NFKC + Hant→Hans, ICU) for plain ASCII keys:
// that is only right while ASCII is its own normal form, which this checks.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "mentions/internal.h"

TEST_CASE("ASCII is its own normal form under the key normaliser", "[mentions][load]") {
  presskg::mentions::KeyNormalizer norm;
  REQUIRE(norm.ok());
  std::string all;
  for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
  CHECK(norm(all) == all);
  for (int c = 0; c < 0x80; ++c) {
    const std::string one(1, static_cast<char>(c));
    CHECK(norm(one) == one);
  }
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> byte(0, 0x7F), len(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (int n = len(rng); n > 0; --n) s += static_cast<char>(byte(rng));
    INFO("text: " << s);
    CHECK(norm(s) == s);
  }
  CHECK(norm("國際") != "國際");  // the normaliser does change non-ASCII keys (traditional → simplified)
}
