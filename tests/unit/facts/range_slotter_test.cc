// Fact assembly slots its units, quotations and line windows through rules::RangeSlotter, which
// finds a release's slot-alphabet characters once instead of in every range. It must give exactly
// what rules::SlotInto gives: text, offset runs, token list, range and tokens_in_runs, into reused
// SlottedTexts, for any mention list SlotInto takes (sorted by begin; overlapping, empty and
// partly outside mentions included) and texts that write slot-alphabet characters themselves.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "rules/engine.h"
#include "rules/slot.h"

using namespace presskg;

namespace {

std::string RandomText(std::mt19937* rng, bool with_alphabet) {
  static const char* const kPieces[] = {"会", "议", "中", "国", " ", "\n", "a", "B", "。", "“", "”", "\xEE"};
  std::uniform_int_distribution<int> len(0, 90), piece(0, 10), rare(0, 30);
  std::string s;
  for (int n = len(*rng); n > 0; --n) {
    if (with_alphabet && rare(*rng) == 0) {
      // a slot-alphabet character written by the text itself, or a lone EE byte before 80 or not
      s += rare(*rng) % 2 ? "\xEE\x80\x81" : "\xEE";
      continue;
    }
    s += kPieces[piece(*rng)];
  }
  return s;
}

std::vector<rules::SlotMention> RandomMentions(std::mt19937* rng, std::size_t size) {
  std::vector<rules::SlotMention> ms;
  std::uniform_int_distribution<int> count(0, 12), type(0, 6), width(-1, 9);
  std::uniform_int_distribution<std::size_t> at(0, size);
  for (int n = count(*rng); n > 0; --n) {
    rules::SlotMention m;
    m.begin = at(*rng);
    const int w = width(*rng);  // -1: an inverted (empty) mention
    m.end = w < 0 ? (m.begin > 0 ? m.begin - 1 : 0) : std::min(size, m.begin + static_cast<std::size_t>(w));
    m.type = static_cast<MentionType>(type(*rng));
    ms.push_back(m);
  }
  std::stable_sort(ms.begin(), ms.end(), [](const rules::SlotMention& a, const rules::SlotMention& b) { return a.begin < b.begin; });
  return ms;
}

void RequireSame(const rules::SlottedText& a, const rules::SlottedText& b) {
  REQUIRE(a.text == b.text);
  REQUIRE(a.mentions == b.mentions);
  REQUIRE(a.norm_begin == b.norm_begin);
  REQUIRE(a.norm_end == b.norm_end);
  REQUIRE(a.tokens_in_runs == b.tokens_in_runs);
  REQUIRE(a.to_norm.size() == b.to_norm.size());
  REQUIRE(a.to_norm.runs().size() == b.to_norm.runs().size());
  for (std::size_t k = 0; k < a.to_norm.runs().size(); ++k) {
    const auto& x = a.to_norm.runs()[k];
    const auto& y = b.to_norm.runs()[k];
    REQUIRE(x.at == y.at);
    REQUIRE(x.norm == y.norm);
    REQUIRE(x.step == y.step);
    REQUIRE(x.token == y.token);
  }
}

}  // namespace

TEST_CASE("RangeSlotter slots every range as rules::SlotInto does", "[facts][slot]") {
  std::mt19937 rng(20261125);
  rules::RangeSlotter slotter;
  rules::SlottedText mine, theirs;  // reused across ranges and texts, as fact assembly reuses them
  int dirty = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = RandomText(&rng, round % 3 == 0);
    const std::vector<rules::SlotMention> ms = RandomMentions(&rng, text.size());
    slotter.Reset(text);
    CHECK(slotter.clean() == (text.find("\xEE\x80") == std::string::npos));
    std::uniform_int_distribution<std::size_t> at(0, text.size());
    for (int r = 0; r < 8; ++r) {
      std::size_t b = at(rng), e = at(rng);
      if (b > e) std::swap(b, e);
      INFO("text: " << text << " range " << b << "-" << e);
      slotter.SlotInto(b, e, ms, &mine);
      rules::SlotInto(text, b, e, ms, &theirs);
      RequireSame(mine, theirs);
      dirty += !theirs.tokens_in_runs;
    }
  }
  CHECK(dirty > 0);  // the texts did write slot-alphabet characters inside some ranges
}
