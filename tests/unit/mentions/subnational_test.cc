// Provinces and states named after their country in Chinese (subnational.cc): one PLACE in that
// country. Texts written for these tests; public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace subnational_test {

std::vector<std::string> Places(const std::string& text) {
  return presskg_test::PublicMentionsOf(text, presskg::MentionType::kPlace);
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v)
    if (x == s) return true;
  return false;
}

}  // namespace subnational_test

using subnational_test::Has;
using subnational_test::Places;

TEST_CASE("a province or state after its country is one place", "[mentions][places]") {
  CHECK(Has(Places("四川省与泰国清莱府和越南广宁省签署了合作文件。"), "越南广宁省"));
  CHECK(Has(Places("代表团访问了乌兹别克斯坦撒马尔罕州。"), "乌兹别克斯坦撒马尔罕州"));
  CHECK(Has(Places("柬埔寨王国暹粒省的学校将获得援助。"), "柬埔寨王国暹粒省"));
}

TEST_CASE("its government is one organization", "[mentions][orgs]") {
  auto orgs = presskg_test::PublicMentionsOf("湖北省人民政府与越南社会主义共和国广宁省人民政府签署协议。",
                                             presskg::MentionType::kOrg);
  bool found = false;
  for (const std::string& o : orgs) found |= o.find("广宁省人民政府") != std::string::npos && o.find("越南") == 0;
  CHECK(found);
}

TEST_CASE("words after a country that are no province stay apart", "[mentions][places]") {
  CHECK_FALSE(Has(Places("老挝和泰国签署了协议。"), "老挝和泰国"));
  CHECK(Places("老挝北部省份的农户将受益。").empty());
  CHECK(Places("中国高铁通道建设进展顺利。").empty());
}

// SubnationalPlaces rejects most countries by the character after them, searches the unit
// window with SSE2 and the break characters in a bitmap; the cascade visits only the countries
// the gazetteer pass found (ProvinceAt). All of it must decide as the plain rule below does: the
// rule as first written (a byte loop over the window, a linear search of the break list, every
// candidate visited), on random candidate lists over texts made of country names, state forms,
// cities, name characters, units, breaks and the end of the text at any point.
namespace subnational_test {

using presskg::MentionType;
using presskg::mentions::Candidate;
using presskg::mentions::DecodeAt;
using presskg::mentions::IsHan;

void PlainRule(std::string_view s, std::vector<Candidate>* ms) {
  static constexpr std::string_view kForms[] = {"社会主义共和国", "人民民主共和国", "民主共和国", "联邦共和国", "共和国", "王国", "联邦"};
  const std::u32string_view brk = U"与和同及在由的是向对为了将并等从把被给让于这该其各本此也还就都又而但或已即今称说以之经届次位名项某每到等两国方省州邦道";
  auto breaks = [&](char32_t c) { return brk.find(c) != std::u32string_view::npos; };
  auto unit_at = [](char32_t c) { return c == U'省' || c == U'州' || c == U'邦'; };
  auto become = [](Candidate* c, std::size_t end) {
    c->country = c->key;
    c->key = {};
    c->wikidata = {};
    c->type = MentionType::kPlace;
    c->end = end;
    c->source = "place:zh-subnational";
  };
  std::vector<Candidate>& r = *ms;
  for (std::size_t k = 0; k < r.size(); ++k) {
    Candidate& c = r[k];
    if (c.type != MentionType::kCountry || c.end >= s.size()) continue;
    const std::string_view w = s.substr(c.end, 48);
    bool unit = false;
    for (std::size_t j = 0; j + 2 < w.size() && !unit; ++j)
      unit = w.substr(j, 3) == "省" || w.substr(j, 3) == "州" || w.substr(j, 3) == "邦";
    if (!unit) continue;
    std::size_t p = c.end;
    for (std::string_view f : kForms)
      if (s.compare(p, f.size(), f) == 0) {
        p += f.size();
        break;
      }
    if (k + 1 < r.size() && r[k + 1].begin == p && r[k + 1].type == MentionType::kPlace && r[k + 1].end < s.size()) {
      char32_t u;
      const std::size_t un = DecodeAt(s, r[k + 1].end, &u);
      const std::size_t after = r[k + 1].end + un;
      const bool free = k + 2 >= r.size() || r[k + 2].begin >= after;
      if (unit_at(u) && free && !(after < s.size() && s.compare(after, 3, "份") == 0)) {
        become(&c, after);
        r[k + 1].end = r[k + 1].begin;
        ++k;
        continue;
      }
    }
    const std::size_t limit = k + 1 < r.size() ? r[k + 1].begin : s.size();
    std::size_t q = p, end = 0;
    int chars = 0;
    while (q < limit && chars < 6) {
      char32_t ch;
      const std::size_t n = DecodeAt(s, q, &ch);
      if (!IsHan(ch)) break;
      if (unit_at(ch) && chars >= 2) {
        end = q + n;
        break;
      }
      if (breaks(ch)) break;
      q += n;
      ++chars;
    }
    if (end == 0 || end > limit) continue;
    if (end < s.size()) {
      char32_t next;
      DecodeAt(s, end, &next);
      if (next == U'份' || next == U'立') continue;
    }
    become(&c, end);
  }
  std::size_t w = 0;
  for (std::size_t k = 0; k < r.size(); ++k)
    if (r[k].end > r[k].begin || r[k].type == MentionType::kQuote) r[w++] = r[k];
  r.resize(w);
}

std::string Describe(const std::vector<Candidate>& v) {
  std::string out;
  for (const Candidate& c : v)
    out += std::to_string(static_cast<int>(c.type)) + " " + std::to_string(c.begin) + "-" + std::to_string(c.end) + " " +
           std::string(c.key.view()) + "|" + std::string(c.country.view()) + "|" + std::string(c.source.view()) + "\n";
  return out;
}

}  // namespace subnational_test

TEST_CASE("the province rule decides as the plain rule does", "[mentions][places]") {
  using subnational_test::Describe;
  using subnational_test::PlainRule;
  using presskg::mentions::Candidate;
  const char* countries[] = {"老挝", "印度", "哈萨克斯坦", "越南", "中国", "泰国"};
  const char* cities[] = {"琅勃拉邦", "撒马尔罕", "清莱", "广宁", "孟买"};
  const char* bits[] = {"社会主义共和国", "人民民主共和国", "共和国", "王国", "联邦", "省", "州", "邦", "道", "份", "立",
                        "江", "布", "尔", "喀", "拉", "北部", "省", "州", "邦", "和", "与", "在", "国", "的", "，", "。", " ", "a", "Laos",
                        "(", "1", "\xE7\x9C", "\xE5", "政府", "人民政府", "大学"};
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  int provinces = 0, windows_cut = 0, windows_full = 0;  // the cases the rule must meet, counted
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    std::vector<Candidate> cands;
    const int pieces = 1 + static_cast<int>(next(24));
    for (int i = 0; i < pieces; ++i) {
      const std::uint32_t kind = next(4);
      if (kind == 0 || kind == 1) {
        Candidate c;
        const bool city = kind == 1;
        const char* name = city ? cities[next(5)] : countries[next(6)];
        c.type = city ? presskg::MentionType::kPlace : presskg::MentionType::kCountry;
        c.begin = text.size();
        text += name;
        c.end = text.size();
        c.key = city ? "city" : "XX";
        c.source = city ? "places.tsv:1" : "countries.tsv:1";
        cands.push_back(c);
      } else {
        const int n = 1 + static_cast<int>(next(4));
        for (int j = 0; j < n; ++j) text += bits[next(sizeof bits / sizeof bits[0])];
      }
    }
    std::vector<Candidate> a = cands, b = cands;
    presskg::mentions::SubnationalPlaces(text, &a);
    PlainRule(text, &b);
    for (const Candidate& x : b) provinces += x.source == "place:zh-subnational";
    for (const Candidate& x : cands) {
      if (x.type != presskg::MentionType::kCountry) continue;
      windows_cut += text.size() - x.end < 48;
      windows_full += text.size() - x.end >= 48;
    }
    INFO(text);
    REQUIRE(Describe(a) == Describe(b));
    // The cascade's way: only the countries, in begin order.
    std::vector<Candidate> c = cands;
    bool emptied = false;
    for (std::size_t k = 0; k < c.size(); ++k)
      if (c[k].type == presskg::MentionType::kCountry && presskg::mentions::ProvinceAt(text, &c, k)) emptied = true;
    if (emptied) presskg::mentions::DropEmptied(&c);
    REQUIRE(Describe(c) == Describe(b));
  }
  CHECK(provinces > 1000);
  CHECK(windows_cut > 1000);
  CHECK(windows_full > 1000);
}
