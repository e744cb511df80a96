#include "facts/dateline_place.h"

namespace presskg::facts {

std::size_t FirstOfTwoPlaces(std::string_view place) {
  const std::size_t a = place.find(" and ");
  if (a == std::string_view::npos || a < 2) return std::string_view::npos;
  // The first place is capitals (the newswire style of dateline cities), of one or two words
  // ("SAN FRANCISCO and LONDON"); "Bosnia and Herzegovina" is no pair of datelines.
  int letters = 0;
  for (std::size_t i = 0; i < a; ++i) {
    const char ch = place[i];
    if (ch >= 'a' && ch <= 'z') return std::string_view::npos;
    if (ch >= 'A' && ch <= 'Z') ++letters;
  }
  return letters >= 2 ? a : std::string_view::npos;
}

}  // namespace presskg::facts
