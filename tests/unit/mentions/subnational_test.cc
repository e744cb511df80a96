// Provinces and states named after their country in Chinese (subnational.cc): one PLACE in that
// country. Texts written for these tests; public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace subnational_test {

std::vector<std::string> Places(const std::string& text) {
  return presskg_test::PublicMentionsOf(text, presskg::MentionType::kPlace);
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v)
    if (x == s) return true;
  return false;
}

}  // namespace subnational_test

using subnational_test::Has;
using subnational_test::Places;

TEST_CASE("a province or state after its country is one place", "[mentions][places]") {
  CHECK(Has(Places("四川省与泰国清莱府和越南广宁省签署了合作文件。"), "越南广宁省"));
  CHECK(Has(Places("代表团访问了乌兹别克斯坦撒马尔罕州。"), "乌兹别克斯坦撒马尔罕州"));
  CHECK(Has(Places("柬埔寨王国暹粒省的学校将获得援助。"), "柬埔寨王国暹粒省"));
}

TEST_CASE("its government is one organization", "[mentions][orgs]") {
  auto orgs = presskg_test::PublicMentionsOf("湖北省人民政府与越南社会主义共和国广宁省人民政府签署协议。",
                                             presskg::MentionType::kOrg);
  bool found = false;
  for (const std::string& o : orgs) found |= o.find("广宁省人民政府") != std::string::npos && o.find("越南") == 0;
  CHECK(found);
}

TEST_CASE("words after a country that are no province stay apart", "[mentions][places]") {
  CHECK_FALSE(Has(Places("老挝和泰国签署了协议。"), "老挝和泰国"));
  CHECK(Places("老挝北部省份的农户将受益。").empty());
  CHECK(Places("中国高铁通道建设进展顺利。").empty());
}
