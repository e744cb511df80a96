// "Vice-Chancellor of the University of X": after a role, "of the" + an organization keyword opens
// the organization, not a longer name (the check that keeps "World Summit on the Information
// Society" whole). Texts written for these tests; public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace role_of_org_test {

bool HasOrg(const std::string& text, const std::string& org) {
  for (const std::string& o : presskg_test::PublicMentionsOf(text, presskg::MentionType::kOrg))
    if (o == org) return true;
  return false;
}

}  // namespace role_of_org_test

using role_of_org_test::HasOrg;

TEST_CASE("an organization after a role and 'of the' is an organization", "[mentions][orgs]") {
  CHECK(HasOrg("Dr Amina Said, Vice-Chancellor of the University of Dodoma, said the lab opens in May.",
               "University of Dodoma"));
  CHECK(HasOrg("Tom Reyes, President of the University of Cebu, welcomed the grant.", "University of Cebu"));
}

TEST_CASE("a longer capitalised name with 'of the' inside is still no organization", "[mentions][orgs]") {
  CHECK_FALSE(HasOrg("Delegates met at the Summit of the Council of Elders in Accra.", "Council of Elders"));
}

// "Morocco's Ministry of X and Estonia's Ministry of Y signed": a country's possessive before a
// ministry is part of it (one party each, not four).
TEST_CASE("a country's possessive before an organization joins it", "[mentions][orgs]") {
  CHECK(HasOrg("Chile's Ministry of Energy and Norway's Ministry of Climate signed a memorandum.",
               "Chile's Ministry of Energy"));
  CHECK(HasOrg("Chile's Ministry of Energy and Norway's Ministry of Climate signed a memorandum.",
               "Norway's Ministry of Climate"));
  // a possessive before a role stays apart from it
  CHECK_FALSE(HasOrg("Chile's Minister of Energy Ana Rojas said the plant opens in May.", "Chile's Minister of Energy"));
}
