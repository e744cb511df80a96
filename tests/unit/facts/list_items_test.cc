// Agreements listed under one lead (facts/bullets.cc and the rules *.agreement.list-item): each
// item names only the other party; the first party is the organization the list's introduction
// opens with (or the lead paragraph's, when the introduction names none).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_fixture.h"

using namespace presskg;
using presskg::testing::ExtractText;

namespace list_items_test {

std::vector<const Fact*> Agreements(const std::vector<Fact>& fs) { return presskg::testing::AllOfType(fs, FactType::kAgreement); }

bool Has(const Fact& f, const std::string& name) { return presskg::testing::HasPartyNamed(f, name); }

int WithBoth(const std::vector<const Fact*>& as, const std::string& a, const std::string& b) {
  int n = 0;
  for (const Fact* f : as) n += Has(*f, a) && Has(*f, b);
  return n;
}

}  // namespace list_items_test

using namespace list_items_test;

TEST_CASE("Chinese list of signed documents under a lead with the signing organization") {
  std::vector<Fact> fs = ExtractText(
      "国家开发银行在内罗毕签署多项合作文件\n\n"
      "2024年5月20日，国家开发银行代表团在内罗毕与当地机构签署了多项合作文件，涉及交通和农业领域。签署的文件有：\n"
      "一、与肯尼亚财政部签署港口改扩建项目贷款协议；\n"
      "二、与肯尼亚商业银行签署中小企业转贷款合作备忘录。\n\n"
      "代表团还参观了蒙内铁路内罗毕南站。\n");
  auto as = Agreements(fs);
  CHECK(WithBoth(as, "国家开发银行", "肯尼亚财政部") == 1);
  CHECK(WithBoth(as, "国家开发银行", "肯尼亚商业银行") == 1);
  for (const Fact* f : as)
    if (Has(*f, "肯尼亚商业银行")) {
      CHECK(f->kind == "mou");
      CHECK(f->date == "2024-05-20");
    }
}

TEST_CASE("English bulleted agreements whose introduction names no party take the lead's") {
  std::vector<Fact> fs = ExtractText(
      "Bank signs three deals in Lusaka\n\n"
      "LUSAKA, 12 March 2025 - The African Development Bank signed three agreements in Lusaka today "
      "during the visit of its President.\n\n"
      "The agreements signed are:\n"
      "- a loan agreement with the Ministry of Finance of Zambia for a solar irrigation programme;\n"
      "- a Memorandum of Understanding with UNICEF on school meals;\n"
      "- a grant agreement with the World Food Programme for drought relief.\n");
  auto as = Agreements(fs);
  CHECK(WithBoth(as, "African Development Bank", "UNICEF") == 1);
  CHECK(WithBoth(as, "African Development Bank", "World Food Programme") == 1);
}

TEST_CASE("A dashed line without a colon-ended introduction states no agreement") {
  std::vector<Fact> fs = ExtractText(
      "Bank annual meeting ends\n\n"
      "The African Development Bank closed its annual meeting in Lusaka on Friday.\n"
      "- a loan agreement with the Ministry of Finance of Zambia was discussed at length;\n");
  CHECK(Agreements(fs).empty());
}
