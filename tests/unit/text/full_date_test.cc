// FirstFullDateYear must find exactly what the regular expression of its contract (presskg/text.h)
// finds with RE2, leftmost first: on written cases and on many random texts built from the
// pieces the patterns are made of (digits, white space, 年月日, month names, suffixes, commas).
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "presskg/text.h"

namespace {

// The contract's expression, as RE2 runs it (ReleaseAnchor used it before the anchor scan).
std::string ReferenceYear(std::string_view text) {
  static const RE2 kFullDate(
      "((?:19|20)\\d\\d)\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日"
      "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:January|February|March|April|May|June|July|August|September|October|November|December),?\\s+((?:19|20)\\d\\d)\\b"
      "|\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b");
  re2::StringPiece in(text.data(), text.size());
  std::string a, b, c;
  if (RE2::PartialMatch(in, kFullDate, &a, &b, &c)) return !a.empty() ? a : !b.empty() ? b : c;
  return std::string();
}

// Returns whether a date was found.
bool SameAsRe2(const std::string& text) {
  INFO("text: " << text);
  std::string_view got = presskg::FirstFullDateYear(text);
  REQUIRE(std::string(got) == ReferenceYear(text));
  if (!got.empty()) {  // a view into the text
    REQUIRE(got.data() >= text.data());
    REQUIRE(got.data() + got.size() <= text.data() + text.size());
  }
  return !got.empty();
}

}  // namespace

TEST_CASE("full date year: written cases", "[text][dates]") {
  CHECK(presskg::FirstFullDateYear("会议于2019年5月3日在日内瓦举行。") == "2019");
  CHECK(presskg::FirstFullDateYear("2034年世界杯将于6月举行") == "");
  CHECK(presskg::FirstFullDateYear("The forum opened on 3rd May, 2021 in Geneva.") == "2021");
  CHECK(presskg::FirstFullDateYear("Signed on December 31st,  1999.") == "1999");
  CHECK(presskg::FirstFullDateYear("Mayday 3, 2019; May 3, 20191; 123 May 2019") == "");
  // Leftmost first, whichever form.
  CHECK(presskg::FirstFullDateYear("2020年 1 月 2 日 and 4 June 2019") == "2020");
  CHECK(presskg::FirstFullDateYear("4 June 2019 and 2020年1月2日") == "2019");
  const std::vector<std::string> texts = {
      "", "年", "2019年", "2019年5月", "2019年5月3", "2019年5月3日", "12019年5月3日", "20195年5月3日",
      "2019 \t年\n5\r月\f3 日", "2019\v年5月3日", "2019年123月3日", "2019年5月123日", "1899年5月3日",
      "２０１９年５月３日", "3 May 2019", "3 may 2019", "x3 May 2019", "_3 May 2019", "33 May 2019",
      "333 May 2019", "3rd May 2019", "3th May 2019", "3 st May 2019", "3 May, 2019", "3 May ,2019",
      "3 May 2019x", "3 May 2019_", "3 May 20191", "3 May 2019年", "May 3 2019", "May 3rd, 2019",
      "May 3rd,2019", "May 3 , 2019", "XMay 3, 2019", "年May 3, 2019", "(May 3, 2019)", "May 333, 2019",
      "May\n3,\n2019", "3\nSeptember\n1999", "September", "3 Sept 2019", "June 31st 2099 July 4th 2000",
      "4 June 2019", "4 June  2019", "4\tJune\t2019", "1 January 1900",
      "Jan 1, 2019 and March", "2019年5月3日 May 4, 2020", "March 1, 1999年5月3日"};
  for (const std::string& t : texts) SameAsRe2(t);
}

TEST_CASE("full date year: random texts equal RE2", "[text][dates]") {
  const std::vector<std::string> pieces = {
      "1", "2", "3", "9", "0", "19", "20", "12", "2019", "1999", "2099", "1899", " ", "  ", "\t", "\n", "\r", "\f",
      "\v", ",", ".", "_", "x", "a", "Z", "年", "月", "日", "号", "st", "nd", "rd", "th", "January", "February",
      "March", "May", "June", "July", "August", "September", "October", "November", "December", "Ma", "may",
      "Mayday", "Sept", "国", "，", "２", "\xE5", "\xE5\xB9", "\xB4"};
  // Texts of a few pieces, and texts with a date form laid out piece by piece (so that many hold
  // full dates and near misses).
  const std::vector<std::vector<std::string>> forms = {
      {"2019", "1999", "19", "2", "12019"}, {"", " ", "\n", "\v"}, {"年", "月"}, {"", " ", "\t"}, {"5", "12", "123", ""},
      {"", "  "}, {"月", "日"}, {" ", ""}, {"3", "31", "x"}, {"", "\r"}, {"日", "号", "日电"}};
  const std::vector<std::vector<std::string>> en_forms = {
      {"", "x", "_", "(", " ", "1"}, {"3", "31", "123", "May", "December"}, {"", "st", "th", "nd"},
      {" ", "  ", "", "\n", ","}, {"May", "June", "3", "Sept", "mayday"}, {"", ","}, {" ", "", "\f"},
      {"2019", "1999", "20191", "219", "3"}, {"", "x", "年", " ", "_"}};
  std::mt19937 rng(20261124);
  int found = 0;
  for (int k = 0; k < 200000; ++k) {
    std::string t;
    const int n = 1 + static_cast<int>(rng() % 14);
    for (int j = 0; j < n; ++j) {
      if (rng() % 8 == 0) {
        for (const auto& slot : (rng() % 2 ? forms : en_forms)) t += slot[rng() % slot.size()];
      } else {
        t += pieces[rng() % pieces.size()];
      }
    }
    found += SameAsRe2(t);
  }
  CHECK(found > 1000);  // ~3000 with this seed
}
