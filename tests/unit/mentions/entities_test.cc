#include <catch2/catch.hpp>

#include "mention_fixture.h"
#include "presskg/mention.h"

using presskg::MentionType;
using presskg_test::Run;

TEST_CASE("Countries from CLDR names and short forms, with word boundaries", "[mentions][countries]") {
  struct Case {
    const char* text;
    const char* lang;
    const char* surface;
    const char* code;
  };
  const Case cases[] = {
      {"代表团来自加纳和冈比亚。", "zh-Hans", "冈比亚", "GM"},
      {"代表团来自迦納。", "zh-Hant", "迦纳", "GH"},  // zh_Hant name, folded to simplified
      {"中方愿与各方合作。", "zh-Hans", "中方", "CN"},
      {"The delegation of Ghana arrived.", "en", "Ghana", "GH"},
      {"Talks between the UK and the US ended.", "en", "UK", "GB"},
      {"Leaders from the Gambia met.", "en", "the Gambia", "GM"},
      {"GENEVA AND GHANA", "en", "GHANA", "GH"},
      {"La délégation de la Chine est arrivée.", "fr", "Chine", "CN"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto f = Run(c.text, c.lang);
    const auto* m = f.First(MentionType::kCountry, c.surface);
    REQUIRE(m != nullptr);
    CHECK(m->key == c.code);
  }
  // negatives: lower-case words, words inside words, French names in English text
  const Case neg[] = {
      {"a hanging chad on the ballot", "en", "chad", ""},
      {"The Chadian delegation", "en", "Chad", ""},
      {"Maurice Dupont spoke.", "en", "Maurice", ""},
  };
  for (const Case& c : neg) {
    INFO(c.text);
    auto f = Run(c.text, c.lang);
    CHECK(f.Of(MentionType::kCountry).empty());
  }
}

TEST_CASE("Places from the gazetteer and country + city compounds", "[mentions][places]") {
  auto f = Run("青年论坛将在哥斯达黎加圣何塞召开，上届在韩国釜山举行。");
  const auto* p = f.First(MentionType::kPlace, "哥斯达黎加圣何塞");
  REQUIRE(p != nullptr);
  CHECK(p->country == "CR");
  const auto* b = f.First(MentionType::kPlace, "韩国釜山");
  REQUIRE(b != nullptr);
  CHECK(b->country == "KR");
  auto e = Run("Geneva, 13 May 2013 – Delegates met in New Delhi and Nairobi.", "en");
  CHECK(e.Of(MentionType::kPlace) == std::vector<std::string>{"Geneva", "New Delhi", "Nairobi"});
  CHECK(e.First(MentionType::kPlace, "Nairobi")->country == "KE");  // from CLDR or the file
}

TEST_CASE("Organizations: gazetteer, ministries, companies, acronyms", "[mentions][orgs]") {
  auto f = Run("加纳通信部与国际电联签署协议，华为技术有限公司和赛门铁克（Symantec）公司参加。");
  auto orgs = f.Of(MentionType::kOrg);
  CHECK(orgs == std::vector<std::string>{"加纳通信部", "国际电联", "华为技术有限公司", "赛门铁克(Symantec)公司"});
  CHECK(f.First(MentionType::kOrg, "加纳通信部")->country == "GH");
  CHECK(f.First(MentionType::kOrg, "国际电联")->key == "itu");

  auto g = Run("中华人民共和国商务部与联合国开发计划署合作，山东省人民政府与中国政府出席。");
  CHECK(g.Of(MentionType::kOrg) ==
        std::vector<std::string>{"中华人民共和国商务部", "联合国开发计划署", "山东省人民政府", "中国政府"});
  // negatives: a pronoun + suffix is not a name, nor "各国政府"
  auto n = Run("该公司表示，各国政府应加强合作。");
  CHECK(n.Of(MentionType::kOrg).empty());

  auto e = Run("The Ministry of Communications of Ghana signed with ITU. The XPRIZE Foundation and the "
               "Commonwealth Telecommunications Organisation (CTO) joined. CTO will host the meeting.",
               "en");
  auto eo = e.Of(MentionType::kOrg);
  REQUIRE(eo.size() == 5);
  CHECK(eo[0] == "Ministry of Communications of Ghana");
  CHECK(eo[1] == "ITU");
  CHECK(eo[2] == "XPRIZE Foundation");
  CHECK(eo[3] == "Commonwealth Telecommunications Organisation (CTO)");
  const auto& cto = e.ms.back();
  CHECK(e.norm().substr(cto.begin, cto.end - cto.begin) == "CTO");
  CHECK(cto.full == "Commonwealth Telecommunications Organisation");
  auto u = Run("The UAE Ministry of Economy and the US Department of Commerce signed.", "en");
  auto uo = u.Of(MentionType::kOrg);
  REQUIRE(uo.size() == 2);
  CHECK(uo[0] == "UAE Ministry of Economy");
  CHECK(u.First(MentionType::kOrg, "UAE Ministry of Economy")->country == "AE");
  CHECK(uo[1] == "US Department of Commerce");
}

TEST_CASE("Roles with their organization next to them", "[mentions][roles]") {
  auto f = Run("国际电联电信发展局主任卡琳娜·莫雷诺表示，培训效果良好。");
  CHECK(f.Of(MentionType::kOrg) == std::vector<std::string>{"国际电联电信发展局"});
  const auto* r = f.First(MentionType::kRole, "主任");
  REQUIRE(r != nullptr);
  CHECK(r->value == "主任");
  auto e = Run("ITU Secretary-General Houlin Zhao and the president of the World Bank Group met.", "en");
  CHECK(e.Of(MentionType::kRole) == std::vector<std::string>{"Secretary-General", "president"});
  CHECK(e.First(MentionType::kRole, "president")->value == "President");
}

TEST_CASE("People: transliterated, Chinese in context, Latin with honorifics, short forms", "[mentions][people]") {
  auto f = Run("电信发展局主任布哈伊马·萨努表示，项目很重要。秘书长赵厚麟在会上说，合作是关键。“我们将继续努力，”萨努指出。");
  auto ps = f.Of(MentionType::kPerson);
  REQUIRE(ps.size() == 3);
  CHECK(ps[0] == "布哈伊马·萨努");
  CHECK(ps[1] == "赵厚麟");
  CHECK(ps[2] == "萨努");
  CHECK(f.ms.back().full == "布哈伊马·萨努");

  auto g = Run("国际电联秘书长哈玛德·图埃博士发表讲话。林玉辉表示，东盟愿意合作。");
  CHECK(g.Of(MentionType::kPerson) == std::vector<std::string>{"哈玛德·图埃", "林玉辉"});
  // negatives: organizations and places are not people; no name without a strong context
  auto n = Run("中方表示愿意合作。会议指出，王府井很热闹。加纳通信部表示支持。");
  CHECK(n.Of(MentionType::kPerson).empty());

  auto e = Run("Mr. Francis Gurry, Director General of WIPO, welcomed the deal. \"It matters,\" said Helen Clark. "
               "Mr Gurry added that Clark agreed.",
               "en");
  auto eps = e.Of(MentionType::kPerson);
  REQUIRE(eps.size() == 4);
  CHECK(eps[0] == "Mr. Francis Gurry");
  CHECK(eps[1] == "Helen Clark");
  CHECK(eps[2] == "Mr Gurry");
  CHECK(e.First(MentionType::kPerson, "Mr Gurry")->full == "Francis Gurry");
  CHECK(eps[3] == "Clark");
  auto en = Run("The World Bank said the United Nations will help. New York welcomed it.", "en");
  CHECK(en.Of(MentionType::kPerson).empty());
}

TEST_CASE("Latin roles take their portfolio, not the organization or a following name", "[mentions][roles]") {
  auto e = Run("Minister for Trade, Industry and Energy, Jane Roe, met the Director of the World Bank Group and the "
               "Under-Secretary of State for Oceans, John Doe.",
               "en");
  CHECK(e.Of(MentionType::kRole) ==
        std::vector<std::string>{"Minister for Trade, Industry and Energy", "Director", "Under-Secretary of State for Oceans"});
  CHECK(e.Of(MentionType::kOrg) == std::vector<std::string>{"World Bank Group"});
  CHECK(e.Of(MentionType::kPerson) == std::vector<std::string>{"Jane Roe", "John Doe"});
}

TEST_CASE("Organization patterns stop at possessives, lists and longer names", "[mentions][orgs]") {
  auto e = Run("President Jane Roe’s Science Foundation joined the Government of Kerala and Institute of Marine "
               "Studies at the World Summit on the Information Society.",
               "en");
  CHECK(e.Of(MentionType::kPerson) == std::vector<std::string>{"Jane Roe"});
  CHECK(e.Of(MentionType::kOrg) ==
        std::vector<std::string>{"Science Foundation", "Government of Kerala", "Institute of Marine Studies"});
  auto z = Run("济南市历下区人民政府与苏瓦代表两国政府的官员会面。");
  CHECK(z.Of(MentionType::kOrg) == std::vector<std::string>{"济南市历下区人民政府"});
}

TEST_CASE("Latin names in apposition to a role", "[mentions][people]") {
  auto e = Run("Jane Roe, FAO’s Chief Economist said the plan works. John Doe (Head of Research at "
               "ACME Corporation) agreed, and Mary Major, the ITU Secretary-General, welcomed it.",
               "en");
  CHECK(e.Of(MentionType::kPerson) == std::vector<std::string>{"Jane Roe", "John Doe", "Mary Major"});
  // no apposition when a clause sits between the name and the role
  auto n = e.First(MentionType::kRole, "Head of Research");
  CHECK(n != nullptr);
  auto x = Run("Alpha Beta Gamma, which the Minister visited, grew.", "en");
  CHECK(x.Of(MentionType::kPerson).empty());
}

TEST_CASE("Chinese ministries after a country; Latin organizations keep Global/National", "[mentions][orgs]") {
  auto z = Run("老挝技术和通信部部长出席，中国西部地区和中国东北部也有代表。");
  CHECK(z.Of(MentionType::kOrg) == std::vector<std::string>{"老挝技术和通信部"});
  REQUIRE(z.First(MentionType::kOrg, "老挝技术和通信部") != nullptr);
  CHECK(z.First(MentionType::kOrg, "老挝技术和通信部")->country == "LA");
  CHECK(z.Of(MentionType::kRole) == std::vector<std::string>{"部长"});
  auto e = Run("The Global Ocean Cities Alliance and the National Water Authority met.", "en");
  CHECK(e.Of(MentionType::kOrg) == std::vector<std::string>{"Global Ocean Cities Alliance", "National Water Authority"});
}

TEST_CASE("Role words that are mostly verbs or nouns in lower case stay exact", "[mentions][roles]") {
  auto e = Run("She will chair the meeting as head of state; the Chair and the president spoke.", "en");
  CHECK(e.Of(MentionType::kRole) == std::vector<std::string>{"Chair", "president"});
}

TEST_CASE("A name at the start of a line in apposition", "[mentions][people]") {
  auto e = Run("Press release | 2 May 2014\nJane Roe (Head of Sourcing, ACME Group) said the deal matters.", "en");
  CHECK(e.Of(MentionType::kPerson) == std::vector<std::string>{"Jane Roe"});
}

TEST_CASE("A body's name may join two fields with 和 after an organization or country", "[mentions][orgs]") {
  auto f = Run("非洲联盟交通和能源合作委员会发布了年度报告。");
  CHECK(f.Of(MentionType::kOrg) == std::vector<std::string>{"非洲联盟交通和能源合作委员会"});
  // coordination, not one name: nothing between the organization and 和
  auto g = Run("国际电联和电信协会签署了合作协议。");
  CHECK(g.Of(MentionType::kOrg) == std::vector<std::string>{"国际电联", "电信协会"});
}

TEST_CASE("A Chinese suffix name stops at a verb in front of it", "[mentions][orgs]") {
  // regression: the walk back from 委员会 swallowed the verb and the organization before it
  auto f = Run("国际电联携手教科文组织推出宽带委员会。");
  CHECK(f.Of(MentionType::kOrg) == std::vector<std::string>{"国际电联", "教科文组织", "宽带委员会"});
  // names that contain a joint or support word stay whole
  auto g = Run("中美联合委员会发布了年度报告。");
  CHECK(g.Of(MentionType::kOrg) == std::vector<std::string>{"中美联合委员会"});
}

TEST_CASE("Transliterated names: hyphenated parts, and no start inside a role before them", "[mentions][people]") {
  // regression: 席 is a transliteration character, so 主席克洛德·容克 gave the person 席克洛德·容克
  auto f = Run("欧盟委员会主席克洛德·容克出席了会议。");
  CHECK(f.Of(MentionType::kPerson) == std::vector<std::string>{"克洛德·容克"});
  CHECK(f.Of(MentionType::kRole) == std::vector<std::string>{"主席"});
  auto g = Run("欧盟委员会主席让-克洛德·容克出席了会议。");
  CHECK(g.Of(MentionType::kPerson) == std::vector<std::string>{"让-克洛德·容克"});
  auto h = Run("秘书长多琳·伯格丹－马丁表示，会议取得成功。");
  CHECK(h.Of(MentionType::kPerson) == std::vector<std::string>{"多琳·伯格丹-马丁"});  // normalised: －→-
  // a hyphen between names of countries or bodies is not a person
  auto k = Run("中国-东盟博览会在南宁开幕。");
  CHECK(k.Of(MentionType::kPerson).empty());
}

TEST_CASE("A Latin 'of' name does not run over 'and' into a known organization", "[mentions][orgs]") {
  // regression: "Ministry of Health of Ghana and UNICEF" was one organization
  auto f = Run("The Ministry of Health of Ghana and UNICEF signed an agreement.");
  CHECK(f.Of(MentionType::kOrg) == std::vector<std::string>{"Ministry of Health of Ghana", "UNICEF"});
  // a portfolio joined with "and" stays in the name
  auto g = Run("The Ministry of Foreign Affairs and Trade of Australia hosted the talks.");
  CHECK(g.Of(MentionType::kOrg) == std::vector<std::string>{"Ministry of Foreign Affairs and Trade of Australia"});
}

TEST_CASE("A Latin name before ', who heads …' is a person", "[mentions][people]") {
  auto f = Run("Maria Lopez, who heads the Port Authority, told reporters that the terminal would open.");
  CHECK(f.Of(MentionType::kPerson) == std::vector<std::string>{"Maria Lopez"});
  // not after a lower-case phrase or without a verb of office
  auto g = Run("The partners, who met in Lisbon, agreed on a plan. Blue Harbour, who knows.");
  CHECK(g.Of(MentionType::kPerson).empty());
}

TEST_CASE("Chinese given names may have 家, 子 or 之 in the middle", "[mentions][people]") {
  // regression: 李家超 and 朴之水 were not names (家 and 之 were barred anywhere in a given name)
  auto f = Run("行政长官李家超表示，香港将继续支持可持续发展。");
  CHECK(f.Of(MentionType::kPerson) == std::vector<std::string>{"李家超"});
  auto g = Run("首席经济学家朴之水认为，区域贸易将温和复苏。");
  CHECK(g.Of(MentionType::kPerson) == std::vector<std::string>{"朴之水"});
  // but they end no name: 王家 is a family
  auto h = Run("主席王家表示欢迎。");
  CHECK(h.Of(MentionType::kPerson).empty());
}

TEST_CASE("发展中国家 names no country", "[mentions][countries]") {
  auto f = Run("数字技术可以帮助发展中国家加快工业化进程，中国愿提供支持。");
  CHECK(f.Of(MentionType::kCountry) == std::vector<std::string>{"中国"});
}

TEST_CASE("Weekdays are not Chinese names", "[mentions][people]") {
  // regression: 周三 (Wednesday) before 宣布 was read as a person
  auto f = Run("卢旺达信息通信技术部周三宣布，峰会将在基加利举行。");
  CHECK(f.Of(MentionType::kPerson).empty());
}

TEST_CASE("A keyword that ends a Latin 'of' name after 'and' stays in it", "[mentions][orgs]") {
  auto f = Run("Thailand's Ministry of Digital Economy and Society hosted the forum.");
  // (the country's possessive joins the ministry: one party, as "UAE Ministry of Economy" is)
  CHECK(f.Of(MentionType::kOrg) == std::vector<std::string>{"Thailand's Ministry of Digital Economy and Society"});
  // a keyword that opens another 'of' name is a second organization
  auto g = Run("The Ministry of Economy and Institute of Statistics met.");
  CHECK(g.Of(MentionType::kOrg) == std::vector<std::string>{"Ministry of Economy", "Institute of Statistics"});
}
