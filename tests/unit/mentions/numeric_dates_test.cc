// Dates written in digits only (numeric_dates.cc): year first always year-month-day; year last
// resolved by a part over 12 or by the release's own word dates, else left out.
#include <catch2/catch.hpp>

#include "mention_fixture.h"

namespace numeric_dates_test {

std::string ValueOf(const presskg_test::Found& f, const std::string& surface) {
  const auto* d = f.First(presskg::MentionType::kDate, surface);
  return d == nullptr ? std::string("(none)") : std::string(d->value);
}

}  // namespace numeric_dates_test

using numeric_dates_test::ValueOf;
using presskg::MentionType;

TEST_CASE("Year-first numeric dates (portal headers)", "[mentions][dates][numeric]") {
  auto f = presskg_test::Run("发布日期：2024/11/06　来源：某市商务局。另见2023.5.8的通知。", "zh-Hans");
  CHECK(ValueOf(f, "2024/11/06") == "2024-11-06");
  CHECK(ValueOf(f, "2023.5.8") == "2023-05-08");
  // not a date: an invalid day, a path, a version
  auto n = presskg_test::Run("见 /news/2024/11/06/item 与 v2.1.2024 以及 2024/02/30。", "zh-Hans");
  CHECK(n.Of(MentionType::kDate).empty());
}

TEST_CASE("Year-last numeric dates: a part over 12 fixes the order", "[mentions][dates][numeric]") {
  auto e = presskg_test::Run("Lisbon, 23/09/2024 – The two agencies signed the letter. A second copy is dated 09/23/2024.", "en");
  CHECK(ValueOf(e, "23/09/2024") == "2024-09-23");
  CHECK(ValueOf(e, "09/23/2024") == "2024-09-23");
  auto d = presskg_test::Run("Vienna, 17.06.2025: the board met.", "en");
  CHECK(ValueOf(d, "17.06.2025") == "2025-06-17");
}

TEST_CASE("Ambiguous numeric dates follow the release's word dates, or stay unresolved", "[mentions][dates][numeric]") {
  // The release writes "9 April": day first.
  auto dm = presskg_test::Run("Oslo, 04/03/2025 – The ministers met. The next round is on 9 April 2025.", "en");
  CHECK(ValueOf(dm, "04/03/2025") == "2025-03-04");
  // The release writes "April 9": month first.
  auto md = presskg_test::Run("Denver, 04/03/2025 – The ministers met. The next round is on April 9, 2025.", "en");
  CHECK(ValueOf(md, "04/03/2025") == "2025-04-03");
  // "April 2025" names no day: no evidence either way, so the date is left out.
  auto none = presskg_test::Run("Oslo, 04/03/2025 – The ministers met. The next round is in April 2025.", "en");
  CHECK(ValueOf(none, "04/03/2025") == "(none)");
  // the same day either way is no ambiguity
  auto same = presskg_test::Run("Oslo, 05/05/2025 – The ministers met.", "en");
  CHECK(ValueOf(same, "05/05/2025") == "2025-05-05");
}
