// graph/countries.h — ISO 3166-1 alpha-2 → Wikidata item, for owl:sameAs on country nodes (internal).
#ifndef PRESSKG_GRAPH_COUNTRIES_H
#define PRESSKG_GRAPH_COUNTRIES_H

#include <string_view>

namespace presskg {
namespace graphutil {

// "Q117" for "GH"; nullptr when the code is not in the table (upper-case codes only).
const char* CountryWikidata(std::string_view iso2);

}  // namespace graphutil
}  // namespace presskg

#endif  // PRESSKG_GRAPH_COUNTRIES_H
