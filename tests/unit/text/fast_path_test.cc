// Fast paths of text preparation checked against their references: language detection by letter
// bit masks against the character loop, the view's line ends (FindParagraphs relies on LF being
// the only one), and the dateline pre-filters (a paragraph they pass over must have no dateline
// the regexes would find). Texts are generated for these tests.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "presskg/text.h"
#include "text/internal.h"
#include "text/normalize.h"

namespace {

// Random texts from pieces chosen to hit word, block and script edges.
std::string RandomText(std::mt19937& rng, const std::vector<std::string>& pieces, std::size_t count) {
  std::string s;
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  for (std::size_t k = 0; k < count; ++k) s += pieces[pick(rng)];
  return s;
}

const std::vector<std::string> kLanguagePieces = {
    "the ", "and ", "of ", "to ", "in ", "is ", "for ", "with ", "that ", "on ", "by ", "said ", "will ", "has ",
    "le ", "les ", "des ", "et ", "est ", "une ", "du ", "pour ", "dans ", "el ", "los ", "las ", "del ", "y ",
    "que ", "por ", "con ", "para ", "una ", "se ", "THE ", "The ", "And", "company ", "announced ", "a ", "I ",
    "agreement", "cooperation ", "x", "ab", "abcd", "abcde", "supercalifragilistic ", ".", ", ", "; ", "\n", "\n\n",
    "2024 ", "3.5% ", "(", ")", "-", "'", "\"", "\t", "  ", "é", "été ", "Zürich ", "naïve", "“", "”", "—", "’s ",
    "合作", "国际电联", "們", "發展", "ひらがな", "カタカナ", "한국어", "Москва ", "القاهرة ", "Ελλάδα ", "\xF0\x9F\x98\x80",
    "\xF0\xA0\x80\x80", "\xFF", "\xE4\xB8", "\xC3"};

}  // namespace

TEST_CASE("language detection: letter bit masks give the character loop's answer", "[text][language]") {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 3000; ++round) {
    // Mostly English with some of everything; lengths around the 64-byte blocks, the 400-word
    // limit and the 8 KB sample.
    const std::size_t count = std::uniform_int_distribution<std::size_t>(0, round % 3 == 0 ? 3000 : 700)(rng);
    std::string text = RandomText(rng, kLanguagePieces, count);
    if (round % 4 == 0) {
      // Long English stretches: whole blocks without a non-ASCII byte.
      std::string english;
      while (english.size() < text.size()) english += kLanguagePieces[round % 36];
      text = english.substr(0, text.size() / 2) + text;
    }
    INFO("round " << round << ", text: " << text.substr(0, 200));
    REQUIRE(presskg::text::DetectLanguage(text) == presskg::text::DetectLanguageScalar(text));
  }
}

TEST_CASE("language detection: the 400th word ends where the character loop stops", "[text][language]") {
  // Exactly enough words, the last one ending at every offset of a block.
  for (std::size_t pad = 0; pad < 70; ++pad) {
    std::string text(pad, ' ');
    for (int w = 0; w < 399; ++w) text += w % 3 ? "the " : "cooperation ";
    text += "abc";
    text += std::string(pad % 7, ' ');
    text += "é und le la les des et est une";  // after the limit: must not count
    REQUIRE(presskg::text::DetectLanguage(text) == presskg::text::DetectLanguageScalar(text));
  }
}

TEST_CASE("the normalised view ends its lines with LF only", "[text][view]") {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"第一段。", "Line one.", "\r\n", "\r", "\n", "\xC2\x85", "\xE2\x80\xA8",
                                           "\xE2\x80\xA9", "\r\xCC\x81", "\xC2\x85\xCC\x81", "\xE2\x80\xA8\xCC\x88",
                                           " ", "\xE3\x80\x80", "e\xCC\x81", "國際", "\xEF\xBC\x8C", "\xFF", "a"};
  for (int round = 0; round < 500; ++round) {
    presskg::Document doc;
    doc.text = RandomText(rng, pieces, 60);
    auto t = presskg::PrepareText(doc);
    REQUIRE(t.ok());
    const std::string& v = t->normalized();
    INFO("text: " << doc.text);
    REQUIRE(v.find('\r') == std::string::npos);
    REQUIRE(v.find("\xC2\x85") == std::string::npos);
    REQUIRE(v.find("\xE2\x80\xA8") == std::string::npos);
    REQUIRE(v.find("\xE2\x80\xA9") == std::string::npos);
  }
}

TEST_CASE("datelines the pre-filters must still let through", "[text][dateline]") {
  struct Case {
    const char* text;
    const char* place;
  };
  const Case cases[] = {
      {"Geneva, 16 May 2013 – The agency said today.\n", "Geneva"},
      {"NEW DELHI, 16 May (Xinhua) -- Officials met.\n", "NEW DELHI"},
      {"Washington, D.C., March 5, 2020 /PRNewswire/ -- A firm said.\n", "Washington, D.C."},
      {"London, UK – 12 March 2019: The group said.\n", "London, UK"},
      {"LONDON (3 June 2025) – The group said.\n", "LONDON"},
      {"3 June 2025, Geneva – The group said.\n", "Geneva"},
      {"Monday, 3 June 2025, Geneva – The group said.\n", "Geneva"},
      {"Stratford upon Avon, 4 July 2021 – The fair opened.\n", "Stratford upon Avon"},
      {"新华社北京5月3日电 记者报道。\n", "北京"},
      {"中新社曼谷11月2日 电(记者)东盟和国际足联签署备忘录。\n", "曼谷"},
      {"[中国,深圳,2023年11月21日]某公司在深圳签署合作协议。\n", "深圳"},
  };
  for (const Case& c : cases) {
    presskg::Document doc;
    doc.text = std::string("Title of the release\n\n") + c.text + "More text follows here.\n";
    auto t = presskg::PrepareText(doc);
    REQUIRE(t.ok());
    const presskg::DatelineSpan& d = t->dateline();
    INFO("text: " << c.text);
    REQUIRE(d.found);
    REQUIRE(t->normalized().substr(d.place_begin, d.place_end - d.place_begin) == c.place);
  }
  // Paragraphs the English pre-filter passes over: a lower-case word before the first digit.
  for (const char* text : {"The company said on 16 May 2013 – it grew.\n", "Results for March 5, 2020 – up.\n"}) {
    presskg::Document doc;
    doc.text = text;
    auto t = presskg::PrepareText(doc);
    REQUIRE(t.ok());
    REQUIRE_FALSE(t->dateline().found);
  }
}

// Start-up: the Hant→Hans table is compiled from the rules in ICU's translit data instead of
// through ICU's transliterator registry; both must give the same table.
TEST_CASE("Hant-Hans table from ICU's rules equals the registered transliterator's") {
  const auto fast = presskg::text::HantToHansPairs(/*from_registry=*/false);
  const auto registry = presskg::text::HantToHansPairs(/*from_registry=*/true);
  REQUIRE(registry.size() > 1000);
  CHECK(fast.size() == registry.size());
  CHECK(fast == registry);
  CHECK(fast.at(U'國') == U'国');
  CHECK(fast.at(U'與') == U'与');
}
