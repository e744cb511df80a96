#include <catch2/catch.hpp>

#include "mention_fixture.h"
#include "presskg/mention.h"

namespace {

struct DateCase {
  const char* text;
  const char* anchor;
  const char* start;
  const char* end;
};

}  // namespace

TEST_CASE("NormalizeDate: Chinese and English forms, ranges, missing years", "[mentions][dates]") {
  const DateCase cases[] = {
      {"2013年5月16日", "", "2013-05-16", ""},
      {"2013年5月13-17日", "", "2013-05-13", "2013-05-17"},
      {"2013年5月13日至17日", "", "2013-05-13", "2013-05-17"},
      {"2013年5月30日至6月2日", "", "2013-05-30", "2013-06-02"},
      {"9 月 9-11 日", "2013-05-16", "2013-09-09", "2013-09-11"},
      {"5月", "2019-11-02", "2019-05", ""},
      {"二〇一三年", "", "2013", ""},
      {"二〇一五年六月七日", "", "2015-06-07", ""},
      {"2013年", "", "2013", ""},
      {"2010-2012年", "", "2010", "2012"},
      {"16 May 2013", "", "2013-05-16", ""},
      {"13-17 May 2013", "", "2013-05-13", "2013-05-17"},
      {"13 to 17 May", "2013-01-02", "2013-05-13", "2013-05-17"},
      {"May 13–17", "2013-01-02", "2013-05-13", "2013-05-17"},
      {"May 13, 2013", "", "2013-05-13", ""},
      {"October 2, 2008", "", "2008-10-02", ""},
      {"9–11 September", "2013-05-16", "2013-09-09", "2013-09-11"},
      {"September 2013", "", "2013-09", ""},
      {"2013", "", "2013", ""},
      {"28 December - 3 January", "2013-05-16", "2013-12-28", "2014-01-03"},
      {"30 May - 2 June 2016", "", "2016-05-30", "2016-06-02"},
      {"2016-02-08", "", "2016-02-08", ""},
  };
  for (const DateCase& c : cases) {
    INFO(c.text);
    std::string start, end;
    REQUIRE(presskg::NormalizeDate(c.text, c.anchor, &start, &end));
    CHECK(start == c.start);
    CHECK(end == c.end);
  }
}

TEST_CASE("NormalizeDate rejects what is not a date", "[mentions][dates]") {
  const char* bad[] = {"5月", "31 February 2013", "2013年13月", "1000", "3000年", "May", "hello", "12345"};
  for (const char* b : bad) {
    INFO(b);
    std::string start, end;
    CHECK_FALSE(presskg::NormalizeDate(b, "", &start, &end));
  }
}

TEST_CASE("Date mentions in sentences", "[mentions][dates]") {
  using presskg::MentionType;
  auto f = presskg_test::Run("论坛于2013年5月13-17日在日内瓦举行，9 月 9-11 日将召开青年论坛。");
  auto ds = f.Of(MentionType::kDate);
  REQUIRE(ds.size() == 2);
  const auto* d = f.First(MentionType::kDate, "9 月 9-11 日");
  REQUIRE(d != nullptr);
  CHECK(d->value == "2013-09-09");
  CHECK(d->value_end == "2013-09-11");

  auto e = presskg_test::Run("The Forum, held from 13 to 17 May 2013, drew 1500 participants in 2012 and 2,013 guests.", "en");
  auto es = e.Of(MentionType::kDate);
  REQUIRE(es.size() == 2);
  CHECK(es[0] == "13 to 17 May 2013");
  CHECK(es[1] == "2012");
  // numbers that are not years in year context are not dates
  auto n = presskg_test::Run("More than 1500 participants and 2013 delegates attended; 6个月内完成。", "en");
  CHECK(n.Of(MentionType::kDate).empty());
}

TEST_CASE("Without a release date the first stated year anchors year-less dates", "[mentions][dates]") {
  using presskg::MentionType;
  auto f = presskg_test::Run("本报讯 11月2日电 东盟峰会于2019年11月2日举行，下届峰会定于6月举行，2034年再议。", "zh-Hans", "");
  const auto* d = f.First(MentionType::kDate, "11月2日");
  REQUIRE(d != nullptr);
  CHECK(d->value == "2019-11-02");
  const auto* j = f.First(MentionType::kDate, "6月");
  REQUIRE(j != nullptr);
  CHECK(j->value == "2019-06");
  // with no dated month anywhere (a bare year does not count), year-less dates are not dates
  auto n = presskg_test::Run("峰会定于6月举行，2034年再议。", "zh-Hans", "");
  CHECK(n.Of(MentionType::kDate) == std::vector<std::string>{"2034年"});
}

// Gap "upper-case months": government portals print the month in capitals ("18 NOV 2024",
// "9 JULY 2024"); a capitalised word that is no month stays no date.
TEST_CASE("Upper-case months are dates", "[mentions][dates]") {
  using presskg::MentionType;
  auto e = presskg_test::Run("Posted On: 18 NOV 2024 6:15PM by the ministry. Talks ran from 11 to 14 JULY 2024 in Lima.", "en");
  auto es = e.Of(MentionType::kDate);
  REQUIRE(es.size() == 2);
  CHECK(es[0] == "18 NOV 2024");
  CHECK(es[1] == "11 to 14 JULY 2024");
  const auto* d = e.First(MentionType::kDate, "11 to 14 JULY 2024");
  REQUIRE(d != nullptr);
  CHECK(d->value == "2024-07-11");
  CHECK(d->value_end == "2024-07-14");
  std::string start, end;
  REQUIRE(presskg::NormalizeDate("SEPT. 3, 2025", "", &start, &end));
  CHECK(start == "2025-09-03");
  auto n = presskg_test::Run("THE 18 NOVICES MET 2024 TIMES.", "en");
  CHECK(n.Of(MentionType::kDate) == std::vector<std::string>{});
}
