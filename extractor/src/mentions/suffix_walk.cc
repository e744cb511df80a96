// Where the backward walk of a Chinese organization suffix (cascade.cc, ChineseSuffixOrgs) must
// stop besides the stop characters: words that sit before names but never inside one.
#include "mentions/internal.h"

namespace presskg {
namespace mentions {

bool StopsSuffixWalk(std::string_view s, std::size_t pos, char32_t c) {
  // "医生到华西医院进修", "代表团到阿曼投资局": 到 is a verb or preposition before a place or body.
  if (c == U'到') return true;
  // "两国法院", "各国政府", "多国央行": a quantifier with 国 speaks of several countries' bodies,
  // it names none; the walk stops before 国.
  if (c == U'国' && pos >= 6) {
    char32_t q;
    std::size_t qb = pos - 3;
    DecodeAt(s, qb - 3, &q);
    // (not 本: 日本国际协力机构)
    for (char32_t k : {U'两', U'各', U'多', U'该', U'诸', U'双', U'三'})
      if (q == k) return true;
  }
  return false;
}

}  // namespace mentions
}  // namespace presskg
