// presskg/fact.h — the extracted facts, before they become RDF.
//
// Extraction (sources → facts) knows nothing of RDF: it produces these plain structs; the graph
// module turns them into quads. One struct serves the five fact families; fields not used by a
// family stay empty. Names are kept as the release wrote them (surface forms); `key` fields hold
// the canonical identity used to mint IRIs (so the same entity in two releases is one node).
#ifndef PRESSKG_FACT_H
#define PRESSKG_FACT_H

#include <string>
#include <vector>

#include "presskg/document.h"

namespace presskg {

enum class FactType { kAgreement, kQuote, kRole, kEvent, kDateline };

const char* FactTypeName(FactType t);  // "agreement" | "quote" | "role" | "event" | "dateline"

enum class EntityKind { kOrganization, kPerson, kCountry, kPlace };

// An entity as mentioned in one release.
struct EntityRef {
  EntityKind kind = EntityKind::kOrganization;
  std::string name;                  // as written at the mention (surface form)
  std::vector<std::string> aliases;  // other forms written in the same release (full name, short form, acronym)
  std::string key;       // canonical key: ISO 3166 alpha-2 for countries, gazetteer id for known
                         // organizations/places, else empty (graph derives one from the name)
  std::string wikidata;  // "Q7159" when known
  std::string country;   // ISO 3166 alpha-2: a place's country, an organization's home country if known
  Span span;             // the mention in the original text
  bool empty() const { return name.empty(); }
};

struct Fact {
  FactType type = FactType::kAgreement;
  std::string doc;      // Document::id
  std::string rule;     // id of the rule that produced it, e.g. "en.agreement.signed-mou"
  double confidence = 0;  // the rule's measured precision (0..1)
  Span evidence;        // the sentence/span stating the fact, in the original text

  // agreement: kind is "agreement" | "mou" | "partnership"
  std::string kind;
  std::vector<EntityRef> parties;      // organizations and/or countries
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2 the agreement concerns

  // quote and role
  EntityRef person;
  std::string role;   // "Secretary-General", "秘书长"
  EntityRef org;      // organization the role is held in (may be empty)
  std::string quote;  // the whole quotation block (quote facts)

  // event: name (+aliases), start/end, place; dateline: date (start), place
  std::string name;
  std::vector<std::string> name_aliases;
  std::string date;   // agreement date or dateline date: ISO 8601 prefix (YYYY, YYYY-MM, YYYY-MM-DD)
  std::string start;  // event start (ISO 8601 prefix)
  std::string end;    // event end
  EntityRef place;    // event place / dateline place (kind kPlace; country set when known)
};

}  // namespace presskg

#endif  // PRESSKG_FACT_H
