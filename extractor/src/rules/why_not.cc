// Explaining rules: rendering slotted text, and how far a rule's pattern gets on a sentence.
#include <set>
#include <sstream>

#include "rules/engine.h"

namespace presskg::rules {

namespace {

char32_t DecodeSlot(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return 0;
  unsigned char a = s[i], b = s[i + 1], c = s[i + 2];
  if ((a & 0xF0) != 0xE0) return 0;
  char32_t cp = ((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F);
  return (cp >= kTypeMarkBase && cp <= kSlotEnd) ? cp : 0;
}

std::size_t Utf8Len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 6) return 2;
  if ((c >> 4) == 14) return 3;
  return 4;
}

// Splits a pattern into top-level pieces (atom + quantifier); false when it has a top-level '|'.
bool SplitPieces(const std::string& p, std::vector<std::string>* pieces) {
  std::size_t i = 0;
  while (i < p.size()) {
    std::size_t start = i;
    char c = p[i];
    if (c == '|') return false;
    if (c == '\\') {
      i += 2;
      if (i <= p.size() && i - 1 < p.size() && (p[i - 1] == 'x' || p[i - 1] == 'p' || p[i - 1] == 'P') &&
          i < p.size() && p[i] == '{') {
        std::size_t close = p.find('}', i);
        i = close == std::string::npos ? p.size() : close + 1;
      }
    } else if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;
      while (i < p.size() && p[i] != ']') i += (p[i] == '\\') ? 2 : 1;
      ++i;
    } else if (c == '(') {
      int depth = 0;
      while (i < p.size()) {
        if (p[i] == '\\') { i += 2; continue; }
        if (p[i] == '[') {
          ++i;
          if (i < p.size() && p[i] == '^') ++i;
          if (i < p.size() && p[i] == ']') ++i;
          while (i < p.size() && p[i] != ']') i += (p[i] == '\\') ? 2 : 1;
          ++i;
          continue;
        }
        if (p[i] == '(') ++depth;
        if (p[i] == ')' && --depth == 0) { ++i; break; }
        ++i;
      }
    } else if (c == '{' && p.find('}', i) != std::string::npos && p[i + 1] >= 'A' && p[i + 1] <= 'Z') {
      i = p.find('}', i) + 1;
    } else {
      i += Utf8Len(static_cast<unsigned char>(c));
    }
    // quantifiers
    while (i < p.size()) {
      if (p[i] == '*' || p[i] == '+' || p[i] == '?') {
        ++i;
      } else if (p[i] == '{' && i + 1 < p.size() && p[i + 1] >= '0' && p[i + 1] <= '9') {
        std::size_t close = p.find('}', i);
        if (close == std::string::npos) break;
        i = close + 1;
      } else {
        break;
      }
    }
    pieces->push_back(p.substr(start, std::min(i, p.size()) - start));
  }
  return true;
}

}  // namespace

std::string RenderSlotted(const SlottedText& s) {
  std::string out;
  std::string_view t(s.text);
  for (std::size_t i = 0; i < t.size();) {
    char32_t c = DecodeSlot(t, i);
    if (c >= kTypeMarkBase && c < kDigitBase) {
      std::size_t j = i + 3;
      std::string idx;
      for (char32_t d; (d = DecodeSlot(t, j)) >= kDigitBase && d <= kDigitBase + 9; j += 3)
        idx.push_back(static_cast<char>('0' + (d - kDigitBase)));
      out += "[";
      out += SlotTypeName(static_cast<MentionType>(c - kTypeMarkBase));
      out += "#" + idx + "]";
      i = j + 3;
    } else {
      out.push_back(t[i]);
      ++i;
    }
  }
  return out;
}

std::string RuleBook::WhyNot(const Rule& rule, const SlottedText& s) const {
  std::ostringstream o;
  bool selected = false;
  for (const Rule* r : Candidates(rule.lang, s.text)) selected |= (r == &rule);
  o << "  prefilter (RE2::Set): " << (selected ? "selected" : "not selected") << "\n";
  // Slot types the pattern needs and the sentence lacks.
  static const std::vector<MentionType> kTypes = {MentionType::kOrg, MentionType::kPerson, MentionType::kRole,
                                                  MentionType::kCountry, MentionType::kPlace, MentionType::kDate,
                                                  MentionType::kQuote};
  std::set<char32_t> present;
  for (std::size_t i = 0; i < s.text.size(); ++i) {
    char32_t c = DecodeSlot(s.text, i);
    if (c >= kTypeMarkBase && c < kDigitBase) present.insert(c);
  }
  for (MentionType t : kTypes) {
    std::string mark = SlotRegex({t}).substr(1, 8);  // "\x{E00N}" as it appears in expanded patterns
    if (rule.expanded.find(mark) != std::string::npos && !present.count(kTypeMarkBase + static_cast<char32_t>(t)))
      o << "  the pattern can use a " << SlotTypeName(t) << " slot; the sentence has none\n";
  }
  if (!MatchRule(rule, s).empty()) {
    o << "  the full pattern matches\n";
    return o.str();
  }
  std::vector<std::string> pieces;
  if (!SplitPieces(rule.pattern, &pieces) || pieces.empty()) {
    o << "  the pattern is a top-level alternation; no alternative matches\n";
    return o.str();
  }
  static const std::map<std::string, std::string> kNone;
  std::size_t best = 0;
  std::string prefix;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    prefix += pieces[k];
    std::string expanded, unknown;
    if (!ExpandMacros(prefix, rule.macros ? *rule.macros : kNone, &expanded, &unknown)) break;
    RE2::Options opt;
    opt.set_log_errors(false);
    RE2 re(expanded, opt);
    if (!re.ok()) continue;  // a prefix that cuts inside a construct: try the longer one
    if (!RE2::PartialMatch(s.text, re)) break;
    best = k + 1;
  }
  o << "  pattern pieces matched in sequence: " << best << " of " << pieces.size() << "\n";
  if (best < pieces.size()) {
    std::string matched;
    for (std::size_t k = 0; k < best; ++k) matched += pieces[k];
    o << "  matched prefix: " << (matched.empty() ? "(none)" : matched) << "\n";
    o << "  fails at piece: " << pieces[best] << "\n";
  }
  return o.str();
}

}  // namespace presskg::rules
