// The backward walk of Chinese organization suffixes (suffix_walk.cc and its hooks in cascade.cc):
// it stops at 到 and at a quantifier + 国, and a branch named by its city keeps its parent
// (香港大学深圳医院 is one body). Texts written for these tests; public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace suffix_walk_test {

std::vector<std::string> Orgs(const std::string& text) {
  return presskg_test::PublicMentionsOf(text, presskg::MentionType::kOrg);
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v)
    if (x == s) return true;
  return false;
}

}  // namespace suffix_walk_test

using suffix_walk_test::Has;
using suffix_walk_test::Orgs;

TEST_CASE("the suffix walk stops at 到", "[mentions][orgs]") {
  auto o = Orgs("每年将有30名护士到湘雅医院进修。");
  CHECK(Has(o, "湘雅医院"));
  CHECK_FALSE(Has(o, "士到湘雅医院"));
}

TEST_CASE("a quantifier with 国 names no body", "[mentions][orgs]") {
  auto o = Orgs("两国法院将加强司法协助，各国商会也派员参加。");
  CHECK_FALSE(Has(o, "两国法院"));
  CHECK_FALSE(Has(o, "各国商会"));
}

TEST_CASE("a branch named by its city keeps its parent organization", "[mentions][orgs]") {
  CHECK(Has(Orgs("浙江大学附属第一医院与北京大学深圳医院签署了合作协议。"), "北京大学深圳医院"));
  CHECK(Has(Orgs("世界银行北京代表处首席代表表示，项目进展顺利。"), "世界银行北京代表处"));
  // a place alone before the suffix stays a body of that place
  CHECK(Has(Orgs("双方将共建杭州医院。"), "杭州医院"));
}
