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
constexpr std::u32string_view kBreak = U"与和同及在由的是向对为了将并等从把被给让于这该其各本此也还就都又而但或已即今称说以之经届次位名项某每到等两国方省州邦道";
// One bit per code point of the CJK block U+4E00–U+9FFF, where all of them are: a country is
// checked against the list for the character after it, and a linear search of ~90 cost ~100
// instructions per country.
struct BreakBits {
  std::uint64_t bits[(0xA000 - 0x4E00) / 64] = {};
  BreakBits() {
    for (char32_t c : kBreak) bits[(c - 0x4E00) >> 6] |= 1ull << ((c - 0x4E00) & 63);
  }
};
const BreakBits kBreakBits;
static_assert(kBreak.size() > 0, "");
bool Breaks(char32_t c) {
  if (c < 0x4E00 || c >= 0xA000) return false;
  return (kBreakBits.bits[(c - 0x4E00) >> 6] >> ((c - 0x4E00) & 63)) & 1;
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

// True when a unit character (省 州 邦) starts in w[0, w.size() - 2): the window test below.
bool UnitInWindow(std::string_view w) {
  const unsigned char* b = reinterpret_cast<const unsigned char*>(w.data());
  std::size_t j = 0;
#if defined(__SSE2__)
  // Sixteen starts at a time: the three bytes of each unit compared at j, j + 1, j + 2.
  const __m128i e7 = _mm_set1_epi8(static_cast<char>(0xE7)), x9c = _mm_set1_epi8(static_cast<char>(0x9C)),
                x81 = _mm_set1_epi8(static_cast<char>(0x81));
  const __m128i e5 = _mm_set1_epi8(static_cast<char>(0xE5)), xb7 = _mm_set1_epi8(static_cast<char>(0xB7)),
                x9e = _mm_set1_epi8(static_cast<char>(0x9E));
  const __m128i e9 = _mm_set1_epi8(static_cast<char>(0xE9)), x82 = _mm_set1_epi8(static_cast<char>(0x82)),
                xa6 = _mm_set1_epi8(static_cast<char>(0xA6));
  // Loads at 0, 16, ... and a last one at size - 18, overlapping the one before (a start tested
  // twice does no harm): the starts 0 .. size - 3 without a byte loop.
  if (w.size() >= 18) {
    const std::size_t last = w.size() - 18;
    for (;; j += 16) {
      if (j > last) j = last;
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + j));
      const __m128i c1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + j + 1));
      const __m128i c2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + j + 2));
      const __m128i m = _mm_or_si128(
          _mm_or_si128(_mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, e7), _mm_cmpeq_epi8(c1, x9c)), _mm_cmpeq_epi8(c2, x81)),
                       _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, e5), _mm_cmpeq_epi8(c1, xb7)), _mm_cmpeq_epi8(c2, x9e))),
          _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, e9), _mm_cmpeq_epi8(c1, x82)), _mm_cmpeq_epi8(c2, xa6)));
      if (_mm_movemask_epi8(m) != 0) return true;
      if (j == last) return false;
    }
  }
#endif
  for (; j + 2 < w.size(); ++j) {
    const unsigned char b0 = b[j], b1 = b[j + 1], b2 = b[j + 2];
    if ((b0 == 0xE7 && b1 == 0x9C && b2 == 0x81) ||  // 省
        (b0 == 0xE5 && b1 == 0xB7 && b2 == 0x9E) ||  // 州
        (b0 == 0xE9 && b1 == 0x82 && b2 == 0xA6))    // 邦
      return true;
  }
  return false;
}

}  // namespace subnational

bool ProvinceAt(std::string_view s, std::vector<Candidate>* ms, std::size_t k) {
  using namespace subnational;
  std::vector<Candidate>& r = *ms;
  Candidate& c = r[k];
  if (c.type != MentionType::kCountry || c.end >= s.size()) return false;
  // Both ways below need, right after the country, a city mention or a Han character that is
  // no break (the run's first character; a state form's first character is one too). Most
  // countries fail here, before the window is read.
  if (!(k + 1 < r.size() && r[k + 1].begin == c.end && r[k + 1].type == MentionType::kPlace)) {
    char32_t first;
    DecodeAt(s, c.end, &first);
    if (!IsHan(first) || Breaks(first)) return false;
  }
  // Most countries are followed by no unit character within reach: a search of a short
  // window rules them out before any decoding.
  if (!UnitInWindow(s.substr(c.end, 48))) return false;
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
      r[k + 1].end = r[k + 1].begin;  // emptied: DropEmptied removes it
      return true;
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
  if (end == 0 || end > limit) return false;
  // "老挝北部省份" is no name: the unit word must not open a longer word (省份, 州立).
  if (end < s.size()) {
    char32_t next;
    DecodeAt(s, end, &next);
    if (next == U'份' || next == U'立') return false;
  }
  BecomeProvince(&c, end);
  return false;
}

void DropEmptied(std::vector<Candidate>* ms) {
  std::vector<Candidate>& r = *ms;
  std::size_t w = 0;
  for (std::size_t k = 0; k < r.size(); ++k)
    if (r[k].end > r[k].begin || r[k].type == MentionType::kQuote) {
      if (w != k) r[w] = r[k];
      ++w;
    }
  r.resize(w);
}

void SubnationalPlaces(std::string_view s, std::vector<Candidate>* ms) {
  bool emptied = false;
  for (std::size_t k = 0; k < ms->size(); ++k)
    if (ProvinceAt(s, ms, k)) {
      emptied = true;
      ++k;  // the city taken in
    }
  // Resolved candidates are never empty: only the cities taken in above are.
  if (emptied) DropEmptied(ms);
}

}  // namespace mentions
}  // namespace presskg
