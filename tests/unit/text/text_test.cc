// The text model: normalised view, offset map (checked against ICU used directly as an oracle),
// language, paragraphs, sentences, quotations, dateline and boilerplate. Texts are written for
// these tests in the style of releases.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <atomic>
#include <memory>
#include <mutex>
#include <cstring>
#include <random>
#include <sstream>
#include <thread>

#include "presskg/sources.h"
#include "presskg/text.h"

using presskg::Document;
using presskg::PreparedText;
using presskg::PrepareText;
using presskg::TextOptions;

namespace {

// NFKC, then Hant→Hans with ICU's transliterator on the whole string, and every line end (CR LF,
// CR, NEL, LS, PS) as LF: what the view must equal.
std::string Oracle(const std::string& in, bool fold = true) {
  // A single space between an ideograph of U+4000–U+9FFF and an ASCII digit is dropped.
  std::string s;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == ' ' && i + 1 < in.size()) {
      auto ideograph_at = [&](std::size_t k) {
        return k + 3 <= in.size() && static_cast<unsigned char>(in[k]) >= 0xE4 && static_cast<unsigned char>(in[k]) <= 0xE9;
      };
      auto digit_at = [&](std::size_t k) { return k < in.size() && in[k] >= '0' && in[k] <= '9'; };
      if ((i >= 3 && ideograph_at(i - 3) && digit_at(i + 1)) || (i >= 1 && digit_at(i - 1) && ideograph_at(i + 1)))
        continue;
    }
    s += in[i];
  }
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> hant;
  std::lock_guard<std::mutex> lock(mu);
  UErrorCode e = U_ZERO_ERROR;
  if (!hant) hant.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, e));
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(e);
  icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(s), e);
  if (fold) hant->transliterate(u);
  u.findAndReplace(icu::UnicodeString(u"\r\n"), icu::UnicodeString(u"\n"));
  for (const char16_t* sep : {u"\r", u"\u0085", u"\u2028", u"\u2029"})
    u.findAndReplace(icu::UnicodeString(sep), icu::UnicodeString(u"\n"));
  std::string out;
  return u.toUTF8String(out);
}

PreparedText Prep(const std::string& text, const std::string& lang = "", const std::string& doc_lang = "") {
  Document d;
  d.text = text;
  d.lang = doc_lang;
  TextOptions o;
  o.lang = lang;
  auto r = PrepareText(d, o);
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::vector<std::string> SentenceTexts(const PreparedText& t) {
  std::vector<std::string> out;
  for (const auto& s : t.sentences()) out.emplace_back(t.NormalizedView(s));
  return out;
}

// Checks the offset map's invariants and that every run maps to original bytes whose
// normalisation is exactly the run's normalized bytes.
void CheckOffsetMap(const PreparedText& t, bool fold = true) {
  const auto& runs = t.offset_runs();
  REQUIRE(!runs.empty());
  CHECK(runs.front().norm == 0);
  CHECK(runs.front().orig == 0);
  CHECK(runs.back().norm == t.normalized().size());
  CHECK(runs.back().orig == t.original().size());
  for (size_t i = 0; i + 1 < runs.size(); ++i) {
    const auto& r = runs[i];
    const auto& n = runs[i + 1];
    REQUIRE(r.norm <= n.norm);
    REQUIRE(r.orig < n.orig);
    std::string orig = t.original().substr(r.orig, n.orig - r.orig);
    std::string norm = t.normalized().substr(r.norm, n.norm - r.norm);
    if (r.identity) REQUIRE(orig == norm);
    INFO("run " << i << " original '" << orig << "'");
    if (orig == " " && norm.empty()) {
      // A space dropped between an ideograph and a digit: the rule needs the characters around it.
      const std::string& o = t.original();
      const std::string context = o.substr(r.orig >= 3 ? r.orig - 3 : 0, std::min<std::size_t>(o.size(), r.orig + 4) - (r.orig >= 3 ? r.orig - 3 : 0));
      CHECK(Oracle(context, fold).find(' ') == std::string::npos);
      continue;
    }
    REQUIRE(Oracle(orig, fold) == norm);
  }
}

}  // namespace

TEST_CASE("normalised view", "[text][normalize]") {
  struct Case {
    const char* original;
    const char* normalized;
  };
  const Case cases[] = {
      {"２０１３年５月１６日", "2013年5月16日"},
      {"國際電信聯盟秘書長", "国际电信联盟秘书长"},
      {"日内瓦　会议", "日内瓦 会议"},
      {"（记者　王明）：", "(记者 王明):"},
      {"ＩＴＵ ｆｉｎａｌ", "ITU final"},
      {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"},  // e + combining acute composes
      {"①②", "12"},
      {"plain ASCII stays", "plain ASCII stays"},
      {"\xEF\xAC\x81nance", "finance"},  // ﬁ ligature
  };
  for (const Case& c : cases) {
    PreparedText t = Prep(c.original);
    CHECK(t.normalized() == c.normalized);
    CHECK(t.original() == c.original);
    CheckOffsetMap(t);
  }
  SECTION("fold_traditional = false keeps traditional characters") {
    Document d;
    d.text = "國際電信聯盟";
    TextOptions o;
    o.fold_traditional = false;
    auto t = PrepareText(d, o);
    CHECK(t->normalized() == "國際電信聯盟");
  }
}

TEST_CASE("offsets map back to the original characters", "[text][offsets]") {
  PreparedText t = Prep("２０１３年，國際電聯在日內瓦");
  // "2013" came from four full-width digits (3 bytes each).
  CHECK(t.normalized().substr(0, 4) == "2013");
  CHECK(t.OriginalText(0, 4) == "２０１３");
  CHECK(t.OriginalText(1, 3) == "０１");
  std::size_t itu = t.normalized().find("国际电联");
  REQUIRE(itu != std::string::npos);
  CHECK(t.OriginalText(itu, itu + std::string("国际电联").size()) == "國際電聯");
  presskg::Span s = t.ToOriginal(itu, itu + 3);
  CHECK(t.original().substr(s.begin, s.end - s.begin) == "國");
  CHECK(t.ToNormalized(s.begin) == itu);
  // Empty and out-of-range requests stay inside the text.
  presskg::Span e = t.ToOriginal(t.normalized().size() + 10, t.normalized().size() + 20);
  CHECK(e.begin == t.original().size());
  CHECK(e.empty());
  // A composed character maps only as a whole.
  PreparedText c = Prep("cafe\xCC\x81!");
  CHECK(c.normalized() == "caf\xC3\xA9!");
  CHECK(c.OriginalText(3, 5) == "e\xCC\x81");
}

TEST_CASE("offset map property over random Unicode text", "[text][offsets][property]") {
  // Pools: ASCII, simplified and traditional Han, full-width forms, combining marks, compatibility
  // characters, emoji, Hangul jamo (compose), punctuation and spaces of several widths.
  const std::vector<std::string> pool = {
      "a", "Z", "7", " ", ".", "\n", "\"", "e", "o", "\r", "\r\n", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9",
      "国", "际", "会", "议", "发", "展", "合", "作", "乾", "干",
      "國", "際", "會", "議", "發", "展", "臺", "灣", "後", "髮",
      "０", "９", "Ａ", "ｚ", "，", "：", "（", "）", "！", "　",
      "\xCC\x81", "\xCC\x88", "\xCC\xA3", "\xE3\x82\x99",  // combining acute, diaeresis, dot below, kana voicing
      "\xE3\x88\xB1", "\xEF\xAC\x81", "\xE2\x91\xA0", "\xE2\x84\xA2", "\xC2\xBD",  // ㈱ ﬁ ① ™ ½
      "\xF0\x9F\x98\x80", "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", "\xF0\xA0\x80\x80",  // emoji, flag, CJK ext B
      "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8",  // Hangul L, V, T jamo
      "\xE3\x80\x82", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xA0", "\xE2\x80\x93",
      "\xEF\xBE\x8A", "\xEF\xBE\x9F",  // half-width katakana + semi-voiced mark (compose under NFKC)
  };
  std::mt19937 rng(20240601);
  const icu::Normalizer2* nfkc;
  UErrorCode e = U_ZERO_ERROR;
  nfkc = icu::Normalizer2::getNFKCInstance(e);
  for (int iter = 0; iter < 300; ++iter) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) s += pool[rng() % pool.size()];
    INFO("text: " << s);
    PreparedText t = Prep(s);
    REQUIRE(t.normalized() == Oracle(s));
    CheckOffsetMap(t);
    // Any range cut where normalisation may cut maps to original bytes normalising to it.
    std::vector<std::size_t> cuts;
    const auto& runs = t.offset_runs();
    for (size_t i = 0; i + 1 < runs.size(); ++i) {
      cuts.push_back(runs[i].norm);
      if (!runs[i].identity) continue;
      for (size_t p = runs[i].norm + 1; p < runs[i + 1].norm; ++p) {
        if ((static_cast<unsigned char>(t.normalized()[p]) & 0xC0) == 0x80) continue;
        UChar32 c = icu::UnicodeString::fromUTF8(t.normalized().substr(p, 4)).char32At(0);
        if (nfkc->hasBoundaryBefore(c)) cuts.push_back(p);
      }
    }
    cuts.push_back(t.normalized().size());
    for (int k = 0; k < 20; ++k) {
      std::size_t a = cuts[rng() % cuts.size()], b = cuts[rng() % cuts.size()];
      if (a > b) std::swap(a, b);
      presskg::Span sp = t.ToOriginal(a, b);
      REQUIRE(sp.begin <= sp.end);
      REQUIRE(Oracle(t.original().substr(sp.begin, sp.end - sp.begin)) == t.normalized().substr(a, b - a));
    }
  }
}

TEST_CASE("offset map over long runs of three-byte characters", "[text][offsets][property]") {
  // Normalize looks up runs of three-byte characters directly while the next character has an
  // NFKC boundary before it: runs of ideographs, CJK punctuation and full-width forms, ended by
  // characters that compose with the one before (kana voicing marks, Hangul jamo, combining marks
  // in two and three bytes), ASCII, two-byte characters and supplementary ones, near the end too.
  const std::vector<std::string> run = {"国", "际", "會", "議", "，", "。", "（", "）", "：", "\xE2\x80\x9C",
                                        "\xE2\x80\x9D", "\xE3\x80\x81", "\xEF\xBD\xB6" /* ｶ */,
                                        "\xE3\x82\xAB" /* カ */, "\xEA\xB0\x80" /* 가 */, "\xE2\x91\xA0" /* ① */};
  const std::vector<std::string> end = {"\xE3\x82\x99", "\xEF\xBE\x9E", "\xE1\x85\xA1", "\xE1\x86\xA8",
                                        "\xCC\x81", "\xE2\x83\x97" /* U+20D7 */, "a", " ", "1", "\n", "\xC2\xB7",
                                        "\xC2\xA0", "\xF0\xA0\x80\x80", "\xED\x9F\xBB" /* U+D7FB */, "\xE0\xA4\x95"};
  std::mt19937 rng(20261125);
  for (int iter = 0; iter < 400; ++iter) {
    std::string s;
    const int pieces = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < pieces; ++k) {
      const int len = static_cast<int>(rng() % 12);
      for (int i = 0; i < len; ++i) s += run[rng() % run.size()];
      s += end[rng() % end.size()];
    }
    INFO("text: " << s);
    PreparedText t = Prep(s);
    REQUIRE(t.normalized() == Oracle(s));
    CheckOffsetMap(t);
  }
}

TEST_CASE("ill-formed UTF-8 in a document does not break the map", "[text][offsets]") {
  PreparedText t = Prep(std::string("ab\xFF\xC3 国\xE5\x9B"));
  CHECK(t.normalized() == "ab\xEF\xBF\xBD\xEF\xBF\xBD \xE5\x9B\xBD\xEF\xBF\xBD");
  CHECK(t.OriginalText(2, 5) == "\xFF");
}

TEST_CASE("language", "[text][language]") {
  struct Case {
    const char* text;
    const char* forced;
    const char* declared;
    const char* want;
  };
  const Case cases[] = {
      {"国际合作组织与滨海大学今天签署了谅解备忘录，双方将开展长期合作。", "", "", "zh-Hans"},
      {"國際合作組織與濱海大學今天簽署了諒解備忘錄，雙方將展開長期合作。", "", "", "zh-Hant"},
      {"The institute and the university signed an agreement on research and training in the region.", "", "", "en"},
      {"L'institut et l'université ont signé un accord pour la recherche et la formation dans les régions.", "", "", "fr"},
      {"El instituto y la universidad firmaron un acuerdo para la investigación y la formación en las regiones.", "", "", "es"},
      {"Институт и университет подписали соглашение о сотрудничестве.", "", "", "ru"},
      {"2013 2014 -- 42", "", "", "und"},
      {"Two bodies signed a pact.", "", "", "en"},
      {"Zwei Behörden unterzeichneten heute eine Vereinbarung über Forschung, Ausbildung und gemeinsame "
       "Projekte in mehreren Regionen, wie die Behörden mitteilten, nachdem sie monatelang verhandelt "
       "hatten und viele Fragen geklärt waren, sodass nun Arbeit beginnen kann.", "", "", "und-Latn"},
      {"The institute signed an agreement with the university.", "zh-Hant", "", "zh-Hant"},
      {"The institute signed an agreement with the university.", "", "en-GB", "en-GB"},
      {"國際合作組織與濱海大學今天簽署了諒解備忘錄。", "", "zh", "zh-Hant"},
      {"国际合作组织与滨海大学今天签署了谅解备忘录。", "auto", "", "zh-Hans"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Prep(c.text, c.forced, c.declared).language() == c.want);
  }
}

TEST_CASE("paragraphs and sentences", "[text][sentences]") {
  SECTION("English, with abbreviations, initials and a hard-wrapped paragraph") {
    PreparedText t = Prep(
        "Harbour Institute signs pact\n\n"
        "Mr. Lee and Dr. Ana Ruiz met at the U.S. Embassy on Monday. They signed\n"
        "a memorandum of understanding. J. Smith attended.\n"
        "Second paragraph here.\n");
    REQUIRE(t.paragraphs().size() == 3);
    CHECK(SentenceTexts(t) == std::vector<std::string>{
                                  "Harbour Institute signs pact",
                                  "Mr. Lee and Dr. Ana Ruiz met at the U.S. Embassy on Monday.",
                                  "They signed\na memorandum of understanding.",
                                  "J. Smith attended.",
                                  "Second paragraph here."});
    CHECK(t.sentences()[4].paragraph == 2);
  }
  SECTION("Chinese: a quotation spanning sentence breaks stays in one sentence") {
    PreparedText t = Prep("秘书长说：“我们很高兴。这是新的开始！”随后双方签署了协议。海伦·克拉克出席。“合作将继续。”\n第二段。");
    CHECK(SentenceTexts(t) == std::vector<std::string>{"秘书长说:“我们很高兴。这是新的开始!”", "随后双方签署了协议。",
                                                       "海伦·克拉克出席。", "“合作将继续。”", "第二段。"});
    REQUIRE(t.quotes().size() == 2);
    CHECK(t.OriginalText(t.quotes()[0].norm_begin, t.quotes()[0].norm_end) == "“我们很高兴。这是新的开始！”");
  }
  SECTION("English quotations are kept as blocks across sentence breaks") {
    PreparedText t = Prep(
        "\xE2\x80\x9CWe are pleased. This is a start,\xE2\x80\x9D said the director. \"It matters. "
        "Really.\" ITU\xE2\x80\x99s role in \xE2\x80\x98smart\xE2\x80\x99 cities grows. 「引用」");
    CHECK(t.sentences().size() >= 4);
    std::vector<std::string> quotes;
    for (const auto& q : t.quotes()) quotes.push_back(t.OriginalText(q.norm_begin, q.norm_end));
    CHECK(quotes == std::vector<std::string>{"\xE2\x80\x9CWe are pleased. This is a start,\xE2\x80\x9D",
                                             "\"It matters. Really.\"", "\xE2\x80\x98smart\xE2\x80\x99",
                                             "\xE3\x80\x8C引用\xE3\x80\x8D"});
  }
}

TEST_CASE("line ends and quotation marks are found at every byte alignment", "[text][sentences]") {
  // The scans look at eight or sixteen bytes at a time: put each mark at every offset within a
  // block, after other characters that share its lead byte (— ¢ 。) and near misses that share
  // two of its bytes (‧ U+2027, ‚ „ 》 【).
  const std::string near_misses = "\xE2\x80\xA7\xE2\x80\x9A\xE2\x80\x9E\xE3\x80\x8B\xE3\x80\x90";
  for (const char* sep : {"\n", "\r\n", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
    for (int k = 0; k < 41; ++k) {
      std::string first = near_misses + std::string(k, 'x') + "\xE2\x80\x94\xC2\xA2\xE3\x80\x82";
      std::string text = first + sep + "Next one.";
      INFO("offset " << k << " separator bytes " << std::strlen(sep));
      PreparedText t = Prep(text, "en");
      REQUIRE(t.paragraphs().size() == 2);
      CHECK(t.NormalizedView(t.paragraphs()[0].norm_begin, t.paragraphs()[0].norm_end) == first);
      CHECK(t.NormalizedView(t.paragraphs()[1].norm_begin, t.paragraphs()[1].norm_end) == "Next one.");
    }
  }
  for (int k = 0; k < 41; ++k) {
    for (int j = 0; j < 17; ++j) {
      std::string q1 = "\xE2\x80\x9C" "ab\xE2\x80\x94" "\xE2\x80\x9D", q2 = "\xE3\x80\x8C" "c\xE3\x80\x82" "\xE3\x80\x8D",
                  q3 = "\"e\xC2\xA2" "f\"";
      std::string text = near_misses + std::string(k, 'x') + q1 + std::string(j, 'y') + near_misses + q2 + " " + q3;
      INFO("offsets " << k << ", " << j);
      PreparedText t = Prep(text, "zh-Hans");  // (the view has “” for 「」: Hant-Hans maps them)
      REQUIRE(t.quotes().size() == 3);
      CHECK(t.OriginalText(t.quotes()[0].norm_begin, t.quotes()[0].norm_end) == q1);
      CHECK(t.OriginalText(t.quotes()[1].norm_begin, t.quotes()[1].norm_end) == q2);
      CHECK(t.OriginalText(t.quotes()[2].norm_begin, t.quotes()[2].norm_end) == q3);
    }
  }
}

TEST_CASE("dateline", "[text][dateline]") {
  struct Case {
    const char* text;
    const char* whole;
    const char* date;
    const char* place;
  };
  const Case cases[] = {
      {"Harbour pact signed\n\nGeneva, 16 May 2013 – The institute and the university signed.", "Geneva, 16 May 2013 –",
       "16 May 2013", "Geneva"},
      {"Title\n\nGENEVA, May 16, 2013 — The council met.", "GENEVA, May 16, 2013 —", "May 16, 2013", "GENEVA"},
      {"新的合作\n\n2013年5月16日，日内瓦 – 国际组织今天宣布。", "2013年5月16日,日内瓦 –", "2013年5月16日", "日内瓦"},
      {"新华社日内瓦5月16日电（记者张明）国际组织16日宣布。", "新华社日内瓦5月16日电", "5月16日", "日内瓦"},
      {"标题\n（2013年5月16日，日内瓦）国际组织今天宣布。", "(2013年5月16日,日内瓦)", "2013年5月16日", "日内瓦"},
      {"Title\nNEW DELHI, 16 May (Xinhua) -- India and the bank agreed.", "NEW DELHI, 16 May (Xinhua) --", "16 May",
       "NEW DELHI"},
      {"Title\n\nLondon, UK – 12 March 2019: The agency said.", "London, UK – 12 March 2019:", "12 March 2019",
       "London, UK"},
      {"Title\n\nPress release | 15 September 2014\n\nOSLO AND BERGEN - The two cities agreed.",
       "Press release | 15 September 2014\n\nOSLO AND BERGEN -", "15 September 2014", "OSLO AND BERGEN"},
      {"Title\n\nSaturday, November 16, 2019\n\nThe festival ended.", "Saturday, November 16, 2019",
       "Saturday, November 16, 2019", ""},
      {"标题\n[中国,深圳,2023年11月21日]某公司今天宣布。", "[中国,深圳,2023年11月21日]", "2023年11月21日", "深圳"},
      // (a space between a digit and an ideograph is typography: the view drops it)
      {"公报\n\n里斯本, 17 十月 2017\n\n正文。", "里斯本, 17十月2017", "17十月2017", "里斯本"},
      {"纽约2016年9月21日电 /美通社/ -- 今日，双方签署协议。", "纽约2016年9月21日电", "2016年9月21日", "纽约"},
      {"Title\nWASHINGTON, D.C., Nov. 3, 2020 /PRNewswire/ -- The firm said.", "WASHINGTON, D.C., Nov. 3, 2020 /PRNewswire/ --",
       "Nov. 3, 2020", "WASHINGTON, D.C."},
      // Edges of the pre-filters that run before the regexes: a weekday after a date-only line,
      // white space after the bracket and before 月, date-only lines at the end, month names
      // inside other words ("market", "Decatur") before the real date.
      {"标题\n\n2011年7月20日（星期三）\n\n正文。", "2011年7月20日(星期三)", "2011年7月20日", ""},
      {"标题\n（　2013年5月16日，日内瓦）国际组织今天宣布。", "( 2013年5月16日,日内瓦)", "2013年5月16日", "日内瓦"},
      {"公报\n\n马德里, 5 五 月 2017\n\n正文。", "马德里, 5五 月2017", "5五 月2017", "马德里"},
      {"Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n\nEight.\n\nMarch 14, 2012  \n",
       "March 14, 2012", "March 14, 2012", ""},
      {"标题\n\n一。\n\n二。\n\n三。\n\n四。\n\n五。\n\n六。\n\n七。\n\n八。\n\n2012年3月14日\n", "2012年3月14日",
       "2012年3月14日", ""},
      {"Title\n\nThe market in Decatur grew in May.\n\nMay 5, 2013\n\nNew Delhi – The body met.",
       "May 5, 2013\n\nNew Delhi –", "May 5, 2013", "New Delhi"},
      // Forms added after probing: date before place, date in parentheses, a bracketed source first.
      {"Title\n\n3 June 2025, Lisbon – The port authority met.", "3 June 2025, Lisbon –", "3 June 2025", "Lisbon"},
      {"Title\n\nLISBON (3 June 2025) – The port authority met.", "LISBON (3 June 2025) –", "3 June 2025", "LISBON"},
      {"【港口通讯】2024年4月18日，宁波 — 港口管理局今日宣布新计划。", "【港口通讯】2024年4月18日,宁波 —", "2024年4月18日",
       "宁波"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    PreparedText t = Prep(c.text);
    const auto& d = t.dateline();
    REQUIRE(d.found);
    CHECK(t.NormalizedView(d.norm_begin, d.norm_end) == c.whole);
    CHECK(t.NormalizedView(d.date_begin, d.date_end) == c.date);
    CHECK(t.NormalizedView(d.place_begin, d.place_end) == c.place);
  }
  for (const char* none : {"The council met today in Geneva and agreed on a plan.", "Title\n\nSunday – a day of rest.",
                           "Title\n\nMarketing, 12 Decembers 2013 – not a month.", "标题\n\n（会议）5月16日起举行。"}) {
    INFO(none);
    CHECK(!Prep(none).dateline().found);
  }
}

// Gap "schedule rows read as a dateline": a table of dates ("9月16日  布展及开幕式彩排") near the
// top is no dateline; a year-less date with its comma, or in brackets, still is.
TEST_CASE("dateline: schedule rows are not datelines", "[text][dateline]") {
  CHECK(!Prep("展会将于9月举办\n\n日程如下：\n\n9月16日  布展及开幕式彩排\n\n9月17日  开幕大会\n").dateline().found);
  CHECK(!Prep("赛程\n\n10月3日 小组赛第一轮\n\n10月5日 小组赛第二轮\n").dateline().found);
  PreparedText a = Prep("标题\n\n5月16日，日内瓦 — 国际组织今天宣布。");
  REQUIRE(a.dateline().found);
  CHECK(a.NormalizedView(a.dateline().place_begin, a.dateline().place_end) == "日内瓦");
  PreparedText b = Prep("标题\n（5月16日 日内瓦）国际组织今天宣布。");
  REQUIRE(b.dateline().found);
  CHECK(b.NormalizedView(b.dateline().place_begin, b.dateline().place_end) == "日内瓦");
  PreparedText c = Prep("标题\n\n2024年9月16日 深圳\n\n公司今天宣布。");
  REQUIRE(c.dateline().found);
  CHECK(c.NormalizedView(c.dateline().place_begin, c.dateline().place_end) == "深圳");
}

TEST_CASE("boilerplate", "[text][boilerplate]") {
  PreparedText en = Prep(
      "Pact signed\n\nGeneva, 1 June 2020 – The partners signed.\nThey will meet again.\n\n"
      "About the Harbour Institute\nThe institute was founded in 1950.\n\n"
      "For more information, please contact: press@example.org");
  std::vector<bool> flags;
  for (const auto& s : en.sentences()) flags.push_back(s.boilerplate);
  CHECK(flags == std::vector<bool>{false, false, false, true, true, true});
  PreparedText zh = Prep("标题\n\n正文第一段。\n正文第二段。\n媒体联系：王先生\n电话：123");
  flags.clear();
  for (const auto& s : zh.sentences()) flags.push_back(s.boilerplate);
  CHECK(flags == std::vector<bool>{false, false, false, true, true});
}

TEST_CASE("every sentence of the samples maps back exactly", "[text][offsets][samples]") {
  namespace fs = std::filesystem;
  std::vector<std::string> texts = {
      "國際電信聯盟（ＩＴＵ）秘書長今天在日內瓦表示：「我們將加強合作。」\n\n２０１３年５月１６日，日內瓦 – 會議開幕。",
      "Geneva, 16 May 2013 – The ITU\xE2\x80\x99s Council met. \xE2\x80\x9CWe agree,\xE2\x80\x9D said Ms. Lee.",
  };
  // The project's samples (text, HTML, JSON Lines) as the sources module reads them.
  fs::path dir = fs::path(PRESSKG_SOURCE_DIR) / "samples";
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    presskg::Status st = presskg::ReadSources({dir.string()}, {}, [&](presskg::SourceItem&& item) {
      if (item.report.status == presskg::DocStatus::kConverted) texts.push_back(item.doc.text);
      return presskg::Status::OK();
    });
    CHECK(st.ok());
  }
  for (const std::string& text : texts) {
    PreparedText t = Prep(text);
    CheckOffsetMap(t);
    for (const auto& s : t.sentences()) {
      std::string orig = t.original().substr(s.span.begin, s.span.end - s.span.begin);
      CHECK(orig == t.OriginalText(s.norm_begin, s.norm_end));
      CHECK(Oracle(orig) == std::string(t.NormalizedView(s)));
    }
  }
}

TEST_CASE("PrepareText is thread-safe", "[text][threads]") {
  std::vector<std::string> texts = {
      "Geneva, 16 May 2013 – The partners signed. \"We agree.\" Mr. Lee said.",
      "新华社日内瓦5月16日电 秘书长说：“我们很高兴。这是新的开始。”",
      "國際電信聯盟今天在日內瓦表示，雙方將加強合作。",
  };
  std::vector<std::string> expected;
  for (const auto& t : texts) {
    PreparedText p = Prep(t);
    std::string sig = p.normalized() + "|" + p.language();
    for (const auto& s : p.sentences()) sig += "|" + std::to_string(s.norm_begin) + "-" + std::to_string(s.norm_end);
    expected.push_back(sig);
  }
  std::atomic<int> mismatches{0};
  auto work = [&] {
    for (int i = 0; i < 200; ++i) {
      size_t k = static_cast<size_t>(i) % texts.size();
      Document d;
      d.text = texts[k];
      auto p = PrepareText(d);
      std::string sig = p->normalized() + "|" + p->language();
      for (const auto& s : p->sentences()) sig += "|" + std::to_string(s.norm_begin) + "-" + std::to_string(s.norm_end);
      if (sig != expected[k]) ++mismatches;
    }
  };
  std::thread a(work), b(work), c(work);
  a.join();
  b.join();
  c.join();
  CHECK(mismatches == 0);
}
