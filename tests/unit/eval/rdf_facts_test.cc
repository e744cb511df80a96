// Facts → GraphBuilder quads (docs/vocabulary.md) → FactsFromQuads gives the facts back, so
// `presskg eval --rdf` scores the published graph like the in-memory run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "presskg/eval.h"
#include "presskg/graph.h"

using presskg::EntityKind;
using presskg::EntityRef;
using presskg::Fact;
using presskg::FactType;

namespace {

EntityRef Ent(std::string name, std::vector<std::string> aliases, EntityKind kind, std::string key = "",
              std::string country = "") {
  EntityRef e;
  e.kind = kind;
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  e.key = std::move(key);
  e.country = std::move(country);
  return e;
}

std::set<std::string> Names(const EntityRef& e) {
  std::set<std::string> out(e.aliases.begin(), e.aliases.end());
  if (!e.name.empty()) out.insert(e.name);
  return out;
}

const Fact* Find(const std::vector<Fact>& facts, FactType type) {
  auto it = std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.type == type; });
  return it == facts.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("facts survive the published graph", "[eval]") {
  presskg::Document doc;
  doc.id = "en-roundtrip";
  doc.lang = "en";
  doc.text = "Nairobi, 3 March 2025 - The Regional Water Agency (RWA) and Kenya signed a memorandum. "
             "\"Clean water first,\" said Amina Otieno, Director of RWA.";
  std::vector<Fact> facts(4);
  Fact& a = facts[0];
  a.type = FactType::kAgreement;
  a.kind = "mou";
  a.parties = {Ent("Regional Water Agency", {"RWA"}, EntityKind::kOrganization),
               Ent("Kenya", {}, EntityKind::kCountry, "KE")};
  a.countries = {"KE"};
  a.date = "2025-03-03";
  Fact& q = facts[1];
  q.type = FactType::kQuote;
  q.person = Ent("Amina Otieno", {"Otieno"}, EntityKind::kPerson);
  q.role = "Director";
  q.org = Ent("Regional Water Agency", {"RWA"}, EntityKind::kOrganization);
  q.quote = "Clean water first,";
  Fact& e = facts[2];
  e.type = FactType::kEvent;
  e.name = "Water Futures Forum";
  e.name_aliases = {"Water Forum"};
  e.start = "2025-06-10";
  e.end = "2025-06-12";
  e.place = Ent("Mombasa", {}, EntityKind::kPlace, "", "KE");
  Fact& d = facts[3];
  d.type = FactType::kDateline;
  d.date = "2025-03-03";
  d.place = Ent("Nairobi", {}, EntityKind::kPlace, "", "KE");
  for (Fact& f : facts) {
    f.doc = doc.id;
    f.rule = std::string("test.") + presskg::FactTypeName(f.type);
    f.confidence = 0.9;
    f.evidence = {0, 20};
  }

  presskg::GraphBuilder builder(presskg::GraphOptions{});
  std::map<std::string, std::string> langs;
  std::vector<Fact> back = presskg::FactsFromQuads(builder.BuildRelease(doc, facts), &langs);
  REQUIRE(back.size() == facts.size());
  CHECK(langs["en-roundtrip"] == "en");

  const Fact* ra = Find(back, FactType::kAgreement);
  REQUIRE(ra);
  CHECK(ra->doc == "en-roundtrip");
  CHECK(ra->rule == "test.agreement");
  CHECK(ra->kind == "mou");
  CHECK(ra->date == "2025-03-03");
  CHECK(ra->countries == std::vector<std::string>{"KE"});
  REQUIRE(ra->parties.size() == 2);
  std::set<std::set<std::string>> parties = {Names(ra->parties[0]), Names(ra->parties[1])};
  CHECK(parties.count({"Regional Water Agency", "RWA"}) == 1);
  CHECK(parties.count({"Kenya"}) == 1);

  const Fact* rq = Find(back, FactType::kQuote);
  REQUIRE(rq);
  CHECK(rq->quote == "Clean water first,");
  CHECK(rq->role == "Director");
  CHECK(Names(rq->person) == std::set<std::string>{"Amina Otieno", "Otieno"});
  CHECK(Names(rq->org) == std::set<std::string>{"Regional Water Agency", "RWA"});

  const Fact* re = Find(back, FactType::kEvent);
  REQUIRE(re);
  std::set<std::string> names(re->name_aliases.begin(), re->name_aliases.end());
  names.insert(re->name);
  CHECK(names == std::set<std::string>{"Water Futures Forum", "Water Forum"});
  CHECK(re->start == "2025-06-10");
  CHECK(re->end == "2025-06-12");
  CHECK(re->place.name == "Mombasa");
  CHECK(re->place.country == "KE");

  const Fact* rd = Find(back, FactType::kDateline);
  REQUIRE(rd);
  CHECK(rd->date == "2025-03-03");
  CHECK(rd->place.name == "Nairobi");
  CHECK(rd->place.country == "KE");

  // Nothing but facts becomes a fact (documents, entities, spans, run metadata are skipped).
  presskg::RunInfo run;
  run.started_at = "2025-03-03T00:00:00Z";
  run.doc_ids = {doc.id};
  CHECK(presskg::FactsFromQuads(builder.BuildRun(run)).empty());
}
