// Release structure: the dateline at the top, the "about" and media-contact block at the bottom.
// Patterns run on the normalized view (full-width commas, colons and brackets are ASCII there)
// with ICU regular expressions over a UTF-8 UText, so match offsets are normalized byte offsets.
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "text/internal.h"
#include "text/normalize.h"

namespace presskg::text {
namespace {

// Building blocks (ICU regex syntax).
#define MONTH_EN \
  R"((?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?)"
#define DAY_EN R"(\d{1,2}(?:st|nd|rd|th)?)"
#define YEAR R"((?:1[89]|20)\d{2})"
#define WEEKDAY R"((?:(?i:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?)"
#define DATE_EN WEEKDAY "(?:" DAY_EN R"(\s+)" MONTH_EN "(?:,?\\s+" YEAR ")?|" MONTH_EN R"(\s+)" DAY_EN "(?:,?\\s+" YEAR ")?)"
#define DATE_EN_Y WEEKDAY "(?:" DAY_EN R"(\s+)" MONTH_EN ",?\\s+" YEAR "|" MONTH_EN R"(\s+)" DAY_EN ",?\\s+" YEAR ")"
#define WORD_EN R"(\p{Lu}[\p{L}.'’\-]*)"
#define NOT_WEEKDAY R"((?!(?i:mon|tues|wednes|thurs|fri|satur|sun)day\b))"
#define PLACE_EN NOT_WEEKDAY WORD_EN R"((?:\s+(?:(?:and|de|da|del|di|of|the|la|le|am|upon|on)\s+)?)" WORD_EN "){0,3}"
// The country's second word may open with an elided article ("Côte d'Ivoire").
#define COUNTRY_EN R"((?:,\s*\p{Lu}[\p{L}.]*(?:\s+(?:[dl]['’])?\p{Lu}[\p{L}.]*)?)?)"
#define DASH R"((?:-{1,2}|–|—|―))"
#define DATE_ZH R"((?:(?:1[89]|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号])"

enum PatternId {
  kZhBracket,      // [中国,深圳,2023年11月21日]
  kZhAgency,       // 新华社日内瓦5月16日电 / 纽约2016年9月21日电
  kZhDatePlace,    // 2013年5月16日，日内瓦 –   (2013年5月16日，日内瓦)
  kZhPlaceMonth,   // 布宜诺斯艾利斯, 17 十月 2017
  kEnPlaceDate,    // Geneva, 16 May 2013 –   NEW DELHI, 16 May (Xinhua) --   X, D.C., March 5, 2020 /PRNewswire/ --
  kEnPlaceDashDate,  // London, UK – 12 March 2019:
  kEnDatePlace,    // 3 June 2025, Geneva –
  kEnPlaceParenDate,  // LONDON (3 June 2025) –
  kZhDateOnly,     // 2011年7月20日(星期三)
  kEnDateOnly,     // Mar 14, 2012   Press release | 15 September 2014
  kEnPlaceDash,    // New Delhi – The ...   (after a date-only line)
  kAbout,
  kContact,
  kEndMark,
  kPatternCount
};

const char* const kPatterns[kPatternCount] = {
    R"([\[【]\s*(?:\p{Han}{2,8}\s*,\s*)?(?<place>\p{Han}{2,12})\s*,\s*(?<date>)" DATE_ZH R"()\s*[\]】])",
    R"((?:\[[^\]]{1,8}\]|【[^】]{1,12}】)?\s*(?:\p{Han}{1,5}?(?:社|网|台|报)\s*)?(?<place>\p{Han}{2,10}?)\s*(?<date>)" DATE_ZH R"()\s*电)",
    // Unbracketed, a year-less date needs its comma: "9月16日  布展及开幕式彩排" is a row of a schedule.
    R"((?:【[^】]{1,12}】\s*)?(?:[(\[【]\s*|\s*(?=(?:1[89]|20)\d{2}\s*年|[^\n,]{1,16},))(?<date>)" DATE_ZH R"()\s*,?\s*(?<place>\p{Han}{2,12}?)\s*(?:[)\]】]|)" DASH "|$)",
    R"((?<place>\p{Han}{2,12})\s*,\s*(?<date>\d{1,2}\s*[一二三四五六七八九十]{1,3}\s*月\s*)" YEAR ")",
    R"((?<place>)" PLACE_EN COUNTRY_EN R"()\s*,\s*(?<date>)" DATE_EN R"()\s*(?:\([^)]{1,40}\)\s*|/[^/]{1,30}/\s*)?(?:)" DASH "|:|$)",
    R"((?<place>)" PLACE_EN COUNTRY_EN R"()\s*)" DASH R"(\s*(?<date>)" DATE_EN R"()\s*(?::|,|)" DASH "|$)",
    R"((?<date>)" DATE_EN_Y R"()\s*,\s*(?<place>)" PLACE_EN COUNTRY_EN R"()\s*)" DASH,
    R"((?<place>)" PLACE_EN COUNTRY_EN R"()\s*\(\s*(?<date>)" DATE_EN_Y R"()\s*\)\s*)" DASH,
    R"((?<date>)" YEAR R"(\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号])\s*(?:\((?:星期|周).\))?\s*$)",
    // "Press release | 15 September 2014", "Published 20 January 2025" (GOV.UK), "NEWS   February 5, 2025"
    R"((?:[^|]{1,40}\|\s*|(?:Published|Updated|Issued|Posted|NEWS|News|News [Rr]elease|Press [Rr]elease)\s*:?\s+)?(?<date>)" DATE_EN_Y R"()\s*$)",
    R"((?<place>)" PLACE_EN R"()\s*)" DASH R"(\s*(?=\S))",
    R"((?:About|ABOUT)\s+(?:[^.!?:]{1,80}$|[^.!?:]{1,60}:)|关于(?:[^。,!?:]{1,25}$|[^。,!?]{1,25}:))",
    R"((?i:for (?:more|further) information|media contacts?|press contacts?|contacts?\s*:|for media (?:enquiries|inquiries)|media (?:enquiries|inquiries)|notes? (?:to|for) editors?)|(?:媒体联系|新闻联系|媒体垂询|媒体查询|联系人|联系方式|编者注|欲了解更多|如需了解更多|更多信息))",
    R"((?:#{3,}|-+\s*(?i:ends?)\s*-+|\*{3,}|(?i:-?\s*end\s*-?))\s*$)",
};

struct Compiled {
  std::unique_ptr<icu::RegexPattern> pattern[kPatternCount];
  int date_group[kPatternCount] = {};
  int place_group[kPatternCount] = {};
  Compiled() {
    for (int i = 0; i < kPatternCount; ++i) {
      UErrorCode e = U_ZERO_ERROR;
      UParseError pe;
      pattern[i].reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(kPatterns[i]), 0, pe, e));
      if (U_FAILURE(e)) {
        pattern[i].reset();
        continue;
      }
      e = U_ZERO_ERROR;
      date_group[i] = pattern[i]->groupNumberFromName("date", -1, e);
      if (U_FAILURE(e)) date_group[i] = 0;
      e = U_ZERO_ERROR;
      place_group[i] = pattern[i]->groupNumberFromName("place", -1, e);
      if (U_FAILURE(e)) place_group[i] = 0;
    }
  }
};

const Compiled& Patterns() {
  static const Compiled compiled;
  return compiled;
}

// How many characters other than white space a match of each pattern can hold at most, for the
// patterns that have such a bound and look at nothing past their match (no $, \b or lookahead at
// the end); 0 for the others. Every character of a match is taken either by a \s item or by an
// item of bounded length (each bounded item counted at its longest; (?i) literals match at most
// as many characters as they have), so the match ends before the (budget + 1)-th character that
// is not white space: text past that point is never read by a path that can still succeed, and
// the paragraph is converted and matched only up to it (a long lead paragraph is not converted
// whole to find a dateline at its start).
constexpr std::size_t kMatchBudget[kPatternCount] = {
    /*kZhBracket*/ 1 + 9 + 12 + 1 + 11 + 1,   // [ Han{2,8}, Han{2,12} , DATE_ZH ]
    /*kZhAgency*/ 14 + 6 + 10 + 11 + 1,       // [..]|【..】, Han{1,5}社, Han{2,10}, DATE_ZH, 电
    /*kZhDatePlace*/ 0, /*kZhPlaceMonth*/ 12 + 1 + 6 + 4,
    /*kEnPlaceDate*/ 0, /*kEnPlaceDashDate*/ 0, /*kEnDatePlace*/ 0, /*kEnPlaceParenDate*/ 0, /*kZhDateOnly*/ 0,
    /*kEnDateOnly*/ 0, /*kEnPlaceDash*/ 0, /*kAbout*/ 0, /*kContact*/ 0, /*kEndMark*/ 0};

// White space for ReachEnd: bytes up to 0x20, and the code points that are Unicode White_Space
// or Z (a superset of the patterns' \s), as a bit set over the BMP built once from ICU.
bool SpaceForReach(char32_t c) {
  static const std::vector<std::uint64_t> bmp = [] {
    std::vector<std::uint64_t> bits(0x10000 / 64);
    for (UChar32 u = 0; u < 0x10000; ++u)
      if (u <= 0x20 || u_isUWhiteSpace(u) || (U_GET_GC_MASK(u) & U_GC_Z_MASK)) bits[u >> 6] |= std::uint64_t{1} << (u & 63);
    return bits;
  }();
  if (c < 0x10000) return bmp[c >> 6] >> (c & 63) & 1;
  return c < kIllFormed && (u_isUWhiteSpace(static_cast<UChar32>(c)) || (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_Z_MASK));
}

// The end of the part of r a match of at most `budget` characters other than white space can
// reach: just before the (budget + 1)-th such character, or r.end.
std::size_t ReachEnd(std::string_view norm, Range r, std::size_t budget) {
  const auto* p = reinterpret_cast<const unsigned char*>(norm.data());
  std::size_t count = 0;
  for (std::size_t at = r.begin; at < r.end;) {
    const unsigned char b = p[at];
    std::size_t len = 1;
    bool space;
    if (b < 0x80) {
      space = b <= 0x20;
    } else if (b - 0xE4u <= 5u && at + 3 <= r.end && (p[at + 1] & 0xC0) == 0x80 && (p[at + 2] & 0xC0) == 0x80) {
      len = 3;  // U+4000..U+9FFF: CJK ideographs and hexagram symbols, never white space
      space = false;
    } else {
      const char32_t c = DecodeUtf8(norm.substr(0, r.end), at, &len);
      space = SpaceForReach(c);
    }
    if (!space && ++count > budget) return at;
    at += len;
  }
  return r.end;
}

// Matchers are made once per thread (RegexMatcher is not thread-safe; RegexPattern is). Each
// match runs over the paragraph alone, converted to UTF-16: ICU's regex engine reads UTF-16
// directly but a UTF-8 UText through a chunk buffer refilled on every jump, several times
// slower. With ICU's default opaque and anchoring bounds a region sees nothing outside itself,
// so matching the paragraph alone is matching a region of the text. Match offsets are mapped
// back to the normalized text (Offset).
class Matchers {
 public:
  static Matchers& For(std::string_view norm) {
    thread_local Matchers m;
    m.Reset(norm);
    return m;
  }
  ~Matchers() {
    for (auto& m : matcher_) m.reset();
    utext_close(text_);
  }
  // Anchored match of pattern `id` at the start of `r`; the matcher is left on the match.
  icu::RegexMatcher* Match(int id, Range r) {
    icu::RegexMatcher* m = matcher_[id].get();
    if (!m) return nullptr;
    if (!Convert(r, kMatchBudget[id])) return nullptr;
    UErrorCode e = U_ZERO_ERROR;
    m->reset(text_);
    return m->lookingAt(e) && U_SUCCESS(e) ? m : nullptr;
  }
  // A UTF-16 offset of the last matched paragraph as a normalized byte offset.
  std::size_t Offset(int64_t u16) const {
    const auto* u8 = reinterpret_cast<const unsigned char*>(norm_.data());
    std::size_t at = range_.begin;
    for (int64_t k = 0; k < u16 && at < range_.end;) {
      const unsigned char lead = u8[at];
      const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      at += len;
      k += len == 4 ? 2 : 1;
    }
    return std::min(at, range_.end);
  }

 private:
  Matchers() {
    for (int i = 0; i < kPatternCount; ++i) {
      const auto& p = Patterns().pattern[i];
      if (!p) continue;
      UErrorCode e = U_ZERO_ERROR;
      matcher_[i].reset(p->matcher(e));
      if (U_FAILURE(e)) matcher_[i].reset();
    }
  }
  void Reset(std::string_view norm) {
    norm_ = norm;
    converted_ = false;
  }
  // Converts r, or the part of it a match of `budget` characters can reach (0: all of it).
  bool Convert(Range r, std::size_t budget) {
    const std::size_t need = budget ? ReachEnd(norm_, r, budget) : r.end;
    if (converted_ && r.begin == range_.begin && r.end == range_.end && converted_end_ >= need) return true;
    converted_ = false;
    range_ = r;
    UErrorCode e = U_ZERO_ERROR;
    const std::size_t n = need - r.begin;
    if (n >= static_cast<std::size_t>(INT32_MAX)) return false;
    utf16_.resize(n + 1);
    int32_t len = 0;
    // The view is well-formed UTF-8 (Normalize replaces ill-formed bytes); U+FFFD regardless.
    u_strFromUTF8WithSub(utf16_.data(), static_cast<int32_t>(utf16_.size()), &len, norm_.data() + r.begin,
                         static_cast<int32_t>(n), 0xFFFD, nullptr, &e);
    if (U_FAILURE(e)) return false;
    text_ = utext_openUChars(text_, utf16_.data(), len, &e);
    if (U_FAILURE(e)) return false;
    converted_ = true;
    converted_end_ = need;
    return true;
  }
  std::string_view norm_;
  Range range_;
  std::size_t converted_end_ = 0;  // range_ is converted up to here
  bool converted_ = false;
  std::vector<UChar> utf16_;
  UText* text_ = nullptr;
  std::unique_ptr<icu::RegexMatcher> matcher_[kPatternCount];
};

Range Group(const Matchers& ms, icu::RegexMatcher* m, int group) {
  if (group <= 0) return {};
  UErrorCode e = U_ZERO_ERROR;
  int64_t b = m->start64(group, e), en = m->end64(group, e);
  if (U_FAILURE(e) || b < 0) return {};
  return {ms.Offset(b), ms.Offset(en)};
}

// Paragraphs looked at for a dateline, and how far into the text.
constexpr std::size_t kHeadParagraphs = 8;
constexpr std::size_t kHeadBytes = 4000;

void Trim(std::string_view norm, std::size_t begin, std::size_t* end) {
  while (*end > begin && (norm[*end - 1] == ' ' || norm[*end - 1] == '\n')) --*end;
}

// Every English dateline form names a month (a cheap pre-filter before the regexes).
// In every form the month name stands as a whole word (after a space, comma, dash or '|', and
// before \b), so only whole runs of ASCII letters are compared ("market" or "decision" do not
// count); a run cut off by the end of `head` counts when it starts like a month.
bool HasMonthName(std::string_view head) {
  static const std::string_view kMonths[] = {"jan", "january", "feb", "february", "mar", "march", "apr", "april",
                                             "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept",
                                             "september", "oct", "october", "nov", "november", "dec", "december"};
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (std::size_t i = 0; i < head.size();) {
    if (!letter(head[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < head.size() && letter(head[i])) ++i;
    std::size_t len = i - start;
    if (len < 3 || (len > 9 && i < head.size())) continue;
    char word[10];
    std::size_t n = std::min<std::size_t>(len, 9);
    for (std::size_t k = 0; k < n; ++k) word[k] = static_cast<char>(head[start + k] | 0x20);
    std::string_view w(word, n);
    for (std::string_view m : kMonths) {
      if (i < head.size() ? w == m : w.substr(0, 3) == m.substr(0, 3)) return true;
    }
  }
  return false;
}

// The English forms that open with a place or a date (kEnPlaceDate, kEnPlaceDashDate,
// kEnDatePlace, kEnPlaceParenDate) that can match at the start of `head`, as bits by PatternId (a
// necessary condition of each, far cheaper than letting the regexes fail). Before the date's first
// digit they consume only place and country words (\p{Lu} first), the lower-case connectors, a
// weekday and a month name (any case), commas, dashes, '(' and white space: so every white-space
// separated token before the first digit starts with a capital, ',', '(', '-' or a connector,
// weekday or month. Before that digit kEnPlaceDate has its ',', kEnPlaceDashDate its dash and
// kEnPlaceParenDate its '('; kEnDatePlace opens with the digit, a weekday or a month. Non-ASCII
// bytes (capitals, dashes, spaces outside ASCII) and control characters are not judged: every form
// stays possible.
unsigned EnglishOpeningForms(std::string_view head) {
  constexpr unsigned kAll = 1u << kEnPlaceDate | 1u << kEnPlaceDashDate | 1u << kEnDatePlace | 1u << kEnPlaceParenDate;
  static constexpr std::string_view kDateWords[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                                    "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  static constexpr std::string_view kConnectors[] = {"and", "de", "da", "di", "of", "the", "la", "le", "am", "upon", "on"};
  auto starts_with_any = [&](std::size_t i, const auto& words) {
    for (std::string_view w : words) {
      if (head.size() - i < w.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < w.size() && same; ++k) same = (head[i + k] | 0x20) == w[k];
      if (same) return true;
    }
    return false;
  };
  bool token_start = true, first_token = true, comma = false, dash = false, paren = false;
  unsigned date_first = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(head[i]);
    if (c >= '0' && c <= '9') {
      if (first_token && token_start && i == 0) date_first = 1u << kEnDatePlace;
      return (comma ? 1u << kEnPlaceDate : 0) | (dash ? 1u << kEnPlaceDashDate : 0) |
             (paren ? 1u << kEnPlaceParenDate : 0) | date_first;
    }
    if (c >= 0x80) return kAll;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
      if (i == 0) return kAll;  // white space first: not judged
      token_start = true;
      continue;
    }
    if (c < 0x20 || c == 0x7F) return kAll;
    comma |= c == ',';
    dash |= c == '-';
    paren |= c == '(';
    if (!token_start) continue;
    token_start = false;
    const bool date_word = c >= 'A' && starts_with_any(i, kDateWords);
    if (first_token && date_word) date_first = 1u << kEnDatePlace;
    first_token = false;
    if ((c >= 'A' && c <= 'Z') || c == ',' || c == '(' || c == '-') continue;
    if (c < 'a' || c > 'z') return 0;
    if (!date_word && !starts_with_any(i, kConnectors)) return 0;
  }
  return kAll;  // no digit in head: not judged here
}

// kZhAgency ends its date with 日 or 号, then white space, then 电: somewhere in `t` a 电 follows
// 日 or 号 with only white space (Unicode White_Space or Z, a superset of the pattern's \s) in
// between.
bool HasAgencyMark(std::string_view t) {
  constexpr std::string_view kDian = "\xE7\x94\xB5";  // 电
  for (std::size_t at = t.find(kDian); at != std::string_view::npos; at = t.find(kDian, at + 3)) {
    std::size_t b = at;
    while (b > 0) {
      std::size_t start = b - 1;
      while (start > 0 && b - start < 4 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
      std::size_t len;
      const char32_t c = DecodeUtf8(t, start, &len);
      if (start + len != b || c >= kIllFormed) break;
      if (c == U'日' || c == U'号') return true;
      if (!u_isUWhiteSpace(static_cast<UChar32>(c)) && !(U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_Z_MASK)) break;
      b = start;
    }
  }
  return false;
}

// The character before `end` in t (start offset and code point; kIllFormed if not decodable).
std::pair<std::size_t, char32_t> CharBefore(std::string_view t, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
  std::size_t len;
  char32_t c = DecodeUtf8(t, start, &len);
  if (start + len != end) c = kIllFormed;
  return {start, c};
}

// The date-only forms end the paragraph ("\s*$"): kEnDateOnly with a four-digit year,
// kZhDateOnly with 日, 号 or ")". White space is skipped as Unicode White_Space (a superset of \s).
bool MayEndDateOnly(std::string_view norm, Range p, int id) {
  std::size_t end = p.end;
  char32_t c = 0;
  while (end > p.begin) {
    auto [start, ch] = CharBefore(norm, end);
    if (start < p.begin) return true;  // cannot tell: let the regex decide
    c = ch;
    if (c >= kIllFormed || !u_isUWhiteSpace(static_cast<UChar32>(c))) break;
    end = start;
  }
  if (end == p.begin) return false;
  if (id == kZhDateOnly) return c == U'日' || c == U'号' || c == U')';
  if (end - p.begin < 4) return false;
  for (std::size_t k = end - 4; k < end; ++k)
    if (norm[k] < '0' || norm[k] > '9') return false;
  return true;
}

// The Chinese patterns (bits by PatternId) that can match at the start of paragraph p: a
// necessary condition of each, far cheaper than letting the regex fail. kZhBracket opens with
// [ or 【; kZhDatePlace with one of those or ( (optional), white space, then a digit; kZhDateOnly
// with a digit; kZhPlaceMonth with a Han character and has a Chinese numeral, white space, then 月;
// kZhAgency ends with 电. White space is skipped as Unicode White_Space, a superset of the
// patterns' \s, so the test never rejects a paragraph the pattern would accept.
unsigned ZhFormsPossible(std::string_view norm, Range p) {
  std::string_view t = norm.substr(p.begin, p.end - p.begin);
  if (t.empty()) return 0;
  auto starts = [&](std::size_t at, std::string_view s) { return t.compare(at, s.size(), s) == 0; };
  auto is_digit = [&](std::size_t at) { return at < t.size() && t[at] >= '0' && t[at] <= '9'; };
  auto skip_space = [&](std::size_t at) {
    while (at < t.size()) {
      std::size_t len;
      char32_t c = DecodeUtf8(t, at, &len);
      if (c >= kIllFormed || !u_isUWhiteSpace(static_cast<UChar32>(c))) break;
      at += len;
    }
    return at;
  };
  unsigned bits = 0;
  bool bracket = t[0] == '[' || starts(0, "【");
  if (bracket) bits |= 1u << kZhBracket;
  if (is_digit(0)) bits |= 1u << kZhDateOnly;
  std::size_t after_bracket = t[0] == '(' || t[0] == '[' ? 1 : bracket ? 3 : 0;
  if (is_digit(skip_space(0)) || (after_bracket && is_digit(skip_space(after_bracket)))) bits |= 1u << kZhDatePlace;
  // 【美通社】2024年4月18日，深圳 — : a short bracketed source before the date
  if (starts(0, "【")) {
    std::size_t close = t.find("】");
    if (close != std::string_view::npos && close <= 40) {
      std::size_t q = skip_space(close + 3);
      if (is_digit(q) || ((q < t.size() && (t[q] == '(' || t[q] == '[')) && is_digit(skip_space(q + 1))) ||
          (starts(q, "【") && is_digit(skip_space(q + 3))))
        bits |= 1u << kZhDatePlace;
    }
  }
  if (HasAgencyMark(t)) bits |= 1u << kZhAgency;
  if (static_cast<unsigned char>(t[0]) >= 0xE2) {
    // A Chinese numeral before 月 (white space allowed in between).
    for (std::size_t at = t.find("月"); at != std::string_view::npos; at = t.find("月", at + 3)) {
      std::size_t b = at;
      for (;;) {
        std::size_t start = b;
        while (start > 0 && (static_cast<unsigned char>(t[start - 1]) & 0xC0) == 0x80) --start;
        if (start == 0) break;
        --start;
        std::size_t len;
        char32_t c = DecodeUtf8(t, start, &len);
        if (c < kIllFormed && u_isUWhiteSpace(static_cast<UChar32>(c))) {
          b = start;
          continue;
        }
        if (std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos) bits |= 1u << kZhPlaceMonth;
        break;
      }
      if (bits >> kZhPlaceMonth & 1) break;
    }
  }
  return bits;
}

}  // namespace

DatelineSpan FindDateline(std::string_view norm, const std::vector<Range>& paragraphs) {
  DatelineSpan d;
  Matchers& m = Matchers::For(norm);
  const Compiled& c = Patterns();
  auto take = [&](int id, icu::RegexMatcher* hit) {
    UErrorCode e = U_ZERO_ERROR;
    d.found = true;
    d.norm_begin = m.Offset(hit->start64(e));
    d.norm_end = m.Offset(hit->end64(e));
    Range date = Group(m, hit, c.date_group[id]), place = Group(m, hit, c.place_group[id]);
    d.date_begin = date.begin, d.date_end = date.end;
    d.place_begin = place.begin, d.place_end = place.end;
    Trim(norm, d.norm_begin, &d.place_end);
    if (d.place_end < d.place_begin) d.place_end = d.place_begin;
  };
  std::size_t limit = std::min(paragraphs.size(), kHeadParagraphs);
  for (std::size_t k = 0; k < limit && paragraphs[k].begin < kHeadBytes; ++k) {
    Range p = paragraphs[k];
    // Cheap pre-filters: every dateline form has a digit near its start, and its first character
    // tells Chinese forms from English ones.
    std::string_view head = norm.substr(p.begin, std::min<std::size_t>(p.end - p.begin, 160));
    if (std::find_if(head.begin(), head.end(), [](char c) { return c >= '0' && c <= '9'; }) == head.end()) continue;
    unsigned char first = static_cast<unsigned char>(head[0]);
    // Every Chinese form has 月 in its date.
    bool may_zh = (first >= 0xE3 || first == '[' || first == '(' || (first >= '0' && first <= '9')) &&
                  head.find("月") != std::string_view::npos;
    bool may_en = ((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9')) && HasMonthName(head);
    const unsigned en_open = may_en ? EnglishOpeningForms(head) : 0;
    unsigned zh = may_zh ? ZhFormsPossible(norm, p) : 0;
    for (int id : {kZhBracket, kZhAgency, kZhDatePlace, kZhPlaceMonth, kEnPlaceDate, kEnPlaceDashDate, kEnDatePlace,
                   kEnPlaceParenDate}) {
      if (!(((id <= kZhPlaceMonth ? zh : en_open) >> id) & 1)) continue;
      if (icu::RegexMatcher* hit = m.Match(id, p)) {
        take(id, hit);
        Trim(norm, d.norm_begin, &d.norm_end);
        return d;
      }
    }
    for (int id : {kZhDateOnly, kEnDateOnly}) {
      if (!(id == kZhDateOnly ? (zh >> id) & 1 : may_en) || !MayEndDateOnly(norm, p, id)) continue;
      icu::RegexMatcher* hit = m.Match(id, p);
      if (!hit) continue;
      take(id, hit);
      // "Published 21 March 2025" above "Geneva, 21 March 2025 (WMO) –": the full dateline a few
      // paragraphs below is the release's own.
      if (id == kEnDateOnly)
        for (std::size_t q = k + 1; q < std::min(limit, k + 3) && paragraphs[q].begin < kHeadBytes; ++q) {
          std::string_view qh = norm.substr(paragraphs[q].begin, std::min<std::size_t>(paragraphs[q].end - paragraphs[q].begin, 160));
          if (qh.empty() || !(qh[0] >= 'A' && qh[0] <= 'Z') || !HasMonthName(qh)) continue;
          const unsigned q_open = EnglishOpeningForms(qh);
          for (int fid : {kEnPlaceDate, kEnPlaceDashDate, kEnPlaceParenDate})
            if ((q_open >> fid) & 1)
              if (icu::RegexMatcher* full = m.Match(fid, paragraphs[q])) {
                take(fid, full);
                Trim(norm, d.norm_begin, &d.norm_end);
                return d;
              }
        }
      // A date on a line of its own: the place often opens the next paragraphs ("New Delhi – ...").
      for (std::size_t q = k + 1; q < std::min(limit, k + 4); ++q) {
        if (icu::RegexMatcher* ph = m.Match(kEnPlaceDash, paragraphs[q])) {
          Range place = Group(m, ph, c.place_group[kEnPlaceDash]);
          UErrorCode e = U_ZERO_ERROR;
          std::size_t end = m.Offset(ph->end64(e));
          d.place_begin = place.begin, d.place_end = place.end;
          d.norm_end = end;
          break;
        }
      }
      Trim(norm, d.norm_begin, &d.norm_end);
      return d;
    }
  }
  // Some releases (government press offices) put the date on a line of its own at the end.
  for (std::size_t k = paragraphs.size(); k > limit && k + 3 > paragraphs.size(); --k) {
    for (int id : {kZhDateOnly, kEnDateOnly}) {
      if (!MayEndDateOnly(norm, paragraphs[k - 1], id)) continue;
      if (icu::RegexMatcher* hit = m.Match(id, paragraphs[k - 1])) {
        take(id, hit);
        Trim(norm, d.norm_begin, &d.norm_end);
        return d;
      }
    }
  }
  return d;
}

// First characters of the headings kAbout, kContact and kEndMark can match (a cheap pre-filter).
bool MayStartBoilerplate(std::string_view norm, Range p) {
  if (p.begin >= p.end) return false;
  char c = norm[p.begin];
  if (c == '#' || c == '-' || c == '*') return true;
  // The first eight bytes, ASCII letters lower-cased, on the stack (this runs on every paragraph).
  char head[8];
  std::size_t n = std::min<std::size_t>(p.end - p.begin, 8);
  for (std::size_t i = 0; i < n; ++i) {
    char h = norm[p.begin + i];
    head[i] = static_cast<char>(h >= 'A' && h <= 'Z' ? h + 32 : h);
  }
  std::string_view lower(head, n);
  for (std::string_view lead : {std::string_view("about "), std::string_view("for "), std::string_view("media "),
                                std::string_view("press co"), std::string_view("contact"), std::string_view("note"),
                                std::string_view("end"), std::string_view("关于"), std::string_view("媒体"),
                                std::string_view("新闻联"), std::string_view("联系"), std::string_view("编者"),
                                std::string_view("欲了解"), std::string_view("如需"), std::string_view("更多")})
    if (lower.substr(0, lead.size()) == lead) return true;
  return false;
}

std::size_t FindBoilerplateStart(std::string_view norm, const std::vector<Range>& paragraphs) {
  Matchers& m = Matchers::For(norm);
  // The title and the first paragraph are never boilerplate.
  for (std::size_t k = 2; k < paragraphs.size(); ++k) {
    if (!MayStartBoilerplate(norm, paragraphs[k])) continue;
    if (m.Match(kEndMark, paragraphs[k])) return k + 1;
    if (m.Match(kAbout, paragraphs[k]) || m.Match(kContact, paragraphs[k])) return k;
  }
  return paragraphs.size();
}

}  // namespace presskg::text
