// Fact assembly slots every unit, quotation and line window of a release into one reused
// SlottedText (rules::SlotInto) and keeps its lists, tables and candidate facts in a per-thread
// workspace. These tests check that reuse changes nothing: a reused slotting equals a fresh one
// whatever came before it, slot tokens are the code points the header specifies, and BuildFacts
// gives the same facts for a release however many other releases the thread built before.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "facts/builder.h"
#include "facts/fake_doc.h"
#include "presskg/mention.h"
#include "presskg/text.h"
#include "rules/engine.h"

using namespace presskg;

namespace {

void AppendUtf8(std::string* s, char32_t c) {
  if (c < 0x80) {
    s->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    s->push_back(static_cast<char>(0xC0 | (c >> 6)));
    s->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    s->push_back(static_cast<char>(0xE0 | (c >> 12)));
    s->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The token as engine.h defines it, one code point at a time.
std::string ReferenceToken(MentionType t, std::size_t index) {
  std::string s;
  AppendUtf8(&s, rules::kTypeMarkBase + static_cast<char32_t>(t));
  std::string digits = std::to_string(index);
  for (char d : digits) AppendUtf8(&s, rules::kDigitBase + static_cast<char32_t>(d - '0'));
  AppendUtf8(&s, rules::kSlotEnd);
  return s;
}

void RequireSame(const rules::SlottedText& a, const rules::SlottedText& b) {
  REQUIRE(a.text == b.text);
  REQUIRE(a.mentions == b.mentions);
  REQUIRE(a.norm_begin == b.norm_begin);
  REQUIRE(a.norm_end == b.norm_end);
  REQUIRE(a.tokens_in_runs == b.tokens_in_runs);
  REQUIRE(a.to_norm.size() == b.to_norm.size());
  for (std::size_t i = 0; i < a.to_norm.size(); ++i) REQUIRE(a.to_norm[i] == b.to_norm[i]);
  REQUIRE(a.to_norm.runs().size() == b.to_norm.runs().size());
  for (std::size_t i = 0; i < a.to_norm.runs().size(); ++i) {
    REQUIRE(a.to_norm.runs()[i].at == b.to_norm.runs()[i].at);
    REQUIRE(a.to_norm.runs()[i].token == b.to_norm.runs()[i].token);
  }
}

std::vector<rules::SlotMention> Light(const std::vector<Mention>& ms) {
  std::vector<rules::SlotMention> out;
  for (const Mention& m : ms) out.push_back(rules::SlotMention{m.begin, m.end, m.type});
  return out;
}

}  // namespace

TEST_CASE("slot tokens are the code points engine.h names", "[facts][slot]") {
  for (int t = 0; t <= static_cast<int>(MentionType::kQuote); ++t)
    for (std::size_t i : std::vector<std::size_t>{0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 4294967296ull}) {
      CAPTURE(t, i);
      REQUIRE(rules::SlotToken(static_cast<MentionType>(t), i) == ReferenceToken(static_cast<MentionType>(t), i));
    }
}

TEST_CASE("a reused SlottedText equals a fresh slotting, on random texts and mentions", "[facts][slot]") {
  std::mt19937 rng(20261124);
  // Pieces: ASCII, CJK, new lines, and slot-alphabet characters (which make Slot mark the text
  // unclean, so MentionsIn decodes tokens instead of reading runs).
  const std::vector<std::string> pieces = {"a", "Bc ", "\n", "合作", "。", "“", "”", "\xEE\x80\x81", "\xEE\x80\x9F", "12"};
  rules::SlottedText reused;  // carried across all rounds: long and short ranges alternate
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 120);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    // Sorted, non-overlapping mentions on byte offsets (Slot works on bytes); many, so that
    // token indices reach two digits.
    std::vector<Mention> ms;
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t b = pos + rng() % 4, e = b + 1 + rng() % 5;
      if (e > text.size()) break;
      Mention m;
      m.type = static_cast<MentionType>(rng() % 7);
      m.begin = b;
      m.end = e;
      ms.push_back(m);
      pos = e;
    }
    const std::vector<rules::SlotMention> light = Light(ms);
    for (int cut = 0; cut < 4; ++cut) {
      std::size_t b = rng() % (text.size() + 1), e = b + rng() % (text.size() - b + 1);
      CAPTURE(round, cut, b, e);
      rules::SlottedText fresh = rules::Slot(text, b, e, ms);
      rules::SlotInto(text, b, e, light, &reused);
      RequireSame(fresh, reused);
      rules::SlotInto(text, b, e, ms, &reused);
      RequireSame(fresh, reused);
      std::vector<std::size_t> into = {7, 7, 7};  // cleared first
      for (std::size_t x = 0; x <= fresh.text.size(); x += 1 + fresh.text.size() / 5) {
        rules::MentionsInto(reused, x, fresh.text.size(), &into);
        REQUIRE(into == rules::MentionsIn(fresh, x, fresh.text.size()));
      }
    }
  }
}

TEST_CASE("BuildFacts gives the same facts after other releases on the same thread", "[facts][slot]") {
  static rules::RuleBook* book = [] {
    auto* b = new rules::RuleBook;
    Status st = b->LoadDir(std::string(PRESSKG_SOURCE_DIR) + "/extractor/rules");
    if (!st.ok()) FAIL(st.ToString());
    return b;
  }();
  auto finder = MentionFinder::Load(MentionOptions{});
  REQUIRE(finder.ok());
  // Written for this test: an agreement, quotations with a short name, a role, a contact block.
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"日内瓦，2024年3月5日——国际电信联盟与斐济政府今天在日内瓦签署谅解备忘录。"
       "国际电联秘书长多琳·伯格丹-马丁表示：“这份备忘录将帮助更多学校接入宽带。”\n\n"
       "伯格丹-马丁还说：“我们期待与斐济继续合作，把更多社区连接起来。”\n\n"
       "联系人：\n\n国际电信联盟\n新闻官\n张明华\n",
       "2024-03-05"},
      {"GENEVA, 5 March 2024 - The International Telecommunication Union (ITU) and the Government of "
       "Fiji signed a memorandum of understanding today.\n\n\"This agreement brings schools online,\" "
       "said ITU Secretary-General Doreen Bogdan-Martin.\n\n\"We will keep working with Fiji,\" "
       "Bogdan-Martin added.\n\nMedia contact:\nAnna Berg\nPress Officer, ITU\n",
       ""},
      {"罗马，2023年6月1日——联合国粮食及农业组织与意大利政府签署合作协议。", ""},
  };
  auto run = [&](std::size_t k) {
    Document doc;
    doc.id = "reuse-" + std::to_string(k);
    doc.text = texts[k].first;
    doc.date = texts[k].second;
    auto t = PrepareText(doc);
    REQUIRE(t.ok());
    facts::DocView v = facts::ViewOf(doc, *t);
    std::vector<Mention> ms = (*finder)->Find(*t, MentionContext{doc.date});
    facts::BuildResult r = facts::BuildFacts(*book, v, ms);
    std::string dump;
    for (const std::string& f : r.fired) dump += "fired " + f + "\n";
    for (const Fact& f : r.facts) {
      dump += std::string(FactTypeName(f.type)) + " " + f.rule + " " + f.kind + " " + f.role + " " + f.quote + " " +
              f.name + " " + f.date + " " + f.person.name + " " + f.org.name + " " + f.place.name + " " +
              std::to_string(f.evidence.begin) + "-" + std::to_string(f.evidence.end);
      for (const EntityRef& p : f.parties) dump += " party " + p.name + " " + p.key + " " + p.country;
      for (const std::string& a : f.person.aliases) dump += " alias " + a;
      for (const std::string& c : f.countries) dump += " cc " + c;
      dump += "\n";
    }
    return dump;
  };
  std::vector<std::string> first;
  for (std::size_t k = 0; k < texts.size(); ++k) first.push_back(run(k));
  REQUIRE(first[0].find("agreement") != std::string::npos);
  REQUIRE(first[1].find("quote") != std::string::npos);
  // Other orders and repeats: each release's facts stay the same.
  for (std::size_t k : std::vector<std::size_t>{2, 0, 0, 1, 2, 1, 0}) REQUIRE(run(k) == first[k]);
}
