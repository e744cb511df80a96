// N-Triples/N-Quads: plain statements are written without Serd, the others through Serd; the
// bytes must be exactly Serd's and the statements must stay in order when the two paths alternate.
#include <catch2/catch.hpp>

#include <string>

#include "presskg/writer.h"

using namespace presskg;

namespace {

const std::string kS = "https://example.org/kg/doc/a";
const std::string kP = std::string(ns::kRdfs) + "label";
const std::string kG = "https://example.org/kg/graph/a";
const std::string kXsd = ns::kXsd;

Quad Q(Term s, Term o, Term g = Term::Iri(kG)) { return {std::move(s), Term::Iri(kP), std::move(o), std::move(g)}; }

Quads Mixed() {
  return {
      Q(Term::Iri(kS), Term::Literal("plain")),                                      // direct
      Q(Term::Iri(kS), Term::Literal("say \"hi\"\nnow\\then\ttab")),                 // Serd (escapes)
      Q(Term::Iri(kS), Term::Literal(u8"中文 ünïcode", "", "zh")),                     // direct, tagged
      Q(Term::Blank("b1"), Term::Literal("x")),                                      // Serd (blank node)
      Q(Term::Iri(kS), Term::Literal("42", kXsd + "integer")),                       // direct, typed
      Q(Term::Iri(kS), Term::Literal("s", kXsd + "string")),                         // xsd:string dropped
      Q(Term::Iri(kS), Term::Literal("bad tag", "", "-x")),                          // invalid tag dropped
      Q(Term::Iri("https://example.org/kg/person/a b"), Term::Iri(u8"https://example.org/kg/org/é")),  // Serd
      Q(Term::Iri(kS), Term::Literal("del\x7f")),                                    // Serd (DEL)
      Q(Term::Iri(kS), Term::Literal("bad \xff utf8")),                              // Serd (repaired)
      Q(Term::Iri(kS), Term::Iri(kS), Term()),                                       // default graph
  };
}

}  // namespace

TEST_CASE("N-Quads: direct and Serd-written statements interleave in order, bytes as Serd writes them") {
  Result<std::string> nq = WriteRdfString(Mixed(), RdfFormat::kNQuads);
  REQUIRE(nq.ok());
  const std::string g = " <" + kG + "> .\n";
  const std::string s = "<" + kS + "> <" + kP + "> ";
  const std::string expected =
      s + "\"plain\"" + g +
      s + "\"say \\\"hi\\\"\\nnow\\\\then\\ttab\"" + g +
      s + u8"\"中文 ünïcode\"@zh" + g +
      "_:b1 <" + kP + "> \"x\"" + g +
      s + "\"42\"^^<" + kXsd + "integer>" + g +
      s + "\"s\"" + g +
      s + "\"bad tag\"" + g +
      "<https://example.org/kg/person/a%20b> <" + kP + u8"> <https://example.org/kg/org/é>" + g +
      s + "\"del\\u007F\"" + g +
      s + "\"bad \xEF\xBF\xBD utf8\"" + g +
      s + "<" + kS + "> .\n";
  CHECK(*nq == expected);
  // The parse of the output gives the statements back (one blank node label may be renamed).
  Result<Quads> back = ReadRdfString(*nq, RdfFormat::kNQuads);
  REQUIRE(back.ok());
  CHECK(back->size() == Mixed().size());
}

TEST_CASE("N-Triples: the direct path drops the graph like Serd") {
  Result<std::string> nt = WriteRdfString(Mixed(), RdfFormat::kNTriples);
  REQUIRE(nt.ok());
  CHECK(nt->find(kG) == std::string::npos);
  CHECK(nt->rfind("<" + kS + "> <" + kP + "> \"plain\" .\n", 0) == 0);
  CHECK(nt->find("_:b1 <" + kP + "> \"x\" .\n") != std::string::npos);
  Result<Quads> back = ReadRdfString(*nt, RdfFormat::kNTriples);
  REQUIRE(back.ok());
  CHECK(back->size() == Mixed().size());
}

TEST_CASE("N-Quads: a relative IRI is refused on either path (review finding)") {
  // regression: the direct path wrote <doc/a> unchecked, where Serd refuses IRIs without a scheme
  for (const Quad& q : {Q(Term::Iri("doc/a"), Term::Literal("plain")), Q(Term::Blank("b1"), Term::Iri("doc/a"))}) {
    Result<std::string> nq = WriteRdfString({q}, RdfFormat::kNQuads);
    CHECK_FALSE(nq.ok());
  }
  Result<std::string> ok = WriteRdfString({Q(Term::Iri("urn:x:doc-a"), Term::Literal("plain"))}, RdfFormat::kNQuads);
  REQUIRE(ok.ok());
  CHECK(*ok == "<urn:x:doc-a> <" + kP + "> \"plain\" <" + kG + "> .\n");
}
