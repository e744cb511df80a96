// The fast paths of text_util (keys written into room made up front, a key cut at a limit,
// trimming that decodes only the ends) against plain reference versions, on random strings built
// from the characters the functions treat specially, including broken UTF-8.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "facts/text_util.h"

namespace {

// Reference decoding: the code point at *i as text_util reads it (length from the lead byte; a
// sequence cut off by the end reads as U+FFFD and runs to the end).
char32_t RefDecode(const std::string& s, std::size_t* i) {
  unsigned char c = s[*i];
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  if (*i + n > s.size()) {
    *i = s.size();
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

bool RefSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0 || c == 0x2002 ||
         c == 0x2003 || c == 0x2009 || c == 0x200B;
}

bool RefQuote(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x300C ||
         c == 0x300D || c == 0x300E || c == 0x300F || c == 0x300A || c == 0x300B || c == 0xFF02;
}

// Trimming as a list of code points: drop from the front while `lead`, from the back while `trail`.
template <typename Lead, typename Trail>
std::string RefTrim(const std::string& s, Lead lead, Trail trail) {
  std::vector<std::pair<char32_t, std::size_t>> p;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    p.emplace_back(RefDecode(s, &i), at);
  }
  std::size_t b = 0, e = p.size();
  while (b < e && lead(p[b].first)) ++b;
  while (e > b && trail(p[e - 1].first)) --e;
  if (b == e) return std::string();
  std::size_t end = e < p.size() ? p[e].second : s.size();
  return s.substr(p[b].second, end - p[b].second);
}

bool RefKeyPunct(char32_t c) {
  static const char32_t kP[] = {0xB7, 0x2022, 0x2027, 0x30FB, 0xFF0E, '.', '-', '\'', 0x2019, '"', 0x201C, 0x201D,
                                0x300C, 0x300D, 0xFF08, 0xFF09, '(', ')', 0x300A, 0x300B, 0x3008, 0x3009, ':',
                                0xFF1A, ',', 0xFF0C, 0x3001, 0x2018, 0x2013, 0x2014};
  for (char32_t p : kP)
    if (p == c) return true;
  return false;
}

void RefAppendUtf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// NormKey one code point at a time.
std::string RefNormKey(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool ascii = static_cast<unsigned char>(s[i]) < 0x80;  // only an ASCII byte folds A-Z
    char32_t c = RefDecode(s, &i);
    if (RefSpace(c) || RefKeyPunct(c)) continue;
    if (c >= 0xFF21 && c <= 0xFF3A) c = c - 0xFF21 + 'a';
    if (c >= 0xFF41 && c <= 0xFF5A) c = c - 0xFF41 + 'a';
    if (ascii && c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    RefAppendUtf8(&out, c);
  }
  return out;
}

std::string RandomText(std::mt19937* rng, std::size_t max_pieces = 24) {
  static const std::vector<std::string> kPieces = {
      "a", "Z", " ", "\t", "\n", ".", "-", ",", "\"", "'", "(", ":", "\xE2\x80\x9C", "\xE2\x80\x9D",
      "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x80", "\xC2\xA0", "\xEF\xBC\x8C", "\xEF\xBC\xA1", "\xEF\xBD\x9A",
      "\xE5\x9B\xBD", "\xE7\x94\xB5", "\xC2\xB7", "\xF0\x9F\x98\x80", "\xE2\x80\x8B",
      // around the ends of the range NormKey copies without decoding: U+300F U+3010 U+30FB U+FEFF U+FF00
      "\xE3\x80\x8F", "\xE3\x80\x90", "\xE3\x83\xBB", "\xEF\xBB\xBF", "\xEF\xBC\x80",
      // broken: a lone lead byte, a stray continuation byte, a lead followed by ASCII
      "\xE4", "\x80", "\xE3\x80", "\xC3", "\xF0\x9F", "\xE3\x80@", "\xC1\x81"};
  std::uniform_int_distribution<std::size_t> len(0, max_pieces), pick(0, kPieces.size() - 1);
  std::string s;
  for (std::size_t n = len(*rng); n > 0; --n) s += kPieces[pick(*rng)];
  return s;
}

}  // namespace

TEST_CASE("text_util fast paths agree with the reference on random text", "[facts][text_util]") {
  std::mt19937 rng(20261124);
  auto strip = [](char32_t c) { return RefSpace(c) || RefQuote(c); };
  auto strip_trail = [&](char32_t c) { return strip(c) || c == ',' || c == 0xFF0C; };
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomText(&rng);
    INFO("text: " << s);
    REQUIRE(presskg::facts::Trim(s) == RefTrim(s, RefSpace, RefSpace));
    REQUIRE(std::string(presskg::facts::TrimView(s)) == RefTrim(s, RefSpace, RefSpace));
    REQUIRE(presskg::facts::StripQuoteMarks(s) == RefTrim(s, strip, strip_trail));
    std::string key = presskg::facts::NormKey(s);
    REQUIRE(key == RefNormKey(s));
    for (std::size_t limit : {0, 1, 2, 3, 5, 48}) {
      std::string cut = "prefix|";
      presskg::facts::AppendNormKey(s, &cut, limit);
      REQUIRE(cut == "prefix|" + key.substr(0, limit));
    }
  }
}

TEST_CASE("NormKey folds case and drops the key punctuation", "[facts][text_util]") {
  CHECK(presskg::facts::NormKey("Al-Ghanim, H.E. (UAE)") == "alghanimheuae");
  CHECK(presskg::facts::NormKey("“国际·电联”") == "国际电联");
  CHECK(presskg::facts::NormKey("\xEF\xBC\xA9\xEF\xBC\xB4\xEF\xBC\xB5") == "itu");  // ＩＴＵ
  CHECK(presskg::facts::NormKey("ab\xE4") == "ab\xEF\xBF\xBD");  // a cut-off sequence reads as U+FFFD
  CHECK(presskg::facts::StripQuoteMarks("  「合作」，") == "合作");
  CHECK(presskg::facts::StripQuoteMarks("\"\"") == "");
}

// Long texts: trimming follows the code points' boundaries without recording them until the last
// few dozen bytes; broken UTF-8 early in the text moves those boundaries, and a long trailing run
// of marks sends the decision to the slow path.
TEST_CASE("text_util trimming agrees with the reference on long text", "[facts][text_util]") {
  std::mt19937 rng(20261125);
  auto strip = [](char32_t c) { return RefSpace(c) || RefQuote(c); };
  auto strip_trail = [&](char32_t c) { return strip(c) || c == ',' || c == 0xFF0C; };
  std::uniform_int_distribution<int> tail(0, 14);
  for (int round = 0; round < 20000; ++round) {
    std::string s = RandomText(&rng, 120);
    for (int k = tail(rng); k > 0; --k) s += (k % 3 == 0) ? "\xE2\x80\x9D" : (k % 3 == 1) ? " " : "\xE3\x80\x80";
    INFO("text: " << s);
    REQUIRE(std::string(presskg::facts::TrimView(s)) == RefTrim(s, RefSpace, RefSpace));
    REQUIRE(presskg::facts::StripQuoteMarks(s) == RefTrim(s, strip, strip_trail));
  }
}

// CharsAtLeast stops at the n-th code point: the same answer as counting them all, broken UTF-8
// included (continuation bytes never start a code point).
TEST_CASE("CharsAtLeast agrees with CharCount", "[facts][text_util]") {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 5000; ++round) {
    std::string s = RandomText(&rng);
    const std::size_t count = presskg::facts::CharCount(s);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{4}, std::size_t{8}, count, count + 1}) {
      INFO("text: " << s << " n: " << n);
      REQUIRE(presskg::facts::CharsAtLeast(s, n) == (count >= n));
    }
  }
  CHECK(presskg::facts::CharsAtLeast("中文字", 3));
  CHECK_FALSE(presskg::facts::CharsAtLeast("中文字", 4));
  CHECK_FALSE(presskg::facts::CharsAtLeast("", 1));
}
