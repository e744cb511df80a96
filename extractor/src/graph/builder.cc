// GraphBuilder: one release's facts → quads in its named graph (docs/vocabulary.md).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

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

const char* FactClass(FactType t) {
  switch (t) {
    case FactType::kAgreement: return "Agreement";
    case FactType::kQuote: return "Quote";
    case FactType::kRole: return "RoleFact";
    case FactType::kEvent: return "EventFact";
    case FactType::kDateline: return "Dateline";
  }
  return "Fact";
}

// Emits one release's quads into its named graph.
class ReleaseWriter {
 public:
  ReleaseWriter(const GraphBuilder& g, const GraphOptions& o, const Document& doc, Quads* out)
      : g_(g), o_(o), doc_(doc), graph_(Term::Iri(g.GraphIri(doc.id))), doc_iri_(Term::Iri(g.DocumentIri(doc.id))),
        label_lang_(LabelLanguage(doc.lang)), out_(out) {}

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
  Term Label(const std::string& s) const { return Term::Literal(graphutil::RepairUtf8(s), {}, label_lang_); }

  void Add(const Term& s, const std::string& p, Term o) { out_->push_back({s, Term::Iri(p), std::move(o), graph_}); }

  void Document() {
    Add(doc_iri_, Rdf("type"), Term::Iri(Schema("NewsArticle")));
    Add(doc_iri_, Dct("identifier"), Plain(doc_.id));
    if (!doc_.lang.empty()) Add(doc_iri_, Dct("language"), Plain(doc_.lang));
    if (!doc_.source.empty()) Add(doc_iri_, Dct("source"), Plain(doc_.source));
    if (!doc_.date.empty()) Add(doc_iri_, Schema("datePublished"), DateLiteral(doc_.date));
    const std::size_t colon = doc_.url.find(':');
    if (colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(doc_.url[0]))) {
      Add(doc_iri_, Schema("url"), Term::Iri(graphutil::MakeSafeIri(doc_.url)));
    }
  }

  // The entity's node with its type, labels and links; returns its IRI (empty term when the
  // reference is empty).
  Term Entity(const EntityRef& e) {
    if (e.name.empty() && e.key.empty() && e.aliases.empty()) return Term();
    const Term node = Term::Iri(g_.EntityIri(e));
    switch (e.kind) {
      case EntityKind::kOrganization: Add(node, Rdf("type"), Term::Iri(Schema("Organization"))); break;
      case EntityKind::kPerson: Add(node, Rdf("type"), Term::Iri(Schema("Person"))); break;
      case EntityKind::kPlace: Add(node, Rdf("type"), Term::Iri(Schema("Place"))); break;
      case EntityKind::kCountry: {
        const std::string iso = CountryCode(e);
        if (!iso.empty()) {
          CountryNode(iso);
        } else {
          Add(node, Rdf("type"), Term::Iri(Schema("Country")));
        }
        break;
      }
    }
    if (!e.name.empty()) Add(node, Rdfs("label"), Label(e.name));
    for (const std::string& a : e.aliases) {
      if (!a.empty()) Add(node, Rdfs("label"), Label(a));
    }
    if (IsQid(e.wikidata)) Add(node, Owl("sameAs"), Term::Iri(std::string(ns::kWd) + e.wikidata));
    if (e.kind == EntityKind::kPlace && IsIso2(e.country)) {
      Add(node, Pkg("country"), CountryNode(Upper(e.country)));
    }
    return node;
  }

  static std::string CountryCode(const EntityRef& e) {
    if (IsIso2(e.key)) return Upper(e.key);
    if (e.key.empty() && IsIso2(e.country)) return Upper(e.country);
    return {};
  }

  Term CountryNode(const std::string& iso) {
    const Term node = Term::Iri(g_.CountryIri(iso));
    Add(node, Rdf("type"), Term::Iri(Schema("Country")));
    Add(node, Pkg("isoCode"), Term::Literal(iso));
    if (const char* qid = graphutil::CountryWikidata(iso)) {
      Add(node, Owl("sameAs"), Term::Iri(std::string(ns::kWd) + qid));
    }
    return node;
  }

  // Content and evidence of one fact; provenance (rule, confidence) only when `with_provenance`.
  void Fact(const presskg::Fact& f, const std::string& iri, bool with_provenance) {
    const Term fact = Term::Iri(iri);
    Add(fact, Rdf("type"), Term::Iri(Pkg(FactClass(f.type))));
    Add(fact, Pkg("inDocument"), doc_iri_);
    if (with_provenance) {
      if (!f.rule.empty()) Add(fact, Pkg("rule"), Plain(f.rule));
      if (!o_.rule_pack_version.empty()) Add(fact, Pkg("rulePackVersion"), Plain(o_.rule_pack_version));
      if (std::isfinite(f.confidence)) {
        Add(fact, Pkg("confidence"), Term::Literal(DecimalLexical(f.confidence), Xsd("decimal")));
      }
    }
    Evidence(fact, f.evidence);

    switch (f.type) {
      case FactType::kAgreement:
        if (!f.kind.empty()) Add(fact, Pkg("kind"), Plain(f.kind));
        for (const EntityRef& p : f.parties) {
          Term party = Entity(p);
          if (!party.is_none()) Add(fact, Pkg("party"), party);
        }
        for (const std::string& c : f.countries) {
          if (IsIso2(c)) Add(fact, Pkg("country"), CountryNode(Upper(c)));
        }
        if (!f.date.empty()) Add(fact, Dct("date"), DateLiteral(f.date));
        break;
      case FactType::kQuote: {
        Term person = Entity(f.person);
        if (!person.is_none()) Add(fact, Pkg("speaker"), person);
        if (!f.quote.empty()) Add(fact, Schema("text"), Plain(f.quote));
        if (!f.role.empty()) Add(fact, Pkg("roleName"), Plain(f.role));
        Term org = Entity(f.org);
        if (!org.is_none()) Add(fact, Pkg("roleOrganization"), org);
        break;
      }
      case FactType::kRole: {
        Add(fact, Rdf("type"), Term::Iri(Org("Membership")));
        Term person = Entity(f.person);
        if (!person.is_none()) Add(fact, Org("member"), person);
        if (!f.role.empty()) Add(fact, Pkg("roleName"), Plain(f.role));
        Term org = Entity(f.org);
        if (!org.is_none()) Add(fact, Org("organization"), org);
        break;
      }
      case FactType::kEvent: {
        Add(fact, Rdf("type"), Term::Iri(Schema("Event")));
        if (!f.name.empty()) Add(fact, Schema("name"), Plain(f.name));
        for (const std::string& a : f.name_aliases) {
          if (!a.empty()) Add(fact, Schema("name"), Plain(a));
        }
        if (!f.start.empty()) Add(fact, Schema("startDate"), DateLiteral(f.start));
        if (!f.end.empty()) Add(fact, Schema("endDate"), DateLiteral(f.end));
        Term place = Entity(f.place);
        if (!place.is_none()) Add(fact, Schema("location"), place);
        break;
      }
      case FactType::kDateline: {
        if (!f.date.empty()) Add(fact, Dct("date"), DateLiteral(f.date));
        Term place = Entity(f.place);
        if (!place.is_none()) Add(fact, Schema("location"), place);
        break;
      }
    }
  }

 private:
  // NIF span: code point offsets (RFC 5147 counts characters, not bytes) of the UTF-8 byte span.
  void Evidence(const Term& fact, const Span& span) {
    if (span.empty() || span.begin >= doc_.text.size()) return;
    const std::size_t end = std::min(span.end, doc_.text.size());
    const std::size_t b = graphutil::CodePointOffset(doc_.text, span.begin);
    const std::size_t e = graphutil::CodePointOffset(doc_.text, end);
    // RFC 5147 fragment on the document IRI; under a '#' base the document IRI already has a
    // fragment, and a second '#' would make the IRI invalid.
    const char* sep = doc_iri_.value.find('#') == std::string::npos ? "#char=" : "/char=";
    const Term node = Term::Iri(doc_iri_.value + sep + std::to_string(b) + "," + std::to_string(e));
    Add(fact, Pkg("evidence"), node);
    Add(node, Rdf("type"), Term::Iri(Nif("String")));
    Add(node, Rdf("type"), Term::Iri(Nif("OffsetBasedString")));
    Add(node, Nif("referenceContext"), doc_iri_);
    Add(node, Nif("beginIndex"), Term::Literal(std::to_string(b), Xsd("nonNegativeInteger")));
    Add(node, Nif("endIndex"), Term::Literal(std::to_string(e), Xsd("nonNegativeInteger")));
    Add(node, Nif("anchorOf"), Plain(doc_.text.substr(span.begin, end - span.begin)));
  }

  const GraphBuilder& g_;
  const GraphOptions& o_;
  const presskg::Document& doc_;
  Term graph_;
  Term doc_iri_;
  std::string label_lang_;  // language tag for entity labels: the release's language
  Quads* out_;
};

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
      const std::string iso = ReleaseWriter::CountryCode(e);
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

std::string GraphBuilder::FactIri(const Fact& f) const {
  // Content, not position: entity nodes (order-free), literals, dates. Fields are separated by
  // control characters that cannot occur in the parts' meaning.
  std::string c = FactTypeName(f.type);
  auto field = [&c](const std::string& v) {
    c += '\x1f';
    c += v;
  };
  auto entity = [&](const EntityRef& e) {
    field(e.name.empty() && e.key.empty() && e.aliases.empty() ? std::string() : EntityIri(e));
  };
  field(f.kind);
  std::vector<std::string> parties;
  for (const EntityRef& p : f.parties) parties.push_back(EntityIri(p));
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
  return options_.base + "fact/" + EncodeIriSegment(f.doc) + "/" + FactTypeName(f.type) + "-" + hash;
}

std::string GraphBuilder::RunIri(const RunInfo& run) const {
  return options_.base + "run/" +
         graphutil::Sha256Hex(options_.tool_version + "\n" + options_.rule_pack_version + "\n" + run.started_at);
}

Quads GraphBuilder::BuildRelease(const Document& doc, const std::vector<Fact>& facts) const {
  Quads out;
  ReleaseWriter w(*this, options_, doc, &out);
  w.Document();

  // Group facts by IRI: the same content stated twice is one fact with several evidence spans.
  std::map<std::string, std::vector<const Fact*>> by_iri;
  std::vector<Fact> own;  // facts whose doc field is unset get the document's id
  own.reserve(facts.size());
  for (const Fact& f : facts) {
    own.push_back(f);
    if (own.back().doc.empty() || own.back().doc != doc.id) own.back().doc = doc.id;
  }
  for (const Fact& f : own) by_iri[FactIri(f)].push_back(&f);
  for (const auto& [iri, group] : by_iri) {
    // The provenance of the most confident statement; ties go to the smaller rule id, so the
    // choice does not depend on the order the rules fired in.
    const Fact* best = group.front();
    for (const Fact* f : group) {
      if (f->confidence > best->confidence || (f->confidence == best->confidence && f->rule < best->rule)) best = f;
    }
    for (const Fact* f : group) w.Fact(*f, iri, f == best);
  }
  SortUnique(&out);
  return out;
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
