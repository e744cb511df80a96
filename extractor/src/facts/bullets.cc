// Agreements listed under one lead: "X signed the following documents:" followed by one line per
// document that names only the other party ("——与Y签署…协议；", "- a loan agreement with Y").
// A rule marked one_party = "list" states the item; the first party is the organization the lead
// opens with, found here from the text's lines (the list layout, not the wording).
#include <algorithm>

#include "facts/builder.h"

namespace presskg::facts {

namespace list_items {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }

// The three bytes at p are the UTF-8 of code point cp (BMP, three-byte form).
bool Cp3At(std::string_view s, std::size_t p, char32_t cp) {
  return p + 3 <= s.size() && static_cast<unsigned char>(s[p]) == (0xE0 | (cp >> 12)) &&
         static_cast<unsigned char>(s[p + 1]) == (0x80 | ((cp >> 6) & 0x3F)) &&
         static_cast<unsigned char>(s[p + 2]) == (0x80 | (cp & 0x3F));
}

// Bytes of a Chinese numeral 一 … 十 at p (3), else 0.
std::size_t CjkNumeralAt(std::string_view s, std::size_t p) {
  for (char32_t c : {U'一', U'二', U'三', U'四', U'五', U'六', U'七', U'八', U'九', U'十'})
    if (Cp3At(s, p, c)) return 3;
  return 0;
}

// The line s (no line end) opens with a list marker: a dash or bullet sign ("——", "-", "•", "·",
// "▪", "●", "■", "◆", "➢"), "(一)" / "(1)", "一、", "1." / "1)" / "1、" (NFKC has made ① a digit
// and full-width brackets ASCII). "1." must be followed by a space or a non-digit, so that "1.5"
// and a year opening a line are no markers.
bool OpensWithMarker(std::string_view s) {
  std::size_t p = 0;
  while (p < s.size() && IsSpace(s[p])) ++p;
  if (p >= s.size()) return false;
  const char c = s[p];
  if (c == '-' || c == '*') return p + 1 < s.size() && !(s[p + 1] >= '0' && s[p + 1] <= '9');
  for (char32_t b : {U'—', U'–', U'•', U'·', U'▪', U'●', U'■', U'◆', U'➢', U'►', U'○', U'◦'})
    if (Cp3At(s, p, b)) return true;
  if (Cp3At(s, p, U'‧') || (static_cast<unsigned char>(c) == 0xC2 && p + 1 < s.size() &&
                             static_cast<unsigned char>(s[p + 1]) == 0xB7))  // U+00B7 middle dot
    return true;
  std::size_t q = p;
  const bool paren = c == '(';
  if (paren) ++q;
  std::size_t digits = 0, cjk = 0;
  while (q < s.size() && s[q] >= '0' && s[q] <= '9' && digits < 2) ++q, ++digits;
  if (digits == 0)
    while (std::size_t n = CjkNumeralAt(s, q)) {
      if (++cjk > 2) return false;
      q += n;
    }
  if (digits == 0 && cjk == 0) {
    // "a)" / "(a)": one lower-case letter
    if (q < s.size() && s[q] >= 'a' && s[q] <= 'e' && q + 1 < s.size() && s[q + 1] == ')') return true;
    return false;
  }
  if (q >= s.size()) return false;
  if (paren) return s[q] == ')';
  if (Cp3At(s, q, U'、')) return true;
  if (digits > 0 && s[q] == ')') return true;
  if (digits > 0 && s[q] == '.') return q + 1 >= s.size() || !(s[q + 1] >= '0' && s[q + 1] <= '9');
  return false;
}

// [b, e) of the line holding p.
void LineAt(std::string_view s, std::size_t p, std::size_t* b, std::size_t* e) {
  std::size_t lb = p == 0 ? std::string_view::npos : s.rfind('\n', p - 1);
  *b = lb == std::string_view::npos ? 0 : lb + 1;
  std::size_t le = s.find('\n', p);
  *e = le == std::string_view::npos ? s.size() : le;
}

bool Blank(std::string_view line) {
  for (char c : line)
    if (!IsSpace(c)) return false;
  return true;
}

// The line ends in a colon (NFKC: "：" is ':'), ignoring trailing spaces.
bool EndsWithColon(std::string_view line) {
  std::size_t e = line.size();
  while (e > 0 && IsSpace(line[e - 1])) --e;
  return e > 0 && line[e - 1] == ':';
}

// The first mention of type t in [b, e) (ms sorted by begin), or npos.
std::size_t FirstOfType(const std::vector<rules::SlotMention>& ms, std::size_t b, std::size_t e, MentionType t) {
  auto it = std::lower_bound(ms.begin(), ms.end(), b, [](const rules::SlotMention& m, std::size_t v) { return m.begin < v; });
  for (; it != ms.end() && it->begin < e; ++it)
    if (it->type == t && it->end <= e) return static_cast<std::size_t>(it - ms.begin());
  return static_cast<std::size_t>(-1);
}

}  // namespace list_items

ListLead FindListLead(std::string_view norm, const std::vector<rules::SlotMention>& ms, std::size_t at) {
  using namespace list_items;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  ListLead lead;
  std::size_t b, e;
  LineAt(norm, at, &b, &e);
  if (!OpensWithMarker(norm.substr(b, e - b))) return lead;
  // Up over the other items (and blank lines between them) to the line that introduces the list.
  int items = 0;
  while (b > 0 && items < 30) {
    LineAt(norm, b - 1, &b, &e);
    std::string_view line = norm.substr(b, e - b);
    if (Blank(line)) continue;
    if (OpensWithMarker(line)) {
      ++items;
      continue;
    }
    if (!EndsWithColon(line)) return lead;
    // The organization the introduction opens with; "The agreements signed are:" names none, so
    // the paragraph before it (the lead of the release) is read.
    for (int up = 0; up < 2; ++up) {
      std::size_t org = FirstOfType(ms, b, e, MentionType::kOrg);
      if (org != kNone) {
        lead.party = org;
        lead.date = FirstOfType(ms, b, e, MentionType::kDate);
        return lead;
      }
      do {
        if (b == 0) return lead;
        LineAt(norm, b - 1, &b, &e);
      } while (Blank(norm.substr(b, e - b)) && b > 0);
    }
    return lead;
  }
  return lead;
}

}  // namespace presskg::facts
