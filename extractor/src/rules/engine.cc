// Rule packs: loading (toml++), macro expansion, slot tokens, RE2::Set prefilter and matching.
#include "rules/engine.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace presskg::rules {

namespace {

void AppendUtf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

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

// The prefilter's version of a pattern: bounded repetitions {n,m} become * (or + when n >= 1).
// The language only grows, so every match of the rule is still a match of the Set; what shrinks
// is the DFA (counted repetitions over wide classes multiply its states).
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

RE2::Options RuleOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int ColOf(const toml::node& n) { return static_cast<int>(n.source().begin.column); }

}  // namespace

const char* SlotTypeName(MentionType t) { return MentionTypeName(t); }

std::string SlotToken(MentionType type, std::size_t index) {
  std::string t;
  AppendUtf8(&t, kTypeMarkBase + static_cast<char32_t>(type));
  std::string digits = std::to_string(index);
  for (char d : digits) AppendUtf8(&t, kDigitBase + static_cast<char32_t>(d - '0'));
  AppendUtf8(&t, kSlotEnd);
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

SlottedText Slot(std::string_view normalized, std::size_t begin, std::size_t end,
                 const std::vector<Mention>& mentions) {
  SlottedText s;
  s.norm_begin = begin;
  s.norm_end = end;
  s.text.reserve(end - begin + 16);
  s.to_norm.reserve(end - begin + 16);
  std::size_t pos = begin;
  auto first = std::lower_bound(mentions.begin(), mentions.end(), begin,
                                [](const Mention& m, std::size_t b) { return m.begin < b; });
  for (auto it = first; it != mentions.end() && it->begin < end; ++it) {
    if (it->end > end || it->begin < pos || it->end <= it->begin) continue;
    for (; pos < it->begin; ++pos) {
      s.text.push_back(normalized[pos]);
      s.to_norm.push_back(pos);
    }
    std::string tok = SlotToken(it->type, s.mentions.size());
    s.mentions.push_back(static_cast<std::size_t>(it - mentions.begin()));
    s.text += tok;
    s.to_norm.insert(s.to_norm.end(), tok.size(), it->begin);
    pos = it->end;
  }
  for (; pos < end; ++pos) {
    s.text.push_back(normalized[pos]);
    s.to_norm.push_back(pos);
  }
  s.to_norm.push_back(end);
  return s;
}

std::vector<std::size_t> MentionsIn(const SlottedText& s, std::size_t b, std::size_t e) {
  std::vector<std::size_t> out;
  std::string_view t(s.text);
  e = std::min(e, t.size());
  for (std::size_t i = b; i < e;) {
    char32_t c = SlotCharAt(t, i);
    if (c >= kTypeMarkBase && c < kDigitBase) {
      std::size_t j = i + 3, idx = 0;
      for (char32_t d; (d = SlotCharAt(t, j)) >= kDigitBase && d <= kDigitBase + 9; j += 3)
        idx = idx * 10 + (d - kDigitBase);
      if (SlotCharAt(t, j) == kSlotEnd && idx < s.mentions.size()) out.push_back(s.mentions[idx]);
      i = j + 3;
    } else {
      ++i;
    }
  }
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
  return Compile();
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
    auto re = std::make_shared<RE2>(r->expanded, RuleOptions());
    if (!re->ok()) return ParseError("bad RE2 pattern: " + re->error(), where);
    r->re = std::move(re);
    r->macros = macros;
    by_id_[r->id] = r.get();
    rules_.push_back(std::move(r));
  }
  return Status::OK();
}

Status RuleBook::Compile() {
  sets_.clear();
  for (const auto& r : rules_) sets_[r->lang].rules.push_back(r.get());
  for (auto& [lang, ls] : sets_) {
    RE2::Options so = RuleOptions();
    so.set_max_mem(256 << 20);
    ls.set = std::make_unique<RE2::Set>(so, RE2::UNANCHORED);
    for (const Rule* r : ls.rules) {
      std::string err;
      if (ls.set->Add(RelaxForSet(r->expanded), &err) < 0)
        return ParseError("pattern rejected by RE2::Set: " + err, Location{r->file, r->line, 0, r->id});
    }
    if (!ls.set->Compile()) return Internal("RE2::Set compile failed (out of memory?) for language " + lang);
  }
  return Status::OK();
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

std::vector<const Rule*> RuleBook::Candidates(const std::string& lang, std::string_view text) const {
  std::vector<const Rule*> out;
  auto it = sets_.find(lang);
  if (it == sets_.end() || !it->second.set) return out;
  std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  if (!it->second.set->Match(re2::StringPiece(text.data(), text.size()), &hits, &info)) {
    // The DFA ran out of memory on this text: every rule is a candidate (slower, never wrong).
    if (info.kind != RE2::Set::kNoError)
      for (const Rule* r : it->second.rules) out.push_back(r);
    return out;
  }
  std::sort(hits.begin(), hits.end());
  for (int h : hits) out.push_back(it->second.rules[h]);
  return out;
}

std::vector<RuleMatch> RuleBook::MatchRule(const Rule& rule, const SlottedText& s) const {
  std::vector<RuleMatch> out;
  const RE2& re = *rule.re;
  // A match without submatches runs on the DFA alone: it rejects the prefilter's false positives
  // before the slower capturing engines run.
  if (!RE2::PartialMatch(s.text, re)) return out;
  int ngroups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(ngroups + 1);
  re2::StringPiece text(s.text);
  std::size_t pos = 0;
  while (pos <= s.text.size()) {
    if (!re.Match(text, pos, s.text.size(), RE2::UNANCHORED, groups.data(), ngroups + 1)) break;
    RuleMatch m;
    m.rule = &rule;
    m.begin = groups[0].data() - s.text.data();
    m.end = m.begin + groups[0].size();
    for (const auto& [name, idx] : re.NamedCapturingGroups()) {
      const re2::StringPiece& g = groups[idx];
      if (g.data() == nullptr) continue;
      Capture c;
      c.begin = g.data() - s.text.data();
      c.end = c.begin + g.size();
      c.mentions = MentionsIn(s, c.begin, c.end);
      m.captures[name] = std::move(c);
    }
    out.push_back(std::move(m));
    std::size_t next = out.back().end;
    if (next == out.back().begin) {
      ++next;
      while (next < s.text.size() && (static_cast<unsigned char>(s.text[next]) & 0xC0) == 0x80) ++next;
    }
    pos = next;
  }
  return out;
}

std::vector<RuleMatch> RuleBook::Match(const std::string& lang, const SlottedText& s) const {
  std::vector<RuleMatch> out;
  for (const Rule* r : Candidates(lang, s.text)) {
    std::vector<RuleMatch> ms = MatchRule(*r, s);
    out.insert(out.end(), std::make_move_iterator(ms.begin()), std::make_move_iterator(ms.end()));
  }
  std::stable_sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.rule->priority > b.rule->priority;
  });
  return out;
}

}  // namespace presskg::rules
