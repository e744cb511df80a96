#include <catch2/catch.hpp>

#include <sstream>

#include "presskg/store.h"
#include "store/http.h"

using namespace presskg;

namespace {

QueryResult Sample() {
  QueryResult r;
  r.variables = {"org", "label", "n"};
  r.rows.push_back({Term::Iri("https://w3id.org/presskg/id/org/itu"), Term::Literal("ITU, \"the\" union", "", "en"),
                    Term::Literal("3", "http://www.w3.org/2001/XMLSchema#integer")});
  r.rows.push_back({Term::Blank("b0"), Term::Literal("国际电信联盟\tline\nnext"), Term()});
  return r;
}

}  // namespace

TEST_CASE("CSV follows SPARQL 1.1 CSV: plain values, quoting, CRLF", "[store][format]") {
  std::string csv = FormatResults(Sample(), ResultsFormat::kCsv);
  CHECK(csv ==
        "org,label,n\r\n"
        "https://w3id.org/presskg/id/org/itu,\"ITU, \"\"the\"\" union\",3\r\n"
        "_:b0,\"国际电信联盟\tline\nnext\",\r\n");
}

TEST_CASE("TSV follows SPARQL 1.1 TSV: Turtle terms, escapes", "[store][format]") {
  std::string tsv = FormatResults(Sample(), ResultsFormat::kTsv);
  CHECK(tsv ==
        "?org\t?label\t?n\n"
        "<https://w3id.org/presskg/id/org/itu>\t\"ITU, \\\"the\\\" union\"@en\t\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>\n"
        "_:b0\t\"国际电信联盟\\tline\\nnext\"\t\n");
}

TEST_CASE("JSON follows SPARQL 1.1 JSON results and parses back", "[store][format]") {
  QueryResult in = Sample();
  std::string json = FormatResults(in, ResultsFormat::kJson);
  CHECK(json.find("\"xml:lang\": \"en\"") != std::string::npos);
  CHECK(json.find("\"type\": \"bnode\"") != std::string::npos);
  Result<QueryResult> back = ParseSparqlJson(json);
  REQUIRE(back.ok());
  CHECK(back->variables == in.variables);
  REQUIRE(back->rows.size() == 2);
  CHECK(back->rows[0] == in.rows[0]);
  CHECK(back->rows[1] == in.rows[1]);  // the unbound ?n stays unbound

  QueryResult ask;
  ask.is_boolean = true;
  ask.boolean = true;
  Result<QueryResult> ask_back = ParseSparqlJson(FormatResults(ask, ResultsFormat::kJson));
  REQUIRE(ask_back.ok());
  CHECK(ask_back->is_boolean);
  CHECK(ask_back->boolean);

  CHECK_FALSE(ParseSparqlJson("{\"head\": {}").ok());
  CHECK(ParseSparqlJson("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":{\"type\":\"typed-literal\","
                        "\"value\":\"1\",\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\"}}]}}")
            ->rows[0][0] == Term::Literal("1", "http://www.w3.org/2001/XMLSchema#integer"));
}

TEST_CASE("table aligns columns by display width (CJK counts two)", "[store][format]") {
  QueryResult r;
  r.variables = {"name", "n"};
  r.rows.push_back({Term::Literal("国际电信联盟"), Term::Literal("1")});
  r.rows.push_back({Term::Literal("ITU"), Term::Literal("22")});
  std::string table = FormatResults(r, ResultsFormat::kTable);
  std::istringstream lines(table);
  std::string header, rule, row1, row2, footer;
  std::getline(lines, header);
  std::getline(lines, rule);
  std::getline(lines, row1);
  std::getline(lines, row2);
  std::getline(lines, footer);
  // "国际电信联盟" is 6 characters but 12 columns: the second column starts at column 14.
  CHECK(rule == "------------  --");
  CHECK(header == "name          n");
  CHECK(row1 == "国际电信联盟  1");
  CHECK(row2 == "ITU           22");
  CHECK(footer == "(2 rows)");
}

TEST_CASE("results format names", "[store][format]") {
  CHECK(*ResultsFormatFromName("tsv") == ResultsFormat::kTsv);
  CHECK_FALSE(ResultsFormatFromName("xml").ok());
}

TEST_CASE("N-Triples bodies for HTTP are ASCII-only and keep datatypes and languages", "[store][http]") {
  Quads q{{Term::Iri("https://w3id.org/presskg/id/org/国际"), Term::Iri("http://www.w3.org/2000/01/rdf-schema#label"),
           Term::Literal("联盟 \"x\"", "", "zh"), Term::Iri("urn:g")},
          {Term::Blank("b1"), Term::Iri("urn:p"), Term::Literal("2013", "http://www.w3.org/2001/XMLSchema#gYear"), {}}};
  std::string nt = store_internal::ToNTriples(q);
  for (unsigned char c : nt) CHECK(c < 0x80);
  CHECK(nt.find("\"\\u8054\\u76DF \\\"x\\\"\"@zh .") != std::string::npos);
  CHECK(nt.find("_:b1 <urn:p> \"2013\"^^<http://www.w3.org/2001/XMLSchema#gYear> .") != std::string::npos);
  CHECK(store_internal::RedactUrl("http://dba:secret@127.0.0.1:8890/sparql-auth?x=1") == "http://127.0.0.1:8890/sparql-auth");
  CHECK(store_internal::UrlEncode("https://a/b c") == "https%3A%2F%2Fa%2Fb%20c");
}
