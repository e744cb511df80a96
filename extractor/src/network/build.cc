// network/build.cc — agreement facts (docs/vocabulary.md) → the partnership network.
#include <algorithm>
#include <cstdint>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <unicode/locid.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>

#include "presskg/network.h"

namespace presskg {
namespace {

const std::string kRdfType = std::string(ns::kRdf) + "type";
const std::string kRdfsLabel = std::string(ns::kRdfs) + "label";
const std::string kAgreement = std::string(ns::kPkg) + "Agreement";
const std::string kKind = std::string(ns::kPkg) + "kind";
const std::string kParty = std::string(ns::kPkg) + "party";
const std::string kCountryProp = std::string(ns::kPkg) + "country";
const std::string kIsoCode = std::string(ns::kPkg) + "isoCode";
const std::string kInDocument = std::string(ns::kPkg) + "inDocument";
const std::string kDate = std::string(ns::kDcterms) + "date";
const std::string kIdentifier = std::string(ns::kDcterms) + "identifier";
const std::string kLanguage = std::string(ns::kDcterms) + "language";
const std::string kDatePublished = std::string(ns::kSchema) + "datePublished";
const std::string kSchemaCountry = std::string(ns::kSchema) + "Country";
const std::string kNewsArticle = std::string(ns::kSchema) + "NewsArticle";

struct Fact {
  std::string kind, date;
  std::set<std::string> parties, countries, docs;
};

struct Doc {
  std::string id, language, published, dateline;
};

// A label and where it was seen (the graphs whose release wrote it).
struct LabelSeen {
  std::string lang;                // literal tag, lower case; "" = untagged
  std::set<std::string> graphs;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Year of an xsd:date / gYearMonth / gYear lexical form; 0 when it has none.
int YearOf(const std::string& date) {
  size_t i = 0;
  if (!date.empty() && date[0] == '-') return 0;  // BCE dates are not agreement dates
  while (i < date.size() && std::isdigit(static_cast<unsigned char>(date[i]))) ++i;
  if (i < 4 || i > 8) return 0;  // gYear has at least 4 digits; more than 8 is not a date we chart
  return std::stoi(date.substr(0, i));
}

// The last path segment of an IRI ("…/doc/abc" → "abc"), used when a document has no identifier.
std::string LastSegment(const std::string& iri) {
  size_t slash = iri.find_last_of("/#");
  return slash == std::string::npos ? iri : iri.substr(slash + 1);
}

// "zh-hans" matches "zh"; both lower case.
bool LangMatches(const std::string& tag, const std::string& want) {
  return !want.empty() && (tag == want || tag.rfind(want + "-", 0) == 0);
}

// Whether the first letter of `text` (not Common/Inherited script) is written in a script of
// language `lang` (ICU: "zh" → Han, "en" → Latin, "ru" → Cyrillic, "ar" → Arabic).
bool ScriptMatches(const std::string& text, const std::string& lang) {
  UScriptCode codes[8];
  UErrorCode status = U_ZERO_ERROR;
  const int n = uscript_getCode(lang.c_str(), codes, 8, &status);
  if (U_FAILURE(status) || n <= 0) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    UScriptCode sc = uscript_getScript(c, &status);
    if (U_FAILURE(status)) return false;
    if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) continue;
    for (int k = 0; k < n; ++k)
      if (codes[k] == sc) return true;
    return false;
  }
  return false;
}

// CLDR display name of an ISO 3166 region in a language (ICU); the code itself when unknown.
std::string CountryName(const std::string& iso, const std::string& lang) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale in = icu::Locale::forLanguageTag(lang, status);
  if (U_FAILURE(status)) in = icu::Locale::getEnglish();
  icu::UnicodeString name;
  icu::Locale("", iso.c_str()).getDisplayCountry(in, name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? iso : out;
}

// IRI segments are percent-encoded UTF-8 (docs/vocabulary.md); decode for a readable fallback.
std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Result<Network> BuildNetwork(const Quads& data, const NetworkOptions& options) {
  if (options.year_from && options.year_to && options.year_from > options.year_to)
    return InvalidArgument("network: --from year " + std::to_string(options.year_from) +
                           " is after --to year " + std::to_string(options.year_to));
  for (const auto& k : options.kinds)
    if (k != "agreement" && k != "mou" && k != "partnership")
      return InvalidArgument("network: unknown agreement kind '" + k +
                             "' (agreement, mou, partnership)");

  std::unordered_map<std::string, Fact> facts;
  std::unordered_map<std::string, Doc> docs;
  std::unordered_map<std::string, std::string> graph_doc;  // named graph → document in it
  std::unordered_set<std::string> countries;
  std::unordered_map<std::string, std::string> iso;
  std::unordered_map<std::string, std::map<std::string, LabelSeen>> labels;

  std::unordered_map<std::string, std::string> other_date, other_doc;  // non-agreement facts

  // Pass 1: which subjects are agreements (the type triple may come after the others).
  for (const Quad& q : data)
    if (q.predicate.value == kRdfType && q.object.is_iri() && q.object.value == kAgreement)
      facts[q.subject.value];

  for (const Quad& q : data) {
    const std::string& s = q.subject.value;
    const std::string& p = q.predicate.value;
    const Term& o = q.object;
    if (auto fit = facts.find(s); fit != facts.end()) {
      Fact& f = fit->second;
      if (p == kKind && o.is_literal()) f.kind = o.value;
      else if (p == kParty && !o.is_literal()) f.parties.insert(o.value);
      else if (p == kCountryProp && o.is_iri()) { f.countries.insert(o.value); countries.insert(o.value); }
      else if (p == kDate && o.is_literal()) f.date = o.value;
      else if (p == kInDocument && o.is_iri()) f.docs.insert(o.value);
      continue;
    }
    if (p == kRdfType && o.is_iri()) {
      if (o.value == kSchemaCountry) countries.insert(s);
      else if (o.value == kNewsArticle && !q.graph.is_none())
        graph_doc[q.graph.value] = s;
    } else if (p == kRdfsLabel && o.is_literal()) {
      LabelSeen& seen = labels[s][o.value];
      seen.lang = o.lang;
      seen.graphs.insert(q.graph.value);
    } else if (p == kIsoCode && o.is_literal()) {
      iso[s] = o.value;
    } else if (p == kIdentifier && o.is_literal()) {
      docs[s].id = o.value;
    } else if (p == kLanguage && o.is_literal()) {
      docs[s].language = Lower(o.value);
      if (!q.graph.is_none()) graph_doc.emplace(q.graph.value, s);
    } else if (p == kDatePublished && o.is_literal()) {
      docs[s].published = o.value;
    } else if (p == kDate && o.is_literal()) {
      other_date[s] = o.value;  // a dateline (the only other fact with dcterms:date)
    } else if (p == kInDocument && o.is_iri()) {
      other_doc[s] = o.value;
    }
  }
  // The release's own dateline dates it when it has no schema:datePublished.
  for (const auto& [fact, date] : other_date)
    if (auto d = other_doc.find(fact); d != other_doc.end()) {
      Doc& doc = docs[d->second];
      if (doc.dateline.empty() || date < doc.dateline) doc.dateline = date;
    }

  auto is_country = [&](const std::string& iri) { return countries.count(iri) > 0; };
  auto iso_of = [&](const std::string& iri) -> std::string {
    if (auto it = iso.find(iri); it != iso.end()) return it->second;
    // Country IRIs end in their ISO code (BASE country/{ISO}).
    if (size_t at = iri.rfind("/country/"); at != std::string::npos) return iri.substr(at + 9);
    return "";
  };

  std::set<std::string> want_kinds(options.kinds.begin(), options.kinds.end());
  std::set<std::string> want_countries;
  for (const auto& c : options.countries) want_countries.insert(Lower(c));

  // Facts in IRI order, so edge attributes come out in the same order for the same data.
  std::vector<std::pair<const std::string*, const Fact*>> ordered;
  ordered.reserve(facts.size());
  for (const auto& [iri, f] : facts) ordered.emplace_back(&iri, &f);
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return *a.first < *b.first; });

  // Vertex IRIs are interned while joining; per vertex pair, the agreements (indices into
  // `ordered`, increasing) joining them.
  std::unordered_map<std::string, int> vertex_id;
  std::vector<const std::string*> vertex_iri;
  std::vector<std::map<std::string, int>> vertex_langs;  // languages of the releases naming it
  auto intern = [&](const std::string& iri) {
    auto [it, added] = vertex_id.emplace(iri, static_cast<int>(vertex_iri.size()));
    if (added) {
      vertex_iri.push_back(&it->first);
      vertex_langs.emplace_back();
    }
    return it->second;
  };
  std::vector<std::string> langs;  // of the current fact's releases
  std::unordered_map<uint64_t, std::vector<int>> pair_facts;
  auto join = [&](const std::string& a, const std::string& b, int fact) {
    if (a == b) return;
    uint64_t x = static_cast<uint32_t>(intern(a)), y = static_cast<uint32_t>(intern(b));
    std::vector<int>& on = pair_facts[x < y ? x << 32 | y : y << 32 | x];
    if (on.empty() || on.back() != fact) on.push_back(fact);
  };
  auto keep = [&](const auto& iris) {
    for (const auto& iri : iris) {
      auto& counts = vertex_langs[intern(iri)];
      for (const auto& l : langs) ++counts[l];
    }
  };

  // Per fact: the year (its own date, else the release date) and the release ids.
  std::vector<std::pair<std::string, std::vector<std::string>>> fact_year_docs(ordered.size());
  for (int id = 0; id < static_cast<int>(ordered.size()); ++id) {
    const Fact& f = *ordered[id].second;
    if (!want_kinds.empty() && !want_kinds.count(f.kind)) continue;
    std::vector<std::string> doc_ids;
    std::string published;
    langs.clear();
    for (const auto& d : f.docs) {
      auto it = docs.find(d);
      if (it == docs.end()) { doc_ids.push_back(LastSegment(d)); continue; }
      doc_ids.push_back(it->second.id.empty() ? LastSegment(d) : it->second.id);
      if (published.empty()) published = it->second.published;
      if (published.empty()) published = it->second.dateline;
      if (!it->second.language.empty()) langs.push_back(it->second.language);
    }
    std::sort(doc_ids.begin(), doc_ids.end());
    int year = YearOf(f.date.empty() ? published : f.date);
    if ((options.year_from || options.year_to) &&
        (year == 0 || (options.year_from && year < options.year_from) ||
         (options.year_to && year > options.year_to)))
      continue;
    if (!want_countries.empty()) {
      bool hit = false;
      for (const auto* set : {&f.parties, &f.countries})
        for (const auto& v : *set)
          if (is_country(v) && want_countries.count(Lower(iso_of(v)))) hit = true;
      if (!hit) continue;
    }
    fact_year_docs[id] = {year ? std::to_string(year) : std::string(), doc_ids};

    std::vector<std::string> orgs, party_countries;
    for (const auto& p : f.parties) (is_country(p) ? party_countries : orgs).push_back(p);
    switch (options.view) {
      case NetworkOptions::View::kFull: {
        std::vector<std::string> parties(f.parties.begin(), f.parties.end());
        for (size_t i = 0; i < parties.size(); ++i)
          for (size_t j = i + 1; j < parties.size(); ++j) join(parties[i], parties[j], id);
        for (const auto& p : parties)
          for (const auto& c : f.countries) join(p, c, id);
        keep(parties);
        keep(f.countries);
        break;
      }
      case NetworkOptions::View::kOrgCountry: {
        std::set<std::string> all_countries(party_countries.begin(), party_countries.end());
        all_countries.insert(f.countries.begin(), f.countries.end());
        for (const auto& o : orgs)
          for (const auto& c : all_countries) join(o, c, id);
        keep(orgs);
        keep(all_countries);
        break;
      }
      case NetworkOptions::View::kOrgOrg:
        for (size_t i = 0; i < orgs.size(); ++i)
          for (size_t j = i + 1; j < orgs.size(); ++j) join(orgs[i], orgs[j], id);
        keep(orgs);
        break;
    }
  }

  // The language of the release that wrote a label, when the literal has no tag.
  auto graph_language = [&](const std::string& graph) -> std::string {
    auto g = graph_doc.find(graph);
    if (g == graph_doc.end()) return "";
    auto d = docs.find(g->second);
    return d == docs.end() ? "" : d->second.language;
  };
  const std::string want_lang = Lower(options.label_language);

  // Vertices in IRI order; index[interned id] = position.
  std::vector<int> by_iri(vertex_iri.size());
  for (size_t i = 0; i < by_iri.size(); ++i) by_iri[i] = static_cast<int>(i);
  std::sort(by_iri.begin(), by_iri.end(), [&](int a, int b) { return *vertex_iri[a] < *vertex_iri[b]; });
  std::vector<int> index(vertex_iri.size());
  Network net;
  net.vertices.reserve(by_iri.size());
  for (int id : by_iri) {
    const std::string& iri = *vertex_iri[id];
    NetworkVertex v;
    v.iri = iri;
    v.kind = is_country(iri) ? "country" : "organization";
    if (v.kind == "country") v.iso = iso_of(iri);
    // Rank labels: preferred language, then releases using it, then length, then code units.
    std::vector<std::tuple<bool, size_t, size_t, std::string>> ranked;
    if (auto it = labels.find(iri); it != labels.end()) {
      for (const auto& [text, seen] : it->second) {
        bool in_lang = false;
        if (!want_lang.empty()) {
          bool known = !seen.lang.empty();
          if (LangMatches(Lower(seen.lang), want_lang)) in_lang = true;
          for (const auto& g : seen.graphs) {
            if (!seen.lang.empty()) break;
            const std::string gl = graph_language(g);
            known = known || !gl.empty();
            if (LangMatches(gl, want_lang)) in_lang = true;
          }
          // Language unknown (untagged, releases without dcterms:language): judge by script.
          if (!known && ScriptMatches(text, want_lang)) in_lang = true;
        }
        ranked.emplace_back(in_lang, seen.graphs.size(), CodePoints(text), text);
      }
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a);
      if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) > std::get<1>(b);
      if (std::get<2>(a) != std::get<2>(b)) return std::get<2>(a) > std::get<2>(b);
      return std::get<3>(a) < std::get<3>(b);
    });
    for (const auto& r : ranked) v.labels.push_back(std::get<3>(r));
    if (!v.labels.empty()) {
      v.label = v.labels.front();
    } else if (v.kind == "country" && !v.iso.empty()) {
      // No label written: CLDR's name in the wanted language, else the releases' language.
      std::string lang = want_lang;
      int best = 0;
      for (const auto& [l, count] : vertex_langs[id])
        if (lang.empty() || (want_lang.empty() && count > best)) { lang = l; best = count; }
      v.label = CountryName(v.iso, lang.empty() ? "en" : lang);
    } else {
      v.label = PercentDecode(LastSegment(iri));
    }
    index[id] = static_cast<int>(net.vertices.size());
    net.vertices.push_back(std::move(v));
  }

  net.edges.reserve(pair_facts.size());
  for (const auto& [pair, fact_ids] : pair_facts) {
    NetworkEdge e;
    int a = index[static_cast<int>(pair >> 32)], b = index[static_cast<int>(pair & 0xffffffffu)];
    e.source = std::min(a, b);
    e.target = std::max(a, b);
    std::set<std::string> years, kinds, doc_ids;
    for (int id : fact_ids) {
      const auto& [year, ids] = fact_year_docs[id];
      if (!year.empty()) years.insert(year);
      if (!ordered[id].second->kind.empty()) kinds.insert(ordered[id].second->kind);
      doc_ids.insert(ids.begin(), ids.end());
      e.agreements.push_back(*ordered[id].first);  // increasing fact index: sorted IRIs
    }
    e.weight = static_cast<double>(fact_ids.size());
    e.years.assign(years.begin(), years.end());
    e.kinds.assign(kinds.begin(), kinds.end());
    e.docs.assign(doc_ids.begin(), doc_ids.end());
    net.edges.push_back(std::move(e));
  }
  std::sort(net.edges.begin(), net.edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
    return x.source != y.source ? x.source < y.source : x.target < y.target;
  });
  return net;
}

}  // namespace presskg
