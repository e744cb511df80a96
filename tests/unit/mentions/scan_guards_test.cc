// The cheap guards of the cascade against slower references: the gazetteer pass's filters
// (FirstFilter's Han and ASCII fast paths, PairFilter) must keep every word start where a key
// matches, also next to ill-formed UTF-8; SaidAfter must answer as the RE2 pattern it replaced.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "mentions/internal.h"

namespace {

using presskg::mentions::DecodeAt;
using presskg::mentions::DecodeBefore;
using presskg::mentions::GazStart;
using presskg::mentions::Trie;

// What the cascade calls a word character (letters and digits of alphabetic scripts, '_'; Han,
// kana and hangul are not), written out from its definition.
bool RefAlphaWord(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (presskg::mentions::IsHan(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF)) return false;
  return presskg::mentions::IsWordChar(c);
}

// Every start the filters keep, over the whole text, in blocks of `cap` as the cascade runs them.
std::vector<std::size_t> Kept(const Trie& trie, const std::string& s, std::size_t cap) {
  std::vector<std::size_t> out;
  std::vector<GazStart> block(cap);
  std::size_t pos = 0;
  bool prev_alpha = false;
  while (pos < s.size()) {
    std::size_t k = presskg::mentions::FirstFilter(trie, s, &pos, &prev_alpha, block.data(), cap);
    std::size_t m = presskg::mentions::PairFilter(trie, s, block.data(), k);
    for (std::size_t q = 0; q < m; ++q) out.push_back(block[q].i);
  }
  return out;
}

const std::vector<std::string>& Keys() {
  static const std::vector<std::string> keys = {
      "中国", "国际电信联盟", "部长", "一带一路", "丁", "世界", "公司", "表示", "Ghana", "UN", "Minister",
      "ITU", "Mr", "é", "Éire", "x", "_a", "9月", "(CTO)", "\xE4\xB8\x80\xE4\xBA\x8C", "\xE3\x80\x87年",
      "\xE4\xB9\x80", "\xE4\xB7\x80\xE4\xB8\x80"};
  return keys;
}

// Pieces random texts are made of: keys and their parts, Han of every lead byte E4–E9, code
// points of U+4000–U+4DFF (lead E4 below U+4E00), kana, Latin with accents, digits, spaces,
// punctuation, and ill-formed bytes (lone lead and continuation bytes, truncated sequences).
const std::vector<std::string>& Pieces() {
  static const std::vector<std::string> pieces = {
      "中国", "国际", "电信联盟", "部长", "一带", "一路", "丁", "世界", "公司", "表示", "的", "在", "年", "月",
      "\xE5\x80\x80", "\xE9\xBE\xA5", "\xE4\xB8\x80", "\xE4\xB7\x80", "\xE4\x80\x80", "\xE4\xB7\xBF",
      "\xE3\x80\x87", "\xE3\x81\x82", "\xEA\xB0\x80", "Ghana", "ghana", "UN", "UNDP", "Minister", "ITU", "Mr",
      "é", "Éire", "x", "_", "a", "9", "2013", " ", "  ", "\n", ",", ".", "(", ")", "-", "'",
      "\xE4", "\xE4\xB8", "\x80", "\xBF", "\xC3", "\xF0\x9F\x98\x80", "\xF0\x9F", "\xFF", "\xEF\xBF\xBD"};
  return pieces;
}

}  // namespace

TEST_CASE("gazetteer filters keep every word start where a key matches", "[mentions][guards]") {
  Trie trie;
  for (std::size_t k = 0; k < Keys().size(); ++k) trie.Insert(Keys()[k], static_cast<std::int32_t>(k));
  trie.Freeze();
  std::mt19937 rng(20261124);
  const auto& pieces = Pieces();
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), len(0, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (std::size_t n = len(rng); n > 0; --n) s += pieces[pick(rng)];
    if (round % 7 == 0 && !s.empty()) s.pop_back();  // a truncated sequence at the end
    for (std::size_t cap : {std::size_t{64}, std::size_t{3}, std::size_t{1}}) {
      std::vector<std::size_t> kept = Kept(trie, s, cap);
      INFO("text: " << s << " cap " << cap);
      // Kept starts are ascending code point boundaries (as the cascade decodes them).
      for (std::size_t q = 1; q < kept.size(); ++q) CHECK(kept[q - 1] < kept[q]);
      // Every word start where some key matches is kept.
      std::size_t i = 0;
      while (i < s.size()) {
        char32_t c;
        std::size_t n = DecodeAt(s, i, &c);
        std::size_t st;
        char32_t before = DecodeBefore(s, i, &st);
        const bool word_start = !(RefAlphaWord(c) && i > 0 && RefAlphaWord(before));
        bool match = false;
        trie.MatchAt(s, i, [&](std::size_t, std::int32_t) { match = true; });
        if (match && word_start) CHECK(std::binary_search(kept.begin(), kept.end(), i));
        i += n;
      }
    }
  }
}

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
