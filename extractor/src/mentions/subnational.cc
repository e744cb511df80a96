// Provinces and states named after their country in Chinese: "老挝琅勃拉邦省", "哈萨克斯坦江布尔州",
// "老挝人民民主共和国琅勃拉邦省", "印度马哈拉施特拉邦", "印度喀拉拉邦". The country mention is followed by
// a short run of Han characters that ends in a unit word; the run is no mention of its own (the
// gazetteer lists few foreign provinces), so the country alone stood for the province, and for its
// government (…省人民政府 could not form an organization without the place in front).
#include "mentions/internal.h"

namespace presskg {
namespace mentions {

namespace subnational {

// The state's long form after a country name: 老挝人民民主共和国, 德意志联邦共和国.
constexpr std::string_view kStateForms[] = {"社会主义共和国", "人民民主共和国", "民主共和国", "联邦共和国", "共和国", "王国", "联邦"};

// Characters that never sit inside a province's name: function words and verbs that follow a
// country name ("老挝和泰国", "老挝在…", "老挝与…").
bool Breaks(char32_t c) {
  static constexpr std::u32string_view kBreak = U"与和同及在由的是向对为了将并等从把被给让于这该其各本此也还就都又而但或已即今称说以之经届次位名项某每到等两国方省州邦道";
  return kBreak.find(c) != std::u32string_view::npos;
}

// Not 道 (京畿道): 通道, 渠道, 轨道 follow country names too.
bool UnitAt(char32_t c) { return c == U'省' || c == U'州' || c == U'邦'; }

// A country candidate becomes the province (or state) named after it, up to `end`; the country
// is kept as the place's country.
void BecomeProvince(Candidate* c, std::size_t end) {
  c->country = c->key;
  c->key = {};
  c->wikidata = {};
  c->type = MentionType::kPlace;
  c->end = end;
  c->source = "place:zh-subnational";
}

}  // namespace subnational

void SubnationalPlaces(std::string_view s, std::vector<Candidate>* ms) {
  using namespace subnational;
  std::vector<Candidate>& r = *ms;
  for (std::size_t k = 0; k < r.size(); ++k) {
    Candidate& c = r[k];
    if (c.type != MentionType::kCountry || c.end >= s.size()) continue;
    // Most countries are followed by no unit character within reach: three searches of a short
    // window rule them out before any decoding.
    {
      const std::string_view w = s.substr(c.end, 48);
      bool unit = false;
      for (std::size_t j = 0; j + 2 < w.size() && !unit; ++j) {
        const auto b0 = static_cast<unsigned char>(w[j]), b1 = static_cast<unsigned char>(w[j + 1]),
                   b2 = static_cast<unsigned char>(w[j + 2]);
        unit = (b0 == 0xE7 && b1 == 0x9C && b2 == 0x81) ||  // 省
               (b0 == 0xE5 && b1 == 0xB7 && b2 == 0x9E) ||  // 州
               (b0 == 0xE9 && b1 == 0x82 && b2 == 0xA6);    // 邦
      }
      if (!unit) continue;
    }
    std::size_t p = c.end;
    for (std::string_view f : kStateForms)
      if (s.compare(p, f.size(), f) == 0) {
        p += f.size();
        break;
      }
    // A city's name with the unit after it is its province: 老挝琅勃拉邦 + 省, 乌兹别克斯坦撒马尔罕 + 州.
    if (k + 1 < r.size() && r[k + 1].begin == p && r[k + 1].type == MentionType::kPlace && r[k + 1].end < s.size()) {
      char32_t u;
      const std::size_t un = DecodeAt(s, r[k + 1].end, &u);
      const std::size_t after = r[k + 1].end + un;
      const bool free = k + 2 >= r.size() || r[k + 2].begin >= after;
      if (UnitAt(u) && free && !(k + 1 < r.size() && after < s.size() && s.compare(after, 3, "份") == 0)) {
        BecomeProvince(&c, after);
        r[k + 1].end = r[k + 1].begin;  // emptied: removed below
        ++k;
        continue;
      }
    }
    // Two to five characters of the name, then the unit: 江布尔州, 琅勃拉邦省, 喀拉拉邦.
    const std::size_t limit = k + 1 < r.size() ? r[k + 1].begin : s.size();
    std::size_t q = p, end = 0;
    int chars = 0;
    while (q < limit && chars < 6) {
      char32_t ch;
      const std::size_t n = DecodeAt(s, q, &ch);
      if (!IsHan(ch)) break;
      if (UnitAt(ch) && chars >= 2) {
        end = q + n;
        break;
      }
      if (Breaks(ch)) break;
      q += n;
      ++chars;
    }
    if (end == 0 || end > limit) continue;
    // "老挝北部省份" is no name: the unit word must not open a longer word (省份, 州立).
    if (end < s.size()) {
      char32_t next;
      DecodeAt(s, end, &next);
      if (next == U'份' || next == U'立') continue;
    }
    BecomeProvince(&c, end);
  }
  // Drop the city mentions taken into a province above (emptied), keeping the order.
  std::size_t w = 0;
  for (std::size_t k = 0; k < r.size(); ++k)
    if (r[k].end > r[k].begin || r[k].type == MentionType::kQuote) {
      if (w != k) r[w] = r[k];
      ++w;
    }
  r.resize(w);
}

}  // namespace mentions
}  // namespace presskg
