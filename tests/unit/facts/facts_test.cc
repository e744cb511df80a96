// Fact assembly on marked-up texts (mentions given), with the shipped rule packs.
#include <catch2/catch.hpp>

#include "facts/fake_doc.h"
#include "facts/text_util.h"

using namespace presskg;

namespace {

const rules::RuleBook& Book() {
  static rules::RuleBook* book = [] {
    auto* b = new rules::RuleBook;
    Status st = b->LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules");
    if (!st.ok()) FAIL(st.ToString());
    return b;
  }();
  return *book;
}

std::vector<Fact> Run(const std::string& marked, const std::string& lang, const std::string& release_date = "") {
  auto d = testing::MakeDoc(marked, lang);
  d->view.release_date = release_date;
  return facts::BuildFacts(Book(), d->view, d->mentions).facts;
}

std::string Explain(const std::string& marked, const std::string& lang) {
  auto d = testing::MakeDoc(marked, lang);
  return facts::ExplainFacts(Book(), d->view, d->mentions, "");
}

std::vector<const Fact*> OfType(const std::vector<Fact>& fs, FactType t) {
  std::vector<const Fact*> out;
  for (const Fact& f : fs)
    if (f.type == t) out.push_back(&f);
  return out;
}

}  // namespace

TEST_CASE("zh agreement: two parties, kind from the document word, date of the signing") {
  auto fs = Run("[ORG:世界卫生组织|WHO]与[COUNTRY:肯尼亚|KE][DATE:3日|2019-05-03]在[PLACE:内罗毕|NBO|KE]签署了合作谅解备忘录。", "zh", "2019-05-04");
  auto ags = OfType(fs, FactType::kAgreement);
  REQUIRE(ags.size() == 1);
  CHECK(ags[0]->kind == "mou");
  REQUIRE(ags[0]->parties.size() == 2);
  CHECK(ags[0]->parties[0].name == "世界卫生组织");
  CHECK(ags[0]->parties[1].kind == EntityKind::kCountry);
  CHECK(ags[0]->countries == std::vector<std::string>{"KE"});
  CHECK(ags[0]->date == "2019-05-03");
  CHECK(ags[0]->rule == "zh.agreement.sign");
  CHECK(ags[0]->confidence > 0);
}

TEST_CASE("a year-less date without a release date is not used") {
  auto fs = Run("[ORG:世界卫生组织|WHO]与[COUNTRY:肯尼亚|KE][DATE:3日|2034-05-03]签署了协议。", "zh");
  auto ags = OfType(fs, FactType::kAgreement);
  REQUIRE(ags.size() == 1);
  CHECK(ags[0]->date.empty());
}

TEST_CASE("zh agreements: restatements merge, a country and its government are one party") {
  auto fs = Run("[ORG:世界卫生组织]与[COUNTRY:肯尼亚|KE]签署了协议。[ORG:世界卫生组织]和[ORG:肯尼亚政府||KE]于当天签署了协议。"
                "[ORG:世界卫生组织]与[ORG:联合国儿童基金会]在[COUNTRY:肯尼亚|KE]、[COUNTRY:乌干达|UG]等两个国家建立了社区网络。", "zh");
  auto ags = OfType(fs, FactType::kAgreement);
  REQUIRE(ags.size() == 2);
  CHECK(ags[0]->kind == "agreement");
  CHECK(ags[0]->countries == std::vector<std::string>{"KE"});
  CHECK(ags[1]->kind == "partnership");
}

TEST_CASE("zh partnership countries") {
  auto fs = Run("[ORG:世界卫生组织]与[ORG:联合国儿童基金会]在[COUNTRY:肯尼亚|KE]、[COUNTRY:乌干达|UG]等两个国家建立了社区网络。", "zh");
  auto ags = OfType(fs, FactType::kAgreement);
  REQUIRE(ags.size() == 1);
  CHECK(ags[0]->kind == "partnership");
  CHECK(ags[0]->countries == std::vector<std::string>{"KE", "UG"});
}

TEST_CASE("zh quotes: speaker after, speaker before, block merge, short name, role from earlier") {
  std::string text =
      "[ORG:世界卫生组织]总干事[PERSON:陈冯富珍]出席了会议。\n\n"
      "“健康是发展的基础，”[ORG:世界卫生组织][ROLE:总干事][PERSON:陈冯富珍]指出。“我们必须携手应对挑战。”\n\n"
      "[PERSON:陈冯富珍]表示，各国应加大对初级卫生保健的投入。\n\n"
      "[PERSON:王建国]说：“中方愿与各方一道推动合作。”";
  auto fs = Run(text, "zh");
  INFO(Explain(text, "zh"));
  auto qs = OfType(fs, FactType::kQuote);
  REQUIRE(qs.size() == 3);
  CHECK(qs[0]->person.name == "陈冯富珍");
  CHECK(qs[0]->quote.find("健康是发展的基础") == 0);
  CHECK(qs[0]->quote.find("我们必须携手应对挑战") != std::string::npos);  // one block
  CHECK(qs[0]->role == "总干事");
  CHECK(qs[0]->org.name == "世界卫生组织");
  CHECK(qs[1]->quote.find("各国应加大") == 0);
  CHECK(qs[1]->role == "总干事");  // from earlier in the release
  CHECK(qs[2]->person.name == "王建国");
  CHECK(qs[2]->quote.find("中方愿") == 0);
  // Roles of quoted people are not emitted as role facts.
  CHECK(OfType(fs, FactType::kRole).empty());
}

TEST_CASE("zh pronoun continues the last speaker") {
  auto fs = Run("[PERSON:王建国]表示，中方愿与各国一道推进合作。他强调，数字经济是未来增长的新引擎。", "zh");
  auto qs = OfType(fs, FactType::kQuote);
  REQUIRE(!qs.empty());
  bool found = false;
  for (auto* q : qs) found |= q->person.name == "王建国" && q->quote.find("数字经济") != std::string::npos;
  CHECK(found);
}

TEST_CASE("en quotes and roles") {
  std::string text =
      "[ORG:UNICEF|UNICEF] [ROLE:Executive Director] [PERSON:Anthony Lake] opened the meeting.\n\n"
      "“We must reach every child, everywhere,” said [PERSON:Lake|||Anthony Lake]. “No child should be left behind.”\n\n"
      "The agreement was signed by [PERSON:Jane Doe], [ROLE:Minister] of Health.";
  auto fs = Run(text, "en");
  auto qs = OfType(fs, FactType::kQuote);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0]->person.name == "Lake");
  CHECK(qs[0]->person.aliases.front() == "Anthony Lake");
  CHECK(qs[0]->quote.find("We must reach every child") == 0);
  CHECK(qs[0]->quote.find("No child should be left behind") != std::string::npos);
  CHECK(qs[0]->role == "Executive Director");
  auto rs = OfType(fs, FactType::kRole);
  REQUIRE(rs.size() == 1);
  CHECK(rs[0]->person.name == "Jane Doe");
  CHECK(rs[0]->role.find("Minister") == 0);
}

TEST_CASE("en agreement and partnership") {
  std::string text = "The [ORG:World Bank] and the [ORG:African Union] ([ORG:AU]) signed a Memorandum of Understanding on [DATE:3 May 2019|2019-05-03].\n\n"
                     "The summit is organized by [ORG:UNESCO] in partnership with the [ORG:World Bank] and [ORG:WHO].";
  auto fs = Run(text, "en");
  INFO(Explain(text, "en"));
  auto ags = OfType(fs, FactType::kAgreement);
  REQUIRE(ags.size() == 2);
  CHECK(ags[0]->kind == "mou");
  CHECK(ags[1]->kind == "partnership");
  CHECK(ags[1]->parties.size() == 3);
}

TEST_CASE("events: name, dates, place; names contained in others merge") {
  auto fs = Run("The [ORG:WSIS] Forum, [DATE:13-17 May 2013|2013-05-13|2013-05-17], in [PLACE:Geneva|GVA|CH] opened today.\n\n"
                "Delegates praised the [ORG:WSIS] Forum for its focus.", "en");
  auto ev = OfType(fs, FactType::kEvent);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0]->name == "WSIS Forum");
  CHECK(ev[0]->start == "2013-05-13");
  CHECK(ev[0]->end == "2013-05-17");
  CHECK(ev[0]->place.name == "Geneva");
  CHECK(ev[0]->place.country == "CH");
}

TEST_CASE("zh contact block gives a role for a person not quoted") {
  auto fs = Run("欲了解更多信息，请联系：\n\n[ORG:世界卫生组织]\n媒体关系负责人\nJohn Smith\n电话：+41 22 000 0000", "zh");
  auto rs = OfType(fs, FactType::kRole);
  REQUIRE(rs.size() == 1);
  CHECK(rs[0]->person.name == "John Smith");
  CHECK(rs[0]->role == "媒体关系负责人");
  CHECK(rs[0]->org.name == "世界卫生组织");
}

TEST_CASE("text helpers") {
  CHECK(facts::NormKey("Hamadoun I. Touré") == "hamadounitouré");
  CHECK(facts::NormKey("布哈伊马·萨努") == "布哈伊马萨努");
  CHECK(facts::StripQuoteMarks("“健康，”") == "健康");
  CHECK(facts::Prefix("abcdef", 3) == "abc…");
  CHECK(facts::StripLeadingArticle("The Global Forum") == "Global Forum");
}
