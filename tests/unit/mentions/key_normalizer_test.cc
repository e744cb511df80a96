// The gazetteer loader skips the key normaliser (NFKC + Hant→Hans, ICU) for plain ASCII keys:
// that is only right while ASCII is its own normal form, which this checks.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include "mentions/internal.h"

TEST_CASE("ASCII is its own normal form under the key normaliser", "[mentions][load]") {
  presskg::mentions::KeyNormalizer norm;
  REQUIRE(norm.ok());
  std::string all;
  for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
  CHECK(norm(all) == all);
  for (int c = 0; c < 0x80; ++c) {
    const std::string one(1, static_cast<char>(c));
    CHECK(norm(one) == one);
  }
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> byte(0, 0x7F), len(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (int n = len(rng); n > 0; --n) s += static_cast<char>(byte(rng));
    INFO("text: " << s);
    CHECK(norm(s) == s);
  }
  CHECK(norm("國際") != "國際");  // the normaliser does change non-ASCII keys (traditional → simplified)
}

// The loader normalises keys with the text stage's tables (NormalizeKey), not an ICU
// transliterator of its own: on every name it reads (data files, CLDR countries in the seven
// locales, time-zone cities) and on mixed strings, the result must be ICU's NFKC + Hant-Hans.
TEST_CASE("the loader's key normalisation equals ICU NFKC + Hant-Hans on every gazetteer name", "[mentions][load]") {
  presskg::mentions::KeyNormalizer icu;
  REQUIRE(icu.ok());
  std::vector<std::string> names;
  const std::string dir = std::string(PRESSKG_SOURCE_DIR) + "/extractor/gazetteers/";
  for (const char* file : {"countries.tsv", "organizations.tsv", "places.tsv", "roles.tsv", "org_suffixes.tsv",
                           "surnames.txt", "translit_chars.txt", "zh_speech_verbs.txt", "honorifics.txt",
                           "en_org_keywords.tsv", "cldr_city_skip.txt"}) {
    std::ifstream in(dir + file);
    REQUIRE(in);
    std::string line;
    while (std::getline(in, line)) {
      std::string cur;
      for (char c : line + "\t") {
        if (c == '\t' || c == '|' || c == ' ') {
          if (!cur.empty()) names.push_back(cur);
          cur.clear();
        } else {
          cur += c;
        }
      }
      names.push_back(line);
    }
  }
  for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c)
    for (const char* loc : {"zh", "zh_Hant", "en", "fr", "es", "ru", "ar"}) {
      icu::UnicodeString u;
      icu::Locale("", *c).getDisplayCountry(icu::Locale(loc), u);
      std::string s;
      names.push_back(u.toUTF8String(s));
    }
  {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> zh(icu::TimeZoneNames::createInstance(icu::Locale("zh"), st));
    std::unique_ptr<icu::StringEnumeration> ids(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, st));
    REQUIRE(U_SUCCESS(st));
    const icu::UnicodeString* id;
    while ((id = ids->snext(st)) != nullptr && U_SUCCESS(st)) {
      icu::UnicodeString zn;
      zh->getExemplarLocationName(*id, zn);
      std::string s;
      names.push_back(zn.toUTF8String(s));
    }
  }
  // Traditional characters, full-width and compatibility forms, combining marks, mixed scripts.
  names.insert(names.end(), {"國際電信聯盟", "ＡＢＣ（北京）有限公司", "㈱東京", "ﬁnance", "Café", "Cafe\xCC\x81", "ｶﾀｶﾅ",
                             "臺灣", "①號", "Ⅻ", "香港特別行政區", "Ελλάδα", "Россия", "مصر"});
  REQUIRE(names.size() > 2000);
  int differ = 0;
  for (const std::string& n : names) {
    const std::string want = icu(n), got = presskg::mentions::NormalizeKey(n);
    if (got != want) {
      ++differ;
      INFO("name: " << n << " ICU: " << want << " loader: " << got);
      CHECK(got == want);
    }
  }
  CHECK(differ == 0);
}
