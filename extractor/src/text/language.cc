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

namespace detect {

// The state of one detection: counts of the characters and words seen so far.
class Detector {
 public:
  explicit Detector(std::string_view original) : s_(original.substr(0, kSample)) {}

  // Every character of the sample, one at a time (the reference the block path is tested against).
  void ScanScalar() {
    while (i_ < s_.size() && words_ < kEnoughWords) Step();
    EndWord();
  }

  // The same counts: blocks of 64 ASCII bytes go through letter bit masks, a word per mask run;
  // the rest (and the blocks holding a non-ASCII byte) a character at a time.
  void Scan() {
#if defined(__SSE2__)
    const auto* p = reinterpret_cast<const unsigned char*>(s_.data());
    const std::size_t n = s_.size();
    while (i_ < n && words_ < kEnoughWords) {
      if (i_ + 64 > n) {
        Step();
        continue;
      }
      std::uint64_t letters;
      const std::uint64_t non_ascii = LetterMask64(p + i_, &letters);
      if (non_ascii != 0) {
        // Character by character up to and past the first non-ASCII byte, then blocks again.
        const std::size_t stop = i_ + static_cast<std::size_t>(__builtin_ctzll(non_ascii));
        while (i_ <= stop && i_ < n && words_ < kEnoughWords) Step();
        continue;
      }
      if (FastBlock(letters)) break;
    }
    EndWord();
#else
    ScanScalar();
#endif
  }

  std::string Decide() const;

 private:
  // A few hundred words decide a Latin-script language.
  static constexpr std::size_t kEnoughWords = 400;

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
  static const WordTable& Table() {
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
    return table;
  }

  void EndWord() {
    if (word_len_ == 0) return;
    ++words_;
    if (word_len_ <= 4) {
      if (std::uint8_t langs = Table().Find(packed_))
        for (std::size_t l = 0; l < std::size(kWordLists); ++l) hits_[l] += (langs >> l) & 1;
    }
    packed_ = 0;
    word_len_ = 0;
  }

  // The ASCII letters [start, start + run) join the current word: the ones among its first four
  // are packed.
  void AddLetters(std::size_t start, std::size_t run) {
    if (word_len_ < 4) {
      const std::size_t take = std::min<std::size_t>(run, static_cast<std::size_t>(4 - word_len_));
      if (start + 4 <= s_.size()) {  // four bytes in one load, the first `take` kept
        std::uint32_t w;
        std::memcpy(&w, s_.data() + start, 4);
        w = __builtin_bswap32(w) | 0x20202020u;
        packed_ = static_cast<std::uint32_t>(std::uint64_t{packed_} << (8 * take) | w >> (8 * (4 - take)));
      } else {
        for (std::size_t k = 0; k < take; ++k) packed_ = packed_ << 8 | (static_cast<unsigned char>(s_[start + k]) | 0x20);
      }
    }
    word_len_ += static_cast<int>(std::min<std::size_t>(run, 1000));
    letters_ += run;
    latin_ += run;
  }

#if defined(__SSE2__)
  // The baseline x86-64 target has no popcnt instruction (the builtin calls libgcc).
  static unsigned PopCount(std::uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<unsigned>((x * 0x0101010101010101ull) >> 56);
  }

  // Bit k of *letters: byte k is an ASCII letter; returns the bit mask of the non-ASCII bytes.
  static std::uint64_t LetterMask64(const unsigned char* p, std::uint64_t* letters) {
    const __m128i x20 = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a'), z = _mm_set1_epi8(25);
    std::uint64_t mask = 0;
    std::uint64_t high = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      const __m128i v = _mm_sub_epi8(_mm_or_si128(b, x20), a);
      mask |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, z), v)))} << (16 * k);
      high |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(b))} << (16 * k);
    }
    *letters = mask;
    return high;
  }

  // The 64 ASCII bytes at i_ with their letter mask, all words at once: the words that end inside
  // the block are counted by their last letters, and only those of at most four letters (the
  // listed words' length) are packed and looked up. A word going on from before the block is
  // finished first; a block holding the word that makes enough goes run by run (Block).
  bool FastBlock(std::uint64_t letters) {
    unsigned from = 0;
    if (word_len_ != 0) {
      const std::uint64_t gaps = ~letters;
      const unsigned run = gaps == 0 ? 64 : static_cast<unsigned>(__builtin_ctzll(gaps));
      if (run) AddLetters(i_, run);
      if (run == 64) {
        i_ += 64;
        return false;
      }
      EndWord();  // at the non-letter after the run
      if (words_ >= kEnoughWords) {
        i_ += run + 1;
        return true;
      }
      from = run + 1;
      if (from == 64) {
        i_ += 64;
        return false;
      }
      letters &= ~std::uint64_t{0} << from;
    }
    const std::uint64_t ends = letters & ~(letters >> 1) & ~(std::uint64_t{1} << 63);  // a non-letter follows in the block
    const std::size_t ended = static_cast<std::size_t>(PopCount(ends));
    if (words_ + ended >= kEnoughWords) return Block(letters, from);
    const std::uint64_t starts = letters & ~(letters << 1);
    // The run reaching the block's end (if any) is left to AddLetters: the word goes on.
    std::uint64_t open_run = 0;
    unsigned open_start = 64;
    if (letters >> 63) {
      const std::uint64_t gaps = ~letters;
      open_start = gaps == 0 ? 0 : 64 - static_cast<unsigned>(__builtin_clzll(gaps));
      open_run = ~std::uint64_t{0} << open_start;
    }
    const std::uint64_t closed = letters & ~open_run;
    const std::size_t closed_letters = static_cast<std::size_t>(PopCount(closed));
    letters_ += closed_letters;
    latin_ += closed_letters;
    words_ += ended;
    const std::uint64_t five = letters & letters >> 1 & letters >> 2 & letters >> 3 & letters >> 4;
    const WordTable& table = Table();
    for (std::uint64_t shorts = starts & ~five & ~open_run; shorts; shorts &= shorts - 1) {
      const unsigned at = static_cast<unsigned>(__builtin_ctzll(shorts));
      const unsigned len = static_cast<unsigned>(__builtin_ctzll(~(letters >> at)));  // 1 to 4
      const std::size_t start = i_ + at;
      std::uint32_t packed;
      if (start + 4 <= s_.size()) {
        std::uint32_t w;
        std::memcpy(&w, s_.data() + start, 4);
        packed = (__builtin_bswap32(w) | 0x20202020u) >> (8 * (4 - len));
      } else {
        packed = 0;
        for (unsigned k = 0; k < len; ++k) packed = packed << 8 | (static_cast<unsigned char>(s_[start + k]) | 0x20);
      }
      if (std::uint8_t langs = table.Find(packed))
        for (std::size_t l = 0; l < std::size(kWordLists); ++l) hits_[l] += (langs >> l) & 1;
    }
    if (open_start < 64) AddLetters(i_ + open_start, 64 - open_start);
    i_ += 64;
    return false;
  }

  // The 64 ASCII bytes at i_ with their letter mask, run by run: a run of letters extends the
  // word; the first non-letter after a word ends it (the ones after that change nothing). True
  // when enough words were seen, i_ then just past the non-letter that ended the last one (where
  // the character loop stops too).
  bool Block(std::uint64_t letters, unsigned at) {
    while (at < 64) {
      const std::uint64_t rest = letters >> at;
      if (rest & 1) {
        const std::uint64_t gaps = ~rest;
        const unsigned run = gaps == 0 ? 64 - at : static_cast<unsigned>(__builtin_ctzll(gaps));
        AddLetters(i_ + at, run);
        at += run;
        continue;
      }
      if (word_len_ != 0) {
        EndWord();
        if (words_ >= kEnoughWords) {
          i_ += at + 1;
          return true;
        }
      }
      // On to the next letter (non-letters after a non-letter change nothing).
      at = rest == 0 ? 64 : at + static_cast<unsigned>(__builtin_ctzll(rest));
    }
    i_ += 64;
    return false;
  }
#endif

  // One character (or one run of ASCII letters) at i_.
  void Step() {
    const unsigned char b = static_cast<unsigned char>(s_[i_]);
    if (b < 0x80) {
      if (kAsciiLetter[b]) {
        // A run of ASCII letters in one go (words only end outside it).
        const std::size_t start = i_;
        i_ = AsciiLetterRunEnd(s_, i_ + 1);
        AddLetters(start, i_ - start);
      } else {
        ++i_;
        EndWord();
      }
      return;
    }
    std::size_t len;
    char32_t c = DecodeUtf8(s_, i_, &len);
    i_ += len;
    std::uint8_t f = c < 0x10000 ? BmpFlagTable()[c] & (kHan | kTraditional | kSimplifiedOnly) : HanFlags(c);
    if (f & kHan) {
      EndWord();
      ++han_;
      ++letters_;
      if (f & kTraditional) ++trad_;
      if (f & kSimplifiedOnly) ++simp_;
      return;
    }
    if ((c >= 0x2000 && c < 0x3040) || (c >= 0xFF00 && c < 0xFF10) || !u_isalpha(static_cast<UChar32>(c))) {
      // punctuation and symbols (the first two ranges, checked without a call into ICU)
      EndWord();
      return;
    }
    ++letters_;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &e);
    if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) ++kana_;
    else if (sc == USCRIPT_HANGUL) ++hangul_;
    else if (sc == USCRIPT_LATIN) ++latin_, word_len_ = 99;  // a word with accents is none of the listed ones
    else ++other_[sc];
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t han_ = 0, trad_ = 0, simp_ = 0, kana_ = 0, hangul_ = 0, letters_ = 0, latin_ = 0;
  std::map<UScriptCode, std::size_t> other_;
  std::size_t words_ = 0;
  std::uint32_t packed_ = 0;
  int word_len_ = 0;
  std::size_t hits_[std::size(kWordLists)] = {};
};

std::string Detector::Decide() const {
  if (letters_ == 0) return "und";
  std::size_t cjk = han_ + kana_ + hangul_;
  if (cjk * 10 >= letters_ * 3) {
    if (hangul_ > han_ + kana_) return "ko";
    if (kana_ * 10 >= cjk) return "ja";
    // Traditional text is full of characters that Hant→Hans changes; simplified text of their
    // simplified forms. Mixed texts go by the majority.
    return trad_ > simp_ && trad_ * 50 >= han_ ? "zh-Hant" : "zh-Hans";
  }
  std::size_t best_other = 0;
  UScriptCode other_script = USCRIPT_INVALID_CODE;
  for (const auto& [sc, n] : other_)
    if (n > best_other) best_other = n, other_script = sc;
  if (best_other > latin_) {
    if (other_script == USCRIPT_CYRILLIC) return "ru";
    if (other_script == USCRIPT_ARABIC) return "ar";
    return std::string("und-") + uscript_getShortName(other_script);
  }
  const char* best = nullptr;
  std::size_t best_hits = 0;
  for (std::size_t l = 0; l < std::size(kWordLists); ++l)
    if (hits_[l] > best_hits) best_hits = hits_[l], best = kWordLists[l].lang;
  if (best && best_hits * 100 >= words_ * 8) return best;
  // Too few words to judge (a headline, a test snippet): Latin script defaults to English, the
  // language of the Latin-script rule pack.
  constexpr std::size_t kFewWords = 30;
  if (words_ < kFewWords && hits_[1] == 0 && hits_[2] == 0) return "en";
  return "und-Latn";
}

}  // namespace detect

std::string DetectLanguage(std::string_view original) {
  detect::Detector d(original);
  d.Scan();
  return d.Decide();
}

std::string DetectLanguageScalar(std::string_view original) {
  detect::Detector d(original);
  d.ScanScalar();
  return d.Decide();
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
