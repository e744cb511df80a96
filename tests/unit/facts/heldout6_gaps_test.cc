// Families the sixth held-out set showed (docs/quality.md, "Held-out set 6"): a title and one name
// word beside a speech verb, the holder named after "the ROLE of PLACE,", parties named only in
// roles of places, envoys named after their posting, portfolio lists, datelines with an elided
// article or two cities or a "Published" line, a Chinese dateline's unknown city, and restated
// parties written with a country's full and short name. Texts written for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_fixture.h"
#include "facts/dateline_place.h"
#include "facts/party_forms.h"

namespace heldout6_test {

using presskg::EntityKind;
using presskg::EntityRef;
using presskg::Fact;
using presskg::FactType;
using presskg::testing::AllOfType;
using presskg::testing::ExtractText;
using presskg::testing::HasPartyNamed;
using presskg::testing::LastOfType;

const Fact* QuoteBy(const std::vector<Fact>& facts, const std::string& person) {
  for (const Fact* f : AllOfType(facts, FactType::kQuote))
    if (f->person.name.find(person) != std::string::npos) return f;
  return nullptr;
}

bool AnyPersonNamed(const std::vector<Fact>& facts, const std::string& name) {
  for (const Fact& f : facts)
    if ((f.type == FactType::kQuote || f.type == FactType::kRole) && f.person.name == name) return true;
  return false;
}

}  // namespace heldout6_test

using namespace heldout6_test;

TEST_CASE("a title and one name word beside a speech verb is the person named in full", "[facts][heldout6]") {
  const std::vector<Fact> facts = ExtractText(
      "BRISBANE — The Premier of Queensland, David Crisafulli, and the Governor of Guangdong Province, "
      "Wang Weizhong, today signed a memorandum of understanding on hydrogen exports.\n\n"
      "\"Queensland has the sun, the wind and the ports to supply clean fuel to Asia,\" said Premier "
      "Crisafulli.\n\n"
      "Governor Wang said Guangdong manufacturers would buy the first shipments of green ammonia.\n");
  const Fact* crisafulli = QuoteBy(facts, "Crisafulli");
  REQUIRE(crisafulli != nullptr);
  CHECK(crisafulli->role == "Premier");
  const Fact* wang = QuoteBy(facts, "Wang");
  REQUIRE(wang != nullptr);
  CHECK(wang->role == "Governor");
  CHECK(wang->quote.rfind("Guangdong manufacturers", 0) == 0);
  // the parties are the places of the two roles
  const Fact* ag = LastOfType(facts, FactType::kAgreement);
  REQUIRE(ag != nullptr);
  CHECK(ag->kind == "mou");
  CHECK(HasPartyNamed(*ag, "Queensland"));
  CHECK(HasPartyNamed(*ag, "Guangdong"));
}

TEST_CASE("a title and a word named nowhere else is no person", "[facts][heldout6]") {
  // "Chief Economit": a typo of the role, not a name the release gives in full anywhere
  const std::vector<Fact> facts =
      ExtractText("Rome, 2 June 2025 – FAO's Chief Economit said the harvest would be the largest in a decade.\n");
  CHECK_FALSE(AnyPersonNamed(facts, "Economit"));
}

TEST_CASE("an envoy named after the posting, a province's minister with a portfolio list", "[facts][heldout6]") {
  const std::vector<Fact> facts = ExtractText(
      "The agreement was signed in Nairobi on 3 March 2025. Ambassador to Kenya Maria Olsen attended the "
      "ceremony.\n\nJohn Hale, Ontario's Minister of Agriculture, Food and Agribusiness, also attended.\n\n"
      "Pat Reid, Ontario's Minister of Economic Development, Job Creation and Trade, welcomed the agreement.\n");
  CHECK(AnyPersonNamed(facts, "Maria Olsen"));
  CHECK(AnyPersonNamed(facts, "Pat Reid"));
  CHECK_FALSE(AnyPersonNamed(facts, "Job Creation"));
}

TEST_CASE("English datelines: an elided article, two cities, a Published line above the dateline", "[facts][heldout6]") {
  {
    const std::vector<Fact> fs = ExtractText("ABIDJAN, Côte d'Ivoire, 3 May 2025 (ILO News) – The ILO opened a training centre.\n");
    const Fact* d = LastOfType(fs, FactType::kDateline);
    REQUIRE(d != nullptr);
    CHECK(d->date == "2025-05-03");
    CHECK(d->place.name == "ABIDJAN");
  }
  {
    const std::vector<Fact> fs = ExtractText("SEATTLE and ROTTERDAM, Netherlands, March 4, 2025 /PRNewswire/ -- "
                                             "Two companies opened a joint warehouse.\n");
    const Fact* d = LastOfType(fs, FactType::kDateline);
    REQUIRE(d != nullptr);
    CHECK(d->date == "2025-03-04");
    CHECK(d->place.name == "SEATTLE");
  }
  {
    const std::vector<Fact> fs = ExtractText("WHO opens a hub\n\nPublished 12 May 2025\n\nGeneva, 12 May 2025 (WHO) – "
                                           "The World Health Organization opened a hub.\n");
    const Fact* d = LastOfType(fs, FactType::kDateline);
    REQUIRE(d != nullptr);
    CHECK(d->date == "2025-05-12");
    CHECK(d->place.name == "Geneva");
  }
  {
    const std::vector<Fact> fs = ExtractText("UK and Ghana agree a trade plan\n\nFrom: Department for Business and Trade\n"
                                           "Published 14 April 2025\n\nThe UK and Ghana agreed a plan.\n");
    const Fact* d = LastOfType(fs, FactType::kDateline);
    REQUIRE(d != nullptr);
    CHECK(d->date == "2025-04-14");
  }
}

TEST_CASE("a Chinese dateline's city after its region", "[facts][heldout6]") {
  const std::vector<Fact> fs = ExtractText("某公司在东莞投产\n\n（2025年6月3日，中国广东东莞）某公司今日宣布新工厂投产。\n");
  const Fact* d = LastOfType(fs, FactType::kDateline);
  REQUIRE(d != nullptr);
  CHECK(d->date == "2025-06-03");
  CHECK(d->place.name == "东莞");
  CHECK(d->place.country == "CN");
  CHECK(presskg::facts::CityAfterRegion("东莞") == 6);
  CHECK(presskg::facts::CityAfterRegion("东莞市南城街道办事处") == 0);  // too long to be a city
  CHECK(presskg::facts::CityAfterRegion("X1") == 0);
}

TEST_CASE("the first of two capitalised dateline cities", "[facts][heldout6]") {
  CHECK(presskg::facts::FirstOfTwoPlaces("PITTSBURGH and ROTTERDAM, Netherlands") == 10);
  CHECK(presskg::facts::FirstOfTwoPlaces("SAN FRANCISCO and LONDON") == 13);
  CHECK(presskg::facts::FirstOfTwoPlaces("Bosnia and Herzegovina") == std::string_view::npos);
  CHECK(presskg::facts::FirstOfTwoPlaces("GENEVA") == std::string_view::npos);
}

TEST_CASE("a party restated with the country's full name carries both forms", "[facts][heldout6]") {
  const std::vector<Fact> facts =
      ExtractText("华为与沙特电力公司签署合作协议\n\n（2025年5月6日，北京）华为技术有限公司今日与沙特阿拉伯电力公司签署合作协议。\n");
  const std::vector<const Fact*> ags = AllOfType(facts, FactType::kAgreement);
  REQUIRE(ags.size() == 1);
  bool both = false;
  for (const EntityRef& p : ags[0]->parties) {
    bool full = p.name.find("沙特阿拉伯电力公司") != std::string::npos, short_form = p.name == "沙特电力公司";
    for (const std::string& a : p.aliases) {
      full |= a.find("沙特阿拉伯电力公司") != std::string::npos;
      short_form |= a == "沙特电力公司";
    }
    both |= full && short_form;
  }
  CHECK(both);

  // a government is no restatement of one of its ministries
  EntityRef ministry, government;
  ministry.name = "国家发展改革委";
  government.name = "中国政府";
  presskg::facts::AddRestatedNames(government, &ministry);
  CHECK(ministry.aliases.empty());
  EntityRef body, state;
  body.name = "Malawi's Ministry of Health";
  state.name = "Government of Malawi";
  presskg::facts::AddRestatedNames(state, &body);
  CHECK(body.aliases.empty());
}

TEST_CASE("a Chinese contact line: organization, role, a space and the name", "[facts][heldout6]") {
  const std::vector<Fact> facts = ExtractText(
      "某银行宣布新任副行长\n\n北京，2025年3月2日——某银行今天宣布任命新的副行长。\n\n媒体垂询：亚洲开发银行驻华代表处 新闻官 林美玲\n");
  bool found = false;
  for (const Fact* f : AllOfType(facts, FactType::kRole)) found |= f->person.name == "林美玲" && f->role == "新闻官";
  CHECK(found);
  // the name must end the line: "新闻官 林美玲表示" is running text, read by the other rules
  CHECK_FALSE(AnyPersonNamed(ExtractText("媒体垂询：某银行 新闻官 林美玲介绍情况\n"), "林美玲介"));
}

TEST_CASE("a transliteration with 历 (亚历山大)", "[facts][heldout6]") {
  const std::vector<Fact> facts =
      ExtractText("签约仪式上，葡萄牙教育部部长费尔南多·亚历山大与中方代表签署协议。\n");
  CHECK(AnyPersonNamed(facts, "费尔南多·亚历山大"));
}
