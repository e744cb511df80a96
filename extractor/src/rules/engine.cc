// Rule packs: loading (toml++), macro expansion, slot tokens, RE2::Set prefilter and matching.
#include "rules/engine.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <cctype>
#include <functional>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace presskg::rules {

namespace {

// Decodes the 3-byte private-use code point at s[i] (slot alphabet), or 0.
char32_t SlotCharAt(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return 0;
  unsigned char a = s[i], b = s[i + 1], c = s[i + 2];
  if ((a & 0xF0) != 0xE0) return 0;
  char32_t cp = ((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F);
  return (cp >= kTypeMarkBase && cp <= kSlotEnd) ? cp : 0;
}

std::string Hex(char32_t c) {
  std::ostringstream o;
  o << "\\x{" << std::hex << std::uppercase << static_cast<unsigned>(c) << "}";
  return o.str();
}

const std::map<std::string, std::string>& BuiltinMacros() {
  static const std::map<std::string, std::string> m = [] {
    std::map<std::string, std::string> b;
    b["ORG"] = SlotRegex({MentionType::kOrg});
    b["PERSON"] = SlotRegex({MentionType::kPerson});
    b["ROLE"] = SlotRegex({MentionType::kRole});
    b["COUNTRY"] = SlotRegex({MentionType::kCountry});
    b["PLACE"] = SlotRegex({MentionType::kPlace});
    b["DATE"] = SlotRegex({MentionType::kDate});
    b["QUOTE"] = SlotRegex({MentionType::kQuote});
    b["PARTY"] = SlotRegex({MentionType::kOrg, MentionType::kCountry});
    b["LOC"] = SlotRegex({MentionType::kPlace, MentionType::kCountry});
    b["M"] = SlotRegex({MentionType::kOrg, MentionType::kPerson, MentionType::kRole, MentionType::kCountry,
                        MentionType::kPlace, MentionType::kDate, MentionType::kQuote});
    // One character that is not part of a slot token.
    b["W"] = "[^" + Hex(kTypeMarkBase) + "-" + Hex(kSlotEnd) + "]";
    return b;
  }();
  return m;
}

bool IsMacroName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9'))) return false;
  return s[0] >= 'A' && s[0] <= 'Z';
}

bool ExpandRec(const std::string& pattern, const std::map<std::string, std::string>& local,
               std::string* out, std::string* unknown, int depth) {
  if (depth > 8) {
    *unknown = "(macro recursion too deep)";
    return false;
  }
  out->clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {  // escapes pass through, including \{ and \x{..}
      out->push_back(c);
      out->push_back(pattern[++i]);
      if (pattern[i] == 'x' || pattern[i] == 'p' || pattern[i] == 'P') {
        if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
          std::size_t close = pattern.find('}', i + 1);
          if (close != std::string::npos) {
            out->append(pattern, i + 1, close - i);
            i = close;
          }
        }
      }
      continue;
    }
    if (c == '{') {
      std::size_t close = pattern.find('}', i + 1);
      if (close != std::string::npos) {
        std::string name = pattern.substr(i + 1, close - i - 1);
        if (IsMacroName(name)) {
          std::string body;
          if (auto it = local.find(name); it != local.end()) {
            std::string inner;
            if (!ExpandRec(it->second, local, &inner, unknown, depth + 1)) return false;
            body = inner;
          } else if (auto b = BuiltinMacros().find(name); b != BuiltinMacros().end()) {
            body = b->second;
          } else {
            *unknown = name;
            return false;
          }
          out->append("(?:").append(body).append(")");
          i = close;
          continue;
        }
      }
    }
    out->push_back(c);
  }
  return true;
}

}  // namespace

std::string RelaxForSet(const std::string& p) {
  std::string out;
  out.reserve(p.size());
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out.push_back(c);
      out.push_back(p[++i]);
      if ((p[i] == 'x' || p[i] == 'p' || p[i] == 'P') && i + 1 < p.size() && p[i + 1] == '{') {
        std::size_t close = p.find('}', i + 1);
        if (close != std::string::npos) {
          out.append(p, i + 1, close - i);
          i = close;
        }
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      if (i + 1 < p.size() && p[i + 1] == '^') out.push_back(p[++i]);
      if (i + 1 < p.size() && p[i + 1] == ']') out.push_back(p[++i]);
      continue;
    }
    if (c == '{' && i + 1 < p.size() && p[i + 1] >= '0' && p[i + 1] <= '9') {
      std::size_t close = p.find('}', i);
      if (close != std::string::npos) {
        int lo = std::atoi(p.c_str() + i + 1);
        out.push_back(lo >= 1 ? '+' : '*');
        i = close;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

namespace {

RE2::Options RuleOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int ColOf(const toml::node& n) { return static_cast<int>(n.source().begin.column); }

// ---- capture programs ----------------------------------------------------------------------
// A flat scan of RE2 syntax, enough to find counted repetitions of one-character atoms and the
// groups around them. Anything unfamiliar makes CaptureProgram give up (the strict program is
// then used, which is always correct).
struct Tok {
  enum Kind { kAtom, kOpen, kClose, kAlt, kQuant, kOther } kind;
  std::size_t b = 0, e = 0;  // pattern bytes
  bool capturing = false;    // kOpen
  long lo = 0, hi = -1;      // kQuant; hi = -1: unbounded
  bool lazy = false;
};

std::size_t LeadLen(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

bool ParseCount(const std::string& p, std::size_t i, long* lo, long* hi, std::size_t* end) {
  // p[i] == '{': {n} {n,} {n,m}
  std::size_t j = i + 1;
  auto num = [&](long* v) {
    std::size_t k = j;
    long x = 0;
    while (j < p.size() && p[j] >= '0' && p[j] <= '9') x = x * 10 + (p[j++] - '0');
    *v = x;
    return j > k;
  };
  if (!num(lo)) return false;
  if (j < p.size() && p[j] == '}') {
    *hi = *lo;
  } else if (j < p.size() && p[j] == ',') {
    ++j;
    if (j < p.size() && p[j] == '}') *hi = -1;
    else if (!num(hi)) return false;
    if (j >= p.size() || p[j] != '}') return false;
  } else {
    return false;
  }
  *end = j + 1;
  return true;
}

bool Tokenize(const std::string& p, std::vector<Tok>* toks) {
  auto skip_braced = [&](std::size_t j) {  // p[j] == '{' → index after the matching '}'
    std::size_t close = p.find('}', j);
    return close == std::string::npos ? std::string::npos : close + 1;
  };
  for (std::size_t i = 0; i < p.size();) {
    Tok t{Tok::kAtom};
    t.b = i;
    char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return false;
      char n = p[i + 1];
      if (n == 'Q' || n == 'E' || n == 'C' || (n >= '0' && n <= '9')) return false;
      if (n == 'b' || n == 'B' || n == 'A' || n == 'z') t.kind = Tok::kOther;
      std::size_t j = i + 2;
      if ((n == 'x' || n == 'p' || n == 'P') && j < p.size() && p[j] == '{') {
        j = skip_braced(j);
        if (j == std::string::npos) return false;
      } else if (n == 'x') {
        j += 2;
      } else if (n == 'p' || n == 'P') {
        j += 1;
      } else if (static_cast<unsigned char>(n) >= 0x80) {
        j = i + 1 + LeadLen(static_cast<unsigned char>(n));
      }
      i = j;
    } else if (c == '[') {
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      bool closed = false;
      while (j < p.size()) {
        if (p[j] == '\\') {
          if (j + 2 < p.size() && (p[j + 1] == 'x' || p[j + 1] == 'p' || p[j + 1] == 'P') && p[j + 2] == '{') {
            j = skip_braced(j + 2);
            if (j == std::string::npos) return false;
          } else {
            j += 2;
          }
        } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
          std::size_t close = p.find(":]", j + 2);
          if (close == std::string::npos) return false;
          j = close + 2;
        } else if (p[j] == ']') {
          closed = true;
          ++j;
          break;
        } else {
          ++j;
        }
      }
      if (!closed) return false;
      i = j;
    } else if (c == '(') {
      t.kind = Tok::kOpen;
      if (i + 1 < p.size() && p[i + 1] == '?') {
        if (p.compare(i, 4, "(?P<") == 0) {
          std::size_t close = p.find('>', i);
          if (close == std::string::npos) return false;
          t.capturing = true;
          i = close + 1;
        } else {
          // (?: (?flags: (?flags)
          std::size_t j = i + 2;
          while (j < p.size() && (std::isalpha(static_cast<unsigned char>(p[j])) || p[j] == '-')) {
            if (p[j] == 'x') return false;  // extended syntax: spaces mean nothing
            ++j;
          }
          if (j >= p.size()) return false;
          if (p[j] == ':') {
            i = j + 1;
          } else if (p[j] == ')') {
            t.kind = Tok::kOther;
            i = j + 1;
          } else {
            return false;
          }
        }
      } else {
        t.capturing = true;
        ++i;
      }
    } else if (c == ')') {
      t.kind = Tok::kClose;
      ++i;
    } else if (c == '|') {
      t.kind = Tok::kAlt;
      ++i;
    } else if (c == '^' || c == '$') {
      t.kind = Tok::kOther;
      ++i;
    } else if (c == '*' || c == '+' || c == '?') {
      t.kind = Tok::kQuant;
      t.lo = c == '+' ? 1 : 0;
      t.hi = c == '?' ? 1 : -1;
      ++i;
    } else if (c == '{' && ParseCount(p, i, &t.lo, &t.hi, &i)) {
      t.kind = Tok::kQuant;
    } else {
      i += LeadLen(static_cast<unsigned char>(c));
    }
    if (t.kind == Tok::kQuant && i < p.size() && p[i] == '?') {
      t.lazy = true;
      ++i;
    }
    if (i > p.size()) return false;
    t.e = i;
    toks->push_back(t);
  }
  return true;
}

// The group structure of a token list: end_of[k] is the close of the group opened at k (k for any
// other token); parent[k] the innermost open enclosing k (toks.size(): none; for a close, the open
// enclosing its group). False when the parentheses do not balance.
bool GroupStructure(const std::vector<Tok>& toks, std::vector<std::size_t>* end_of, std::vector<std::size_t>* parent) {
  const std::size_t n = toks.size();
  end_of->assign(n, 0);
  parent->assign(n, n);
  std::vector<std::size_t> stack;
  for (std::size_t k = 0; k < n; ++k) {
    (*end_of)[k] = k;
    (*parent)[k] = stack.empty() ? n : stack.back();
    if (toks[k].kind == Tok::kOpen) stack.push_back(k);
    if (toks[k].kind == Tok::kClose) {
      if (stack.empty()) return false;
      (*end_of)[stack.back()] = k;
      (*parent)[k] = stack.size() > 1 ? stack[stack.size() - 2] : n;
      stack.pop_back();
    }
  }
  return stack.empty();
}

}  // namespace

const char* SlotTypeName(MentionType t) { return MentionTypeName(t); }


void AppendSlotToken(std::string* t, MentionType type, std::size_t index) {
  char buf[6 + 3 * 20];
  t->append(buf, WriteSlotToken(buf, type, index));
}

std::string SlotToken(MentionType type, std::size_t index) {
  std::string t;
  AppendSlotToken(&t, type, index);
  return t;
}

std::string SlotRegex(const std::vector<MentionType>& types) {
  std::string r = "[";
  for (MentionType t : types) r += Hex(kTypeMarkBase + static_cast<char32_t>(t));
  r += "][" + Hex(kDigitBase) + "-" + Hex(kDigitBase + 9) + "]+" + Hex(kSlotEnd);
  return r;
}

bool ExpandMacros(const std::string& pattern, const std::map<std::string, std::string>& local,
                  std::string* out, std::string* unknown) {
  return ExpandRec(pattern, local, out, unknown, 0);
}

// "(?:[A]T)|(?:[B]T)" → "(?:[AB]T)" for slot tokens T standing as whole adjacent alternatives:
// their first characters (type marks) differ, so at most one of them can match anywhere and the
// order of the two does not matter; the merged class matches exactly their union. Each merge
// saves a token's worth of instructions (NW = "word|{ORG}|{COUNTRY}|{PLACE}|{DATE}").
std::string MergeSlotAlternatives(std::string p) {
  static const std::string tail = "][" + Hex(kDigitBase) + "-" + Hex(kDigitBase + 9) + "]+" + Hex(kSlotEnd) + ")";
  const std::string head = "(?:[";
  auto unescaped = [&](std::size_t i) {  // p[i] is not escaped by a backslash
    std::size_t k = i, n = 0;
    while (k > 0 && p[k - 1] == '\\') --k, ++n;
    return n % 2 == 0;
  };
  auto alt_start = [&](std::size_t i) {  // an alternative starts at i
    if (i == 0) return true;
    if (p[i - 1] == '|' && unescaped(i - 1)) return true;
    if (p[i - 1] == '(' && unescaped(i - 1)) return true;
    if (i >= 3 && p.compare(i - 3, 3, "(?:") == 0 && unescaped(i - 3)) return true;
    if (p[i - 1] == '>') {  // (?P<name>
      std::size_t open = p.rfind("(?P<", i);
      return open != std::string::npos && p.find_first_of("()|[]\\", open + 4) >= i - 1 && unescaped(open);
    }
    return false;
  };
  // A token group at i: "(?:[" marks tail; returns its end or npos.
  auto token_at = [&](std::size_t i, std::string* marks) {
    if (p.compare(i, head.size(), head) != 0) return std::string::npos;
    std::size_t close = p.find(']', i + head.size());
    if (close == std::string::npos || p.compare(close, tail.size(), tail) != 0) return std::string::npos;
    std::string m = p.substr(i + head.size(), close - i - head.size());
    for (char c : m)
      if (!(c == '\\' || c == 'x' || c == '{' || c == '}' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')))
        return std::string::npos;
    *marks = m;
    return close + tail.size();
  };
  // Only where a token group starts (a search for its head, not a test at every byte).
  for (std::size_t i = p.find(head); i != std::string::npos; i = p.find(head, i + 1)) {
    std::string m1, m2;
    std::size_t e1 = token_at(i, &m1);
    if (e1 == std::string::npos || !alt_start(i)) continue;
    while (e1 < p.size() && p[e1] == '|') {
      std::size_t e2 = token_at(e1 + 1, &m2);
      if (e2 == std::string::npos || (e2 < p.size() && p[e2] != '|' && p[e2] != ')')) break;
      if (e2 >= p.size()) break;
      p = p.substr(0, i) + head + m1 + m2 + p.substr(i + head.size() + m1.size());
      // drop "|(?:[m2" tail
      std::size_t e1n = i + head.size() + m1.size() + m2.size() + tail.size();
      std::size_t cut_b = e1n, cut_e = e1n + (e2 - e1);
      p.erase(cut_b, cut_e - cut_b);
      m1 += m2;
      e1 = e1n;
    }
  }
  return p;
}

namespace {
using Ranges = std::vector<std::pair<char32_t, char32_t>>;  // inclusive
bool AtomSet(std::string_view a, Ranges* out);
bool Intersect(const Ranges& a, const Ranges& b);
void SepBytes(Rule::CaptureVariant* v);
}  // namespace

bool CaptureProgram(const std::string& expanded, bool inside_repeats, std::string* out,
                    std::vector<Rule::CountCheck>* checks) {
  std::vector<Tok> toks;
  if (!Tokenize(expanded, &toks)) return false;
  const std::size_t n = toks.size();
  // Pieces: an atom, or a group from its open to its close; each with the quantifier after it.
  std::vector<std::size_t> end_of, parent;
  if (!GroupStructure(toks, &end_of, &parent)) return false;
  auto quant = [&](std::size_t piece) -> const Tok* {  // piece = atom or open index
    std::size_t q = end_of[piece] + 1;
    return q < n && toks[q].kind == Tok::kQuant ? &toks[q] : nullptr;
  };
  auto repeats = [&](std::size_t piece) {
    const Tok* q = quant(piece);
    return q && (q->hi < 0 || q->hi > 1);
  };
  // Can tokens [b, e) (a group's inside) match the empty string?
  std::function<bool(std::size_t, std::size_t)> nullable = [&](std::size_t b, std::size_t e) {
    bool alt_nullable = true;  // the current alternative, so far
    for (std::size_t k = b; k < e; ++k) {
      const Tok& t = toks[k];
      if (t.kind == Tok::kAlt) {
        if (alt_nullable) return true;
        alt_nullable = true;
      } else if (t.kind == Tok::kAtom || t.kind == Tok::kOpen) {
        const Tok* q = quant(k);
        bool body = t.kind == Tok::kAtom ? false : nullable(k + 1, end_of[k]);
        if (!(body || (q && q->lo == 0))) alt_nullable = false;
        k = end_of[k] + (q ? 1 : 0);
      }
    }
    return alt_nullable;
  };
  // Relaxed pieces: a long counted repetition of something that always consumes text. Each is
  // checked through the capture of its outermost repeated ancestor (itself when it has none):
  // a group keeps its last iteration only, but the ancestor's one occurrence spans every
  // iteration of the piece, so its length bounds them all.
  std::vector<bool> relax(n, false), wrap(n, false);
  std::vector<std::size_t> checked_by(n, n);
  for (std::size_t k = 0; k < n; ++k) {
    if (toks[k].kind != Tok::kAtom && toks[k].kind != Tok::kOpen) continue;
    const Tok* q = quant(k);
    if (!q || q->hi < 0 || q->hi - q->lo < 2) continue;
    if (toks[k].kind == Tok::kOpen && nullable(k + 1, end_of[k])) continue;
    std::size_t w = k;
    // Inside a repeated group that can match empty, RE2 prefers different parses of the unrolled
    // and the relaxed forms ("(c{0,3}?)+?a" on "cca"): such pieces are never relaxed.
    bool nullable_repeat = false;
    for (std::size_t a = parent[k]; a != n; a = parent[a])
      if (repeats(a)) {
        w = a;
        if (toks[a].kind == Tok::kOpen && nullable(a + 1, end_of[a])) nullable_repeat = true;
      }
    if (nullable_repeat) continue;
    if (w != k && !inside_repeats) continue;
    relax[k] = true;
    wrap[w] = true;
    checked_by[k] = w;
  }
  out->clear();
  checks->clear();
  int group = 0;
  std::vector<int> group_of(n, 0);  // check group of each wrapped piece
  std::vector<bool> close_wrap_after(n + 1, false);
  for (std::size_t k = 0; k < n; ++k) {
    const Tok& t = toks[k];
    if (wrap[k]) {
      out->push_back('(');
      group_of[k] = ++group;
      std::size_t last = end_of[k] + (quant(k) ? 1 : 0);
      close_wrap_after[last] = true;
    }
    if (t.kind == Tok::kOpen && t.capturing) ++group;
    if (t.kind == Tok::kQuant && k > 0) {
      // the quantifier of a relaxed piece: find the piece (atom just before, or the group closed)
      std::size_t piece = toks[k - 1].kind == Tok::kClose ? parent[k - 1] : k - 1;
      if (toks[k - 1].kind == Tok::kClose) {
        // parent of a close token is the enclosing group's parent; find the open by end_of
        for (std::size_t o = 0; o < k; ++o)
          if (toks[o].kind == Tok::kOpen && end_of[o] == k - 1) piece = o;
      }
      if (piece < n && relax[piece]) {
        if (t.lo == 0) out->append("*");
        else if (t.lo == 1) out->append("+");
        else out->append("{").append(std::to_string(t.lo)).append(",}");
        if (t.lazy) out->append("?");
        if (close_wrap_after[k]) out->push_back(')');
        continue;
      }
    }
    out->append(expanded, t.b, t.e - t.b);
    if (close_wrap_after[k]) out->push_back(')');
  }
  // A group `(?:A sep+)` or `(?:sep+ A)`, A not nullable and without `sep` characters: each
  // iteration holds its own run of `sep`, so iterations ≤ runs. Only for a group checked through
  // its own span (the span holds exactly its iterations).
  auto sep_of = [&](std::size_t k, Ranges* sep) {
    if (toks[k].kind != Tok::kOpen || checked_by[k] != k) return false;
    std::vector<std::pair<std::size_t, std::size_t>> pieces;  // [first token, last token]
    for (std::size_t j = k + 1; j < end_of[k]; ++j) {
      if (toks[j].kind == Tok::kAlt || toks[j].kind == Tok::kOther || toks[j].kind == Tok::kQuant) return false;
      std::size_t last = end_of[j] + (quant(j) ? 1 : 0);
      pieces.push_back({j, last});
      j = last;
    }
    if (pieces.size() != 2) return false;
    for (int s = 0; s < 2; ++s) {
      std::size_t a = pieces[s].first, r = pieces[1 - s].first;
      const Tok* q = quant(a);
      if (toks[a].kind != Tok::kAtom || !q || q->lo != 1 || q->hi != -1) continue;
      Ranges sr;
      if (!AtomSet(std::string_view(expanded.data() + toks[a].b, toks[a].e - toks[a].b), &sr)) continue;
      // The rest: not nullable, no atom sharing a character with sep.
      const Tok* rq = quant(r);
      bool rest_ok = !(rq && rq->lo == 0) && !(toks[r].kind == Tok::kOpen && nullable(r + 1, end_of[r]));
      for (std::size_t t = r; t <= end_of[r] && rest_ok; ++t) {
        if (toks[t].kind != Tok::kAtom) continue;
        Ranges ar;
        if (!AtomSet(std::string_view(expanded.data() + toks[t].b, toks[t].e - toks[t].b), &ar) || Intersect(ar, sr))
          rest_ok = false;
      }
      if (!rest_ok) continue;
      *sep = sr;
      return true;
    }
    return false;
  };
  for (std::size_t k = 0; k < n; ++k)
    if (relax[k]) {
      const Tok* q = quant(k);
      Rule::CountCheck c{group_of[checked_by[k]], static_cast<std::size_t>(q->hi), {}, {}};
      Ranges sep;
      if (sep_of(k, &sep)) c.sep = sep;
      checks->push_back(std::move(c));
    }
  return !checks->empty();
}

// ---- alphabet programs -----------------------------------------------------------------------
namespace {

using Ranges = std::vector<std::pair<char32_t, char32_t>>;  // inclusive

// Decodes one UTF-8 code point at s[i] (the texts are valid UTF-8: normalised by the text module).
char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t* len) {
  unsigned char a = s[i];
  std::size_t n = LeadLen(a);
  if (i + n > s.size()) n = 1;
  char32_t c = n == 1 ? a : n == 2 ? (a & 0x1F) : n == 3 ? (a & 0x0F) : (a & 0x07);
  for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return c;
}

void Negate(Ranges* r) {
  std::sort(r->begin(), r->end());
  Ranges out;
  char32_t next = 0;
  for (const auto& [lo, hi] : *r) {
    if (lo > next) out.push_back({next, lo - 1});
    if (hi + 1 > next) next = hi + 1;
  }
  if (next <= 0x10FFFF) out.push_back({next, 0x10FFFF});
  *r = std::move(out);
}

// One escape at a[i] == '\\' (outside or inside a class): its code points, or false for the
// escapes this scanner does not translate. *end gets the index after it.
bool EscapeSet(std::string_view a, std::size_t i, Ranges* out, bool* single, std::size_t* end) {
  if (i + 1 >= a.size()) return false;
  char n = a[i + 1];
  *single = true;
  *end = i + 2;
  auto one = [&](char32_t c) { out->push_back({c, c}); return true; };
  switch (n) {
    case 'n': return one('\n');
    case 't': return one('\t');
    case 'r': return one('\r');
    case 'f': return one('\f');
    case 'v': return one('\v');
    case 'a': return one('\a');
    case 'x': {
      std::size_t j = i + 2;
      char32_t c = 0;
      if (j < a.size() && a[j] == '{') {
        std::size_t close = a.find('}', j);
        if (close == std::string_view::npos || close == j + 1) return false;
        for (std::size_t k = j + 1; k < close; ++k) {
          if (!std::isxdigit(static_cast<unsigned char>(a[k]))) return false;
          c = c * 16 + (std::isdigit(static_cast<unsigned char>(a[k])) ? a[k] - '0' : (std::tolower(a[k]) - 'a' + 10));
        }
        *end = close + 1;
      } else {
        if (j + 2 > a.size()) return false;
        for (std::size_t k = j; k < j + 2; ++k) {
          if (!std::isxdigit(static_cast<unsigned char>(a[k]))) return false;
          c = c * 16 + (std::isdigit(static_cast<unsigned char>(a[k])) ? a[k] - '0' : (std::tolower(a[k]) - 'a' + 10));
        }
        *end = j + 2;
      }
      return c <= 0x10FFFF && one(c);
    }
    // RE2's Perl classes are ASCII-only.
    case 's': case 'S': case 'd': case 'D': case 'w': case 'W': {
      *single = false;
      char l = static_cast<char>(std::tolower(n));
      if (l == 's') *out = {{'\t', '\n'}, {'\f', '\r'}, {' ', ' '}};
      if (l == 'd') *out = {{'0', '9'}};
      if (l == 'w') *out = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
      if (n != l) Negate(out);
      return true;
    }
    default:
      // Escaped punctuation stands for itself; letters and digits are classes, anchors or
      // Unicode tables (\p{Han}): not translated.
      if (static_cast<unsigned char>(n) < 0x80 && !std::isalnum(static_cast<unsigned char>(n))) return one(n);
      return false;
  }
}

// The code points of one atom of Tokenize (a literal, an escape, a class or '.').
bool AtomSet(std::string_view a, Ranges* out) {
  out->clear();
  if (a.empty()) return false;
  if (a == ".") {  // RE2 without (?s): anything but a newline
    *out = {{0, '\n' - 1}, {'\n' + 1, 0x10FFFF}};
    return true;
  }
  bool single = true;
  std::size_t end = 0;
  if (a[0] == '\\') return EscapeSet(a, 0, out, &single, &end) && end == a.size();
  if (a[0] != '[') {
    std::size_t len = 0;
    char32_t c = DecodeAt(a, 0, &len);
    if (len != a.size()) return false;
    out->push_back({c, c});
    return true;
  }
  // A class: [^...], items, ranges; ']' first is literal.
  std::size_t i = 1;
  bool neg = false;
  if (i < a.size() && a[i] == '^') neg = true, ++i;
  bool first = true;
  while (i < a.size()) {
    if (a[i] == ']' && !first) break;
    first = false;
    Ranges item;
    std::size_t next = 0;
    bool one = true;
    if (a[i] == '[' && i + 1 < a.size() && a[i + 1] == ':') return false;  // POSIX classes
    if (a[i] == '\\') {
      if (!EscapeSet(a, i, &item, &one, &next)) return false;
    } else {
      std::size_t len = 0;
      char32_t c = DecodeAt(a, i, &len);
      item.push_back({c, c});
      next = i + len;
    }
    // A range lo-hi (a '-' before ']' is literal).
    if (one && next + 1 < a.size() && a[next] == '-' && a[next + 1] != ']') {
      Ranges hi;
      std::size_t after = 0;
      bool hone = true;
      if (a[next + 1] == '\\') {
        if (!EscapeSet(a, next + 1, &hi, &hone, &after) || !hone) return false;
      } else {
        std::size_t len = 0;
        char32_t c = DecodeAt(a, next + 1, &len);
        hi.push_back({c, c});
        after = next + 1 + len;
      }
      if (hi[0].first < item[0].first) return false;
      item[0].second = hi[0].first;
      next = after;
    }
    out->insert(out->end(), item.begin(), item.end());
    i = next;
  }
  if (i != a.size() - 1 || a[i] != ']') return false;
  if (neg) Negate(out);
  return true;
}

void AppendByte(std::string* out, unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", v & 0xFFu);  // a byte: the mask tells the compiler too
  out->append(buf);
}

}  // namespace

unsigned char Alphabet::OfSearch(char32_t c) const {
  auto it = std::upper_bound(bounds.begin(), bounds.end(), c);
  return group[static_cast<std::size_t>(it - bounds.begin()) - 1];
}

void Alphabet::BuildPages() {
  pages.clear();
  for (char32_t p = 0; p < 256; ++p) {
    const char32_t lo = p << 8, hi = lo + 255;
    // One group for the whole page when no interval starts inside it (after its first code point).
    auto it = std::upper_bound(bounds.begin(), bounds.end(), lo);
    if (it == bounds.end() || *it > hi) {
      page[p] = static_cast<std::uint16_t>(kWholePage | OfSearch(lo));
      continue;
    }
    page[p] = static_cast<std::uint16_t>(pages.size() >> 8);
    std::size_t k = static_cast<std::size_t>(std::upper_bound(bounds.begin(), bounds.end(), lo) - bounds.begin()) - 1;
    for (char32_t c = lo; c <= hi;) {  // interval by interval (start-up: run for every rule)
      while (k + 1 < bounds.size() && bounds[k + 1] <= c) ++k;
      const char32_t stop = k + 1 < bounds.size() && bounds[k + 1] <= hi ? bounds[k + 1] : hi + 1;
      pages.insert(pages.end(), stop - c, group[k]);
      c = stop;
    }
  }
}

namespace {
namespace programfloor {

// The ByteRange instructions one occurrence of an atom adds to a UTF-8 program, at least. RE2
// compiles a class to an exact UTF-8 trie of its own (suffixes are shared only within the class):
// - a lead byte instruction for each UTF-8 length among its code points (their lead bytes differ),
//   one for each of its ranges of ASCII;
// - continuation instructions: the longest sequence's, and one at least for every distinct
//   first (and last) byte of the final-byte ranges of blocks of 64 code points (one lead and
//   middle bytes) the class covers only in part: a negated class excluding twenty Chinese
//   characters needs about twenty of them, where a whole block needs one [80-BF] for all.
std::size_t AtomFloor(Ranges r) {
  static constexpr char32_t kFirst[4] = {0, 0x80, 0x800, 0x10000}, kLast[4] = {0x7F, 0x7FF, 0xFFFF, 0x10FFFF};
  std::sort(r.begin(), r.end());
  Ranges merged;
  for (const auto& x : r) {
    if (!merged.empty() && x.first <= merged.back().second + 1) merged.back().second = std::max(merged.back().second, x.second);
    else merged.push_back(x);
  }
  if (merged.empty()) return 0;
  if (merged.back().second < 0x80) return merged.size();  // ASCII: one ByteRange a range
  std::size_t lengths = 0, longest = 0, ascii_ranges = 0;
  std::uint64_t starts = 0, ends = 0;  // final-byte ranges of partly covered blocks (low six bits)
  for (std::size_t n = 0; n < 4; ++n) {
    bool any = false;
    for (const auto& [lo, hi] : merged) {
      char32_t a = std::max(lo, kFirst[n]), b = std::min(hi, kLast[n]);
      if (a > b) continue;
      // Surrogates have no UTF-8 form (they fill whole blocks: no partial block from them).
      if (n == 2 && a >= 0xD800 && b <= 0xDFFF) continue;
      any = true;
      if (n == 0) {
        ++ascii_ranges;  // one ByteRange each (the ranges are maximal)
        continue;
      }
      auto piece = [&](unsigned p, unsigned q) {
        if (p == 0 && q == 63) return;
        starts |= std::uint64_t{1} << p, ends |= std::uint64_t{1} << q;
      };
      if ((a >> 6) == (b >> 6)) {
        piece(a & 63, b & 63);
      } else {
        piece(a & 63, 63);
        piece(0, b & 63);
      }
    }
    if (any) ++lengths, longest = n + 1;
  }
  if (lengths == 0) return 0;
  const std::size_t leads = lengths - (ascii_ranges > 0 ? 1 : 0) + ascii_ranges;
  const std::size_t first = static_cast<std::size_t>(__builtin_popcountll(starts));
  const std::size_t last = static_cast<std::size_t>(__builtin_popcountll(ends));
  return leads + std::max({longest - 1, first, last});
}

struct Scan {
  const std::string& p;
  const std::vector<Tok>& toks;
  const std::vector<std::size_t>& end_of;
  bool ok = true;

  // An atom token's code points (sorted) and floor, once per distinct atom text; null when not
  // known (it then counts nothing).
  struct Atom {
    Ranges set;
    std::size_t floor = 0;
  };
  std::map<std::string_view, std::unique_ptr<Atom>> atoms;
  const Atom* Set(std::size_t k) {
    std::string_view text(p.data() + toks[k].b, toks[k].e - toks[k].b);
    auto [it, fresh] = atoms.try_emplace(text);
    if (fresh) {
      auto a = std::make_unique<Atom>();
      if (AtomSet(text, &a->set)) {
        std::sort(a->set.begin(), a->set.end());
        a->floor = AtomFloor(a->set);
        it->second = std::move(a);
      }
    }
    return it->second.get();
  }
  // A non-capturing group holding one atom ("(?:x)"): that atom's token, else npos.
  std::size_t SoleAtom(std::size_t open) const {
    if (toks[open].capturing || end_of[open] != open + 2 || toks[open + 1].kind != Tok::kAtom) return std::string::npos;
    std::string_view g(p.data() + toks[open].b, toks[open].e - toks[open].b);
    return g == "(?:" ? open + 1 : std::string::npos;
  }
  // toks[b, e): alternatives at this level, the largest counts (RE2 factors common prefixes and
  // pieces of alternatives out, so their sum is no floor).
  std::size_t Alt(std::size_t b, std::size_t e) {
    std::size_t best = 0;
    std::size_t k = b;
    while (ok) {
      std::size_t stop = k;
      while (stop < e && toks[stop].kind != Tok::kAlt) stop = toks[stop].kind == Tok::kOpen ? end_of[stop] + 1 : stop + 1;
      best = std::max(best, Seq(k, stop));
      if (stop >= e) break;
      k = stop + 1;
    }
    return best;
  }
  // A concatenation. RE2 coalesces adjacent repetitions of one atom (x*x{0,60} is x*, x{0,60}x
  // x{1,61}): runs of pieces over one code point set count as one repetition of it, with the
  // minimum and maximum counts added (an unbounded maximum stays unbounded).
  std::size_t Seq(std::size_t b, std::size_t e) {
    std::size_t total = 0;
    const Atom* run = nullptr;  // the pending run's atom
    bool in_run = false;
    long run_lo = 0, run_hi = 0;
    auto copies = [](long lo, long hi) -> std::size_t { return hi >= 0 ? hi : std::max(lo, 1L); };
    auto flush = [&] {
      if (in_run) total += run->floor * copies(run_lo, run_hi);
      in_run = false;
    };
    for (std::size_t k = b; k < e && ok;) {
      const Tok& t = toks[k];
      std::size_t next = k + 1;
      std::size_t atom = std::string::npos;
      std::size_t group_floor = 0;
      if (t.kind == Tok::kAtom) {
        atom = k;
      } else if (t.kind == Tok::kOpen) {
        next = end_of[k] + 1;
        atom = SoleAtom(k);
        if (atom == std::string::npos) group_floor = Alt(k + 1, end_of[k]);
      } else if (t.kind == Tok::kOther) {
        // Anchors, \b, flags: no ByteRange; a quantifier after one is not expected.
        if (next < e && toks[next].kind == Tok::kQuant) ok = false;
        k = next;
        continue;
      } else if (t.kind == Tok::kClose) {
        // Only a spliced group's close is reached here (other groups are stepped over whole).
        k = next;
        continue;
      } else {
        ok = false;  // a quantifier out of place
        break;
      }
      long lo = 1, hi = 1;
      if (next < e && toks[next].kind == Tok::kQuant) {
        lo = toks[next].lo, hi = toks[next].hi;
        ++next;
        if (next < e && toks[next].kind == Tok::kQuant) ok = false;  // stacked: RE2 may squash them
      }
      // A non-capturing group without a quantifier is spliced into this concatenation: its
      // pieces may coalesce with the neighbours'.
      if (atom == std::string::npos && t.kind == Tok::kOpen && !t.capturing && lo == 1 && hi == 1 &&
          std::string_view(p.data() + t.b, t.e - t.b) == "(?:") {
        bool has_alt = false;
        for (std::size_t j = k + 1; j < end_of[k]; j = toks[j].kind == Tok::kOpen ? end_of[j] + 1 : j + 1)
          has_alt |= toks[j].kind == Tok::kAlt;
        if (!has_alt) {  // RE2 flattens it: its pieces are read in this run (its close skipped)
          ++k;
          continue;
        }
      }
      const Atom* a = atom != std::string::npos ? Set(atom) : nullptr;
      if (a) {
        if (in_run && (a == run || a->set == run->set)) {
          run_lo += lo;
          run_hi = run_hi < 0 || hi < 0 ? -1 : run_hi + hi;
        } else {
          flush();
          run = a, run_lo = lo, run_hi = hi, in_run = true;
        }
      } else {
        flush();
        total += group_floor * copies(lo, hi);  // an unknown atom counts nothing
      }
      k = next;
    }
    flush();
    return total;
  }
};

}  // namespace programfloor
}  // namespace

std::size_t Utf8ProgramFloor(const std::string& pattern) {
  std::vector<Tok> toks;
  std::vector<std::size_t> end_of, parent;
  if (!Tokenize(pattern, &toks) || !GroupStructure(toks, &end_of, &parent)) return 0;
  // A pattern anchored at its start (^) loses a literal prefix after it to RE2's prefix
  // accelerator (RE2::RequiredPrefix): no floor when a literal may follow the anchor.
  if (!toks.empty() && toks[0].kind == Tok::kOther) {
    if (pattern.compare(toks[0].b, toks[0].e - toks[0].b, "^") != 0 || toks.size() < 2) return 0;
    Ranges r;
    const Tok& t = toks[1];
    if (t.kind != Tok::kAtom && t.kind != Tok::kOther) return 0;
    if (t.kind == Tok::kAtom) {
      const bool quantified = toks.size() > 2 && toks[2].kind == Tok::kQuant;
      if (!quantified && (!AtomSet(std::string_view(pattern.data() + t.b, t.e - t.b), &r) || r.size() != 1 ||
                          r[0].first == r[0].second))
        return 0;
    }
  }
  for (const Tok& t : toks) {
    std::string_view text(pattern.data() + t.b, t.e - t.b);
    // Flags (case folding, (?s), (?U)) change atoms or repetitions: no floor.
    if (t.kind == Tok::kOther && text.size() > 1 && text[0] == '(') return 0;
    if (t.kind == Tok::kOpen && text.size() > 2 && text[1] == '?' && text != "(?:" && text.compare(0, 3, "(?P") != 0)
      return 0;
  }
  programfloor::Scan scan{pattern, toks, end_of};
  std::size_t n = scan.Alt(0, toks.size());
  return scan.ok ? n : 0;
}

bool CaptureGroups(const std::string& pattern, int* count, std::map<std::string, int>* names) {
  std::vector<Tok> toks;
  if (!Tokenize(pattern, &toks)) return false;
  *count = 0;
  names->clear();
  for (const Tok& t : toks) {
    if (t.kind != Tok::kOpen || !t.capturing) continue;
    ++*count;
    if (pattern.compare(t.b, 4, "(?P<") == 0) (*names)[pattern.substr(t.b + 4, t.e - t.b - 5)] = *count;
  }
  return true;
}

namespace alphabet {

// AlphabetProgram over n patterns sharing one alphabet. With `outs` null only the number of
// groups is computed (*groups, any count); else false above 256 groups.
bool Join(const std::string* const* patterns, std::size_t n, std::vector<std::string>* outs, Alphabet* alphabet,
          std::size_t* groups, bool merge = false) {
  std::vector<std::vector<Tok>> toks(n);
  for (std::size_t p = 0; p < n; ++p)
    if (!Tokenize(*patterns[p], &toks[p])) return false;
  // Atoms as code point sets (identical atoms share one, across the patterns too).
  std::map<std::string_view, std::size_t> atom_index;
  std::vector<Ranges> sets;
  std::vector<std::vector<std::size_t>> atom_of(n);
  std::vector<std::size_t> uses;
  for (std::size_t p = 0; p < n; ++p) {
    const std::string& pattern = *patterns[p];
    atom_of[p].assign(toks[p].size(), 0);
    for (std::size_t k = 0; k < toks[p].size(); ++k) {
      const Tok& t = toks[p][k];
      std::string_view text(pattern.data() + t.b, t.e - t.b);
      if (t.kind == Tok::kOther) {
        if (text != "^" && text != "$") return false;  // \b, \B, \A, \z, (?flags)
        continue;
      }
      // Groups with flags ((?i:...), (?s:...)) change what their atoms match: not translated.
      if (t.kind == Tok::kOpen && text != "(" && text != "(?:" && text.compare(0, 4, "(?P<") != 0) return false;
      if (t.kind != Tok::kAtom) continue;
      auto [it, fresh] = atom_index.try_emplace(text, sets.size());
      if (fresh) {
        Ranges r;
        if (!AtomSet(text, &r)) return false;
        sets.push_back(std::move(r));
        uses.push_back(0);
      }
      atom_of[p][k] = it->second;
      ++uses[it->second];
    }
  }
  // Elementary intervals between all range ends, grouped by the atoms that contain them.
  std::vector<char32_t> bounds = {0};
  for (const Ranges& r : sets)
    for (const auto& [lo, hi] : r) {
      bounds.push_back(lo);
      if (hi < 0x10FFFF) bounds.push_back(hi + 1);
    }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  const std::size_t m = bounds.size();
  // Bit sets (start-up: this runs for every rule when its language is first used): atom a holds
  // interval k when bit k of member[a * mw, (a + 1) * mw) is set.
  const std::size_t mw = (m + 63) / 64;
  std::vector<std::uint64_t> member(sets.size() * mw, 0);
  for (std::size_t a = 0; a < sets.size(); ++a)
    for (const auto& [lo, hi] : sets[a]) {
      std::size_t k = std::lower_bound(bounds.begin(), bounds.end(), lo) - bounds.begin();
      for (; k < m && bounds[k] <= hi; ++k) member[a * mw + k / 64] |= std::uint64_t{1} << (k % 64);
    }
  // Group numbers: signatures sorted with the most used atoms first, so that these atoms' groups
  // are consecutive bytes (a class of one byte range is one instruction, k ranges 2k - 1).
  std::vector<std::size_t> order(sets.size());
  const std::vector<std::size_t> real_uses = uses;
  for (std::size_t a = 0; a < sets.size(); ++a)  // one code point: one group whatever the order
    if (sets[a].size() == 1 && sets[a][0].first == sets[a][0].second) uses[a] = 0;
  for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return uses[x] > uses[y]; });
  // Interval k's signature: bit i set when atom order[i] holds it. Groups are numbered in the
  // lexicographic order of the signatures read as sequences of bits (false < true), index 0 first.
  const std::size_t sw = (order.size() + 63) / 64;
  std::vector<std::uint64_t> sig(m * sw, 0);
  // Calls fn(k) for every interval k atom a holds (its set bits; most atoms hold one or two).
  auto each_held = [&](std::size_t a, auto&& fn) {
    for (std::size_t w = 0; w < mw; ++w)
      for (std::uint64_t x = member[a * mw + w]; x != 0; x &= x - 1) fn(w * 64 + static_cast<std::size_t>(__builtin_ctzll(x)));
  };
  std::vector<bool> kept(sets.size(), true);
  auto fill_sig = [&] {
    std::fill(sig.begin(), sig.end(), 0);
    for (std::size_t i = 0; i < order.size(); ++i)
      if (kept[order[i]]) each_held(order[i], [&](std::size_t k) { sig[k * sw + i / 64] |= std::uint64_t{1} << (i % 64); });
  };
  fill_sig();
  auto sig_less = [&](std::size_t x, std::size_t y) {
    for (std::size_t w = 0; w < sw; ++w) {
      const std::uint64_t a = sig[x * sw + w], b = sig[y * sw + w];
      if (a != b) return ((a >> __builtin_ctzll(a ^ b)) & 1) == 0;  // first differing bit: x's unset
    }
    return false;
  };
  std::vector<std::size_t> by_sig(m);
  std::vector<unsigned> group_of(m, 0);
  unsigned next_group = 0;
  auto regroup = [&] {
    for (std::size_t k = 0; k < m; ++k) by_sig[k] = k;
    std::sort(by_sig.begin(), by_sig.end(), sig_less);
    next_group = 0;
    for (std::size_t j = 0; j < m; ++j) {
      if (j > 0 && sig_less(by_sig[j - 1], by_sig[j])) ++next_group;
      group_of[by_sig[j]] = next_group;
    }
  };
  regroup();
  // Merged: the distinctions of the least used atoms dropped (fewest first) until 256 groups do;
  // such an atom becomes the class of every group it meets, a superset of its code points.
  if (merge && m > 0 && next_group + 1 > 256) {
    std::vector<std::size_t> drop(sets.size());
    for (std::size_t a = 0; a < drop.size(); ++a) drop[a] = a;
    std::stable_sort(drop.begin(), drop.end(), [&](std::size_t x, std::size_t y) { return real_uses[x] < real_uses[y]; });
    std::size_t lo = 0, hi = drop.size();  // dropping lo atoms is too few; hi enough (one group)
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      for (std::size_t a = 0; a < drop.size(); ++a) kept[drop[a]] = a >= mid;
      fill_sig();
      regroup();
      (next_group + 1 > 256 ? lo : hi) = mid;
    }
    for (std::size_t a = 0; a < drop.size(); ++a) kept[drop[a]] = a >= hi;
    fill_sig();
    regroup();
  }
  if (groups) *groups = m > 0 ? next_group + 1 : 0;
  if (!outs) return true;
  if (m > 0 && next_group + 1 > 256) return false;
  Alphabet al;
  al.bounds = bounds;
  al.group.resize(m);
  for (std::size_t k = 0; k < m; ++k) al.group[k] = static_cast<unsigned char>(group_of[k]);
  for (char32_t c = 0; c < 128; ++c) {
    auto it = std::upper_bound(bounds.begin(), bounds.end(), c);
    al.ascii[c] = al.group[static_cast<std::size_t>(it - bounds.begin()) - 1];
  }
  al.BuildPages();
  // Each atom becomes the class of its groups.
  std::vector<std::string> atom_text(sets.size());
  for (std::size_t a = 0; a < sets.size(); ++a) {
    std::vector<bool> in(256, false);
    each_held(a, [&](std::size_t k) { in[al.group[k]] = true; });
    std::string cls = "[";
    bool any = false;
    for (unsigned v = 0; v < 256;) {
      if (!in[v]) { ++v; continue; }
      unsigned w = v;
      while (w + 1 < 256 && in[w + 1]) ++w;
      AppendByte(&cls, v);
      if (w > v) cls.push_back('-'), AppendByte(&cls, w);
      any = true;
      v = w + 1;
    }
    if (!any) return false;
    atom_text[a] = cls + "]";
  }
  outs->resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    std::string& out = (*outs)[p];
    out.clear();
    for (std::size_t k = 0; k < toks[p].size(); ++k) {
      const Tok& t = toks[p][k];
      if (t.kind == Tok::kAtom) out.append(atom_text[atom_of[p][k]]);
      else out.append(*patterns[p], t.b, t.e - t.b);
    }
  }
  *alphabet = std::move(al);
  return true;
}

}  // namespace alphabet

bool AlphabetProgram(const std::string& pattern, std::string* out, Alphabet* alphabet) {
  const std::string* p = &pattern;
  std::vector<std::string> outs;
  if (!alphabet::Join(&p, 1, &outs, alphabet, nullptr)) return false;
  *out = std::move(outs[0]);
  return true;
}

bool AlphabetPrograms(const std::vector<std::string>& patterns, std::vector<std::string>* outs, Alphabet* alphabet) {
  std::vector<const std::string*> ps;
  for (const std::string& p : patterns) ps.push_back(&p);
  return alphabet::Join(ps.data(), ps.size(), outs, alphabet, nullptr);
}

bool MergedAlphabetPrograms(const std::vector<std::string>& patterns, std::vector<std::string>* outs, Alphabet* alphabet) {
  std::vector<const std::string*> ps;
  for (const std::string& p : patterns) ps.push_back(&p);
  return alphabet::Join(ps.data(), ps.size(), outs, alphabet, nullptr, /*merge=*/true);
}

std::size_t AlphabetGroups(const std::vector<std::string>& patterns) {
  std::vector<const std::string*> ps;
  for (const std::string& p : patterns) ps.push_back(&p);
  std::size_t groups = 0;
  return alphabet::Join(ps.data(), ps.size(), nullptr, nullptr, &groups) ? groups : 0;
}

namespace {

// Ranges of `r` written as an RE2 class over UTF-8.
std::string ClassOf(const Ranges& r) {
  std::string cls = "[";
  for (const auto& [lo, hi] : r) {
    cls += Hex(lo);
    if (hi > lo) cls += "-" + Hex(hi);
  }
  return cls + "]";
}

Ranges Union(Ranges r) {
  std::sort(r.begin(), r.end());
  Ranges out;
  for (const auto& x : r)
    if (!out.empty() && x.first <= out.back().second + 1) out.back().second = std::max(out.back().second, x.second);
    else out.push_back(x);
  return out;
}

bool Intersect(const Ranges& a, const Ranges& b) {
  for (const auto& x : a)
    for (const auto& y : b)
      if (x.first <= y.second && y.first <= x.second) return true;
  return false;
}

bool WordChars(const Ranges& r) {
  for (const auto& [lo, hi] : r)
    for (char32_t c = lo; c <= hi; ++c)
      if (!(c < 128 && (std::isalnum(static_cast<int>(c)) || c == '\'' || c == '-'))) return false;
  return true;
}

}  // namespace

bool WordProgram(const std::string& p, std::string* out, std::vector<Rule::WordCheck>* checks,
                 std::vector<int>* group_map, std::map<std::string, std::shared_ptr<const RE2>>* compiled) {
  std::vector<Tok> toks;
  if (!Tokenize(p, &toks)) return false;
  const std::size_t n = toks.size();
  std::vector<std::size_t> end_of, parent;
  if (!GroupStructure(toks, &end_of, &parent)) return false;
  auto quant = [&](std::size_t piece) -> const Tok* {
    std::size_t q = end_of[piece] + 1;
    return q < n && toks[q].kind == Tok::kQuant ? &toks[q] : nullptr;
  };
  auto text = [&](std::size_t k) { return std::string_view(p.data() + toks[k].b, toks[k].e - toks[k].b); };
  struct Loose {
    std::size_t open;
    std::vector<std::pair<std::size_t, std::size_t>> words, others;  // token ranges [b, e)
    Ranges first, all;
  };
  std::vector<Loose> loose;
  std::vector<bool> taken(n, false);  // inside a loosened group
  for (std::size_t k = 0; k < n; ++k) {
    if (toks[k].kind != Tok::kOpen || toks[k].capturing || text(k) != "(?:" || taken[k]) continue;
    if (const Tok* q = quant(k); q && (q->hi < 0 || q->hi > 1)) continue;
    bool repeated = false;
    for (std::size_t a = parent[k]; a != n; a = parent[a])
      if (const Tok* q = quant(a); q && (q->hi < 0 || q->hi > 1)) repeated = true;
    if (repeated) continue;
    Loose g{k, {}, {}, {}, {}};
    std::vector<Ranges> word_sets;  // per word atom, in order; words separated in `spans`
    std::vector<std::vector<Ranges>> words;
    bool ok = true;
    std::size_t alt_b = k + 1;
    for (std::size_t j = k + 1; j <= end_of[k] && ok; ++j) {
      if (j < end_of[k] && toks[j].kind == Tok::kOpen) {  // nested group: part of an alternative
        j = end_of[j];
        continue;
      }
      if (j < end_of[k] && toks[j].kind != Tok::kAlt) continue;
      // alternative [alt_b, j)
      bool word = j > alt_b;
      std::vector<Ranges> atoms;
      for (std::size_t t = alt_b; t < j && word; ++t) {
        Ranges r;
        if (toks[t].kind != Tok::kAtom || !AtomSet(text(t), &r) || !WordChars(r)) word = false;
        else atoms.push_back(Union(r));
      }
      if (word) {
        g.words.push_back({alt_b, j});
        words.push_back(atoms);
      } else {
        Ranges first;
        if (j == alt_b || toks[alt_b].kind != Tok::kAtom || !AtomSet(text(alt_b), &first)) ok = false;
        if (alt_b + 1 < j && toks[alt_b + 1].kind == Tok::kQuant && toks[alt_b + 1].lo == 0) ok = false;
        g.others.push_back({alt_b, j});
        g.first.insert(g.first.end(), first.begin(), first.end());  // others' first characters, for now
      }
      alt_b = j + 1;
    }
    if (!ok || words.size() < 4) continue;
    std::size_t letters = 0;
    for (const auto& w : words) letters += w.size();
    if (letters < 16) continue;
    // Prefix-free: no word can match a proper prefix of the text another matches.
    for (std::size_t a = 0; a < words.size() && ok; ++a)
      for (std::size_t b = 0; b < words.size() && ok; ++b) {
        if (a == b || words[a].size() >= words[b].size()) continue;
        bool prefix = true;
        for (std::size_t i = 0; i < words[a].size() && prefix; ++i) prefix = Intersect(words[a][i], words[b][i]);
        if (prefix) ok = false;
      }
    if (!ok) continue;
    Ranges first, all;
    for (const auto& w : words) {
      first.insert(first.end(), w[0].begin(), w[0].end());
      for (const Ranges& r : w) all.insert(all.end(), r.begin(), r.end());
    }
    first = Union(first);
    if (Intersect(first, Union(g.first))) continue;  // another alternative may start where a word does
    g.first = first;
    g.all = Union(all);
    for (std::size_t t = k; t <= end_of[k]; ++t) taken[t] = true;
    loose.push_back(std::move(g));
  }
  if (loose.empty()) return false;
  // Rewrite; capturing groups are renumbered in the order of their opening parentheses.
  out->clear();
  checks->clear();
  group_map->assign(1, 0);
  int group = 0;
  std::size_t li = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (li < loose.size() && loose[li].open == k) {
      const Loose& g = loose[li++];
      out->append("(?:(");
      checks->push_back(Rule::WordCheck{++group, nullptr});
      out->append(ClassOf(g.first)).append(ClassOf(g.all)).append("*)");
      std::string words = "(?:";
      for (std::size_t w = 0; w < g.words.size(); ++w) {
        if (w) words += "|";
        words.append(p, toks[g.words[w].first].b, toks[g.words[w].second - 1].e - toks[g.words[w].first].b);
      }
      words += ")";
      std::shared_ptr<const RE2> re;
      if (compiled)
        if (auto it = compiled->find(words); it != compiled->end()) re = it->second;
      if (!re) {
        RE2::Options o;
        o.set_log_errors(false);
        re = std::make_shared<RE2>(words, o);
        if (compiled) (*compiled)[words] = re;
      }
      if (!re->ok()) return false;
      checks->back().words = std::move(re);
      for (const auto& [b, e] : g.others) {
        out->push_back('|');
        for (std::size_t t = b; t < e; ++t) {
          if (toks[t].kind == Tok::kOpen && toks[t].capturing) group_map->push_back(++group);
          out->append(text(t));
        }
      }
      out->push_back(')');
      k = end_of[k];
      continue;
    }
    if (toks[k].kind == Tok::kOpen && toks[k].capturing) group_map->push_back(++group);
    out->append(text(k));
  }
  return true;
}

// ---- the slot-type prefilter -----------------------------------------------------------------
// The slot types every match of a pattern contains, as clauses: sets of types (bit t for the type
// mark U+E000 + t, t < 8) of which a match holds at least one token. Read off the pattern's
// structure: an atom made only of type marks is a clause; a concatenation needs its pieces'
// clauses; a repetition needs its body's when its minimum is at least one, nothing otherwise; an
// alternation needs the union of one clause of each alternative. Any syntax this scanner does not
// know (flags) needs nothing: the rule is then never skipped.
namespace {
namespace needs {

constexpr std::size_t kMaxClauses = 8;  // clauses kept per piece

using Cnf = std::vector<std::uint8_t>;

// No duplicates, and no clause containing another (it holds whenever the smaller one does); any
// subset of what a pattern needs is still needed.
void Keep(Cnf* c) {
  std::sort(c->begin(), c->end(), [](std::uint8_t a, std::uint8_t b) {
    int na = __builtin_popcount(a), nb = __builtin_popcount(b);
    return na != nb ? na < nb : a < b;
  });
  Cnf kept;
  for (std::uint8_t x : *c) {
    bool implied = false;
    for (std::uint8_t k : kept) implied |= (k & x) == k;
    if (!implied && kept.size() < kMaxClauses) kept.push_back(x);
  }
  *c = std::move(kept);
}

// X or Y: each union of a clause of X and a clause of Y.
Cnf Or(const Cnf& x, const Cnf& y) {
  Cnf out;
  for (std::uint8_t a : x)
    for (std::uint8_t b : y) out.push_back(a | b);
  Keep(&out);
  return out;
}

// The types of an atom made only of type marks (0: any other atom).
std::uint8_t TypesOf(std::string_view atom) {
  Ranges r;
  if (!AtomSet(atom, &r) || r.empty()) return 0;
  std::uint8_t m = 0;
  for (const auto& [lo, hi] : r) {
    if (lo < kTypeMarkBase || hi >= kTypeMarkBase + 8) return 0;
    for (char32_t c = lo; c <= hi; ++c) m |= static_cast<std::uint8_t>(1u << (c - kTypeMarkBase));
  }
  return m;
}

struct Scan {
  const std::string& p;
  const std::vector<Tok>& toks;
  const std::vector<std::size_t>& end_of;
  bool ok = true;

  std::string_view Text(const Tok& t) const { return std::string_view(p).substr(t.b, t.e - t.b); }

  // Tokens [b, e): alternatives.
  Cnf Alt(std::size_t b, std::size_t e) {
    Cnf out;
    bool first = true;
    std::size_t from = b;
    for (std::size_t k = b; k <= e && ok; ++k) {
      if (k < e && toks[k].kind == Tok::kOpen) {
        k = end_of[k];
        continue;
      }
      if (k < e && toks[k].kind != Tok::kAlt) continue;
      Cnf a = Seq(from, k);
      out = first ? std::move(a) : Or(out, a);
      first = false;
      from = k + 1;
    }
    return out;
  }

  // Tokens [b, e): pieces one after the other.
  Cnf Seq(std::size_t b, std::size_t e) {
    Cnf out;
    for (std::size_t k = b; k < e && ok;) {
      const Tok& t = toks[k];
      Cnf piece;
      std::size_t next = k + 1;
      if (t.kind == Tok::kAtom) {
        // Type marks are one code point each; a literal CJK atom is one too, so only short atoms
        // can be type marks or classes of them.
        if (std::uint8_t m = TypesOf(Text(t))) piece.push_back(m);
      } else if (t.kind == Tok::kOpen) {
        std::string_view o = Text(t);
        if (o != "(" && o != "(?:" && o.substr(0, 4) != "(?P<") ok = false;  // flags
        piece = Alt(k + 1, end_of[k]);
        next = end_of[k] + 1;
      } else if (t.kind == Tok::kOther) {
        std::string_view o = Text(t);
        if (o != "^" && o != "$" && o != "\\b" && o != "\\B" && o != "\\A" && o != "\\z") ok = false;
      } else {
        ok = false;
      }
      for (; next < e && toks[next].kind == Tok::kQuant; ++next)
        if (toks[next].lo == 0) piece.clear();
      out.insert(out.end(), piece.begin(), piece.end());
      k = next;
    }
    Keep(&out);
    return out;
  }
};

}  // namespace needs
}  // namespace

std::string TrimForSet(const std::string& p) {
  std::vector<Tok> toks;
  std::vector<std::size_t> end_of, parent;
  if (!Tokenize(p, &toks) || !GroupStructure(toks, &end_of, &parent)) return p;
  // The pieces of the top-level concatenation: an atom or a group with its quantifiers, nullable
  // when one of them allows zero iterations. A group without quantifiers and without alternatives
  // of its own is read as its pieces (its parentheses change nothing for the Set).
  struct Piece {
    std::size_t b = 0, e = 0;  // pattern bytes
    bool nullable = false;
  };
  std::vector<Piece> pieces;
  bool ok = true;
  auto collect = [&](auto&& self, std::size_t from, std::size_t to) -> void {  // tokens [from, to)
    for (std::size_t k = from; k < to && ok;) {
      const Tok& t = toks[k];
      if (t.kind == Tok::kAlt || t.kind == Tok::kQuant || t.kind == Tok::kClose) {
        ok = false;  // alternatives at this level
        return;
      }
      if (t.kind == Tok::kOther && p[t.b] == '(') {
        ok = false;  // (?flags) applies to what follows
        return;
      }
      std::size_t next = (t.kind == Tok::kOpen ? end_of[k] : k) + 1;
      if (t.kind == Tok::kOpen && (next >= to || toks[next].kind != Tok::kQuant)) {
        bool alternatives = false;
        for (std::size_t j = k + 1; j < end_of[k]; ++j) {
          if (toks[j].kind == Tok::kOpen) j = end_of[j];
          else alternatives |= toks[j].kind == Tok::kAlt;
        }
        std::string_view open(p.data() + t.b, t.e - t.b);
        if (!alternatives && (open == "(" || open == "(?:" || open.substr(0, 4) == "(?P<")) {
          self(self, k + 1, end_of[k]);
          k = next;
          continue;
        }
      }
      Piece piece{t.b, toks[next - 1].e, false};
      for (; next < to && toks[next].kind == Tok::kQuant; ++next) {
        piece.nullable |= toks[next].lo == 0;
        piece.e = toks[next].e;
      }
      pieces.push_back(piece);
      k = next;
    }
  };
  collect(collect, 0, toks.size());
  if (!ok) return p;
  std::size_t first = 0, last = pieces.size();
  while (first < last && pieces[first].nullable) ++first;
  while (last > first && pieces[last - 1].nullable) --last;
  if (first == last) return p;  // matches the empty string: wherever it is tried
  std::string out;
  for (std::size_t k = first; k < last; ++k) out.append(p, pieces[k].b, pieces[k].e - pieces[k].b);
  return out;
}

std::vector<std::uint8_t> RequiredTypes(const std::string& pattern) {
  std::vector<Tok> toks;
  std::vector<std::size_t> end_of, parent;
  if (!Tokenize(pattern, &toks) || !GroupStructure(toks, &end_of, &parent)) return {};
  needs::Scan s{pattern, toks, end_of};
  needs::Cnf c = s.Alt(0, toks.size());
  return s.ok ? c : needs::Cnf{};
}

namespace {

std::size_t DecimalDigits(std::size_t v) {
  std::size_t d = 1;
  while (v >= 10) v /= 10, ++d;
  return d;
}

}  // namespace

namespace slotting {

// Slot over any list of mentions with `begin`, `end` and `type` (Mention, SlotMention).
template <typename M>
void SlotInto(std::string_view normalized, std::size_t begin, std::size_t end, const std::vector<M>& mentions,
              SlottedText* s) {
  s->norm_begin = begin;
  s->norm_end = end;
  s->to_norm.Clear();
  s->mentions.clear();
  // No slot-alphabet character (EE 80 xx) in the range (mentions included: a safe overestimate).
  bool clean = true;
  for (const char *p = normalized.data() + begin, *stop = normalized.data() + end;
       (p = static_cast<const char*>(std::memchr(p, 0xEE, stop - p))) != nullptr; ++p)
    if (p + 1 < stop && static_cast<unsigned char>(p[1]) == 0x80) {
      clean = false;
      break;
    }
  auto by_begin = [](const M& m, std::size_t b) { return m.begin < b; };
  auto first = std::lower_bound(mentions.begin(), mentions.end(), begin, by_begin);
  auto last = std::lower_bound(first, mentions.end(), end, by_begin);
  const std::size_t candidates = static_cast<std::size_t>(last - first);
  // The text is written through a pointer into room for the most it can take: the range plus a
  // whole token per candidate mention (each replaces at least one byte). A reused text only grows
  // (zero-filled) by what the last one left short.
  std::string& text = s->text;
  const std::size_t room = (end - begin) + candidates * (6 + 3 * DecimalDigits(candidates));
  if (text.size() < room) text.resize(room);
  char* out = text.data();
  std::size_t n = 0;
  std::size_t pos = begin;
  s->mentions.reserve(candidates);
  s->to_norm.Reserve(2 * candidates + 2);  // text and token runs, the end
  // Text runs are copied whole; to_norm counts up along them.
  auto copy_to = [&](std::size_t stop) {
    if (stop <= pos) return;
    s->to_norm.Add(OffsetMap::Run{n, pos, true});
    std::memcpy(out + n, normalized.data() + pos, stop - pos);
    n += stop - pos;
    pos = stop;
  };
  for (auto it = first; it != last; ++it) {
    if (it->end > end || it->begin < pos || it->end <= it->begin) continue;
    copy_to(it->begin);
    s->to_norm.Add(OffsetMap::Run{n, it->begin, false, static_cast<std::uint32_t>(s->mentions.size())});
    n += WriteSlotToken(out + n, it->type, s->mentions.size());
    s->mentions.push_back(static_cast<std::size_t>(it - mentions.begin()));
    pos = it->end;
  }
  copy_to(end);
  text.resize(n);
  s->to_norm.Add(OffsetMap::Run{n, end, false});
  s->to_norm.Finish(n + 1);
  s->tokens_in_runs = clean && s->mentions.size() < OffsetMap::kNoToken;
}

}  // namespace slotting

SlottedText Slot(std::string_view normalized, std::size_t begin, std::size_t end,
                 const std::vector<Mention>& mentions) {
  SlottedText s;
  slotting::SlotInto(normalized, begin, end, mentions, &s);
  return s;
}

void SlotInto(std::string_view normalized, std::size_t begin, std::size_t end, const std::vector<Mention>& mentions,
              SlottedText* out) {
  slotting::SlotInto(normalized, begin, end, mentions, out);
}

void SlotInto(std::string_view normalized, std::size_t begin, std::size_t end, const std::vector<SlotMention>& mentions,
              SlottedText* out) {
  slotting::SlotInto(normalized, begin, end, mentions, out);
}

void MentionsInto(const SlottedText& s, std::size_t b, std::size_t e, std::vector<std::size_t>* out) {
  out->clear();
  std::string_view t(s.text);
  e = std::min(e, t.size());
  if (s.tokens_in_runs) {
    // The tokens whose type mark starts in [b, e), as the scan below finds them.
    if (b == 0 && e == t.size()) {
      out->assign(s.mentions.begin(), s.mentions.end());
      return;
    }
    const std::vector<OffsetMap::Run>& runs = s.to_norm.runs();
    auto it = std::lower_bound(runs.begin(), runs.end(), b, [](const OffsetMap::Run& r, std::size_t x) { return r.at < x; });
    for (; it != runs.end() && it->at < e; ++it)
      if (it->token != OffsetMap::kNoToken) out->push_back(s.mentions[it->token]);
    return;
  }
  // Every slot character is EE 80 xx in UTF-8: jump from one 0xEE byte to the next.
  for (std::size_t i = b; i < e;) {
    const void* hit = std::memchr(t.data() + i, 0xEE, e - i);
    if (!hit) break;
    i = static_cast<const char*>(hit) - t.data();
    char32_t c = SlotCharAt(t, i);
    if (c >= kTypeMarkBase && c < kDigitBase) {
      std::size_t j = i + 3, idx = 0;
      for (char32_t d; (d = SlotCharAt(t, j)) >= kDigitBase && d <= kDigitBase + 9; j += 3)
        idx = idx * 10 + (d - kDigitBase);
      if (SlotCharAt(t, j) == kSlotEnd && idx < s.mentions.size()) out->push_back(s.mentions[idx]);
      i = j + 3;
    } else {
      ++i;
    }
  }
}

std::vector<std::size_t> MentionsIn(const SlottedText& s, std::size_t b, std::size_t e) {
  std::vector<std::size_t> out;
  MentionsInto(s, b, e, &out);
  return out;
}

Status RuleBook::LoadDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFound("rules directory not found", Location{dir});
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());  // deterministic order: rule-pack version, set indices
  for (const fs::path& p : files) {
    Status st = LoadFile(p.string(), p.parent_path().filename().string());
    if (!st.ok()) return st;
  }
  GroupLanguages();  // each language built on its first use (Built)
  return Status::OK();
}

Status RuleBook::LoadFile(const std::string& path, const std::string& default_lang) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read rule file", Location{path});
  std::ostringstream buf;
  buf << in.rdbuf();
  files_.push_back(path);
  return LoadString(buf.str(), path, default_lang);
}

Status RuleBook::LoadString(std::string_view text, const std::string& path, const std::string& default_lang) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return ParseError(std::string(e.description()),
                      Location{path, static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column), ""});
  }
  return AddPack(&table, path, default_lang);
}

namespace {

// The rule's search program and capture programs (see Rule::captures), built once on first use.
void BuildPrograms(Rule* r) {
  const std::string& merged = r->program;
  // The rule's own UTF-8 program (`re`) is the span search only when the pattern has no alphabet
  // program, and otherwise the last fallback of a parse, which the alphabet search program's
  // parse precedes: compiling it cost ~9 M instructions a rule (counted repetitions over wide
  // classes are expanded copy by copy), most of a rule's first use. Its group numbers and names
  // are read from the pattern, and its size, against which capture variants are weighed, only as
  // far as a comparison needs: Utf8ProgramFloor bounds it from below; the program is compiled
  // when a comparison falls within that bound (or when a fallback first needs it).
  int groups = 0;
  std::map<std::string, int> names;
  const bool scanned = CaptureGroups(merged, &groups, &names);
  const std::size_t floor = scanned ? Utf8ProgramFloor(merged) : 0;
  bool failed = false;
  auto compiled = [&]() -> const RE2& {
    if (!r->re) r->re = std::make_shared<RE2>(merged, RuleOptions());
    failed |= !r->re->ok();
    return *r->re;
  };
  if (!scanned || !r->search_alphabet) {
    const RE2& re = compiled();
    groups = re.NumberOfCapturingGroups();
    names = re.NamedCapturingGroups();
  }
  // The pattern parsed when the pack loaded; a compile failure (a program over RE2's memory
  // budget) leaves a rule that never matches, which its own positive examples report by rule id.
  if (failed) {
    r->unusable = true;
    return;
  }
  // Whether `re` has more than `n` instructions.
  auto re_larger = [&](std::size_t n) {
    if (floor > n) return true;
    const RE2& re = compiled();
    return re.ok() && static_cast<std::size_t>(re.ProgramSize()) > n;
  };
    // Capture programs, in the order tried: Latin-1 programs over the span mapped to the rule's
    // alphabet (relaxing fewer repetitions first; the unrelaxed one last, as it never needs the
    // fallback), then UTF-8 ones. Those that fit BitState are kept; else the smallest if much
    // smaller than the rule.
    std::vector<std::pair<std::string, Rule::CaptureVariant>> cands;  // source, variant
    std::vector<std::string> utf8;
    for (bool inside : {false, true}) {
      std::string cap;
      Rule::CaptureVariant v;
      if (!CaptureProgram(merged, inside, &cap, &v.checks)) continue;
      utf8.push_back(cap);
      cands.push_back({cap, v});
    }
    cands.push_back({merged, Rule::CaptureVariant{}});
    std::vector<Rule::CaptureVariant> fits, others;
    RE2::Options latin = RuleOptions();
    latin.set_encoding(RE2::Options::EncodingLatin1);
    // The pattern's own alphabet program: the span search (Rule::search), and the last alphabet
    // capture variant when it fits.
    std::shared_ptr<const Alphabet> search_al;
    std::shared_ptr<const RE2> search_re;
    const std::string search_prog = std::move(r->search_program);
    r->search_program.clear();
    if (r->search_alphabet) {
      auto sre = std::make_shared<RE2>(search_prog, latin);
      if (sre->ok() && sre->NumberOfCapturingGroups() == groups) {
        search_re = std::move(sre);
        search_al = r->search_alphabet;
      }
    }
    std::set<std::string> seen;
    // Once a variant without checks fits, whatever comes after it would be cut (below) and never
    // run: not compiled at all (start-up; the rule's first use).
    bool free_fit = false;
    auto consider = [&](const std::string& prog, Rule::CaptureVariant v, const RE2::Options& o) {
      if (free_fit || !seen.insert(prog).second) return;
      auto cre = search_re && prog == search_prog && o.encoding() == RE2::Options::EncodingLatin1
                     ? search_re
                     : std::make_shared<RE2>(prog, o);
      bool same_names = cre->ok() && cre->NamedCapturingGroups().size() == names.size();
      if (same_names)
        for (const auto& [name, idx] : names) same_names &= cre->NamedCapturingGroups().count(name) > 0;
      if (!same_names) return;
      // RE2 runs BitState only on programs of at most 512 instructions; above, the NFA (~20
      // times slower on these spans), so a larger capture program is kept only if much smaller
      // (3 size < 2 |re|: weighed below, for the smallest of them, the only one ever used).
      const std::size_t size = cre->ProgramSize();
      bool fit = size <= 512;
      if (fit && (!re_larger(size) || failed)) return;
      if (o.encoding() == RE2::Options::EncodingLatin1) {
        std::shared_ptr<const SpanParser> sp = SpanParser::Compile(prog);
        if (sp && sp->groups() == cre->NumberOfCapturingGroups()) v.parser = std::move(sp);
      }
      v.re = std::move(cre);
      free_fit |= fit && v.checks.empty() && v.words.empty();
      (fit ? fits : others).push_back(std::move(v));
    };
    for (const auto& [src, v] : cands) {
      auto al = std::make_shared<Alphabet>();
      std::string prog;
      if (&src == &cands.back().first && search_re) {
        *al = *search_al;
        prog = search_prog;
      } else if (!AlphabetProgram(src, &prog, al.get())) {
        continue;
      }
      Rule::CaptureVariant lv = v;
      lv.alphabet = std::move(al);
      SepBytes(&lv);
      consider(prog, std::move(lv), latin);
    }
    for (std::size_t k = 0; k < utf8.size(); ++k) consider(utf8[k], cands[k].second, RuleOptions());
    // Then the same with long word alternations loose (WordProgram), while nothing fits BitState
    // without checks.
    if (fits.empty() || !fits.back().checks.empty() || !fits.back().words.empty()) {
      std::map<std::string, std::shared_ptr<const RE2>> word_programs;  // the candidates share words
      for (const auto& [src, v] : cands) {
        std::string loose;
        Rule::CaptureVariant wv = v;
        std::vector<int> group_map;
        if (!WordProgram(src, &loose, &wv.words, &group_map, &word_programs)) continue;
        bool mapped_ok = true;
        for (Rule::CountCheck& c : wv.checks) {
          if (c.group < 0 || static_cast<std::size_t>(c.group) >= group_map.size()) mapped_ok = false;
          else c.group = group_map[c.group];
        }
        if (!mapped_ok) continue;
        auto al = std::make_shared<Alphabet>();
        std::string prog;
        if (!AlphabetProgram(loose, &prog, al.get())) continue;
        wv.alphabet = std::move(al);
        SepBytes(&wv);
        consider(prog, std::move(wv), latin);
      }
    }
    // Variants after one without checks would never run.
    for (std::size_t k = 0; k < fits.size(); ++k)
      if (fits[k].checks.empty() && fits[k].words.empty()) {
        fits.resize(k + 1);
        break;
      }
    r->captures = std::move(fits);
    // When every variant that fits may fail its checks, the smallest of the others (NFA, but on
    // a smaller program than the rule's) before the rule itself.
    if ((r->captures.empty() || !r->captures.back().checks.empty() || !r->captures.back().words.empty()) &&
        !others.empty()) {
      std::stable_sort(others.begin(), others.end(), [](const auto& x, const auto& y) {
        return x.re->ProgramSize() < y.re->ProgramSize();
      });
      // Kept when 3 size < 2 |re| (hence size < |re|); if the smallest is not, no other is.
      const std::size_t size = others.front().re->ProgramSize();
      if (re_larger(size * 3 / 2) && !failed) r->captures.push_back(std::move(others.front()));
    }
    // The span search over the mapped unit; variants over the same alphabet share it (they have
    // the same atoms, used as often, so AlphabetProgram groups them alike).
    r->search_alphabet = search_al;  // null when the search program did not compile
    if (search_re) {
      r->search = search_re;
      std::shared_ptr<const SpanParser> sp = SpanParser::Compile(search_prog);
      if (sp && sp->groups() == search_re->NumberOfCapturingGroups()) r->search_parser = std::move(sp);
      const Alphabet& al = *search_al;
      auto same = [&](const Alphabet& a) {
        return a.bounds == al.bounds && a.group == al.group &&
               std::equal(std::begin(a.ascii), std::end(a.ascii), std::begin(al.ascii));
      };
      for (Rule::CaptureVariant& v : r->captures)
        if (v.alphabet && same(*v.alphabet)) v.alphabet = search_al;
    }
    if (failed) {  // `re` was compiled for a comparison and did not compile: as above
      r->captures.clear();
      r->search = nullptr;
      r->search_parser = nullptr;
      r->unusable = true;
    }
}

}  // namespace

void RuleBook::Prepare(const Rule& rule) const {
  PreparePrograms(rule);
  CompileUtf8(rule);
}

const RE2& RuleBook::Utf8Program(const Rule& rule) const {
  PreparePrograms(rule);  // which may have compiled it (Rule::re is written under its once_flag)
  return CompileUtf8(rule);
}

const RE2& RuleBook::CompileUtf8(const Rule& rule) const {
  std::call_once(rule.re_once, [&rule] {
    Rule* r = const_cast<Rule*>(&rule);  // owned by rules_
    if (!r->re) r->re = std::make_shared<RE2>(r->program, RuleOptions());
  });
  return *rule.re;
}

void RuleBook::PreparePrograms(const Rule& rule) const {
  // The Rule objects are owned (non-const) by rules_; call_once makes the build happen once even
  // when several threads match with one RuleBook.
  std::call_once(rule.programs_once, [this, &rule] {
    // The language first: it gives the rule its search alphabet and program.
    if (auto it = sets_.find(rule.lang); it != sets_.end()) Built(it->first, it->second);
    Rule* r = const_cast<Rule*>(&rule);
    r->type_needs = RequiredTypes(r->expanded);  // read only after Prepare (Match, fact assembly)
    BuildPrograms(r);
  });
}

Status RuleBook::AddPack(const void* table_ptr, const std::string& path, const std::string& default_lang) {
  const toml::table& table = *static_cast<const toml::table*>(table_ptr);
  std::string lang = table["lang"].value_or(default_lang);
  std::string family = table["family"].value_or(std::string());
  auto macros = std::make_shared<std::map<std::string, std::string>>();
  if (const toml::table* mt = table["macros"].as_table()) {
    for (const auto& [k, v] : *mt) {
      if (!v.is_string())
        return ParseError("macro " + std::string(k.str()) + " must be a string", Location{path, LineOf(v), ColOf(v), ""});
      if (!IsMacroName(k.str()))
        return ParseError("macro name " + std::string(k.str()) + " must be UPPER_CASE", Location{path, LineOf(v), ColOf(v), ""});
      (*macros)[std::string(k.str())] = *v.value<std::string>();
    }
  }
  const toml::array* arr = table["rule"].as_array();
  if (!arr) return ParseError("no [[rule]] tables", Location{path, 1, 0, ""});
  static const std::set<std::string> kFamilies = {"agreement", "quote", "role", "event", "dateline"};
  static const std::set<std::string> kKeys = {"id", "pattern", "priority", "confidence", "emits",
                                              "positive", "negative"};
  for (const toml::node& node : *arr) {
    const toml::table* rt = node.as_table();
    int line = LineOf(node);
    if (!rt) return ParseError("[[rule]] must be a table", Location{path, line, 0, ""});
    auto r = std::make_unique<Rule>();
    r->file = path;
    r->line = line;
    r->lang = lang;
    r->family = family;
    std::optional<std::string> id = (*rt)["id"].value<std::string>();
    if (!id || id->empty()) return ParseError("rule without id", Location{path, line, 0, ""});
    r->id = *id;
    Location where{path, line, 0, r->id};
    if (by_id_.count(r->id)) {
      const Rule* prev = by_id_[r->id];
      return ParseError("duplicate rule id (first defined at " + prev->file + ":" + std::to_string(prev->line) + ")", where);
    }
    std::optional<std::string> pattern = (*rt)["pattern"].value<std::string>();
    if (!pattern) return ParseError("rule without pattern", where);
    r->pattern = *pattern;
    if (auto n = (*rt)["pattern"].node()) where.line = LineOf(*n);
    r->emits = (*rt)["emits"].value_or(family);
    if (!kFamilies.count(r->emits))
      return ParseError("emits must be agreement, quote, role, event or dateline (got '" + r->emits + "')", where);
    if (r->family.empty()) r->family = r->emits;
    r->priority = static_cast<int>((*rt)["priority"].value_or(int64_t{0}));
    r->confidence = (*rt)["confidence"].value_or(0.5);
    if (r->confidence < 0 || r->confidence > 1) return ParseError("confidence must be in [0,1]", where);
    for (const char* key : {"positive", "negative"}) {
      const toml::node* ex = (*rt)[key].node();
      if (!ex) continue;
      const toml::array* ea = ex->as_array();
      if (!ea) return ParseError(std::string(key) + " must be an array of strings", Location{path, LineOf(*ex), 0, r->id});
      for (const toml::node& e : *ea) {
        if (!e.is_string())
          return ParseError(std::string(key) + " examples must be strings", Location{path, LineOf(e), 0, r->id});
        (std::string(key) == "positive" ? r->positive : r->negative).push_back(*e.value<std::string>());
      }
    }
    if (r->positive.size() < 2 || r->negative.empty())
      return ParseError("a rule needs at least 2 positive and 1 negative examples (has " +
                            std::to_string(r->positive.size()) + " and " + std::to_string(r->negative.size()) + ")",
                        Location{path, line, 0, r->id});
    for (const auto& [k, v] : *rt) {
      std::string key(k.str());
      if (kKeys.count(key)) continue;
      if (!v.is_string())
        return ParseError("attribute " + key + " must be a string", Location{path, LineOf(v), ColOf(v), r->id});
      r->attrs[key] = *v.value<std::string>();
    }
    std::string unknown;
    if (!ExpandMacros(r->pattern, *macros, &r->expanded, &unknown))
      return ParseError("unknown macro {" + unknown + "} in pattern", where);
    // The program compiled is the expanded pattern with adjacent slot alternatives merged (the
    // same language and parses, fewer instructions, smaller DFA states).
    const std::string merged = MergeSlotAlternatives(r->expanded);
    {
      // Parsed, not compiled (RE2::Set::Add only parses): the compile waits for the rule's first
      // use, but a pattern RE2 cannot read is still an error of the pack, with its file and line.
      RE2::Set parse_only(RuleOptions(), RE2::UNANCHORED);
      std::string error;
      if (parse_only.Add(merged, &error) < 0) return ParseError("bad RE2 pattern: " + error, where);
    }
    // The span search's alphabet on the language's first use (BuildLanguage), the search and
    // capture programs on the rule's (Prepare): most of the cost of loading, and a process
    // matching one language never uses the other's rules.
    r->program = merged;
    r->macros = macros;
    by_id_[r->id] = r.get();
    rules_.push_back(std::move(r));
  }
  return Status::OK();
}

void RuleBook::GroupLanguages() {
  sets_.clear();
  for (const auto& r : rules_) sets_[r->lang].rules.push_back(r.get());
}

Status RuleBook::Compile() {
  GroupLanguages();
  for (auto& [lang, ls] : sets_) {
    if (const Status& st = Built(lang, ls).status; !st.ok()) return st;
    BuildNeeds(&ls);  // every rule's now (Prepare computes a rule's on its first use otherwise)
  }
  return Status::OK();
}

const RuleBook::LangSet& RuleBook::Built(const std::string& lang, const LangSet& ls) const {
  if (ls.ready.load(std::memory_order_acquire)) return ls;
  // sets_ and the rules are owned (non-const) by this book; call_once builds once across threads.
  LangSet& m = const_cast<LangSet&>(ls);
  std::call_once(m.built, [&] {
    m.status = const_cast<RuleBook*>(this)->BuildLanguage(lang, &m);
    m.ready.store(true, std::memory_order_release);
  });
  return ls;
}

namespace setparts {

// True when every match of `p` starts at the text's start: a leading ^ outside any alternation.
// A Set of such patterns runs anchored (RE2::ANCHOR_START), so its DFA stops once every thread
// has died instead of carrying the unanchored prefix to the end of the text.
bool AnchoredAtStart(const std::string& p) {
  std::vector<Tok> toks;
  if (!Tokenize(p, &toks) || toks.empty() || toks[0].kind != Tok::kOther || p.compare(toks[0].b, 1, "^") != 0 ||
      toks[0].e != toks[0].b + 1)
    return false;
  int depth = 0;
  for (const Tok& t : toks) {
    depth += (t.kind == Tok::kOpen) - (t.kind == Tok::kClose);
    if (t.kind == Tok::kAlt && depth == 0) return false;
  }
  return true;
}

// Bytes per code point of the language's own texts (its rules' positive examples): what one DFA
// step over UTF-8 covers compared with one over the mapped unit.
double BytesPerCodePoint(const std::vector<const Rule*>& rules) {
  std::size_t bytes = 0, cps = 0;
  for (const Rule* r : rules)
    for (const std::string& t : r->positive) {
      bytes += t.size();
      for (char c : t) cps += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
  return cps == 0 ? 1.0 : static_cast<double>(bytes) / static_cast<double>(cps);
}

}  // namespace setparts

Status RuleBook::BuildLanguage(const std::string& lang, LangSet* ls) {
  // Each rule's span-search alphabet (BuildUnitClasses needs every rule's); the program itself
  // is compiled on the rule's first use (BuildPrograms). Kept when an earlier build made one.
  for (const Rule* cr : ls->rules) {
    Rule* r = const_cast<Rule*>(cr);  // owned by rules_
    if (r->search_alphabet) continue;
    auto al = std::make_shared<Alphabet>();
    std::string prog;
    if (AlphabetProgram(r->program, &prog, al.get())) {
      r->search_alphabet = std::move(al);
      r->search_program = std::move(prog);
    }
  }
  std::vector<Alphabet> alphabets;
  if (Status st = BuildSetParts(lang, ls, latin_sets_, &alphabets); !st.ok()) return st;
  BuildUnitClasses(lang, ls, alphabets);
  if (ls->latin && !ls->classes) {  // no unit classes to map the text with (> 65535 classes): UTF-8
    alphabets.clear();
    if (Status st = BuildSetParts(lang, ls, false, &alphabets); !st.ok()) return st;
  }
  return Status::OK();
}

Status RuleBook::BuildSetParts(const std::string& lang, LangSet* ls, bool latin, std::vector<Alphabet>* alphabets) {
  ls->parts.clear();
  ls->latin = false;
  alphabets->clear();
  const std::size_t n = ls->rules.size();
  std::vector<std::string> pats(n);
  std::vector<int> one_byte, utf8;  // rule indices: Latin-1 parts, the UTF-8 part
  // A rule whose program has an alphabet program (its search alphabet, BuildLanguage) has one for
  // its Set pattern too: relaxing changes counts only, trimming drops atoms.
  for (std::size_t i = 0; i < n; ++i) {
    pats[i] = TrimForSet(RelaxForSet(ls->rules[i]->program));
    (latin && ls->rules[i]->search_alphabet ? one_byte : utf8).push_back(static_cast<int>(i));
  }
  // The rules left over UTF-8: those anchored at the start in an anchored Set (a few bytes a
  // unit), the others in an unanchored one (a whole pass over the UTF-8 text).
  std::vector<int> utf8_anchored, utf8_free;
  for (int i : utf8) (setparts::AnchoredAtStart(pats[i]) ? utf8_anchored : utf8_free).push_back(i);
  // Latin-1 parts only where they take fewer DFA steps than one UTF-8 pass, from the language's
  // own texts: a pass per part over the code points (plus ~10 % for mapping the unit to each
  // part's bytes and ~15 % for the classes themselves) and the unanchored UTF-8 pass if any,
  // against one pass over the bytes. Chinese (~3 bytes a character) gains; English (~1 byte a
  // character) would only add the mapping: decided before any alphabet is joined (start-up).
  const double r = setparts::BytesPerCodePoint(ls->rules);
  auto latin_pays = [&](std::size_t parts) {
    return 1.1 * static_cast<double>(parts) + 0.15 + (utf8_free.empty() ? 0.0 : r) < r;
  };
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  bool merged = false;
  if (!one_byte.empty() && latin_pays(1)) {
    std::vector<const std::string*> ps;
    auto fits = [&](std::size_t b, std::size_t e) {
      ps.clear();
      for (std::size_t k = b; k < e; ++k) ps.push_back(&pats[one_byte[k]]);
      std::size_t g = 0;
      return alphabet::Join(ps.data(), ps.size(), nullptr, nullptr, &g) && g <= 256;
    };
    if (merged_sets_ || fits(0, one_byte.size())) {
      // One part: exact when 256 groups do, else over a merged alphabet (MergedAlphabetPrograms:
      // a superset prefilter, one pass instead of several; the extra candidates' span searches
      // are exact).
      runs.push_back({0, one_byte.size()});
      merged = merged_sets_;
    } else {
      // Exact parts: rules in pack order, as many per part as share one alphabet of at most 256
      // groups (a file's rules share its macros, hence most atoms): the longest fitting run,
      // found by doubling then bisection (a few joins per part instead of one per rule).
      for (std::size_t b = 0; b < one_byte.size();) {
        std::size_t lo = b + 1, hi = one_byte.size() + 1;  // [b, lo) fits; [b, hi) does not
        for (std::size_t step = 1; lo < one_byte.size(); step *= 2) {
          const std::size_t e = std::min(one_byte.size(), lo + step);
          if (!fits(b, e)) {
            hi = e;
            break;
          }
          lo = e;
        }
        while (hi <= one_byte.size() && hi - lo > 1) {
          const std::size_t mid = lo + (hi - lo) / 2;
          (fits(b, mid) ? lo : hi) = mid;
        }
        runs.push_back({b, lo});
        b = lo;
      }
      if (!latin_pays(runs.size())) runs.clear();
    }
  }
  if (runs.empty()) {  // one UTF-8 Set of all rules, as without Latin-1 parts
    utf8_anchored.clear();
    utf8_free.resize(n);
    for (std::size_t i = 0; i < n; ++i) utf8_free[i] = static_cast<int>(i);
  }
  RE2::Options so = RuleOptions();
  so.set_max_mem(256 << 20);
  RE2::Options lo = so;
  lo.set_encoding(RE2::Options::EncodingLatin1);
  auto add_part = [&](const std::vector<int>& idx, const std::vector<std::string>& progs, bool is_latin,
                      RE2::Anchor anchor = RE2::UNANCHORED) -> Status {
    SetPart part;
    part.set = std::make_unique<RE2::Set>(is_latin ? lo : so, anchor);
    for (std::size_t k = 0; k < idx.size(); ++k) {
      const Rule* r = ls->rules[idx[k]];
      std::string err;
      if (part.set->Add(progs[k], &err) < 0)
        return ParseError("pattern rejected by RE2::Set: " + err, Location{r->file, r->line, 0, r->id});
      part.rule_of.push_back(idx[k]);
    }
    if (!part.set->Compile()) return Internal("RE2::Set compile failed (out of memory?) for language " + lang);
    ls->parts.push_back(std::move(part));
    return Status::OK();
  };
  for (const auto& [b, e] : runs) {
    std::vector<int> idx(one_byte.begin() + b, one_byte.begin() + e);
    std::vector<std::string> part_pats, progs;
    for (int i : idx) part_pats.push_back(pats[i]);
    Alphabet al;
    if (!(merged ? MergedAlphabetPrograms(part_pats, &progs, &al) : AlphabetPrograms(part_pats, &progs, &al))) {
      utf8_free.insert(utf8_free.end(), idx.begin(), idx.end());
      continue;
    }
    if (Status st = add_part(idx, progs, true); !st.ok()) return st;
    alphabets->push_back(std::move(al));
    ls->latin = true;
  }
  for (const auto* idx : {&utf8_anchored, &utf8_free}) {
    if (idx->empty()) continue;
    std::vector<std::string> progs;
    for (int i : *idx) progs.push_back(pats[i]);
    if (Status st = add_part(*idx, progs, false, idx == &utf8_anchored ? RE2::ANCHOR_START : RE2::UNANCHORED); !st.ok())
      return st;
    alphabets->emplace_back();
  }
  return Status::OK();
}

void RuleBook::BuildUnitClasses(const std::string& lang, LangSet* ls, const std::vector<Alphabet>& alphabets) {
  ls->classes.reset();
  std::vector<char32_t> bounds = {0};
  for (const Rule* r : ls->rules)
    if (r->search_alphabet) bounds.insert(bounds.end(), r->search_alphabet->bounds.begin(), r->search_alphabet->bounds.end());
  // The Latin-1 Set parts' alphabets too: their atoms are the rules' (relaxed, trimmed), so these
  // add nothing in practice, but a class must lie inside one interval of every alphabet read.
  for (const Alphabet& al : alphabets) bounds.insert(bounds.end(), al.bounds.begin(), al.bounds.end());
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  if (bounds.size() == 1 || bounds.size() > 0xFFFF) return;
  auto uc = std::make_unique<UnitClasses>();
  uc->bounds = bounds;
  auto class_of = [&](char32_t c) {
    return static_cast<std::uint16_t>(std::upper_bound(bounds.begin(), bounds.end(), c) - bounds.begin() - 1);
  };
  for (char32_t c = 0; c < 128; ++c) uc->ascii[c] = class_of(c);
  for (char32_t p = 0; p < 256; ++p) {
    const char32_t lo = p << 8, hi = lo + 255;
    auto it = std::upper_bound(bounds.begin(), bounds.end(), lo);
    if (it == bounds.end() || *it > hi) {
      uc->page[p] = UnitClasses::kWholePage | class_of(lo);
      continue;
    }
    uc->page[p] = static_cast<std::uint32_t>(uc->pages.size() >> 8);
    for (char32_t c = lo; c <= hi; ++c) uc->pages.push_back(class_of(c));
  }
  uc->bmp.resize(0x10000);
  for (char32_t c = 0; c < 0x10000; ++c) uc->bmp[c] = uc->Of(c);
  // Each class lies inside one interval of every rule's alphabet: its first code point decides.
  for (const auto& r : rules_) {
    if (r->lang != lang || !r->search_alphabet) continue;
    r->byte_of_class.resize(bounds.size());
    for (std::size_t k = 0; k < bounds.size(); ++k) r->byte_of_class[k] = r->search_alphabet->Of(bounds[k]);
  }
  for (std::size_t p = 0; p < ls->parts.size() && p < alphabets.size(); ++p) {
    if (alphabets[p].bounds.empty()) continue;  // the UTF-8 part
    std::vector<unsigned char>& b = ls->parts[p].byte_of_class;
    b.resize(bounds.size());
    for (std::size_t k = 0; k < bounds.size(); ++k) b[k] = alphabets[p].Of(bounds[k]);
  }
  ls->classes = std::move(uc);
}


void RuleBook::BuildNeeds(LangSet* ls) {
  for (const Rule* cr : ls->rules) const_cast<Rule*>(cr)->type_needs = RequiredTypes(cr->expanded);  // owned by rules_
}

std::uint8_t TypesIn(std::string_view text) {
  std::uint8_t types = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (end - p >= 3 && (p = static_cast<const char*>(std::memchr(p, 0xEE, end - p - 2))) != nullptr) {
    const unsigned char b1 = p[1], b2 = p[2];
    if (b1 == 0x80 && b2 >= 0x80 && b2 < 0x88) types |= std::uint8_t(1u << (b2 - 0x80));
    ++p;
  }
  return types;
}

bool RuleBook::Admits(const Rule& rule, std::string_view text) {
  const std::uint8_t types = TypesIn(text);
  for (std::uint8_t c : rule.type_needs)
    if ((c & types) == 0) return false;
  return true;
}

const Rule* RuleBook::Find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

bool RuleBook::HasParagraphRules(const std::string& lang) const {
  for (const auto& r : rules_) {
    auto it = r->attrs.find("scope");
    if (r->lang == lang && it != r->attrs.end() && it->second == "lines") return true;
  }
  return false;
}

std::vector<std::string> RuleBook::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, ls] : sets_) out.push_back(lang);
  return out;
}

RuleBook::SetLayout RuleBook::Layout(const std::string& lang) const {
  SetLayout out;
  auto it = sets_.find(lang);
  if (it == sets_.end()) return out;
  for (const SetPart& p : Built(lang, it->second).parts) {
    const bool latin = !p.byte_of_class.empty();
    out.latin_parts += latin;
    (latin ? out.latin_rules : out.utf8_rules) += p.rule_of.size();
  }
  return out;
}

std::vector<const Rule*> RuleBook::Candidates(const std::string& lang, std::string_view text) const {
  std::vector<const Rule*> out;
  CandidatesInto(lang, text, &out);
  return out;
}

void RuleBook::CandidatesInto(const std::string& lang, std::string_view text, std::vector<const Rule*>* out) const {
  out->clear();
  auto it = sets_.find(lang);
  if (it != sets_.end()) CandidatesInto(Built(lang, it->second), text, nullptr, out);
}

void RuleBook::CandidatesInto(const LangSet& ls, std::string_view text, const UnitCodes* codes,
                              std::vector<const Rule*>* out) const {
  out->clear();
  if (ls.parts.empty()) {  // the language's Set did not build (Built): every rule (slower, never wrong)
    out->assign(ls.rules.begin(), ls.rules.end());
    return;
  }
  thread_local std::vector<int> hits, found;
  thread_local std::string mapped;
  thread_local UnitCodes own_codes;
  if (ls.latin && !codes) codes = Codes(ls, text, &own_codes);
  found.clear();
  for (const SetPart& part : ls.parts) {
    re2::StringPiece in(text.data(), text.size());
    if (!part.byte_of_class.empty()) {  // one byte per code point (Latin-1 parts; codes exist)
      const std::size_t n = codes->cls.size();
      mapped.resize(n);
      const std::uint16_t* cls = codes->cls.data();
      const unsigned char* to = part.byte_of_class.data();
      char* m = mapped.data();
      for (std::size_t k = 0; k < n; ++k) m[k] = static_cast<char>(to[cls[k]]);
      in = re2::StringPiece(mapped.data(), n);
    }
    hits.clear();
    RE2::Set::ErrorInfo info;
    if (!part.set->Match(in, &hits, &info)) {
      // The DFA ran out of memory on this text: every rule is a candidate (slower, never wrong).
      if (info.kind != RE2::Set::kNoError) {
        out->assign(ls.rules.begin(), ls.rules.end());
        return;
      }
      continue;
    }
    for (int h : hits) found.push_back(part.rule_of[h]);
  }
  if (found.size() > 1) std::sort(found.begin(), found.end());
  out->reserve(found.size());
  for (int h : found) out->push_back(ls.rules[h]);
}

namespace {

// True when every relaxed repetition of the capture program kept to the upper bound of the rule
// (the relaxed form keeps the lower one): the span checked covers all its iterations, and each
// iteration takes at least one code point, so code points ≥ iterations.
// True when every loose word group that took part holds one of its words (`g` over UTF-8).
bool WordsHold(const std::vector<Rule::WordCheck>& checks, const std::vector<re2::StringPiece>& g) {
  for (const Rule::WordCheck& c : checks) {
    const re2::StringPiece& p = g[c.group];
    if (p.data() != nullptr && !RE2::FullMatch(p, *c.words)) return false;
  }
  return true;
}

bool CountsHold(const std::vector<Rule::CountCheck>& checks, const std::vector<re2::StringPiece>& g,
                bool one_byte_per_char) {
  for (const Rule::CountCheck& c : checks) {
    const re2::StringPiece& p = g[c.group];
    if (p.data() == nullptr) continue;  // in an alternative that did not take part
    std::size_t n = 0;
    if (one_byte_per_char && !c.sep_bytes.empty()) {  // runs of sep bytes
      bool in = false;
      for (char ch : p) {
        bool now = c.sep_bytes[static_cast<unsigned char>(ch)];
        n += now && !in;
        in = now;
      }
    } else if (!one_byte_per_char && !c.sep.empty()) {  // runs of sep code points
      bool in = false;
      for (std::size_t i = 0; i < p.size();) {
        std::size_t len = 1;
        char32_t cp = DecodeAt(std::string_view(p.data(), p.size()), i, &len);
        bool now = false;
        for (const auto& [lo, hi] : c.sep) now |= cp >= lo && cp <= hi;
        n += now && !in;
        in = now;
        i += len;
      }
    } else if (one_byte_per_char) {
      n = p.size();
    } else {
      for (char ch : p) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    }
    if (n > c.hi) return false;
  }
  return true;
}

// sep_bytes of a variant's checks over its alphabet (every group lies inside sep or outside it,
// sep being one of the pattern's atoms; otherwise the check counts code points).
void SepBytes(Rule::CaptureVariant* v) {
  if (!v->alphabet) return;
  const Alphabet& al = *v->alphabet;
  for (Rule::CountCheck& c : v->checks) {
    c.sep_bytes.clear();
    if (c.sep.empty()) continue;
    std::vector<int> state(256, -1);  // -1 unseen, 0 outside sep, 1 inside
    bool consistent = true;
    for (std::size_t k = 0; k < al.bounds.size() && consistent; ++k) {
      char32_t lo = al.bounds[k], hi = k + 1 < al.bounds.size() ? al.bounds[k + 1] - 1 : 0x10FFFF;
      int inside = -1;
      for (const auto& [a, b] : c.sep) {
        if (a <= lo && hi <= b) inside = 1;
        else if (a <= hi && lo <= b) consistent = false;  // partly inside
      }
      if (inside < 0) inside = 0;
      int& st = state[al.group[k]];
      if (st >= 0 && st != inside) consistent = false;
      st = inside;
    }
    if (!consistent) {
      c.sep.clear();  // count code points
      continue;
    }
    c.sep_bytes.assign(256, false);
    for (int b = 0; b < 256; ++b) c.sep_bytes[b] = state[b] == 1;
  }
}

// text[b,e) with one code point of context on each side (for ^ and $, which look at the ends of
// the whole text), one alphabet byte per code point; pos[i] is the offset in text of mapped byte
// i (pos has one more entry, the end). *mb, *me: where b and e are in the mapped copy.
void MapSpan(const Alphabet& al, std::string_view text, std::size_t b, std::size_t e, std::string* mapped,
             std::vector<std::size_t>* pos, std::size_t* mb, std::size_t* me) {
  std::size_t from = b, to = e;
  if (from > 0) {
    --from;
    while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  }
  if (to < text.size()) to = std::min(text.size(), to + LeadLen(static_cast<unsigned char>(text[to])));
  // One byte per code point at most: size the buffers once, then write through pointers.
  mapped->resize(to - from);
  pos->resize(to - from + 1);
  char* mp = mapped->data();
  std::size_t* pp = pos->data();
  std::size_t n = 0;
  *mb = *me = 0;
  for (std::size_t i = from; i < to;) {
    if (i == b) *mb = n;
    if (i == e) *me = n;
    unsigned char c = text[i];
    pp[n] = i;
    if (c < 0x80) {
      mp[n++] = static_cast<char>(al.ascii[c]);
      ++i;
    } else if ((c & 0xF0) == 0xE0 && i + 3 <= text.size()) {  // most of a Chinese text
      char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(text[i + 2]) & 0x3F);
      mp[n++] = static_cast<char>(al.Of(cp));
      i += 3;
    } else {
      std::size_t len = 1;
      char32_t cp = DecodeAt(text, i, &len);
      mp[n++] = static_cast<char>(al.Of(cp));
      i += len;
    }
  }
  if (to == e) *me = n;
  if (to == b) *mb = n;
  pp[n] = to;
  mapped->resize(n);
  pos->resize(n + 1);
}

}  // namespace

namespace {
// Per-thread buffers of the matcher, kept between calls.
struct MatchScratch {
  std::vector<re2::StringPiece> groups, cgroups;
  std::string mapped, unit;
  std::vector<std::size_t> mpos;
  std::vector<const Rule*> candidates;
  UnitCodes codes;
  std::vector<std::pair<std::size_t, std::uint8_t>> suffix_types;
};
MatchScratch& Scratch() {
  thread_local MatchScratch m;
  return m;
}
}  // namespace

const UnitCodes* RuleBook::Codes(const std::string& lang, const SlottedText& s, UnitCodes* codes) const {
  auto it = sets_.find(lang);
  return it == sets_.end() ? nullptr : Codes(Built(lang, it->second), s.text, codes);
}

const UnitCodes* RuleBook::Codes(const LangSet& ls, std::string_view t, UnitCodes* codes,
                                 std::vector<std::pair<std::size_t, std::uint8_t>>* suffix_types) const {
  if (!ls.classes) return nullptr;
  if (suffix_types) suffix_types->clear();
  const UnitClasses& uc = *ls.classes;
  const std::uint16_t* bmp = uc.bmp.data();
  codes->cls.resize(t.size());
  codes->pos.resize(t.size() + 1);
  std::uint16_t* cp = codes->cls.data();
  std::size_t* pp = codes->pos.data();
  std::size_t n = 0;
  for (std::size_t i = 0; i < t.size();) {
    unsigned char c = t[i];
    pp[n] = i;
    if (c < 0x80) {
      cp[n++] = uc.ascii[c];
      ++i;
    } else if ((c & 0xF0) == 0xE0 && i + 3 <= t.size()) {
      char32_t u = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(t[i + 1]) & 0x3F) << 6) |
                   (static_cast<unsigned char>(t[i + 2]) & 0x3F);
      cp[n++] = bmp[u];
      // A type mark (U+E000..U+E007, EE 80 80..87): SuffixTypes' entries, read on the way (the
      // text is valid UTF-8, so every 0xEE byte SuffixTypes finds starts a code point here).
      if (suffix_types && u - kTypeMarkBase < 8) suffix_types->push_back({i, static_cast<std::uint8_t>(1u << (u - kTypeMarkBase))});
      i += 3;
    } else {
      std::size_t len = 1;
      char32_t u = DecodeAt(t, i, &len);
      cp[n++] = uc.Of(u);
      i += len;
    }
  }
  pp[n] = t.size();
  codes->cls.resize(n);
  codes->pos.resize(n + 1);
  if (suffix_types)
    for (std::size_t k = suffix_types->size(); k-- > 1;) (*suffix_types)[k - 1].second |= (*suffix_types)[k].second;
  return codes;
}

std::vector<RuleMatch> RuleBook::MatchRule(const Rule& rule, const SlottedText& s) const {
  std::vector<RuleMatch> out;
  UnitCodes codes;
  PreparePrograms(rule);
  MatchRuleInto(rule, s, rule.search ? Codes(rule.lang, s, &codes) : nullptr, nullptr, &out);
  return out;
}

void SuffixTypes(std::string_view text, std::vector<std::pair<std::size_t, std::uint8_t>>* out) {
  out->clear();
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; end - p >= 3 && (p = static_cast<const char*>(std::memchr(p, 0xEE, end - p - 2))) != nullptr;) {
    const unsigned char b1 = p[1], b2 = p[2];
    if (b1 == 0x80 && b2 >= 0x80 && b2 < 0x88) {
      out->push_back({static_cast<std::size_t>(p - begin), static_cast<std::uint8_t>(1u << (b2 - 0x80))});
      p += 3;
      // The token's digits and terminator (EE 80 90..9F).
      while (end - p >= 3 && static_cast<unsigned char>(p[0]) == 0xEE && static_cast<unsigned char>(p[1]) == 0x80 &&
             (static_cast<unsigned char>(p[2]) & 0xF0) == 0x90)
        p += 3;
    } else {
      ++p;
    }
  }
  for (std::size_t k = out->size(); k-- > 1;) (*out)[k - 1].second |= (*out)[k].second;
}

void RuleBook::MatchRuleInto(const Rule& rule, const SlottedText& s, const UnitCodes* codes,
                             const std::vector<std::pair<std::size_t, std::uint8_t>>* suffix_types,
                             std::vector<RuleMatch>* out) const {
  if (rule.unusable) return;  // its program did not compile (BuildPrograms)
  re2::StringPiece text(s.text);
  MatchScratch& scratch = Scratch();
  std::vector<re2::StringPiece>& groups = scratch.groups;
  std::vector<re2::StringPiece>& cgroups = scratch.cgroups;
  std::string& mapped = scratch.mapped;
  std::vector<std::size_t>& mpos = scratch.mpos;
  // The unit in the rule's alphabet, one byte per code point (codes->pos: back to text offsets).
  const bool on_unit = codes != nullptr && rule.search != nullptr && rule.byte_of_class.size() > 0;
  std::string& unit = scratch.unit;
  if (on_unit) {
    const std::size_t n = codes->cls.size();
    unit.resize(n);
    const unsigned char* to = rule.byte_of_class.data();
    const std::uint16_t* from = codes->cls.data();
    char* u = unit.data();
    for (std::size_t i = 0; i < n; ++i) u[i] = static_cast<char>(to[from[i]]);
  }
  const re2::StringPiece unit_text(on_unit ? unit.data() : nullptr, on_unit ? unit.size() : 0);
  const std::size_t end = on_unit ? unit.size() : s.text.size();
  std::size_t pos = 0;
  std::size_t text_pos = 0;  // pos in the slotted text
  while (pos <= end) {
    // No match can start at or after pos when the rest of the unit lacks a slot type the rule
    // needs: most candidates end here instead of in a failing search to the end of the unit.
    if (suffix_types && slot_prefilter_ && !rule.type_needs.empty()) {
      std::uint8_t types = 0;  // of the tokens starting at or after text_pos
      for (auto it = suffix_types->rbegin(); it != suffix_types->rend() && it->first >= text_pos; ++it) types = it->second;
      bool ok = true;
      for (std::uint8_t c : rule.type_needs) ok &= (c & types) != 0;
      if (!ok) break;
    }
    // The span first, on the DFAs alone (RE2 does the same inside a capturing Match); then the
    // parse of exactly that span, as RE2 would run it. Over the mapped unit, the alphabet program
    // has the same parses as the pattern at corresponding code points, hence the same span.
    re2::StringPiece whole;
    std::size_t ub = 0, ue = 0, b = 0, e = 0;  // unit (code point) and text offsets
    const RE2* used = nullptr;
    bool walked = false;
    // The match and its parse in one walk of the pattern's own alphabet program (SpanParser::
    // Search: RE2's leftmost-first match with its groups) instead of a forward and a reverse DFA
    // pass for the span, then a parse - when choice points × positions stay at most 16,384,
    // beyond which the walk's failing starts cost more than RE2's DFAs (measured: the dev corpus,
    // zh and en; 65,536 was worse in both, also with the walk's stamped visited table).
    constexpr std::size_t kWalkCells = 16384;
    if (on_unit && rule.search_parser && std::size_t{rule.search_parser->splits()} * (end - pos + 1) <= kWalkCells) {
      groups.assign(rule.search->NumberOfCapturingGroups() + 1, re2::StringPiece());
      if (!rule.search_parser->Search(unit_text, pos, end, groups.data())) break;
      ub = groups[0].data() - unit.data();
      ue = ub + groups[0].size();
      b = codes->pos[ub];
      e = codes->pos[ue];
      for (re2::StringPiece& gp : groups) {
        if (gp.data() == nullptr) continue;
        std::size_t i = gp.data() - unit.data();
        gp = re2::StringPiece(s.text.data() + codes->pos[i], codes->pos[i + gp.size()] - codes->pos[i]);
      }
      used = rule.search.get();
      walked = true;
    } else if (on_unit) {
      if (!rule.search->Match(unit_text, pos, end, RE2::UNANCHORED, &whole, 1)) break;
      ub = whole.data() - unit.data();
      ue = ub + whole.size();
      b = codes->pos[ub];
      e = codes->pos[ue];
    } else {
      const RE2& re = CompileUtf8(rule);  // the span search over UTF-8 (no alphabet program)
      if (!re.ok() || !re.Match(text, pos, end, RE2::UNANCHORED, &whole, 1)) break;
      b = whole.data() - s.text.data();
      e = b + whole.size();
    }
    // The capture program's language contains the rule's, so it matches the span too. Its
    // leftmost-first parse is the rule's whenever its relaxed repetitions kept their bounds: the
    // rule's parses are exactly those, in the same order of preference. An alphabet program
    // runs on the span mapped one byte per code point: the same parses at the same characters.
    // A variant's parse of [mb, me) of a text one byte per code point (`to_text`: its offsets in
    // the slotted text), its groups mapped back to the slotted text.
    auto parse_mapped = [&](const Rule::CaptureVariant& v, re2::StringPiece text, std::size_t mb, std::size_t me,
                            const std::vector<std::size_t>& to_text) {
      const bool parsed = v.parser ? v.parser->Parse(text, mb, me, cgroups.data())
                                   : v.re->Match(text, mb, me, RE2::ANCHOR_BOTH, cgroups.data(),
                                                 static_cast<int>(cgroups.size()));
      if (!parsed || !CountsHold(v.checks, cgroups, true))
        return false;
      for (re2::StringPiece& gp : cgroups) {
        if (gp.data() == nullptr) continue;
        std::size_t i = gp.data() - text.data();
        gp = re2::StringPiece(s.text.data() + to_text[i], to_text[i + gp.size()] - to_text[i]);
      }
      return true;
    };
    for (const Rule::CaptureVariant& v : rule.captures) {
      if (used) break;
      cgroups.assign(v.re->NumberOfCapturingGroups() + 1, re2::StringPiece());
      bool ok;
      if (on_unit && v.alphabet == rule.search_alphabet) {
        ok = parse_mapped(v, unit_text, ub, ue, codes->pos);
      } else if (v.alphabet) {
        std::size_t mb = 0, me = 0;
        MapSpan(*v.alphabet, s.text, b, e, &mapped, &mpos, &mb, &me);
        ok = parse_mapped(v, mapped, mb, me, mpos);
      } else {
        ok = v.re->Match(text, b, e, RE2::ANCHOR_BOTH, cgroups.data(), static_cast<int>(cgroups.size())) &&
             CountsHold(v.checks, cgroups, false);
      }
      if (ok && !v.words.empty()) ok = WordsHold(v.words, cgroups);
      if (ok) {
        used = v.re.get();
        break;
      }
    }
    const re2::StringPiece* g = walked ? groups.data() : cgroups.data();
    if (!used && on_unit) {
      // The pattern as written over the mapped unit: the rule's parse, from a program a fraction
      // of the UTF-8 one's size (NFA or BitState on one byte per code point).
      groups.assign(rule.search->NumberOfCapturingGroups() + 1, re2::StringPiece());
      const bool parsed = rule.search_parser ? rule.search_parser->Parse(unit_text, ub, ue, groups.data())
                                             : rule.search->Match(unit_text, ub, ue, RE2::ANCHOR_BOTH, groups.data(),
                                                                  static_cast<int>(groups.size()));
      if (parsed) {
        for (re2::StringPiece& gp : groups) {
          if (gp.data() == nullptr) continue;
          std::size_t i = gp.data() - unit.data();
          gp = re2::StringPiece(s.text.data() + codes->pos[i], codes->pos[i + gp.size()] - codes->pos[i]);
        }
        used = rule.search.get();
        g = groups.data();
      }
    }
    if (!used) {
      const RE2& re = CompileUtf8(rule);  // compiled on its first use as the last fallback
      if (!re.ok()) break;
      groups.assign(re.NumberOfCapturingGroups() + 1, re2::StringPiece());
      if (!re.Match(text, b, e, RE2::ANCHOR_BOTH, groups.data(), static_cast<int>(groups.size())))
        break;  // cannot happen: the span came from this program (or one with the same language)
      used = &re;
      g = groups.data();
    }
    out->emplace_back();
    RuleMatch& m = out->back();
    m.rule = &rule;
    m.begin = b;
    m.end = e;
    // NamedCapturingGroups is ordered by name, as m.captures must be.
    const std::map<std::string, int>& named = used->NamedCapturingGroups();
    m.captures.reserve(named.size());
    for (const auto& [name, idx] : named) {
      const re2::StringPiece& gp = g[idx];
      if (gp.data() == nullptr) continue;
      m.captures.emplace_back(name, Capture{});
      Capture& c = m.captures.back().second;
      c.begin = gp.data() - s.text.data();
      c.end = c.begin + gp.size();
      c.mentions = MentionsIn(s, c.begin, c.end);
    }
    if (on_unit) {
      pos = ue == ub ? ue + 1 : ue;  // after an empty match, the next code point
      text_pos = pos < codes->pos.size() ? codes->pos[pos] : s.text.size();
    } else {
      std::size_t next = e;
      if (next == b) {
        ++next;
        while (next < s.text.size() && (static_cast<unsigned char>(s.text[next]) & 0xC0) == 0x80) ++next;
      }
      pos = next;
      text_pos = next;
    }
  }
}

std::vector<RuleMatch> RuleBook::Match(const std::string& lang, const SlottedText& s) const {
  std::vector<RuleMatch> out;
  auto it = sets_.find(lang);
  if (it == sets_.end()) return out;
  const LangSet& ls = Built(lang, it->second);  // built on the language's first use
  MatchScratch& scratch = Scratch();
  std::vector<const Rule*>& candidates = scratch.candidates;
  // The unit as classes once, for the Latin-1 Set parts and then the span searches.
  const UnitCodes* codes = ls.latin ? Codes(ls, s.text, &scratch.codes, &scratch.suffix_types) : nullptr;
  CandidatesInto(ls, s.text, codes, &candidates);
  if (candidates.empty()) return out;
  for (const Rule* r : candidates) PreparePrograms(*r);
  if (!codes)
    for (const Rule* r : candidates)
      if (r->search) {
        codes = Codes(ls, s.text, &scratch.codes, &scratch.suffix_types);
        break;
      }
  if (!codes) SuffixTypes(s.text, &scratch.suffix_types);
  out.reserve(candidates.size());  // nearly every candidate matches once (the Set is exact on spans)
  for (std::size_t k = 0; k < candidates.size(); ++k) MatchRuleInto(*candidates[k], s, codes, &scratch.suffix_types, &out);
  // Ordered by begin, then priority (stable): an insertion sort when a unit has a few matches
  // (std::stable_sort allocates a buffer per call).
  auto before = [](const RuleMatch& a, const RuleMatch& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.rule->priority > b.rule->priority;
  };
  if (out.size() > 16) {
    std::stable_sort(out.begin(), out.end(), before);
    return out;
  }
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (!before(out[i], out[i - 1])) continue;
    RuleMatch m = std::move(out[i]);
    std::size_t j = i;
    for (; j > 0 && before(m, out[j - 1]); --j) out[j] = std::move(out[j - 1]);
    out[j] = std::move(m);
  }
  return out;
}

}  // namespace presskg::rules
