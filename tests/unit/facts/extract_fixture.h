// The whole pipeline on one text (PrepareText → mentions → rules → facts) with the shipped packs,
// for tests that check facts of releases written in full.
#ifndef PRESSKG_TESTS_FACTS_EXTRACT_FIXTURE_H
#define PRESSKG_TESTS_FACTS_EXTRACT_FIXTURE_H

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/rules.h"
#include "presskg/text.h"

namespace presskg::testing {

inline std::vector<Fact> ExtractText(const std::string& text) {
  static auto ex = Extractor::Load(ExtractorOptions{});
  REQUIRE(ex.ok());
  Document doc;
  doc.id = "test-release";
  doc.text = text;
  Result<PreparedText> t = PrepareText(doc);
  REQUIRE(t.ok());
  return (*ex)->Extract(doc, *t);
}

// The last fact of `type` (null when none).
inline const Fact* LastOfType(const std::vector<Fact>& facts, FactType type) {
  const Fact* out = nullptr;
  for (const Fact& f : facts)
    if (f.type == type) out = &f;
  return out;
}

}  // namespace presskg::testing

#endif  // PRESSKG_TESTS_FACTS_EXTRACT_FIXTURE_H
