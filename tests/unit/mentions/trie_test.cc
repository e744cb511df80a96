// The gazetteer trie and its filters against a brute-force search: the filters (first code point,
// second-code-point mask, pair bitmap, one-code-point keys) may only let through too much, never
// hide a key, and a walk reports every key starting at a position, shortest first.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "mentions/internal.h"

namespace {

using presskg::mentions::DecodeAt;
using presskg::mentions::Trie;

// (end, payload) of every key starting at `pos`, in the order a walk reports them.
std::vector<std::pair<std::size_t, std::int32_t>> BruteForce(const std::vector<std::string>& keys, const std::string& s,
                                                             std::size_t pos) {
  std::vector<std::pair<std::size_t, std::int32_t>> out;
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (s.compare(pos, keys[k].size(), keys[k]) == 0) out.emplace_back(pos + keys[k].size(), static_cast<std::int32_t>(k));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace

TEST_CASE("Trie filters never hide a key and walks find every key", "[mentions][trie]") {
  // A small alphabet of one-, two- and three-byte code points, so that keys share prefixes, some
  // keys are a single code point (ASCII and not), and texts hold every kind of near miss.
  const std::vector<std::string> alphabet = {"a", "B", "é", "中", "国", "部", "方", "人", "·", "x"};
  std::mt19937 rng(20261124);
  auto word = [&](int min_cps, int max_cps) {
    std::string w;
    int n = std::uniform_int_distribution<int>(min_cps, max_cps)(rng);
    for (int i = 0; i < n; ++i) w += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    return w;
  };
  std::vector<std::string> keys = {"a", "部", "é", "中国", "中方", "国人", "中国人", "B·x"};
  for (int i = 0; i < 60; ++i) keys.push_back(word(1, 4));
  Trie trie;
  for (std::size_t k = 0; k < keys.size(); ++k) trie.Insert(keys[k], static_cast<std::int32_t>(k));
  trie.Freeze();
  for (int t = 0; t < 200; ++t) {
    std::string s = word(1, 30);
    if (t % 7 == 0) s += "\xE4";  // a truncated sequence at the end
    for (std::size_t pos = 0; pos < s.size();) {
      char32_t c;
      std::size_t n = DecodeAt(s, pos, &c);
      char32_t next = 0;
      if (pos + n < s.size()) DecodeAt(s, pos + n, &next);
      // A key listed twice has both payloads at its node, in insertion order, like here.
      std::vector<std::pair<std::size_t, std::int32_t>> want = BruteForce(keys, s, pos);
      std::vector<std::pair<std::size_t, std::int32_t>> got;
      trie.MatchAtCodePoint(s, pos, c, n, [&](std::size_t end, std::int32_t p) { got.emplace_back(end, p); });
      INFO("text " << s << " at " << pos);
      CHECK(got == want);
      if (!want.empty()) {
        CHECK(trie.MayStartAt(c, n, static_cast<unsigned char>(s[pos])));
        CHECK(trie.MayStartWith(c, n, next));
      }
      pos += n;
    }
  }
}
