// Release styles the dev corpus lacks (newswires, company releases, agency bylines with a reporter,
// government layouts): whole short releases through the pipeline, one per family mended after
// probing such styles (docs/quality.md, "Unseen release styles").
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_fixture.h"

using namespace presskg;
using presskg::testing::ExtractText;

namespace unseen_styles_test {

std::vector<const Fact*> OfType(const std::vector<Fact>& fs, FactType type) {
  std::vector<const Fact*> out;
  for (const Fact& f : fs)
    if (f.type == type) out.push_back(&f);
  return out;
}

bool HasParty(const Fact& f, const std::string& name) {
  for (const EntityRef& p : f.parties)
    if (p.name.find(name) != std::string::npos) return true;
  return false;
}

const Fact* QuoteBy(const std::vector<Fact>& fs, const std::string& person) {
  for (const Fact& f : fs)
    if (f.type == FactType::kQuote && f.person.name.find(person) != std::string::npos) return &f;
  return nullptr;
}

}  // namespace unseen_styles_test

using namespace unseen_styles_test;

TEST_CASE("newswire release: dateline, a party with an appositive, a speaker with the role first") {
  std::vector<Fact> fs = ExtractText(
      "Tata Consultancy Services and Unilever Sign Cloud Agreement\n\n"
      "MUMBAI, India, Feb. 10, 2025 /PRNewswire/ -- Tata Consultancy Services, an IT services firm, "
      "and Unilever today entered into a five-year agreement to move the group's data centres to the "
      "cloud.\n\n"
      "The Chief Technology Officer of Unilever, Maria Lopez, said that the move would cut energy use "
      "by a third.\n");
  std::vector<const Fact*> dl = OfType(fs, FactType::kDateline);
  REQUIRE(dl.size() == 1);
  CHECK(dl[0]->date == "2025-02-10");
  CHECK(dl[0]->place.name == "MUMBAI");
  bool found = false;
  for (const Fact* a : OfType(fs, FactType::kAgreement))
    found = found || (HasParty(*a, "Tata Consultancy Services") && HasParty(*a, "Unilever"));
  CHECK(found);
  const Fact* q = QuoteBy(fs, "Maria Lopez");
  REQUIRE(q);
  CHECK(q->quote.rfind("the move would cut", 0) == 0);
  CHECK(q->role.find("Chief Technology Officer") != std::string::npos);
}

TEST_CASE("a venue named like an event is not an event; a fair is") {
  std::vector<Fact> fs = ExtractText(
      "Nairobi, 3 June 2024 – Books from forty countries will be shown at the Nairobi Book Fair, "
      "which runs from 10 to 14 June 2024 at the Kenyatta International Conference Centre in Nairobi.\n");
  bool fair = false;
  for (const Fact* e : OfType(fs, FactType::kEvent)) {
    CHECK(e->name.find("Conference") == std::string::npos);
    fair = fair || e->name.find("Book Fair") != std::string::npos;
  }
  CHECK(fair);
}

TEST_CASE("company release: place-date dash dateline and the announcer referred to as 公司") {
  std::vector<Fact> fs = ExtractText(
      "杭州，2024年9月2日——阿里巴巴集团今日宣布，公司已与联合国开发计划署签署合作谅解备忘录，"
      "双方将在东南亚推广数字支付。\n");
  std::vector<const Fact*> dl = OfType(fs, FactType::kDateline);
  REQUIRE(dl.size() == 1);
  CHECK(dl[0]->date == "2024-09-02");
  CHECK(dl[0]->place.name == "杭州");
  std::vector<const Fact*> ag = OfType(fs, FactType::kAgreement);
  REQUIRE(ag.size() == 1);
  CHECK(ag[0]->kind == "mou");
  CHECK(HasParty(*ag[0], "阿里巴巴"));
  CHECK(HasParty(*ag[0], "联合国开发计划署"));
}

TEST_CASE("agency byline with a reporter's name; co-organisers listed with 、; 首届 events") {
  std::vector<Fact> fs = ExtractText(
      "（中央社记者陈美玲东京2024年6月3日电）海洋科技周今天开幕。首届亚洲海洋科技论坛由国际海事组织、"
      "亚洲开发银行共同主办。\n\n"
      "双方还将于2025年10月在台中共同举办第二届海洋能源研讨会。\n");
  std::vector<const Fact*> dl = OfType(fs, FactType::kDateline);
  REQUIRE(dl.size() == 1);
  CHECK(dl[0]->date == "2024-06-03");
  CHECK(dl[0]->place.name == "东京");
  bool partners = false;
  for (const Fact* a : OfType(fs, FactType::kAgreement))
    partners = partners || (a->kind == "partnership" && HasParty(*a, "国际海事组织") && HasParty(*a, "亚洲开发银行"));
  CHECK(partners);
  const Fact* second = nullptr;
  bool first = false;
  for (const Fact* e : OfType(fs, FactType::kEvent)) {
    if (e->name.find("第二届海洋能源研讨会") != std::string::npos) second = e;
    first = first || e->name.find("首届亚洲海洋科技论坛") != std::string::npos;
  }
  CHECK(first);
  REQUIRE(second);
  CHECK(second->place.name == "台中");
  CHECK(second->start == "2025-10");
}
