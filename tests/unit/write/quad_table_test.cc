// QuadTable (terms stored once, rows of term indexes) and QuadWriter::WriteTable: writing a table
// must give exactly the bytes of writing its quads, in every syntax, including the statements the
// N-Triples/N-Quads table path hands to Serd (escapes, blank nodes, unsafe IRIs) in between.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "presskg/rdf.h"
#include "presskg/writer.h"

using namespace presskg;

namespace {

const std::string kXsd = ns::kXsd;

// A table built the way GraphBuilder builds one: each distinct term once, reused by many rows.
QuadTable Table() {
  QuadTable t;
  std::map<std::string, std::uint32_t> ids;
  auto id = [&](Term term) {
    const std::string key = std::to_string(static_cast<int>(term.kind)) + '\x1f' + term.value + '\x1f' +
                            term.datatype + '\x1f' + term.lang;
    auto [it, fresh] = ids.emplace(key, static_cast<std::uint32_t>(t.terms.size()));
    if (fresh) t.terms.push_back(std::move(term));
    return it->second;
  };
  const auto s = id(Term::Iri("https://example.org/kg/doc/a"));
  const auto s2 = id(Term::Iri("https://example.org/kg/person/a b"));  // unsafe: Serd repairs it
  const auto b = id(Term::Blank("b1"));
  const auto label = id(Term::Iri(std::string(ns::kRdfs) + "label"));
  const auto type = id(Term::Iri(std::string(ns::kRdf) + "type"));
  const auto g = id(Term::Iri("https://example.org/kg/graph/a"));
  const auto cls = id(Term::Iri("http://schema.org/NewsArticle"));
  const auto plain = id(Term::Literal("plain"));
  const auto esc = id(Term::Literal("say \"hi\"\nnow"));
  const auto zh = id(Term::Literal(u8"中文", "", "zh"));
  const auto num = id(Term::Literal("42", kXsd + "integer"));
  const auto str = id(Term::Literal("s", kXsd + "string"));
  const auto badtag = id(Term::Literal("t", "", "-x"));
  const auto badutf = id(Term::Literal("bad \xff utf8"));
  const auto iri_obj = id(Term::Iri(u8"https://example.org/kg/org/é"));
  const std::uint32_t none = QuadTable::kDefaultGraph;
  t.rows = {{s, type, cls, g},    {s, label, plain, g},  {s, label, esc, g},   {s, label, zh, g},
            {b, label, plain, g}, {s, label, num, g},    {s, label, str, g},   {s, label, badtag, g},
            {s2, label, iri_obj, g}, {s, label, badutf, g}, {s, label, s, none}, {s, label, plain, g},
            {s, type, cls, none}};
  return t;
}

}  // namespace

TEST_CASE("QuadTable::ToQuads gives each row's terms, copying or moving") {
  const QuadTable t = Table();
  const Quads copied = t.ToQuads();
  REQUIRE(copied.size() == t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    CHECK(copied[i].subject == t.terms[t.rows[i].s]);
    CHECK(copied[i].predicate == t.terms[t.rows[i].p]);
    CHECK(copied[i].object == t.terms[t.rows[i].o]);
    CHECK(copied[i].graph == t.graph_of(t.rows[i]));
  }
  CHECK(copied[10].graph.is_none());
  QuadTable moved_from = Table();
  CHECK(std::move(moved_from).ToQuads() == copied);
}

TEST_CASE("WriteTable writes the same bytes as Write of the table's quads, in every syntax") {
  const QuadTable t = Table();
  for (RdfFormat f : {RdfFormat::kNQuads, RdfFormat::kNTriples, RdfFormat::kTurtle, RdfFormat::kTriG,
                      RdfFormat::kJsonLd, RdfFormat::kRdfXml}) {
    INFO(RdfFormatName(f));
    std::string got;
    auto w = QuadWriter::OpenString(&got, f);
    REQUIRE(w.ok());
    // Twice, as a run writes one table per release: per-table state must not leak across tables.
    REQUIRE((*w)->WriteTable(t).ok());
    REQUIRE((*w)->WriteTable(t).ok());
    REQUIRE((*w)->Close().ok());
    std::string twice;
    auto w2 = QuadWriter::OpenString(&twice, f);
    REQUIRE(w2.ok());
    REQUIRE((*w2)->Write(t.ToQuads()).ok());
    REQUIRE((*w2)->Write(t.ToQuads()).ok());
    REQUIRE((*w2)->Close().ok());
    CHECK(got == twice);
  }
}

TEST_CASE("WriteTable refuses a statement that is not RDF, like Write") {
  QuadTable t;
  t.terms = {Term::Literal("lit"), Term::Iri("https://example.org/p"), Term::Iri("https://example.org/o")};
  t.rows = {{0, 1, 2, QuadTable::kDefaultGraph}};
  for (RdfFormat f : {RdfFormat::kNQuads, RdfFormat::kTurtle}) {
    std::string out;
    auto w = QuadWriter::OpenString(&out, f);
    REQUIRE(w.ok());
    CHECK_FALSE((*w)->WriteTable(t).ok());
  }
}
