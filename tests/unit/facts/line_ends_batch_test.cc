// Regression: a release with Windows line ends (CR LF) lost the role of its contact block, because
// the mention and rule patterns that read line structure only knew LF. The normalised view now has
// one line terminator (text/normalize.h), so every line-end convention gives the same facts.
// Hard-wrapped releases (plain-text wire copy) gave far fewer facts than the same releases with one
// paragraph per line: the view now joins wrapped lines (text/normalize.h, FindWrapBreaks).
// Also: Extractor::ExtractBatch gives each release exactly the facts Extract gives it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_fixture.h"
#include "presskg/rules.h"
#include "layout_text.h"
#include "presskg/text.h"

namespace {

using presskg::EntityRef;
using presskg::Fact;

std::string Entity(const EntityRef& e) { return e.name + "|" + e.key + "|" + e.country; }

// Everything a fact states; with `spans`, also where it was found in the original text.
std::string Render(const Fact& f, bool spans) {
  std::string s = std::string(presskg::FactTypeName(f.type)) + " " + f.rule + " " + f.kind + " [";
  for (const EntityRef& p : f.parties) s += Entity(p) + ";";
  s += "] [";
  for (const std::string& c : f.countries) s += c + ";";
  s += "] " + Entity(f.person) + " " + f.role + " " + Entity(f.org) + " «" + f.quote + "» " + f.name + " " + f.date +
       " " + f.start + " " + f.end + " " + Entity(f.place);
  if (spans) s += " @" + std::to_string(f.evidence.begin) + "," + std::to_string(f.evidence.end);
  return s;
}

std::vector<std::string> Rendered(const std::vector<Fact>& facts, bool spans) {
  std::vector<std::string> out;
  for (const Fact& f : facts) out.push_back(Render(f, spans));
  return out;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

const char kRelease[] =
    "国际电联与斐济签署宽带合作谅解备忘录\n\n"
    "2025年3月4日，日内瓦 — 国际电联与斐济通信部今天在日内瓦签署谅解备忘录。\n\n"
    "欲了解更多信息，请联系：\n\n"
    "国际电联\n新闻和公共关系负责人\nMaria Lopez\n电话：+41 22 730 0000\n";

}  // namespace

TEST_CASE("regression: a release with CR LF line ends keeps its contact-block role", "[facts][regression]") {
  const std::vector<std::string> lf = Rendered(presskg::testing::ExtractText(kRelease), false);
  const std::vector<Fact> facts = presskg::testing::ExtractText(kRelease);
  const Fact* role = presskg::testing::LastOfType(facts, presskg::FactType::kRole);
  REQUIRE(role != nullptr);
  CHECK(role->person.name == "Maria Lopez");
  for (const char* sep : {"\r\n", "\r", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
    INFO("line end " << (sep[0] == '\r' ? (sep[1] ? "CR LF" : "CR") : "NEL/LS/PS"));
    CHECK(Rendered(presskg::testing::ExtractText(Replace(kRelease, "\n", sep)), false) == lf);
  }
}

const char kEnglishRelease[] =
    "ITU and Fiji sign memorandum of understanding on rural broadband\n\n"
    "Geneva, 16 May 2025 - The International Telecommunication Union (ITU) and the Government of Fiji "
    "signed a memorandum of understanding today to bring affordable broadband to schools and clinics on "
    "the outer islands, with a first phase in the Lau and Lomaiviti groups.\n\n"
    "\u201CFor island communities, a good connection is how a child reaches a library and how a nurse "
    "reaches a doctor,\u201D said Elena Varga, Director of the ITU Telecommunication Development Bureau.\n\n"
    "Samisoni Ravuvu, Minister for Communications of Fiji, said the agreement would help the country "
    "meet its connectivity targets before the end of the decade.\n\n"
    "The Pacific Digital Inclusion Forum will be held in Suva from 9 to 11 September 2025.\n";

const char kChineseRelease[] =
    "国际电联与老挝签署数字技能合作谅解备忘录\n\n"
    "2025年4月18日，日内瓦 — 国际电信联盟（国际电联）与老挝邮电部今天在日内瓦签署谅解备忘录，双方将在"
    "农村青年数字技能培训、网上政务服务和宽带网络建设等领域开展合作。\n\n"
    "老挝邮电部部长坎蓬·西萨瓦表示：“这份备忘录将帮助我们的青年掌握新的技能，让更多的农村家庭享受"
    "到数字经济带来的机会。”\n\n"
    "第三届亚太数字技能论坛将于2025年9月9日至11日在万象举行。\n";

TEST_CASE("regression: hard-wrapped releases give the facts of unwrapped ones", "[facts][regression]") {
  const std::vector<std::string> en = Rendered(presskg::testing::ExtractText(kEnglishRelease), false);
  REQUIRE(en.size() >= 4);
  for (std::size_t width : {60, 72, 80}) {
    INFO("English wrapped at " << width);
    const std::string wrapped = presskg_test::WrapAtSpaces(kEnglishRelease, width);
    CHECK(Rendered(presskg::testing::ExtractText(wrapped), false) == en);
    CHECK(Rendered(presskg::testing::ExtractText(Replace(wrapped, "\n", "\r\n")), false) == en);
  }
  const std::vector<std::string> zh = Rendered(presskg::testing::ExtractText(kChineseRelease), false);
  REQUIRE(zh.size() >= 4);
  for (std::size_t n : {30, 35, 40}) {
    INFO("Chinese cut every " << n << " characters");
    CHECK(Rendered(presskg::testing::ExtractText(presskg_test::CutEvery(kChineseRelease, n)), false) == zh);
  }
}

TEST_CASE("ExtractBatch gives each release the facts Extract gives it", "[facts][batch]") {
  auto ex = presskg::Extractor::Load(presskg::ExtractorOptions{});
  REQUIRE(ex.ok());
  const std::vector<std::string> texts = {
      kRelease,
      "",
      "Geneva, 16 May 2025 – The ITU and the Government of Fiji signed a memorandum of understanding "
      "today. \u201CThis is a good day,\u201D said Ms Elena Varga, Director of the ITU Telecommunication "
      "Development Bureau.\n",
      Replace(kRelease, "\n", "\r\n"),
  };
  std::vector<presskg::Document> docs(texts.size());
  std::vector<presskg::PreparedText> prepared;
  std::vector<presskg::Extractor::Release> batch;
  prepared.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    docs[i].id = "release-" + std::to_string(i);
    docs[i].text = texts[i];
    auto t = presskg::PrepareText(docs[i]);
    REQUIRE(t.ok());
    prepared.push_back(std::move(*t));
    batch.push_back({&docs[i], &prepared.back()});
  }
  std::vector<std::vector<Fact>> facts;
  (*ex)->ExtractBatch(batch, &facts);
  REQUIRE(facts.size() == texts.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(Rendered(facts[i], true) == Rendered((*ex)->Extract(docs[i], prepared[i]), true));
    total += facts[i].size();
  }
  CHECK(total >= 6);
  std::vector<std::vector<Fact>> none;
  (*ex)->ExtractBatch({}, &none);
  CHECK(none.empty());
}
