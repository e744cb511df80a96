// Sentence breaks: the table-driven fast path of SentenceBreaks must give exactly the breaks of
// ICU's iterator (IcuSentenceBreaks) on every text, for lines it takes and lines it hands to ICU.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "presskg/sources.h"
#include "presskg/text.h"
#include "text/internal.h"

namespace {

void SameAsIcu(const std::string& norm, const std::string& lang) {
  std::vector<std::size_t> fast, icu;
  presskg::text::SentenceBreaks(norm, lang, &fast);
  presskg::text::IcuSentenceBreaks(norm, lang, &icu);
  INFO("language " << lang << ", text: " << norm);
  REQUIRE(fast == icu);
}

}  // namespace

TEST_CASE("sentence breaks: fast path equals ICU on written texts", "[text][sentences][icu]") {
  const std::vector<std::string> texts = {
      "",
      "\n",
      "\n\n\n",
      "国际电联今天在日内瓦宣布。双方将加强合作！会议何时举行？",
      "他说：“我们将继续合作。”随后双方签署了协议。",
      "他说：“我们将继续合作。” 随后双方签署了协议。",
      "会议结束。、下一步。,再下一步!?好的。\r\n第二段。\r第三段。\xE2\x80\xA8第四段。\xE2\x80\xA9第五段。\xC2\x85末",
      "第一句。)」 第二句。  \n第三句。 ”第四句。",
      "增长3.5%。第二句。",                  // ATerm in a number: the line goes to ICU
      "Dr. Lee said so. Next sentence!\nSecond line without a stop\nThird line? Yes.",
      "标题\n\n正文第一句。正文第二句。\n\n联系人：王先生\n",
      "末尾没有句号",
      "句号后是空格再换行。 \n下一行。",
      "软\xC2\xAD连字符。后面一句。",           // Format (soft hyphen): ICU
      "组合\xCC\x81字符。后面一句。",           // Extend: ICU
      "引号“开。”后。“又开！”再后？",
      "First!Second?Third。第四",
  };
  for (const std::string& t : texts)
    for (const char* lang : {"zh-Hans", "en", "ja"}) SameAsIcu(t, lang);
}

TEST_CASE("sentence breaks: fast path equals ICU on random text", "[text][sentences][icu][property]") {
  // Every Sentence_Break class that the fast path tells apart or hands over, in several spellings.
  const std::vector<std::string> pool = {
      "国", "际", "会", "议", "合", "作", "。", "。", "!", "?", "\xEF\xBC\x81" /* ！ */,
      "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE3\x80\x8C", "\xE3\x80\x8D", "(", ")", "\"", "'", "\xE3\x80\x8A",
      " ", " ", "\t", "\xE3\x80\x80" /* ideographic space */, "\xC2\xA0",
      ",", "\xE3\x80\x81" /* 、 */, ":", ";", "-", "\xEF\xBC\x8C" /* ， */,
      "\n", "\r", "\r\n", "\xE2\x80\xA9", "\xC2\x85",
      ".", "a", "B", "7", "\xCC\x81" /* Extend */, "\xC2\xAD" /* Format */,
      "\xE3\x81\x82" /* hiragana */, "\xF0\xA0\x80\x80" /* CJK ext B */, "\xF0\x9F\x98\x80" /* emoji */,
      "\xE4\xB8\x80", "\xE9\xBE\xA5", "\xE3\x90\x80" /* ideographs at the edges of E3–E9 */,
  };
  std::mt19937 rng(20261124);
  for (int iter = 0; iter < 4000; ++iter) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 40);
    // Half of the texts without ATerm/Extend/Format, so the fast path takes whole texts.
    bool simple = iter % 2 == 0;
    for (int i = 0; i < n; ++i) {
      const std::string& c = pool[rng() % pool.size()];
      if (simple && (c == "." || c == "\xCC\x81" || c == "\xC2\xAD")) continue;
      s += c;
    }
    SameAsIcu(s, iter % 3 == 0 ? "en" : "zh-Hans");
  }
}

TEST_CASE("sentence breaks: fast path equals ICU on long runs of ideographs", "[text][sentences][icu][property]") {
  // The fast path skips sixteen bytes at a time over ideographs and ordinary ASCII outside
  // STerm Close* Sp*: runs of every length between the characters that stop it.
  const std::vector<std::string> filler = {"国", "际", "会", "议", "a", " ", ",", "7", "\xE9\xBE\xA5", "\xE4\xB8\x80"};
  const std::vector<std::string> stops = {"。", "!", "?", ".", "\n", "\r\n", "\xE2\x80\x9D", "\xE3\x80\x8D",
                                          "\xE3\x80\x81", ")", "\xCC\x81", "\xC2\xAD", "\xE2\x80\xA9",
                                          "\xF0\xA0\x80\x80", "\xE3\x81\x82", "\xC2\xB7", "\xE2\x80\x94"};
  std::mt19937 rng(20261125);
  for (int iter = 0; iter < 2000; ++iter) {
    std::string s;
    const int pieces = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < pieces; ++k) {
      const int len = static_cast<int>(rng() % 24);
      for (int i = 0; i < len; ++i) s += filler[rng() % filler.size()];
      s += stops[rng() % stops.size()];
      if (rng() % 2) s += stops[rng() % stops.size()];
    }
    SameAsIcu(s, iter % 4 == 0 ? "ja" : "zh-Hans");
  }
}

TEST_CASE("sentence breaks: full stops and abbreviations equal ICU", "[text][sentences][icu][property]") {
  // Lines with ATerm go through the full rule loop (SB6–SB11) and ICU's own "@ss=standard"
  // exception filter: words of every Sentence_Break class around full stops, abbreviations that
  // ICU suppresses (whole, cut, in other cases, glued to letters), numbers, quotes and brackets.
  const std::vector<std::string> pool = {
      "Mr.", "Dr.", "Mrs.", "U.S.", "U.K.", "Ph.D.", "e.g.", "i.e.", "Jan.", "No.", "Inc.", "Ltd.", "a.m.", "p.m.",
      "Co.", "vs.", "St.", "Prof.", "etc.", "mr.", "MR.", "xMr.", "Ph.", "D.", "U.", "S.",
      "word", "Word", "WORD", "a", "I", "3", "3.5", "2013", "x1", ".", ".", ". ", "..", "...", "!", "?", "。", "!.", "?.",
      " ", " ", "  ", "\t", "\xC2\xA0", ",", ";", ":", "-", "(", ")", "\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D",
      "\xE2\x80\x99", "[", "]", "\n", "\r\n", "\xE2\x80\xA9", "国际", "合作", "\xC3\xA9t\xC3\xA9", "\xC3\x89" "cole",
      "\xCE\xB1", "\xCE\x91", "\xD0\x96", "\xE2\x91\xA0", "\xEF\xBC\x8E" /* ． */, "\xF0\x9F\x98\x80",
  };
  std::mt19937 rng(20261126);
  for (int iter = 0; iter < 6000; ++iter) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) {
      s += pool[rng() % pool.size()];
      if (rng() % 3 == 0) s += ' ';
    }
    // A few with Extend or Format too (ICU takes those lines).
    if (iter % 10 == 0) s.insert(rng() % (s.size() + 1), iter % 20 == 0 ? "\xCC\x81" : "\xC2\xAD");
    SameAsIcu(s, iter % 3 == 0 ? "zh-Hans" : iter % 3 == 1 ? "en" : "ja");
  }
}

TEST_CASE("sentence breaks: fast path equals ICU on the samples", "[text][sentences][icu][samples]") {
  namespace fs = std::filesystem;
  std::vector<std::string> texts;
  fs::path dir = fs::path(PRESSKG_SOURCE_DIR) / "samples";
  presskg::Status st = presskg::ReadSources({dir.string()}, {}, [&](presskg::SourceItem&& item) {
    if (item.report.status == presskg::DocStatus::kConverted) texts.push_back(item.doc.text);
    return presskg::Status::OK();
  });
  REQUIRE(st.ok());
  REQUIRE(texts.size() >= 5);
  for (const std::string& text : texts) {
    presskg::Document d;
    d.id = "sample";
    d.text = text;
    auto t = presskg::PrepareText(d);
    REQUIRE(t.ok());
    SameAsIcu(t->normalized(), t->language());
  }
}
