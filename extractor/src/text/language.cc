#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <string_view>

#include "text/internal.h"
#include "text/normalize.h"

namespace presskg::text {
namespace {

// Enough text to judge; keeps detection cheap on very long documents.
constexpr std::size_t kSample = 8 * 1024;

// Frequent function words: a Latin-script text is taken to be in the language whose words make up
// a noticeable share of its words.
struct WordList {
  const char* lang;
  std::array<std::string_view, 14> words;
};
const WordList kWordLists[] = {
    {"en", {"the", "and", "of", "to", "in", "is", "for", "with", "that", "on", "by", "said", "will", "has"}},
    {"fr", {"le", "les", "des", "et", "est", "une", "du", "pour", "dans", "avec", "sur", "au", "aux", "qui"}},
    {"es", {"el", "los", "las", "del", "y", "que", "por", "con", "para", "una", "se", "al", "como", "su"}},
};

constexpr std::array<bool, 256> kAsciiLetter = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = true;
  return t;
}();

// The end of the run of ASCII letters at s[i] (i itself may be past it).
std::size_t AsciiLetterRunEnd(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
#if defined(__SSE2__)
  // Sixteen bytes at a time: a letter is (b | 0x20) - 'a' <= 25.
  const __m128i x20 = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), z = _mm_set1_epi8(25);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_sub_epi8(_mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), x20), a);
    const int letters = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, z), v));
    if (letters != 0xFFFF) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(~letters)));
  }
#endif
  while (i < n && kAsciiLetter[p[i]]) ++i;
  return i;
}

}  // namespace

std::string DetectLanguage(std::string_view original) {
  std::string_view s = original.substr(0, kSample);
  std::size_t han = 0, trad = 0, simp = 0, kana = 0, hangul = 0, letters = 0, latin = 0;
  std::map<UScriptCode, std::size_t> other;
  // Words of up to four ASCII letters are packed into an integer (every listed word is that
  // short) and looked up in a small open-addressing table: packed word → bit set of languages.
  struct WordTable {
    std::uint32_t key[256] = {};
    std::uint8_t langs[256] = {};
    static std::size_t Slot(std::uint32_t k) { return (k * 2654435761u) >> 24; }
    void Add(std::uint32_t k, std::size_t l) {
      std::size_t h = Slot(k);
      while (key[h] != 0 && key[h] != k) h = (h + 1) & 255;
      key[h] = k;
      langs[h] |= static_cast<std::uint8_t>(1u << l);
    }
    std::uint8_t Find(std::uint32_t k) const {
      for (std::size_t h = Slot(k);; h = (h + 1) & 255) {
        if (key[h] == k) return langs[h];
        if (key[h] == 0) return 0;
      }
    }
  };
  static const WordTable table = [] {
    WordTable t;
    for (std::size_t l = 0; l < std::size(kWordLists); ++l)
      for (std::string_view w : kWordLists[l].words) {
        std::uint32_t v = 0;
        for (char c : w) v = v << 8 | static_cast<unsigned char>(c);
        t.Add(v, l);
      }
    return t;
  }();
  std::size_t words = 0;
  std::uint32_t packed = 0;
  int word_len = 0;
  std::size_t hits[std::size(kWordLists)] = {};
  auto end_word = [&] {
    if (word_len == 0) return;
    ++words;
    if (word_len <= 4) {
      if (std::uint8_t langs = table.Find(packed))
        for (std::size_t l = 0; l < std::size(kWordLists); ++l) hits[l] += (langs >> l) & 1;
    }
    packed = 0;
    word_len = 0;
  };
  const std::uint8_t* flags = BmpFlagTable();
  // A few hundred words decide a Latin-script language.
  constexpr std::size_t kEnoughWords = 400;
  for (std::size_t i = 0; i < s.size() && words < kEnoughWords;) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (kAsciiLetter[b]) {
        // A run of ASCII letters in one go (words only end outside it): find its end, then pack
        // the letters that are among the word's first four.
        const std::size_t start = i;
        i = AsciiLetterRunEnd(s, i + 1);
        const std::size_t run = i - start;
        if (word_len < 4) {
          const std::size_t take = std::min<std::size_t>(run, static_cast<std::size_t>(4 - word_len));
          if (start + 4 <= s.size()) {  // four bytes in one load, the first `take` kept
            std::uint32_t w;
            std::memcpy(&w, s.data() + start, 4);
            w = __builtin_bswap32(w) | 0x20202020u;
            packed = static_cast<std::uint32_t>(std::uint64_t{packed} << (8 * take) | w >> (8 * (4 - take)));
          } else {
            for (std::size_t k = 0; k < take; ++k) packed = packed << 8 | (static_cast<unsigned char>(s[start + k]) | 0x20);
          }
        }
        word_len += static_cast<int>(std::min<std::size_t>(run, 1000));
        letters += run;
        latin += run;
      } else {
        ++i;
        end_word();
      }
      continue;
    }
    std::size_t len;
    char32_t c = DecodeUtf8(s, i, &len);
    i += len;
    std::uint8_t f = c < 0x10000 ? flags[c] & (kHan | kTraditional | kSimplifiedOnly) : HanFlags(c);
    if (f & kHan) {
      end_word();
      ++han;
      ++letters;
      if (f & kTraditional) ++trad;
      if (f & kSimplifiedOnly) ++simp;
      continue;
    }
    if ((c >= 0x2000 && c < 0x3040) || (c >= 0xFF00 && c < 0xFF10) || !u_isalpha(static_cast<UChar32>(c))) {
      // punctuation and symbols (the first two ranges, checked without a call into ICU)
      end_word();
      continue;
    }
    ++letters;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &e);
    if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) ++kana;
    else if (sc == USCRIPT_HANGUL) ++hangul;
    else if (sc == USCRIPT_LATIN) ++latin, word_len = 99;  // a word with accents is none of the listed ones
    else ++other[sc];
  }
  end_word();
  if (letters == 0) return "und";
  std::size_t cjk = han + kana + hangul;
  if (cjk * 10 >= letters * 3) {
    if (hangul > han + kana) return "ko";
    if (kana * 10 >= cjk) return "ja";
    // Traditional text is full of characters that Hant→Hans changes; simplified text of their
    // simplified forms. Mixed texts go by the majority.
    return trad > simp && trad * 50 >= han ? "zh-Hant" : "zh-Hans";
  }
  std::size_t best_other = 0;
  UScriptCode other_script = USCRIPT_INVALID_CODE;
  for (const auto& [sc, n] : other)
    if (n > best_other) best_other = n, other_script = sc;
  if (best_other > latin) {
    if (other_script == USCRIPT_CYRILLIC) return "ru";
    if (other_script == USCRIPT_ARABIC) return "ar";
    return std::string("und-") + uscript_getShortName(other_script);
  }
  const char* best = nullptr;
  std::size_t best_hits = 0;
  for (std::size_t l = 0; l < std::size(kWordLists); ++l)
    if (hits[l] > best_hits) best_hits = hits[l], best = kWordLists[l].lang;
  if (best && best_hits * 100 >= words * 8) return best;
  // Too few words to judge (a headline, a test snippet): Latin script defaults to English, the
  // language of the Latin-script rule pack.
  constexpr std::size_t kFewWords = 30;
  if (words < kFewWords && hits[1] == 0 && hits[2] == 0) return "en";
  return "und-Latn";
}

namespace {

// The CJK decision of DetectLanguage from whole-text counts, or "" when the text may not be
// CJK-dominant (ASCII letters are bounded by the ASCII bytes, which are not counted one by one).
std::string FromCounts(std::string_view original, const ScriptCounts& c) {
  std::size_t cjk = c.han + c.kana + c.hangul;
  std::size_t ascii_bytes = original.size() - std::min(original.size(), c.non_ascii_bytes);
  std::size_t letters_bound = cjk + c.other_letters + ascii_bytes;
  if (cjk == 0 || cjk * 10 < letters_bound * 3) return "";
  if (c.hangul > c.han + c.kana) return "ko";
  if (c.kana * 10 >= cjk) return "ja";
  return c.traditional > c.simplified_only && c.traditional * 50 >= c.han ? "zh-Hant" : "zh-Hans";
}

std::string Detect(std::string_view original, const ScriptCounts& counts) {
  std::string fast = FromCounts(original, counts);
  return fast.empty() ? DetectLanguage(original) : fast;
}

}  // namespace

std::string ResolveLanguage(const std::string& forced, const std::string& declared, std::string_view original,
                            const ScriptCounts& counts) {
  const std::string& given = !forced.empty() && forced != "auto" ? forced : declared;
  if (given.empty() || given == "auto") return Detect(original, counts);
  if (given == "zh" || given == "zh-CN" || given == "zh-TW" || given == "zh-HK" || given == "zh-SG") {
    if (given == "zh-TW" || given == "zh-HK") return "zh-Hant";
    if (given == "zh-CN" || given == "zh-SG") return "zh-Hans";
    std::string d = Detect(original, counts);
    return d == "zh-Hant" ? d : "zh-Hans";
  }
  return given;
}

}  // namespace presskg::text
