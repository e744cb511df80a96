// Shared by the mention tests: one gazetteer for the whole run, and a helper that runs the cascade
// over a sentence normalised the way PreparedText normalises (NFKC + Hant→Hans).
#ifndef PRESSKG_TESTS_MENTION_FIXTURE_H
#define PRESSKG_TESTS_MENTION_FIXTURE_H

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "mentions/internal.h"
#include "presskg/mention.h"
#include "presskg/text.h"

namespace presskg_test {

inline const presskg::mentions::Gazetteer& TestGazetteer() {
  static const presskg::mentions::Gazetteer* gz = [] {
    auto* g = new presskg::mentions::Gazetteer();
    presskg::Status s = presskg::mentions::LoadGazetteer(std::string(PRESSKG_SOURCE_DIR) + "/extractor/gazetteers", g);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    return g;
  }();
  return *gz;
}

struct Found {
  // Candidates hold views into the text and the store: both live on the heap so Found can move.
  std::shared_ptr<std::string> text = std::make_shared<std::string>();
  std::shared_ptr<presskg::mentions::Store> store = std::make_shared<presskg::mentions::Store>();
  std::vector<presskg::mentions::Candidate> ms;
  const std::string& norm() const { return *text; }
  // The surface (normalised) of each mention of `type`, in order.
  std::vector<std::string> Of(presskg::MentionType type) const {
    std::vector<std::string> out;
    for (const auto& m : ms)
      if (m.type == type) out.push_back(norm().substr(m.begin, m.end - m.begin));
    return out;
  }
  const presskg::mentions::Candidate* First(presskg::MentionType type, const std::string& surface) const {
    for (const auto& m : ms)
      if (m.type == type && norm().substr(m.begin, m.end - m.begin) == surface) return &m;
    return nullptr;
  }
};

inline Found Run(const std::string& text, const std::string& lang = "zh-Hans", const std::string& anchor = "2013-05-16") {
  static presskg::mentions::KeyNormalizer* norm = new presskg::mentions::KeyNormalizer();
  Found f;
  *f.text = (*norm)(text);
  f.ms = presskg::mentions::FindInText(TestGazetteer(), *f.text, lang, anchor, {}, f.store.get());
  return f;
}

// The surfaces of the mentions of `type` the public MentionFinder finds in `text`, prepared as a
// release (PrepareText) dated 2025-06-02: the whole path, for regression tests of gaps.
inline std::vector<std::string> PublicMentionsOf(const std::string& text, presskg::MentionType type) {
  static auto finder = presskg::MentionFinder::Load(presskg::MentionOptions{});
  REQUIRE(finder.ok());
  presskg::Document d;
  d.id = "t";
  d.text = text;
  auto t = presskg::PrepareText(d);
  REQUIRE(t.ok());
  std::vector<std::string> out;
  for (const presskg::Mention& m : (*finder)->Find(*t, presskg::MentionContext{"2025-06-02"}))
    if (m.type == type) out.push_back(m.text);
  return out;
}

}  // namespace presskg_test

#endif  // PRESSKG_TESTS_MENTION_FIXTURE_H
