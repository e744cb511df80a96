#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <set>
#include <string>
#include <thread>
#include <atomic>
#include <chrono>
#include <ctime>

#include "presskg/store.h"

using namespace presskg;

namespace {

const std::string kBase = "https://w3id.org/presskg/id/";
const std::string kPkg = ns::kPkg;
const std::string kRdfs = ns::kRdfs;
const std::string kRdfType = std::string(ns::kRdf) + "type";

// A small release graph in the shape of docs/vocabulary.md.
Quads Release(const std::string& id, const std::string& org_label, const std::string& kind = "mou") {
  Term g = Term::Iri(kBase + "graph/" + id);
  Term doc = Term::Iri(kBase + "doc/" + id);
  Term fact = Term::Iri(kBase + "fact/" + id + "/agreement-1");
  Term org = Term::Iri(kBase + "org/itu");
  return {
      {doc, Term::Iri(std::string(ns::kDcterms) + "identifier"), Term::Literal(id), g},
      {fact, Term::Iri(kRdfType), Term::Iri(kPkg + "Agreement"), g},
      {fact, Term::Iri(kPkg + "inDocument"), doc, g},
      {fact, Term::Iri(kPkg + "kind"), Term::Literal(kind), g},
      {fact, Term::Iri(kPkg + "party"), org, g},
      {org, Term::Iri(kRdfs + "label"), Term::Literal(org_label), g},
      {fact, Term::Iri(std::string(ns::kDcterms) + "date"),
       Term::Literal("2013-05", std::string(ns::kXsd) + "gYearMonth"), g},
  };
}

long Count(Store& s, const std::string& where = "?s ?p ?o") {
  Result<QueryResult> r = s.Query("SELECT (COUNT(*) AS ?n) WHERE { " + where + " }");
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 1);
  return std::stol(r->rows[0][0].value);
}

// Rasqal answers COUNT over no solutions inside GRAPH with no row at all: count rows instead.
size_t Rows(Store& s, const std::string& where) {
  Result<QueryResult> r = s.Query("SELECT * WHERE { " + where + " }");
  REQUIRE(r.ok());
  return r->rows.size();
}

std::set<std::string> Column(const QueryResult& r, size_t i) {
  std::set<std::string> out;
  for (const auto& row : r.rows) out.insert(row[i].value);
  return out;
}

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/presskg-store-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

void ExerciseStore(Store& store) {
  REQUIRE(store.ReplaceGraph(kBase + "graph/a", Release("a", "ITU")).ok());
  REQUIRE(store.ReplaceGraph(kBase + "graph/b", Release("b", "国际电信联盟", "partnership")).ok());
  REQUIRE(store.Flush().ok());

  SECTION("GRAPH ?g binds each release graph") {
    auto r = store.Query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }");
    REQUIRE(r.ok());
    CHECK(Column(*r, 0) == std::set<std::string>{kBase + "graph/a", kBase + "graph/b"});
    CHECK(Count(store, "GRAPH <" + kBase + "graph/b> { ?s ?p ?o }") == 7);
  }
  SECTION("the default graph is the union of the release graphs") {
    auto r = store.Query("PREFIX rdfs: <" + kRdfs + "> SELECT DISTINCT ?l WHERE { ?o rdfs:label ?l }");
    REQUIRE(r.ok());
    REQUIRE(r->variables == std::vector<std::string>{"l"});
    CHECK(Column(*r, 0) == std::set<std::string>{"ITU", "国际电信联盟"});
  }
  SECTION("literals keep datatype; plain literals come back as xsd:string (empty datatype)") {
    auto r = store.Query("PREFIX pkg: <" + kPkg + "> PREFIX dcterms: <http://purl.org/dc/terms/> "
                         "SELECT ?k ?d WHERE { GRAPH <" + kBase + "graph/a> { ?f pkg:kind ?k ; dcterms:date ?d } }");
    REQUIRE(r.ok());
    REQUIRE(r->rows.size() == 1);
    CHECK(r->rows[0][0] == Term::Literal("mou"));
    CHECK(r->rows[0][1] == Term::Literal("2013-05", std::string(ns::kXsd) + "gYearMonth"));
  }
  SECTION("reloading the same graphs leaves the store unchanged") {
    const long before = Count(store, "GRAPH ?g { ?s ?p ?o }");
    CHECK(before == 14);
    REQUIRE(store.ReplaceGraph(kBase + "graph/a", Release("a", "ITU")).ok());
    REQUIRE(store.ReplaceGraph(kBase + "graph/b", Release("b", "国际电信联盟", "partnership")).ok());
    CHECK(Count(store, "GRAPH ?g { ?s ?p ?o }") == before);
  }
  SECTION("a new version of a release replaces its graph, others untouched") {
    Quads v2 = Release("a", "International Telecommunication Union", "agreement");
    v2.pop_back();  // the new version has no date
    REQUIRE(store.ReplaceGraph(kBase + "graph/a", v2).ok());
    CHECK(Count(store, "GRAPH <" + kBase + "graph/a> { ?s ?p ?o }") == 6);
    CHECK(Count(store, "GRAPH <" + kBase + "graph/b> { ?s ?p ?o }") == 7);
    auto r = store.Query("SELECT ?k WHERE { GRAPH <" + kBase + "graph/a> { ?f <" + kPkg + "kind> ?k } }");
    REQUIRE(r.ok());
    CHECK(Column(*r, 0) == std::set<std::string>{"agreement"});
  }
  SECTION("duplicate quads in one graph are stored once; Add keeps set semantics") {
    Quads twice = Release("c", "ITU");
    Quads more = Release("c", "ITU");
    twice.insert(twice.end(), more.begin(), more.end());
    REQUIRE(store.ReplaceGraph(kBase + "graph/c", twice).ok());
    CHECK(Count(store, "GRAPH <" + kBase + "graph/c> { ?s ?p ?o }") == 7);
    REQUIRE(store.Add(Release("c", "ITU")).ok());
    CHECK(Count(store, "GRAPH <" + kBase + "graph/c> { ?s ?p ?o }") == 7);
  }
  SECTION("ASK and errors") {
    auto yes = store.Query("ASK { GRAPH <" + kBase + "graph/a> { ?s ?p ?o } }");
    REQUIRE(yes.ok());
    CHECK(yes->is_boolean);
    CHECK(yes->boolean);
    // (Rasqal answers a GRAPH <iri> pattern naming an absent graph with one empty row, so ask via ?g.)
    auto no = store.Query("ASK { GRAPH ?g { ?s ?p ?o } FILTER(?g = <" + kBase + "graph/zzz>) }");
    REQUIRE(no.ok());
    CHECK_FALSE(no->boolean);
    auto bad = store.Query("SELECT ?x WHERE { ?x ?p ");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().code() == StatusCode::kParseError);
  }
  SECTION("unbound OPTIONAL values are kNone") {
    auto r = store.Query("SELECT ?f ?missing WHERE { ?f a <" + kPkg + "Agreement> OPTIONAL { ?f <urn:x:none> ?missing } }");
    REQUIRE(r.ok());
    REQUIRE(r->rows.size() == 2);
    CHECK(r->rows[0][1].is_none());
  }
}

}  // namespace

TEST_CASE("in-memory store: load, query, reload, replace", "[store]") {
  auto store = Store::Open(":memory:", true);
  REQUIRE(store.ok());
  ExerciseStore(**store);
}

TEST_CASE("sqlite store: load, query, reload, replace", "[store]") {
  TempDir dir;
  auto store = Store::Open(dir.path + "/db", true);
  REQUIRE(store.ok());
  ExerciseStore(**store);
}

TEST_CASE("sqlite store persists across opens and reports its summary", "[store]") {
  TempDir dir;
  const std::string path = dir.path + "/db";
  CHECK(Store::Open(path, false).status().code() == StatusCode::kNotFound);
  {
    auto store = Store::Open(path, true);
    REQUIRE(store.ok());
    REQUIRE((*store)->ReplaceGraph(kBase + "graph/a", Release("a", "ITU")).ok());
    CHECK((*store)->Summary() == "1 graph, 7 triples loaded into " + path);
    // No Flush: closing the store commits.
  }
  auto again = Store::Open(path, false);
  REQUIRE(again.ok());
  CHECK(Count(**again, "GRAPH <" + kBase + "graph/a> { ?s ?p ?o }") == 7);
}

// Every kind of term the sqlite writer stores (it bypasses librdf for writes, so librdf must read
// its rows back, and find them by constant terms, exactly as the in-memory store does).
Quads Varied(const std::string& g_iri) {
  Term g = Term::Iri(g_iri);
  Term s = Term::Iri(kBase + "doc/v");
  Term b = Term::Blank("span1");
  const std::string xsd = ns::kXsd;
  return {
      {s, Term::Iri(kRdfs + "label"), Term::Literal("Genève", "", "fr"), g},
      // Lower case, as the readers give it: Rasqal lower-cases the tags of query constants.
      {s, Term::Iri(kRdfs + "label"), Term::Literal("Geneva", "", "en-gb"), g},
      {s, Term::Iri(kRdfs + "label"), Term::Literal("日内瓦"), g},
      {s, Term::Iri(kPkg + "count"), Term::Literal("3", xsd + "integer"), g},
      {s, Term::Iri(kPkg + "note"), Term::Literal("it's \"quoted\"\nover two lines", xsd + "string"), g},
      {s, Term::Iri(kPkg + "evidence"), b, g},
      {b, Term::Iri(kPkg + "beginIndex"), Term::Literal("12", xsd + "nonNegativeInteger"), g},
      {b, Term::Iri(kPkg + "anchorOf"), Term::Literal("3"), g},  // same text as the integer, no datatype
  };
}

std::multiset<std::string> Dump(Store& store) {
  auto r = store.Query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }");
  REQUIRE(r.ok());
  std::multiset<std::string> out;
  for (const auto& row : r->rows) {
    std::string line;
    for (const Term& t : row) {
      line += std::to_string(static_cast<int>(t.kind)) + "|" + (t.kind == Term::Kind::kBlank ? "_" : t.value) + "|" +
              t.lang + "|" + t.datatype + "\t";
    }
    out.insert(line);
  }
  return out;
}

TEST_CASE("sqlite store rows read back like librdf's own (all term kinds, constants in queries)", "[store]") {
  TempDir dir;
  auto disk = Store::Open(dir.path + "/db", true);
  auto mem = Store::Open(":memory:", true);
  REQUIRE(disk.ok());
  REQUIRE(mem.ok());
  for (Store* st : {disk->get(), mem->get()}) {
    REQUIRE(st->ReplaceGraph(kBase + "graph/v", Varied("urn:ignored")).ok());
    REQUIRE(st->AddToGraph(kBase + "graph/v", Varied("urn:ignored")).ok());  // all present: nothing added
    REQUIRE(st->Flush().ok());
  }
  CHECK(Dump(**disk) == Dump(**mem));
  CHECK(Dump(**disk).size() == 8);
  CHECK((*disk)->Summary() == "1 graph, 8 triples loaded into " + dir.path + "/db");
  const std::string g = "GRAPH <" + kBase + "graph/v> ";
  CHECK(Rows(**disk, g + "{ ?s ?p \"Geneva\"@en-GB }") == 1);
  CHECK(Rows(**disk, g + "{ ?s ?p \"Genève\"@fr }") == 1);
  CHECK(Rows(**disk, g + "{ ?s ?p \"3\"^^<" + std::string(ns::kXsd) + "integer> }") == 1);
  CHECK(Rows(**disk, g + "{ ?s ?p \"3\" }") == 1);
  CHECK(Rows(**disk, g + "{ ?s ?p \"日内瓦\" }") == 1);
  CHECK(Count(**disk, "?s <" + kPkg + "evidence> ?b . ?b <" + kPkg + "beginIndex> ?i") == 1);
  // Reopened: the rows persist and a reload changes nothing.
  disk->reset();
  auto again = Store::Open(dir.path + "/db", false);
  REQUIRE(again.ok());
  REQUIRE((*again)->ReplaceGraph(kBase + "graph/v", Varied("urn:ignored")).ok());
  CHECK(Dump(**again) == Dump(**mem));
}

TEST_CASE("sqlite store: a failed write is undone alone", "[store]") {
  TempDir dir;
  auto store = Store::Open(dir.path + "/db", true);
  REQUIRE(store.ok());
  REQUIRE((*store)->ReplaceGraph(kBase + "graph/a", Release("a", "ITU")).ok());
  REQUIRE((*store)->ReplaceGraph(kBase + "graph/b", Release("b", "ITU")).ok());
  Quads bad = Release("b", "World Bank");
  bad.push_back({Term::Literal("not a subject"), Term::Iri(kRdfs + "label"), Term::Literal("x"), Term()});
  Status s = (*store)->ReplaceGraph(kBase + "graph/b", bad);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  REQUIRE((*store)->Flush().ok());
  CHECK(Count(**store, "GRAPH <" + kBase + "graph/a> { ?s ?p ?o }") == 7);
  CHECK(Rows(**store, "GRAPH <" + kBase + "graph/b> { ?s ?p \"ITU\" }") == 1);  // the old version stays
  CHECK(Rows(**store, "GRAPH ?g { ?s ?p \"World Bank\" }") == 0);
  CHECK((*store)->Summary() == "2 graphs, 14 triples loaded into " + dir.path + "/db");
}

// Regression: librdf's own sqlite connection had no busy handler: a GRAPH query that met another
// connection's (another process's) lock spun in librdf's retry loop at full CPU until it was freed.
TEST_CASE("sqlite store: a GRAPH query waits for another connection's lock", "[store]") {
  TempDir dir;
  auto store = Store::Open(dir.path + "/db", true);
  REQUIRE(store.ok());
  REQUIRE((*store)->ReplaceGraph(kBase + "graph/a", Release("a", "ITU")).ok());
  REQUIRE((*store)->Flush().ok());
  std::atomic<int> stage{0};
  std::thread holder([&] {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir.path + "/db/presskg.sqlite").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    stage = 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  });
  while (stage == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  size_t rows = Rows(**store, "GRAPH <" + kBase + "graph/a> { ?s ?p ?o }");
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  holder.join();
  INFO("waited " << waited << " s, CPU " << cpu << " s");
  CHECK(rows == 7);
  CHECK(waited > 0.5);  // it waited for the lock rather than reading nothing
  CHECK(cpu < 0.5 * waited);  // asleep in sqlite's busy handler, not spinning
}

TEST_CASE("OpenGraphSink picks the embedded store for a path", "[store]") {
  TempDir dir;
  auto sink = OpenGraphSink(dir.path + "/s");
  REQUIRE(sink.ok());
  REQUIRE((*sink)->ReplaceGraph(kBase + "graph/x", Release("x", "ITU")).ok());
  REQUIRE((*sink)->Flush().ok());
  CHECK((*sink)->Summary().find("1 graph, 7 triples") == 0);
}

namespace {

// Facts with several places, some without a country, a country as the place, a place without a
// label, labels in other languages: the shapes the location OPTIONALs of facts-datelines.rq and
// facts-events.rq must keep apart (expected rows checked against rdflib).
Quads LocationCases() {
  const std::string ex = "http://ex.org/", S = "http://schema.org/", dct = ns::kDcterms;
  Quads out;
  auto add = [&](const Term& s, const std::string& p, const Term& o, const std::string& g) {
    out.push_back({s, Term::Iri(p), o, Term::Iri(ex + "g/" + g)});
  };
  struct Place {
    std::vector<std::pair<std::string, std::string>> labels;
    std::string country, iso;
  };
  const std::map<std::string, Place> places = {
      {"p1", {{{"P1", "en"}, {"P1z", "zh"}}, "c1", ""}}, {"p2", {{{"P2", "en"}}, "", ""}},
      {"p3", {{}, "c1", ""}},                              {"c2", {{{"Bee", "en"}}, "", "BB"}},
      {"p4", {{{"Four", "en"}, {"Vier", "de"}}, "c2", ""}},
  };
  const std::map<std::string, std::string> iso = {{"c1", "AA"}, {"c2", "BB"}};
  const std::map<std::string, std::vector<std::string>> cases = {
      {"f1", {"p1", "p2"}}, {"f2", {"c2"}}, {"f3", {}}, {"f4", {"p3"}}, {"f5", {"p4"}}, {"f7", {"p2", "c2"}}};
  for (const std::string kind : {"Dateline", "EventFact"}) {
    for (const auto& [f, locs] : cases) {
      const std::string g = f + kind;
      Term fact = Term::Iri(ex + "fact/" + g), doc = Term::Iri(ex + "doc/" + g);
      add(fact, kRdfType, Term::Iri(kPkg + kind), g);
      add(fact, kPkg + "inDocument", doc, g);
      add(doc, dct + "identifier", Term::Literal(g), g);
      add(doc, dct + "language", Term::Literal("en"), g);
      add(fact, dct + "date", Term::Literal("2020-01-0" + f.substr(1)), g);
      add(fact, S + "startDate", Term::Literal("2020-01-0" + f.substr(1)), g);
      add(fact, S + "name", Term::Literal("Event " + f), g);
      for (const std::string& pl : locs) {
        const Place& p = places.at(pl);
        Term place = Term::Iri(ex + pl);
        add(fact, S + "location", place, g);
        for (const auto& [label, lang] : p.labels) add(place, kRdfs + "label", Term::Literal(label, "", lang), g);
        if (!p.country.empty()) {
          add(place, kPkg + "country", Term::Iri(ex + p.country), g);
          add(Term::Iri(ex + p.country), kPkg + "isoCode", Term::Literal(iso.at(p.country)), g);
        }
        if (!p.iso.empty()) add(place, kPkg + "isoCode", Term::Literal(p.iso), g);
      }
    }
  }
  return out;
}

std::string ReadQuery(const std::string& name) {
  std::ifstream in(std::string(PRESSKG_SOURCE_DIR) + "/queries/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Rows as "doc|place|country" from the named columns.
std::set<std::string> Places(const QueryResult& r) {
  auto col = [&](const std::string& v) {
    return static_cast<size_t>(std::find(r.variables.begin(), r.variables.end(), v) - r.variables.begin());
  };
  const size_t d = col("doc"), p = col("place"), c = col("country");
  std::set<std::string> out;
  for (const auto& row : r.rows) out.insert(row[d].value + "|" + row[p].value + "|" + row[c].value);
  return out;
}

}  // namespace

TEST_CASE("facts-datelines.rq and facts-events.rq keep each place's country (several places per fact)", "[store]") {
  TempDir dir;
  auto disk = Store::Open(dir.path + "/db", true);
  auto mem = Store::Open(":memory:", true);
  REQUIRE(disk.ok());
  REQUIRE(mem.ok());
  for (Store* st : {disk->get(), mem->get()}) {
    REQUIRE(st->Add(LocationCases()).ok());
    for (const std::string kind : {"Dateline", "EventFact"}) {
      auto r = st->Query(ReadQuery(kind == "Dateline" ? "facts-datelines.rq" : "facts-events.rq"));
      REQUIRE(r.ok());
      std::set<std::string> expected;
      for (const char* row : {"f1|P1|AA", "f1|P2|", "f2|Bee|BB", "f3||", "f4||", "f5|Four|BB", "f7|Bee|BB", "f7|P2|"}) {
        std::string s = row;
        expected.insert(s.substr(0, 2) + kind + s.substr(2));
      }
      CHECK(Places(*r) == expected);
      CHECK(r->rows.size() == expected.size());
    }
  }
}
