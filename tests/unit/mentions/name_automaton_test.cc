// The gazetteer pass's name automaton (ScanNames over NameAutomaton) against the byte trie it is
// built from: from every word start of a text (code points as DecodeAt steps through them; a
// start is not a word start when it and the code point before are both alphabetic word
// characters), every key the trie walk reports, in the walk's order, filtered by language. That is
// what the pass did before the automaton (two filters, then a trie walk from each survivor), so
// equal hit lists mean equal candidates. Texts: generated from the real gazetteer's names, their
// fragments, word boundaries, random characters and ill-formed bytes, in zh and en; and from a
// small key set with hand-picked edge cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "mention_fixture.h"
#include "mentions/internal.h"

namespace name_automaton_test {

using presskg::mentions::DecodeAt;
using presskg::mentions::Entry;
using presskg::mentions::NameAutomaton;
using presskg::mentions::NameHit;
using presskg::mentions::Trie;

// The cascade's word character, written out from its definition.
bool RefAlphaWord(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (presskg::mentions::IsHan(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF)) return false;
  return presskg::mentions::IsWordChar(c);
}

// The reference: a trie walk from every word start.
std::vector<NameHit> Reference(const Trie& trie, const std::vector<Entry>& entries, const std::string& s,
                               std::uint8_t lang) {
  std::vector<NameHit> out;
  bool prev_alpha = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t c;
    const std::size_t n = DecodeAt(s, i, &c);
    const bool alpha = RefAlphaWord(c);
    if (!(alpha && prev_alpha)) {
      trie.MatchAt(s, i, [&](std::size_t end, std::int32_t p) {
        if (entries[static_cast<std::size_t>(p)].langs & lang) out.push_back(NameHit{i, end, p});
      });
    }
    prev_alpha = alpha;
    i += n;
  }
  return out;
}

std::vector<NameHit> Scan(const NameAutomaton& a, const std::string& s, std::uint8_t lang) {
  std::vector<NameHit> out;
  presskg::mentions::ScanNames(a, s, lang, &out);
  return out;
}

std::string Show(const std::vector<NameHit>& hits) {
  std::string r;
  for (const NameHit& h : hits)
    r += "(" + std::to_string(h.begin) + "," + std::to_string(h.end) + "," + std::to_string(h.payload) + ")";
  return r;
}

bool Same(const std::vector<NameHit>& a, const std::vector<NameHit>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].begin != b[k].begin || a[k].end != b[k].end || a[k].payload != b[k].payload) return false;
  return true;
}

std::string Utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

// Code point boundaries of a well-formed key.
std::vector<std::size_t> Cuts(const std::string& k) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 0; i < k.size(); ++i)
    if ((static_cast<unsigned char>(k[i]) & 0xC0) != 0x80) cuts.push_back(i);
  cuts.push_back(k.size());
  return cuts;
}

// Random text pieces: a whole name, a name's prefix or suffix or middle (cut at code points), an
// ASCII word, a space or punctuation, a random Han / Latin-1 / Cyrillic / kana / hangul / astral
// code point, a digit run, or an ill-formed byte sequence.
class TextMaker {
 public:
  TextMaker(const std::vector<std::string>& keys, std::uint32_t seed) : keys_(keys), rng_(seed) {}

  std::string Piece() {
    std::uniform_int_distribution<int> kind(0, 99);
    const int k = kind(rng_);
    if (k < 30) return Key();
    if (k < 45) {
      const std::string key = Key();
      const std::vector<std::size_t> cuts = Cuts(key);
      std::uniform_int_distribution<std::size_t> at(0, cuts.size() - 1);
      std::size_t a = cuts[at(rng_)], b = cuts[at(rng_)];
      if (a > b) std::swap(a, b);
      return key.substr(a, b - a);
    }
    if (k < 55) return Pick({" ", " ", "  ", "\n", ",", ".", "、", "，", "。", "(", ")", "“", "”", "-", "'", "·", "\t"});
    if (k < 62) return Pick({"the", "of", "and", "said", "Minister", "ministry", "x", "_", "s", "ing", "UN", "é", "ß"});
    if (k < 80) {
      std::uniform_int_distribution<char32_t> han(0x4E00, 0x9FFF);
      return Utf8(han(rng_));
    }
    if (k < 88) {
      static const char32_t kRanges[][2] = {{0x21, 0x7E},     {0xA0, 0x24F},    {0x400, 0x4FF},    {0x600, 0x6FF},
                                            {0x3000, 0x30FF}, {0xAC00, 0xAC20}, {0x3400, 0x4DBF},  {0x1000, 0x1FFF},
                                            {0xFF00, 0xFFFD}, {0x1F600, 0x1F64F}, {0x20000, 0x2000F}};
      std::uniform_int_distribution<std::size_t> r(0, std::size(kRanges) - 1);
      const auto& range = kRanges[r(rng_)];
      std::uniform_int_distribution<char32_t> c(range[0], range[1]);
      return Utf8(c(rng_));
    }
    if (k < 93) return Pick({"0", "9", "2013", "12", "3"});
    return Pick({"\xE4", "\xE4\xB8", "\x80", "\xBF", "\xC3", "\xF0\x9F", "\xFF", "\xED\xA0\x80", "\xEF\xBF\xBD"});
  }

  std::string Text(std::size_t max_pieces) {
    std::uniform_int_distribution<std::size_t> len(0, max_pieces);
    std::string s;
    for (std::size_t n = len(rng_); n > 0; --n) s += Piece();
    std::uniform_int_distribution<int> chop(0, 9);
    if (chop(rng_) == 0 && !s.empty()) s.pop_back();  // a truncated sequence at the end
    return s;
  }

 private:
  std::string Key() {
    std::uniform_int_distribution<std::size_t> pick(0, keys_.size() - 1);
    return keys_[pick(rng_)];
  }
  std::string Pick(std::initializer_list<const char*> v) {
    std::uniform_int_distribution<std::size_t> pick(0, v.size() - 1);
    return *(v.begin() + pick(rng_));
  }
  const std::vector<std::string>& keys_;
  std::mt19937 rng_;
};

std::vector<std::string> KeysOf(const Trie& trie) {
  std::vector<std::string> keys;
  trie.ForEachKey([&](std::string_view k, const std::int32_t*, std::size_t) { keys.emplace_back(k); });
  return keys;
}

}  // namespace name_automaton_test

using namespace name_automaton_test;

TEST_CASE("the trie hands every key and payload to the automaton builder", "[mentions][automaton]") {
  Trie trie;
  const std::vector<std::string> keys = {"中国", "中", "中国人", "b", "ab", "abc", "é", "\xF0\x9F\x98\x80"};
  for (std::size_t k = 0; k < keys.size(); ++k) trie.Insert(keys[k], static_cast<std::int32_t>(k));
  trie.Insert("中国", 7);
  trie.Insert("中国", 0);  // twice: counts once
  trie.Freeze();
  std::vector<std::pair<std::string, std::vector<std::int32_t>>> got;
  trie.ForEachKey([&](std::string_view k, const std::int32_t* p, std::size_t n) {
    got.emplace_back(std::string(k), std::vector<std::int32_t>(p, p + n));
  });
  std::vector<std::pair<std::string, std::vector<std::int32_t>>> want = {
      {"ab", {4}}, {"abc", {5}}, {"b", {3}}, {"é", {6}}, {"中", {1}}, {"中国", {0, 7}}, {"中国人", {2}},
      {"\xF0\x9F\x98\x80", {7}}};
  CHECK(got == want);
}

TEST_CASE("the trie hands over exactly the keys inserted (random key sets)", "[mentions][automaton]") {
  // The gazetteer test below draws its texts from ForEachKey: a key it left out would go unseen
  // there, so it is checked against the inserted set here.
  std::mt19937 rng(99);
  const std::vector<std::string> alphabet = {"a", "b", "中", "国", "é", "\xF0\x9F\x98\x80", " ", "\xFF"};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), len(1, 6), count(1, 60), payload(0, 9);
  for (int round = 0; round < 300; ++round) {
    Trie trie;
    std::map<std::string, std::vector<std::int32_t>> want;
    for (std::size_t n = count(rng); n > 0; --n) {
      std::string k;
      for (std::size_t m = len(rng); m > 0; --m) k += alphabet[pick(rng)];
      const auto p = static_cast<std::int32_t>(payload(rng));
      trie.Insert(k, p);
      auto& v = want[k];
      if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
    }
    trie.Freeze();
    std::map<std::string, std::vector<std::int32_t>> got;
    std::string last;
    trie.ForEachKey([&](std::string_view k, const std::int32_t* p, std::size_t n) {
      CHECK((got.empty() || last < std::string(k)));  // byte order, each key once
      last = std::string(k);
      got[last] = std::vector<std::int32_t>(p, p + n);
    });
    CHECK(got == want);
  }
}

TEST_CASE("name automaton finds what trie walks from every word start find (small key set)", "[mentions][automaton]") {
  // Keys with shared prefixes and suffixes (failure links), keys inside keys, one-code-point
  // keys, Latin keys that need word starts, keys that open with a non-word character, U+FFFD as
  // written, a surrogate's bytes, an astral key.
  const std::vector<std::string> keys = {
      "中国", "国际电信联盟", "电信", "国际", "中国人民", "人民", "民", "部长", "一带一路", "带一", "丁", "世界", "公司", "表示",
      "Ghana", "UN", "UNDP", "Minister", "ministry", "ITU", "Mr", "é", "Éire", "x", "_a", "9月", "(CTO)", ".com", "a.b",
      "\xE4\xB8\x80\xE4\xBA\x8C", "\xE3\x80\x87年", "\xE4\xB9\x80", "\xE4\xB7\x80\xE4\xB8\x80", "\xEF\xBF\xBD",
      "\xED\xA0\x80", "\xF0\x9F\x98\x80国"};
  std::vector<Entry> entries(keys.size() + 3);
  Trie trie;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    trie.Insert(keys[k], static_cast<std::int32_t>(k));
    entries[k].langs = k % 5 == 1 ? presskg::mentions::kLangZh : k % 5 == 2 ? presskg::mentions::kLangEn : presskg::mentions::kLangAll;
  }
  // Several payloads on one key, in insertion order.
  trie.Insert("中国", static_cast<std::int32_t>(keys.size()));
  trie.Insert("Ghana", static_cast<std::int32_t>(keys.size() + 1));
  trie.Insert("中国", static_cast<std::int32_t>(keys.size() + 2));
  trie.Freeze();
  NameAutomaton a;
  REQUIRE(a.Build(trie, entries, &RefAlphaWord).ok());

  std::vector<std::string> pieces = keys;
  for (const char* p : {"的", "在", " ", "\n", ",", "-", "A", "a", "9", "\xE4", "\xE4\xB8", "\x80", "\xBF", "\xF0\x9F", "\xFF",
                        "\xE0\xA0\x80", "\xC2\xA0", "\xE3\x81\x82", "\xEA\xB0\x80"})
    pieces.push_back(p);
  TextMaker maker(pieces, 4242);
  std::size_t texts = 0, hits = 0;
  for (int round = 0; round < 6000; ++round) {
    const std::string s = maker.Text(30);
    for (std::uint8_t lang : {presskg::mentions::kLangZh, presskg::mentions::kLangEn}) {
      const std::vector<NameHit> want = Reference(trie, entries, s, lang);
      const std::vector<NameHit> got = Scan(a, s, lang);
      INFO("text: " << s << "\nwant " << Show(want) << "\ngot  " << Show(got));
      REQUIRE(Same(got, want));
      ++texts;
      hits += want.size();
    }
  }
  CHECK(hits > texts);  // the texts do hold names
}

TEST_CASE("name automaton finds what trie walks from every word start find (the gazetteer)", "[mentions][automaton]") {
  const auto& gz = presskg_test::TestGazetteer();
  REQUIRE(gz.names.built());
  const std::vector<std::string> keys = KeysOf(gz.trie);
  REQUIRE(keys.size() > 1000);
  TextMaker maker(keys, 20261124);
  std::size_t texts = 0, hits = 0;
  for (int round = 0; round < 4000; ++round) {
    const std::string s = maker.Text(round % 10 == 0 ? 200 : 25);
    for (std::uint8_t lang : {presskg::mentions::kLangZh, presskg::mentions::kLangEn, presskg::mentions::kLangFr}) {
      const std::vector<NameHit> want = Reference(gz.trie, gz.entries, s, lang);
      const std::vector<NameHit> got = Scan(gz.names, s, lang);
      INFO("text: " << s << "\nwant " << Show(want) << "\ngot  " << Show(got));
      REQUIRE(Same(got, want));
      ++texts;
      hits += want.size();
    }
  }
  CHECK(hits > 2 * texts);
}

TEST_CASE("name automaton: longer names found later are put before shorter ones found earlier", "[mentions][automaton]") {
  // "中国人民银行" holds 人民 (ends first), 中国人民 and 中国人民银行 (begin earlier, end later).
  Trie trie;
  const std::vector<std::string> keys = {"人民", "中国人民", "中国人民银行", "银行", "国人"};
  for (std::size_t k = 0; k < keys.size(); ++k) trie.Insert(keys[k], static_cast<std::int32_t>(k));
  trie.Freeze();
  std::vector<Entry> entries(keys.size());
  NameAutomaton a;
  REQUIRE(a.Build(trie, entries, &RefAlphaWord).ok());
  const std::string s = "在中国人民银行";
  const std::vector<NameHit> got = Scan(a, s, presskg::mentions::kLangZh);
  // by begin, then end
  CHECK(Show(got) == "(3,15,1)(3,21,2)(6,12,4)(9,15,0)(15,21,3)");
  CHECK(Same(got, Reference(trie, entries, s, presskg::mentions::kLangZh)));
}

TEST_CASE("name automaton leaves ill-formed keys out", "[mentions][automaton]") {
  // The loader's keys are normalised (well-formed), and so is the text the cascade scans: an
  // ill-formed key could only have matched ill-formed bytes.
  Trie trie;
  trie.Insert("ab\xFF", 0);
  trie.Insert("\xC3", 1);
  trie.Insert("ab", 2);
  trie.Freeze();
  std::vector<Entry> entries(3);
  NameAutomaton a;
  REQUIRE(a.Build(trie, entries, &RefAlphaWord).ok());
  CHECK(Show(Scan(a, " ab\xFF \xC3", presskg::mentions::kLangEn)) == "(1,3,2)");
}
