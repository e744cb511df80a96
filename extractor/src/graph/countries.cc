// ISO 3166-1 alpha-2 → Wikidata, for the 193 UN member states plus Palestine, the Holy See,
// Taiwan, Hong Kong and Macau. Codes not listed get no owl:sameAs (never a guess).
#include "graph/countries.h"

#include <algorithm>
#include <iterator>

namespace presskg {
namespace graphutil {
namespace {

struct Entry {
  const char* iso;
  const char* qid;
};

// Sorted by code (binary search).
constexpr Entry kCountries[] = {
    {"AD", "Q228"},  // Andorra
    {"AE", "Q878"},  // United Arab Emirates
    {"AF", "Q889"},  // Afghanistan
    {"AG", "Q781"},  // Antigua and Barbuda
    {"AL", "Q222"},  // Albania
    {"AM", "Q399"},  // Armenia
    {"AO", "Q916"},  // Angola
    {"AR", "Q414"},  // Argentina
    {"AT", "Q40"},  // Austria
    {"AU", "Q408"},  // Australia
    {"AZ", "Q227"},  // Azerbaijan
    {"BA", "Q225"},  // Bosnia and Herzegovina
    {"BB", "Q244"},  // Barbados
    {"BD", "Q902"},  // Bangladesh
    {"BE", "Q31"},  // Belgium
    {"BF", "Q965"},  // Burkina Faso
    {"BG", "Q219"},  // Bulgaria
    {"BH", "Q398"},  // Bahrain
    {"BI", "Q967"},  // Burundi
    {"BJ", "Q962"},  // Benin
    {"BN", "Q921"},  // Brunei
    {"BO", "Q750"},  // Bolivia
    {"BR", "Q155"},  // Brazil
    {"BS", "Q778"},  // Bahamas
    {"BT", "Q917"},  // Bhutan
    {"BW", "Q963"},  // Botswana
    {"BY", "Q184"},  // Belarus
    {"BZ", "Q242"},  // Belize
    {"CA", "Q16"},  // Canada
    {"CD", "Q974"},  // Democratic Republic of the Congo
    {"CF", "Q929"},  // Central African Republic
    {"CG", "Q971"},  // Republic of the Congo
    {"CH", "Q39"},  // Switzerland
    {"CI", "Q1008"},  // Ivory Coast
    {"CL", "Q298"},  // Chile
    {"CM", "Q1009"},  // Cameroon
    {"CN", "Q148"},  // China
    {"CO", "Q739"},  // Colombia
    {"CR", "Q800"},  // Costa Rica
    {"CU", "Q241"},  // Cuba
    {"CV", "Q1011"},  // Cape Verde
    {"CY", "Q229"},  // Cyprus
    {"CZ", "Q213"},  // Czech Republic
    {"DE", "Q183"},  // Germany
    {"DJ", "Q977"},  // Djibouti
    {"DK", "Q35"},  // Denmark
    {"DM", "Q784"},  // Dominica
    {"DO", "Q786"},  // Dominican Republic
    {"DZ", "Q262"},  // Algeria
    {"EC", "Q736"},  // Ecuador
    {"EE", "Q191"},  // Estonia
    {"EG", "Q79"},  // Egypt
    {"ER", "Q986"},  // Eritrea
    {"ES", "Q29"},  // Spain
    {"ET", "Q115"},  // Ethiopia
    {"FI", "Q33"},  // Finland
    {"FJ", "Q712"},  // Fiji
    {"FM", "Q702"},  // Federated States of Micronesia
    {"FR", "Q142"},  // France
    {"GA", "Q1000"},  // Gabon
    {"GB", "Q145"},  // United Kingdom
    {"GD", "Q769"},  // Grenada
    {"GE", "Q230"},  // Georgia
    {"GH", "Q117"},  // Ghana
    {"GM", "Q1005"},  // The Gambia
    {"GN", "Q1006"},  // Guinea
    {"GQ", "Q983"},  // Equatorial Guinea
    {"GR", "Q41"},  // Greece
    {"GT", "Q774"},  // Guatemala
    {"GW", "Q1007"},  // Guinea-Bissau
    {"GY", "Q734"},  // Guyana
    {"HK", "Q8646"},  // Hong Kong
    {"HN", "Q783"},  // Honduras
    {"HR", "Q224"},  // Croatia
    {"HT", "Q790"},  // Haiti
    {"HU", "Q28"},  // Hungary
    {"ID", "Q252"},  // Indonesia
    {"IE", "Q27"},  // Ireland
    {"IL", "Q801"},  // Israel
    {"IN", "Q668"},  // India
    {"IQ", "Q796"},  // Iraq
    {"IR", "Q794"},  // Iran
    {"IS", "Q189"},  // Iceland
    {"IT", "Q38"},  // Italy
    {"JM", "Q766"},  // Jamaica
    {"JO", "Q810"},  // Jordan
    {"JP", "Q17"},  // Japan
    {"KE", "Q114"},  // Kenya
    {"KG", "Q813"},  // Kyrgyzstan
    {"KH", "Q424"},  // Cambodia
    {"KI", "Q710"},  // Kiribati
    {"KM", "Q970"},  // Comoros
    {"KN", "Q763"},  // Saint Kitts and Nevis
    {"KP", "Q423"},  // North Korea
    {"KR", "Q884"},  // South Korea
    {"KW", "Q817"},  // Kuwait
    {"KZ", "Q232"},  // Kazakhstan
    {"LA", "Q819"},  // Laos
    {"LB", "Q822"},  // Lebanon
    {"LC", "Q760"},  // Saint Lucia
    {"LI", "Q347"},  // Liechtenstein
    {"LK", "Q854"},  // Sri Lanka
    {"LR", "Q1014"},  // Liberia
    {"LS", "Q1013"},  // Lesotho
    {"LT", "Q37"},  // Lithuania
    {"LU", "Q32"},  // Luxembourg
    {"LV", "Q211"},  // Latvia
    {"LY", "Q1016"},  // Libya
    {"MA", "Q1028"},  // Morocco
    {"MC", "Q235"},  // Monaco
    {"MD", "Q217"},  // Moldova
    {"ME", "Q236"},  // Montenegro
    {"MG", "Q1019"},  // Madagascar
    {"MH", "Q709"},  // Marshall Islands
    {"MK", "Q221"},  // North Macedonia
    {"ML", "Q912"},  // Mali
    {"MM", "Q836"},  // Myanmar
    {"MN", "Q711"},  // Mongolia
    {"MO", "Q14773"},  // Macau
    {"MR", "Q1025"},  // Mauritania
    {"MT", "Q233"},  // Malta
    {"MU", "Q1027"},  // Mauritius
    {"MV", "Q826"},  // Maldives
    {"MW", "Q1020"},  // Malawi
    {"MX", "Q96"},  // Mexico
    {"MY", "Q833"},  // Malaysia
    {"MZ", "Q1029"},  // Mozambique
    {"NA", "Q1030"},  // Namibia
    {"NE", "Q1032"},  // Niger
    {"NG", "Q1033"},  // Nigeria
    {"NI", "Q811"},  // Nicaragua
    {"NL", "Q55"},  // Netherlands
    {"NO", "Q20"},  // Norway
    {"NP", "Q837"},  // Nepal
    {"NR", "Q697"},  // Nauru
    {"NZ", "Q664"},  // New Zealand
    {"OM", "Q842"},  // Oman
    {"PA", "Q804"},  // Panama
    {"PE", "Q419"},  // Peru
    {"PG", "Q691"},  // Papua New Guinea
    {"PH", "Q928"},  // Philippines
    {"PK", "Q843"},  // Pakistan
    {"PL", "Q36"},  // Poland
    {"PS", "Q219060"},  // State of Palestine
    {"PT", "Q45"},  // Portugal
    {"PW", "Q695"},  // Palau
    {"PY", "Q733"},  // Paraguay
    {"QA", "Q846"},  // Qatar
    {"RO", "Q218"},  // Romania
    {"RS", "Q403"},  // Serbia
    {"RU", "Q159"},  // Russia
    {"RW", "Q1037"},  // Rwanda
    {"SA", "Q851"},  // Saudi Arabia
    {"SB", "Q685"},  // Solomon Islands
    {"SC", "Q1042"},  // Seychelles
    {"SD", "Q1049"},  // Sudan
    {"SE", "Q34"},  // Sweden
    {"SG", "Q334"},  // Singapore
    {"SI", "Q215"},  // Slovenia
    {"SK", "Q214"},  // Slovakia
    {"SL", "Q1044"},  // Sierra Leone
    {"SM", "Q238"},  // San Marino
    {"SN", "Q1041"},  // Senegal
    {"SO", "Q1045"},  // Somalia
    {"SR", "Q730"},  // Suriname
    {"SS", "Q958"},  // South Sudan
    {"ST", "Q1039"},  // Sao Tome and Principe
    {"SV", "Q792"},  // El Salvador
    {"SY", "Q858"},  // Syria
    {"SZ", "Q1050"},  // Eswatini
    {"TD", "Q657"},  // Chad
    {"TG", "Q945"},  // Togo
    {"TH", "Q869"},  // Thailand
    {"TJ", "Q863"},  // Tajikistan
    {"TL", "Q574"},  // East Timor
    {"TM", "Q874"},  // Turkmenistan
    {"TN", "Q948"},  // Tunisia
    {"TO", "Q678"},  // Tonga
    {"TR", "Q43"},  // Turkey
    {"TT", "Q754"},  // Trinidad and Tobago
    {"TV", "Q672"},  // Tuvalu
    {"TW", "Q865"},  // Taiwan
    {"TZ", "Q924"},  // Tanzania
    {"UA", "Q212"},  // Ukraine
    {"UG", "Q1036"},  // Uganda
    {"US", "Q30"},  // United States
    {"UY", "Q77"},  // Uruguay
    {"UZ", "Q265"},  // Uzbekistan
    {"VA", "Q237"},  // Vatican City
    {"VC", "Q757"},  // Saint Vincent and the Grenadines
    {"VE", "Q717"},  // Venezuela
    {"VN", "Q881"},  // Vietnam
    {"VU", "Q686"},  // Vanuatu
    {"WS", "Q683"},  // Samoa
    {"YE", "Q805"},  // Yemen
    {"ZA", "Q258"},  // South Africa
    {"ZM", "Q953"},  // Zambia
    {"ZW", "Q954"},  // Zimbabwe
};

}  // namespace

const char* CountryWikidata(std::string_view iso2) {
  const auto* end = std::end(kCountries);
  const auto* it = std::lower_bound(std::begin(kCountries), end, iso2,
                                    [](const Entry& e, std::string_view k) { return std::string_view(e.iso) < k; });
  if (it != end && std::string_view(it->iso) == iso2) return it->qid;
  return nullptr;
}

}  // namespace graphutil
}  // namespace presskg
