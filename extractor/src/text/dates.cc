// FirstFullDateYear (presskg/text.h): the first full date of a text, found from its anchors — each
// 年 and each English month name — instead of trying a regular expression at every byte.
//
// Why anchors give the leftmost match: every match holds exactly one anchor, and between the
// match's start and its anchor there are only ASCII digits, white space and a day suffix
// (st/nd/rd/th), never an anchor. So a match whose anchor comes later also starts later than
// any earlier anchor: the first anchor that completes a match gives the leftmost match. At one
// month anchor, the day-first form starts before the month-first form, so it is tried first.
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstddef>
#include <cstring>
#include <string_view>

#include "presskg/text.h"

namespace presskg {
namespace text_dates {

inline bool Space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
inline bool Digit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10u; }
// RE2's \w: ASCII letters, digits and '_'.
inline bool Word(unsigned char c) {
  return Digit(c) || static_cast<unsigned>((c | 0x20) - 'a') < 26u || c == '_';
}

struct Text {
  const unsigned char* p;
  std::size_t n;
  std::size_t SkipSpace(std::size_t i) const {
    while (i < n && Space(p[i])) ++i;
    return i;
  }
  // (19|20)\d\d at i.
  bool YearAt(std::size_t i) const {
    return i + 4 <= n && ((p[i] == '1' && p[i + 1] == '9') || (p[i] == '2' && p[i + 1] == '0')) && Digit(p[i + 2]) &&
           Digit(p[i + 3]);
  }
  // The year at i followed by a word boundary.
  bool YearEndsAt(std::size_t i) const { return YearAt(i) && (i + 4 == n || !Word(p[i + 4])); }
  // \d{1,2} at i when not followed by a third digit (nothing after it in the patterns is a
  // digit): its length, else 0.
  std::size_t DayDigits(std::size_t i) const {
    if (i >= n || !Digit(p[i])) return 0;
    if (i + 1 >= n || !Digit(p[i + 1])) return 1;
    return i + 2 < n && Digit(p[i + 2]) ? 0 : 2;
  }
  bool Suffix(std::size_t i) const {
    if (i + 2 > n) return false;
    const unsigned char a = p[i], b = p[i + 1];
    return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
  }
  bool Is(std::size_t i, std::string_view s) const { return i + s.size() <= n && std::memcmp(p + i, s.data(), s.size()) == 0; }
};

constexpr std::string_view kNian = "\xE5\xB9\xB4", kYue = "\xE6\x9C\x88", kRi = "\xE6\x97\xA5";  // 年 月 日

// (19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日 around the 年 at a: the year's offset, or npos.
std::size_t ZhDate(const Text& t, std::size_t a) {
  std::size_t q = a;
  while (q > 0 && Space(t.p[q - 1])) --q;
  if (q < 4 || !t.YearAt(q - 4)) return std::string_view::npos;
  std::size_t i = t.SkipSpace(a + 3);
  std::size_t k = t.DayDigits(i);
  if (!k) return std::string_view::npos;
  i = t.SkipSpace(i + k);
  if (!t.Is(i, kYue)) return std::string_view::npos;
  i = t.SkipSpace(i + 3);
  k = t.DayDigits(i);
  if (!k) return std::string_view::npos;
  i = t.SkipSpace(i + k);
  return t.Is(i, kRi) ? q - 4 : std::string_view::npos;
}

// The length of the month name at m (capitalised, in full), else 0.
std::size_t MonthAt(const Text& t, std::size_t m) {
  static constexpr std::string_view kJ[] = {"January", "June", "July"}, kF[] = {"February"}, kM[] = {"March", "May"},
                                    kA[] = {"April", "August"}, kS[] = {"September"}, kO[] = {"October"},
                                    kN[] = {"November"}, kD[] = {"December"};
  auto first = [&](const auto& names) -> std::size_t {
    for (std::string_view name : names)
      if (t.Is(m, name)) return name.size();
    return 0;
  };
  switch (t.p[m]) {
    case 'J': return first(kJ);
    case 'F': return first(kF);
    case 'M': return first(kM);
    case 'A': return first(kA);
    case 'S': return first(kS);
    case 'O': return first(kO);
    case 'N': return first(kN);
    case 'D': return first(kD);
    default: return 0;
  }
}

// \b\d{1,2}(?:st|nd|rd|th)?\s+MONTH,?\s+YEAR\b, then \bMONTH\s+\d{1,2}(?:st|nd|rd|th)?,?\s+YEAR\b,
// around the month [m, m + len): the year's offset, or npos.
std::size_t EnDate(const Text& t, std::size_t m, std::size_t len) {
  // The year after ",?\s+" at i.
  auto year_after = [&](std::size_t i) -> std::size_t {
    if (i < t.n && t.p[i] == ',') ++i;
    if (i >= t.n || !Space(t.p[i])) return std::string_view::npos;
    i = t.SkipSpace(i);
    return t.YearEndsAt(i) ? i : std::string_view::npos;
  };
  // Day first: white space, a day suffix maybe, one or two digits after a word boundary.
  if (m > 0 && Space(t.p[m - 1])) {
    std::size_t j = m;
    while (j > 0 && Space(t.p[j - 1])) --j;
    if (j >= 3 && t.Suffix(j - 2) && Digit(t.p[j - 3])) j -= 2;
    const std::size_t e = j;
    while (j > 0 && Digit(t.p[j - 1])) --j;
    if (e - j >= 1 && e - j <= 2 && (j == 0 || !Word(t.p[j - 1]))) {
      const std::size_t y = year_after(m + len);
      if (y != std::string_view::npos) return y;
    }
  }
  // Month first.
  if (m > 0 && Word(t.p[m - 1])) return std::string_view::npos;
  std::size_t i = m + len;
  if (i >= t.n || !Space(t.p[i])) return std::string_view::npos;
  i = t.SkipSpace(i);
  const std::size_t k = t.DayDigits(i);
  if (!k) return std::string_view::npos;
  i += k;
  if (t.Suffix(i)) i += 2;
  return year_after(i);
}

}  // namespace text_dates

std::string_view FirstFullDateYear(std::string_view text) {
  using namespace text_dates;
  const Text t{reinterpret_cast<const unsigned char*>(text.data()), text.size()};
  const std::size_t n = t.n;
  // Anchors: 年 (E5 B9 B4) and the month names (capitalised).
  auto check = [&](std::size_t i) -> std::size_t {
    const unsigned char c = t.p[i];
    if (c == 0xE5) return t.Is(i, kNian) ? ZhDate(t, i) : std::string_view::npos;
    const std::size_t len = MonthAt(t, i);
    return len ? EnDate(t, i, len) : std::string_view::npos;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i e5 = _mm_set1_epi8(static_cast<char>(0xE5)), b9 = _mm_set1_epi8(static_cast<char>(0xB9));
  const __m128i b4 = _mm_set1_epi8(static_cast<char>(0xB4)), a = _mm_set1_epi8('A'), z = _mm_set1_epi8('Z' - 'A');
  for (; i + 18 <= n; i += 16) {
    const __m128i v0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.p + i));
    const __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.p + i + 1));
    const __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.p + i + 2));
    __m128i m = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, e5), _mm_cmpeq_epi8(v1, b9)), _mm_cmpeq_epi8(v2, b4));
    const __m128i upper = _mm_sub_epi8(v0, a);  // capital letters (check looks for a month name)
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(upper, z), upper));
    for (unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(m)); bits; bits &= bits - 1) {
      const std::size_t y = check(i + static_cast<std::size_t>(__builtin_ctz(bits)));
      if (y != std::string_view::npos) return text.substr(y, 4);
    }
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = t.p[i];
    if (c != 0xE5 && c != 'J' && c != 'F' && c != 'M' && c != 'A' && c != 'S' && c != 'O' && c != 'N' && c != 'D')
      continue;
    const std::size_t y = check(i);
    if (y != std::string_view::npos) return text.substr(y, 4);
  }
  return {};
}

}  // namespace presskg
