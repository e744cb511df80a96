// MentionFinder: loads the gazetteers once, then runs the cascade (mentions/cascade.cc) per text.
#include "presskg/mention.h"

#include "mentions/internal.h"

namespace presskg {

const char* MentionTypeName(MentionType t) {
  switch (t) {
    case MentionType::kOrg: return "ORG";
    case MentionType::kPerson: return "PERSON";
    case MentionType::kRole: return "ROLE";
    case MentionType::kCountry: return "COUNTRY";
    case MentionType::kPlace: return "PLACE";
    case MentionType::kDate: return "DATE";
    case MentionType::kQuote: return "QUOTE";
  }
  return "?";
}

namespace {

class FinderImpl : public MentionFinder {
 public:
  explicit FinderImpl(std::unique_ptr<mentions::Gazetteer> gz) : gz_(std::move(gz)) {}

  std::vector<Mention> Find(const PreparedText& text, const MentionContext& context) const override {
    // Per thread and cleared per call (the mentions copy what they need from the store before
    // returning): no allocation for them per release.
    thread_local std::vector<mentions::QuoteSpan> quotes;
    thread_local mentions::Store store;
    quotes.clear();
    store.clear();
    for (const QuoteBlock& q : text.quotes()) quotes.push_back({q.norm_begin, q.norm_end});
    thread_local std::vector<mentions::Candidate> cands;
    mentions::FindInTextInto(*gz_, text.normalized(), text.language(), context.release_date, quotes, &store, &cands);
    std::vector<Mention> out;
    out.reserve(cands.size());
    for (const mentions::Candidate& c : cands) {
      Mention& m = out.emplace_back();  // filled in place: no temporaries, no moves of eight strings
      m.type = c.type;
      m.begin = c.begin;
      m.end = c.end;
      m.text = text.OriginalText(c.begin, c.end);
      // Most fields are empty for most mentions, and filling one is a call either way. The fields
      // are new and empty: append does what assign would, without assign's general replace
      // (which checks for aliasing and moves the tail).
      auto set = [](std::string& field, std::string_view v) {
        if (!v.empty()) field.append(v.data(), v.size());
      };
      set(m.key, c.key);
      set(m.wikidata, c.wikidata);
      set(m.country, c.country);
      set(m.full, c.full);
      set(m.value, c.value);
      set(m.value_end, c.value_end);
      set(m.source, c.source);
    }
    return out;
  }

 private:
  std::unique_ptr<mentions::Gazetteer> gz_;
};

}  // namespace

Result<std::unique_ptr<MentionFinder>> MentionFinder::Load(const MentionOptions& options) {
  std::string dir = options.gazetteer_dir.empty() ? std::string(PRESSKG_SOURCE_DIR) + "/extractor/gazetteers"
                                                  : options.gazetteer_dir;
  auto gz = std::make_unique<mentions::Gazetteer>();
  Status s = mentions::LoadGazetteer(dir, gz.get());
  if (!s.ok()) return s;
  return std::unique_ptr<MentionFinder>(new FinderImpl(std::move(gz)));
}

}  // namespace presskg
