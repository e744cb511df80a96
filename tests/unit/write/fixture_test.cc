// Writes the RDF conformance fixture used by tests/integration/rdf_conformance.sh (hidden test case:
// runs only when asked for by tag, `test_write "[.fixture]"`, with PRESSKG_FIXTURE_DIR set).
//
// Two releases full of hostile text (quotes, backslashes, newlines, control characters, invalid
// UTF-8, characters IRIs exclude, bidi controls, emoji) with facts of all five families, built by
// GraphBuilder and written in every format; plus the same input built again (another run) and split
// into two shards, for the determinism checks.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "presskg/graph.h"
#include "presskg/writer.h"

using namespace presskg;

namespace {

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

Span Find(const Document& d, const std::string& needle) {
  const std::size_t b = d.text.find(needle);
  REQUIRE(b != std::string::npos);
  return {b, b + needle.size()};
}

struct Release {
  Document doc;
  std::vector<Fact> facts;
};

Release English() {
  Release r;
  Document& d = r.doc;
  d.id = "en/hostile a b>c\"d{e}|^`\\";
  d.source = "fixture.tar.gz!en/hostile a b>c\"d{e}|^`\\.txt";
  d.lang = "en";
  d.date = "2013-05-16";
  d.url = "http://example.org/press release?id=1&x=<y>";
  d.text = std::string("GENEVA, 16 May 2013 \xE2\x80\x93 The \"Union\" and Ghana signed a MoU on C:\\path\\n today.\n") +
           "\xE2\x80\x9CWe are \"glad\"\xE2\x80\x9D, said Brahima Sanou,\tDirector of the Bureau \x01\x02.\r\n" +
           "Sanou added: \"Line one\nline two \\ end\"\n" +
           "The WSIS Forum 2013 \xF0\x9F\x98\x80 takes place in Geneva, 13-17 May. Bad bytes: \xED\xA0\x80 \xC3.\n" +
           "Director Amina \xE2\x80\xAEOdd\xE2\x80\xAC Name leads <the> {team}.\n";

  Fact a;
  a.type = FactType::kAgreement;
  a.rule = "en.agreement.signed-mou";
  a.confidence = 0.95;
  a.evidence = Find(d, "The \"Union\" and Ghana signed a MoU on C:\\path\\n today.");
  a.kind = "mou";
  a.parties = {Ent(EntityKind::kOrganization, "The \"Union\"", {"International \"Union\" <of> Tele\\coms"}, "", "Q7159"),
               Ent(EntityKind::kCountry, "Ghana", {}, "GH")};
  a.countries = {"GH", "CH"};
  a.date = "2013-05";
  r.facts.push_back(a);

  Fact q;
  q.type = FactType::kQuote;
  q.rule = "en.quote.said-role";
  q.confidence = 0.9;
  q.evidence = Find(d, "\xE2\x80\x9CWe are \"glad\"\xE2\x80\x9D, said Brahima Sanou,\tDirector of the Bureau \x01\x02.");
  q.person = Ent(EntityKind::kPerson, "Brahima Sanou", {"Sanou"});
  q.role = "Director\tof the Bureau \x01\x02";
  q.org = Ent(EntityKind::kOrganization, "Bureau {x} | y ^ z `w`");
  q.quote = "We are \"glad\"";
  r.facts.push_back(q);

  Fact q2 = q;
  q2.evidence = Find(d, "Sanou added: \"Line one\nline two \\ end\"");
  q2.quote = "Line one\nline two \\ end";
  q2.person = Ent(EntityKind::kPerson, "Sanou", {"Brahima Sanou"});
  q2.org = EntityRef();
  q2.role.clear();
  r.facts.push_back(q2);

  Fact ev;
  ev.type = FactType::kEvent;
  ev.rule = "en.event.takes-place";
  ev.confidence = 0.8;
  ev.evidence = Find(d, "The WSIS Forum 2013 \xF0\x9F\x98\x80 takes place in Geneva, 13-17 May.");
  ev.name = "WSIS Forum 2013 \xF0\x9F\x98\x80";
  ev.name_aliases = {"WSIS Forum"};
  ev.start = "2013-05-13";
  ev.end = "2013-05-17";
  ev.place = Ent(EntityKind::kPlace, "Geneva", {}, "", "", "CH");
  r.facts.push_back(ev);

  Fact role;
  role.type = FactType::kRole;
  role.rule = "en.role.title-name";
  role.confidence = 0.7;
  role.evidence = Find(d, "Director Amina \xE2\x80\xAEOdd\xE2\x80\xAC Name leads <the> {team}.");
  role.person = Ent(EntityKind::kPerson, "Amina \xE2\x80\xAEOdd\xE2\x80\xAC Name \xED\xA0\x80");
  role.role = "Director";
  role.org = Ent(EntityKind::kOrganization, "<the> {team}", {}, "team key/with slash");
  r.facts.push_back(role);

  Fact dl;
  dl.type = FactType::kDateline;
  dl.rule = "en.dateline.city-date";
  dl.confidence = 0.99;
  dl.evidence = Find(d, "GENEVA, 16 May 2013");
  dl.date = "2013-05-16";
  dl.place = Ent(EntityKind::kPlace, "GENEVA", {"Geneva"}, "", "", "CH");
  r.facts.push_back(dl);
  return r;
}

Release Chinese() {
  Release r;
  Document& d = r.doc;
  d.id = "zh/新闻稿 2013#1";
  d.source = "fixture.jsonl:2";
  d.lang = "zh-Hans";
  d.date = "2013";
  d.text = "2013年9月9日，北京讯——国际电信联盟与中国签署了合作协议。秘书长说：“我们很高兴。”\n";
  Fact a;
  a.type = FactType::kAgreement;
  a.rule = "zh.agreement.signed";
  a.confidence = 0.85;
  a.evidence = Find(d, "国际电信联盟与中国签署了合作协议。");
  a.kind = "agreement";
  a.parties = {Ent(EntityKind::kOrganization, "国际电信联盟", {"国际电联"}, "itu", "Q7159"),
               Ent(EntityKind::kCountry, "中国", {}, "CN")};
  a.date = "2013-09-09";
  r.facts.push_back(a);
  Fact dl;
  dl.type = FactType::kDateline;
  dl.rule = "zh.dateline.date-city";
  dl.confidence = 0.9;
  dl.evidence = Find(d, "2013年9月9日，北京讯");
  dl.date = "2013-09-09";
  dl.place = Ent(EntityKind::kPlace, "北京", {}, "", "", "CN");
  r.facts.push_back(dl);
  Fact ev;
  ev.type = FactType::kEvent;
  ev.rule = "zh.event.held-in";
  ev.confidence = 0.75;
  ev.evidence = Find(d, "国际电信联盟与中国签署了合作协议。");
  ev.name = "中国数字经济论坛";
  ev.start = "2013-09";
  ev.place = Ent(EntityKind::kCountry, "中国", {}, "CN");  // a country as the place
  r.facts.push_back(ev);
  return r;
}

void WriteAll(const std::string& path, RdfFormat f, const std::vector<Quads>& parts) {
  Result<std::unique_ptr<QuadWriter>> w = QuadWriter::Open(path, f);
  REQUIRE(w.ok());
  for (const Quads& q : parts) REQUIRE((*w)->Write(q).ok());
  REQUIRE((*w)->Close().ok());
}

}  // namespace

TEST_CASE("write the RDF conformance fixture", "[.fixture]") {
  const char* dir_env = std::getenv("PRESSKG_FIXTURE_DIR");
  REQUIRE(dir_env != nullptr);
  const std::string dir = dir_env;
  GraphOptions o;
  o.rule_pack_version = "fixture-pack-1";
  o.tool_version = "0.1.0";
  const GraphBuilder g(o);
  const Release en = English(), zh = Chinese();
  const Quads qen = g.BuildRelease(en.doc, en.facts);
  const Quads qzh = g.BuildRelease(zh.doc, zh.facts);
  RunInfo run;
  run.started_at = "2026-11-24T10:00:00Z";
  run.doc_ids = {en.doc.id, zh.doc.id};
  const Quads qrun = g.BuildRun(run);

  for (RdfFormat f : {RdfFormat::kTurtle, RdfFormat::kNTriples, RdfFormat::kNQuads, RdfFormat::kTriG,
                      RdfFormat::kJsonLd, RdfFormat::kRdfXml}) {
    WriteAll(dir + "/all." + RdfFormatName(f), f, {qen, qzh, qrun});
  }
  // Another run over the same input: only run metadata may differ.
  RunInfo again = run;
  again.started_at = "2026-11-24T11:30:00Z";
  WriteAll(dir + "/again.nq", RdfFormat::kNQuads,
           {g.BuildRelease(zh.doc, zh.facts), g.BuildRelease(en.doc, en.facts), g.BuildRun(again)});
  // Two shards, one release each, each with its own run.
  RunInfo r1 = run, r2 = run;
  r1.doc_ids = {en.doc.id};
  r2.doc_ids = {zh.doc.id};
  r2.started_at = "2026-11-24T10:05:00Z";
  WriteAll(dir + "/shard1.nq", RdfFormat::kNQuads, {qen, g.BuildRun(r1)});
  WriteAll(dir + "/shard2.trig", RdfFormat::kTriG, {qzh, g.BuildRun(r2)});
  // The run IRIs, for the scripts to set run metadata aside.
  WriteAll(dir + "/runs.nt", RdfFormat::kNTriples,
           {{{Term::Iri(g.RunIri(run)), Term::Iri(std::string(ns::kRdf) + "type"), Term::Iri(std::string(ns::kProv) + "Activity"), Term()},
             {Term::Iri(g.RunIri(again)), Term::Iri(std::string(ns::kRdf) + "type"), Term::Iri(std::string(ns::kProv) + "Activity"), Term()},
             {Term::Iri(g.RunIri(r1)), Term::Iri(std::string(ns::kRdf) + "type"), Term::Iri(std::string(ns::kProv) + "Activity"), Term()},
             {Term::Iri(g.RunIri(r2)), Term::Iri(std::string(ns::kRdf) + "type"), Term::Iri(std::string(ns::kProv) + "Activity"), Term()}}});
}
