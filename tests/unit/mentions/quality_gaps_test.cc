// Regressions for mention gaps found on unseen releases (docs/quality.md, fourth session): the
// ministry suffix 部 taking the 部 of 部长, transliterated names with 白/得/别, Japanese family
// names written in Chinese. Texts are written for these tests. Uses the public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace {

std::vector<std::string> OfType(const std::string& text, presskg::MentionType type) {
  return presskg_test::PublicMentionsOf(text, type);
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v)
    if (x == s) return true;
  return false;
}

}  // namespace

TEST_CASE("regression: the suffix 部 does not take the 部 of 部长", "[mentions][orgs][regression]") {
  using presskg::MentionType;
  auto orgs = OfType("哈萨克斯坦贸易和一体化部部长沙喀利耶夫出席了会议。", MentionType::kOrg);
  CHECK(Has(orgs, "哈萨克斯坦贸易和一体化部"));
  auto uz = OfType("乌兹别克斯坦能源部部长出席签字仪式。", MentionType::kOrg);
  CHECK(Has(uz, "乌兹别克斯坦能源部"));
  CHECK_FALSE(Has(uz, "乌兹别克斯坦能源部部"));
  CHECK(Has(OfType("乌兹别克斯坦能源部部长出席签字仪式。", MentionType::kRole), "部长"));
  // a ministry named with 部 once is still whole, and so is one whose name holds 部 twice
  CHECK(Has(OfType("哈萨克斯坦能源部与中方签署协议。", MentionType::kOrg), "哈萨克斯坦能源部"));
  CHECK(Has(OfType("老挝教育和体育部部长出席仪式。", MentionType::kOrg), "老挝教育和体育部"));
}

TEST_CASE("regression: transliterated names with 白, 得 and 别", "[mentions][people][regression]") {
  using presskg::MentionType;
  CHECK(Has(OfType("英国大使伊丽莎白·博恩出席仪式。", MentionType::kPerson), "伊丽莎白·博恩"));
  CHECK(Has(OfType("部长朱拉别克·米尔扎马赫穆多夫表示，项目进展顺利。", MentionType::kPerson), "朱拉别克·米尔扎马赫穆多夫"));
  CHECK(Has(OfType("主席彼得·施密特说，双方合作良好。", MentionType::kPerson), "彼得·施密特"));
  // the words around a name keep their 得 / 白
  auto p = OfType("双方取得彼得·施密特所说的成果。", MentionType::kPerson);
  CHECK(Has(p, "彼得·施密特"));
  CHECK_FALSE(Has(p, "得彼得·施密特"));
  auto q = OfType("会后，安娜·施密特得到了代表们的支持。", MentionType::kPerson);
  CHECK(Has(q, "安娜·施密特"));
  CHECK_FALSE(Has(q, "安娜·施密特得"));
  // no dot: 特别 is no name
  CHECK(OfType("他特别表示，合作前景广阔。", MentionType::kPerson).empty());
}

TEST_CASE("regression: Japanese family names written in Chinese", "[mentions][people][regression]") {
  using presskg::MentionType;
  CHECK(Has(OfType("藤井辉夫说，两校将扩大交流。", MentionType::kPerson), "藤井辉夫"));
  CHECK(Has(OfType("理事长石黑宪彦表示，企业期待合作。", MentionType::kPerson), "石黑宪彦"));
  // a Chinese surname inside the two characters is not taken alone (井辉夫)
  CHECK_FALSE(Has(OfType("藤井辉夫说，两校将扩大交流。", MentionType::kPerson), "井辉夫"));
}

TEST_CASE("regression: 各国代表 and 该国代表 are not people", "[mentions][people][regression]") {
  using presskg::MentionType;
  CHECK(OfType("与会各国代表表示，各方应加强合作。", MentionType::kPerson).empty());
  CHECK(OfType("该国代表说，这份协议很重要。", MentionType::kPerson).empty());
  // names whose given part is not a title stay people
  CHECK(Has(OfType("国家能源局局长王宏志表示，合作顺利。", MentionType::kPerson), "王宏志"));
  CHECK(Has(OfType("国建华说，合作取得进展。", MentionType::kPerson), "国建华"));
}

TEST_CASE("regression: English organizations that stopped too early", "[mentions][orgs][regression]") {
  using presskg::MentionType;
  auto a = OfType("Airtel Africa and Visa today announced a partnership.", MentionType::kOrg);
  CHECK(Has(a, "Airtel Africa"));
  CHECK(Has(OfType("The African Development Bank Group approved the loan.", MentionType::kOrg), "African Development Bank Group"));
  // a known organization followed by other capitalised words keeps its own name
  auto b = OfType("Airtel Money customers and UNICEF Representative Ana Ruiz met.", MentionType::kOrg);
  CHECK(Has(b, "Airtel"));
  CHECK(Has(b, "UNICEF"));
  CHECK_FALSE(Has(b, "Airtel Money"));
}

TEST_CASE("regression: an organization's of-tail does not run into an event", "[mentions][orgs][regression]") {
  using presskg::MentionType;
  auto a = OfType("Delegates met ahead of the International Federation of Surveyors Regional Conference in Accra.", MentionType::kOrg);
  CHECK_FALSE(Has(a, "International Federation of Surveyors Regional Conference"));
  CHECK(Has(OfType("The Confederation of African Football confirmed the venues.", MentionType::kOrg), "Confederation of African Football"));
  CHECK(Has(OfType("The Ministry of Trade and Industry welcomed the decision.", MentionType::kOrg), "Ministry of Trade and Industry"));
}

TEST_CASE("gazetteer: port authorities and promotion agencies as organization suffixes", "[mentions][orgs]") {
  using presskg::MentionType;
  CHECK(Has(OfType("德国汉堡港务局与宁波舟山港签署友好港协议。", MentionType::kOrg), "德国汉堡港务局"));
  CHECK(Has(OfType("韩国贸易投资振兴机构与浙江省商务厅签署备忘录。", MentionType::kOrg), "韩国贸易投资振兴机构"));
  CHECK(Has(OfType("日本国际协力机构宣布向肯尼亚提供贷款。", MentionType::kOrg), "日本国际协力机构"));
  // 机构 alone stays no suffix: a class of bodies is no organization
  CHECK(OfType("各国金融机构纷纷表示支持。", MentionType::kOrg).empty());
}

TEST_CASE("regression: a role's portfolio does not swallow the name before a speech verb", "[mentions][roles][regression]") {
  using presskg::MentionType;
  const std::string a = "\"Exports are growing,\" Minister for Trade and Tourism Lena Okafor said.";
  CHECK(Has(OfType(a, MentionType::kPerson), "Lena Okafor"));
  CHECK(Has(OfType(a, MentionType::kRole), "Minister for Trade and Tourism"));
  const std::string b = "Commissioner for International Partnerships Marta Kowalska said the fund would grow.";
  CHECK(Has(OfType(b, MentionType::kPerson), "Marta Kowalska"));
  // a portfolio alone keeps all its words
  CHECK(Has(OfType("The Minister for Climate Change Adaptation said the plan was ready.", MentionType::kRole),
            "Minister for Climate Change Adaptation"));
  CHECK(Has(OfType("The Minister of Digital Economy and Society said the plan was ready.", MentionType::kRole),
            "Minister of Digital Economy and Society"));
}

TEST_CASE("gazetteer: Latin America is a region, not the United States", "[mentions][places]") {
  using presskg::MentionType;
  CHECK(OfType("Ports in Latin America and South America will share data.", MentionType::kCountry).empty());
  CHECK(Has(OfType("Ports in Latin America will share data.", MentionType::kPlace), "Latin America"));
  CHECK(Has(OfType("The United States of America and Peru signed.", MentionType::kCountry), "United States of America"));
}

TEST_CASE("regression: 国家 opens the names of state bodies", "[mentions][orgs][regression]") {
  using presskg::MentionType;
  CHECK(Has(OfType("会议由国家标准化管理委员会主办。", MentionType::kOrg), "国家标准化管理委员会"));
  CHECK(Has(OfType("国家疾病预防控制局局长出席会议。", MentionType::kOrg), "国家疾病预防控制局"));
  CHECK(Has(OfType("中国疾病预防控制中心与世界卫生组织签署协议。", MentionType::kOrg), "中国疾病预防控制中心"));
  // not the 国家 that ends a country mention (中国 + 家电)
  CHECK_FALSE(Has(OfType("中国家电协会发布报告。", MentionType::kOrg), "国家电协会"));
}

// Sixth session: Arabic compound given names run to seven characters before the dot
// (阿卜杜勒萨拉姆·…, cut to 卜杜勒萨拉姆 before), and 立 is a transliteration character (哈立德).
TEST_CASE("long transliterated given names before the dot", "[mentions][people][regression]") {
  using presskg::MentionType;
  auto p = OfType("沙特能源部副部长阿卜杜勒阿齐兹·法赫德说，项目将在明年投产。", MentionType::kPerson);
  CHECK(Has(p, "阿卜杜勒阿齐兹·法赫德"));
  auto q = OfType("约旦投资部长哈立德·瓦齐尼表示，双方将扩大合作。", MentionType::kPerson);
  CHECK(Has(q, "哈立德·瓦齐尼"));
  // 立 still opens no name where no dot follows: 成立 is a word
  CHECK(OfType("双方同意成立联合工作组。", MentionType::kPerson).empty());
}
