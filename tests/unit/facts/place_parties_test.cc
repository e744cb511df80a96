// Provinces and states as parties (rules *.agreement.places*, place_parties) and restatements of a
// party with and without the state's long form (party_forms.cc). Texts written for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_fixture.h"
#include "facts/builder.h"

using namespace presskg;
using presskg::testing::ExtractText;

namespace place_parties_test {

std::vector<const Fact*> Agreements(const std::vector<Fact>& fs) { return presskg::testing::AllOfType(fs, FactType::kAgreement); }

bool Has(const Fact& f, const std::string& name) { return presskg::testing::HasPartyNamed(f, name); }

}  // namespace place_parties_test

using namespace place_parties_test;

TEST_CASE("two provinces that sign are the parties, as organizations") {
  std::vector<Fact> fs = ExtractText("海南省与印度尼西亚巴厘省在海口签署了旅游合作备忘录。\n");
  auto as = Agreements(fs);
  REQUIRE(as.size() == 1);
  CHECK(Has(*as[0], "海南省"));
  CHECK(Has(*as[0], "巴厘省"));
  CHECK(as[0]->kind == "mou");
  for (const EntityRef& p : as[0]->parties) CHECK(p.kind == EntityKind::kOrganization);
}

TEST_CASE("English provinces and states that sign are the parties") {
  std::vector<Fact> fs = ExtractText(
      "Alberta and Gyeonggi Province signed a memorandum of understanding on hydrogen research in Edmonton.\n");
  auto as = Agreements(fs);
  REQUIRE(as.size() == 1);
  CHECK(Has(*as[0], "Alberta"));
  CHECK(Has(*as[0], "Gyeonggi"));
}

TEST_CASE("the place where the signing happened is no party") {
  std::vector<Fact> fs = ExtractText("代表团在海南省与印度尼西亚巴厘省的企业签署了旅游合作协议。\n");
  for (const Fact* f : Agreements(fs)) CHECK_FALSE(Has(*f, "海南省"));
}

TEST_CASE("a headline and a body naming a province with and without the long form give one agreement") {
  std::vector<Fact> fs = ExtractText(
      "湖北省与越南广宁省签署友好省关系协议\n\n"
      "11月5日，湖北省人民政府与越南社会主义共和国广宁省人民政府在武汉签署建立友好省关系协议书。\n");
  CHECK(Agreements(fs).size() == 1);
}

TEST_CASE("SameWithoutLongForms") {
  CHECK(facts::SameWithoutLongForms("老挝琅勃拉邦省", "老挝人民民主共和国琅勃拉邦省人民政府"));
  CHECK(facts::SameWithoutLongForms("商务部", "中华人民共和国商务部"));
  CHECK_FALSE(facts::SameWithoutLongForms("中国政府", "中华人民共和国商务部"));
  CHECK_FALSE(facts::SameWithoutLongForms("国政府", "中国人民政府"));
}
