// Facts from rule matches: agreements, quotes (blocks, pronouns, roles), roles, events, dateline.
#include "facts/builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <re2/re2.h>

#include "facts/text_util.h"

namespace presskg::facts {

using rules::Capture;
using rules::Rule;
using rules::RuleMatch;
using rules::SlottedText;

std::string RuleLanguage(const std::string& tag) {
  std::string t = tag.substr(0, tag.find_first_of("-_"));
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

DocView ViewOf(const Document& doc, const PreparedText& text) {
  DocView v;
  v.id = doc.id;
  v.lang = RuleLanguage(text.language());
  v.release_date = doc.date;
  v.normalized = text.normalized();
  v.sentences = text.sentences();
  v.paragraphs = text.paragraphs();
  v.quotes = text.quotes();
  v.dateline = text.dateline();
  v.to_original = [&text](std::size_t b, std::size_t e) { return text.ToOriginal(b, e); };
  v.original_text = [&text](std::size_t b, std::size_t e) { return text.OriginalText(b, e); };
  return v;
}

// ---- minimal short-name resolution (used when the mention finder leaves Mention::full empty) ----
namespace {

void ResolvePersonShortNames(std::vector<Mention>* ms) {
  // The candidates for the longer form are the distinct (text, full) person forms in order of
  // first occurrence, and each distinct short text is resolved once: a long release repeats the
  // same names thousands of times, and comparing every mention with every other was quadratic
  // in the release (a 2 MB release took seconds, 34 MB did not finish). Same result as scanning
  // every mention, since a repeated form answers as its first occurrence did.
  struct Form {
    const std::string* text;
    const std::string* full;
    std::string key;
  };
  std::vector<Form> forms;
  std::set<std::pair<std::string_view, std::string_view>> seen;
  bool any = false;
  for (const Mention& m : *ms) {
    if (m.type != MentionType::kPerson) continue;
    any |= m.full.empty();
    if (seen.emplace(m.text, m.full).second) forms.push_back(Form{&m.text, &m.full, NormKey(m.text)});
  }
  if (!any) return;
  std::map<std::string, std::string> resolved;  // short text → full form ("" = none)
  for (Mention& m : *ms) {
    if (m.type != MentionType::kPerson || !m.full.empty()) continue;
    auto [it, fresh] = resolved.try_emplace(m.text);
    if (fresh) {
      std::string key = NormKey(m.text);
      if (CharCount(key) < (HasCjk(key) ? 2u : 3u)) continue;
      for (const Form& o : forms) {
        if (o.text->size() <= m.text.size()) continue;
        if (o.key != key && o.key.find(key) != std::string::npos) {
          it->second = o.full->empty() ? *o.text : *o.full;
          break;
        }
      }
    }
    if (!it->second.empty()) m.full = it->second;
  }
}

}  // namespace

std::vector<Mention> SlotMentions(const DocView& view, const std::vector<Mention>& mentions) {
  std::vector<Mention> out;
  // Speech only: “…” "…" 「…」 『…』 ‘…’ (not 《titles》, should the text module report them).
  std::vector<QuoteBlock> qs;
  for (const QuoteBlock& q : view.quotes) {
    std::string_view open = view.normalized.substr(q.norm_begin, 3);
    if (open.substr(0, 1) == "\"" || open.substr(0, 1) == "'" || open == "\u201C" || open == "\u300C" ||
        open == "\u300E" || open == "\u2018")
      qs.push_back(q);
  }
  std::sort(qs.begin(), qs.end(), [](const QuoteBlock& a, const QuoteBlock& b) { return a.norm_begin < b.norm_begin; });
  bool own_quotes = !qs.empty();
  auto inside_quote = [&](const Mention& m) {
    auto it = std::upper_bound(qs.begin(), qs.end(), m.begin,
                               [](std::size_t b, const QuoteBlock& q) { return b < q.norm_begin; });
    if (it == qs.begin()) return false;
    --it;
    return m.begin < it->norm_end;  // starts inside the block (or overlaps it)
  };
  out.reserve(mentions.size() + qs.size());
  for (const Mention& m : mentions) {
    if (m.type == MentionType::kQuote && own_quotes) continue;
    if (own_quotes && inside_quote(m)) continue;
    // A quotation opening strictly inside the mention: the first block opening after m.begin.
    auto next = std::upper_bound(qs.begin(), qs.end(), m.begin,
                                 [](std::size_t b, const QuoteBlock& q) { return b < q.norm_begin; });
    bool overlaps_next = next != qs.end() && next->norm_begin < m.end;
    if (!overlaps_next) out.push_back(m);
  }
  std::size_t own = out.size();
  for (const QuoteBlock& q : qs) {
    Mention m;
    m.type = MentionType::kQuote;
    m.begin = q.norm_begin;
    m.end = q.norm_end;
    m.text = view.original_text ? view.original_text(q.norm_begin, q.norm_end)
                                : std::string(view.normalized.substr(q.norm_begin, q.norm_end - q.norm_begin));
    m.source = "quotation";
    out.push_back(std::move(m));
  }
  // Both parts are usually sorted already: a stable merge then gives the stable sort's order.
  auto by_begin = [](const Mention& a, const Mention& b) { return a.begin < b.begin; };
  if (std::is_sorted(out.begin(), out.begin() + own, by_begin))
    std::inplace_merge(out.begin(), out.begin() + own, out.end(), by_begin);
  else
    std::stable_sort(out.begin(), out.end(), by_begin);
  // Keep them non-overlapping: the earlier one wins.
  std::vector<Mention> clean;
  clean.reserve(out.size());
  for (Mention& m : out) {
    if (!clean.empty() && m.begin < clean.back().end) continue;
    clean.push_back(std::move(m));
  }
  ResolvePersonShortNames(&clean);
  return clean;
}

std::vector<Unit> MatchingUnits(const DocView& view) {
  std::vector<Unit> units;
  const auto& ss = view.sentences;
  // Quotations by start, with the running maximum of their ends, so each question below looks at
  // the quotations near the unit only (scanning all of them per sentence was quadratic).
  std::vector<const QuoteBlock*> qs;
  qs.reserve(view.quotes.size());
  for (const QuoteBlock& q : view.quotes) qs.push_back(&q);
  std::stable_sort(qs.begin(), qs.end(),
                   [](const QuoteBlock* a, const QuoteBlock* b) { return a->norm_begin < b->norm_begin; });
  std::vector<std::size_t> max_end(qs.size());
  for (std::size_t k = 0; k < qs.size(); ++k) max_end[k] = std::max(k ? max_end[k - 1] : 0, qs[k]->norm_end);
  auto first_from = [&](std::size_t pos) {  // index of the first quotation starting at or after pos
    return static_cast<std::size_t>(std::lower_bound(qs.begin(), qs.end(), pos, [](const QuoteBlock* q, std::size_t p) {
                                      return q->norm_begin < p;
                                    }) - qs.begin());
  };
  for (std::size_t i = 0; i < ss.size(); ++i) {
    Unit u{ss[i].norm_begin, ss[i].norm_end, ss[i].paragraph, ss[i].boilerplate};
    // Extend while a quotation that starts inside the unit ends after it (at most 8 sentences).
    for (int guard = 0; guard < 8 && i + 1 < ss.size(); ++guard) {
      bool spans = false;
      for (std::size_t k = first_from(u.norm_begin); k < qs.size() && qs[k]->norm_begin < u.norm_end; ++k)
        if (qs[k]->norm_end > u.norm_end) spans = true;
      if (!spans) break;
      ++i;
      u.norm_end = ss[i].norm_end;
    }
    // A unit ending with a quotation takes a short attribution sentence that follows in the same
    // paragraph ("“…。”萨努指出。", "“…!” said Lake.").
    if (i + 1 < ss.size() && ss[i + 1].paragraph == u.paragraph && ss[i + 1].norm_end - ss[i + 1].norm_begin <= 150) {
      bool ends_with_quote = false;
      // Quotations starting before the unit's end, latest first, while one of them may still end
      // inside the unit.
      for (std::size_t k = first_from(u.norm_end); k-- > 0 && max_end[k] > u.norm_begin;) {
        const QuoteBlock& q = *qs[k];
        if (q.norm_end <= u.norm_end && q.norm_end > u.norm_begin &&
            view.normalized.substr(q.norm_end, u.norm_end - q.norm_end).find_first_not_of(" \t\r\n") ==
                std::string_view::npos)
          ends_with_quote = true;
      }
      std::string_view next = view.normalized.substr(ss[i + 1].norm_begin, ss[i + 1].norm_end - ss[i + 1].norm_begin);
      std::size_t nk = first_from(ss[i + 1].norm_begin);
      bool next_is_quote = nk < qs.size() && qs[nk]->norm_begin < ss[i + 1].norm_end;
      if (ends_with_quote && !next_is_quote && !next.empty()) {
        ++i;
        u.norm_end = ss[i].norm_end;
      }
    }
    units.push_back(u);
  }
  return units;
}

// ---- fact assembly ----
namespace {

struct Ctx {
  const rules::RuleBook& book;
  const DocView& view;
  const std::vector<Mention>& ms;
  // alias groups: normalized name → all surface forms of that entity in the release
  std::map<std::string, std::set<std::string>> aliases;
  std::vector<std::string> group_keys;  // GroupKey of each of ms, filled by BuildAliases
  // Distinct organization/country forms with their first mention, built on first use.
  mutable std::vector<std::pair<const std::string*, const Mention*>> org_forms;
  mutable bool org_forms_ready = false;
};

std::string GroupKeyOf(const Mention& m) {
  if (!m.key.empty()) return std::string(rules::SlotTypeName(m.type)) + ":" + m.key;
  return std::string(rules::SlotTypeName(m.type)) + ":" + NormKey(m.full.empty() ? m.text : m.full);
}

// The group key of a mention, cached for the mentions of the release.
const std::string& GroupKey(const Ctx& c, const Mention& m, std::string* tmp) {
  if (!c.ms.empty() && &m >= c.ms.data() && &m < c.ms.data() + c.ms.size() &&
      c.group_keys.size() == c.ms.size())
    return c.group_keys[&m - c.ms.data()];
  *tmp = GroupKeyOf(m);
  return *tmp;
}

void BuildAliases(Ctx* c) {
  c->group_keys.clear();
  c->group_keys.reserve(c->ms.size());
  for (const Mention& m : c->ms) c->group_keys.push_back(GroupKeyOf(m));
  for (std::size_t i = 0; i < c->ms.size(); ++i) {
    const Mention& m = c->ms[i];
    if (m.type == MentionType::kQuote || m.type == MentionType::kDate) continue;
    auto& g = c->aliases[c->group_keys[i]];
    g.insert(m.text);
    if (!m.full.empty()) g.insert(m.full);
  }
}

EntityRef Ref(const Ctx& c, const Mention& m) {
  EntityRef r;
  switch (m.type) {
    case MentionType::kPerson: r.kind = EntityKind::kPerson; break;
    case MentionType::kCountry: r.kind = EntityKind::kCountry; break;
    case MentionType::kPlace: r.kind = EntityKind::kPlace; break;
    default: r.kind = EntityKind::kOrganization; break;
  }
  r.name = m.text;
  std::string tmp;
  auto it = c.aliases.find(GroupKey(c, m, &tmp));
  if (!m.full.empty() && m.full != m.text) r.aliases.push_back(m.full);
  if (it != c.aliases.end())
    for (const std::string& a : it->second)
      if (a != r.name && std::find(r.aliases.begin(), r.aliases.end(), a) == r.aliases.end()) r.aliases.push_back(a);
  r.key = m.key;
  r.wikidata = m.wikidata;
  r.country = m.type == MentionType::kCountry ? m.key : m.country;
  if (c.view.to_original) r.span = c.view.to_original(m.begin, m.end);
  return r;
}

// Original text of a capture, trimmed.
std::string CapText(const Ctx& c, const SlottedText& st, const Capture& cap) {
  std::size_t b = st.to_norm[cap.begin], e = st.to_norm[cap.end];
  if (cap.end > cap.begin && cap.end <= st.text.size()) {
    // a capture ending inside a token covers the whole mention
    e = std::max(e, st.to_norm[cap.end - 1] + 1);
    for (std::size_t idx : cap.mentions) e = std::max(e, c.ms[idx].end);
  }
  std::string t = c.view.original_text ? c.view.original_text(b, e) : std::string(c.view.normalized.substr(b, e - b));
  return Trim(t);
}

// A date's value is usable when the text states its year, or when the year comes from the
// release date (the anchor). Without an anchor, a year-less date ("11月2日", "去年7月") would carry
// a guessed year: better no date than a wrong one.
bool DateStated(const Ctx& c, const Mention& m) {
  // The mention with the six bytes before it: "去年" may stand just outside a "七月" mention.
  std::size_t from = m.begin >= 6 ? m.begin - 6 : 0;
  std::string_view t = c.view.normalized.substr(from, m.end - from);
  // Years relative to the release (去年七月, 明年) are left out: the finder's value for them is not
  // reliable enough to state a date.
  if (t.find("去年") != std::string_view::npos || t.find("明年") != std::string_view::npos ||
      t.find("前年") != std::string_view::npos || t.find("last year") != std::string_view::npos ||
      t.find("next year") != std::string_view::npos)
    return false;
  if (!c.view.release_date.empty()) return true;
  if (t.find("今年") != std::string_view::npos) return false;
  int run = 0;
  for (char ch : t) {
    run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
    if (run == 4) return true;
  }
  return t.find("年") != std::string_view::npos;
}

const Capture* Cap(const RuleMatch& m, const char* name) {
  auto it = m.captures.find(name);
  return it == m.captures.end() ? nullptr : &it->second;
}

// The role slot: "role" (before the name) or "role2" (apposition after it).
const Capture* RoleCap(const RuleMatch& m) {
  const Capture* r = Cap(m, "role");
  return r ? r : Cap(m, "role2");
}

std::vector<const Mention*> Of(const Ctx& c, const Capture* cap, std::initializer_list<MentionType> types) {
  std::vector<const Mention*> out;
  if (!cap) return out;
  for (std::size_t i : cap->mentions)
    for (MentionType t : types)
      if (c.ms[i].type == t) out.push_back(&c.ms[i]);
  return out;
}

Span Evidence(const Ctx& c, const SlottedText& st, std::size_t b, std::size_t e) {
  if (!c.view.to_original) return Span{st.to_norm[b], st.to_norm[e]};
  return c.view.to_original(st.to_norm[b], std::max(st.to_norm[e], st.to_norm[b]));
}

Fact NewFact(const Ctx& c, FactType t, const RuleMatch& m, const SlottedText& st) {
  Fact f;
  f.type = t;
  f.doc = c.view.id;
  f.rule = m.rule->id;
  f.confidence = m.rule->confidence;
  f.evidence = Evidence(c, st, m.begin, m.end);
  return f;
}

// Splits "国际电联电信发展局主任" into org "国际电联" + role "电信发展局主任" when the role starts with
// an organization named in the release.
void SplitRoleOrg(const Ctx& c, const std::string& role_text, std::string* role, EntityRef* org) {
  *role = role_text;
  std::string best;
  const Mention* best_m = nullptr;
  // The distinct organization and country forms of the release, each with its first mention
  // (scanning every mention per role was quadratic in a long release).
  if (!c.org_forms_ready) {
    std::set<std::string_view> seen;
    for (const Mention& m : c.ms) {
      if (m.type != MentionType::kOrg && m.type != MentionType::kCountry) continue;
      for (const std::string* form : {&m.text, &m.full})
        if (!form->empty() && seen.insert(*form).second) c.org_forms.emplace_back(form, &m);
    }
    c.org_forms_ready = true;
  }
  for (const auto& [form, m] : c.org_forms) {
    if (form->size() <= best.size() || form->size() >= role_text.size()) continue;
    if (role_text.compare(0, form->size(), *form) == 0) {
      best = *form;
      best_m = m;
    }
  }
  if (best_m) {
    *role = Trim(role_text.substr(best.size()));
    if (org->empty()) {
      *org = Ref(c, *best_m);
      org->name = best;
    }
  }
}

bool IsParagraphScope(const Rule& r) {
  auto it = r.attrs.find("scope");
  return it != r.attrs.end() && it->second == "lines";
}

// A role fact from a role rule's match: person, role (split from a leading organization), org.
bool RoleFact(const Ctx& c, const RuleMatch& m, const SlottedText& st, Fact* out) {
  Fact f = NewFact(c, FactType::kRole, m, st);
  std::vector<const Mention*> who = Of(c, Cap(m, "person"), {MentionType::kPerson});
  const Capture* rc = RoleCap(m);
  if (who.empty() || !rc) return false;
  f.person = Ref(c, *who.back());
  for (const char* oname : {"org", "org2", "org3", "org4"})
    for (const Mention* om : Of(c, Cap(m, oname), {MentionType::kOrg, MentionType::kCountry}))
      if (f.org.empty()) f.org = Ref(c, *om);
  if (f.org.empty())
    if (const Capture* oc = Cap(m, "org")) f.org.name = CapText(c, st, *oc);
  SplitRoleOrg(c, CapText(c, st, *rc), &f.role, &f.org);
  if (f.role.empty()) return false;
  *out = std::move(f);
  return true;
}

struct QuoteCand {
  Fact f;
  std::size_t unit = 0;
  int paragraph = 0;
  int priority = 0;
  std::string speaker;  // normalized person key
  bool pronoun = false;
  bool has_role = false;
};

struct RoleInfo {
  std::string role;
  EntityRef org;
};

std::string PersonKey(const EntityRef& p) {
  return NormKey(p.aliases.empty() || p.name.size() >= p.aliases.front().size() ? p.name : p.aliases.front());
}

// Lower-cased Latin name words without honorifics ("Mr Mohamed Nasser AL-GHANIM" → mohamed nasser al ghanim).
std::set<std::string> NameWords(const std::string& s) {
  static const std::set<std::string> kHonorifics = {"mr", "mrs", "ms", "dr", "prof", "h.e.", "sir", "dame"};
  std::set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (!w.empty() && !kHonorifics.count(w)) out.insert(w);
    w.clear();
  };
  for (char ch : s) {
    if (ch == ' ' || ch == '-' || ch == '.') {
      if (ch == '.' && (w == "mr" || w == "dr" || w == "ms" || w == "mrs" || w == "prof")) w.clear();
      flush();
    } else {
      w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
  }
  flush();
  return out;
}

// A person's name forms with what SamePerson compares, computed once per person.
struct PersonForms {
  std::vector<std::string> keys;               // NormKey of the name and each alias
  std::vector<bool> latin;                     // the form has no CJK
  std::vector<std::set<std::string>> words;    // NameWords of Latin forms
};

PersonForms FormsOf(const EntityRef& p) {
  PersonForms f;
  std::vector<const std::string*> forms{&p.name};
  for (const auto& a : p.aliases) forms.push_back(&a);
  for (const std::string* x : forms) {
    f.keys.push_back(NormKey(*x));
    f.latin.push_back(!HasCjk(*x));
    f.words.push_back(f.latin.back() ? NameWords(*x) : std::set<std::string>());
  }
  return f;
}

bool SamePerson(const PersonForms& a, const PersonForms& b) {
  for (std::size_t i = 0; i < a.keys.size(); ++i)
    for (std::size_t j = 0; j < b.keys.size(); ++j) {
      if (!a.keys[i].empty() && a.keys[i] == b.keys[j]) return true;
      // Latin names: every word of the shorter form is a word of the longer one (at least two).
      if (!a.latin[i] || !b.latin[j]) continue;
      const std::set<std::string>& wx = a.words[i];
      const std::set<std::string>& wy = b.words[j];
      const auto& small = wx.size() <= wy.size() ? wx : wy;
      const auto& big = wx.size() <= wy.size() ? wy : wx;
      if (small.size() >= 2 && std::includes(big.begin(), big.end(), small.begin(), small.end())) return true;
    }
  return false;
}

bool SamePerson(const EntityRef& a, const EntityRef& b) { return SamePerson(FormsOf(a), FormsOf(b)); }

bool IsGovernmentOf(const EntityRef& org, const std::string& cc) {
  if (cc.empty() || org.country != cc) return false;
  for (const std::string* n : {&org.name}) {
    if (n->find("政府") != std::string::npos || n->find("Government") != std::string::npos ||
        n->find("government") != std::string::npos)
      return true;
  }
  return false;
}

bool SameParty(const EntityRef& a, const EntityRef& b) {
  if (!a.key.empty() && a.key == b.key) return true;
  if (a.kind == EntityKind::kCountry && (b.kind == EntityKind::kCountry ? b.key == a.key : IsGovernmentOf(b, a.key)))
    return true;
  if (b.kind == EntityKind::kCountry && IsGovernmentOf(a, b.key)) return true;
  std::vector<std::string> fa{NormKey(a.name)}, fb{NormKey(b.name)};
  for (const auto& x : a.aliases) fa.push_back(NormKey(x));
  for (const auto& x : b.aliases) fb.push_back(NormKey(x));
  for (const auto& x : fa)
    for (const auto& y : fb) {
      const std::string& shorter = x.size() <= y.size() ? x : y;
      const std::string& longer = x.size() <= y.size() ? y : x;
      if (CharCount(shorter) >= (HasCjk(shorter) ? 2u : 3u) && longer.find(shorter) != std::string::npos) return true;
    }
  return false;
}

void AddAlias(std::vector<std::string>* v, const std::string& name, const std::string& a) {
  if (a.empty() || a == name) return;
  if (std::find(v->begin(), v->end(), a) == v->end()) v->push_back(a);
}

}  // namespace

// Whether a sentence dates what it reports by the release's own day: "today", "今天", "今日", or
// "N日" with N the release's day of the month.
static bool SaysReleaseDay(std::string_view text, const std::string& release_date) {
  static const RE2 kToday("(?i)\\btoday\\b|今天|今日");
  if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kToday)) return true;
  int day = std::atoi(release_date.c_str() + 8);
  std::string d = std::to_string(day) + "日";
  for (std::size_t p = text.find(d); p != std::string_view::npos; p = text.find(d, p + 1)) {
    // not part of a longer number or a full date (those are DATE mentions anyway)
    if (p > 0 && text[p - 1] >= '0' && text[p - 1] <= '9') continue;
    if (p >= 3 && text.compare(p - 3, 3, "月") == 0) continue;
    return true;
  }
  return false;
}

// The release's own event: an event named in the headline or the dateline's paragraph, in a
// sentence saying it opens or takes place now ("… opened today", "…今天在…开幕"), happens at the
// dateline's date and place when the sentence gives none.
static void ReleaseOwnEvent(const DocView& view, std::vector<Fact>* facts) {
  const Fact* dl = nullptr;
  for (const Fact& f : *facts)
    if (f.type == FactType::kDateline) dl = &f;
  if (!dl || dl->date.size() != 10) return;
  int lead = -1;
  for (std::size_t k = 0; k < view.paragraphs.size(); ++k)
    if (view.paragraphs[k].span.begin <= dl->evidence.begin && dl->evidence.begin < view.paragraphs[k].span.end)
      lead = static_cast<int>(k);
  static const RE2 kNow(
      "(?i)\\b(?:opened|opens|opening|kicked off|kicks off|began|begins|got under ?way|gets under ?way|"
      "convened|convenes|is taking place|takes place|is being held)\\b[^.]{0,40}\\btoday\\b|"
      "\\btoday\\b[^.]{0,60}\\b(?:opened|opens|began|begins|kicked off|convened)\\b|"
      "(?:今天|今日)[^。将]{0,20}(?:开幕|揭幕|开幕式|拉开帷幕|召开|举行|启动)");  // not "今天宣布…将于…举行"
  for (Fact& e : *facts) {
    if (e.type != FactType::kEvent) continue;
    auto after = std::upper_bound(view.sentences.begin(), view.sentences.end(), e.evidence.begin,
                                  [](std::size_t off, const Sentence& st) { return off < st.span.begin; });
    const Sentence* sent = nullptr;
    if (after != view.sentences.begin() && e.evidence.begin < std::prev(after)->span.end) sent = &*std::prev(after);
    // The headline, the dateline's paragraph, or the next one when the dateline stands alone.
    if (!sent || (sent->paragraph != 0 && sent->paragraph != lead && sent->paragraph != lead + 1)) continue;
    std::string_view text = view.normalized.substr(sent->norm_begin, sent->norm_end - sent->norm_begin);
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kNow)) continue;
    if (e.start.empty()) e.start = dl->date;
    if (e.place.empty() && !dl->place.empty()) e.place = dl->place;
  }
}

BuildResult BuildFacts(const rules::RuleBook& book, const DocView& view, const std::vector<Mention>& mentions) {
  BuildResult out;
  std::vector<Mention> ms = SlotMentions(view, mentions);
  Ctx c{book, view, ms, {}, {}};
  BuildAliases(&c);
  std::vector<Unit> units = MatchingUnits(view);
  std::set<std::string> fired;

  std::vector<Fact> agreements, events, roles;
  // Facts are large: room up front instead of moving them at every growth.
  agreements.reserve(16);
  events.reserve(16);
  roles.reserve(64);
  Fact dateline_rule;  // type stays kAgreement until a dateline rule fires
  dateline_rule.type = FactType::kAgreement;
  std::vector<QuoteCand> quotes;
  std::map<std::string, RoleInfo> role_of;  // person key → first stated role
  // Pronouns ("he added", "他强调") refer to the last person quoted, or to a person named in a
  // later sentence than that quotation.
  EntityRef last_speaker, last_person;
  int last_speaker_par = -100, last_person_par = -100;
  std::size_t last_speaker_unit = 0, last_person_unit = 0;

  auto note_role = [&](const EntityRef& person, const std::string& role, const EntityRef& org) {
    if (role.empty()) return;
    std::string k = PersonKey(person);
    if (!role_of.count(k)) role_of[k] = RoleInfo{role, org};
  };

  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    SlottedText st = rules::Slot(view.normalized, u.norm_begin, u.norm_end, ms);
    std::vector<RuleMatch> matches = book.Match(view.lang, st);
    // Quote rules by priority first, so the best attribution claims a quotation.
    std::stable_sort(matches.begin(), matches.end(), [](const RuleMatch& a, const RuleMatch& b) {
      return a.rule->priority > b.rule->priority;
    });
    std::set<std::size_t> claimed_quotes;
    // Agreement and event rules: where two matches overlap, the higher priority states the fact
    // (a match claims its span even when it yields no fact, so a specific rule can veto a vaguer one).
    std::vector<const RuleMatch*> claims;
    auto overlaps_claim = [&](const RuleMatch& m) {
      for (const RuleMatch* k : claims)
        if (k->rule->emits == m.rule->emits && k->begin < m.end && m.begin < k->end) return true;
      return false;
    };
    for (const RuleMatch& m : matches) {
      const Rule& r = *m.rule;
      if (IsParagraphScope(r)) continue;
      if (r.emits == "agreement" || r.emits == "event") {
        if (overlaps_claim(m)) continue;
        claims.push_back(&m);
      }
      if (r.emits == "agreement") {
        Fact f = NewFact(c, FactType::kAgreement, m, st);
        f.kind = r.attrs.count("kind") ? r.attrs.at("kind") : "agreement";
        for (const char* k : {"kind_mou", "kind_agreement", "kind_partnership"})
          if (Cap(m, k)) f.kind = std::string(k).substr(5);
        std::set<std::string> seen;
        for (const auto& [name, cap] : m.captures) {
          if (name.rfind("party", 0) != 0) continue;
          for (const Mention* pm : Of(c, &cap, {MentionType::kOrg, MentionType::kCountry})) {
            std::string tmp;
            std::string k = GroupKey(c, *pm, &tmp);
            if (!seen.insert(k).second) continue;
            f.parties.push_back(Ref(c, *pm));
          }
        }
        if (f.parties.size() < 2) continue;
        // pairwise = "true": "X分别与A和B签署" is one agreement of X with each of A, B.
        std::vector<Fact> pairs;
        auto pw = r.attrs.find("pairwise");
        bool pairwise = pw != r.attrs.end() && pw->second == "true";
        if (pairwise && Of(c, Cap(m, "party1"), {MentionType::kOrg, MentionType::kCountry}).empty()) continue;
        if (pairwise && f.parties.size() > 2) {
          for (std::size_t k = 1; k < f.parties.size(); ++k) {
            Fact g = f;
            g.parties = {f.parties[0], f.parties[k]};
            pairs.push_back(std::move(g));
          }
        } else {
          pairs.push_back(std::move(f));
        }
        for (Fact& pf : pairs) {
        Fact& f = pf;
        std::set<std::string> cs;
        for (const EntityRef& p : f.parties)
          if (!p.country.empty()) cs.insert(p.country);
        for (const char* k : {"countries", "country"})
          for (const Mention* cm : Of(c, Cap(m, k), {MentionType::kCountry, MentionType::kPlace}))
            if (!(cm->type == MentionType::kCountry ? cm->key : cm->country).empty())
              cs.insert(cm->type == MentionType::kCountry ? cm->key : cm->country);
        f.countries.assign(cs.begin(), cs.end());
        for (const Mention* dm : Of(c, Cap(m, "date"), {MentionType::kDate})) {
          if (DateStated(c, *dm)) f.date = dm->value;
          break;
        }
        if (f.date.empty() && !Cap(m, "date")) {
          // The one date of the signing sentence is the agreement's date (never the release's).
          std::vector<const Mention*> ds;
          for (std::size_t idx : rules::MentionsIn(st, 0, st.text.size()))
            if (ms[idx].type == MentionType::kDate && DateStated(c, ms[idx])) ds.push_back(&ms[idx]);
          if (ds.size() == 1 && ds[0]->value_end.empty()) f.date = ds[0]->value;
          // "signed today", "今天签署", "7日在罗马签署" (the release's day): the signing is dated by the
          // release, which the sentence states relative to it. Only with a full release date.
          if (f.date.empty() && ds.empty() && view.release_date.size() == 10)
            if (SaysReleaseDay(std::string_view(st.text), view.release_date)) f.date = view.release_date;
        }
        fired.insert(r.id);
        agreements.push_back(std::move(f));
        }
      } else if (r.emits == "quote") {
        QuoteCand q;
        q.f = NewFact(c, FactType::kQuote, m, st);
        q.unit = ui;
        q.paragraph = u.paragraph;
        q.priority = r.priority;
        std::vector<const Mention*> who = Of(c, Cap(m, "person"), {MentionType::kPerson});
        if (!who.empty()) {
          q.f.person = Ref(c, *who.back());
        } else if (Cap(m, "pronoun") && !last_person.empty() && last_person_unit > last_speaker_unit &&
                   u.paragraph - last_person_par <= 2) {
          q.f.person = last_person;
          q.pronoun = true;
        } else if (Cap(m, "pronoun") && !last_speaker.empty() && u.paragraph - last_speaker_par <= 3) {
          q.f.person = last_speaker;
          q.pronoun = true;
        } else {
          continue;
        }
        const Capture* qc = Cap(m, "quote");
        std::vector<const Mention*> qms = Of(c, qc, {MentionType::kQuote});
        bool taken = false;
        std::string text;
        for (const Mention* qm : qms) {
          std::size_t idx = qm - ms.data();
          if (claimed_quotes.count(idx)) taken = true;
        }
        if (taken) continue;
        // The slot is a quotation when the capture starts with one; otherwise it is reported
        // speech that may contain quoted words (“一带一路”), kept as part of its text.
        bool direct = !qms.empty() && st.to_norm[qc->begin] == qms[0]->begin;
        for (const Mention* qm : qms) {
          claimed_quotes.insert(qm - ms.data());
          if (!direct) continue;
          if (!text.empty()) text += " ";
          text += StripQuoteMarks(qm->text);
        }
        if (!direct && qc) text = StripQuoteMarks(CapText(c, st, *qc));
        if (!qc && r.attrs.count("quote_from") && r.attrs.at("quote_from") == "next-paragraph") {
          // "X said:" closing a paragraph: the quotation is the next paragraph.
          int p = u.paragraph + 1;
          if (p >= 0 && static_cast<std::size_t>(p) < view.paragraphs.size()) {
            const Paragraph& np = view.paragraphs[p];
            text = view.original_text ? Trim(view.original_text(np.norm_begin, np.norm_end)) : std::string();
            text = StripQuoteMarks(text);
          }
        }
        if (CharCount(text) < 4) continue;
        q.f.quote = text;
        std::string role;
        EntityRef org;
        for (const char* oname : {"org", "org2", "org3", "org4"})
          for (const Mention* om : Of(c, Cap(m, oname), {MentionType::kOrg, MentionType::kCountry}))
            if (org.empty()) org = Ref(c, *om);
        if (const Capture* rc = RoleCap(m)) SplitRoleOrg(c, CapText(c, st, *rc), &role, &org);
        q.f.role = role;
        q.f.org = org;
        q.has_role = !role.empty();
        note_role(q.f.person, role, org);
        q.speaker = PersonKey(q.f.person);
        if (!q.pronoun) {
          last_speaker = q.f.person;
          last_speaker_par = u.paragraph;
          last_speaker_unit = ui + 1;
        }
        fired.insert(r.id);
        quotes.push_back(std::move(q));
      } else if (r.emits == "role") {
        Fact f;
        if (!RoleFact(c, m, st, &f)) continue;
        note_role(f.person, f.role, f.org);
        fired.insert(r.id);
        roles.push_back(std::move(f));
      } else if (r.emits == "dateline") {
        // Only near the top of the release, and only when the text model found no dateline.
        if (ui > 3 || dateline_rule.type == FactType::kDateline) continue;
        std::vector<const Mention*> dm = Of(c, Cap(m, "date"), {MentionType::kDate});
        if (dm.empty() || dm[0]->value.size() < 10 || !DateStated(c, *dm[0])) continue;  // a full date only
        Fact f = NewFact(c, FactType::kDateline, m, st);
        f.date = dm[0]->value;
        for (const Mention* pm : Of(c, Cap(m, "place"), {MentionType::kPlace, MentionType::kCountry})) {
          f.place = Ref(c, *pm);
          f.place.kind = EntityKind::kPlace;
          break;
        }
        fired.insert(r.id);
        dateline_rule = std::move(f);
      } else if (r.emits == "event") {
        Fact f = NewFact(c, FactType::kEvent, m, st);
        const Capture* nc = Cap(m, "name");
        if (!nc) continue;
        f.name = StripLeadingArticle(StripQuoteMarks(CapText(c, st, *nc)));
        if (CharCount(f.name) < 3) continue;
        if (const Capture* ac = Cap(m, "alias")) AddAlias(&f.name_aliases, f.name, StripQuoteMarks(CapText(c, st, *ac)));
        for (const Mention* dm : Of(c, Cap(m, "date"), {MentionType::kDate})) {
          if (!DateStated(c, *dm)) break;
          f.start = dm->value;
          f.end = dm->value_end;
          break;
        }
        for (const Mention* pm : Of(c, Cap(m, "place"), {MentionType::kPlace, MentionType::kCountry})) {
          f.place = Ref(c, *pm);
          f.place.kind = EntityKind::kPlace;
          if (pm->type == MentionType::kPlace) break;  // a city beats a country
        }
        if (f.place.empty()) {
          // No place slot: the one city named in the sentence, if there is exactly one.
          std::vector<const Mention*> ps;
          for (std::size_t idx : rules::MentionsIn(st, 0, st.text.size()))
            if (ms[idx].type == MentionType::kPlace &&
                (ps.empty() || GroupKeyOf(*ps[0]) != GroupKeyOf(ms[idx])))
              ps.push_back(&ms[idx]);
          if (ps.size() == 1) {
            f.place = Ref(c, *ps[0]);
            f.place.kind = EntityKind::kPlace;
          }
        }
        fired.insert(r.id);
        events.push_back(std::move(f));
      }
    }
    for (std::size_t idx : rules::MentionsIn(st, 0, st.text.size()))
      if (ms[idx].type == MentionType::kPerson) {
        last_person = Ref(c, ms[idx]);
        last_person_par = u.paragraph;
        last_person_unit = ui + 1;
      }
    // Unattributed quotations continue the block of the speaker quoted just before, in the same
    // paragraph with no other sentence between (GOLD.md quotation blocks).
    for (std::size_t idx : rules::MentionsIn(st, 0, st.text.size())) {
      if (ms[idx].type != MentionType::kQuote || claimed_quotes.count(idx)) continue;
      std::string qt = StripQuoteMarks(ms[idx].text);
      if (CharCount(qt) < 8 || quotes.empty()) continue;
      QuoteCand& last = quotes.back();
      bool adjacent = last.unit == ui || last.unit + 1 == ui;
      if (last.paragraph != u.paragraph || !adjacent) continue;
      last.f.quote += " " + qt;
      last.unit = ui;
      claimed_quotes.insert(idx);
    }
  }

  // Roles stated inside quotations ("… my meeting with Prime Minister X …"): the quotation hides
  // its mentions from the other rules, so role rules look inside each quotation on their own.
  if (!view.quotes.empty()) {
    std::vector<Mention> inner_ms = mentions;
    ResolvePersonShortNames(&inner_ms);
    Ctx inner{book, view, inner_ms, c.aliases, {}};
    for (const QuoteBlock& q : view.quotes) {
      SlottedText st = rules::Slot(view.normalized, q.norm_begin, q.norm_end, inner_ms);
      if (st.mentions.size() < 2) continue;
      for (const Rule* rp : book.Candidates(view.lang, st.text)) {
        if (rp->emits != "role" || IsParagraphScope(*rp)) continue;
        for (const RuleMatch& m : book.MatchRule(*rp, st)) {
          Fact f;
          if (!RoleFact(inner, m, st, &f)) continue;
          note_role(f.person, f.role, f.org);
          fired.insert(rp->id);
          roles.push_back(std::move(f));
        }
      }
    }
  }

  // Line-block role rules (scope = "lines"): blocks laid out over short lines, such as media
  // contacts; each window starts at a paragraph (a line) and spans up to four of them.
  std::vector<const Rule*> line_rules;
  if (book.HasParagraphRules(view.lang))
    for (const auto& rp : book.rules())
      if (rp->lang == view.lang && IsParagraphScope(*rp) && rp->emits == "role") line_rules.push_back(rp.get());
  for (std::size_t pi = 0; pi < view.paragraphs.size() && !line_rules.empty(); ++pi) {
    const Paragraph& p = view.paragraphs[pi];
    const Paragraph& last = view.paragraphs[std::min(pi + 3, view.paragraphs.size() - 1)];
    SlottedText st = rules::Slot(view.normalized, p.norm_begin, last.norm_end, ms);
    std::vector<RuleMatch> pms;
    for (const Rule* rp : line_rules)
      for (RuleMatch& m : book.MatchRule(*rp, st)) pms.push_back(std::move(m));
    for (const RuleMatch& m : pms) {
      const Rule& r = *m.rule;
      Fact f = NewFact(c, FactType::kRole, m, st);
      std::vector<const Mention*> who = Of(c, Cap(m, "person"), {MentionType::kPerson});
      const Capture* rc = Cap(m, "role");
      const Capture* pc = Cap(m, "person");
      if (!rc || !pc) continue;
      if (!who.empty()) {
        f.person = Ref(c, *who.back());
      } else {  // a name alone on its line in a laid-out block: the layout is the evidence
        f.person.kind = EntityKind::kPerson;
        f.person.name = CapText(c, st, *pc);
        if (view.to_original) f.person.span = view.to_original(st.to_norm[pc->begin], st.to_norm[pc->end]);
      }
      for (const Mention* om : Of(c, Cap(m, "org"), {MentionType::kOrg, MentionType::kCountry})) {
        f.org = Ref(c, *om);
        break;
      }
      f.role = CapText(c, st, *rc);
      if (f.role.empty()) continue;
      note_role(f.person, f.role, f.org);
      fired.insert(r.id);
      roles.push_back(std::move(f));
    }
  }

  // Quote blocks: merge consecutive quotations of one speaker in one paragraph.
  std::vector<QuoteCand> blocks;
  blocks.reserve(quotes.size());
  out.facts.reserve(quotes.size() + roles.size() + agreements.size() + events.size() + 2);
  for (QuoteCand& q : quotes) {
    if (!blocks.empty()) {
      QuoteCand& b = blocks.back();
      if (b.paragraph == q.paragraph && q.unit <= b.unit + 1 && SamePerson(b.f.person, q.f.person)) {
        if (b.f.quote.find(q.f.quote) == std::string::npos) b.f.quote += " " + q.f.quote;
        b.unit = std::max(b.unit, q.unit);
        b.f.evidence.end = std::max(b.f.evidence.end, q.f.evidence.end);
        b.f.evidence.begin = std::min(b.f.evidence.begin, q.f.evidence.begin);
        continue;
      }
    }
    blocks.push_back(std::move(q));
  }
  // Speakers' roles stated elsewhere in the release.
  for (QuoteCand& q : blocks) {
    if (!q.f.role.empty()) continue;
    auto it = role_of.find(q.speaker);
    if (it == role_of.end()) {
      for (const auto& [k, ri] : role_of)
        if (!k.empty() && (k.find(q.speaker) != std::string::npos || q.speaker.find(k) != std::string::npos) &&
            CharCount(std::min(k, q.speaker, [](const std::string& a, const std::string& b) { return a.size() < b.size(); })) >= 2) {
          it = role_of.find(k);
          break;
        }
    }
    if (it != role_of.end()) {
      q.f.role = it->second.role;
      if (q.f.org.empty()) q.f.org = it->second.org;
    }
  }
  // Same quotation attributed twice (two rules, two mentions): keep the first.
  std::set<std::string> seen_quotes;
  for (QuoteCand& q : blocks) {
    std::string k = q.speaker + "|" + NormKey(q.f.quote).substr(0, 48);
    if (!seen_quotes.insert(k).second) continue;
    out.facts.push_back(std::move(q.f));
  }

  // Roles: only for people never quoted; one per person, from the rule of highest priority.
  std::stable_sort(roles.begin(), roles.end(), [&](const Fact& a, const Fact& b) {
    const Rule* ra = book.Find(a.rule);
    const Rule* rb = book.Find(b.rule);
    return (ra ? ra->priority : 0) > (rb ? rb->priority : 0);
  });
  std::vector<Fact> kept_roles;
  kept_roles.reserve(roles.size());
  std::vector<PersonForms> quoted_forms, kept_forms;  // each person's forms once, not once per pair
  for (const Fact& q : out.facts)
    if (q.type == FactType::kQuote) quoted_forms.push_back(FormsOf(q.person));
  for (Fact& f : roles) {
    PersonForms pf = FormsOf(f.person);
    bool quoted = false;
    for (const PersonForms& q : quoted_forms)
      if (!quoted && SamePerson(q, pf)) quoted = true;
    for (const PersonForms& k : kept_forms)
      if (!quoted && SamePerson(k, pf)) quoted = true;
    if (!quoted) {
      kept_roles.push_back(std::move(f));
      kept_forms.push_back(std::move(pf));
    }
  }
  std::stable_sort(kept_roles.begin(), kept_roles.end(),
                   [](const Fact& a, const Fact& b) { return a.evidence.begin < b.evidence.begin; });
  for (Fact& f : kept_roles) out.facts.push_back(std::move(f));

  // Agreements: one per party set and kind.
  // Parties are the same when their keys agree, one name contains the other, or a country and
  // its government stand for each other (中华人民共和国 / 中国政府 / Government of India).
  std::stable_sort(agreements.begin(), agreements.end(), [](const Fact& a, const Fact& b) {
    return (a.kind != "partnership") > (b.kind != "partnership");
  });
  std::vector<Fact> kept_agreements;
  kept_agreements.reserve(agreements.size());
  std::vector<std::set<int>> kept_paragraphs;  // paragraphs each kept agreement was stated in
  auto paragraph_of = [&](std::size_t original_offset) {
    auto it = std::upper_bound(view.paragraphs.begin(), view.paragraphs.end(), original_offset,
                               [](std::size_t off, const Paragraph& p) { return off < p.span.begin; });
    return static_cast<int>(it - view.paragraphs.begin()) - 1;
  };
  // The lead: the paragraph holding the dateline, which restates the headline.
  int lead = -1;
  if (view.dateline.found)
    for (std::size_t k = 0; k < view.paragraphs.size(); ++k)
      if (view.paragraphs[k].norm_begin <= view.dateline.norm_begin && view.dateline.norm_begin < view.paragraphs[k].norm_end)
        lead = static_cast<int>(k);
  auto same_parties = [](const Fact& f, const Fact& g) {
    const Fact& small = f.parties.size() <= g.parties.size() ? f : g;
    const Fact& big = &small == &f ? g : f;
    for (const EntityRef& p : small.parties) {
      bool any = false;
      for (const EntityRef& q : big.parties) any |= SameParty(p, q);
      if (!any) return false;
    }
    return true;
  };
  for (Fact& f : agreements) {
    Fact* same = nullptr;
    const int par = paragraph_of(f.evidence.begin);
    for (std::size_t k = 0; k < kept_agreements.size() && !same; ++k) {
      Fact& g = kept_agreements[k];
      if (!same_parties(f, g)) continue;
      // Restatements of the same kind merge. A partnership of the parties of an agreement is the
      // same fact when it is stated beside it — in the same paragraph, in the headline ("A and B
      // to cooperate" over "A and B signed an MoU"), or in the lead under a headline that states
      // the agreement; stated apart, it is its own fact (a joint programme or a donation years
      // before the signing).
      // (Across kinds only when the partnership's parties are among the agreement's: a
      // partnership with a third party is more than the agreement.)
      if (g.kind == f.kind ||
          (f.kind == "partnership" && f.parties.size() <= g.parties.size() &&
           (kept_paragraphs[k].count(par) || par == 0 || (lead >= 0 && par == lead && kept_paragraphs[k].count(0)))))
        same = &g;
      if (same) kept_paragraphs[k].insert(par);
    }
    if (!same) {
      kept_agreements.push_back(std::move(f));
      kept_paragraphs.push_back({par});
      continue;
    }
    if (same->date.empty()) same->date = f.date;
    for (const auto& cc : f.countries)
      if (std::find(same->countries.begin(), same->countries.end(), cc) == same->countries.end()) same->countries.push_back(cc);
  }
  std::stable_sort(kept_agreements.begin(), kept_agreements.end(),
                   [](const Fact& a, const Fact& b) { return a.evidence.begin < b.evidence.begin; });
  for (Fact& f : kept_agreements) out.facts.push_back(std::move(f));

  // Events: one per name; a name contained in another merges into it.
  std::vector<Fact> evs;
  evs.reserve(events.size());
  for (Fact& f : events) {
    std::string k = NormKey(f.name);
    bool merged = false;
    for (Fact& e : evs) {
      std::string ek = NormKey(e.name);
      if (ek == k || (CharCount(k) >= 4 && CharCount(ek) >= 4 &&
                      (ek.find(k) != std::string::npos || k.find(ek) != std::string::npos))) {
        if (!e.start.empty() && !f.start.empty() && e.start.substr(0, 4) != f.start.substr(0, 4)) continue;
        AddAlias(&e.name_aliases, e.name, f.name);
        for (const auto& a : f.name_aliases) AddAlias(&e.name_aliases, e.name, a);
        if (e.start.empty()) { e.start = f.start; e.end = f.end; }
        if (e.place.empty()) e.place = f.place;
        merged = true;
        break;
      }
    }
    if (!merged) evs.push_back(std::move(f));
  }
  for (Fact& e : evs) out.facts.push_back(std::move(e));

  // Dateline.
  if (view.dateline.found && view.dateline.date_end > view.dateline.date_begin) {
    std::string_view dt = view.normalized.substr(view.dateline.date_begin, view.dateline.date_end - view.dateline.date_begin);
    std::string s, e;
    if (NormalizeDate(dt, view.release_date, &s, &e)) {
      Fact f;
      f.type = FactType::kDateline;
      f.doc = view.id;
      f.rule = "dateline";
      f.confidence = 0.95;
      f.date = s;
      f.evidence = view.to_original ? view.to_original(view.dateline.norm_begin, view.dateline.norm_end) : Span{};
      if (view.dateline.place_end > view.dateline.place_begin) {
        const Mention* best = nullptr;
        for (const Mention& m : ms)
          if ((m.type == MentionType::kPlace || m.type == MentionType::kCountry) && m.begin < view.dateline.place_end &&
              m.end > view.dateline.place_begin) {
            if (!best || m.type == MentionType::kPlace) best = &m;
            if (m.type == MentionType::kPlace) break;
          }
        if (best) {
          f.place = Ref(c, *best);
        } else {
          f.place.name = view.original_text ? Trim(view.original_text(view.dateline.place_begin, view.dateline.place_end))
                                            : std::string();
        }
        f.place.kind = EntityKind::kPlace;
      }
      out.facts.push_back(std::move(f));
    }
  }
  bool have_dateline = false;
  for (const Fact& f : out.facts) have_dateline |= f.type == FactType::kDateline;
  if (!have_dateline && dateline_rule.type == FactType::kDateline) out.facts.push_back(std::move(dateline_rule));
  ReleaseOwnEvent(view, &out.facts);
  out.fired.assign(fired.begin(), fired.end());
  return out;
}

}  // namespace presskg::facts
