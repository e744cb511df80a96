// GraphBuilder: one release's facts → quads in its named graph (docs/vocabulary.md).
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/countries.h"
#include "graph/sha256.h"
#include "graph/text_util.h"
#include "graph/vocab.h"
#include "presskg/graph.h"

namespace presskg {
namespace {

using namespace vocab_iri;

bool IsDigits(const std::string& s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int TwoDigits(const std::string& s, std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

// ISO 8601 prefixes typed by their shape; anything else stays a plain string rather than an
// ill-typed literal.
Term DateLiteral(const std::string& d) {
  if (d.size() == 4 && IsDigits(d, 0, 4)) return Term::Literal(d, Xsd("gYear"));
  if (d.size() == 7 && IsDigits(d, 0, 4) && d[4] == '-' && IsDigits(d, 5, 2)) {
    const int m = TwoDigits(d, 5);
    if (m >= 1 && m <= 12) return Term::Literal(d, Xsd("gYearMonth"));
  }
  if (d.size() == 10 && IsDigits(d, 0, 4) && d[4] == '-' && IsDigits(d, 5, 2) && d[7] == '-' &&
      IsDigits(d, 8, 2)) {
    const int y = std::stoi(d.substr(0, 4)), m = TwoDigits(d, 5), day = TwoDigits(d, 8);
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m >= 1 && m <= 12 && day >= 1 && day <= kDays[m - 1] && !(m == 2 && day == 29 && !leap)) {
      return Term::Literal(d, Xsd("date"));
    }
  }
  return Term::Literal(graphutil::RepairUtf8(d));
}

Term Plain(const std::string& s) { return Term::Literal(graphutil::RepairUtf8(s)); }

std::string DecimalLexical(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

bool IsIso2(const std::string& s) {
  return s.size() == 2 && std::isalpha(static_cast<unsigned char>(s[0])) &&
         std::isalpha(static_cast<unsigned char>(s[1]));
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool IsQid(const std::string& s) {
  if (s.size() < 2 || s[0] != 'Q' || s[1] == '0') return false;
  return IsDigits(s, 1, s.size() - 1);
}

// The form of an entity's name its key is made from: the longest of the forms written in the
// release (the full name rather than a short form), ties broken by the smaller key.
std::string CanonicalKey(const EntityRef& e) {
  std::string best;
  std::size_t best_len = 0;
  auto consider = [&](const std::string& form) {
    if (form.empty()) return;
    std::string k = NormalizeKey(form);
    if (k.empty()) return;
    const std::size_t len = graphutil::CodePointOffset(k, k.size());
    if (len > best_len || (len == best_len && k < best)) {
      best = std::move(k);
      best_len = len;
    }
  };
  consider(e.name);
  for (const std::string& a : e.aliases) consider(a);
  return best;
}

// The vocabulary IRIs a release uses, built once per process (not once per quad).
enum class V : int {
  kRdfType, kRdfsLabel, kOwlSameAs,
  kDctIdentifier, kDctLanguage, kDctSource, kDctDate,
  kSchemaNewsArticle, kSchemaOrganization, kSchemaPerson, kSchemaPlace, kSchemaCountry, kSchemaEvent,
  kSchemaDatePublished, kSchemaUrl, kSchemaText, kSchemaName, kSchemaStartDate, kSchemaEndDate,
  kSchemaLocation,
  kPkgCountry, kPkgIsoCode, kPkgInDocument, kPkgRule, kPkgRulePackVersion, kPkgConfidence, kPkgKind,
  kPkgParty, kPkgSpeaker, kPkgRoleName, kPkgRoleOrganization, kPkgEvidence,
  kPkgAgreement, kPkgQuote, kPkgRoleFact, kPkgEventFact, kPkgDateline, kPkgFact,
  kOrgMember, kOrgOrganization, kOrgMembership,
  kNifString, kNifOffsetBasedString, kNifReferenceContext, kNifBeginIndex, kNifEndIndex, kNifAnchorOf,
  kCount
};

const std::string& VocabIri(V v) {
  static const std::string* const kTable = [] {
    static std::string t[static_cast<int>(V::kCount)];
    auto set = [](V k, std::string iri) { t[static_cast<int>(k)] = std::move(iri); };
    set(V::kRdfType, Rdf("type"));
    set(V::kRdfsLabel, Rdfs("label"));
    set(V::kOwlSameAs, Owl("sameAs"));
    set(V::kDctIdentifier, Dct("identifier"));
    set(V::kDctLanguage, Dct("language"));
    set(V::kDctSource, Dct("source"));
    set(V::kDctDate, Dct("date"));
    set(V::kSchemaNewsArticle, Schema("NewsArticle"));
    set(V::kSchemaOrganization, Schema("Organization"));
    set(V::kSchemaPerson, Schema("Person"));
    set(V::kSchemaPlace, Schema("Place"));
    set(V::kSchemaCountry, Schema("Country"));
    set(V::kSchemaEvent, Schema("Event"));
    set(V::kSchemaDatePublished, Schema("datePublished"));
    set(V::kSchemaUrl, Schema("url"));
    set(V::kSchemaText, Schema("text"));
    set(V::kSchemaName, Schema("name"));
    set(V::kSchemaStartDate, Schema("startDate"));
    set(V::kSchemaEndDate, Schema("endDate"));
    set(V::kSchemaLocation, Schema("location"));
    set(V::kPkgCountry, Pkg("country"));
    set(V::kPkgIsoCode, Pkg("isoCode"));
    set(V::kPkgInDocument, Pkg("inDocument"));
    set(V::kPkgRule, Pkg("rule"));
    set(V::kPkgRulePackVersion, Pkg("rulePackVersion"));
    set(V::kPkgConfidence, Pkg("confidence"));
    set(V::kPkgKind, Pkg("kind"));
    set(V::kPkgParty, Pkg("party"));
    set(V::kPkgSpeaker, Pkg("speaker"));
    set(V::kPkgRoleName, Pkg("roleName"));
    set(V::kPkgRoleOrganization, Pkg("roleOrganization"));
    set(V::kPkgEvidence, Pkg("evidence"));
    set(V::kPkgAgreement, Pkg("Agreement"));
    set(V::kPkgQuote, Pkg("Quote"));
    set(V::kPkgRoleFact, Pkg("RoleFact"));
    set(V::kPkgEventFact, Pkg("EventFact"));
    set(V::kPkgDateline, Pkg("Dateline"));
    set(V::kPkgFact, Pkg("Fact"));
    set(V::kOrgMember, Org("member"));
    set(V::kOrgOrganization, Org("organization"));
    set(V::kOrgMembership, Org("Membership"));
    set(V::kNifString, Nif("String"));
    set(V::kNifOffsetBasedString, Nif("OffsetBasedString"));
    set(V::kNifReferenceContext, Nif("referenceContext"));
    set(V::kNifBeginIndex, Nif("beginIndex"));
    set(V::kNifEndIndex, Nif("endIndex"));
    set(V::kNifAnchorOf, Nif("anchorOf"));
    return t;
  }();
  return kTable[static_cast<int>(v)];
}

V FactClassIri(FactType t) {
  switch (t) {
    case FactType::kAgreement: return V::kPkgAgreement;
    case FactType::kQuote: return V::kPkgQuote;
    case FactType::kRole: return V::kPkgRoleFact;
    case FactType::kEvent: return V::kPkgEventFact;
    case FactType::kDateline: return V::kPkgDateline;
  }
  return V::kPkgFact;
}

// Emits one release's statements into its named graph. Terms are stored once each (IRIs interned
// by their text) and statements are triples of term ids, so building, sorting and de-duplicating
// never copy a string; Finish() turns them into Quads once, in the final order.
}  // namespace

// Keyed by every field EntityIri reads, so equal keys give equal IRIs; a hash map keeps releases
// with thousands of entities linear (a vector scan was quadratic). Node-based: references to the
// IRIs stay valid while the cache grows.
struct GraphBuilder::EntityIriCache {
  std::unordered_map<std::string, std::string> iris;
  std::string key;  // scratch
  // BASE fact/{encoded doc id}/ of the release (every fact IRI of a release starts with it).
  std::string fact_doc_id, fact_prefix;
};

namespace graphimpl {

class ReleaseWriter {
 public:
  using Id = std::uint32_t;
  static constexpr Id kNone = 0xFFFFFFFFu;

  ReleaseWriter(const GraphBuilder& g, const GraphOptions& o, const Document& doc)
      : g_(g), o_(o), doc_(doc), graph_(Term::Iri(g.GraphIri(doc.id))), label_lang_(LabelLanguage(doc.lang)),
        text_valid_(graphutil::IsValidUtf8(doc.text)) {
    vocab_.fill(kNone);
    doc_iri_ = Iri(g.DocumentIri(doc.id));
  }

  // Entity nodes are shared by every release that names them, so an untagged label written in one
  // release would show up as a name "as written" in all the others. Tagging each label with the
  // language of the release that wrote it lets queries keep the names of the release's language.
  static std::string LabelLanguage(const std::string& lang) {
    std::string tag;
    for (char c : lang) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
        tag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else {
        return {};
      }
    }
    return tag == "und" ? std::string() : tag;
  }

  // FactIri of a fact of this release (its doc field taken to be the document's id).
  std::string FactIri(const presskg::Fact& f) { return g_.FactIriIn(f, doc_.id, &entity_iris_); }

  Id Iri(std::string_view iri) {
    auto it = iris_.find(iri);
    if (it != iris_.end()) return it->second;
    return NewIri(std::string(iri));
  }
  Id Iri(std::string&& iri) {
    auto it = iris_.find(iri);
    if (it != iris_.end()) return it->second;
    return NewIri(std::move(iri));
  }
  Id Iri(V v) {
    Id& id = vocab_[static_cast<int>(v)];
    if (id == kNone) id = Iri(std::string_view(VocabIri(v)));
    return id;
  }
  Id Lit(Term t) {
    terms_.push_back(std::move(t));
    return static_cast<Id>(terms_.size() - 1);
  }
  Id Plain(const std::string& s) { return Lit(presskg::Plain(s)); }
  Id Label(const std::string& s) { return Lit(Term::Literal(graphutil::RepairUtf8(s), {}, label_lang_)); }

  void Add(Id s, V p, Id o) { stmts_.push_back({s, Iri(p), o}); }

  void Document() {
    Add(doc_iri_, V::kRdfType, Iri(V::kSchemaNewsArticle));
    Add(doc_iri_, V::kDctIdentifier, Plain(doc_.id));
    if (!doc_.lang.empty()) Add(doc_iri_, V::kDctLanguage, Plain(doc_.lang));
    if (!doc_.source.empty()) Add(doc_iri_, V::kDctSource, Plain(doc_.source));
    if (!doc_.date.empty()) Add(doc_iri_, V::kSchemaDatePublished, Lit(DateLiteral(doc_.date)));
    const std::size_t colon = doc_.url.find(':');
    if (colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(doc_.url[0]))) {
      Add(doc_iri_, V::kSchemaUrl, Iri(graphutil::MakeSafeIri(doc_.url)));
    }
  }

  // The entity's node with its type, labels and links; returns its id (kNone when the reference is
  // empty).
  Id Entity(const EntityRef& e) {
    if (e.name.empty() && e.key.empty() && e.aliases.empty()) return kNone;
    const Id node = Iri(std::string_view(g_.CachedEntityIri(e, &entity_iris_)));
    switch (e.kind) {
      case EntityKind::kOrganization: Add(node, V::kRdfType, Iri(V::kSchemaOrganization)); break;
      case EntityKind::kPerson: Add(node, V::kRdfType, Iri(V::kSchemaPerson)); break;
      case EntityKind::kPlace: Add(node, V::kRdfType, Iri(V::kSchemaPlace)); break;
      case EntityKind::kCountry: {
        const std::string iso = CountryCode(e);
        if (!iso.empty()) {
          CountryNode(iso);
        } else {
          Add(node, V::kRdfType, Iri(V::kSchemaCountry));
        }
        break;
      }
    }
    if (!e.name.empty()) Add(node, V::kRdfsLabel, Label(e.name));
    for (const std::string& a : e.aliases) {
      if (!a.empty()) Add(node, V::kRdfsLabel, Label(a));
    }
    if (IsQid(e.wikidata)) Add(node, V::kOwlSameAs, Iri(std::string(ns::kWd) + e.wikidata));
    if (e.kind == EntityKind::kPlace && IsIso2(e.country)) {
      Add(node, V::kPkgCountry, CountryNode(Upper(e.country)));
    }
    return node;
  }

  static std::string CountryCode(const EntityRef& e) {
    if (IsIso2(e.key)) return Upper(e.key);
    if (e.key.empty() && IsIso2(e.country)) return Upper(e.country);
    return {};
  }

  Id CountryNode(const std::string& iso) {
    const Id node = Iri(g_.CountryIri(iso));
    Add(node, V::kRdfType, Iri(V::kSchemaCountry));
    Add(node, V::kPkgIsoCode, Lit(Term::Literal(iso)));
    if (const char* qid = graphutil::CountryWikidata(iso)) {
      Add(node, V::kOwlSameAs, Iri(std::string(ns::kWd) + qid));
    }
    return node;
  }

  // Content and evidence of one fact; provenance (rule, confidence) only when `with_provenance`.
  void Fact(const presskg::Fact& f, const std::string& iri, bool with_provenance) {
    const Id fact = Iri(std::string_view(iri));
    Add(fact, V::kRdfType, Iri(FactClassIri(f.type)));
    Add(fact, V::kPkgInDocument, doc_iri_);
    if (with_provenance) {
      if (!f.rule.empty()) Add(fact, V::kPkgRule, Plain(f.rule));
      if (!o_.rule_pack_version.empty()) Add(fact, V::kPkgRulePackVersion, Plain(o_.rule_pack_version));
      if (std::isfinite(f.confidence)) {
        Add(fact, V::kPkgConfidence, Lit(Term::Literal(DecimalLexical(f.confidence), Xsd("decimal"))));
      }
    }
    Evidence(fact, f.evidence);

    switch (f.type) {
      case FactType::kAgreement:
        if (!f.kind.empty()) Add(fact, V::kPkgKind, Plain(f.kind));
        for (const EntityRef& p : f.parties) {
          const Id party = Entity(p);
          if (party != kNone) Add(fact, V::kPkgParty, party);
        }
        for (const std::string& c : f.countries) {
          if (IsIso2(c)) Add(fact, V::kPkgCountry, CountryNode(Upper(c)));
        }
        if (!f.date.empty()) Add(fact, V::kDctDate, Lit(DateLiteral(f.date)));
        break;
      case FactType::kQuote: {
        const Id person = Entity(f.person);
        if (person != kNone) Add(fact, V::kPkgSpeaker, person);
        if (!f.quote.empty()) Add(fact, V::kSchemaText, Plain(f.quote));
        if (!f.role.empty()) Add(fact, V::kPkgRoleName, Plain(f.role));
        const Id org = Entity(f.org);
        if (org != kNone) Add(fact, V::kPkgRoleOrganization, org);
        break;
      }
      case FactType::kRole: {
        Add(fact, V::kRdfType, Iri(V::kOrgMembership));
        const Id person = Entity(f.person);
        if (person != kNone) Add(fact, V::kOrgMember, person);
        if (!f.role.empty()) Add(fact, V::kPkgRoleName, Plain(f.role));
        const Id org = Entity(f.org);
        if (org != kNone) Add(fact, V::kOrgOrganization, org);
        break;
      }
      case FactType::kEvent: {
        Add(fact, V::kRdfType, Iri(V::kSchemaEvent));
        if (!f.name.empty()) Add(fact, V::kSchemaName, Plain(f.name));
        for (const std::string& a : f.name_aliases) {
          if (!a.empty()) Add(fact, V::kSchemaName, Plain(a));
        }
        if (!f.start.empty()) Add(fact, V::kSchemaStartDate, Lit(DateLiteral(f.start)));
        if (!f.end.empty()) Add(fact, V::kSchemaEndDate, Lit(DateLiteral(f.end)));
        const Id place = Entity(f.place);
        if (place != kNone) Add(fact, V::kSchemaLocation, place);
        break;
      }
      case FactType::kDateline: {
        if (!f.date.empty()) Add(fact, V::kDctDate, Lit(DateLiteral(f.date)));
        const Id place = Entity(f.place);
        if (place != kNone) Add(fact, V::kSchemaLocation, place);
        break;
      }
    }
  }

  // The statements as a QuadTable in a stable order that keeps each subject's statements together
  // (Turtle groups them) with its rdf:type first (for readers of the Turtle), without duplicates.
  // Terms are ranked once (equal terms share a rank), so sorting and de-duplicating compare
  // integers only; the order is exactly the one Term's operator< gives.
  QuadTable Finish() {
    const std::size_t n = terms_.size();
    std::vector<std::pair<const Term*, Id>> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = {&terms_[i], static_cast<Id>(i)};
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
      const Term& a = *x.first;
      const Term& b = *y.first;
      if (a.kind != b.kind) return a.kind < b.kind;
      if (const int c = a.value.compare(b.value); c != 0) return c < 0;
      return a < b;
    });
    std::vector<Id> rank(n);
    Id r = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && *order[i - 1].first != *order[i].first) ++r;
      rank[order[i].second] = r;
    }
    const Id type = Iri(V::kRdfType);
    struct Key {
      Id s, type_last, p, o;
      std::size_t index;
    };
    std::vector<Key> keys;
    keys.reserve(stmts_.size());
    for (std::size_t i = 0; i < stmts_.size(); ++i) {
      const Stmt& st = stmts_[i];
      keys.push_back({rank[st.s], st.p == type ? 0u : 1u, rank[st.p], rank[st.o], i});
    }
    auto tie = [](const Key& k) { return std::tie(k.s, k.type_last, k.p, k.o); };
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) { return tie(a) < tie(b); });
    keys.erase(std::unique(keys.begin(), keys.end(), [&](const Key& a, const Key& b) { return tie(a) == tie(b); }),
               keys.end());

    // The table takes the terms as they are (moved, never copied); the graph IRI is one more term.
    QuadTable out;
    out.terms.reserve(n + 1);
    for (Term& t : terms_) out.terms.push_back(std::move(t));
    iris_.clear();  // its views pointed into terms_
    out.terms.push_back(std::move(graph_));
    const Id graph = static_cast<Id>(n);
    out.rows.reserve(keys.size());
    for (const Key& k : keys) {
      const Stmt& st = stmts_[k.index];
      out.rows.push_back({st.s, st.p, st.o, graph});
    }
    return out;
  }

 private:
  struct Stmt {
    Id s, p, o;
  };

  Id NewIri(std::string&& iri) {
    terms_.push_back(Term::Iri(std::move(iri)));
    const Id id = static_cast<Id>(terms_.size() - 1);
    iris_.emplace(terms_.back().value, id);  // a deque's elements stay where they are
    return id;
  }

  // Code point offset of a byte offset into the text: for valid UTF-8 (the usual case) that is the
  // number of bytes that are not continuation bytes.
  std::size_t CodePoints(std::size_t byte_offset) {
    if (!text_valid_) return graphutil::CodePointOffset(doc_.text, byte_offset);
    const std::size_t end = std::min(byte_offset, doc_.text.size());
    const char* p = doc_.text.data();
    auto count = [p](std::size_t from, std::size_t to) {
      std::size_t n = 0;
      for (std::size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(p[i]) & 0xC0u) != 0x80u;
      return n;
    };
    // Facts come in IRI order, their spans anywhere in the text: the code points before every
    // kBlock-th byte are counted once per release, then at most kBlock - 1 bytes per offset.
    if (cp_blocks_.empty()) {
      cp_blocks_.reserve(doc_.text.size() / kBlock + 1);
      std::size_t total = 0;
      for (std::size_t b = 0; b <= doc_.text.size(); b += kBlock) {
        cp_blocks_.push_back(total);
        total += count(b, std::min(b + kBlock, doc_.text.size()));
      }
    }
    const std::size_t block = end / kBlock;
    return cp_blocks_[block] + count(block * kBlock, end);
  }

  // NIF span: code point offsets (RFC 5147 counts characters, not bytes) of the UTF-8 byte span.
  void Evidence(Id fact, const Span& span) {
    if (span.empty() || span.begin >= doc_.text.size()) return;
    const std::size_t end = std::min(span.end, doc_.text.size());
    const std::size_t b = CodePoints(span.begin);
    const std::size_t e = CodePoints(end);
    // RFC 5147 fragment on the document IRI; under a '#' base the document IRI already has a
    // fragment, and a second '#' would make the IRI invalid.
    const std::string& doc_iri = terms_[doc_iri_].value;
    const char* sep = doc_iri.find('#') == std::string::npos ? "#char=" : "/char=";
    std::string iri;
    iri.reserve(doc_iri.size() + 32);
    iri += doc_iri;
    iri += sep;
    iri += std::to_string(b);
    iri += ',';
    iri += std::to_string(e);
    const Id node = Iri(std::move(iri));
    Add(fact, V::kPkgEvidence, node);
    Add(node, V::kRdfType, Iri(V::kNifString));
    Add(node, V::kRdfType, Iri(V::kNifOffsetBasedString));
    Add(node, V::kNifReferenceContext, doc_iri_);
    Add(node, V::kNifBeginIndex, Lit(Term::Literal(std::to_string(b), Xsd("nonNegativeInteger"))));
    Add(node, V::kNifEndIndex, Lit(Term::Literal(std::to_string(e), Xsd("nonNegativeInteger"))));
    Add(node, V::kNifAnchorOf, Lit(presskg::Plain(std::string(doc_.text, span.begin, end - span.begin))));
  }

  const GraphBuilder& g_;
  const GraphOptions& o_;
  const presskg::Document& doc_;
  Term graph_;
  std::string label_lang_;  // language tag for entity labels: the release's language
  bool text_valid_;
  static constexpr std::size_t kBlock = 256;
  std::vector<std::size_t> cp_blocks_;  // code points before byte k * kBlock (valid text)
  std::deque<Term> terms_;
  std::unordered_map<std::string_view, Id> iris_;  // views into terms_
  std::array<Id, static_cast<int>(V::kCount)> vocab_;
  std::vector<Stmt> stmts_;
  Id doc_iri_ = kNone;
  GraphBuilder::EntityIriCache entity_iris_;
};

}  // namespace graphimpl

namespace {

// A stable order that keeps each subject's statements together (Turtle groups them) with its
// rdf:type first (for readers of the Turtle).
void SortUnique(Quads* q) {
  static const std::string kType = Rdf("type");
  std::sort(q->begin(), q->end(), [](const Quad& a, const Quad& b) {
    if (a.graph != b.graph) return a.graph < b.graph;
    if (a.subject != b.subject) return a.subject < b.subject;
    const bool ta = a.predicate.value == kType, tb = b.predicate.value == kType;
    if (ta != tb) return ta;
    if (a.predicate != b.predicate) return a.predicate < b.predicate;
    return a.object < b.object;
  });
  q->erase(std::unique(q->begin(), q->end()), q->end());
}

}  // namespace

GraphBuilder::GraphBuilder(GraphOptions options) : options_(std::move(options)) {
  if (options_.base.empty()) options_.base = ns::kDefaultBase;
}

std::string GraphBuilder::DocumentIri(const std::string& doc_id) const {
  return options_.base + "doc/" + EncodeIriSegment(doc_id);
}

std::string GraphBuilder::GraphIri(const std::string& doc_id) const {
  return options_.base + "graph/" + EncodeIriSegment(doc_id);
}

std::string GraphBuilder::CountryIri(const std::string& iso2) const {
  return options_.base + "country/" + EncodeIriSegment(Upper(iso2));
}

std::string GraphBuilder::EntityIri(const EntityRef& e) const {
  switch (e.kind) {
    case EntityKind::kCountry: {
      const std::string iso = graphimpl::ReleaseWriter::CountryCode(e);
      if (!iso.empty()) return CountryIri(iso);
      return options_.base + "country/" + EncodeIriSegment(CanonicalKey(e));
    }
    case EntityKind::kOrganization:
      return options_.base + "org/" + EncodeIriSegment(e.key.empty() ? CanonicalKey(e) : e.key);
    case EntityKind::kPerson:
      return options_.base + "person/" + EncodeIriSegment(e.key.empty() ? CanonicalKey(e) : e.key);
    case EntityKind::kPlace: {
      if (!e.key.empty()) return options_.base + "place/" + EncodeIriSegment(e.key);
      const std::string name = CanonicalKey(e);
      return options_.base + "place/" + EncodeIriSegment(IsIso2(e.country) ? Upper(e.country) + "-" + name : name);
    }
  }
  return {};
}

// Entities recur in a release (the same party in several facts); their IRIs, which cost an ICU
// normalisation each, are made once per release. Only the fields EntityIri reads are compared.
const std::string& GraphBuilder::CachedEntityIri(const EntityRef& e, EntityIriCache* cache) const {
  std::string& k = cache->key;
  k.assign(1, static_cast<char>('0' + static_cast<int>(e.kind)));
  for (const std::string* part : {&e.name, &e.key, &e.country}) {
    k.push_back('\x1f');
    k.append(*part);
  }
  for (const std::string& a : e.aliases) {
    k.push_back('\x1e');
    k.append(a);
  }
  auto it = cache->iris.find(k);
  if (it == cache->iris.end()) it = cache->iris.emplace(k, EntityIri(e)).first;
  return it->second;
}

std::string GraphBuilder::FactIri(const Fact& f) const { return FactIriIn(f, f.doc, nullptr); }

std::string GraphBuilder::FactIriIn(const Fact& f, const std::string& doc_id, EntityIriCache* cache) const {
  auto entity_iri = [&](const EntityRef& e) { return cache ? CachedEntityIri(e, cache) : EntityIri(e); };
  // Content, not position: entity nodes (order-free), literals, dates. Fields are separated by
  // control characters that cannot occur in the parts' meaning.
  std::string c = FactTypeName(f.type);
  auto field = [&c](const std::string& v) {
    c += '\x1f';
    c += v;
  };
  auto entity = [&](const EntityRef& e) {
    field(e.name.empty() && e.key.empty() && e.aliases.empty() ? std::string() : entity_iri(e));
  };
  field(f.kind);
  std::vector<std::string> parties;
  for (const EntityRef& p : f.parties) parties.push_back(entity_iri(p));
  std::sort(parties.begin(), parties.end());
  parties.erase(std::unique(parties.begin(), parties.end()), parties.end());
  for (const std::string& p : parties) field("party=" + p);
  std::vector<std::string> countries;
  for (const std::string& cc : f.countries) countries.push_back(Upper(cc));
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  for (const std::string& cc : countries) field("country=" + cc);
  entity(f.person);
  field(f.role);
  entity(f.org);
  field(f.quote);
  field(f.name);
  field(f.date);
  field(f.start);
  field(f.end);
  entity(f.place);
  const std::string hash = graphutil::Sha256Hex(c).substr(0, 16);
  if (cache) {
    if (cache->fact_prefix.empty() || cache->fact_doc_id != doc_id) {
      cache->fact_doc_id = doc_id;
      cache->fact_prefix = options_.base + "fact/" + EncodeIriSegment(doc_id) + "/";
    }
    return cache->fact_prefix + FactTypeName(f.type) + "-" + hash;
  }
  return options_.base + "fact/" + EncodeIriSegment(doc_id) + "/" + FactTypeName(f.type) + "-" + hash;
}

std::string GraphBuilder::RunIri(const RunInfo& run) const {
  return options_.base + "run/" +
         graphutil::Sha256Hex(options_.tool_version + "\n" + options_.rule_pack_version + "\n" + run.started_at);
}

Quads GraphBuilder::BuildRelease(const Document& doc, const std::vector<Fact>& facts) const {
  return BuildReleaseTable(doc, facts).ToQuads();
}

QuadTable GraphBuilder::BuildReleaseTable(const Document& doc, const std::vector<Fact>& facts) const {
  graphimpl::ReleaseWriter w(*this, options_, doc);
  w.Document();

  // Group facts by IRI: the same content stated twice is one fact with several evidence spans.
  // A fact's IRI is minted with the document's id whatever its doc field says (no copy of the fact).
  std::map<std::string, std::vector<const Fact*>> by_iri;
  for (const Fact& f : facts) by_iri[w.FactIri(f)].push_back(&f);
  for (const auto& [iri, group] : by_iri) {
    // The provenance of the most confident statement; ties go to the smaller rule id, so the
    // choice does not depend on the order the rules fired in.
    const Fact* best = group.front();
    for (const Fact* f : group) {
      if (f->confidence > best->confidence || (f->confidence == best->confidence && f->rule < best->rule)) best = f;
    }
    for (const Fact* f : group) w.Fact(*f, iri, f == best);
  }
  return w.Finish();
}

Quads GraphBuilder::BuildRun(const RunInfo& run) const {
  Quads out;
  const Term none;
  const Term run_node = Term::Iri(RunIri(run));
  const Term agent = Term::Iri(options_.base + "agent/presskg-" + EncodeIriSegment(options_.tool_version));
  auto add = [&](const Term& s, const std::string& p, Term o) { out.push_back({s, Term::Iri(p), std::move(o), none}); };
  add(run_node, Rdf("type"), Term::Iri(Prov("Activity")));
  if (!run.started_at.empty()) add(run_node, Prov("startedAtTime"), Term::Literal(run.started_at, Xsd("dateTime")));
  add(run_node, Prov("wasAssociatedWith"), agent);
  if (!options_.rule_pack_version.empty()) add(run_node, Pkg("rulePackVersion"), Plain(options_.rule_pack_version));
  add(agent, Rdf("type"), Term::Iri(Prov("SoftwareAgent")));
  add(agent, Rdfs("label"), Plain("presskg " + options_.tool_version));
  for (const std::string& id : run.doc_ids) add(Term::Iri(GraphIri(id)), Prov("wasGeneratedBy"), run_node);
  SortUnique(&out);
  return out;
}

}  // namespace presskg
