// ShapesGraph API, XSD lexical checks and comparisons, regex flags, reports, thread safety.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <thread>

#include "presskg/shacl.h"
#include "shacl/store.h"
#include "shacl/xsd.h"

using namespace presskg;

namespace {

const char kPrefixes[] =
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix ex: <http://ex.org/> .\n";

Quads Parse(const std::string& turtle) {
  shacl::World w;
  shacl::Graph g(w);
  Status s = g.LoadString(kPrefixes + turtle, "http://ex.org/base");
  REQUIRE(s.ok());
  Quads q;
  g.Each(nullptr, nullptr, nullptr, [&](shacl::Node a, shacl::Node b, shacl::Node c) {
    q.push_back({shacl::ToTerm(a), shacl::ToTerm(b), shacl::ToTerm(c), {}});
  });
  return q;
}

ValidationReport Check(const std::string& shapes, const std::string& data) {
  auto sg = ShapesGraph::FromQuads(Parse(shapes));
  REQUIRE(sg.ok());
  return (*sg)->Validate(Parse(data));
}

bool Lex(const char* type, const char* lex) {
  return shacl::xsd::IsValidLexical(std::string(ns::kXsd) + type, lex);
}

std::optional<int> Cmp(const char* a, const char* ta, const char* b, const char* tb) {
  shacl::World w;
  return shacl::xsd::Compare(w.Literal(a, std::string(ns::kXsd) + ta, ""), w.Literal(b, std::string(ns::kXsd) + tb, ""));
}

}  // namespace

TEST_CASE("XSD lexical forms: ranges, dates, numbers") {
  CHECK(Lex("byte", "-128"));
  CHECK_FALSE(Lex("byte", "128"));
  CHECK_FALSE(Lex("byte", "c"));
  CHECK(Lex("unsignedLong", "18446744073709551615"));
  CHECK_FALSE(Lex("unsignedLong", "18446744073709551616"));
  CHECK_FALSE(Lex("nonNegativeInteger", "-1"));
  CHECK(Lex("nonNegativeInteger", "-0"));
  CHECK_FALSE(Lex("positiveInteger", "0"));
  CHECK(Lex("integer", "+0012"));
  CHECK_FALSE(Lex("integer", "1.0"));
  CHECK(Lex("decimal", "-.5"));
  CHECK_FALSE(Lex("decimal", "1e3"));
  CHECK(Lex("double", "1e3"));
  CHECK(Lex("double", "-INF"));
  CHECK(Lex("float", "NaN"));
  CHECK_FALSE(Lex("double", "nan"));
  CHECK(Lex("boolean", "1"));
  CHECK_FALSE(Lex("boolean", "True"));
  CHECK(Lex("date", "2012-02-29"));
  CHECK_FALSE(Lex("date", "2013-02-29"));
  CHECK(Lex("date", "2013-09-09+08:00"));
  CHECK_FALSE(Lex("date", "2013-9-9"));
  CHECK(Lex("dateTime", "2013-09-09T24:00:00Z"));
  CHECK_FALSE(Lex("dateTime", "2013-09-09T24:00:01"));
  CHECK_FALSE(Lex("dateTime", "2013-09-09T10:00:00+15:00"));
  CHECK(Lex("gYear", "2013"));
  CHECK_FALSE(Lex("gYear", "13"));
  CHECK(Lex("gYearMonth", "2013-12"));
  CHECK_FALSE(Lex("gYearMonth", "2013-13"));
  CHECK(Lex("string", "anything at all"));
}

TEST_CASE("XSD comparison follows SPARQL operators") {
  CHECK(Cmp("1", "integer", "1.5", "decimal") == -1);
  CHECK(Cmp("2", "byte", "1e0", "double") == 1);
  CHECK(Cmp("10", "integer", "10.0", "decimal") == 0);
  CHECK_FALSE(Cmp("1", "integer", "1", "string"));
  CHECK_FALSE(Cmp("300", "byte", "1", "integer"));  // ill-formed: incomparable
  CHECK(Cmp("2013-05-01", "date", "2013-05-02", "date") == -1);
  CHECK_FALSE(Cmp("2013-05-01", "date", "2013-05-01T00:00:00", "dateTime"));
  // Without a time zone a value may sit anywhere from -14:00 to +14:00.
  CHECK_FALSE(Cmp("2002-10-10T12:00:00", "dateTime", "2002-10-10T12:00:00Z", "dateTime"));
  CHECK(Cmp("2002-10-10T12:00:00", "dateTime", "2002-10-11T12:00:00Z", "dateTime") == -1);
  CHECK(Cmp("2002-10-10T12:00:00-05:00", "dateTime", "2002-10-10T17:00:00Z", "dateTime") == 0);
  CHECK(Cmp("b", "string", "a", "string") == 1);
  CHECK_FALSE(Cmp("NaN", "double", "1", "double"));
}

TEST_CASE("Validate reports focus node, path, value, component, severity and message") {
  ValidationReport r = Check(
      "ex:S a sh:NodeShape ; sh:targetClass ex:Person ;\n"
      "  sh:property [ sh:path ex:age ; sh:datatype xsd:integer ; sh:maxInclusive 150 ;\n"
      "                sh:severity sh:Warning ; sh:message \"bad age\"@en , \"mauvais âge\"@fr ] ;\n"
      "  sh:property [ sh:path ( ex:knows ex:name ) ; sh:minCount 1 ] .\n",
      "ex:a a ex:Person ; ex:age 200 ; ex:knows ex:b . ex:b ex:name \"B\" .\n"
      "ex:c a ex:Person ; ex:age \"x\" .\n");
  // ex:a: age above 150; ex:c: "x" is no integer and is incomparable with 150; ex:c knows nobody.
  REQUIRE(r.results.size() == 4);
  CHECK_FALSE(r.conforms);
  const ValidationResult& a = r.results[0];  // sorted by focus node
  CHECK(a.focus_node == Term::Iri("http://ex.org/a"));
  CHECK(a.component == std::string(ns::kSh) + "MaxInclusiveConstraintComponent");
  CHECK(a.severity == std::string(ns::kSh) + "Warning");
  CHECK(a.value == Term::Literal("200", std::string(ns::kXsd) + "integer"));
  CHECK(a.message == "bad age");
  CHECK(a.messages.size() == 2);
  CHECK(a.path == Term::Iri("http://ex.org/age"));
  std::string text = a.ToText();
  CHECK(text.find("<http://ex.org/a>") != std::string::npos);
  CHECK(text.find("<http://ex.org/age>") != std::string::npos);
  CHECK(text.find("200") != std::string::npos);
  CHECK(text.find("sh:MaxInclusiveConstraintComponent") != std::string::npos);
  bool seq = false;
  for (const auto& v : r.results)
    if (v.component == std::string(ns::kSh) + "MinCountConstraintComponent") {
      seq = true;
      CHECK(v.focus_node == Term::Iri("http://ex.org/c"));
      CHECK(v.result_path == "(<http://ex.org/knows>/<http://ex.org/name>)");
      CHECK(v.path.is_blank());
      CHECK(v.path_quads.size() == 4);  // two list cells
      CHECK(v.value.is_none());
    }
  CHECK(seq);
  // The RDF report: one report node, three results, the sequence path as an RDF list.
  Quads rdf = r.ToRdf();
  int results = 0, firsts = 0;
  for (const Quad& q : rdf) {
    results += q.predicate.value == std::string(ns::kSh) + "result";
    firsts += q.predicate.value == std::string(ns::kRdf) + "first";
  }
  CHECK(results == 4);
  CHECK(firsts == 2);
  CHECK(r.ToText().find("does not conform: 4 results") != std::string::npos);
}

TEST_CASE("Paths: inverse, alternative, zeroOrMore, oneOrMore, zeroOrOne") {
  const char* data = "ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:q ex:d .\n";
  auto count = [&](const char* path) {
    ValidationReport r = Check(std::string("ex:S sh:targetNode ex:a ; sh:path ") + path + " ; sh:maxCount 0 .", data);
    return r.results.size() == 1 ? r.results[0].message : std::string("none");
  };
  CHECK(count("[ sh:zeroOrMorePath ex:p ]") == "more than 0 values");
  ValidationReport r = Check("ex:S sh:targetNode ex:c ; sh:path [ sh:oneOrMorePath [ sh:inversePath ex:p ] ] ; sh:in ( ex:b ) .", data);
  REQUIRE(r.results.size() == 1);  // ex:b and ex:a reached; ex:a is not in the list
  CHECK(r.results[0].value == Term::Iri("http://ex.org/a"));
  CHECK(r.results[0].result_path == "^<http://ex.org/p>+");
  r = Check("ex:S sh:targetNode ex:b ; sh:path [ sh:alternativePath ( ex:p [ sh:zeroOrOnePath ex:q ] ) ] ; sh:hasValue ex:b ; sh:maxCount 2 .", data);
  CHECK(r.conforms);  // {c, b}
  r = Check("ex:S sh:targetNode ex:b ; sh:path [ sh:alternativePath ( ex:p [ sh:zeroOrOnePath ex:q ] ) ] ; sh:maxCount 1 .", data);
  CHECK_FALSE(r.conforms);
}

TEST_CASE("sh:pattern flags are translated to RE2") {
  const char* data = "ex:a ex:v \"Hello World\" .\n";
  auto conforms = [&](const char* pattern, const char* flags) {
    std::string shape = std::string("ex:S sh:targetNode ex:a ; sh:path ex:v ; sh:pattern \"") + pattern + "\"";
    if (*flags) shape += std::string(" ; sh:flags \"") + flags + "\"";
    return Check(shape + " .", data).conforms;
  };
  CHECK(conforms("^Hello", ""));
  CHECK_FALSE(conforms("^hello", ""));
  CHECK(conforms("^hello", "i"));
  CHECK(conforms("^H e l l o", "x"));
  CHECK_FALSE(conforms("o.W", "q"));
  CHECK(conforms("o W", "q"));
  auto bad = ShapesGraph::FromQuads(Parse("ex:S sh:targetNode ex:a ; sh:pattern \"(\" ."));
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().message().find("sh:pattern") != std::string::npos);
}

TEST_CASE("Errors name the file, line and column") {
  std::string path = "/tmp/presskg_shacl_test_bad.ttl";
  {
    std::ofstream f(path);
    f << "@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:a ex:b \"unterminated .\n";
  }
  auto shapes = ShapesGraph::LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/shapes");
  REQUIRE(shapes.ok());
  auto r = (*shapes)->ValidateFiles({path});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().where().file == path);
  CHECK(r.status().where().line == 3);
  std::remove(path.c_str());
  CHECK_FALSE(ShapesGraph::LoadDir("/nonexistent-dir").ok());
}

TEST_CASE("Project shapes: fixtures conform or not, and Validate is thread-safe") {
  auto shapes = ShapesGraph::LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/shapes");
  REQUIRE(shapes.ok());
  std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/tests/unit/shacl/fixtures/";
  auto good = (*shapes)->ValidateFiles({dir + "conforming-release.ttl"});
  REQUIRE(good.ok());
  CHECK(good->conforms);
  // Ill-formed literals the pattern does not catch are still caught by sh:datatype.
  shacl::World w;
  shacl::Graph g(w);
  REQUIRE(g.LoadFile(dir + "violating-facts.ttl").ok());
  Quads data;
  g.Each(nullptr, nullptr, nullptr, [&](shacl::Node a, shacl::Node b, shacl::Node c) {
    data.push_back({shacl::ToTerm(a), shacl::ToTerm(b), shacl::ToTerm(c), {}});
  });
  ValidationReport expected = (*shapes)->Validate(data);
  CHECK_FALSE(expected.conforms);
  CHECK(expected.results.size() == 31);
  std::vector<ValidationReport> got(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&, i] { got[i] = (*shapes)->Validate(data); });
  for (auto& t : threads) t.join();
  for (const auto& r : got) {
    REQUIRE(r.results.size() == expected.results.size());
    for (size_t i = 0; i < r.results.size(); ++i) {
      CHECK(r.results[i].focus_node == expected.results[i].focus_node);
      CHECK(r.results[i].component == expected.results[i].component);
      CHECK(r.results[i].value == expected.results[i].value);
    }
  }
}

TEST_CASE("Leap-day dates: sh:datatype catches what a pattern cannot") {
  ValidationReport r = Check("ex:S sh:targetSubjectsOf ex:d ; sh:path ex:d ; sh:datatype xsd:date .",
                             "ex:a ex:d \"2013-02-29\"^^xsd:date . ex:b ex:d \"2012-02-29\"^^xsd:date .");
  REQUIRE(r.results.size() == 1);
  CHECK(r.results[0].focus_node == Term::Iri("http://ex.org/a"));
}

TEST_CASE("Per-thread shape caches: switching shapes graphs and rebuilding after many nodes") {
  auto a = ShapesGraph::FromQuads(Parse("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] ."));
  auto b = ShapesGraph::FromQuads(Parse("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxCount 0 ] ."));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  Quads one = Parse("ex:x a ex:C ; ex:p 1 .");
  for (int i = 0; i < 3; ++i) {  // alternate: each call must use its own shapes
    CHECK((*a)->Validate(one).conforms);
    CHECK_FALSE((*b)->Validate(one).conforms);
  }
  // 40k fresh nodes per call: the cached world passes its node limit and is rebuilt.
  for (int round = 0; round < 4; ++round) {
    Quads big;
    for (int i = 0; i < 20000; ++i) {
      Term s = Term::Iri("http://ex.org/r" + std::to_string(round) + "/" + std::to_string(i));
      big.push_back({s, Term::Iri(std::string(ns::kRdf) + "type"), Term::Iri("http://ex.org/C"), {}});
      if (i % 2) big.push_back({s, Term::Iri("http://ex.org/p"), Term::Literal(std::to_string(i) + "-" + std::to_string(round)), {}});
    }
    ValidationReport r = (*a)->Validate(big);
    CHECK(r.results.size() == 10000);
  }
  CHECK((*a)->Validate(one).conforms);
}
