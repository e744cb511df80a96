// The W3C SHACL Core test suite (98 tests), compared as the suite defines full compliance.
#include <catch2/catch.hpp>

#include <iostream>

#include "shacl/conformance.h"

using presskg::Quad;
using presskg::Quads;
using presskg::Term;

TEST_CASE("W3C SHACL Core conformance: every test passes") {
  auto r = presskg::shacl::RunConformanceSuite(std::string(PRESSKG_SHARED_DIR) + "/conformance/shacl-core/manifest.ttl");
  REQUIRE(r.ok());
  int passed = 0, partial = 0;
  for (const auto& t : *r) {
    passed += t.passed;
    partial += t.conforms_matched;
    if (!t.passed) std::cout << "FAIL " << t.id << "\n" << t.detail;
  }
  std::cout << "SHACL Core conformance: " << passed << "/" << r->size() << " passed (" << partial
            << "/" << r->size() << " conforms)\n";
  CHECK(r->size() == 98);
  CHECK(passed == static_cast<int>(r->size()));
}

TEST_CASE("Isomorphic maps blank nodes and rejects different graphs") {
  auto iri = [](const char* s) { return Term::Iri(std::string("http://ex.org/") + s); };
  Quads a = {{Term::Blank("x"), iri("p"), Term::Blank("y"), {}}, {Term::Blank("y"), iri("q"), iri("o"), {}}};
  Quads b = {{Term::Blank("m"), iri("q"), iri("o"), {}}, {Term::Blank("n"), iri("p"), Term::Blank("m"), {}}};
  CHECK(presskg::shacl::Isomorphic(a, b));
  Quads c = {{Term::Blank("m"), iri("q"), iri("o"), {}}, {Term::Blank("m"), iri("p"), Term::Blank("n"), {}}};
  CHECK_FALSE(presskg::shacl::Isomorphic(a, c));
  Quads d = {{Term::Blank("x"), iri("p"), Term::Blank("y"), {}}, {Term::Blank("y"), iri("q"), iri("z"), {}}};
  CHECK_FALSE(presskg::shacl::Isomorphic(a, d));
}
