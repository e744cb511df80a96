// Dates: one RE2 pass finds date expressions (Chinese and English forms), NormalizeDate turns each
// into ISO 8601 start/end with the release date as the anchor for a year the text leaves out.
#include <algorithm>
#include <cstring>
#include <vector>

#include <re2/re2.h>

#include "mentions/internal.h"

namespace presskg {

namespace mentions {
namespace {

// Pieces of the finder pattern, over the normalised view (NFKC: ASCII digits, "~" for "～").
#define ZY "(?:(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\\s*年"
#define ZM "(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\\s*月"
#define ZDN "(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
#define ZD ZDN "\\s*[日号]"
#define ZSEP "\\s*(?:-|–|—|~|至|到)\\s*"
// Months also in capitals, as government portals print them ("18 NOV 2024", "9 JULY 2024").
#define EMON                                                                                         \
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|" \
  "Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?|"    \
  "JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN\\.?|"     \
  "FEB\\.?|MAR\\.?|APR\\.?|JUN\\.?|JUL\\.?|AUG\\.?|SEPT\\.?|SEP\\.?|OCT\\.?|NOV\\.?|DEC\\.?)"
#define EDAY "(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
#define EYEAR "(?:19|20)[0-9]{2}"
#define ESEP "(?:\\s*[-–—]\\s*|\\s+(?:to|until|till|through|and)\\s+)"

const char kZhDate[] =
    "(?:" ZY "\\s*)?" ZM "\\s*(?:" ZDN ZSEP "(?:" ZM "\\s*)?" ZD "|" ZD "(?:" ZSEP "(?:" ZY "\\s*)?(?:" ZM
    "\\s*)?" ZD ")?)"
    "|(?:" ZY "\\s*)?" ZM "(?:" ZSEP "(?:" ZY "\\s*)?" ZM ")?"
    "|" ZY "(?:" ZSEP ZY ")?";

const char kEnDate[] =
    "(?:" EDAY "(?:" ESEP EDAY ")?\\s+(?:of\\s+)?" EMON "(?:" ESEP EDAY "\\s+" EMON ")?(?:,?\\s+" EYEAR ")?"
    "|" EMON "\\s+" EDAY "(?:" ESEP "(?:" EMON "\\s+)?" EDAY ")?(?:,?\\s+" EYEAR ")?"
    "|" EMON ",?\\s+" EYEAR
    "|" EYEAR "-(?:1[0-2]|0[1-9])-(?:3[01]|[12][0-9]|0[1-9]))";

struct DateRes {
  RE2 zh, en;
  static RE2::Options Opts() {
    RE2::Options o;
    o.set_longest_match(true);
    o.set_log_errors(false);
    return o;
  }
  DateRes() : zh(kZhDate, Opts()), en(kEnDate, Opts()) {}
};

const DateRes& Res() {
  static const DateRes* r = new DateRes();  // immutable after construction: shared by all threads
  return *r;
}

int CjkDigit(char32_t c) {
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

int MonthFromName(std::string_view w) {
  static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3 || w.size() > 9) return 0;
  char low[10];
  for (std::size_t i = 0; i < w.size(); ++i) low[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
  std::string_view l(low, w.size());
  for (int i = 0; i < 12; ++i) {
    std::string_view full(kFull[i]);
    if (l == full) return i + 1;
    // "Jan", "Sept": the first three letters, or "sept"
    if ((l.size() == 3 && full.compare(0, 3, l) == 0) || (i == 8 && l == "sept")) return i + 1;
  }
  return 0;
}

struct Part {
  int y = -1, m = -1, d = -1;
  bool y_inherited = false;
  bool empty() const { return y < 0 && m < 0 && d < 0; }
};

int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return kDays[m - 1];
}

// What snprintf("%04d-%02d-%02d") gives for a valid date (year 1900–2100), written by hand:
// printf's code is a few KB that the pipeline brings back into the cache for every release.
std::string Iso(const Part& p) {
  char buf[10];
  std::size_t n = 0;
  auto digits = [&](int v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) buf[n + static_cast<std::size_t>(k)] = static_cast<char>('0' + v % 10);
    n += static_cast<std::size_t>(width);
  };
  digits(p.y, 4);
  if (p.m > 0 || p.d > 0) {
    buf[n++] = '-';
    digits(p.m, 2);
  }
  if (p.d > 0) {
    buf[n++] = '-';
    digits(p.d, 2);
  }
  return std::string(buf, n);
}

bool Valid(const Part& p) {
  if (p.y < 1900 || p.y > 2100) return false;
  if (p.m == -1) return p.d == -1;
  if (p.m < 1 || p.m > 12) return false;
  return p.d == -1 || (p.d >= 1 && p.d <= DaysIn(p.y, p.m));
}

long Ordinal(const Part& p) { return (p.y * 13L + (p.m < 0 ? 0 : p.m)) * 32L + (p.d < 0 ? 0 : p.d); }

}  // namespace
}  // namespace mentions

bool NormalizeDate(std::string_view text, std::string_view anchor, std::string* start, std::string* end) {
  using namespace mentions;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {  // ISO 2013-05-16
    Part p;
    auto num = [&](std::size_t at, std::size_t len) {
      int v = 0;
      for (std::size_t k = at; k < at + len; ++k) {
        if (text[k] < '0' || text[k] > '9') return -1;
        v = v * 10 + (text[k] - '0');
      }
      return v;
    };
    p.y = num(0, 4), p.m = num(5, 2), p.d = num(8, 2);
    if (p.y < 0 || p.m < 0 || p.d < 0 || !Valid(p)) return false;
    *start = Iso(p);
    end->clear();
    return true;
  }
  Part parts[2];
  int cur = 0;
  bool any = false;
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t c;
    std::size_t n = DecodeAt(text, i, &c);
    if ((c >= '0' && c <= '9') || CjkDigit(c) >= 0 || c == U'十') {
      // A number: ASCII digits, or Chinese numerals (positional for years, 十-style otherwise).
      long value = 0;
      int digits = 0;
      bool cjk = !(c >= '0' && c <= '9');
      bool ten = false;
      std::size_t j = i;
      while (j < text.size()) {
        char32_t d;
        std::size_t dn = DecodeAt(text, j, &d);
        if (!cjk && d >= '0' && d <= '9') {
          value = value * 10 + (d - '0');
        } else if (cjk && CjkDigit(d) >= 0) {
          value = ten ? value + CjkDigit(d) : value * 10 + CjkDigit(d);
        } else if (cjk && d == U'十') {
          value = (digits == 0 ? 1 : value) * 10;
          ten = true;
        } else {
          break;
        }
        ++digits;
        j += dn;
      }
      if (!cjk) {  // skip an ordinal suffix: 13th
        if (j + 2 <= text.size()) {
          std::string_view suf = text.substr(j, 2);
          if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") j += 2;
        }
      }
      // The unit that follows (Chinese), skipping spaces.
      std::size_t k = j;
      while (k < text.size() && text[k] == ' ') ++k;
      char32_t u = 0;
      std::size_t un = k < text.size() ? DecodeAt(text, k, &u) : 0;
      Part& p = parts[cur];
      if (u == U'年') {
        p.y = static_cast<int>(value);
        j = k + un;
      } else if (u == U'月') {
        p.m = static_cast<int>(value);
        j = k + un;
      } else if (u == U'日' || u == U'号') {
        p.d = static_cast<int>(value);
        j = k + un;
      } else if (!cjk && digits == 4) {
        p.y = static_cast<int>(value);
      } else if (digits <= 2) {
        p.d = static_cast<int>(value);
      } else {
        return false;
      }
      any = true;
      i = j;
      continue;
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      std::size_t j = i;
      while (j < text.size() && ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= 'a' && text[j] <= 'z'))) ++j;
      std::string_view word = text.substr(i, j - i);
      if (int m = MonthFromName(word)) {
        parts[cur].m = m;
        any = true;
      } else if (word == "to" || word == "until" || word == "till" || word == "through" || word == "and") {
        if (cur == 1) return false;
        cur = 1;
      } else if (word != "of" && word != "the") {
        return false;
      }
      i = j;
      if (i < text.size() && text[i] == '.') ++i;
      continue;
    }
    if (c == '-' || c == U'–' || c == U'—' || c == '~' || c == U'至' || c == U'到') {
      if (cur == 1) return false;
      cur = 1;
      i += n;
      continue;
    }
    if (c == ' ' || c == ',' || c == '\t' || c == U'\u00A0') {
      i += n;
      continue;
    }
    return false;
  }
  if (!any) return false;
  Part& a = parts[0];
  Part& b = parts[1];
  if (!b.empty()) {
    // The end inherits the larger units from the start and vice versa ("13-17 May 2013").
    if (b.d >= 0 || b.m >= 0) {
      if (b.m < 0 && b.d >= 0) b.m = a.m;
      if (b.y < 0) b.y = a.y, b.y_inherited = true;
    }
    if (a.y < 0) a.y = b.y, a.y_inherited = true;
    if (a.m < 0 && a.d >= 0) a.m = b.m;
  }
  int anchor_year = -1;
  if (anchor.size() >= 4) {
    anchor_year = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      if (anchor[k] < '0' || anchor[k] > '9') return false;
      anchor_year = anchor_year * 10 + (anchor[k] - '0');
    }
  }
  for (Part* p : {&a, &b}) {
    if (p->empty()) continue;
    if (p->y < 0) {
      if (anchor_year < 0 || p->m < 0) return false;
      p->y = anchor_year;
      p->y_inherited = true;
    }
  }
  if (!Valid(a)) return false;
  *start = Iso(a);
  end->clear();
  if (!b.empty()) {
    if (!Valid(b)) return false;
    if (Ordinal(b) < Ordinal(a)) {
      if (!b.y_inherited) return false;
      ++b.y;  // "28 December - 3 January": the end is in the next year
      if (!Valid(b)) return false;
    }
    if (Ordinal(b) != Ordinal(a)) *end = Iso(b);
  }
  return true;
}

namespace mentions {

namespace {

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Words after which a bare four-digit number is a year ("in 2013", "since 2008").
bool YearContextBefore(std::string_view s, std::size_t p) {
  static const char* const kWords[] = {"in",     "since",  "by",         "from",   "until",  "during", "before",
                                       "after",  "early",  "late",       "mid",    "year",   "throughout",
                                       "spring", "summer", "autumn",     "fall",   "winter"};
  std::size_t e = p;
  if (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '-')) --e;
  else return false;
  std::size_t b = e;
  while (b > 0 && ((s[b - 1] >= 'a' && s[b - 1] <= 'z') || (s[b - 1] >= 'A' && s[b - 1] <= 'Z'))) --b;
  if (b == e || (b > 0 && IsAsciiAlnum(s[b - 1]))) return false;
  std::string w(s.substr(b, e - b));
  w[0] = static_cast<char>(w[0] >= 'A' && w[0] <= 'Z' ? w[0] - 'A' + 'a' : w[0]);
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

// The three bytes at `p` spell one of 〇零一二三四五六七八九十 (without decoding).
bool CjkNumeralAt(std::string_view s, std::size_t p) {
  if (p + 3 > s.size()) return false;
  std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(s[p])) << 16 |
                    static_cast<std::uint32_t>(static_cast<unsigned char>(s[p + 1])) << 8 |
                    static_cast<unsigned char>(s[p + 2]);
  switch (v) {
    case 0xE38087: case 0xE99BB6: case 0xE4B880: case 0xE4BA8C: case 0xE4B889: case 0xE59B9B:
    case 0xE4BA94: case 0xE585AD: case 0xE4B883: case 0xE585AB: case 0xE4B99D: case 0xE58D81:
      return true;
    default:
      return false;
  }
}

// Where 年 (E5 B9 B4) and 月 (E6 9C 88) start, ascending, into *out (cleared first): 16
// positions at a time with SSE2.
void YearMonthChars(std::string_view s, std::vector<std::size_t>* out_positions) {
  std::vector<std::size_t>& out = *out_positions;
  out.clear();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto at = [&](std::size_t i) {
    return i + 3 <= n && ((p[i] == 0xE5 && p[i + 1] == 0xB9 && p[i + 2] == 0xB4) ||
                          (p[i] == 0xE6 && p[i + 1] == 0x9C && p[i + 2] == 0x88));
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i y0 = _mm_set1_epi8(static_cast<char>(0xE5)), y1 = _mm_set1_epi8(static_cast<char>(0xB9)),
                y2 = _mm_set1_epi8(static_cast<char>(0xB4)), m0 = _mm_set1_epi8(static_cast<char>(0xE6)),
                m1 = _mm_set1_epi8(static_cast<char>(0x9C)), m2 = _mm_set1_epi8(static_cast<char>(0x88));
  for (; i + 18 <= n; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
    const __m128i year = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, y0), _mm_cmpeq_epi8(b, y1)), _mm_cmpeq_epi8(c, y2));
    const __m128i month = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, m0), _mm_cmpeq_epi8(b, m1)), _mm_cmpeq_epi8(c, m2));
    for (unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(year, month))); bits != 0; bits &= bits - 1)
      out.push_back(i + static_cast<std::size_t>(__builtin_ctz(bits)));
  }
#endif
  for (; i < n; ++i)
    if (at(i)) out.push_back(i);
}

// 年 (E5 B9 B4) or 月 (E6 9C 88) at p: byte tests inline (string_view::compare is a call).
bool YearOrMonthAt(std::string_view s, std::size_t p) {
  if (p + 3 > s.size()) return false;
  const unsigned char* q = reinterpret_cast<const unsigned char*>(s.data()) + p;
  return (q[0] == 0xE5 && q[1] == 0xB9 && q[2] == 0xB4) || (q[0] == 0xE6 && q[1] == 0x9C && q[2] == 0x88);
}

// A Chinese numeral that starts a date: 〇/零 or a numeral run followed by 年 or 月 (二〇一三年, 五月).
bool CjkDateStart(std::string_view s, std::size_t p) {
  std::size_t i = p;
  for (int k = 0; k < 5 && i < s.size(); ++k) {
    char32_t c;
    std::size_t n = DecodeAt(s, i, &c);
    if (c == U'年' || c == U'月') return k > 0;
    if (CjkDigit(c) < 0 && c != U'十') return false;
    i += n;
  }
  return false;
}

}  // namespace

// Dates are found from trigger positions (a digit run, a Chinese numeral before 年/月, a month
// name) with anchored matches: far cheaper than unanchored scans over the whole text.
std::vector<Candidate> FindDates(std::string_view norm, std::string_view anchor, Store* store) {
  std::vector<Candidate> out;
  FindDates(norm, anchor, store, &out);
  return out;
}

void FindDates(std::string_view norm, std::string_view anchor, Store* store, std::vector<Candidate>* dst) {
  const DateRes& r = Res();
  // The dates found here are dst[first, end): the year fallback below looks at them alone.
  std::vector<Candidate>& all = *dst;
  const std::size_t first = all.size();
  auto emit = [&](std::size_t b, std::size_t e, const char* source) {
    std::string start, end;
    if (!NormalizeDate(norm.substr(b, e - b), anchor, &start, &end)) return false;
    Candidate c;
    c.type = MentionType::kDate;
    c.begin = b;
    c.end = e;
    c.priority = 60;
    c.source = source;
    c.value = store->emplace_back(std::move(start));
    if (!end.empty()) c.value_end = store->emplace_back(std::move(end));
    all.push_back(c);
    return true;
  };
  auto emit_value = [&](std::size_t b, std::size_t e, std::string iso) {
    Candidate c;
    c.type = MentionType::kDate;
    c.begin = b;
    c.end = e;
    c.priority = 60;
    c.source = "date:numeric";
    c.value = store->emplace_back(std::move(iso));
    all.push_back(c);
  };
  struct Span {
    std::size_t b, e;
    const char* source;
  };
  struct Numeric {
    std::size_t b, e;
    std::string day_first, month_first;
  };
  thread_local std::vector<Numeric> numeric;  // "05/11/2024": day or month first, decided below
  numeric.clear();
  // Per thread and cleared per call: no allocation for them per release.
  thread_local std::vector<Span> retry;  // year-less dates seen without an anchor
  thread_local std::vector<std::size_t> units, cjk;
  retry.clear();
  re2::StringPiece in(norm.data(), norm.size());
  std::size_t covered = 0;
  // Only two kinds of position can start a date: an ASCII digit or capital (a month name), found
  // 16 bytes at a time; and a Chinese numeral run of one to four characters right before 年 or 月
  // (CjkDateStart), found by walking back from each 年/月. Visiting just those positions in order
  // gives what a walk over every code point gives: the loop body does nothing elsewhere.
  cjk.clear();
  YearMonthChars(norm, &units);
  for (std::size_t unit : units) {
    std::size_t q = unit;
    for (int k = 0; k < 4 && q >= 3 && CjkNumeralAt(norm, q - 3); ++k) {
      q -= 3;
      cjk.push_back(q);
    }
  }
  std::sort(cjk.begin(), cjk.end());
  std::size_t next_cjk = 0, a = 0;
  for (std::size_t p = 0; p < norm.size();) {
    if (a < p) a = p;
    while ((a = FindByteInRange(norm, a, '0', 'Z')) < norm.size() && !IsAsciiAlnum(norm[a])) ++a;  // skip :;<=>?@
    while (next_cjk < cjk.size() && cjk[next_cjk] < p) ++next_cjk;
    p = next_cjk < cjk.size() ? std::min(a, cjk[next_cjk]) : a;
    if (p >= norm.size()) break;
    char32_t c;
    std::size_t n = DecodeAt(norm, p, &c);
    bool prev_alnum = p > 0 && IsAsciiAlnum(norm[p - 1]);
    bool trigger = false;
    if (p >= covered && !prev_alnum) {
      if (c >= '0' && c <= '9') trigger = true;
      else if (c >= 'A' && c <= 'Z') {
        std::size_t k = p;
        while (k < norm.size() && k - p < 10 && ((norm[k] | 0x20) >= 'a' && (norm[k] | 0x20) <= 'z')) ++k;
        trigger = MonthFromName(norm.substr(p, k - p)) > 0;
      }
      else if (c >= 0x3007 && (CjkDigit(c) >= 0 || c == U'十')) trigger = CjkDateStart(norm, p);
    }
    if (!trigger) {
      p += n;
      continue;
    }
    std::size_t best = p;
    const char* source = nullptr;
    re2::StringPiece m;
    // At a digit run, what must follow it for either pattern to match, checked before RE2 is
    // called (its code and DFA states come from memory in the pipeline). Chinese: every form
    // starts with a number (all of the run: a digit cannot follow it) then \s* then 年 or 月.
    // English: a day of one or two digits then a suffix (st nd rd th), \s or a dash; or an ISO
    // date, four digits then '-'.
    bool zh_may = true, en_may = true;
    if (c >= '0' && c <= '9') {
      std::size_t q = p;
      while (q < norm.size() && norm[q] >= '0' && norm[q] <= '9') ++q;
      auto space = [](char x) { return x == ' ' || x == '\t' || x == '\n' || x == '\f' || x == '\r'; };
      std::size_t w = q;
      while (w < norm.size() && space(norm[w])) ++w;
      zh_may = YearOrMonthAt(norm, w);
      const char after = q < norm.size() ? norm[q] : '\0';
      en_may = (q - p <= 2 && (space(after) || after == '-' || static_cast<unsigned char>(after) == 0xE2 || after == 's' ||
                               after == 'n' || after == 'r' || after == 't')) ||
               (q - p == 4 && after == '-');
    }
    if ((c >= 0x80 || (c >= '0' && c <= '9')) && zh_may) {
      if (r.zh.Match(in, p, norm.size(), RE2::ANCHOR_START, &m, 1) && m.size() > 0) {
        best = p + m.size();
        source = "date:zh";
      }
    }
    if (c < 0x80 && en_may && r.en.Match(in, p, norm.size(), RE2::ANCHOR_START, &m, 1) && p + m.size() > best) {
      std::size_t e = p + m.size();
      if (e >= norm.size() || !IsAsciiAlnum(norm[e])) {
        best = e;
        source = "date:en";
      }
    }
    if (source == nullptr && c >= '0' && c <= '9' && p + 4 <= norm.size() &&
        (p + 4 == norm.size() || !IsAsciiAlnum(norm[p + 4])) &&
        ((norm[p] == '1' && norm[p + 1] == '9') || (norm[p] == '2' && norm[p + 1] == '0')) &&
        norm.substr(p, 4).find_first_not_of("0123456789") == std::string_view::npos && YearContextBefore(norm, p)) {
      best = p + 4;
      source = "date:en-year";
    }
    if (source == nullptr && c >= '0' && c <= '9') {
      // Digits only ("2025/01/22", "15/10/2024"): numeric_dates.cc; an ambiguous one waits for the
      // release's word dates to say which order it writes.
      NumericDate nd = MatchNumericDate(norm, p);
      if (nd.end > p) {
        if (nd.ambiguous) numeric.push_back({p, nd.end, std::move(nd.iso), std::move(nd.iso_alt)});
        else emit_value(p, nd.end, std::move(nd.iso));
        covered = nd.end;
        p = nd.end;
        continue;
      }
    }
    if (source != nullptr) {
      if (emit(p, best, source)) {
        covered = best;
        p = best;
        continue;
      }
      if (anchor.empty()) retry.push_back({p, best, source});
    }
    // skip the rest of this number or word: only its start is a trigger
    p += n;
    while (p < norm.size() && IsAsciiAlnum(norm[p]) && c < 0x80) ++p;
  }
  if (!numeric.empty()) {
    int order = 0;  // > 0: the release writes the day first ("3 March"), < 0 the month first
    for (std::size_t k = first; k < all.size(); ++k)
      if (all[k].type == MentionType::kDate) order += WordDateOrder(norm.substr(all[k].begin, all[k].end - all[k].begin));
    if (order != 0)
      for (Numeric& d : numeric) emit_value(d.b, d.e, std::move(order > 0 ? d.day_first : d.month_first));
  }
  // Without a release date, the latest year among the dates that also state a month anchors the
  // year-less ones: a release dates its own events ("2013年5月16日，日内瓦 … 9 月 9-11 日"), while
  // bare years often look ahead or back ("申办2034年世界杯").
  std::string fallback;
  const std::size_t found = all.size();  // the retried ones below are not looked at again
  for (std::size_t k = first; k < found; ++k)
    if (const Candidate& c = all[k]; c.value.size() >= 7 && c.value.substr(0, 4) > fallback) fallback = std::string(c.value.substr(0, 4));
  if (!retry.empty() && !fallback.empty()) {
    for (const Span& r : retry) {
      bool inside = false;
      for (std::size_t k = first; k < all.size(); ++k) inside |= r.b < all[k].end && all[k].begin < r.e;
      if (inside) continue;
      std::string start, end;
      if (!NormalizeDate(norm.substr(r.b, r.e - r.b), fallback, &start, &end)) continue;
      Candidate c;
      c.type = MentionType::kDate;
      c.begin = r.b;
      c.end = r.e;
      c.priority = 60;
      c.source = "date:year-from-text";
      c.value = store->emplace_back(std::move(start));
      if (!end.empty()) c.value_end = store->emplace_back(std::move(end));
      all.push_back(c);
    }
  }
}

}  // namespace mentions
}  // namespace presskg

#undef ZY
#undef ZM
#undef ZDN
#undef ZD
#undef ZSEP
#undef EMON
#undef EDAY
#undef EYEAR
#undef ESEP
