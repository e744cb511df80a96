// shacl/conformance.h — runs the W3C SHACL Core test suite (../shared/conformance/shacl-core) and
// compares reports as the suite defines full compliance: the actual sh:ValidationReport must be
// isomorphic to the expected one after normalisation (only the report predicates kept, one type per
// report/result node, shared result paths cloned, sh:resultMessage kept only where expected).
//
//   Result<std::vector<shacl::TestOutcome>> r = shacl::RunConformanceSuite(dir + "/manifest.ttl");
//   for (auto& t : *r) if (!t.passed) std::cerr << t.id << ": " << t.detail << "\n";
#ifndef PRESSKG_SHACL_CONFORMANCE_H
#define PRESSKG_SHACL_CONFORMANCE_H

#include <string>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg::shacl {

struct TestOutcome {
  std::string id;       // the test IRI
  bool passed = false;
  bool conforms_matched = false;  // partial compliance
  std::string detail;   // why it failed: both reports as N-Triples-like text
};

// Follows mf:include from the root manifest and runs every sht:Validate entry.
Result<std::vector<TestOutcome>> RunConformanceSuite(const std::string& root_manifest);

// Graph isomorphism with blank nodes (triples; graph terms ignored). Backtracking over blank nodes
// grouped by iterated neighbourhood colours: meant for small graphs such as reports.
bool Isomorphic(const Quads& a, const Quads& b);

}  // namespace presskg::shacl

#endif  // PRESSKG_SHACL_CONFORMANCE_H
