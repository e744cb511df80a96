// presskg/mention.h — typed mentions found in a prepared text: organizations, people, roles,
// countries, places, dates, (and quotations), the slots that relation rules match over.
//
//   Result<std::unique_ptr<MentionFinder>> finder = MentionFinder::Load(MentionOptions{});
//   std::vector<Mention> ms = (*finder)->Find(text, MentionContext{"2013-05-16"});
//
// Mentions are sorted by begin offset, do not overlap (longest match wins, then priority), and
// carry normalized byte offsets (PreparedText::normalized()).
#ifndef PRESSKG_MENTION_H
#define PRESSKG_MENTION_H

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "presskg/status.h"
#include "presskg/text.h"

namespace presskg {

enum class MentionType { kOrg, kPerson, kRole, kCountry, kPlace, kDate, kQuote };

const char* MentionTypeName(MentionType t);  // "ORG", "PERSON", "ROLE", "COUNTRY", "PLACE", "DATE", "QUOTE"

struct Mention {
  MentionType type = MentionType::kOrg;
  std::size_t begin = 0, end = 0;  // normalized byte offsets
  std::string text;      // original surface form (PreparedText::OriginalText)
  std::string key;       // canonical id: ISO alpha-2 (country), gazetteer id (org/place), "" if unknown
  std::string wikidata;  // "Q7159" when known
  std::string country;   // ISO alpha-2 of a place / an organization's country / a ministry's country
  std::string full;      // person/org: the full form this short form resolves to in the same release
  std::string value;     // date: ISO 8601 start (YYYY | YYYY-MM | YYYY-MM-DD); role: canonical role
  std::string value_end; // date ranges: ISO 8601 end
  std::string source;    // which gazetteer entry or pattern produced it (for explain)
};

struct MentionOptions {
  std::string gazetteer_dir;  // "" = the installed/source extractor/gazetteers
};

struct MentionContext {
  std::string release_date;  // ISO 8601 anchor for dates that leave out the year
};

class MentionFinder {
 public:
  virtual ~MentionFinder() = default;
  static Result<std::unique_ptr<MentionFinder>> Load(const MentionOptions& options);
  // Thread-safe: one finder serves all worker threads.
  virtual std::vector<Mention> Find(const PreparedText& text, const MentionContext& context) const = 0;
};

// Normalises one date expression (normalized text) to ISO 8601 start/end, using `anchor` (a release
// date) for a missing year. Returns false when `text` is not a date.
bool NormalizeDate(std::string_view text, std::string_view anchor, std::string* start, std::string* end);

}  // namespace presskg

#endif  // PRESSKG_MENTION_H
