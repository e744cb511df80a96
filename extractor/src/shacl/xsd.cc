#include "shacl/xsd.h"

#include <re2/re2.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace presskg::shacl::xsd {
namespace {

constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";

std::string Local(const std::string& dt) {
  size_t n = std::strlen(kXsd);
  return dt.compare(0, n, kXsd) == 0 ? dt.substr(n) : std::string();
}

// Integer range checks on digit strings, so that 20-digit values never overflow.
struct IntRange {
  const char* name;
  const char* min;  // nullptr = unbounded
  const char* max;
};
const IntRange kIntRanges[] = {
    {"integer", nullptr, nullptr},
    {"long", "-9223372036854775808", "9223372036854775807"},
    {"int", "-2147483648", "2147483647"},
    {"short", "-32768", "32767"},
    {"byte", "-128", "127"},
    {"nonNegativeInteger", "0", nullptr},
    {"positiveInteger", "1", nullptr},
    {"nonPositiveInteger", nullptr, "0"},
    {"negativeInteger", nullptr, "-1"},
    {"unsignedLong", "0", "18446744073709551615"},
    {"unsignedInt", "0", "4294967295"},
    {"unsignedShort", "0", "65535"},
    {"unsignedByte", "0", "255"},
};

// Canonical (sign, digits without leading zeros) of a valid integer lexical form.
void SplitInt(const std::string& s, bool* neg, std::string* digits) {
  size_t i = 0;
  *neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) *neg = s[i++] == '-';
  while (i + 1 < s.size() && s[i] == '0') ++i;
  *digits = s.substr(i);
  if (*digits == "0") *neg = false;
}

int CompareInts(const std::string& a, const std::string& b) {
  bool an, bn;
  std::string ad, bd;
  SplitInt(a, &an, &ad);
  SplitInt(b, &bn, &bd);
  if (an != bn) return an ? -1 : 1;
  int mag = ad.size() != bd.size() ? (ad.size() < bd.size() ? -1 : 1) : ad.compare(bd);
  mag = mag < 0 ? -1 : (mag > 0 ? 1 : 0);
  return an ? -mag : mag;
}

bool LeapYear(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysIn(long y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && LeapYear(y) ? 29 : d[m - 1];
}

const char kTz[] = "(Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?";

const RE2& Re(const std::string& pattern) {
  // Patterns are fixed strings from this file; one RE2 each, built once (thread-safe statics).
  static const RE2* const kInteger = new RE2("[+-]?\\d+");
  static const RE2* const kDecimal = new RE2("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
  static const RE2* const kDouble = new RE2("(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?INF|NaN)");
  static const RE2* const kBoolean = new RE2("true|false|1|0");
  static const RE2* const kDate = new RE2(std::string("(-?\\d{4,})-(\\d\\d)-(\\d\\d)") + kTz);
  static const RE2* const kDateTime = new RE2(std::string("(-?\\d{4,})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)") + kTz);
  static const RE2* const kTime = new RE2(std::string("(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)") + kTz);
  static const RE2* const kGYear = new RE2(std::string("(-?\\d{4,})") + kTz);
  static const RE2* const kGYearMonth = new RE2(std::string("(-?\\d{4,})-(\\d\\d)") + kTz);
  static const RE2* const kGMonth = new RE2(std::string("--(\\d\\d)") + kTz);
  static const RE2* const kGDay = new RE2(std::string("---(\\d\\d)") + kTz);
  static const RE2* const kGMonthDay = new RE2(std::string("--(\\d\\d)-(\\d\\d)") + kTz);
  if (pattern == "integer") return *kInteger;
  if (pattern == "decimal") return *kDecimal;
  if (pattern == "double") return *kDouble;
  if (pattern == "boolean") return *kBoolean;
  if (pattern == "date") return *kDate;
  if (pattern == "dateTime") return *kDateTime;
  if (pattern == "time") return *kTime;
  if (pattern == "gYear") return *kGYear;
  if (pattern == "gYearMonth") return *kGYearMonth;
  if (pattern == "gMonth") return *kGMonth;
  if (pattern == "gDay") return *kGDay;
  return *kGMonthDay;
}

// A comparable value: numbers as long double, temporal values as seconds on one time line.
struct Value {
  enum Kind { kInvalid, kNumber, kString, kBoolean, kDateTime, kDate, kTime, kGYear, kGYearMonth };
  Kind kind = kInvalid;
  long double num = 0;  // number, boolean (0/1) or seconds
  bool has_tz = false;
  std::string str;
};

long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

long double TzSeconds(const std::string& tz) {
  if (tz.empty() || tz == "Z") return 0;
  int h = std::atoi(tz.substr(1, 2).c_str()), m = std::atoi(tz.substr(4, 2).c_str());
  long double s = h * 3600.0L + m * 60.0L;
  return tz[0] == '-' ? -s : s;
}

bool ParseTemporal(const std::string& local, const std::string& lex, Value* v) {
  std::string y, mo, d, h, mi, s, tz;
  if (local == "dateTime" || local == "dateTimeStamp") {
    if (!RE2::FullMatch(lex, Re("dateTime"), &y, &mo, &d, &h, &mi, &s, &tz)) return false;
    if (local == "dateTimeStamp" && tz.empty()) return false;
    v->kind = Value::kDateTime;
  } else if (local == "date") {
    if (!RE2::FullMatch(lex, Re("date"), &y, &mo, &d, &tz)) return false;
    v->kind = Value::kDate;
  } else if (local == "time") {
    if (!RE2::FullMatch(lex, Re("time"), &h, &mi, &s, &tz)) return false;
    y = "1972", mo = "01", d = "01";
    v->kind = Value::kTime;
  } else if (local == "gYear") {
    if (!RE2::FullMatch(lex, Re("gYear"), &y, &tz)) return false;
    mo = "01", d = "01";
    v->kind = Value::kGYear;
  } else if (local == "gYearMonth") {
    if (!RE2::FullMatch(lex, Re("gYearMonth"), &y, &mo, &tz)) return false;
    d = "01";
    v->kind = Value::kGYearMonth;
  } else {
    return false;
  }
  long year = std::atol(y.c_str());
  int month = std::atoi(mo.c_str()), day = std::atoi(d.c_str());
  if (month < 1 || month > 12 || day < 1 || day > DaysIn(year, month)) return false;
  long double secs = 0;
  if (!h.empty()) {
    int hh = std::atoi(h.c_str()), mm = std::atoi(mi.c_str());
    long double ss = std::strtold(s.c_str(), nullptr);
    if (hh > 24 || mm > 59 || ss >= 60) return false;
    if (hh == 24 && (mm != 0 || ss != 0)) return false;
    secs = hh * 3600.0L + mm * 60.0L + ss;
  }
  v->num = DaysFromCivil(year, month, day) * 86400.0L + secs - TzSeconds(tz);
  v->has_tz = !tz.empty();
  return true;
}

bool IsNumeric(const std::string& local) {
  if (local == "decimal" || local == "float" || local == "double") return true;
  for (const IntRange& r : kIntRanges)
    if (local == r.name) return true;
  return false;
}

Value ValueOf(Node n) {
  Value v;
  if (!IsLiteral(n)) return v;
  std::string dt = DatatypeOf(n), lex = Str(n), local = Local(dt);
  if (!IsValidLexical(dt, lex)) return v;
  if (IsNumeric(local)) {
    v.kind = Value::kNumber;
    if (lex == "INF" || lex == "+INF") v.num = HUGE_VALL;
    else if (lex == "-INF") v.num = -HUGE_VALL;
    else if (lex == "NaN") v.num = NAN;
    else v.num = std::strtold(lex.c_str(), nullptr);
    return v;
  }
  if (local == "string") { v.kind = Value::kString; v.str = lex; return v; }
  if (local == "boolean") { v.kind = Value::kBoolean; v.num = lex == "true" || lex == "1"; return v; }
  ParseTemporal(local, lex, &v);
  return v;
}

int Sign(long double d) { return d < 0 ? -1 : (d > 0 ? 1 : 0); }

}  // namespace

bool IsValidLexical(const std::string& datatype, const std::string& lex) {
  std::string local = Local(datatype);
  if (local.empty()) return true;
  for (const IntRange& r : kIntRanges) {
    if (local != r.name) continue;
    if (!RE2::FullMatch(lex, Re("integer"))) return false;
    if (r.min && CompareInts(lex, r.min) < 0) return false;
    if (r.max && CompareInts(lex, r.max) > 0) return false;
    return true;
  }
  if (local == "decimal") return RE2::FullMatch(lex, Re("decimal"));
  if (local == "float" || local == "double") return RE2::FullMatch(lex, Re("double"));
  if (local == "boolean") return RE2::FullMatch(lex, Re("boolean"));
  if (local == "dateTime" || local == "dateTimeStamp" || local == "date" || local == "time" ||
      local == "gYear" || local == "gYearMonth") {
    Value v;
    return ParseTemporal(local, lex, &v);
  }
  if (local == "gMonth") {
    std::string m, tz;
    if (!RE2::FullMatch(lex, Re("gMonth"), &m, &tz)) return false;
    int mo = std::atoi(m.c_str());
    return mo >= 1 && mo <= 12;
  }
  if (local == "gDay") {
    std::string d, tz;
    if (!RE2::FullMatch(lex, Re("gDay"), &d, &tz)) return false;
    int day = std::atoi(d.c_str());
    return day >= 1 && day <= 31;
  }
  if (local == "gMonthDay") {
    std::string m, d, tz;
    if (!RE2::FullMatch(lex, Re("gMonthDay"), &m, &d, &tz)) return false;
    int mo = std::atoi(m.c_str()), day = std::atoi(d.c_str());
    return mo >= 1 && mo <= 12 && day >= 1 && day <= DaysIn(2000, mo);
  }
  return true;  // string, anyURI, normalizedString, ... : every string is a lexical form
}

std::optional<int> Compare(Node a, Node b) {
  Value x = ValueOf(a), y = ValueOf(b);
  if (x.kind == Value::kInvalid || x.kind != y.kind) return std::nullopt;
  switch (x.kind) {
    case Value::kNumber:
      if (std::isnan(x.num) || std::isnan(y.num)) return std::nullopt;
      return x.num < y.num ? -1 : (x.num > y.num ? 1 : 0);
    case Value::kString: {
      int c = x.str.compare(y.str);  // UTF-8 byte order is code point order
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Value::kBoolean:
      return Sign(x.num - y.num);
    default: {
      if (x.has_tz == y.has_tz) return Sign(x.num - y.num);
      // One side has no time zone: it may lie anywhere from -14:00 to +14:00.
      const long double k = 14 * 3600.0L;
      long double lo = x.has_tz ? y.num - k : x.num - k, hi = x.has_tz ? y.num + k : x.num + k;
      long double fixed = x.has_tz ? x.num : y.num;
      int c;
      if (fixed < lo) c = -1;
      else if (fixed > hi) c = 1;
      else return std::nullopt;
      return x.has_tz ? c : -c;
    }
  }
}

}  // namespace presskg::shacl::xsd
