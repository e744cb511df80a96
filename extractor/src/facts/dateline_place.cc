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

namespace presskg::facts {

std::size_t CityAfterRegion(std::string_view rest) {
  std::size_t n = rest.size();
  while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t')) --n;
  // Two to four characters of the CJK Unified Ideographs block (three UTF-8 bytes each, E4–E9).
  if (n < 6 || n > 12 || n % 3 != 0) return 0;
  for (std::size_t i = 0; i < n; i += 3) {
    const unsigned char b = static_cast<unsigned char>(rest[i]);
    if (b < 0xE4 || b > 0xE9) return 0;
    if ((static_cast<unsigned char>(rest[i + 1]) & 0xC0) != 0x80 || (static_cast<unsigned char>(rest[i + 2]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

}  // namespace presskg::facts
