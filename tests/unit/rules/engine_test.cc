// Rule packs: loading, error locations, macros, slot tokens, prefilter + matching, why-not.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "facts/fake_doc.h"
#include "rules/engine.h"

using presskg::MentionType;
using presskg::StatusCode;
using presskg::rules::RuleBook;

namespace {

const char kPack[] = R"PACK(lang = "zh"
family = "agreement"
[macros]
SIGN = "(?:签署|签订)"
[[rule]]
id = "t.sign"
priority = 5
kind = "mou"
confidence = 0.75
pattern = "(?P<party1>{PARTY})与(?P<party2>{PARTY}){SIGN}"
positive = ["a", "b"]
negative = ["c"]
)PACK";

std::string WithRule(const std::string& pattern, const std::string& extra = "") {
  return "family = \"quote\"\n[[rule]]\nid = \"t.r\"\npattern = '" + pattern + "'\n" + extra +
         "positive = [\"a\", \"b\"]\nnegative = [\"c\"]\n";
}

}  // namespace

TEST_CASE("a pack loads with macros, attributes, priority and confidence") {
  RuleBook book;
  REQUIRE(book.LoadString(kPack, "mem.toml", "xx").ok());
  REQUIRE(book.Compile().ok());
  const presskg::rules::Rule* r = book.Find("t.sign");
  REQUIRE(r != nullptr);
  CHECK(r->lang == "zh");
  CHECK(r->emits == "agreement");
  CHECK(r->priority == 5);
  CHECK(r->confidence == Approx(0.75));
  CHECK(r->attrs.at("kind") == "mou");
  CHECK(r->expanded.find("签署") != std::string::npos);
  CHECK(r->line == 5);
}

TEST_CASE("slot tokens round-trip through Slot and MentionsIn") {
  auto d = presskg::testing::MakeDoc("[ORG:世界卫生组织]与[COUNTRY:中国|CN]签署了协议。", "zh");
  presskg::rules::SlottedText st = presskg::rules::Slot(d->text, 0, d->text.size(), d->mentions);
  CHECK(presskg::rules::RenderSlotted(st) == "[ORG#0]与[COUNTRY#1]签署了协议。");
  auto ids = presskg::rules::MentionsIn(st, 0, st.text.size());
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == 0);
  CHECK(ids[1] == 1);
  CHECK(st.to_norm.size() == st.text.size() + 1);
  CHECK(st.to_norm.back() == d->text.size());
  // Offsets as runs: text bytes count up, a token's bytes all map to its mention's begin.
  {
    std::vector<std::size_t> want;
    std::size_t pos = 0;
    for (const auto& m : d->mentions) {
      for (; pos < m.begin; ++pos) want.push_back(pos);
      want.resize(want.size() + presskg::rules::SlotToken(m.type, 0).size(), m.begin);
      pos = m.end;
    }
    for (; pos <= d->text.size(); ++pos) want.push_back(pos);
    REQUIRE(want.size() == st.to_norm.size());
    for (std::size_t i = 0; i < want.size(); ++i) CHECK(st.to_norm[i] == want[i]);
    // A range inside the text starts at its own offset.
    auto part = presskg::rules::Slot(d->text, d->mentions[0].end, d->text.size(), d->mentions);
    CHECK(part.to_norm[0] == d->mentions[0].end);
    CHECK(part.to_norm.back() == d->text.size());
  }

  RuleBook book;
  REQUIRE(book.LoadString(kPack, "mem.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  auto ms = book.Match("zh", st);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].rule->id == "t.sign");
  REQUIRE(ms[0].Find("party2"));
  CHECK(ms[0].Find("party2")->mentions == std::vector<std::size_t>{1});
  // A token of the wrong type does not fill a {PARTY} slot.
  auto d2 = presskg::testing::MakeDoc("[PERSON:王建国]与[COUNTRY:中国|CN]签署了协议。", "zh");
  auto st2 = presskg::rules::Slot(d2->text, 0, d2->text.size(), d2->mentions);
  CHECK(book.Match("zh", st2).empty());
  CHECK(book.Candidates("en", st.text).empty());
}

TEST_CASE("many mentions: multi-digit slot indices") {
  std::string marked;
  for (int i = 0; i < 12; ++i) marked += "[ORG:O" + std::to_string(i) + "]、";
  marked += "[ORG:甲]与[ORG:乙]签署。";
  auto d = presskg::testing::MakeDoc(marked, "zh");
  auto st = presskg::rules::Slot(d->text, 0, d->text.size(), d->mentions);
  RuleBook book;
  REQUIRE(book.LoadString(kPack, "mem.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  auto ms = book.Match("zh", st);
  REQUIRE(ms.size() == 1);
  REQUIRE(ms[0].Find("party1"));
  REQUIRE(ms[0].Find("party2"));
  CHECK(ms[0].Find("party1")->mentions == std::vector<std::size_t>{12});
  CHECK(ms[0].Find("party2")->mentions == std::vector<std::size_t>{13});
}

TEST_CASE("rule-file errors name file, line and rule id") {
  SECTION("toml syntax") {
    RuleBook b;
    auto st = b.LoadString("family = \"quote\"\n[[rule]]\nid = \"x\nbroken", "bad.toml", "zh");
    CHECK(st.code() == StatusCode::kParseError);
    CHECK(st.where().file == "bad.toml");
    CHECK(st.where().line == 3);
  }
  SECTION("unknown macro") {
    RuleBook b;
    auto st = b.LoadString(WithRule("{NOPE}说"), "m.toml", "zh");
    CHECK(st.code() == StatusCode::kParseError);
    CHECK(st.where().rule == "t.r");
    CHECK(st.where().line == 4);
    CHECK(st.message().find("NOPE") != std::string::npos);
    CHECK(st.ToString().find("m.toml:4") != std::string::npos);
  }
  SECTION("bad RE2") {
    RuleBook b;
    auto st = b.LoadString(WithRule("(?P<person>{PERSON}"), "re.toml", "zh");
    CHECK(st.code() == StatusCode::kParseError);
    CHECK(st.where().rule == "t.r");
    CHECK(st.message().find("RE2") != std::string::npos);
  }
  SECTION("missing examples") {
    RuleBook b;
    auto st = b.LoadString("[[rule]]\nid = \"t.few\"\nemits = \"quote\"\npattern = \"x\"\npositive = [\"a\"]\nnegative = [\"c\"]\n",
                           "ex.toml", "zh");
    CHECK(st.code() == StatusCode::kParseError);
    CHECK(st.where().rule == "t.few");
    CHECK(st.where().line == 1);
  }
  SECTION("duplicate id") {
    RuleBook b;
    REQUIRE(b.LoadString(WithRule("a"), "one.toml", "zh").ok());
    auto st = b.LoadString(WithRule("b"), "two.toml", "zh");
    CHECK(st.code() == StatusCode::kParseError);
    CHECK(st.where().file == "two.toml");
    CHECK(st.where().rule == "t.r");
    CHECK(st.message().find("one.toml") != std::string::npos);
  }
  SECTION("unknown family") {
    RuleBook b;
    auto st = b.LoadString("[[rule]]\nid = \"t.f\"\nemits = \"gossip\"\npattern = \"x\"\npositive = [\"a\",\"b\"]\nnegative = [\"c\"]\n",
                           "f.toml", "zh");
    CHECK(st.code() == StatusCode::kParseError);
    CHECK(st.where().rule == "t.f");
  }
}

TEST_CASE("the shipped packs load in milliseconds and cover both languages") {
  auto t0 = std::chrono::steady_clock::now();
  RuleBook book;
  auto st = book.LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules");
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  INFO(st.ToString());
  REQUIRE(st.ok());
  // Reading and RE2-parsing the packs: ~10 ms in an optimised build (each language's Set and
  // programs are built on first use); the bound leaves room for sanitizer builds.
  CHECK(ms < 3000);
  auto langs = book.languages();
  CHECK(std::find(langs.begin(), langs.end(), "zh") != langs.end());
  CHECK(std::find(langs.begin(), langs.end(), "en") != langs.end());
  for (const auto& r : book.rules()) {
    INFO(r->id);
    CHECK(r->positive.size() >= 2);
    CHECK(r->negative.size() >= 1);
    CHECK(r->id.rfind(r->lang + ".", 0) == 0);  // ids say their language
  }
}

TEST_CASE("why-not reports the prefilter, missing slot types and the failing piece") {
  RuleBook book;
  REQUIRE(book.LoadString(kPack, "mem.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  auto d = presskg::testing::MakeDoc("[ORG:世界卫生组织]与王先生签署了协议。", "zh");
  auto st = presskg::rules::Slot(d->text, 0, d->text.size(), d->mentions);
  std::string why = book.WhyNot(*book.Find("t.sign"), st);
  CHECK(why.find("not selected") != std::string::npos);
  CHECK(why.find("COUNTRY slot") != std::string::npos);
  CHECK(why.find("2 of 4") != std::string::npos);
  CHECK(why.find("fails at piece: (?P<party2>{PARTY})") != std::string::npos);
}

TEST_CASE("programs built on first use: threads sharing a fresh RuleBook match as one thread does") {
  RuleBook fresh, warm;
  const std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules";
  REQUIRE(fresh.LoadDir(dir).ok());
  REQUIRE(warm.LoadDir(dir).ok());
  // Before any match the search and capture programs are not built; Prepare builds them.
  const presskg::rules::Rule* sign = warm.Find("zh.agreement.sign");
  REQUIRE(sign != nullptr);
  CHECK(sign->captures.empty());
  CHECK(sign->search == nullptr);
  warm.Prepare(*sign);
  CHECK_FALSE(sign->captures.empty());
  CHECK(sign->search != nullptr);
  auto d = presskg::testing::MakeDoc("[ORG:世界卫生组织]与[COUNTRY:中国|CN]签署了合作协议,[PERSON:张伟]说[QUOTE:“很好”]。", "zh");
  presskg::rules::SlottedText st = presskg::rules::Slot(d->text, 0, d->text.size(), d->mentions);
  auto key = [](const std::vector<presskg::rules::RuleMatch>& ms) {
    std::string k;
    for (const auto& m : ms) {
      k += m.rule->id + "@" + std::to_string(m.begin) + "-" + std::to_string(m.end);
      for (const auto& [name, c] : m.captures) k += " " + name + "=" + std::to_string(c.begin) + "-" + std::to_string(c.end);
      k += ";";
    }
    return k;
  };
  const std::string want = key(warm.Match("zh", st));
  CHECK(want.find("zh.agreement.sign") != std::string::npos);
  std::string got[2];
  std::thread a([&] { got[0] = key(fresh.Match("zh", st)); });
  std::thread b([&] { got[1] = key(fresh.Match("zh", st)); });
  a.join();
  b.join();
  CHECK(got[0] == want);
  CHECK(got[1] == want);
}

TEST_CASE("LoadDir builds a language on its first use only and the same as Compile builds it") {
  const std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules";
  RuleBook lazy, eager;
  REQUIRE(lazy.LoadDir(dir).ok());
  REQUIRE(eager.LoadDir(dir).ok());
  REQUIRE(eager.Compile().ok());
  auto built = [](const RuleBook& b, const std::string& lang) {  // rules with the language's classes
    int n = 0;
    for (const auto& r : b.rules()) n += r->lang == lang && !r->byte_of_class.empty();
    return n;
  };
  CHECK(built(lazy, "zh") == 0);
  CHECK(built(lazy, "en") == 0);
  auto d = presskg::testing::MakeDoc("[ORG:世界卫生组织]与[COUNTRY:中国|CN]签署了合作协议,[PERSON:张伟]说[QUOTE:“很好”]。", "zh");
  presskg::rules::SlottedText st = presskg::rules::Slot(d->text, 0, d->text.size(), d->mentions);
  auto ids = [](const std::vector<const presskg::rules::Rule*>& rs) {
    std::vector<std::string> out;
    for (const auto* r : rs) out.push_back(r->id);
    return out;
  };
  CHECK(ids(lazy.Candidates("zh", st.text)) == ids(eager.Candidates("zh", st.text)));
  CHECK(built(lazy, "zh") > 20);   // the Chinese rules' unit classes are there now
  CHECK(built(lazy, "en") == 0);   // nothing English was built for a Chinese unit
  CHECK(built(lazy, "zh") == built(eager, "zh"));
  CHECK(lazy.Match("zh", st).size() == eager.Match("zh", st).size());
  // Prepare builds a rule's language first (its search program needs the language's alphabet).
  const presskg::rules::Rule* en = nullptr;
  for (const auto& r : lazy.rules())
    if (r->lang == "en") en = r.get();
  REQUIRE(en != nullptr);
  lazy.Prepare(*en);
  CHECK(built(lazy, "en") == built(eager, "en"));
  // A rule's slot-type clauses come with its first use (Prepare), as Compile() computes them.
  for (const auto& r : lazy.rules()) {
    const presskg::rules::Rule* e = eager.Find(r->id);
    REQUIRE(e != nullptr);
    INFO(r->id);
    lazy.Prepare(*r);
    CHECK(r->type_needs == e->type_needs);
    CHECK(r->byte_of_class == e->byte_of_class);
  }
}
