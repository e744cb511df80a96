// The GOLD.md matching, checked on hand-made gold facts and predictions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include "eval/normalize.h"
#include "presskg/eval.h"

using presskg::EntityKind;
using presskg::EntityRef;
using presskg::EvalScores;
using presskg::Fact;
using presskg::FactType;
using presskg::GoldFact;

namespace {

EntityRef Ent(std::string name, std::vector<std::string> aliases = {}, EntityKind kind = EntityKind::kOrganization) {
  EntityRef e;
  e.kind = kind;
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  return e;
}

GoldFact GoldAgreement(std::vector<std::vector<std::string>> parties, std::vector<std::string> countries = {},
                       std::string date = "") {
  GoldFact g;
  g.doc = "en-a";
  g.type = "agreement";
  g.kind = "mou";
  g.parties = std::move(parties);
  g.countries = std::move(countries);
  g.date = std::move(date);
  return g;
}

Fact PredAgreement(std::vector<EntityRef> parties, std::vector<std::string> countries = {}, std::string date = "") {
  Fact f;
  f.type = FactType::kAgreement;
  f.doc = "en-a";
  f.rule = "en.agreement.test";
  f.kind = "mou";
  f.parties = std::move(parties);
  f.countries = std::move(countries);
  f.date = std::move(date);
  return f;
}

GoldFact GoldQuote(std::string doc, std::vector<std::string> person, std::string quote, std::string role = "") {
  GoldFact g;
  g.doc = std::move(doc);
  g.type = "quote";
  g.person = std::move(person);
  g.quote = std::move(quote);
  g.role = std::move(role);
  return g;
}

Fact PredQuote(std::string doc, std::string person, std::string quote, std::string role = "") {
  Fact f;
  f.type = FactType::kQuote;
  f.doc = std::move(doc);
  f.rule = "quote.test";
  f.person = Ent(std::move(person), {}, EntityKind::kPerson);
  f.quote = std::move(quote);
  f.role = std::move(role);
  return f;
}

GoldFact GoldEvent(std::vector<std::string> name, std::string start, std::string place = "") {
  GoldFact g;
  g.doc = "en-e";
  g.type = "event";
  g.name = std::move(name);
  g.start = std::move(start);
  if (!place.empty()) g.place = {place};
  return g;
}

Fact PredEvent(std::string name, std::string start, std::string place = "") {
  Fact f;
  f.type = FactType::kEvent;
  f.doc = "en-e";
  f.rule = "event.test";
  f.name = std::move(name);
  f.start = std::move(start);
  if (!place.empty()) f.place = Ent(place, {}, EntityKind::kPlace);
  return f;
}

const presskg::TypeScore& T(const EvalScores& s, const char* type) { return s.by_type.at(type); }

// A small release with gold of every type and the predictions a perfect extractor would make.
struct Fixture {
  std::map<std::string, std::string> docs;
  std::vector<GoldFact> gold;
  std::vector<Fact> pred;
  Fixture() {
    docs["en-a"] =
        "Nairobi, 3 March 2025 - The Regional Water Agency (RWA) and Kenya signed a memorandum of "
        "understanding today. \"Clean water is the first infrastructure,\" said Amina Otieno, Director of RWA. "
        "The Water Futures Forum will be held in Mombasa from 10 to 12 June 2025. Media contact: Peter Kamau, "
        "Press Officer, RWA.";
    gold.push_back(GoldAgreement({{"Regional Water Agency", "RWA"}, {"Kenya"}}, {"KE"}, "2025-03-03"));
    gold.push_back(GoldQuote("en-a", {"Amina Otieno", "Otieno"}, "Clean water is the first", "Director"));
    gold.back().org = {"Regional Water Agency", "RWA"};
    GoldFact role;
    role.doc = "en-a";
    role.type = "role";
    role.person = {"Peter Kamau"};
    role.role = "Press Officer";
    role.org = {"RWA"};
    gold.push_back(role);
    GoldFact ev = GoldEvent({"Water Futures Forum"}, "2025-06-10", "Mombasa");
    ev.doc = "en-a";
    ev.end = "2025-06-12";
    ev.country = "KE";
    gold.push_back(ev);
    GoldFact dl;
    dl.doc = "en-a";
    dl.type = "dateline";
    dl.date = "2025-03-03";
    dl.place = {"Nairobi"};
    dl.country = "KE";
    gold.push_back(dl);

    pred.push_back(PredAgreement({Ent("Regional Water Agency", {"RWA"}), Ent("Kenya", {}, EntityKind::kCountry)},
                                 {"KE"}, "2025-03-03"));
    Fact q = PredQuote("en-a", "Amina Otieno", "Clean water is the first infrastructure,", "Director");
    q.org = Ent("RWA");
    pred.push_back(q);
    Fact r;
    r.type = FactType::kRole;
    r.doc = "en-a";
    r.rule = "role.test";
    r.person = Ent("Peter Kamau", {}, EntityKind::kPerson);
    r.role = "Press Officer";
    r.org = Ent("RWA");
    pred.push_back(r);
    Fact e = PredEvent("Water Futures Forum", "2025-06-10", "Mombasa");
    e.doc = "en-a";
    e.end = "2025-06-12";
    e.place.country = "KE";
    pred.push_back(e);
    Fact d;
    d.type = FactType::kDateline;
    d.doc = "en-a";
    d.rule = "dateline.test";
    d.date = "2025-03-03";
    d.place = Ent("Nairobi", {}, EntityKind::kPlace);
    d.place.country = "KE";
    pred.push_back(d);
  }
};

}  // namespace

TEST_CASE("match keys: NFKC, case folding, no white space or listed punctuation", "[eval]") {
  using presskg::eval::MatchKey;
  using presskg::eval::ToUtf8;
  CHECK(ToUtf8(MatchKey("Dr Hamadoun I. Touré")) == "drhamadounitouré");
  CHECK(ToUtf8(MatchKey("布哈伊马·萨努")) == "布哈伊马萨努");
  CHECK(ToUtf8(MatchKey("《巴黎协定》（2015）")) == "巴黎协定2015");
  CHECK(ToUtf8(MatchKey("ＩＴＵ－Ｄ")) == "itud");  // fullwidth forms fold through NFKC
  CHECK(ToUtf8(MatchKey("STRASSE")) == ToUtf8(MatchKey("straße")));  // full case folding
  CHECK(ToUtf8(MatchKey("“Trust”, is key!")) == "trustiskey!");      // "!" is not in the list
}

TEST_CASE("names: containment with 2 CJK / 3 other characters, or alias equality", "[eval]") {
  using presskg::eval::NamesMatch;
  CHECK(NamesMatch({"萨努"}, {"布哈伊马·萨努"}));           // 2 CJK characters are enough
  CHECK_FALSE(NamesMatch({"萨"}, {"布哈伊马·萨努"}));
  CHECK(NamesMatch({"Sanou"}, {"Brahima Sanou"}));
  CHECK_FALSE(NamesMatch({"UN"}, {"UNDP"}));                // 2 Latin characters are too short to contain
  CHECK(NamesMatch({"UN"}, {"United Nations", "UN"}));      // ...but equal to an alias is fine
  CHECK(NamesMatch({"the International Telecommunication Union"}, {"ITU", "International Telecommunication Union"}));
  CHECK_FALSE(NamesMatch({""}, {""}));
}

TEST_CASE("a perfect prediction scores 1 everywhere", "[eval]") {
  Fixture fx;
  EvalScores s = presskg::Score(fx.gold, fx.pred, fx.docs);
  for (const char* t : {"agreement", "quote", "role", "event", "dateline"}) {
    INFO(t);
    CHECK(T(s, t).tp == 1);
    CHECK(T(s, t).fp == 0);
    CHECK(T(s, t).fn == 0);
    CHECK(T(s, t).f1() == Approx(1.0));
  }
  CHECK(s.micro.tp == 5);
  CHECK(s.micro.precision() == Approx(1.0));
  CHECK(s.micro.recall() == Approx(1.0));
  for (const auto& [name, a] : s.attributes) {
    INFO(name);
    CHECK(a.correct == a.total);
  }
  CHECK(s.attributes.at("agreement.countries").total == 1);
  CHECK(s.errors.empty());
  CHECK(s.by_rule.at("role.test").tp == 1);
  std::string table = presskg::FormatScores(s);
  CHECK(table.find("micro") != std::string::npos);
  CHECK(table.find("agreement.countries") != std::string::npos);
}

TEST_CASE("one missing prediction is a false negative", "[eval]") {
  Fixture fx;
  fx.pred.erase(fx.pred.begin() + 3);  // the event
  fx.gold[3].evidence = "The Water Futures Forum will be held in Mombasa";
  EvalScores s = presskg::Score(fx.gold, fx.pred, fx.docs);
  CHECK(T(s, "event").tp == 0);
  CHECK(T(s, "event").fn == 1);
  CHECK(s.micro.tp == 4);
  CHECK(s.micro.fn == 1);
  CHECK(s.micro.precision() == Approx(1.0));
  CHECK(s.micro.recall() == Approx(0.8));
  REQUIRE(s.errors.size() == 1);
  CHECK(s.errors[0].rfind("FN event en-a: name=Water Futures Forum", 0) == 0);
  CHECK(s.errors[0].find("evidence \"The Water Futures Forum will be held in Mombasa\"") != std::string::npos);
}

TEST_CASE("one spurious prediction is a false positive, counted against its rule", "[eval]") {
  Fixture fx;
  Fact extra = PredEvent("Coastal Cities Summit", "2025-09");
  extra.doc = "en-a";
  extra.rule = "event.spurious";
  fx.pred.push_back(extra);
  EvalScores s = presskg::Score(fx.gold, fx.pred, fx.docs);
  CHECK(T(s, "event").tp == 1);
  CHECK(T(s, "event").fp == 1);
  CHECK(T(s, "event").precision() == Approx(0.5));
  CHECK(s.micro.precision() == Approx(5.0 / 6));
  CHECK(s.by_rule.at("event.spurious").fp == 1);
  CHECK(s.by_rule.at("event.spurious").precision() == Approx(0.0));
  CHECK(presskg::FormatByRule(s).find("event.spurious") != std::string::npos);
}

TEST_CASE("a prediction can match through an alias, and a duplicate finds no second gold fact", "[eval]") {
  std::vector<GoldFact> gold = {GoldAgreement({{"ITU", "International Telecommunication Union"}, {"加纳通信部", "加纳"}})};
  std::vector<Fact> pred = {PredAgreement({Ent("International Telecommunication Union"), Ent("通信部")})};
  EvalScores s = presskg::Score(gold, pred, {});
  CHECK(T(s, "agreement").tp == 1);
  pred.push_back(pred.front());
  s = presskg::Score(gold, pred, {});
  CHECK(T(s, "agreement").tp == 1);
  CHECK(T(s, "agreement").fp == 1);  // each gold fact is matched at most once
}

TEST_CASE("agreement: one extra predicted party is allowed, two are not", "[eval]") {
  std::vector<GoldFact> gold = {GoldAgreement({{"FAO"}, {"Ministry of Agriculture", "Chile"}}, {"CL"})};
  std::vector<Fact> one_extra = {PredAgreement({Ent("FAO"), Ent("Ministry of Agriculture"), Ent("Chile")}, {"CL"})};
  CHECK(T(presskg::Score(gold, one_extra, {}), "agreement").tp == 1);
  std::vector<Fact> two_extra = {
      PredAgreement({Ent("FAO"), Ent("Ministry of Agriculture"), Ent("WFP"), Ent("UNICEF")}, {"CL"})};
  EvalScores s = presskg::Score(gold, two_extra, {});
  CHECK(T(s, "agreement").tp == 0);
  CHECK(T(s, "agreement").fp == 1);
  // Both gold parties cannot be met by the same predicted party.
  std::vector<Fact> one_party = {PredAgreement({Ent("FAO Ministry of Agriculture")})};
  CHECK(T(presskg::Score(gold, one_party, {}), "agreement").tp == 0);
}

TEST_CASE("agreement countries and date are attribute accuracy, not a match condition", "[eval]") {
  std::vector<GoldFact> gold = {GoldAgreement({{"FAO"}, {"Chile"}}, {"CL"}, "2024-05")};
  std::vector<Fact> pred = {PredAgreement({Ent("FAO"), Ent("Chile")}, {"CL", "PE"}, "2024-05")};
  EvalScores s = presskg::Score(gold, pred, {});
  CHECK(T(s, "agreement").tp == 1);
  CHECK(s.attributes.at("agreement.countries").correct == 0);
  CHECK(s.attributes.at("agreement.date").correct == 1);
  bool listed = false;
  for (const std::string& e : s.errors) listed = listed || e.rfind("ATTR agreement.countries", 0) == 0;
  CHECK(listed);
}

TEST_CASE("the assignment is optimal: a loose prediction does not steal a gold fact", "[eval]") {
  std::vector<GoldFact> gold = {GoldEvent({"Youth Forum"}, ""), GoldEvent({"WSIS Forum"}, "")};
  // "Forum" matches both gold events; "WSIS Forum" only the second. Greedy in gold order would give
  // the first prediction to the second gold fact... here gold order makes it take "Youth Forum" first,
  // so put the loose one first in prediction order and the tight one's gold first.
  gold = {GoldEvent({"WSIS Forum"}, ""), GoldEvent({"Youth Forum"}, "")};
  std::vector<Fact> pred = {PredEvent("Forum", ""), PredEvent("WSIS Forum", "")};
  EvalScores s = presskg::Score(gold, pred, {});
  CHECK(T(s, "event").tp == 2);
  CHECK(T(s, "event").fp == 0);
}

TEST_CASE("event: start dates agree when one is a prefix of the other", "[eval]") {
  std::vector<GoldFact> gold = {GoldEvent({"Blue Economy Summit"}, "2024-05-30", "Lisbon")};
  CHECK(T(presskg::Score(gold, {PredEvent("Blue Economy Summit", "2024")}, {}), "event").tp == 1);
  CHECK(T(presskg::Score(gold, {PredEvent("Blue Economy Summit", "2024-05-30")}, {}), "event").tp == 1);
  CHECK(T(presskg::Score(gold, {PredEvent("Blue Economy Summit", "")}, {}), "event").tp == 1);
  CHECK(T(presskg::Score(gold, {PredEvent("Blue Economy Summit", "2024-06")}, {}), "event").tp == 0);
  CHECK(T(presskg::Score(gold, {PredEvent("Blue Economy Summit", "2024-05-03")}, {}), "event").tp == 0);
  // Place is an attribute: a wrong place still matches the event.
  EvalScores s = presskg::Score(gold, {PredEvent("Blue Economy Summit", "2024-05", "Porto")}, {});
  CHECK(T(s, "event").tp == 1);
  CHECK(s.attributes.at("event.place").correct == 0);
}

TEST_CASE("dateline: date equal and place matching", "[eval]") {
  GoldFact g;
  g.doc = "zh-d";
  g.type = "dateline";
  g.date = "2019-11-05";
  g.place = {"日内瓦"};
  Fact p;
  p.type = FactType::kDateline;
  p.doc = "zh-d";
  p.date = "2019-11-05";
  p.place = Ent("瑞士日内瓦", {}, EntityKind::kPlace);
  CHECK(T(presskg::Score({g}, {p}, {}), "dateline").tp == 1);
  p.date = "2019-11";
  CHECK(T(presskg::Score({g}, {p}, {}), "dateline").tp == 0);  // dates must be equal, not prefixes
  p.date = "2019-11-05";
  p.place = Ent("北京", {}, EntityKind::kPlace);
  CHECK(T(presskg::Score({g}, {p}, {}), "dateline").tp == 0);
}

TEST_CASE("quote: a split block is ignored, another speaker or invented text is not", "[eval]") {
  std::string long_quote = "水安全是发展的前提，";
  for (int i = 0; i < 20; ++i) long_quote += "第" + std::to_string(i) + "项措施已经落实到各个地区，";  // ~20 x 14 characters
  std::map<std::string, std::string> docs = {
      {"zh-q", "国际水资源组织总干事林海明表示：“" + long_quote + "。”他说：“我们将与各国一起努力。”\n"
               "另据报道，会议还讨论了其他议题。"}};
  std::vector<GoldFact> gold = {GoldQuote("zh-q", {"林海明"}, "水安全是发展的前提", "总干事")};
  // One prediction per quotation-mark pair: the second pair starts more than 250 characters after the
  // block, so it finds no gold quote, and it is neither true nor false.
  std::vector<Fact> pred = {PredQuote("zh-q", "林海明", long_quote, "总干事"),
                            PredQuote("zh-q", "林海明", "我们将与各国一起努力。")};
  EvalScores s = presskg::Score(gold, pred, docs);
  CHECK(T(s, "quote").tp == 1);
  CHECK(T(s, "quote").fp == 0);
  CHECK(T(s, "quote").ignored == 1);
  CHECK(T(s, "quote").precision() == Approx(1.0));
  // The same text given to someone else is wrong; so is text that is not in the release.
  pred = {PredQuote("zh-q", "王小明", "我们将与各国一起努力。"), PredQuote("zh-q", "林海明", "这句话并不在新闻稿里。")};
  s = presskg::Score(gold, pred, docs);
  CHECK(T(s, "quote").fp == 2);
  CHECK(T(s, "quote").fn == 1);
}

TEST_CASE("quote: many-to-one, and the 250-character window", "[eval]") {
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "The programme covers rural clinics. ";  // ~30 x 30 key characters
  std::map<std::string, std::string> docs = {
      {"en-q", "Dr Lena Moritz said that the new network would reach every district. \"We start in the north,\" "
               "she added. \"Then the coast.\"\n" + filler + "\n\"Funding is secured until 2030,\" Moritz said."}};
  std::vector<GoldFact> gold = {GoldQuote("en-q", {"Lena Moritz", "Moritz"}, "the new network would reach"),
                                GoldQuote("en-q", {"Lena Moritz", "Moritz"}, "Funding is secured until")};
  // Starts at the direct quotation, ~60 characters after the gold's reported speech: within the window.
  std::vector<Fact> pred = {PredQuote("en-q", "Moritz", "We start in the north, Then the coast.")};
  EvalScores s = presskg::Score(gold, pred, docs);
  CHECK(T(s, "quote").tp == 1);
  CHECK(T(s, "quote").fn == 1);
  CHECK(T(s, "quote").PredictedTp() == 1);
  // The later paragraph is more than 250 normalised characters away: not the same block.
  pred = {PredQuote("en-q", "Moritz", "Funding is secured until 2030")};
  s = presskg::Score({gold[0]}, pred, docs);
  CHECK(T(s, "quote").tp == 0);
  CHECK(T(s, "quote").ignored == 1);  // same speaker, text in the release: a differently split block
  // One prediction holding text that matches both gold quotations finds both.
  GoldFact near = GoldQuote("en-q", {"Moritz"}, "We start in the north");
  pred = {PredQuote("en-q", "Lena Moritz", "the new network would reach every district")};
  s = presskg::Score({gold[0], near}, pred, docs);
  CHECK(T(s, "quote").tp == 2);
  CHECK(T(s, "quote").PredictedTp() == 1);
  CHECK(T(s, "quote").precision() == Approx(1.0));
  CHECK(T(s, "quote").recall() == Approx(1.0));
}

TEST_CASE("role: a role predicted for a quoted person is ignored", "[eval]") {
  std::vector<GoldFact> gold = {GoldQuote("en-r", {"Amina Otieno"}, "Clean water is the first", "Director")};
  Fact r;
  r.type = FactType::kRole;
  r.doc = "en-r";
  r.rule = "role.test";
  r.person = Ent("Otieno", {}, EntityKind::kPerson);
  r.role = "Director";
  Fact other = r;
  other.person = Ent("John Mwangi", {}, EntityKind::kPerson);
  EvalScores s = presskg::Score(gold, {r, other}, {});
  CHECK(T(s, "role").ignored == 1);
  CHECK(T(s, "role").fp == 1);  // John Mwangi is not quoted and has no gold role
  CHECK(s.by_rule.at("role.test").ignored == 1);
}

TEST_CASE("role: person and role must both match", "[eval]") {
  GoldFact g;
  g.doc = "en-r";
  g.type = "role";
  g.person = {"Sanjay Patel"};
  g.role = "Chief, Media Relations";
  Fact r;
  r.type = FactType::kRole;
  r.doc = "en-r";
  r.person = Ent("Sanjay Patel", {}, EntityKind::kPerson);
  r.role = "Media Relations";
  CHECK(T(presskg::Score({g}, {r}, {}), "role").tp == 1);
  r.role = "Spokesperson";
  CHECK(T(presskg::Score({g}, {r}, {}), "role").tp == 0);
}

TEST_CASE("LoadGold reads GOLD.md lines and names the bad line", "[eval]") {
  std::string path = "eval_test_gold.jsonl";
  {
    std::ofstream out(path);
    out << R"({"doc": "zh-a", "type": "agreement", "kind": "mou", "parties": [["国际电联", "ITU"], ["加纳"]], "countries": ["GH"], "date": null, "evidence": "x"})"
        << "\n\n"
        << R"({"doc": "zh-a", "type": "event", "name": ["论坛"], "start": "2013", "end": null, "place": null, "country": null})"
        << "\n";
  }
  auto gold = presskg::LoadGold(path);
  REQUIRE(gold.ok());
  REQUIRE(gold->size() == 2);
  CHECK((*gold)[0].parties.size() == 2);
  CHECK((*gold)[0].parties[0][1] == "ITU");
  CHECK((*gold)[0].date.empty());
  CHECK((*gold)[1].line == 3);
  CHECK((*gold)[1].start == "2013");
  {
    std::ofstream out(path);
    out << R"({"doc": "zh-a", "type": "dateline", "date": "2013-05-16"})" << "\n"
        << R"({"doc": "zh-a", "type": "rumour"})" << "\n";
  }
  gold = presskg::LoadGold(path);
  REQUIRE_FALSE(gold.ok());
  CHECK(gold.status().where().line == 2);
  CHECK(gold.status().message().find("rumour") != std::string::npos);
  {
    std::ofstream out(path);
    out << "{\"doc\": \"zh-a\", \"type\": \n";
  }
  gold = presskg::LoadGold(path);
  REQUIRE_FALSE(gold.ok());
  CHECK(gold.status().code() == presskg::StatusCode::kParseError);
  std::remove(path.c_str());
  CHECK_FALSE(presskg::LoadGold("no/such/gold.jsonl").ok());
}

TEST_CASE("language groups by id prefix or detected language", "[eval]") {
  CHECK(presskg::LanguageGroup("zh-itu-2013", "") == "zh");
  CHECK(presskg::LanguageGroup("release-7", "zh-Hant") == "zh");
  CHECK(presskg::LanguageGroup("release-8", "en") == "en");
  CHECK(presskg::LanguageGroup("release-9", "fr") == "other");
}
