#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "presskg/mention.h"

namespace fs = std::filesystem;

TEST_CASE("Gazetteer errors name the file and the line", "[mentions][load]") {
  fs::path src = fs::path(PRESSKG_SOURCE_DIR) / "extractor" / "gazetteers";
  fs::path dir = fs::temp_directory_path() / ("presskg-gaz-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(src)) fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
  {
    std::ofstream out(dir / "organizations.tsv", std::ios::app);
    out << "broken-entry\tQ1\n";  // 2 columns where 4 are needed
  }
  std::size_t lines = 0;
  {
    std::ifstream in(dir / "organizations.tsv");
    std::string l;
    while (std::getline(in, l)) ++lines;
  }
  auto f = presskg::MentionFinder::Load(presskg::MentionOptions{dir.string()});
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().code() == presskg::StatusCode::kParseError);
  CHECK(f.status().where().file == (dir / "organizations.tsv").string());
  CHECK(f.status().where().line == static_cast<int>(lines));

  auto missing = presskg::MentionFinder::Load(presskg::MentionOptions{(dir / "nowhere").string()});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == presskg::StatusCode::kNotFound);
  fs::remove_all(dir);

  auto good = presskg::MentionFinder::Load(presskg::MentionOptions{});
  CHECK(good.ok());
}

TEST_CASE("MentionTypeName gives the rule macro names", "[mentions]") {
  CHECK(std::string(presskg::MentionTypeName(presskg::MentionType::kOrg)) == "ORG");
  CHECK(std::string(presskg::MentionTypeName(presskg::MentionType::kQuote)) == "QUOTE");
}
