// Serd-backed writers and reader: every syntax round-trips hostile strings to the same quads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "presskg/writer.h"

using namespace presskg;

namespace Catch {
template <>
struct StringMaker<Quad> {
  static std::string convert(const Quad& q) {
    auto t = [](const Term& x) {
      return std::to_string(static_cast<int>(x.kind)) + ":" + x.value +
             (x.datatype.empty() ? "" : "^^" + x.datatype) + (x.lang.empty() ? "" : "@" + x.lang);
    };
    return "{" + t(q.subject) + " " + t(q.predicate) + " " + t(q.object) + " " + t(q.graph) + "}\n";
  }
};
}  // namespace Catch

namespace {

const std::string kG = "https://w3id.org/presskg/id/graph/a";
const std::string kXsd = ns::kXsd;

Quads HostileQuads() {
  const std::string s = "https://w3id.org/presskg/id/doc/a";
  const std::string p = std::string(ns::kRdfs) + "label";
  Quads q;
  auto lit = [&](std::string v, std::string dt = {}, std::string lang = {}) {
    q.push_back({Term::Iri(s), Term::Iri(p), Term::Literal(std::move(v), std::move(dt), std::move(lang)), Term::Iri(kG)});
  };
  lit("plain");
  lit("quote \" and ''' and \"\"\" end\"");
  lit("back\\slash \\n not a newline");
  lit("line1\nline2\r\nline3\ttab");
  lit(std::string("ctrl\x01\x02\x1f\x7f", 8) + "bell\a");
  lit("中文 “引号” 《书名》");
  lit("emoji 😀 and RTL \u202e text");
  lit("0.95", kXsd + "decimal");
  lit("not a number", kXsd + "integer");
  lit("1", kXsd + "boolean");
  lit("2013-05", kXsd + "gYearMonth");
  lit("Bonjour", "", "fr");
  lit("");
  lit("\"");
  lit("ends with backslash \\");
  q.push_back({Term::Iri(s), Term::Iri(std::string(ns::kSchema) + "url"),
               Term::Iri("https://w3id.org/presskg/id/org/with%20space"), Term::Iri(kG)});
  q.push_back({Term::Iri(s), Term::Iri(std::string(ns::kSchema) + "about"), Term::Blank("n1"), Term()});
  q.push_back({Term::Blank("n1"), Term::Iri(p), Term::Literal("blank"), Term()});
  q.push_back({Term::Iri(std::string(ns::kDefaultBase) + "doc/%E4%B8%AD"), Term::Iri(p), Term::Literal("pct"), Term::Iri(kG)});
  return q;
}

Quads Sorted(Quads q, bool drop_graphs) {
  if (drop_graphs) {
    for (Quad& x : q) x.graph = Term();
  }
  std::sort(q.begin(), q.end());
  q.erase(std::unique(q.begin(), q.end()), q.end());
  return q;
}

}  // namespace

TEST_CASE("format names and extensions") {
  CHECK(*RdfFormatFromName("TTL") == RdfFormat::kTurtle);
  CHECK(*RdfFormatFromName("nquads") == RdfFormat::kNQuads);
  CHECK(*RdfFormatFromName("json-ld") == RdfFormat::kJsonLd);
  CHECK_FALSE(RdfFormatFromName("csv").ok());
  CHECK(*RdfFormatFromPath("out/x.trig") == RdfFormat::kTriG);
  CHECK(*RdfFormatFromPath("a.b/x.NT") == RdfFormat::kNTriples);
  CHECK_FALSE(RdfFormatFromPath("dir.ttl/noext").ok());
  CHECK(std::string(RdfFormatName(RdfFormat::kJsonLd)) == "jsonld");
  CHECK(FormatKeepsGraphs(RdfFormat::kTriG));
  CHECK_FALSE(FormatKeepsGraphs(RdfFormat::kTurtle));
}

TEST_CASE("Serd syntaxes round-trip hostile strings") {
  const Quads in = HostileQuads();
  for (RdfFormat f : {RdfFormat::kTurtle, RdfFormat::kNTriples, RdfFormat::kNQuads, RdfFormat::kTriG}) {
    INFO(RdfFormatName(f));
    Result<std::string> text = WriteRdfString(in, f);
    REQUIRE(text.ok());
    Result<Quads> back = ReadRdfString(*text, f);
    INFO(*text);
    REQUIRE(back.ok());
    CHECK(Sorted(*back, false) == Sorted(in, !FormatKeepsGraphs(f)));
  }
}

TEST_CASE("Turtle uses prefixes and stays readable") {
  Result<std::string> ttl = WriteRdfString(HostileQuads(), RdfFormat::kTurtle);
  REQUIRE(ttl.ok());
  CHECK(ttl->find("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .") != std::string::npos);
  CHECK(ttl->find("rdfs:label") != std::string::npos);
  CHECK(ttl->find("\"2013-05\"^^xsd:gYearMonth") != std::string::npos);
  // Never a bare token for an invalid number.
  CHECK(ttl->find("\"not a number\"^^xsd:integer") != std::string::npos);
}

TEST_CASE("invalid UTF-8 and unsafe IRIs are repaired, not written raw") {
  Quads q = {{Term::Iri("http://example.org/a b>c\"d"), Term::Iri("http://example.org/p"),
              Term::Literal(std::string("lone \xED\xA0\x80 surrogate, cut ") + "\xE4\xB8"), Term()}};
  for (RdfFormat f : {RdfFormat::kTurtle, RdfFormat::kNTriples, RdfFormat::kNQuads, RdfFormat::kTriG}) {
    INFO(RdfFormatName(f));
    Result<std::string> text = WriteRdfString(q, f);
    REQUIRE(text.ok());
    Result<Quads> back = ReadRdfString(*text, f);
    INFO(*text);
    REQUIRE(back.ok());
    REQUIRE(back->size() == 1);
    CHECK((*back)[0].subject.value == "http://example.org/a%20b%3Ec%22d");
    CHECK((*back)[0].object.value == "lone \xEF\xBF\xBD surrogate, cut \xEF\xBF\xBD");
  }
}

TEST_CASE("parse errors carry file, line and column") {
  const std::string path = "presskg_write_test_bad.ttl";
  {
    std::ofstream out(path);
    out << "@prefix ex: <http://example.org/> .\n"
        << "ex:a ex:b ex:c .\n"
        << "ex:a ex:b \"unterminated .\n";
  }
  Result<Quads> r = ReadRdfFile(path);
  std::remove(path.c_str());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kParseError);
  CHECK(r.status().where().file == path);
  CHECK(r.status().where().line == 3);
  CHECK(r.status().where().column > 0);

  Result<Quads> undefined = ReadRdfString("nope:a nope:b nope:c .\n", RdfFormat::kTurtle);
  CHECK_FALSE(undefined.ok());
  CHECK_FALSE(ReadRdfFile("does/not/exist.nq").ok());
}

TEST_CASE("reader expands prefixes, resolves relative IRIs, keeps graphs") {
  Result<Quads> q = ReadRdfString(
      "@prefix ex: <http://example.org/> .\n"
      "<g> { ex:s ex:p \"x\"@EN , \"5\"^^ex:t , <rel> . }\n",
      RdfFormat::kTriG, "http://base.example/dir/");
  REQUIRE(q.ok());
  REQUIRE(q->size() == 3);
  for (const Quad& x : *q) {
    CHECK(x.graph.value == "http://base.example/dir/g");
    CHECK(x.subject.value == "http://example.org/s");
  }
  CHECK((*q)[0].object.lang == "en");
  CHECK((*q)[1].object.datatype == "http://example.org/t");
  CHECK((*q)[2].object.value == "http://base.example/dir/rel");
}

TEST_CASE("writer streams across calls and writes files") {
  const std::string path = "presskg_write_test_out.nq";
  Result<std::unique_ptr<QuadWriter>> w = QuadWriter::Open(path, RdfFormat::kNQuads);
  REQUIRE(w.ok());
  Quads all = HostileQuads();
  for (const Quad& q : all) REQUIRE((*w)->Write({q}).ok());
  REQUIRE((*w)->Close().ok());
  Result<Quads> back = ReadRdfFile(path);
  std::remove(path.c_str());
  REQUIRE(back.ok());
  CHECK(Sorted(*back, false) == Sorted(all, false));
  CHECK_FALSE(QuadWriter::Open("no/such/dir/out.nq", RdfFormat::kNQuads).ok());
}

TEST_CASE("unsafe blank node labels map consistently to safe ones") {
  Quads q = {{Term::Blank("x y.-"), Term::Iri("http://example.org/p"), Term::Blank("x y.-"), Term()},
             {Term::Blank("x_y"), Term::Iri("http://example.org/p"), Term::Literal("1"), Term()}};
  for (RdfFormat f : {RdfFormat::kTurtle, RdfFormat::kNTriples}) {
    Result<std::string> text = WriteRdfString(q, f);
    REQUIRE(text.ok());
    Result<Quads> back = ReadRdfString(*text, f);
    REQUIRE(back.ok());
    REQUIRE(back->size() == 2);
    CHECK((*back)[0].subject == (*back)[0].object);    // the same node stays one node
    CHECK((*back)[0].subject != (*back)[1].subject);   // distinct labels stay distinct
  }
}

TEST_CASE("ReadRdf streams and stops when the sink says so") {
  const std::string path = std::string(PRESSKG_SOURCE_DIR) + "/ontology/presskg.ttl";
  std::size_t n = 0;
  Status all = ReadRdf(path, RdfFormat::kTurtle, [&](const Quad& q) {
    ++n;
    CHECK(q.subject.is_iri());
    return Status::OK();
  });
  REQUIRE(all.ok());
  CHECK(n > 100);
  std::size_t seen = 0;
  Status stopped = ReadRdf(path, RdfFormat::kTurtle, [&](const Quad&) {
    return ++seen == 3 ? Rejected("enough") : Status::OK();
  });
  CHECK(stopped.code() == StatusCode::kRejected);
  CHECK(seen == 3);
  CHECK(ReadRdf(path, RdfFormat::kJsonLd, [](const Quad&) { return Status::OK(); }).code() ==
        StatusCode::kUnsupported);
}

TEST_CASE("write errors surface at Close") {
  for (RdfFormat f : {RdfFormat::kTurtle, RdfFormat::kNQuads, RdfFormat::kJsonLd, RdfFormat::kRdfXml}) {
    INFO(RdfFormatName(f));
    Result<std::unique_ptr<QuadWriter>> w = QuadWriter::Open("/dev/full", f);
    REQUIRE(w.ok());
    Quads many;
    for (int i = 0; i < 2000; ++i) {
      many.push_back({Term::Iri("http://example.org/s" + std::to_string(i)), Term::Iri("http://example.org/p"),
                      Term::Literal(std::string(100, 'x')), Term()});
    }
    Status written = (*w)->Write(many);
    Status closed = (*w)->Close();
    CHECK_FALSE((written.ok() && closed.ok()));
  }
}
