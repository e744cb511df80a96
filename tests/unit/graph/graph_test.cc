// GraphBuilder: deterministic IRIs, the vocabulary contract, provenance, evidence offsets.
#include <catch2/catch.hpp>

#include <set>

#include <algorithm>

#include "presskg/graph.h"

using namespace presskg;

namespace {

const std::string kBase = "https://example.org/kg/";
const std::string kPkg = ns::kPkg;
const std::string kXsd = ns::kXsd;

GraphBuilder Builder() {
  GraphOptions o;
  o.base = kBase;
  o.rule_pack_version = "abc123";
  o.tool_version = "0.1.0";
  return GraphBuilder(o);
}

EntityRef Ent(EntityKind k, std::string name, std::vector<std::string> aliases = {}, std::string key = {},
              std::string wikidata = {}, std::string country = {}) {
  EntityRef e;
  e.kind = k;
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.key = std::move(key);
  e.wikidata = std::move(wikidata);
  e.country = std::move(country);
  return e;
}

Document Doc() {
  Document d;
  d.id = "en/itu 2013>x";
  d.source = "archive.tar.gz!en/itu 2013>x.txt";
  d.lang = "en";
  d.date = "2013-05-16";
  d.text = u8"Geneva, 16 May 2013 – 中文 ITU and Ghana signed an MoU. \"We are glad,\" said Brahima Sanou.";
  return d;
}

Fact Agreement(const Document& d) {
  Fact f;
  f.type = FactType::kAgreement;
  f.doc = d.id;
  f.rule = "en.agreement.signed-mou";
  f.confidence = 0.95;
  const std::size_t b = d.text.find("ITU");
  f.evidence = {b, d.text.find('.', b) + 1};
  f.kind = "mou";
  f.parties = {Ent(EntityKind::kOrganization, "ITU", {"International Telecommunication Union"}, "", "Q7159"),
               Ent(EntityKind::kCountry, "Ghana", {}, "GH")};
  f.countries = {"gh"};
  f.date = "2013-05";
  return f;
}

bool Has(const Quads& q, const std::string& s, const std::string& p, const Term& o) {
  return std::any_of(q.begin(), q.end(), [&](const Quad& x) {
    return x.subject.value == s && x.predicate.value == p && x.object == o;
  });
}

std::vector<Term> Objects(const Quads& q, const std::string& s, const std::string& p) {
  std::vector<Term> out;
  for (const Quad& x : q) {
    if (x.subject.value == s && x.predicate.value == p) out.push_back(x.object);
  }
  return out;
}

}  // namespace

TEST_CASE("EncodeIriSegment keeps iunreserved and encodes the rest") {
  CHECK(EncodeIriSegment("abc-._~XYZ09") == "abc-._~XYZ09");
  CHECK(EncodeIriSegment("a b/c>d\"e#f?g%") == "a%20b%2Fc%3Ed%22e%23f%3Fg%25");
  CHECK(EncodeIriSegment(u8"国际电信联盟") == u8"国际电信联盟");
  CHECK(EncodeIriSegment(".") == "%2E");
  CHECK(EncodeIriSegment("..") == "%2E%2E");
  CHECK(EncodeIriSegment("a.b") == "a.b");
  CHECK(EncodeIriSegment(std::string("x\xFFy\n")) == "x%FFy%0A");
  CHECK(EncodeIriSegment(u8"\u202Eabc") == "%E2%80%AEabc");  // bidi override never raw
}

TEST_CASE("NormalizeKey folds width, case and spaces") {
  CHECK(NormalizeKey(u8"ＩＴＵ") == "itu");
  CHECK(NormalizeKey("  Brahima \t  SANOU ") == "brahima sanou");
  CHECK(NormalizeKey(u8"Stra\u00DFe") == "strasse");
  CHECK(NormalizeKey(u8"国际\u3000电信") == u8"国际 电信");
  CHECK(NormalizeKey(std::string("bad\xC3")) == u8"bad\uFFFD");
}

TEST_CASE("release graph follows the vocabulary contract") {
  const GraphBuilder g = Builder();
  const Document d = Doc();
  const Fact f = Agreement(d);
  const Quads q = g.BuildRelease(d, {f});
  const std::string doc = g.DocumentIri(d.id);
  const std::string graph = g.GraphIri(d.id);
  CHECK(doc == kBase + "doc/en%2Fitu%202013%3Ex");
  CHECK(graph == kBase + "graph/en%2Fitu%202013%3Ex");
  for (const Quad& x : q) CHECK(x.graph == Term::Iri(graph));

  CHECK(Has(q, doc, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kSchema) + "NewsArticle")));
  CHECK(Has(q, doc, std::string(ns::kDcterms) + "identifier", Term::Literal(d.id)));
  CHECK(Has(q, doc, std::string(ns::kDcterms) + "language", Term::Literal("en")));
  CHECK(Has(q, doc, std::string(ns::kSchema) + "datePublished", Term::Literal("2013-05-16", kXsd + "date")));

  const std::string fact = g.FactIri(f);
  CHECK(fact.rfind(kBase + "fact/en%2Fitu%202013%3Ex/agreement-", 0) == 0);
  CHECK(fact.size() == (kBase + "fact/en%2Fitu%202013%3Ex/agreement-").size() + 16);
  CHECK(Has(q, fact, std::string(ns::kRdf) + "type", Term::Iri(kPkg + "Agreement")));
  CHECK(Has(q, fact, kPkg + "inDocument", Term::Iri(doc)));
  CHECK(Has(q, fact, kPkg + "rule", Term::Literal("en.agreement.signed-mou")));
  CHECK(Has(q, fact, kPkg + "rulePackVersion", Term::Literal("abc123")));
  CHECK(Has(q, fact, kPkg + "confidence", Term::Literal("0.95", kXsd + "decimal")));
  CHECK(Has(q, fact, kPkg + "kind", Term::Literal("mou")));
  CHECK(Has(q, fact, std::string(ns::kDcterms) + "date", Term::Literal("2013-05", kXsd + "gYearMonth")));

  // Parties: the organization keyed by its full name, the country node itself.
  const std::string itu = kBase + "org/international%20telecommunication%20union";
  const std::string gh = kBase + "country/GH";
  CHECK(Has(q, fact, kPkg + "party", Term::Iri(itu)));
  CHECK(Has(q, fact, kPkg + "party", Term::Iri(gh)));
  CHECK(Has(q, fact, kPkg + "country", Term::Iri(gh)));
  CHECK(Has(q, itu, std::string(ns::kRdfs) + "label", Term::Literal("ITU", "", "en")));
  CHECK(Has(q, itu, std::string(ns::kRdfs) + "label", Term::Literal("International Telecommunication Union", "", "en")));
  CHECK(Has(q, itu, std::string(ns::kOwl) + "sameAs", Term::Iri(std::string(ns::kWd) + "Q7159")));
  CHECK(Has(q, gh, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kSchema) + "Country")));
  CHECK(Has(q, gh, kPkg + "isoCode", Term::Literal("GH")));
  CHECK(Has(q, gh, std::string(ns::kOwl) + "sameAs", Term::Iri(std::string(ns::kWd) + "Q117")));
  CHECK(Has(q, gh, std::string(ns::kRdfs) + "label", Term::Literal("Ghana", "", "en")));

  // Evidence: code point offsets (the dash and the Chinese characters are multi-byte).
  const std::vector<Term> ev = Objects(q, fact, kPkg + "evidence");
  REQUIRE(ev.size() == 1);
  const std::string nif = ns::kNif;
  const std::u32string text32 = U"Geneva, 16 May 2013 – 中文 ITU and Ghana signed an MoU.";
  const std::size_t begin = text32.find(U"ITU");
  const std::size_t end = text32.size();
  CHECK(ev[0].value == doc + "#char=" + std::to_string(begin) + "," + std::to_string(end));
  CHECK(Has(q, ev[0].value, nif + "beginIndex", Term::Literal(std::to_string(begin), kXsd + "nonNegativeInteger")));
  CHECK(Has(q, ev[0].value, nif + "endIndex", Term::Literal(std::to_string(end), kXsd + "nonNegativeInteger")));
  CHECK(Has(q, ev[0].value, nif + "anchorOf", Term::Literal("ITU and Ghana signed an MoU.")));
  CHECK(Has(q, ev[0].value, nif + "referenceContext", Term::Iri(doc)));
}

TEST_CASE("same input gives the same quads and fact IRIs do not depend on position") {
  const GraphBuilder g = Builder();
  const Document d = Doc();
  Fact a = Agreement(d);
  Fact b = a;
  b.evidence = {0, 6};
  b.parties = {a.parties[1], a.parties[0]};  // party order is not content
  CHECK(g.FactIri(a) == g.FactIri(b));
  Fact c = a;
  c.kind = "agreement";
  CHECK(g.FactIri(a) != g.FactIri(c));

  Fact quote;
  quote.type = FactType::kQuote;
  quote.doc = d.id;
  quote.rule = "en.quote.said";
  quote.confidence = 0.9;
  quote.person = Ent(EntityKind::kPerson, "Sanou", {"Brahima Sanou"});
  quote.quote = "We are glad,";
  quote.role = "Director";
  const Quads q1 = g.BuildRelease(d, {a, quote});
  const Quads q2 = g.BuildRelease(d, {quote, a});
  CHECK(q1 == q2);
  Quads sorted = q1;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // no duplicates
  CHECK(q1.front().predicate.value == std::string(ns::kRdf) + "type");     // type first

  // Another builder (another run) gives the same release quads.
  CHECK(Builder().BuildRelease(d, {a, quote}) == q1);
  const std::string person = kBase + "person/brahima%20sanou";
  CHECK(Has(q1, g.FactIri(quote), kPkg + "speaker", Term::Iri(person)));
  CHECK(Has(q1, person, std::string(ns::kRdfs) + "label", Term::Literal("Sanou", "", "en")));
}

TEST_CASE("the release table stores each IRI once and gives the release's quads") {
  const GraphBuilder g = Builder();
  const Document d = Doc();
  Fact a = Agreement(d);
  Fact b = a;
  b.evidence = {0, 6};  // same fact, second span: the fact's IRI is shared by both
  const QuadTable t = g.BuildReleaseTable(d, {a, b});
  CHECK(t.ToQuads() == g.BuildRelease(d, {a, b}));
  std::set<std::string> iris;
  for (const Term& term : t.terms) {
    if (term.is_iri()) CHECK(iris.insert(term.value).second);  // interned: no IRI twice
  }
  for (const QuadTable::Row& r : t.rows) {
    CHECK(t.terms[r.g] == Term::Iri(g.GraphIri(d.id)));  // every row in the release's graph
  }
}

TEST_CASE("a fact stated twice is one node with both evidence spans and the best provenance") {
  const GraphBuilder g = Builder();
  const Document d = Doc();
  Fact a = Agreement(d);
  Fact b = a;
  b.evidence = {0, 6};
  b.rule = "en.agreement.other";
  b.confidence = 0.5;
  const Quads q = g.BuildRelease(d, {b, a});
  const std::string fact = g.FactIri(a);
  CHECK(Objects(q, fact, kPkg + "evidence").size() == 2);
  CHECK(Objects(q, fact, kPkg + "rule") == std::vector<Term>{Term::Literal("en.agreement.signed-mou")});
  CHECK(Objects(q, fact, kPkg + "confidence").size() == 1);
}

TEST_CASE("every fact family has its shape") {
  const GraphBuilder g = Builder();
  const Document d = Doc();
  Fact role;
  role.type = FactType::kRole;
  role.person = Ent(EntityKind::kPerson, "Brahima Sanou");
  role.role = "Director";
  role.org = Ent(EntityKind::kOrganization, "ITU", {}, "itu");
  Fact ev;
  ev.type = FactType::kEvent;
  ev.name = "WSIS Forum 2013";
  ev.name_aliases = {"WSIS Forum"};
  ev.start = "2013-05-13";
  ev.end = "2013-02-30";  // not a date: stays a plain string
  ev.place = Ent(EntityKind::kPlace, "Geneva", {}, "", "", "ch");
  Fact dl;
  dl.type = FactType::kDateline;
  dl.date = "2013";
  dl.place = Ent(EntityKind::kCountry, "Ghana", {}, "GH");
  const Quads q = g.BuildRelease(d, {role, ev, dl});
  const std::string schema = ns::kSchema, org = ns::kOrg, rdf = ns::kRdf;

  const std::string r = g.FactIri([&] { Fact x = role; x.doc = d.id; return x; }());
  CHECK(Has(q, r, rdf + "type", Term::Iri(kPkg + "RoleFact")));
  CHECK(Has(q, r, rdf + "type", Term::Iri(org + "Membership")));
  CHECK(Has(q, r, org + "member", Term::Iri(kBase + "person/brahima%20sanou")));
  CHECK(Has(q, r, org + "organization", Term::Iri(kBase + "org/itu")));
  CHECK(Has(q, r, kPkg + "roleName", Term::Literal("Director")));

  const std::string e = g.FactIri([&] { Fact x = ev; x.doc = d.id; return x; }());
  CHECK(Has(q, e, rdf + "type", Term::Iri(schema + "Event")));
  CHECK(Has(q, e, schema + "name", Term::Literal("WSIS Forum")));
  CHECK(Has(q, e, schema + "startDate", Term::Literal("2013-05-13", kXsd + "date")));
  CHECK(Has(q, e, schema + "endDate", Term::Literal("2013-02-30")));
  const std::string geneva = kBase + "place/CH-geneva";
  CHECK(Has(q, e, schema + "location", Term::Iri(geneva)));
  CHECK(Has(q, geneva, kPkg + "country", Term::Iri(kBase + "country/CH")));
  CHECK(Has(q, kBase + "country/CH", kPkg + "isoCode", Term::Literal("CH")));

  const std::string dlf = g.FactIri([&] { Fact x = dl; x.doc = d.id; return x; }());
  CHECK(Has(q, dlf, std::string(ns::kDcterms) + "date", Term::Literal("2013", kXsd + "gYear")));
  CHECK(Has(q, dlf, schema + "location", Term::Iri(kBase + "country/GH")));
}

TEST_CASE("run metadata lives in the default graph") {
  const GraphBuilder g = Builder();
  RunInfo run;
  run.started_at = "2026-11-24T11:00:00Z";
  run.doc_ids = {"a", "b"};
  const Quads q = g.BuildRun(run);
  for (const Quad& x : q) CHECK(x.graph.is_none());
  const std::string r = g.RunIri(run);
  CHECK(r.rfind(kBase + "run/", 0) == 0);
  CHECK(Has(q, r, std::string(ns::kRdf) + "type", Term::Iri(std::string(ns::kProv) + "Activity")));
  CHECK(Has(q, r, std::string(ns::kProv) + "startedAtTime", Term::Literal(run.started_at, kXsd + "dateTime")));
  CHECK(Has(q, r, std::string(ns::kProv) + "wasAssociatedWith", Term::Iri(kBase + "agent/presskg-0.1.0")));
  CHECK(Has(q, r, kPkg + "rulePackVersion", Term::Literal("abc123")));
  CHECK(Has(q, g.GraphIri("b"), std::string(ns::kProv) + "wasGeneratedBy", Term::Iri(r)));
  RunInfo later = run;
  later.started_at = "2026-11-24T12:00:00Z";
  CHECK(g.RunIri(later) != r);
}

TEST_CASE("hostile text stays valid UTF-8 in literals") {
  const GraphBuilder g = Builder();
  Document d = Doc();
  d.id = std::string("bad\xED\xA0\x80id");
  Fact f;
  f.type = FactType::kQuote;
  f.person = Ent(EntityKind::kPerson, std::string("X\xC3"));
  f.quote = std::string("lone \xED\xA0\x80");
  const Quads q = g.BuildRelease(d, {f});
  CHECK(g.DocumentIri(d.id) == kBase + "doc/bad%ED%A0%80id");
  CHECK(Has(q, g.DocumentIri(d.id), std::string(ns::kDcterms) + "identifier", Term::Literal(u8"bad\uFFFDid")));
  bool found = false;
  for (const Quad& x : q) {
    if (x.predicate.value == std::string(ns::kSchema) + "text") {
      CHECK(x.object.value == u8"lone \uFFFD");
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("a '#' base still gives valid IRIs (one '#' at most)") {
  GraphOptions o;
  o.base = "https://example.org/kg#";
  const GraphBuilder g(o);
  const Document d = Doc();
  const Quads q = g.BuildRelease(d, {Agreement(d)});
  bool evidence = false;
  for (const Quad& x : q) {
    for (const Term* t : {&x.subject, &x.object, &x.graph}) {
      if (t->is_iri()) CHECK(std::count(t->value.begin(), t->value.end(), '#') <= 1);
    }
    if (x.predicate.value == kPkg + "evidence") {
      evidence = true;
      CHECK(x.object.value.find("/char=") != std::string::npos);
    }
  }
  CHECK(evidence);
}

// Regression: entity nodes are shared across releases, and untagged labels written in a Chinese
// release came back as names "as written" in English releases over the union graph.
TEST_CASE("entity labels carry the language of the release that wrote them", "[graph]") {
  GraphBuilder g(GraphOptions{});
  Document zh;
  zh.id = "zh-release";
  zh.lang = "zh-Hans";
  zh.text = "国际电联与加纳签署协议。";
  Fact f;
  f.type = FactType::kAgreement;
  f.doc = zh.id;
  f.kind = "agreement";
  EntityRef itu;
  itu.kind = EntityKind::kOrganization;
  itu.name = "国际电联";
  itu.key = "itu";
  f.parties = {itu};
  Quads q = g.BuildRelease(zh, {f});
  const std::string label = std::string(ns::kRdfs) + "label";
  bool tagged = false;
  for (const Quad& x : q) {
    if (x.predicate.value != label || x.object.value != "国际电联") continue;
    CHECK(x.object.lang == "zh-hans");
    tagged = true;
  }
  CHECK(tagged);
  zh.lang = "und";  // unknown language: no tag rather than a wrong one
  for (const Quad& x : g.BuildRelease(zh, {f}))
    if (x.predicate.value == label) CHECK(x.object.lang.empty());
}

// The builder sorts term ids by rank instead of quads; the result must be the documented order:
// by graph, subject, rdf:type first, predicate, object, without duplicates.
TEST_CASE("release quads come sorted, rdf:type first, without duplicates", "[graph]") {
  const GraphBuilder g = Builder();
  const Document d = Doc();
  Fact a = Agreement(d), b = Agreement(d), q;
  b.rule = "en.agreement.other";  // same content: merges with a
  b.evidence = {0, 6};
  a.doc.clear();  // unset doc: the document's id is used
  q.type = FactType::kQuote;
  q.doc = "another-id";  // a wrong doc: still the document's id
  q.rule = "en.quote.said";
  q.confidence = 0.7;
  q.quote = "We are glad,";
  q.person = Ent(EntityKind::kPerson, "Brahima Sanou");
  q.org = Ent(EntityKind::kOrganization, "ITU", {"International Telecommunication Union"}, "", "Q7159");
  q.evidence = {d.text.find("\"We"), d.text.size()};
  const Quads out = g.BuildRelease(d, {q, a, b, a});
  const std::string type = std::string(ns::kRdf) + "type";
  auto less = [&](const Quad& x, const Quad& y) {
    if (x.graph != y.graph) return x.graph < y.graph;
    if (x.subject != y.subject) return x.subject < y.subject;
    const bool tx = x.predicate.value == type, ty = y.predicate.value == type;
    if (tx != ty) return tx;
    if (x.predicate != y.predicate) return x.predicate < y.predicate;
    return x.object < y.object;
  };
  for (std::size_t i = 1; i < out.size(); ++i) {
    INFO(i);
    CHECK(less(out[i - 1], out[i]));  // strictly increasing: sorted and unique
  }
  Fact own = a;
  own.doc = d.id;
  Fact own_q = q;
  own_q.doc = d.id;
  // Equal confidence: the smaller rule id gives the provenance.
  CHECK(Has(out, g.FactIri(own), kPkg + "rule", Term::Literal("en.agreement.other")));
  CHECK_FALSE(Has(out, g.FactIri(own), kPkg + "rule", Term::Literal("en.agreement.signed-mou")));
  CHECK(Objects(out, g.FactIri(own), kPkg + "evidence").size() == 2);
  CHECK(Has(out, g.FactIri(own_q), kPkg + "speaker", Term::Iri(g.EntityIri(q.person))));
  // ITU appears in two facts: one node, one type statement.
  CHECK(Objects(out, g.EntityIri(q.org), type).size() == 1);
}

TEST_CASE("evidence offsets count code points also in invalid UTF-8 and in any span order", "[graph]") {
  const GraphBuilder g = Builder();
  Document d = Doc();
  d.text = std::string(u8"中文 ab \xFF\xFE cd 国 ef");
  Fact late, early;
  late.type = early.type = FactType::kDateline;
  late.rule = early.rule = "r";
  late.date = "2020";
  early.date = "2021";
  late.evidence = {d.text.find("cd"), d.text.find("cd") + 2};
  early.evidence = {0, 3};
  const Quads out = g.BuildRelease(d, {late, early});
  const std::string doc = g.DocumentIri(d.id);
  // 中文 = 2 code points, " ab " 4, the two invalid bytes 1 each, " " 1: "cd" starts at 9.
  CHECK(Has(out, doc + "#char=9,11", std::string(ns::kNif) + "anchorOf", Term::Literal("cd")));
  CHECK(Has(out, doc + "#char=0,1", std::string(ns::kNif) + "anchorOf", Term::Literal(u8"中")));
  d.text = std::string(u8"中文 ab cd 国 ef");
  late.evidence = {d.text.find("cd"), d.text.find("cd") + 2};
  const Quads valid2 = g.BuildRelease(d, {late, early});
  CHECK(Has(valid2, doc + "#char=6,8", std::string(ns::kNif) + "anchorOf", Term::Literal("cd")));
  CHECK(Has(valid2, doc + "#char=0,1", std::string(ns::kNif) + "anchorOf", Term::Literal(u8"中")));
}
