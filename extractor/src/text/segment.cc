#include <endian.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/schriter.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>

#include "text/internal.h"
#include "text/normalize.h"

namespace presskg::text {
namespace {

// High bit set in each byte of w that equals b (the classic zero-byte test on w ^ b...b). The
// lowest flagged byte is always exact (borrows only flag bytes above a real match), so with
// little-endian loads countr_zero(mask) / 8 is the offset of the first match.
inline std::uint64_t ByteMask(std::uint64_t w, unsigned char b) {
  std::uint64_t v = w ^ (0x0101010101010101ull * b);
  return (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;
}
inline bool HasByte(std::uint64_t w, unsigned char b) { return ByteMask(w, b) != 0; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

// Length of a line terminator at t[i] (LF, CR, CRLF, NEL, LS, PS), else 0.
std::size_t LineEnd(std::string_view t, std::size_t i) {
  char c = t[i];
  if (c == '\n') return 1;
  if (c == '\r') return i + 1 < t.size() && t[i + 1] == '\n' ? 2 : 1;
  if (c == '\xC2' && i + 1 < t.size() && t[i + 1] == '\x85') return 2;
  if (c == '\xE2' && i + 2 < t.size() && t[i + 1] == '\x80' && (t[i + 2] == '\xA8' || t[i + 2] == '\xA9')) return 3;
  return 0;
}

// The first offset in [i, n) where a line terminator (LF, CR, NEL, LS, PS) starts, else n.
// Sixteen bytes at a time, matching whole terminators (C2 85, E2 80 A8/A9): the lead bytes C2 and E2
// also start '·', '“', '—' and the like, frequent in Chinese text, which must not stop the scan.
std::size_t FindLineEnd(std::string_view t, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const std::size_t n = t.size();
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2)), x80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i x85 = _mm_set1_epi8(static_cast<char>(0x85)), a9 = _mm_set1_epi8(static_cast<char>(0xA9));
  const __m128i one = _mm_set1_epi8(1);
  for (; i + 18 <= n; i += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v0, lf), _mm_cmpeq_epi8(v0, cr));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v0, c2), _mm_cmpeq_epi8(v1, x85)));
    m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, e2), _mm_cmpeq_epi8(v1, x80)),
                                      _mm_cmpeq_epi8(_mm_or_si128(v2, one), a9)));  // A8 or A9
    if (const int bits = _mm_movemask_epi8(m)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    if ((c == '\n' || c == '\r' || c == 0xC2 || c == 0xE2) && LineEnd(t, i)) return i;
  }
  return n;
}

// The text ends a sentence or clause, so a line break after it is a real paragraph break.
bool EndsClosed(std::string_view t) {
  while (!t.empty() && (IsSpace(t.back()) || t.back() == '\n' || t.back() == '\r')) t.remove_suffix(1);
  if (t.empty()) return true;
  char c = t.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == ')') return true;
  // 。 ” ’ 」 』 (after NFKC, full-width ！？：；） are ASCII already)
  for (const char* m : {"\xE3\x80\x82", "\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x8D", "\xE3\x80\x8F"}) {
    std::size_t n = std::char_traits<char>::length(m);
    if (t.size() >= n && t.substr(t.size() - n) == m) return true;
  }
  return false;
}

// The range opens with a lower-case word of letters (a-z, then letters, ' or - up to a space or
// punctuation).
bool StartsWithLowerWord(std::string_view t, Range r) {
  if (r.begin >= r.end || t[r.begin] < 'a' || t[r.begin] > 'z') return false;
  for (std::size_t i = r.begin + 1; i < r.end; ++i) {
    const char c = t[i];
    if (c == ' ' || c == ',' || c == ';' || c == ':' || c == '.' || c == ')') return true;
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '\'' && c != '-') return false;
  }
  return true;
}

Range Trim(std::string_view t, Range r) {
  while (r.begin < r.end && (IsSpace(t[r.begin]) || LineEnd(t, r.begin))) ++r.begin;
  while (r.end > r.begin && (IsSpace(t[r.end - 1]) || t[r.end - 1] == '\n' || t[r.end - 1] == '\r')) --r.end;
  return r;
}

struct QuoteMark {
  const char* bytes;
  int kind;
  bool open;
};
// “” 「」 『』 ‘’ «» and the ASCII double quote (kind 0: it both opens and closes).
const QuoteMark kMarks[] = {
    {"\xE2\x80\x9C", 1, true},  {"\xE2\x80\x9D", 1, false}, {"\xE3\x80\x8C", 2, true}, {"\xE3\x80\x8D", 2, false},
    {"\xE3\x80\x8E", 3, true},  {"\xE3\x80\x8F", 3, false}, {"\xE2\x80\x98", 4, true}, {"\xE2\x80\x99", 4, false},
    {"\xC2\xAB", 5, true},      {"\xC2\xBB", 5, false},
};

bool IsWordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Length of a UTF-8 sequence by its lead byte (1 for continuation bytes, which never lead in a
// well-formed text).
constexpr std::array<std::uint8_t, 256> kUtf8Length = [] {
  std::array<std::uint8_t, 256> t{};
  for (int b = 0; b < 256; ++b) t[b] = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  return t;
}();

// UTF-8 → UTF-16 for a well-formed view (Normalize replaces ill-formed bytes), simpler and faster
// than ICU's checking converter. With kRecord, offsets[k] = the UTF-8 offset of UTF-16 unit k.
// Returns the end of the UTF-16 output (at most n units).
template <bool kRecord>
UChar* ToUtf16(const unsigned char* u8, std::size_t n, UChar* d, std::uint32_t* offsets) {
  UChar* const d0 = d;
  auto mark = [&](std::size_t i, int units) {
    if constexpr (kRecord)
      for (int k = 0; k < units; ++k) offsets[d - d0 + k] = static_cast<std::uint32_t>(i);
  };
  for (std::size_t i = 0; i < n;) {
    unsigned c = u8[i];
    if (c >= 0xE0 && c < 0xF0 && i + 3 <= n) {  // most of a Chinese text
      mark(i, 1);
      *d++ = static_cast<UChar>((c & 0x0F) << 12 | (u8[i + 1] & 0x3F) << 6 | (u8[i + 2] & 0x3F));
      i += 3;
      continue;
    }
    if (c < 0x80) {
      std::uint64_t w;
      if (i + 8 <= n && (std::memcpy(&w, u8 + i, 8), !(w & 0x8080808080808080ull))) {
        if constexpr (kRecord)
          for (int k = 0; k < 8; ++k) offsets[d - d0 + k] = static_cast<std::uint32_t>(i + k);
        for (int k = 0; k < 8; ++k) d[k] = u8[i + k];
        d += 8;
        i += 8;
      } else {
        mark(i, 1);
        *d++ = static_cast<UChar>(c);
        ++i;
      }
      continue;
    }
    std::size_t len = kUtf8Length[c];
    if (len < 2 || i + len > n) {  // cannot happen in a well-formed view; keeps the loop in bounds regardless
      mark(i, 1);
      *d++ = 0xFFFD;
      ++i;
      continue;
    }
    if (len == 2) {
      mark(i, 1);
      *d++ = static_cast<UChar>((c & 0x1F) << 6 | (u8[i + 1] & 0x3F));
    } else {
      UChar32 cp = static_cast<UChar32>((c & 0x07) << 18 | (u8[i + 1] & 0x3F) << 12 | (u8[i + 2] & 0x3F) << 6 | (u8[i + 3] & 0x3F));
      mark(i, 2);
      *d++ = U16_LEAD(cp);
      *d++ = U16_TRAIL(cp);
    }
    i += len;
  }
  if constexpr (kRecord) offsets[d - d0] = static_cast<std::uint32_t>(n);
  return d;
}

constexpr std::size_t kRecordOffsetsUpTo = 1u << 20;

struct BreakCache {
  std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
  UText* text = nullptr;
  std::vector<UChar> utf16;
  std::vector<std::uint32_t> offsets;  // UTF-8 offset per UTF-16 unit (documents up to 1 MB)
  ~BreakCache() {
    if (text) utext_close(text);
  }
};

icu::BreakIterator* SentenceIterator(BreakCache& cache, const std::string& language) {
  std::string base = language.substr(0, language.find('-'));
  if (base.empty() || base == "und") base = "en";
  auto it = cache.iterators.find(base);
  if (it != cache.iterators.end()) return it->second.get();
  UErrorCode e = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createSentenceInstance(icu::Locale((base + "@ss=standard").c_str()), e));
  if (U_FAILURE(e) || !bi) {
    e = U_ZERO_ERROR;
    bi.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), e));
  }
  if (U_FAILURE(e)) bi.reset();
  return (cache.iterators[base] = std::move(bi)).get();
}

// Words that end with a period without ending the sentence (ICU's own list, "@ss=standard",
// covers only a few, e.g. "Mr.").
const char* const kAbbreviations[] = {"dr", "prof", "mr", "mrs", "ms", "st", "no", "nos", "gen", "sen", "rep", "gov",
                                      "amb", "hon", "inc", "ltd", "co", "corp", "jr", "sr", "vs", "e.g", "i.e", "jan",
                                      "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                                      "art", "para", "approx", "fig", "vol", "pp", "h.e", "messrs", "mt", "ft"};

// True when the period ending t (spaces trimmed) belongs to an abbreviation, an initial ("J.") or
// a dotted acronym ("U.S."), or when a period is directly followed by a letter ("海伦.克拉克").
bool FalseStop(std::string_view t, std::size_t end, std::size_t b) {
  std::size_t e = b;
  while (e > 0 && IsSpace(t[e - 1])) --e;
  if (e == 0 || t[e - 1] != '.') return false;
  if (e == b && b < end) return true;  // no space after the period
  std::size_t w = e - 1;
  while (w > 0 && (std::isalpha(static_cast<unsigned char>(t[w - 1])) || t[w - 1] == '.')) --w;
  std::string_view token = t.substr(w, e - 1 - w);  // letters and periods (compared without case)
  if (token.empty()) return false;
  if (token.size() == 1 && std::isupper(static_cast<unsigned char>(t[w]))) return true;
  bool dotted = token.find('.') != std::string_view::npos;
  if (dotted) {
    for (std::size_t i = 0; i < token.size(); ++i)
      if ((i % 2 == 1) != (token[i] == '.')) dotted = false;
    if (dotted) return true;
  }
  for (std::string_view a : kAbbreviations) {
    if (a.size() != token.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < a.size() && same; ++i)
      same = static_cast<char>(std::tolower(static_cast<unsigned char>(token[i]))) == a[i];
    if (same) return true;
  }
  return false;
}

}  // namespace

void FindParagraphs(std::string_view t, std::vector<Range>* paragraphs) {
  std::vector<Range>& out = *paragraphs;
  out.clear();
  bool previous_line_blank = true;
  std::size_t i = 0;
  while (i < t.size()) {
    // The view's only line terminator is LF (Normalize folds CR LF, CR, NEL, LS and PS).
    const void* lf = std::memchr(t.data() + i, '\n', t.size() - i);
    const std::size_t j = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - t.data()) : t.size();
    const std::size_t term = j < t.size() ? 1 : 0;
    Range line = Trim(t, {i, j});
    if (line.begin == line.end) {
      previous_line_blank = true;
    } else {
      // A line opening with a lower-case word (letters only: not a file name such as
      // "hd_2018_banner.jpg") continues an unclosed line before it. Documents wrapped throughout
      // are unwrapped in the view already (text/unwrap.cc); this catches a stray wrapped line.
      bool wrapped = !previous_line_blank && !out.empty() && StartsWithLowerWord(t, line) &&
                     !EndsClosed(t.substr(out.back().begin, out.back().end - out.back().begin));
      if (wrapped) out.back().end = line.end;
      else out.push_back(line);
      previous_line_blank = false;
    }
    i = j + term;
  }
}

void FindQuotes(std::string_view t, Range p, std::vector<Range>* out) {
  struct Open {
    int kind;
    std::size_t at;
  };
  thread_local std::vector<Open> stack;
  stack.clear();
  std::vector<Range>& quotes = *out;
  quotes.clear();
  // Bytes to skip per lead byte: 0 for a possible quotation mark, else the character's length.
  static const auto kStep = [] {
    std::array<std::uint8_t, 256> step{};
    for (int b = 0; b < 256; ++b) step[b] = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    for (int b : {0x22, 0xC2, 0xE2, 0xE3}) step[b] = 0;
    return step;
  }();
  const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2)), e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i x80 = _mm_set1_epi8(static_cast<char>(0x80)), x10 = _mm_set1_epi8(0x10);
  const __m128i xbb = _mm_set1_epi8(static_cast<char>(0xBB)), xfa = _mm_set1_epi8(static_cast<char>(0xFA));
  const __m128i x98 = _mm_set1_epi8(static_cast<char>(0x98)), xfc = _mm_set1_epi8(static_cast<char>(0xFC));
  const __m128i x8c = _mm_set1_epi8(static_cast<char>(0x8C));
#endif
  for (std::size_t i = p.begin; i < p.end;) {
#if defined(__SSE2__)
    // Sixteen bytes at a time up to the next quotation mark, matched whole (" « » ‘ ’ “ ” 「 」 『 』):
    // a mark never starts inside a character, and the lead bytes alone (E3 also leads 。 and 、)
    // would stop the scan every few characters of a Chinese text.
    while (i + 18 <= p.end) {
      const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
      const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + 1));
      const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + 2));
      const __m128i second80 = _mm_cmpeq_epi8(v1, x80);
      __m128i m = _mm_cmpeq_epi8(v0, quote);
      m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v0, c2), _mm_cmpeq_epi8(_mm_or_si128(v1, x10), xbb)));  // AB BB
      m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, e2), second80),
                                        _mm_cmpeq_epi8(_mm_and_si128(v2, xfa), x98)));  // 98 99 9C 9D
      m = _mm_or_si128(m, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, e3), second80),
                                        _mm_cmpeq_epi8(_mm_and_si128(v2, xfc), x8c)));  // 8C..8F
      if (const int bits = _mm_movemask_epi8(m)) {
        i += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
        break;
      }
      i += 16;
    }
#endif
    // Eight ASCII bytes without a '"' at a time, then character by character.
    while (i + 8 <= p.end) {
      std::uint64_t w;
      std::memcpy(&w, bytes + i, 8);
      if ((w & 0x8080808080808080ull) || HasByte(w, '"')) break;
      i += 8;
    }
    while (i < p.end && kStep[bytes[i]]) i += kStep[bytes[i]];
    if (i >= p.end) break;
    unsigned char c = bytes[i];
    if (c == '"') {
      auto open = std::find_if(stack.rbegin(), stack.rend(), [](const Open& o) { return o.kind == 0; });
      if (open != stack.rend()) {
        quotes.push_back({open->at, i + 1});
        stack.erase(std::next(open).base(), stack.end());
      } else {
        stack.push_back({0, i});
      }
      ++i;
      continue;
    }
    // Lead bytes E2/E3/C2 also start many other characters (。、《》…): the mark is picked by
    // its second and third bytes.
    const QuoteMark* mark = nullptr;
    unsigned char second = i + 1 < p.end ? bytes[i + 1] : 0;
    unsigned char third = i + 2 < p.end ? bytes[i + 2] : 0;
    if (c == 0xC2) {
      if (second == 0xAB) mark = &kMarks[8];
      else if (second == 0xBB) mark = &kMarks[9];
    } else if (second == 0x80) {
      if (c == 0xE2) {
        if (third == 0x9C) mark = &kMarks[0];
        else if (third == 0x9D) mark = &kMarks[1];
        else if (third == 0x98) mark = &kMarks[6];
        else if (third == 0x99) mark = &kMarks[7];
      } else if (third >= 0x8C && third <= 0x8F) {  // E3 80 8C..8F: 「 」 『 』
        mark = &kMarks[2 + (third - 0x8C)];
      }
    }
    if (!mark) {
      i += c < 0xE0 ? 2 : 3;  // C2 or E2/E3 lead a whole character
      continue;
    }
    std::size_t len = std::char_traits<char>::length(mark->bytes);
    bool apostrophe = false;
    if (mark->kind == 4) {
      // ’ between letters is an apostrophe ("ITU’s"); ‘ after a letter opens nothing.
      bool letter_before = i > p.begin && IsWordByte(static_cast<unsigned char>(t[i - 1]));
      bool letter_after = i + len < p.end && IsWordByte(static_cast<unsigned char>(t[i + len]));
      apostrophe = mark->open ? letter_before : (letter_before && letter_after);
    }
    if (!apostrophe) {
      if (mark->open) {
        stack.push_back({mark->kind, i});
      } else {
        auto open = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.kind == mark->kind; });
        if (open != stack.rend()) {
          quotes.push_back({open->at, i + len});
          stack.erase(std::next(open).base(), stack.end());
        }
      }
    }
    i += len;
  }
  std::sort(quotes.begin(), quotes.end(), [](const Range& a, const Range& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  ReleaseIfLarge(&stack);
}

namespace {
namespace sbreak {

// UAX #29 Sentence_Break classes the fast path tells apart, read from ICU's property data. Lines
// holding kComplex characters (ATerm, which needs the abbreviation, case and number rules, and
// Extend/Format, which rule SB5 makes transparent) go to ICU's iterator.
// kComplex: Extend and Format (rule SB5 makes them transparent): lines holding them go to ICU.
// kUpper, kLower, kOLetter and kNumeric matter only after ATerm (rules SB6–SB8).
enum Class : std::uint8_t { kOther, kSTerm, kClose, kSp, kSContinue, kParaSep, kCR, kComplex, kATerm, kUpper, kLower,
                            kOLetter, kNumeric };

Class FromIcu(UChar32 cp) {
  switch (u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK)) {
    case U_SB_STERM: return kSTerm;
    case U_SB_ATERM: return kATerm;
    case U_SB_CLOSE: return kClose;
    case U_SB_SP: return kSp;
    case U_SB_SCONTINUE: return kSContinue;
    case U_SB_SEP: case U_SB_LF: return kParaSep;
    case U_SB_CR: return kCR;
    case U_SB_EXTEND: case U_SB_FORMAT: return kComplex;
    case U_SB_UPPER: return kUpper;
    case U_SB_LOWER: return kLower;
    case U_SB_OLETTER: return kOLetter;
    case U_SB_NUMERIC: return kNumeric;
    default: return kOther;
  }
}

// Classes that act alike outside ATerm's rules: neither terminators, closing punctuation,
// spaces, SContinue, line ends nor Extend/Format.
inline bool Plain(Class k) { return k == kOther || k >= kUpper; }

struct Table {
  std::array<Class, 0x10000> bmp{};  // touched sparsely: a release uses few non-ideograph characters
  bool ideographs_other = true;      // lead bytes E4–E9 (U+4000–U+9FFF) are all Plain and caseless: skip them whole
  // The ASCII characters that matter outside STerm Close* Sp* (STerm, ATerm, LF, CR: the others
  // leave the state as it is), for the sixteen-byte scan; `scan` is off if there are more.
  std::array<unsigned char, 8> ascii_stops{};
  int ascii_stop_count = 0;
  bool scan = false;
  Table() {
    for (UChar32 cp = 0; cp < 0x10000; ++cp) bmp[cp] = FromIcu(cp);
    for (UChar32 cp = 0x4000; cp < 0xA000; ++cp)
      ideographs_other = ideographs_other && Plain(bmp[cp]) && bmp[cp] != kUpper && bmp[cp] != kLower;
    scan = ideographs_other;
    for (int c = 0; c < 0x80; ++c)
      if (Stops(bmp[c])) {
        if (ascii_stop_count == static_cast<int>(ascii_stops.size())) scan = false;
        else ascii_stops[ascii_stop_count++] = static_cast<unsigned char>(c);
      }
    for (int k = ascii_stop_count; k < static_cast<int>(ascii_stops.size()); ++k) ascii_stops[k] = ascii_stops[0];
  }
  // A character of this class changes the state of the loop outside STerm Close* Sp*.
  static bool Stops(Class k) { return k == kSTerm || k == kATerm || k == kComplex || k == kParaSep || k == kCR; }
};
const Table& Classes() {
  static const Table table;
  return table;
}

// Class and length of the character at u8[i] (well-formed UTF-8).
inline Class At(const Table& tab, const unsigned char* u8, std::size_t i, std::size_t n, std::size_t* len) {
  unsigned c = u8[i];
  std::size_t l = kUtf8Length[c];
  if (i + l > n) l = 1;
  *len = l;
  if (l == 1) return tab.bmp[c < 0x80 ? c : 0xFFFD];
  if (l == 2) return tab.bmp[(c & 0x1F) << 6 | (u8[i + 1] & 0x3F)];
  if (l == 3) return tab.bmp[(c & 0x0F) << 12 | (u8[i + 1] & 0x3F) << 6 | (u8[i + 2] & 0x3F)];
  return FromIcu((c & 0x07) << 18 | (u8[i + 1] & 0x3F) << 12 | (u8[i + 2] & 0x3F) << 6 | (u8[i + 3] & 0x3F));
}


#if defined(__SSE2__)
// From `i`, sixteen bytes at a time over ideographs (lead bytes E4–E9, all Plain and caseless)
// and ASCII other than tab.ascii_stops, up to the first block holding anything else; returns the
// first byte of the character there (a block boundary may fall inside a character), at most
// `end`. Only for tab.scan tables.
inline std::size_t SkipPlainBlocks(const Table& tab, const unsigned char* u8, std::size_t i, std::size_t end) {
  const std::size_t from = i;
  while (i + 16 <= end) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(u8 + i));
    const __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(static_cast<char>(0xC0))), v);
    const __m128i x = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE4)));
    const __m128i ideograph = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(5)), x);
    __m128i stop = _mm_andnot_si128(ideograph, lead);
    for (int a = 0; a < static_cast<int>(tab.ascii_stops.size()); ++a)
      stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(tab.ascii_stops[a]))));
    if (const int bits = _mm_movemask_epi8(stop)) {
      i += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
      break;
    }
    i += 16;
  }
  while (i > from && i < end && (u8[i] & 0xC0) == 0x80) --i;  // back to a character start
  return i;
}
#endif
}  // namespace sbreak

// The offset after the line terminator (LF, CR, CRLF, NEL, LS, PS) at or after i, or t.size().
std::size_t NextLineEnd(std::string_view t, std::size_t i) {
  i = FindLineEnd(t, i);
  return i < t.size() ? i + LineEnd(t, i) : i;
}

// ICU's sentence breaks over norm[begin, end), appended to *breaks as offsets into norm (the
// leading `begin` itself is not appended; `end` is).
void IcuBreaks(BreakCache& cache, icu::BreakIterator* bi, std::string_view norm, std::size_t begin, std::size_t end,
               std::vector<std::size_t>* breaks) {
  // ICU's rules run about twice as fast over UTF-16 as over a UTF-8 UText: convert once, then
  // map the UTF-16 break positions back to UTF-8 offsets.
  const auto* u8 = reinterpret_cast<const unsigned char*>(norm.data()) + begin;
  const std::size_t n = end - begin;
  cache.utf16.resize(n + 1);
  // Up to 1 MB the UTF-8 offset of every UTF-16 unit is recorded (at most 4 MB), so a break maps
  // back by one lookup; longer ranges are mapped by walking the text.
  const bool record = n <= kRecordOffsetsUpTo;
  if (record) cache.offsets.resize(n + 1);
  int32_t len16 = static_cast<int32_t>(
      (record ? ToUtf16<true>(u8, n, cache.utf16.data(), cache.offsets.data())
              : ToUtf16<false>(u8, n, cache.utf16.data(), nullptr)) - cache.utf16.data());
  UErrorCode e = U_ZERO_ERROR;
  cache.text = utext_openUChars(cache.text, cache.utf16.data(), len16, &e);
  if (U_FAILURE(e)) return;
  bi->setText(cache.text, e);
  if (U_FAILURE(e)) return;
  std::size_t pos8 = 0;
  int32_t pos16 = 0;
  for (int32_t b = bi->first(); b != icu::BreakIterator::DONE; b = bi->next()) {
    if (b == 0) continue;
    if (record) {
      breaks->push_back(begin + (b < len16 ? cache.offsets[b] : n));
      continue;
    }
    // Eight ASCII bytes are eight code units; otherwise the lead byte gives both lengths.
    while (pos16 + 8 <= b && pos8 + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, u8 + pos8, 8);
      if (w & 0x8080808080808080ull) break;
      pos8 += 8;
      pos16 += 8;
    }
    while (pos16 < b && pos8 < n) {
      unsigned char lead = u8[pos8];
      pos8 += kUtf8Length[lead];
      pos16 += 1 + (lead >= 0xF0);
    }
    pos8 = std::min(pos8, n);
    breaks->push_back(begin + pos8);
  }
  // Detach from the buffer, which the next range reuses.
  bi->setText(icu::UnicodeString());
}

// Languages whose ICU sentence rules are the root rules (UAX #29), with the "@ss=standard"
// exceptions applied on top (FilteredBreakIteratorBuilder, as ICU itself does): the fast path
// below applies to them.
bool FastSentenceRules(std::string_view base) { return base == "zh" || base == "ja" || base == "en"; }

// UAX #29 sentence breaks of one line without Extend or Format (rules SB6–SB11; SB3/SB4 are the
// line end, SB5 needs no work without Extend and Format): the raw breaks inside
// [line, content_end) (content_end: the line's terminator or the end of the text) appended to
// *out. Returns false, appending nothing, when the line holds Extend or Format (ICU takes it).
bool RuleBreaks(const sbreak::Table& tab, const unsigned char* u8, std::size_t line, std::size_t content_end,
                std::vector<std::size_t>* out) {
  using namespace sbreak;
  const std::size_t mark = out->size();
  std::size_t len = 0;
  Class before = kSp;  // class of the character before i (none at the line start: not Upper/Lower)
  for (std::size_t i = line; i < content_end;) {
#if defined(__SSE2__)
    if (tab.scan) {
      // Sixteen bytes at a time over ideographs and ASCII that is neither a terminator nor
      // Extend/Format: only the class of the last character matters (SB7 asks whether it is
      // Upper or Lower; ideographs are neither). Other characters are looked at below.
      const std::size_t from = i;
      i = SkipPlainBlocks(tab, u8, i, content_end);
      if (i > from) before = u8[i - 1] < 0x80 ? tab.bmp[u8[i - 1]] : kOLetter;  // an ideograph's last byte
      if (i >= content_end) break;
    }
#endif
    Class k = At(tab, u8, i, content_end, &len);
    if (k == kComplex) {
      out->resize(mark);
      return false;
    }
    if (k != kSTerm && k != kATerm) {
      before = k;
      i += len;
      continue;
    }
    // SATerm Close* Sp*, then the character x that decides (SB6–SB11).
    const bool aterm = k == kATerm;
    const Class before_term = before;
    std::size_t j = i + len;
    bool directly = true;  // x follows the terminator directly
    Class last = k, x = kOther;
    std::size_t xlen = 0;
    while (j < content_end && (x = At(tab, u8, j, content_end, &xlen)) == kClose) j += xlen, directly = false, last = kClose;
    while (j < content_end && (x = At(tab, u8, j, content_end, &xlen)) == kSp) j += xlen, directly = false, last = kSp;
    if (j >= content_end) break;  // the line end or the end of the text follows: no break inside
    if (x == kComplex) {
      out->resize(mark);
      return false;
    }
    bool no_break = x == kSContinue || x == kSTerm || x == kATerm;  // SB8a
    if (aterm && !no_break) {
      if (directly && x == kNumeric) no_break = true;                                          // SB6
      if (directly && x == kUpper && (before_term == kUpper || before_term == kLower)) no_break = true;  // SB7
      if (!no_break) {
        // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower
        std::size_t q = j, qlen = 0;
        for (; q < content_end; q += qlen) {
          const Class y = At(tab, u8, q, content_end, &qlen);
          if (y == kComplex) {
            out->resize(mark);
            return false;
          }
          if (y == kLower) {
            no_break = true;
            break;
          }
          if (y == kOLetter || y == kUpper || y == kParaSep || y == kCR || y == kSTerm || y == kATerm) break;
        }
      }
    }
    if (!no_break) out->push_back(j);
    before = last;
    i = j;  // x is looked at afresh (it may open the next terminator run)
  }
  return true;
}

// A BreakIterator that returns given break positions: ICU's FilteredBreakIteratorBuilder wraps it
// so that ICU's own "@ss=standard" exception code (Mr., U.S., ...) filters the fast path's raw
// breaks exactly as it filters its rule-based iterator's. Only what the filter calls does work.
class GivenBreaks : public icu::BreakIterator {
 public:
  const std::vector<int32_t>* breaks = nullptr;  // ascending, starting with 0
  UText* text = nullptr;
  std::size_t at = 0;

  bool operator==(const icu::BreakIterator& o) const override { return this == &o; }
  GivenBreaks* clone() const override { return new GivenBreaks(*this); }
  UClassID getDynamicClassID() const override { return nullptr; }
  icu::CharacterIterator& getText() const override { return chars_; }  // not used by the filter
  UText* getUText(UText* fill_in, UErrorCode& status) const override {
    return utext_clone(fill_in, text, false, true, &status);
  }
  void setText(const icu::UnicodeString&) override {}
  void setText(UText* t, UErrorCode&) override { text = t; }
  void adoptText(icu::CharacterIterator* it) override { delete it; }
  int32_t first() override {
    at = 0;
    return Current();
  }
  int32_t last() override {
    at = breaks->empty() ? 0 : breaks->size() - 1;
    return Current();
  }
  int32_t previous() override {
    if (at == 0 || breaks->empty()) return DONE;
    --at;
    return Current();
  }
  int32_t next() override {
    if (at + 1 >= breaks->size()) {
      at = breaks->size();
      return DONE;
    }
    return (*breaks)[++at];
  }
  int32_t current() const override { return Current(); }
  int32_t following(int32_t offset) override {
    at = static_cast<std::size_t>(std::upper_bound(breaks->begin(), breaks->end(), offset) - breaks->begin());
    return Current();
  }
  int32_t preceding(int32_t offset) override {
    std::size_t k = static_cast<std::size_t>(std::lower_bound(breaks->begin(), breaks->end(), offset) - breaks->begin());
    if (k == 0) return DONE;
    at = k - 1;
    return Current();
  }
  UBool isBoundary(int32_t offset) override { return std::binary_search(breaks->begin(), breaks->end(), offset); }
  int32_t next(int32_t steps) override {
    int32_t r = Current();
    for (; steps > 0 && r != DONE; --steps) r = next();
    for (; steps < 0 && r != DONE; ++steps) r = previous();
    return r;
  }
  icu::BreakIterator* createBufferClone(void*, int32_t&, UErrorCode& status) override {
    status = U_SAFECLONE_ALLOCATED_WARNING;
    return clone();
  }
  icu::BreakIterator& refreshInputText(UText* input, UErrorCode& status) override {
    setText(input, status);
    return *this;
  }

 private:
  int32_t Current() const { return at < breaks->size() ? (*breaks)[at] : DONE; }
  mutable icu::StringCharacterIterator chars_{icu::UnicodeString()};
};

// ICU's "@ss=standard" exception filter for a language over GivenBreaks, or none when ICU has no
// exceptions for it (then its sentence iterator is the unfiltered one too).
struct ExceptionFilter {
  GivenBreaks* given = nullptr;                  // owned by `filtered`
  std::unique_ptr<icu::BreakIterator> filtered;  // null: no exceptions
  UText* text = nullptr;
  std::vector<int32_t> list;
  ExceptionFilter() = default;
  ExceptionFilter(const ExceptionFilter&) = delete;
  ExceptionFilter& operator=(const ExceptionFilter&) = delete;
  ~ExceptionFilter() {
    if (text) utext_close(text);
  }
};

ExceptionFilter* FilterFor(std::map<std::string, std::unique_ptr<ExceptionFilter>>& filters, std::string_view base) {
  auto it = filters.find(std::string(base));
  if (it != filters.end()) return it->second.get();
  auto f = std::make_unique<ExceptionFilter>();
  UErrorCode e = U_ZERO_ERROR;
  // The locale as SentenceIterator gives it to ICU, whose makeInstance builds its filter the same way.
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(icu::Locale((std::string(base) + "@ss=standard").c_str()), e));
  if (U_SUCCESS(e) && builder) {
    auto* given = new GivenBreaks();
    given->breaks = &f->list;
    f->filtered.reset(builder->build(given, e));
    if (U_FAILURE(e) || !f->filtered) f->filtered.reset();
    else f->given = given;
  }
  return (filters[std::string(base)] = std::move(f)).get();
}

// Removes from *breaks (ascending) the raw breaks in `raw` (ascending, inside the text) that ICU's
// exception filter suppresses over the whole text `norm`.
void ApplyExceptions(ExceptionFilter& f, std::string_view norm, const std::vector<std::size_t>& raw,
                     std::vector<std::size_t>* breaks) {
  if (!f.filtered || raw.empty()) return;
  UErrorCode e = U_ZERO_ERROR;
  f.text = utext_openUTF8(f.text, norm.data(), static_cast<int64_t>(norm.size()), &e);
  if (U_FAILURE(e)) return;
  f.list.clear();
  f.list.push_back(0);
  for (std::size_t b : raw) f.list.push_back(static_cast<int32_t>(b));
  f.list.push_back(static_cast<int32_t>(norm.size()));
  f.filtered->setText(f.text, e);
  if (U_FAILURE(e)) return;
  // Suppressed = raw breaks the filtered iteration skips.
  thread_local std::vector<std::size_t> dropped;
  dropped.clear();
  std::size_t r = 0;
  f.filtered->first();
  for (int32_t b = f.filtered->next(); b != icu::BreakIterator::DONE; b = f.filtered->next()) {
    for (; r < raw.size() && raw[r] < static_cast<std::size_t>(b); ++r) dropped.push_back(raw[r]);
    if (r < raw.size() && raw[r] == static_cast<std::size_t>(b)) ++r;
  }
  for (; r < raw.size(); ++r) dropped.push_back(raw[r]);
  if (dropped.empty()) return;
  std::size_t w = 0, d = 0;
  for (std::size_t k = 0; k < breaks->size(); ++k) {
    const std::size_t b = (*breaks)[k];
    while (d < dropped.size() && dropped[d] < b) ++d;
    if (d < dropped.size() && dropped[d] == b) continue;
    (*breaks)[w++] = b;
  }
  breaks->resize(w);
  ReleaseIfLarge(&dropped);
}

}  // namespace

void IcuSentenceBreaks(std::string_view norm, const std::string& language, std::vector<std::size_t>* out) {
  thread_local BreakCache cache;
  out->clear();
  icu::BreakIterator* bi = SentenceIterator(cache, language);
  if (!bi || norm.size() >= static_cast<std::size_t>(INT32_MAX)) return;
  out->push_back(0);
  if (!norm.empty()) IcuBreaks(cache, bi, norm, 0, norm.size(), out);
  ReleaseIfLarge(&cache.utf16);
  ReleaseIfLarge(&cache.offsets);
}

void SentenceBreaks(std::string_view norm, const std::string& language, std::vector<std::size_t>* out) {
  thread_local BreakCache cache;
  std::vector<std::size_t>& breaks = *out;
  breaks.clear();
  icu::BreakIterator* bi = SentenceIterator(cache, language);
  if (!bi || norm.size() >= static_cast<std::size_t>(INT32_MAX)) return;
  const std::size_t n = norm.size();
  breaks.reserve(n / 64 + 2);
  breaks.push_back(0);
  if (n == 0) return;
  std::string_view base = std::string_view(language).substr(0, language.find('-'));
  if (!FastSentenceRules(base)) {
    IcuBreaks(cache, bi, norm, 0, n, &breaks);
  } else {
    // Rule SB4 breaks after every paragraph separator and no rule looks across one, so each line
    // is independent. A line without ATerm, Extend or Format needs only rules SB3, SB4 and
    // SB8a–SB11: break after STerm Close* Sp* unless SContinue or another STerm follows. ICU's
    // iterator costs ~40 instructions a character; this loop, two table lookups. Lines it cannot
    // take are collected into runs and given to ICU together.
    const sbreak::Table& tab = sbreak::Classes();
    const auto* u8 = reinterpret_cast<const unsigned char*>(norm.data());
    std::size_t icu_from = n;  // start of the pending run of lines for ICU; n = none
    std::size_t line = 0;
    thread_local std::vector<std::size_t> pending;  // fast-path breaks of the current line
    // ICU applies the language's "@ss=standard" exceptions to its raw breaks; the same filter
    // runs over the fast path's raw breaks inside lines (a line end is never an exception).
    thread_local std::map<std::string, std::unique_ptr<ExceptionFilter>> filters;
    thread_local std::vector<std::size_t> raw;
    ExceptionFilter* filter = FilterFor(filters, base);
    const bool rules_first = base == "en";
    raw.clear();
    while (line < n) {
      pending.clear();
      bool complex = false;
      std::size_t i = line, len = 0;
      std::size_t line_end = n;
      bool after_term = false;  // inside STerm Close* Sp*
      bool in_sp = false;
      if (rules_first) {
        // English lines nearly all hold a full stop: straight to the full rule loop.
        const std::size_t content_end = FindLineEnd(norm, line);
        line_end = content_end < n ? content_end + LineEnd(norm, content_end) : n;
        if (!RuleBreaks(tab, u8, line, content_end, &pending)) complex = true;
      } else {
        while (i < n) {
#if defined(__SSE2__)
          if (!after_term && tab.scan) {
            // Outside STerm Close* Sp* only STerm, ATerm, Extend, Format and line ends matter:
            // sixteen bytes at a time over ideographs (lead bytes E4–E9, all Other) and ASCII
            // other than those; any other lead byte is looked at below.
            i = SkipPlainBlocks(tab, u8, i, n);
            if (i >= n) break;
          }
#endif
          unsigned c = u8[i];
          if (c >= 0xE4 && c <= 0xE9 && tab.ideographs_other && i + 3 <= n) {  // most of a Chinese text
            if (after_term) {
              pending.push_back(i);
              after_term = false;
            }
            i += 3;
            continue;
          }
          sbreak::Class k = sbreak::At(tab, u8, i, n, &len);
          if (k == sbreak::kComplex) {
            complex = true;
            line_end = NextLineEnd(norm, i);  // by bytes alone: ICU takes the line
            break;
          }
          if (k == sbreak::kATerm) {
            // A full stop brings in rules SB6–SB8: the whole line through the full rule loop.
            const std::size_t content_end = FindLineEnd(norm, i);
            line_end = content_end < n ? content_end + LineEnd(norm, content_end) : n;
            pending.clear();
            if (!RuleBreaks(tab, u8, line, content_end, &pending)) complex = true;
            break;
          }
          if (k == sbreak::kParaSep || k == sbreak::kCR) {
            i += len;
            if (k == sbreak::kCR && i < n && u8[i] == '\n') ++i;
            line_end = i;
            break;
          }
          if (after_term) {
            if (k == sbreak::kClose && !in_sp) {
            } else if (k == sbreak::kSp) {
              in_sp = true;
            } else if (k == sbreak::kSContinue) {
              after_term = false;
            } else if (k != sbreak::kSTerm) {
              pending.push_back(i);
              after_term = false;
            } else {
              in_sp = false;  // SB8a: no break before a further STerm; the run goes on
            }
          } else if (k == sbreak::kSTerm) {
            after_term = true;
            in_sp = false;
          }
          i += len;
        }
      }
      if (complex) {
        if (icu_from == n) icu_from = line;
      } else {
        if (icu_from != n) {
          IcuBreaks(cache, bi, norm, icu_from, line, &breaks);
          icu_from = n;
        }
        breaks.insert(breaks.end(), pending.begin(), pending.end());
        if (filter && filter->filtered) raw.insert(raw.end(), pending.begin(), pending.end());
        breaks.push_back(line_end);
      }
      line = line_end;
    }
    if (icu_from != n) IcuBreaks(cache, bi, norm, icu_from, n, &breaks);
    if (filter) ApplyExceptions(*filter, norm, raw, &breaks);
    ReleaseIfLarge(&pending);
    ReleaseIfLarge(&raw);
  }
  ReleaseIfLarge(&cache.utf16);
  ReleaseIfLarge(&cache.offsets);
}

void FindSentences(std::string_view t, Range p, const std::vector<std::size_t>& breaks, bool keep_quotes_whole,
                   const std::vector<Range>& quotes, std::vector<Range>* sentences) {
  // Quotations whose inside must not be cut, merged into disjoint ranges for one forward sweep
  // (a single huge paragraph may hold many thousands of quotations and breaks).
  thread_local std::vector<Range> shelter;
  thread_local std::vector<std::size_t> cuts;
  shelter.clear();
  if (keep_quotes_whole) {
    for (const Range& q : quotes) {
      if (t[q.begin] == '"') continue;
      if (!shelter.empty() && q.begin < shelter.back().end) shelter.back().end = std::max(shelter.back().end, q.end);
      else shelter.push_back(q);
    }
  }
  std::size_t next_shelter = 0;
  cuts.assign(1, p.begin);
  auto it = std::upper_bound(breaks.begin(), breaks.end(), p.begin);
  for (; it != breaks.end() && *it < p.end; ++it) {
    std::size_t b = *it;
    // ICU counts an opening quotation mark right after 。 as closing punctuation of the sentence
    // before ("…指出。“下一句…"): move the break in front of the mark.
    if (b >= cuts.back() + 3 + 3) {
      std::string_view before = t.substr(b - 3, 3);
      if (before == "\xE2\x80\x9C" || before == "\xE3\x80\x8C" || before == "\xE3\x80\x8E" || before == "\xE2\x80\x98")
        b -= 3;
    }
    if (t[b - 1] == '\n' || t[b - 1] == '\r') {
      // A line break inside a paragraph is a hard wrap unless the line ended a sentence.
      if (!EndsClosed(t.substr(cuts.back(), b - cuts.back()))) continue;
    }
    if (FalseStop(t, p.end, b)) continue;
    while (next_shelter < shelter.size() && shelter[next_shelter].end <= b) ++next_shelter;
    if (next_shelter < shelter.size() && shelter[next_shelter].begin < b) continue;
    cuts.push_back(b);
  }
  cuts.push_back(p.end);
  std::vector<Range>& out = *sentences;
  out.clear();
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    Range r = Trim(t, {cuts[k], cuts[k + 1]});
    if (r.begin < r.end) out.push_back(r);
  }
  ReleaseIfLarge(&shelter);
  ReleaseIfLarge(&cuts);
}

}  // namespace presskg::text
