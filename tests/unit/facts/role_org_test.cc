// The organization inside a role's words (role_org.cc), and through the pipeline: a quote's
// organization when the role text holds it after a verb, or without the country it was named with.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "extract_fixture.h"
#include "facts/builder.h"

using namespace presskg;

TEST_CASE("SplitOrgInsideRole") {
  std::vector<std::pair<std::string_view, std::size_t>> forms = {
      {"斯里兰卡", 0}, {"斯里兰卡贸易投资部", 1}, {"印度尼西亚海洋投资统筹部", 2}, {"Solvaro Energy", 3}};
  auto a = facts::SplitOrgInsideRole("会见斯里兰卡贸易投资部部长", forms);
  CHECK(a.form == 1);
  CHECK(a.role == "部长");
  // the organization's name without its country in front
  auto b = facts::SplitOrgInsideRole("海洋投资统筹部副部长", forms);
  CHECK(b.form == 2);
  CHECK(b.role == "副部长");
  auto c = facts::SplitOrgInsideRole("Chief Financial Officer of Solvaro Energy", forms);
  CHECK(c.form == 3);
  CHECK(c.role == "Chief Financial Officer");
  // a portfolio is no organization; a role without one stays as it is
  CHECK(facts::SplitOrgInsideRole("Minister of Agriculture", forms).form == static_cast<std::size_t>(-1));
  CHECK(facts::SplitOrgInsideRole("部长", forms).form == static_cast<std::size_t>(-1));
}

TEST_CASE("a quote's organization named without its country inside the role") {
  std::vector<Fact> fs = presskg::testing::ExtractText(
      "印尼企业与中国企业签署协议\n\n"
      "3月2日，中国港湾与印度尼西亚海洋投资统筹部签署了港口合作协议。\n\n"
      "海洋投资统筹部副部长苏里亚迪说，项目将带动当地就业。\n");
  const Fact* q = presskg::testing::LastOfType(fs, FactType::kQuote);
  REQUIRE(q != nullptr);
  CHECK(q->role == "副部长");
  CHECK(q->org.name.find("海洋投资统筹部") != std::string::npos);
}

// "Minister Delegate for X and Y," is a role with its portfolio: Y is no person speaking.
TEST_CASE("a delegate minister's portfolio is no speaker") {
  std::vector<Fact> fs = presskg::testing::ExtractText(
      "Reform plan presented\n\n"
      "Karim Haddad, Minister Delegate for Budget and Public Accounts, said the reform would cut waiting times.\n");
  const Fact* q = presskg::testing::LastOfType(fs, FactType::kQuote);
  REQUIRE(q != nullptr);
  CHECK(q->person.name.find("Karim Haddad") != std::string::npos);
}
