// The GOLD.md matching: per document and type, gold facts against predicted facts.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "eval/normalize.h"
#include "presskg/eval.h"

namespace presskg {

double TypeScore::precision() const {
  int p = PredictedTp();
  return p + fp == 0 ? 0.0 : static_cast<double>(p) / (p + fp);
}
double TypeScore::recall() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / (tp + fn); }
double TypeScore::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
void TypeScore::Add(const TypeScore& other) {
  int pred = PredictedTp() + other.PredictedTp();
  tp += other.tp;
  fp += other.fp;
  fn += other.fn;
  ignored += other.ignored;
  tp_pred = pred == tp ? -1 : pred;
}

namespace {

using eval::KeysMatch;
using eval::MatchKey;
using eval::NamesMatch;

constexpr const char* kTypes[] = {"agreement", "quote", "role", "event", "dateline"};
// GOLD.md: quotes whose starts lie within this many normalised characters of each other match.
constexpr std::size_t kQuoteWindow = 250;
// GOLD.md: quotes sharing their first this many normalised characters match.
constexpr std::size_t kQuotePrefix = 8;
// A quotation is located in the release by the longest prefix of its key (at least kQuotePrefix
// characters) that occurs there: a block joined across "X said" is not contiguous in the release.
std::vector<std::string> EntityNames(const EntityRef& e) {
  std::vector<std::string> out;
  if (!e.name.empty()) out.push_back(e.name);
  for (const std::string& a : e.aliases) {
    if (!a.empty()) out.push_back(a);
  }
  return out;
}

std::vector<std::string> EventNames(const Fact& f) {
  std::vector<std::string> out;
  if (!f.name.empty()) out.push_back(f.name);
  for (const std::string& a : f.name_aliases) {
    if (!a.empty()) out.push_back(a);
  }
  return out;
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// An attribute the gold leaves null is right only when the prediction leaves it empty too.
bool OptionalNamesMatch(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  if (gold.empty()) return predicted.empty();
  return NamesMatch(predicted, gold);
}

bool OptionalTextMatch(const std::string& predicted, const std::string& gold) {
  if (Trim(gold).empty()) return Trim(predicted).empty();
  return NamesMatch({predicted}, {gold});
}

// "2024" agrees with "2024-05-30"; a missing date agrees with anything.
bool DatesAgree(const std::string& a_raw, const std::string& b_raw) {
  std::string a = Trim(a_raw), b = Trim(b_raw);
  if (a.empty() || b.empty()) return true;
  return a.compare(0, b.size(), b) == 0 || b.compare(0, a.size(), a) == 0;
}

std::set<std::string> CountrySet(const std::vector<std::string>& codes) {
  std::set<std::string> out;
  for (const std::string& c : codes) {
    if (!Trim(c).empty()) out.insert(Upper(Trim(c)));
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::string Clip(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return s.substr(0, cut) + "…";
}

std::string OrNull(const std::string& s) { return s.empty() ? "null" : s; }

// Maximum-cardinality bipartite matching (Kuhn's augmenting paths). adj[l] lists the right-hand
// vertices l may take, in order of preference. Returns, for each left vertex, its right vertex or -1.
std::vector<int> MaxMatching(const std::vector<std::vector<int>>& adj, std::size_t right_size) {
  std::vector<int> right_owner(right_size, -1);
  std::vector<char> seen;
  std::function<bool(int)> augment = [&](int l) {
    for (int r : adj[l]) {
      if (seen[r]) continue;
      seen[r] = 1;
      if (right_owner[r] < 0 || augment(right_owner[r])) {
        right_owner[r] = l;
        return true;
      }
    }
    return false;
  };
  for (std::size_t l = 0; l < adj.size(); ++l) {
    seen.assign(right_size, 0);
    augment(static_cast<int>(l));
  }
  std::vector<int> left(adj.size(), -1);
  for (std::size_t r = 0; r < right_size; ++r) {
    if (right_owner[r] >= 0) left[right_owner[r]] = static_cast<int>(r);
  }
  return left;
}

// GOLD.md agreement rule: every gold party matched by a distinct predicted party, at most one extra.
int PartiesMatched(const GoldFact& g, const Fact& p) {
  std::vector<std::vector<int>> adj(g.parties.size());
  for (std::size_t i = 0; i < g.parties.size(); ++i) {
    for (std::size_t j = 0; j < p.parties.size(); ++j) {
      if (NamesMatch(EntityNames(p.parties[j]), g.parties[i])) adj[i].push_back(static_cast<int>(j));
    }
  }
  std::vector<int> m = MaxMatching(adj, p.parties.size());
  return static_cast<int>(std::count_if(m.begin(), m.end(), [](int r) { return r >= 0; }));
}

bool AgreementMatches(const GoldFact& g, const Fact& p) {
  if (p.parties.size() > g.parties.size() + 1) return false;
  return PartiesMatched(g, p) == static_cast<int>(g.parties.size());
}

bool RoleMatches(const GoldFact& g, const Fact& p) {
  return NamesMatch(EntityNames(p.person), g.person) && OptionalTextMatch(p.role, g.role);
}

bool EventMatches(const GoldFact& g, const Fact& p) {
  return NamesMatch(EventNames(p), g.name) && DatesAgree(p.start, g.start);
}

bool DatelineMatches(const GoldFact& g, const Fact& p) {
  if (Trim(p.date) != Trim(g.date)) return false;
  if (g.place.empty()) return true;  // the gold names no place: nothing to disagree with
  return NamesMatch(EntityNames(p.place), g.place);
}

// The attributes scored as accuracy on a matched pair: name → correct?
std::vector<std::pair<std::string, bool>> Attributes(const GoldFact& g, const Fact& p) {
  std::vector<std::pair<std::string, bool>> out;
  if (g.type == "agreement") {
    out.emplace_back("agreement.kind", Trim(p.kind) == Trim(g.kind));
    out.emplace_back("agreement.countries", CountrySet(p.countries) == CountrySet(g.countries));
    out.emplace_back("agreement.date", Trim(p.date) == Trim(g.date));
  } else if (g.type == "quote") {
    out.emplace_back("quote.role", OptionalTextMatch(p.role, g.role));
    out.emplace_back("quote.org", OptionalNamesMatch(EntityNames(p.org), g.org));
  } else if (g.type == "role") {
    out.emplace_back("role.org", OptionalNamesMatch(EntityNames(p.org), g.org));
  } else if (g.type == "event") {
    out.emplace_back("event.end", Trim(p.end) == Trim(g.end));
    out.emplace_back("event.place", OptionalNamesMatch(EntityNames(p.place), g.place));
    out.emplace_back("event.country", Upper(Trim(p.place.country)) == Upper(Trim(g.country)));
  } else if (g.type == "dateline") {
    out.emplace_back("dateline.country", Upper(Trim(p.place.country)) == Upper(Trim(g.country)));
  }
  return out;
}

int AttributeAgreement(const GoldFact& g, const Fact& p) {
  int n = 0;
  for (const auto& a : Attributes(g, p)) n += a.second ? 1 : 0;
  return n;
}

std::string DescribeGold(const GoldFact& g) {
  std::ostringstream o;
  if (g.type == "agreement") {
    std::vector<std::string> parties;
    for (const auto& p : g.parties) parties.push_back(Join(p, "/"));
    o << "kind=" << g.kind << " parties=[" << Join(parties, " | ") << "] countries=[" << Join(g.countries, ",")
      << "] date=" << OrNull(g.date);
  } else if (g.type == "quote") {
    o << "person=" << Join(g.person, "/") << " role=" << OrNull(g.role) << " quote=\"" << Clip(g.quote, 60) << "\"";
  } else if (g.type == "role") {
    o << "person=" << Join(g.person, "/") << " role=" << OrNull(g.role) << " org=" << OrNull(Join(g.org, "/"));
  } else if (g.type == "event") {
    o << "name=" << Join(g.name, "/") << " start=" << OrNull(g.start) << " end=" << OrNull(g.end)
      << " place=" << OrNull(Join(g.place, "/")) << " country=" << OrNull(g.country);
  } else {
    o << "date=" << OrNull(g.date) << " place=" << OrNull(Join(g.place, "/")) << " country=" << OrNull(g.country);
  }
  o << " (gold line " << g.line << ")";
  return o.str();
}

std::string DescribeFact(const Fact& f) {
  std::ostringstream o;
  switch (f.type) {
    case FactType::kAgreement: {
      std::vector<std::string> parties;
      for (const auto& p : f.parties) parties.push_back(Join(EntityNames(p), "/"));
      o << "kind=" << f.kind << " parties=[" << Join(parties, " | ") << "] countries=[" << Join(f.countries, ",")
        << "] date=" << OrNull(f.date);
      break;
    }
    case FactType::kQuote:
      o << "person=" << Join(EntityNames(f.person), "/") << " role=" << OrNull(f.role) << " quote=\""
        << Clip(f.quote, 60) << "\"";
      break;
    case FactType::kRole:
      o << "person=" << Join(EntityNames(f.person), "/") << " role=" << OrNull(f.role)
        << " org=" << OrNull(Join(EntityNames(f.org), "/"));
      break;
    case FactType::kEvent:
      o << "name=" << Join(EventNames(f), "/") << " start=" << OrNull(f.start) << " end=" << OrNull(f.end)
        << " place=" << OrNull(Join(EntityNames(f.place), "/")) << " country=" << OrNull(f.place.country);
      break;
    case FactType::kDateline:
      o << "date=" << OrNull(f.date) << " place=" << OrNull(Join(EntityNames(f.place), "/"))
        << " country=" << OrNull(f.place.country);
      break;
  }
  return o.str();
}

// The release text as a match key, with the positions at which quotations start.
class DocKey {
 public:
  explicit DocKey(const std::string* text) {
    if (text) {
      key_ = MatchKey(*text);
      has_text_ = true;
    }
  }
  bool has_text() const { return has_text_; }
  // Every start position of the quotation in the release (normalised characters).
  std::vector<std::size_t> Locate(const std::u32string& quote) const {
    std::vector<std::size_t> out;
    if (!has_text_ || quote.empty()) return out;
    if (Contains(quote, quote.size())) {
      Find(quote, &out);
      return out;
    }
    // Prefix presence is monotone in the length: binary search for the longest present prefix.
    std::size_t lo = 0, hi = quote.size();  // Contains(lo) holds (lo = 0), Contains(hi) does not
    while (hi - lo > 1) {
      std::size_t mid = lo + (hi - lo) / 2;
      (Contains(quote, mid) ? lo : hi) = mid;
    }
    if (lo >= kQuotePrefix) Find(quote.substr(0, lo), &out);
    return out;
  }

 private:
  bool Contains(const std::u32string& quote, std::size_t prefix) const {
    return key_.find(quote.data(), 0, prefix) != std::u32string::npos;
  }
  void Find(const std::u32string& needle, std::vector<std::size_t>* out) const {
    for (std::size_t pos = key_.find(needle); pos != std::u32string::npos; pos = key_.find(needle, pos + 1)) {
      out->push_back(pos);
    }
  }
  std::u32string key_;
  bool has_text_ = false;
};

struct QuoteKey {
  std::u32string text;
  std::vector<std::size_t> positions;
};

bool QuoteTextsMatch(const QuoteKey& p, const QuoteKey& g) {
  if (p.text.empty() || g.text.empty()) return false;
  if (p.text.size() >= kQuotePrefix && g.text.size() >= kQuotePrefix &&
      p.text.compare(0, kQuotePrefix, g.text, 0, kQuotePrefix) == 0) {
    return true;
  }
  if (p.text.find(g.text) != std::u32string::npos || g.text.find(p.text) != std::u32string::npos) return true;
  for (std::size_t a : p.positions) {
    for (std::size_t b : g.positions) {
      if ((a > b ? a - b : b - a) <= kQuoteWindow) return true;
    }
  }
  return false;
}

enum class Outcome { kFalse, kTrue, kIgnored };

struct DocScorer {
  const std::string& doc;
  const std::vector<const GoldFact*>& gold;      // all gold facts of the document
  const std::vector<const Fact*>& predicted;     // all predictions of the document
  const DocKey& text;
  EvalScores* scores;

  std::vector<const GoldFact*> GoldOf(const std::string& type) const {
    std::vector<const GoldFact*> out;
    for (const GoldFact* g : gold) {
      if (g->type == type) out.push_back(g);
    }
    return out;
  }
  std::vector<const Fact*> PredictedOf(const std::string& type) const {
    std::vector<const Fact*> out;
    for (const Fact* p : predicted) {
      if (type == FactTypeName(p->type)) out.push_back(p);
    }
    return out;
  }

  // A person quoted in the gold of this document (their roles are scored on the quote).
  bool IsQuotedPerson(const Fact& p) const {
    for (const GoldFact* g : gold) {
      if (g->type == "quote" && NamesMatch(EntityNames(p.person), g->person)) return true;
    }
    return false;
  }

  void Record(const std::string& type, const std::vector<const GoldFact*>& g, const std::vector<bool>& found,
              const std::vector<const Fact*>& p, const std::vector<Outcome>& outcome) {
    TypeScore& ts = scores->by_type[type];
    const int previous_pred_tp = ts.PredictedTp();  // read before tp changes below
    int pred_tp = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (found[i]) {
        ++ts.tp;
      } else {
        ++ts.fn;
        std::string line = "FN " + type + " " + doc + ": " + DescribeGold(*g[i]);
        if (!g[i]->evidence.empty()) line += " evidence \"" + Clip(g[i]->evidence, 120) + "\"";
        scores->errors.push_back(line);
      }
    }
    for (std::size_t j = 0; j < p.size(); ++j) {
      TypeScore& rule = scores->by_rule[p[j]->rule.empty() ? "(no rule)" : p[j]->rule];
      switch (outcome[j]) {
        case Outcome::kTrue:
          ++pred_tp;
          ++rule.tp;
          break;
        case Outcome::kIgnored:
          ++ts.ignored;
          ++rule.ignored;
          break;
        case Outcome::kFalse:
          ++ts.fp;
          ++rule.fp;
          scores->errors.push_back("FP " + type + " " + doc + " [" + p[j]->rule + "]: " + DescribeFact(*p[j]) +
                                   NearMiss(type, *p[j]));
          break;
      }
    }
    ts.tp_pred = previous_pred_tp + pred_tp;
  }

  void RecordAttributes(const GoldFact& g, const Fact& p) {
    for (const auto& [name, ok] : Attributes(g, p)) {
      AttrScore& a = scores->attributes[name];
      ++a.total;
      if (ok) {
        ++a.correct;
      } else {
        scores->errors.push_back("ATTR " + name + " " + doc + " [" + p.rule + "]: predicted " + DescribeFact(p) +
                                 " | gold " + DescribeGold(g));
      }
    }
  }

  // Why an unmatched prediction missed the closest gold fact, for error analysis.
  std::string NearMiss(const std::string& type, const Fact& p) const {
    for (const GoldFact* g : GoldOf(type)) {
      std::ostringstream o;
      if (type == "agreement") {
        int m = PartiesMatched(*g, p);
        if (m == 0) continue;
        o << " — near gold line " << g->line << ": " << m << "/" << g->parties.size() << " gold parties matched, "
          << p.parties.size() << " predicted";
      } else if (type == "quote") {
        if (!NamesMatch(EntityNames(p.person), g->person)) continue;
        o << " — near gold line " << g->line << ": same speaker, text differs (gold \"" << Clip(g->quote, 40) << "\")";
      } else if (type == "role") {
        if (!NamesMatch(EntityNames(p.person), g->person)) continue;
        o << " — near gold line " << g->line << ": same person, gold role " << OrNull(g->role);
      } else if (type == "event") {
        if (!NamesMatch(EventNames(p), g->name)) continue;
        o << " — near gold line " << g->line << ": same name, gold start " << OrNull(g->start);
      } else {
        o << " — gold line " << g->line << ": date " << OrNull(g->date) << " place " << OrNull(Join(g->place, "/"));
      }
      return o.str();
    }
    return "";
  }

  // Agreements, roles, events, datelines: one-to-one.
  void ScoreOneToOne(const std::string& type, const std::function<bool(const GoldFact&, const Fact&)>& matches) {
    std::vector<const GoldFact*> g = GoldOf(type);
    std::vector<const Fact*> p = PredictedOf(type);
    std::vector<std::vector<int>> adj(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
      std::vector<std::pair<int, int>> cands;  // (-attribute agreement, prediction) for a stable order
      for (std::size_t j = 0; j < p.size(); ++j) {
        if (matches(*g[i], *p[j])) cands.emplace_back(-AttributeAgreement(*g[i], *p[j]), static_cast<int>(j));
      }
      std::sort(cands.begin(), cands.end());
      for (const auto& c : cands) adj[i].push_back(c.second);
    }
    std::vector<int> m = MaxMatching(adj, p.size());
    std::vector<bool> found(g.size(), false);
    std::vector<Outcome> outcome(p.size(), Outcome::kFalse);
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (m[i] < 0) continue;
      found[i] = true;
      outcome[m[i]] = Outcome::kTrue;
      RecordAttributes(*g[i], *p[m[i]]);
    }
    if (type == "role") {
      for (std::size_t j = 0; j < p.size(); ++j) {
        if (outcome[j] == Outcome::kFalse && IsQuotedPerson(*p[j])) outcome[j] = Outcome::kIgnored;
      }
    }
    Record(type, g, found, p, outcome);
  }

  // Quotes: many-to-one; split blocks ignored.
  void ScoreQuotes() {
    std::vector<const GoldFact*> g = GoldOf("quote");
    std::vector<const Fact*> p = PredictedOf("quote");
    std::vector<QuoteKey> gk(g.size()), pk(p.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
      gk[i].text = MatchKey(g[i]->quote);
      gk[i].positions = text.Locate(gk[i].text);
    }
    for (std::size_t j = 0; j < p.size(); ++j) {
      pk[j].text = MatchKey(p[j]->quote);
      pk[j].positions = text.Locate(pk[j].text);
    }
    std::vector<bool> found(g.size(), false);
    std::vector<Outcome> outcome(p.size(), Outcome::kFalse);
    for (std::size_t i = 0; i < g.size(); ++i) {
      int best = -1, best_agreement = -1;
      for (std::size_t j = 0; j < p.size(); ++j) {
        if (!NamesMatch(EntityNames(p[j]->person), g[i]->person) || !QuoteTextsMatch(pk[j], gk[i])) continue;
        outcome[j] = Outcome::kTrue;
        int agreement = AttributeAgreement(*g[i], *p[j]);
        if (agreement > best_agreement) best = static_cast<int>(j), best_agreement = agreement;
      }
      if (best >= 0) {
        found[i] = true;
        RecordAttributes(*g[i], *p[best]);
      }
    }
    for (std::size_t j = 0; j < p.size(); ++j) {
      if (outcome[j] != Outcome::kFalse || pk[j].positions.empty()) continue;
      for (const GoldFact* q : g) {
        if (NamesMatch(EntityNames(p[j]->person), q->person)) {
          outcome[j] = Outcome::kIgnored;
          break;
        }
      }
    }
    Record("quote", g, found, p, outcome);
  }
};

}  // namespace

EvalScores Score(const std::vector<GoldFact>& gold, const std::vector<Fact>& predicted,
                 const std::map<std::string, std::string>& documents) {
  EvalScores scores;
  for (const char* t : kTypes) scores.by_type[t].tp_pred = 0;
  std::map<std::string, std::vector<const GoldFact*>> gold_by_doc;
  std::map<std::string, std::vector<const Fact*>> predicted_by_doc;
  std::set<std::string> docs;
  for (const GoldFact& g : gold) gold_by_doc[g.doc].push_back(&g), docs.insert(g.doc);
  for (const Fact& p : predicted) predicted_by_doc[p.doc].push_back(&p), docs.insert(p.doc);
  for (const auto& d : documents) docs.insert(d.first);
  scores.documents = static_cast<int>(docs.size());

  static const std::vector<const GoldFact*> kNoGold;
  static const std::vector<const Fact*> kNoFacts;
  for (const std::string& doc : docs) {
    auto gi = gold_by_doc.find(doc);
    auto pi = predicted_by_doc.find(doc);
    auto ti = documents.find(doc);
    DocKey key(ti == documents.end() ? nullptr : &ti->second);
    DocScorer s{doc, gi == gold_by_doc.end() ? kNoGold : gi->second,
                pi == predicted_by_doc.end() ? kNoFacts : pi->second, key, &scores};
    s.ScoreOneToOne("agreement", AgreementMatches);
    s.ScoreQuotes();
    s.ScoreOneToOne("role", RoleMatches);
    s.ScoreOneToOne("event", EventMatches);
    s.ScoreOneToOne("dateline", DatelineMatches);
  }
  for (const auto& [type, ts] : scores.by_type) {
    (void)type;
    scores.micro.Add(ts);
  }
  return scores;
}

std::string FormatScores(const EvalScores& s) {
  std::ostringstream o;
  char line[256];
  std::snprintf(line, sizeof line, "%-10s %5s %5s %5s %7s %5s %5s %7s %9s %7s %7s\n", "type", "gold", "pred", "tp",
                "tp_pred", "fp", "fn", "ignored", "precision", "recall", "F1");
  o << line;
  auto row = [&](const std::string& name, const TypeScore& t) {
    std::snprintf(line, sizeof line, "%-10s %5d %5d %5d %7d %5d %5d %7d %9.3f %7.3f %7.3f\n", name.c_str(),
                  t.tp + t.fn, t.PredictedTp() + t.fp + t.ignored, t.tp, t.PredictedTp(), t.fp, t.fn, t.ignored,
                  t.precision(), t.recall(), t.f1());
    o << line;
  };
  for (const char* t : kTypes) {
    auto it = s.by_type.find(t);
    row(t, it == s.by_type.end() ? TypeScore{} : it->second);
  }
  row("micro", s.micro);
  if (!s.attributes.empty()) {
    o << "attribute accuracy on matched facts:\n";
    for (const auto& [name, a] : s.attributes) {
      std::snprintf(line, sizeof line, "  %-20s %4d/%-4d %7.3f\n", name.c_str(), a.correct, a.total, a.accuracy());
      o << line;
    }
  }
  return o.str();
}

std::string FormatByRule(const EvalScores& s) {
  std::ostringstream o;
  char line[512];
  std::snprintf(line, sizeof line, "%-48s %5s %7s %5s %7s %9s\n", "rule", "pred", "correct", "wrong", "ignored",
                "precision");
  o << line;
  for (const auto& [rule, t] : s.by_rule) {
    std::snprintf(line, sizeof line, "%-48s %5d %7d %5d %7d %9.3f\n", rule.c_str(), t.tp + t.fp + t.ignored, t.tp,
                  t.fp, t.ignored, t.precision());
    o << line;
  }
  return o.str();
}

std::string LanguageGroup(const std::string& doc_id, const std::string& language_tag) {
  auto starts = [](const std::string& s, const char* p) { return s.rfind(p, 0) == 0; };
  if (starts(doc_id, "zh") || language_tag == "zh" || starts(language_tag, "zh-")) return "zh";
  if (starts(doc_id, "en") || language_tag == "en" || starts(language_tag, "en-")) return "en";
  return "other";
}

}  // namespace presskg
