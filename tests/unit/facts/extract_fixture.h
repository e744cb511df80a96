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
// A pointer into a temporary would dangle (the held-out 6 dateline tests did so: ASan heap-use-after-free).
const Fact* LastOfType(std::vector<Fact>&& facts, FactType type) = delete;
inline const Fact* LastOfType(const std::vector<Fact>& facts, FactType type) {
  const Fact* out = nullptr;
  for (const Fact& f : facts)
    if (f.type == type) out = &f;
  return out;
}

// Every fact of `type`, in order.
inline std::vector<const Fact*> AllOfType(const std::vector<Fact>& facts, FactType type) {
  std::vector<const Fact*> out;
  for (const Fact& f : facts)
    if (f.type == type) out.push_back(&f);
  return out;
}

// True when a party's name of `f` contains `name`.
inline bool HasPartyNamed(const Fact& f, const std::string& name) {
  for (const EntityRef& p : f.parties)
    if (p.name.find(name) != std::string::npos) return true;
  return false;
}

}  // namespace presskg::testing

#endif  // PRESSKG_TESTS_FACTS_EXTRACT_FIXTURE_H
