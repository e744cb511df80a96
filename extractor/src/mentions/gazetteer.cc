// Gazetteer loading: the data files in extractor/gazetteers (docs/mentions.md) and the CLDR
// country and city names ICU carries.
#include <fstream>
#include <map>
#include <sstream>

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {
namespace {

// Priorities break ties between names of the same length: a city-state is a country first
// ("香港", "Singapore"), an organization named like its country ("EU") stays an organization.
constexpr int kPrioCountry = 50;
constexpr int kPrioOrg = 45;
constexpr int kPrioPlace = 40;
constexpr int kPrioCldrCity = 35;
constexpr int kPrioRole = 30;

struct Row {
  int line = 0;
  std::vector<std::string> cols;
};

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t p = s.find(sep, start);
    std::string_view part = s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\r')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.remove_suffix(1);
    out.emplace_back(part);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

// Reads a TSV file: '#' starts a comment line, blank lines are skipped, every row needs at least
// `min_cols` columns.
Status ReadTsv(const std::string& path, std::size_t min_cols, std::vector<Row>* rows) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open gazetteer file", Location{path, 0, 0, ""});
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    Row r;
    r.line = n;
    r.cols = Split(line, '\t');
    if (r.cols.size() < min_cols)
      return ParseError("expected " + std::to_string(min_cols) + " tab-separated columns, found " +
                            std::to_string(r.cols.size()),
                        Location{path, n, 1, ""});
    rows->push_back(std::move(r));
  }
  return Status::OK();
}

bool HasLatin(std::string_view s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

class Loader {
 public:
  Loader(const std::string& dir, Gazetteer* gz) : dir_(dir), gz_(gz) {}

  Status Run() {
    if (!norm_.ok()) return Internal("ICU NFKC / Hant-Hans transliterator unavailable");
    Status s;
    if (!(s = LoadCountriesCldr()).ok()) return s;
    if (!(s = LoadNamed("countries.tsv", MentionType::kCountry, kPrioCountry, /*cols=*/2)).ok()) return s;
    if (!(s = LoadNamed("organizations.tsv", MentionType::kOrg, kPrioOrg, 4)).ok()) return s;
    if (!(s = LoadNamed("places.tsv", MentionType::kPlace, kPrioPlace, 4)).ok()) return s;
    if (!(s = LoadCitiesCldr()).ok()) return s;
    if (!(s = LoadRoles()).ok()) return s;
    if (!(s = LoadSuffixes()).ok()) return s;
    if (!(s = LoadCharLists()).ok()) return s;
    if (!(s = LoadSpeechVerbs()).ok()) return s;
    if (!(s = LoadOrgKeywords()).ok()) return s;
    if (!(s = LoadHonorifics()).ok()) return s;
    gz_->trie.Freeze();
    return Status::OK();
  }

 private:
  std::int32_t NewEntry(Entry e) {
    gz_->entries.push_back(std::move(e));
    return static_cast<std::int32_t>(gz_->entries.size() - 1);
  }

  // Adds one name; Latin names of countries and places also match in capitals (datelines).
  void Add(std::string_view raw, std::int32_t e, bool lower_variant = false) {
    std::string name = norm_(raw);
    const Entry& en = gz_->entries[e];
    bool caps = en.type == MentionType::kCountry || en.type == MentionType::kPlace;
    gz_->AddName(name, e, caps && HasLatin(name), lower_variant);
  }

  // CLDR display names of every ISO 3166 country in the languages the rule packs cover.
  Status LoadCountriesCldr() {
    static const struct {
      const char* locale;
      std::uint8_t langs;
    } kLocales[] = {{"zh", kLangAll}, {"zh_Hant", kLangAll}, {"en", kLangAll}, {"fr", kLangFr},
                    {"es", kLangEs},  {"ru", kLangRu},       {"ar", kLangAr}};
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
      std::string code(*c);
      for (const auto& loc : kLocales) {
        icu::UnicodeString u;
        icu::Locale("", *c).getDisplayCountry(icu::Locale(loc.locale), u);
        std::string name = ToUtf8(u);
        if (name.empty() || name == code) continue;  // no display name in this locale
        Entry e;
        e.type = MentionType::kCountry;
        e.key = code;
        e.langs = loc.langs;
        e.priority = kPrioCountry;
        e.source = std::string("cldr:") + loc.locale;
        std::int32_t id = NewEntry(e);
        // CLDR writes "Myanmar (Burma)", "Congo - Kinshasa", "刚果（金）": keep the whole name and
        // the part before the qualifier.
        Add(name, id);
        std::string n = norm_(name);
        for (const char* cut : {" (", "(", " - "}) {
          std::size_t p = n.find(cut);
          if (p != std::string::npos && p > 0) {
            std::string head = n.substr(0, p);
            // "Congo" alone names two countries: only keep heads that are unambiguous enough.
            if (head != "Congo" && head != "刚果" && head != "Congo -") gz_->AddName(head, id, HasLatin(head), false);
            if (std::string(cut).find('(') != std::string::npos) {
              std::size_t q = n.find(')', p);
              if (q != std::string::npos) {
                std::string inner = n.substr(p + std::string(cut).size(), q - p - std::string(cut).size());
                if (inner.size() > 3 && inner != "金" && inner != "布") gz_->AddName(inner, id, HasLatin(inner), false);
              }
            }
          }
        }
      }
    }
    return Status::OK();
  }

  // countries.tsv: alpha2 TAB names;  organizations.tsv / places.tsv: id TAB wikidata TAB country TAB names
  Status LoadNamed(const char* file, MentionType type, int prio, std::size_t cols) {
    std::string path = dir_ + "/" + file;
    std::vector<Row> rows;
    Status s = ReadTsv(path, cols, &rows);
    if (!s.ok()) return s;
    gz_->files.push_back(path);
    for (const Row& r : rows) {
      Entry e;
      e.type = type;
      e.priority = prio;
      e.key = r.cols[0];
      if (cols == 2) {
        e.country = r.cols[0];
      } else {
        e.wikidata = r.cols[1];
        e.country = r.cols[2];
      }
      e.source = std::string(file) + ":" + std::to_string(r.line);
      if (e.key.empty())
        return ParseError("empty id", Location{path, r.line, 1, ""});
      std::int32_t id = NewEntry(e);
      for (const std::string& name : Split(r.cols[cols - 1], '|'))
        if (!name.empty()) Add(name, id);
    }
    return Status::OK();
  }

  // Time-zone exemplar cities: several hundred cities with names in every CLDR language and
  // their country for free. Antarctic stations and names that are common words or given names
  // are skipped (cldr_city_skip.txt).
  Status LoadCitiesCldr() {
    std::unordered_set<std::string> skip;
    {
      std::string path = dir_ + "/cldr_city_skip.txt";
      std::ifstream in(path);
      if (!in) return NotFound("cannot open gazetteer file", Location{path, 0, 0, ""});
      gz_->files.push_back(path);
      std::string line;
      while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] != '#') skip.insert(line);
      }
    }
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> zh(icu::TimeZoneNames::createInstance(icu::Locale("zh"), st));
    std::unique_ptr<icu::TimeZoneNames> en(icu::TimeZoneNames::createInstance(icu::Locale("en"), st));
    std::unique_ptr<icu::StringEnumeration> ids(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, st));
    if (U_FAILURE(st)) return Status::OK();  // no time-zone data: the hand-written places remain
    const icu::UnicodeString* id;
    while ((id = ids->snext(st)) != nullptr && U_SUCCESS(st)) {
      char region[8] = {0};
      UErrorCode rs = U_ZERO_ERROR;
      icu::TimeZone::getRegion(*id, region, sizeof region, rs);
      std::string reg(region);
      if (U_FAILURE(rs) || reg.size() != 2 || reg == "AQ" || reg == "UM" || reg == "001") continue;
      icu::UnicodeString zn, enn;
      zh->getExemplarLocationName(*id, zn);
      en->getExemplarLocationName(*id, enn);
      std::string en_name = ToUtf8(enn), zh_name = ToUtf8(zn);
      if (en_name.empty() || skip.count(en_name)) continue;
      Entry e;
      e.type = MentionType::kPlace;
      e.key = "cldr:" + ToUtf8(*id);
      e.country = reg;
      e.priority = kPrioCldrCity;
      e.source = "cldr:tz";
      std::int32_t n = NewEntry(e);
      Add(en_name, n);
      if (!zh_name.empty() && zh_name != en_name) Add(zh_name, n);
    }
    return Status::OK();
  }

  // roles.tsv: canonical TAB names. Latin role names also match in lower case, except names
  // written "=Name". The canonical name is a name too (in both cases).
  Status LoadRoles() {
    std::string path = dir_ + "/roles.tsv";
    std::vector<Row> rows;
    Status s = ReadTsv(path, 2, &rows);
    if (!s.ok()) return s;
    gz_->files.push_back(path);
    for (const Row& r : rows) {
      Entry e;
      e.type = MentionType::kRole;
      e.priority = kPrioRole;
      e.value = r.cols[0];
      e.key = r.cols[0];
      e.source = "roles.tsv:" + std::to_string(r.line);
      std::int32_t id = NewEntry(e);
      bool exact = ("|" + r.cols[1] + "|").find("|=" + r.cols[0] + "|") != std::string::npos;
      Add(r.cols[0], id, !exact);
      // "=Chair": only as written (lower-case "chair" and "head" are mostly verbs and nouns)
      for (const std::string& name : Split(r.cols[1], '|')) {
        if (name.size() > 1 && name[0] == '=') Add(std::string_view(name).substr(1), id, false);
        else if (!name.empty()) Add(name, id, true);
      }
    }
    return Status::OK();
  }

  // org_suffixes.tsv: suffix TAB kind (company, university, government, body, party) — Chinese
  // organization heads extended backwards by the pattern stage.
  Status LoadSuffixes() {
    std::string path = dir_ + "/org_suffixes.tsv";
    std::vector<Row> rows;
    Status s = ReadTsv(path, 2, &rows);
    if (!s.ok()) return s;
    gz_->files.push_back(path);
    for (const Row& r : rows) {
      Entry e;
      e.kind = EntryKind::kOrgSuffix;
      e.type = MentionType::kOrg;
      e.value = r.cols[1];
      e.key = r.cols[0];
      e.source = "org_suffixes.tsv:" + std::to_string(r.line);
      std::int32_t id = NewEntry(e);
      gz_->trie.Insert(norm_(r.cols[0]), id);
    }
    return Status::OK();
  }

  // surnames.txt and translit_chars.txt: whitespace-separated items, '#' comments.
  Status LoadCharLists() {
    for (const char* file : {"surnames.txt", "translit_chars.txt"}) {
      std::string path = dir_ + "/" + file;
      std::ifstream in(path);
      if (!in) return NotFound("cannot open gazetteer file", Location{path, 0, 0, ""});
      gz_->files.push_back(path);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream ls(norm_(line));
        std::string item;
        while (ls >> item) {
          if (std::string(file) == "surnames.txt") {
            gz_->surnames.insert(item);
            char32_t first;
            std::size_t n1 = DecodeAt(item, 0, &first);
            if (first < 0x10000) gz_->surname_first[first >> 6] |= 1ull << (first & 63);
            // The compact forms hold items of one or two BMP code points other than U+FFFD.
            char32_t second = 0xFFFD;
            std::size_t n2 = n1 < item.size() ? DecodeAt(item, n1, &second) : 0;
            auto canonical = [](char32_t c, std::size_t n) {
              return c < 0x10000 && c != 0xFFFD && n == (c < 0x80 ? 1u : c < 0x800 ? 2u : 3u);
            };
            if (canonical(first, n1) && n1 == item.size())
              gz_->surname_single[first >> 6] |= 1ull << (first & 63);
            else if (canonical(first, n1) && canonical(second, n2) && n1 + n2 == item.size())
              gz_->surname_pairs.push_back(static_cast<std::uint64_t>(first) << 32 | second);
          } else {
            for (std::size_t i = 0; i < item.size();) {
              char32_t cp;
              i += DecodeAt(item, i, &cp);
              gz_->translit_chars.insert(cp);
              if (cp < 0x10000) gz_->translit_bits[cp >> 6] |= 1ull << (cp & 63);
            }
          }
        }
      }
    }
    std::sort(gz_->surname_pairs.begin(), gz_->surname_pairs.end());
    return Status::OK();
  }

  // en_org_keywords.tsv: keyword TAB head|tail|both
  Status LoadOrgKeywords() {
    std::string path = dir_ + "/en_org_keywords.tsv";
    std::vector<Row> rows;
    Status s = ReadTsv(path, 2, &rows);
    if (!s.ok()) return s;
    gz_->files.push_back(path);
    for (const Row& r : rows) {
      if (r.cols[1] != "head" && r.cols[1] != "tail" && r.cols[1] != "both")
        return ParseError("expected head, tail or both", Location{path, r.line, 2, ""});
      Entry e;
      e.kind = EntryKind::kOrgKeyword;
      e.key = r.cols[0];
      e.value = r.cols[1];
      e.source = "en_org_keywords.tsv:" + std::to_string(r.line);
      gz_->trie.Insert(r.cols[0], NewEntry(e));
    }
    return Status::OK();
  }

  // honorifics.txt: one per line; "Mr" also matches "Mr." (the cascade skips the full stop).
  Status LoadHonorifics() { return LoadWordList("honorifics.txt", EntryKind::kHonorific, /*normalize=*/false); }

  // zh_speech_verbs.txt: one verb per line; a Chinese name may end right before one (林玉辉表示).
  Status LoadSpeechVerbs() { return LoadWordList("zh_speech_verbs.txt", EntryKind::kSpeechVerb, /*normalize=*/true); }

  // A plain list file: one entry per line, '#' comments, blank lines ignored.
  Status LoadWordList(const std::string& file, EntryKind kind, bool normalize) {
    std::string path = dir_ + "/" + file;
    std::ifstream in(path);
    if (!in) return NotFound("cannot open gazetteer file", Location{path, 0, 0, ""});
    gz_->files.push_back(path);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      Entry e;
      e.kind = kind;
      e.type = MentionType::kPerson;
      e.key = line;
      e.source = file + ":" + std::to_string(n);
      gz_->trie.Insert(normalize ? norm_(line) : line, NewEntry(e));
    }
    return Status::OK();
  }

  std::string dir_;
  Gazetteer* gz_;
  KeyNormalizer norm_;
};

}  // namespace

Status LoadGazetteer(const std::string& dir, Gazetteer* gz) {
  Loader loader(dir, gz);
  return loader.Run();
}

}  // namespace mentions
}  // namespace presskg
