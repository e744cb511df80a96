// Gold facts turned into predictions must score perfectly on the real dev corpus and on the
// project's samples: this exercises normalisation, quote positions and the assignment on real text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "presskg/eval.h"

namespace {

namespace fs = std::filesystem;
using presskg::EntityRef;
using presskg::Fact;
using presskg::FactType;
using presskg::GoldFact;

EntityRef FromNames(const std::vector<std::string>& names) {
  EntityRef e;
  if (names.empty()) return e;
  e.name = names.front();
  e.aliases.assign(names.begin() + 1, names.end());
  return e;
}

Fact AsPrediction(const GoldFact& g) {
  Fact f;
  f.doc = g.doc;
  f.rule = "gold." + g.type;
  if (g.type == "agreement") {
    f.type = FactType::kAgreement;
    f.kind = g.kind;
    for (const auto& p : g.parties) f.parties.push_back(FromNames(p));
    f.countries = g.countries;
    f.date = g.date;
  } else if (g.type == "quote" || g.type == "role") {
    f.type = g.type == "quote" ? FactType::kQuote : FactType::kRole;
    f.person = FromNames(g.person);
    f.role = g.role;
    f.org = FromNames(g.org);
    f.quote = g.quote;
  } else if (g.type == "event") {
    f.type = FactType::kEvent;
    f.name = g.name.empty() ? "" : g.name.front();
    if (g.name.size() > 1) f.name_aliases.assign(g.name.begin() + 1, g.name.end());
    f.start = g.start;
    f.end = g.end;
    f.place = FromNames(g.place);
    f.place.country = g.country;
  } else {
    f.type = FactType::kDateline;
    f.date = g.date;
    f.place = FromNames(g.place);
    f.place.country = g.country;
  }
  return f;
}

std::map<std::string, std::string> ReadTexts(const fs::path& dir) {
  std::map<std::string, std::string> texts;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts[e.path().stem().string()] = s.str();
  }
  return texts;
}

void CheckSelfScore(const fs::path& gold_path, const fs::path& docs) {
  auto gold = presskg::LoadGold(gold_path.string());
  REQUIRE(gold.ok());
  REQUIRE_FALSE(gold->empty());
  std::vector<Fact> pred;
  for (const GoldFact& g : *gold) pred.push_back(AsPrediction(g));
  presskg::EvalScores s = presskg::Score(*gold, pred, ReadTexts(docs));
  INFO(presskg::FormatScores(s));
  CHECK(s.micro.fn == 0);
  CHECK(s.micro.fp == 0);
  CHECK(s.micro.ignored == 0);
  CHECK(s.micro.f1() == Approx(1.0));
  for (const auto& [name, a] : s.attributes) {
    INFO(name);
    CHECK(a.correct == a.total);
  }
}

}  // namespace

TEST_CASE("gold scored against itself is perfect (dev corpus)", "[eval]") {
  fs::path dev = fs::path(PRESSKG_SHARED_DIR) / "corpus" / "dev";
  if (!fs::exists(dev / "gold.jsonl")) {
    WARN("no dev corpus at " << dev.string());
    return;
  }
  CheckSelfScore(dev / "gold.jsonl", dev / "docs");
}

TEST_CASE("gold scored against itself is perfect (samples)", "[eval]") {
  fs::path src = fs::path(PRESSKG_SOURCE_DIR);
  // The samples' gold lives outside samples/ so that `presskg extract samples` reads releases only.
  REQUIRE(fs::exists(src / "tests/integration/eval_samples_gold.jsonl"));
  CheckSelfScore(src / "tests/integration/eval_samples_gold.jsonl", src / "samples");
}
