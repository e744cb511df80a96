// Contact blocks (contact_names.cc): a name line above a role line is a person, also when its first
// word is a country or a city; the words after the role's comma are then the organization.
// Texts written for these tests; public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace contact_names_test {

bool Has(const std::string& text, presskg::MentionType t, const std::string& s) {
  for (const std::string& x : presskg_test::PublicMentionsOf(text, t))
    if (x == s) return true;
  return false;
}

}  // namespace contact_names_test

using contact_names_test::Has;
using presskg::MentionType;

TEST_CASE("a name line above a role line is a person, also with a country's name first", "[mentions][people]") {
  const std::string doc =
      "Ministry opens new office\n\nThe ministry opened an office in Lima today.\n\nMedia contact:\n"
      "Chad Morrison\nPress Secretary\n+1 555 0100\n";
  CHECK(Has(doc, MentionType::kPerson, "Chad Morrison"));
  CHECK_FALSE(Has(doc, MentionType::kCountry, "Chad"));
  const std::string doc2 =
      "Bank signs deal\n\nThe bank signed a deal today.\n\nContact:\nLena Vogt\nCommunications Manager, Solvaro Energy\n";
  CHECK(Has(doc2, MentionType::kPerson, "Lena Vogt"));
  CHECK(Has(doc2, MentionType::kOrg, "Solvaro Energy"));
  CHECK_FALSE(Has(doc2, MentionType::kPerson, "Solvaro Energy"));
}

TEST_CASE("a country on a line of its own above a role line stays a country", "[mentions][people]") {
  // one word is no name line
  const std::string doc = "Delegations\n\nThe list of delegations follows.\n\nChad\nMinister of Health\n";
  CHECK(Has(doc, MentionType::kCountry, "Chad"));
}
