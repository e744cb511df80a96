// Hard-wrapped documents: FindWrapBreaks finds the line ends that only wrap a paragraph, and the
// view of a wrapped release equals the view of the same release with one paragraph per line.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "layout_text.h"
#include "presskg/text.h"
#include "text/normalize.h"

namespace {

using presskg::text::FindWrapBreaks;
using presskg::text::WrapBreak;

presskg::PreparedText Prep(const std::string& text) {
  presskg::Document d;
  d.id = "t";
  d.text = text;
  auto t = presskg::PrepareText(d);
  REQUIRE(t.ok());
  return std::move(*t);
}

const char kEnglish[] =
    "WHO and Ghana launch a programme for district hospitals\n\n"
    "Accra, 2 June 2025 - The World Health Organization and the Ministry of Health of Ghana today "
    "launched a five-year programme to equip district hospitals with oxygen plants, cold chains and "
    "trained biomedical technicians, starting with the Northern and Upper East regions.\n\n"
    "\"Oxygen is medicine, and no patient should go without it because a cylinder did not arrive,\" said "
    "Dr Ama Mensah, the WHO Representative in Ghana, at the launch in Accra.\n\n"
    "The programme follows an agreement signed by both parties in March and will be reviewed each year "
    "by a joint committee chaired by the Director-General of the Ghana Health Service.\n";

const char kChinese[] =
    "世卫组织与加纳启动县级医院供氧项目\n\n"
    "2025年6月2日，阿克拉 — 世界卫生组织与加纳卫生部今天在阿克拉启动为期五年的县级医院供氧项目，将为北部和"
    "上东部地区的医院配备制氧设备、冷链和生物医学技术人员。\n\n"
    "世卫组织驻加纳代表阿玛·门萨博士表示：“氧气就是药品，任何病人都不应因为氧气瓶没有送到而得不到治疗。”\n\n"
    "该项目将由双方组成的联合委员会每年评估一次，委员会由加纳卫生服务局局长担任主席。\n";

// The wrapped release `t` reads as the unwrapped `ref`: the same view, sentences and names, while
// its evidence spans still point into its own (wrapped) original.
void ReadsAs(const presskg::PreparedText& t, const presskg::PreparedText& ref) {
  CHECK(t.normalized() == ref.normalized());
  REQUIRE(t.sentences().size() == ref.sentences().size());
  for (const presskg::Sentence& s : t.sentences()) {
    CHECK(t.OriginalText(s.norm_begin, s.norm_end) == ref.OriginalText(s.norm_begin, s.norm_end));
    CHECK(t.ToOriginal(s.norm_begin, s.norm_end).end <= t.original().size());
  }
}

}  // namespace

TEST_CASE("a release with one paragraph per line has no wrap breaks", "[text][unwrap]") {
  std::vector<WrapBreak> w;
  FindWrapBreaks(kEnglish, &w);
  CHECK(w.empty());
  FindWrapBreaks(kChinese, &w);
  CHECK(w.empty());
  // A contact block and a list of short lines are not wrapped prose.
  const std::string contacts =
      std::string(kEnglish) +
      "\nFor more information, please contact:\nKwame Boateng\nCommunications Officer\nWHO Ghana\n"
      "Tel: +233 30 000 0000\nEmail: press@example.org\nAbena Owusu\nMedia Relations\n"
      "Ministry of Health\nTel: +233 30 111 1111\n";
  FindWrapBreaks(contacts, &w);
  CHECK(w.empty());
  std::string list;
  for (int i = 0; i < 30; ++i) list += "Participant " + std::to_string(i) + ", Ministry of Planning and Development\n";
  FindWrapBreaks(list, &w);
  CHECK(w.empty());
}

TEST_CASE("a hard-wrapped release reads as the unwrapped one", "[text][unwrap]") {
  const presskg::PreparedText en = Prep(kEnglish);
  for (std::size_t width : {50, 64, 72, 79}) {
    INFO("English wrapped at " << width);
    const std::string wrapped = presskg_test::WrapAtSpaces(kEnglish, width);
    std::vector<WrapBreak> w;
    FindWrapBreaks(wrapped, &w);
    CHECK(!w.empty());
    for (const WrapBreak& b : w) CHECK(b.joint == " ");
    ReadsAs(Prep(wrapped), en);
  }
  const presskg::PreparedText zh = Prep(kChinese);
  for (std::size_t n : {24, 30, 36}) {
    INFO("Chinese cut every " << n << " characters");
    const std::string wrapped = presskg_test::CutEvery(kChinese, n);
    ReadsAs(Prep(wrapped), zh);
  }
}

TEST_CASE("wrap breaks keep the offset map exact", "[text][unwrap][offsets]") {
  const std::string wrapped = presskg_test::WrapAtSpaces(kEnglish, 60) + "\n" + presskg_test::CutEvery(kChinese, 30);
  const presskg::PreparedText t = Prep(wrapped);
  const auto& runs = t.offset_runs();
  REQUIRE(!runs.empty());
  CHECK(runs.back().norm == t.normalized().size());
  CHECK(runs.back().orig == t.original().size());
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    REQUIRE(runs[i].norm <= runs[i + 1].norm);
    REQUIRE(runs[i].orig < runs[i + 1].orig);
    const std::string orig = t.original().substr(runs[i].orig, runs[i + 1].orig - runs[i].orig);
    const std::string norm = t.normalized().substr(runs[i].norm, runs[i + 1].norm - runs[i].norm);
    if (runs[i].identity) CHECK(orig == norm);
    // A wrap: a line end read as a space or as nothing.
    if (orig == "\n" && norm != "\n") CHECK((norm == " " || norm.empty()));
  }
}

// Regression: with paragraphs on single lines, "Geneva, 15 May 2018" followed by an image file name
// ("hd_2018_banner.jpg") was read as one wrapped paragraph, and the dateline was lost.
TEST_CASE("a line opening with a file name does not continue the line before", "[text][unwrap]") {
  const presskg::PreparedText t = Prep(
      "Summit opens in Geneva\nGeneva, 15 May 2018\nhd_2018_banner-940x524.jpg\n"
      "The summit opened today with delegates from 120 countries.\n");
  CHECK(t.paragraphs().size() == 4);
  CHECK(t.dateline().found);
  // A line that does open with a lower-case word still continues an unclosed line.
  const presskg::PreparedText u = Prep("Ministers met on Monday and\nsigned the agreement.\n");
  CHECK(u.paragraphs().size() == 1);
}
