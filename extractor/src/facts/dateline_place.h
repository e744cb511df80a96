// The place of a dateline that names two cities ("PITTSBURGH and ROTTERDAM, Netherlands, Feb. 11,
// 2025 /PRNewswire/ --"): the first is where the release comes from.
#pragma once

#include <cstddef>
#include <string_view>

namespace presskg::facts {

// When `place` (a dateline's place words) is two places joined by " and " whose first is one
// upper-case word ("PITTSBURGH and ROTTERDAM", "SEATTLE and Tokyo"), the byte length of the first;
// otherwise npos. Country names joined by "and" ("Bosnia and Herzegovina", "Trinidad and Tobago")
// are written in title case, not capitals, and are left whole unless the first word is capitals.
std::size_t FirstOfTwoPlaces(std::string_view place);

}  // namespace presskg::facts

namespace presskg::facts {

// "（2025年4月8日，中国福建宁德）": after the last place the finder knows (中国福建, a province),
// the dateline names a city it does not know. When `rest` (the dateline's place text after that
// mention) is two to four Han characters, their byte length; otherwise 0.
std::size_t CityAfterRegion(std::string_view rest);

}  // namespace presskg::facts
