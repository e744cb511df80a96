// Facts back from the published graph (docs/vocabulary.md), so `eval --rdf` scores what was
// actually written, not what the extractor held in memory.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "presskg/eval.h"

namespace presskg {
namespace {

const std::string kRdfType = std::string(ns::kRdf) + "type";
const std::string kLabel = std::string(ns::kRdfs) + "label";
const std::string kPkg = ns::kPkg;
const std::string kSchema = ns::kSchema;
const std::string kDc = ns::kDcterms;
const std::string kOrgNs = ns::kOrg;

// subject → predicate → objects, for one named graph (or the union, under key "").
using Index = std::map<Term, std::map<std::string, std::vector<Term>>>;

const std::vector<Term>& Objects(const Index& idx, const Term& s, const std::string& p) {
  static const std::vector<Term> kNone;
  auto si = idx.find(s);
  if (si == idx.end()) return kNone;
  auto pi = si->second.find(p);
  return pi == si->second.end() ? kNone : pi->second;
}

class Graphs {
 public:
  explicit Graphs(const Quads& quads) {
    for (const Quad& q : quads) {
      if (!q.predicate.is_iri()) continue;
      by_graph_[q.graph.value][q.subject][q.predicate.value].push_back(q.object);
      union_[q.subject][q.predicate.value].push_back(q.object);
    }
  }
  const std::map<std::string, Index>& graphs() const { return by_graph_; }

  // Values in the fact's graph first (labels are per release); the union as a fallback.
  const std::vector<Term>& Get(const Index& graph, const Term& s, const std::string& p) const {
    const std::vector<Term>& local = Objects(graph, s, p);
    return local.empty() ? Objects(union_, s, p) : local;
  }
  std::string First(const Index& graph, const Term& s, const std::string& p) const {
    const std::vector<Term>& v = Get(graph, s, p);
    return v.empty() ? "" : v.front().value;
  }
  std::vector<std::string> Strings(const Index& graph, const Term& s, const std::string& p) const {
    std::vector<std::string> out;
    for (const Term& t : Get(graph, s, p)) out.push_back(t.value);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  bool HasType(const Index& graph, const Term& s, const std::string& type) const {
    for (const Term& t : Get(graph, s, kRdfType)) {
      if (t.value == type) return true;
    }
    return false;
  }

  EntityRef Entity(const Index& graph, const Term& node) const {
    EntityRef e;
    if (HasType(graph, node, kSchema + "Country")) {
      e.kind = EntityKind::kCountry;
    } else if (HasType(graph, node, kSchema + "Person")) {
      e.kind = EntityKind::kPerson;
    } else if (HasType(graph, node, kSchema + "Place")) {
      e.kind = EntityKind::kPlace;
    }
    std::vector<std::string> labels = Strings(graph, node, kLabel);
    if (!labels.empty()) {
      e.name = labels.front();
      e.aliases.assign(labels.begin() + 1, labels.end());
    }
    if (e.kind == EntityKind::kCountry) e.key = First(graph, node, kPkg + "isoCode");
    const std::vector<Term>& country = Get(graph, node, kPkg + "country");
    if (!country.empty()) e.country = First(graph, country.front(), kPkg + "isoCode");
    if (e.kind == EntityKind::kCountry) e.country = e.key;
    return e;
  }

 private:
  std::map<std::string, Index> by_graph_;
  Index union_;
};

}  // namespace

std::vector<Fact> FactsFromQuads(const Quads& quads, std::map<std::string, std::string>* doc_languages) {
  const std::map<std::string, FactType> kClasses = {
      {kPkg + "Agreement", FactType::kAgreement}, {kPkg + "Quote", FactType::kQuote},
      {kPkg + "RoleFact", FactType::kRole},       {kPkg + "EventFact", FactType::kEvent},
      {kPkg + "Dateline", FactType::kDateline}};
  Graphs g(quads);
  std::vector<Fact> facts;
  for (const auto& [graph_name, idx] : g.graphs()) {
    (void)graph_name;
    for (const auto& [subject, props] : idx) {
      auto types = props.find(kRdfType);
      if (types == props.end()) continue;
      if (doc_languages) {
        std::string id = g.First(idx, subject, kDc + "identifier");
        std::string lang = g.First(idx, subject, kDc + "language");
        if (!id.empty() && !lang.empty()) (*doc_languages)[id] = lang;
      }
      const FactType* type = nullptr;
      for (const Term& t : types->second) {
        auto c = kClasses.find(t.value);
        if (c != kClasses.end()) type = &c->second;
      }
      if (!type) continue;
      Fact f;
      f.type = *type;
      const std::vector<Term>& doc = g.Get(idx, subject, kPkg + "inDocument");
      if (!doc.empty()) f.doc = g.First(idx, doc.front(), kDc + "identifier");
      f.rule = g.First(idx, subject, kPkg + "rule");
      f.confidence = std::atof(g.First(idx, subject, kPkg + "confidence").c_str());
      switch (f.type) {
        case FactType::kAgreement:
          f.kind = g.First(idx, subject, kPkg + "kind");
          for (const Term& p : g.Get(idx, subject, kPkg + "party")) f.parties.push_back(g.Entity(idx, p));
          for (const Term& c : g.Get(idx, subject, kPkg + "country")) {
            std::string iso = g.First(idx, c, kPkg + "isoCode");
            if (!iso.empty()) f.countries.push_back(iso);
          }
          f.date = g.First(idx, subject, kDc + "date");
          break;
        case FactType::kQuote:
        case FactType::kRole: {
          bool quote = f.type == FactType::kQuote;
          const std::vector<Term>& person = g.Get(idx, subject, quote ? kPkg + "speaker" : kOrgNs + "member");
          if (!person.empty()) f.person = g.Entity(idx, person.front());
          const std::vector<Term>& org = g.Get(idx, subject, quote ? kPkg + "roleOrganization" : kOrgNs + "organization");
          if (!org.empty()) f.org = g.Entity(idx, org.front());
          f.role = g.First(idx, subject, kPkg + "roleName");
          if (quote) f.quote = g.First(idx, subject, kSchema + "text");
          break;
        }
        case FactType::kEvent: {
          std::vector<std::string> names = g.Strings(idx, subject, kSchema + "name");
          if (!names.empty()) {
            f.name = names.front();
            f.name_aliases.assign(names.begin() + 1, names.end());
          }
          f.start = g.First(idx, subject, kSchema + "startDate");
          f.end = g.First(idx, subject, kSchema + "endDate");
          const std::vector<Term>& place = g.Get(idx, subject, kSchema + "location");
          if (!place.empty()) f.place = g.Entity(idx, place.front());
          break;
        }
        case FactType::kDateline: {
          f.date = g.First(idx, subject, kDc + "date");
          const std::vector<Term>& place = g.Get(idx, subject, kSchema + "location");
          if (!place.empty()) f.place = g.Entity(idx, place.front());
          break;
        }
      }
      facts.push_back(std::move(f));
    }
  }
  return facts;
}

}  // namespace presskg
