// Dates written in digits only: "2025/01/22" and "2024.11.6" (Chinese portals, Asian releases),
// "15/10/2024" and "05.11.2024" (European layouts), "10/15/2024" (American ones). With the year
// first the order is always year, month, day. With the year last, a part over 12 fixes the
// order; when both parts could be the month, the release's own word dates decide it: "3 March"
// (day first) or "March 3" (month first). A release that writes neither keeps such a date
// unresolved (no mention): a wrong day costs more than a missing one.
#include "mentions/internal.h"

namespace presskg {
namespace mentions {

namespace numeric_dates {

bool Digit(char c) { return c >= '0' && c <= '9'; }
bool AsciiAlnum(char c) { return Digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A run of 1..max digits at *p; its value, or -1 (no digit or too many).
int Number(std::string_view s, std::size_t* p, std::size_t max) {
  std::size_t b = *p, e = b;
  int v = 0;
  while (e < s.size() && Digit(s[e])) {
    if (e - b == max) return -1;
    v = v * 10 + (s[e] - '0');
    ++e;
  }
  if (e == b) return -1;
  *p = e;
  return v;
}

bool Leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

bool ValidYmd(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= (m == 2 && Leap(y) ? 29 : kDays[m - 1]);
}

std::string Iso(int y, int m, int d) {
  char b[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  return std::string(b, 10);
}

}  // namespace numeric_dates

NumericDate MatchNumericDate(std::string_view s, std::size_t p) {
  using namespace numeric_dates;
  NumericDate r;
  // Not inside a path, a version or a longer number: "/2024/11/06/", "v2.10.2024", "1.15/10/2024".
  if (p > 0 && (AsciiAlnum(s[p - 1]) || s[p - 1] == '/' || s[p - 1] == '.' || s[p - 1] == '-')) return r;
  std::size_t q = p;
  const int a = Number(s, &q, 4);
  if (a < 0 || q >= s.size()) return r;
  const char sep = s[q];
  if (sep != '/' && sep != '.' && sep != '-') return r;
  const bool year_first = q - p == 4;
  if (!year_first && q - p > 2) return r;
  ++q;
  const int b = Number(s, &q, 2);
  if (b < 0 || q >= s.size() || s[q] != sep) return r;
  ++q;
  const std::size_t c_at = q;
  const int c = Number(s, &q, year_first ? 2 : 4);
  if (c < 0 || (!year_first && q - c_at != 4)) return r;
  // Nothing that continues the number after it: "2024/11/06/page", "15.10.2024.1", "1-2-2024-5".
  if (q < s.size() && (AsciiAlnum(s[q]) || s[q] == '/' || ((s[q] == '.' || s[q] == '-') && q + 1 < s.size() && Digit(s[q + 1]))))
    return r;
  if (year_first) {
    if (sep == '-' && (q - c_at == 2 && b >= 10)) return r;  // "2024-11-06" is the ISO form, found elsewhere
    if (!ValidYmd(a, b, c)) return r;
    r.end = q;
    r.iso = Iso(a, b, c);
    return r;
  }
  // Year last: "a sep b sep yyyy".
  const bool dm = ValidYmd(c, b, a), md = ValidYmd(c, a, b);
  if (!dm && !md) return r;
  r.end = q;
  if (dm && md && a != b) {
    r.ambiguous = true;
    r.iso = Iso(c, b, a);      // day first
    r.iso_alt = Iso(c, a, b);  // month first
  } else {
    r.iso = dm ? Iso(c, b, a) : Iso(c, a, b);
  }
  return r;
}

int WordDateOrder(std::string_view text_of_date) {
  // "3 March", "3-4 February 2025": day first; "March 3", "Sept. 8 to 11": month first; "March
  // 2025" says nothing (its first number is a year).
  bool letter = false;
  for (char ch : text_of_date) letter |= (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  if (!letter) return 0;  // a Chinese date ("9月5日") has no order of this kind
  std::size_t i = 0;
  while (i < text_of_date.size() && !numeric_dates::Digit(text_of_date[i])) ++i;
  if (i >= text_of_date.size()) return 0;
  std::size_t e = i;
  while (e < text_of_date.size() && numeric_dates::Digit(text_of_date[e])) ++e;
  if (e - i > 2) return 0;
  return i == 0 ? 1 : -1;
}

}  // namespace mentions
}  // namespace presskg
