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
