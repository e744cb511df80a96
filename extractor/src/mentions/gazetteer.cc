// Gazetteer loading: the data files in extractor/gazetteers (docs/mentions.md) and the CLDR
// country and city names ICU carries.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include "mentions/internal.h"
#include "text/normalize.h"

namespace presskg {
namespace mentions {
namespace gazetteer_detail {

// The cascade's word character (cascade.cc, IsAlphaWordSlow): letters and digits of alphabetic
// scripts and '_'; Han, kana and hangul are not. A name whose first code point is one starts only
// at a word start.
bool AlphaWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (IsHan(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF)) return false;
  return IsWordChar(c);
}

std::size_t Utf8Length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

}  // namespace gazetteer_detail

// NFKC + Hant→Hans, the view the text stage gives (text::Normalize, whose tables a process
// builds once for its releases anyway); an ICU transliterator of the loader's own and an ICU round
// trip per key were most of the load's time. Plain ASCII is its own normal form.
std::string NormalizeKey(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::string out;
      std::vector<PreparedText::OffsetRun> runs;
      text::Normalize(s, /*fold_traditional=*/true, &out, &runs);
      return out;
    }
  return std::string(s);
}

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
    return gz_->names.Build(gz_->trie, gz_->entries, &gazetteer_detail::AlphaWordChar);
  }

 private:
  std::int32_t NewEntry(Entry e) {
    gz_->entries.push_back(std::move(e));
    return static_cast<std::int32_t>(gz_->entries.size() - 1);
  }

  std::string Norm(std::string_view s) const { return NormalizeKey(s); }

  // Adds one name; Latin names of countries and places also match in capitals (datelines).
  void Add(std::string_view raw, std::int32_t e, bool lower_variant = false) { AddNormalized(Norm(raw), e, lower_variant); }
  void AddNormalized(const std::string& name, std::int32_t e, bool lower_variant = false) {
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
    std::vector<icu::Locale> display;  // built once, not per country (start-up)
    for (const auto& loc : kLocales) display.emplace_back(loc.locale);
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
      std::string code(*c);
      const icu::Locale country("", *c);
      for (std::size_t li = 0; li < std::size(kLocales); ++li) {
        const auto& loc = kLocales[li];
        icu::UnicodeString u;
        country.getDisplayCountry(display[li], u);
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
        const std::string n = Norm(name);
        AddNormalized(n, id);
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
      gz_->trie.Insert(Norm(r.cols[0]), id);
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
        std::istringstream ls(Norm(line));
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
      gz_->trie.Insert(normalize ? Norm(line) : line, NewEntry(e));
    }
    return Status::OK();
  }

  std::string dir_;
  Gazetteer* gz_;
};

}  // namespace

Status NameAutomaton::Build(const Trie& trie, const std::vector<Entry>& entries, bool (*alpha_word)(char32_t)) {
  using gazetteer_detail::Utf8Length;
  // Flat arrays throughout (start-up matters: this runs on every load).
  // 1. The trie's keys as a code-point trie. The trie hands keys over in byte order (code point
  // order), so a key shares its path with the previous one as far as it goes and then only adds
  // nodes: the child to follow is the last one added (the sibling list is searched otherwise).
  struct BNode {
    std::uint32_t depth = 0;  // bytes from the root
    std::uint32_t sym = 0;    // on the edge from the parent
    std::int32_t last_kid = -1, next_sibling = -1;
    std::uint32_t payload_count = 0;
    const std::int32_t* payloads = nullptr;
    bool alpha_first = false;
  };
  std::vector<BNode> nodes(1);
  nodes.reserve(trie.size());
  std::vector<std::uint16_t> bmp_sym(0x10000, 0);  // symbols while building
  std::vector<std::pair<char32_t, std::uint32_t>> astral;
  std::uint32_t next_sym = 1;
  auto symbol_of = [&](char32_t c) -> std::uint32_t {
    if (c < 0x10000) {
      if (bmp_sym[c] == 0) bmp_sym[c] = static_cast<std::uint16_t>(next_sym++);
      return bmp_sym[c];
    }
    for (const auto& [a, sym] : astral)
      if (a == c) return sym;
    astral.emplace_back(c, next_sym);
    return next_sym++;
  };
  std::vector<std::uint32_t> syms;
  trie.ForEachKey([&](std::string_view key, const std::int32_t* payloads, std::size_t count) {
    syms.clear();
    char32_t first = 0;
    for (std::size_t i = 0; i < key.size();) {
      char32_t c;
      const std::size_t n = DecodeAt(key, i, &c);
      if (n != Utf8Length(c)) return;  // ill-formed: never matches normalised text
      if (i == 0) first = c;
      syms.push_back(symbol_of(c));
      i += n;
    }
    if (syms.empty() || next_sym >= 0xFFFF) return;
    std::int32_t node = 0;
    std::size_t i = 0;
    for (std::uint32_t sym : syms) {
      std::int32_t kid = nodes[static_cast<std::size_t>(node)].last_kid;
      while (kid >= 0 && nodes[static_cast<std::size_t>(kid)].sym != sym) kid = nodes[static_cast<std::size_t>(kid)].next_sibling;
      if (kid < 0) {
        kid = static_cast<std::int32_t>(nodes.size());
        BNode n;
        n.sym = sym;
        n.next_sibling = nodes[static_cast<std::size_t>(node)].last_kid;
        nodes[static_cast<std::size_t>(node)].last_kid = kid;
        nodes.push_back(n);
      }
      // depth: the key's bytes up to and with this code point
      std::size_t j = i;
      char32_t c;
      j += DecodeAt(key, j, &c);
      nodes[static_cast<std::size_t>(kid)].depth = static_cast<std::uint32_t>(j);
      i = j;
      node = kid;
    }
    BNode& leaf = nodes[static_cast<std::size_t>(node)];
    leaf.payloads = payloads;
    leaf.payload_count = static_cast<std::uint32_t>(count);
    leaf.alpha_first = alpha_word(first);
  });
  if (next_sym >= 0xFFFF) return Internal("gazetteer: too many distinct characters for the name automaton");
  symbols_ = next_sym - 1;
  states_ = nodes.size();
  const std::uint32_t max_sym = next_sym - 1;
  const std::size_t node_count = nodes.size();

  // 2. Symbols: a two-level table over the BMP (blocks of 64 code points; blocks without a
  // symbol share the zero block at offset 0), a sorted list beyond it.
  bmp_block_.assign(0x10000 / 64, 0);
  bmp_sym_.assign(64, 0);
  for (std::uint32_t hi = 0; hi < 0x10000 / 64; ++hi) {
    bool any = false;
    for (std::uint32_t lo = 0; lo < 64 && !any; ++lo) any = bmp_sym[hi << 6 | lo] != 0;
    if (!any) continue;
    bmp_block_[hi] = static_cast<std::uint32_t>(bmp_sym_.size());
    bmp_sym_.insert(bmp_sym_.end(), bmp_sym.begin() + (hi << 6), bmp_sym.begin() + ((hi + 1) << 6));
  }
  astral_ = std::move(astral);
  std::sort(astral_.begin(), astral_.end());
  lead3_block_.assign(0x4000, 0);
  for (std::uint32_t hi = 0x1000 >> 6; hi < (0x10000 >> 6); ++hi)  // c >> 6 of U+1000–U+FFFF
    lead3_block_[(hi & 0x3F) << 8 | hi >> 6] = bmp_block_[hi];
  for (char32_t c = 0; c < 0x80; ++c) ascii_sym_[c] = static_cast<std::uint16_t>(BmpSymbol(c));

  // Children of each node as (symbol, node) sorted by symbol: kids[kid_begin[v], kid_begin[v + 1]).
  std::vector<std::uint32_t> kid_begin(node_count + 1, 0);
  std::vector<std::pair<std::uint32_t, std::int32_t>> kids;
  kids.reserve(node_count);
  for (std::size_t v = 0; v < node_count; ++v) {
    kid_begin[v] = static_cast<std::uint32_t>(kids.size());
    for (std::int32_t k = nodes[v].last_kid; k >= 0; k = nodes[static_cast<std::size_t>(k)].next_sibling)
      kids.emplace_back(nodes[static_cast<std::size_t>(k)].sym, k);
    std::sort(kids.begin() + kid_begin[v], kids.end());
  }
  kid_begin[node_count] = static_cast<std::uint32_t>(kids.size());

  // 3. Failure links, breadth first: the longest proper suffix of a node's path that is a path.
  std::vector<std::int32_t> root_goto(max_sym + 1, -1);
  for (std::uint32_t k = kid_begin[0]; k < kid_begin[1]; ++k) root_goto[kids[k].first] = kids[k].second;
  auto go = [&](std::int32_t f, std::uint32_t sym) -> std::int32_t {
    if (f == 0) return root_goto[sym];
    auto b = kids.begin() + kid_begin[static_cast<std::size_t>(f)], e = kids.begin() + kid_begin[static_cast<std::size_t>(f) + 1];
    auto it = std::lower_bound(b, e, std::make_pair(sym, std::int32_t{-1}));
    return it != e && it->first == sym ? it->second : -1;
  };
  std::vector<std::int32_t> order{0}, fail(node_count, 0);
  order.reserve(node_count);
  for (std::size_t q = 0; q < order.size(); ++q) {
    const std::int32_t u = order[q];
    for (std::uint32_t k = kid_begin[static_cast<std::size_t>(u)]; k < kid_begin[static_cast<std::size_t>(u) + 1]; ++k) {
      const auto [sym, v] = kids[k];
      order.push_back(v);
      if (u == 0) continue;
      for (std::int32_t f = fail[static_cast<std::size_t>(u)];; f = fail[static_cast<std::size_t>(f)]) {
        const std::int32_t g = go(f, sym);
        if (g >= 0) {
          fail[static_cast<std::size_t>(v)] = g;
          break;
        }
        if (f == 0) break;
      }
    }
  }

  // 4. Double array, breadth first, first fit: a node's children take the slots base + symbol.
  // Bases are never negative, so base + any symbol stays inside the array.
  std::vector<std::int32_t> slot(node_count, -1), node_at;
  std::vector<std::uint32_t> base_of(node_count, 0);
  std::vector<std::uint8_t> used(node_count + 2 * (max_sym + 2), 0);
  slot[0] = 0;
  used[0] = 1;
  std::size_t next_free = 1;
  for (std::int32_t u : order) {
    const std::uint32_t kb = kid_begin[static_cast<std::size_t>(u)], ke = kid_begin[static_cast<std::size_t>(u) + 1];
    if (kb == ke) continue;
    const std::uint32_t first = kids[kb].first;
    for (std::size_t f = std::max<std::size_t>(next_free, first);; ++f) {
      if (used.size() < f + max_sym + 2) used.resize(std::max(used.size() * 2, f + max_sym + 2), 0);
      if (used[f]) continue;
      const std::size_t b = f - first;
      bool fits = true;
      for (std::uint32_t k = kb + 1; k < ke && fits; ++k) fits = !used[b + kids[k].first];
      if (!fits) continue;
      base_of[static_cast<std::size_t>(u)] = static_cast<std::uint32_t>(b);
      for (std::uint32_t k = kb; k < ke; ++k) {
        used[b + kids[k].first] = 1;
        slot[static_cast<std::size_t>(kids[k].second)] = static_cast<std::int32_t>(b + kids[k].first);
      }
      break;
    }
    while (next_free < used.size() && used[next_free]) ++next_free;
  }
  std::size_t size = max_sym + 1;
  for (std::size_t v = 0; v < node_count; ++v) size = std::max<std::size_t>(size, base_of[v] + max_sym + 1);
  units_.assign(size + 1, Unit{0, -1, 0, 0});  // + the sentinel
  depth_.assign(size, 0);
  node_at.assign(size, -1);
  for (std::size_t v = 0; v < node_count; ++v) {
    const std::size_t t = static_cast<std::size_t>(slot[v]);
    node_at[t] = static_cast<std::int32_t>(v);
    units_[t].base = base_of[v];
    units_[t].fail = slot[static_cast<std::size_t>(fail[v])];
    depth_[t] = nodes[v].depth;
    for (std::uint32_t k = kid_begin[v]; k < kid_begin[v + 1]; ++k)
      units_[static_cast<std::size_t>(slot[static_cast<std::size_t>(kids[k].second)])].check = static_cast<std::int32_t>(t);
  }

  // 5. Names ending at each state: its own key's, then those of the states its failure chain
  // reaches (the suffixes of its path that are names), laid out in slot order.
  outputs_.clear();
  for (std::size_t t = 0; t < size; ++t) {
    units_[t].out = static_cast<std::uint32_t>(outputs_.size());
    if (node_at[t] <= 0) continue;
    for (std::int32_t v = node_at[t]; v > 0; v = fail[static_cast<std::size_t>(v)]) {
      const BNode& n = nodes[static_cast<std::size_t>(v)];
      for (std::uint32_t k = 0; k < n.payload_count; ++k) {
        const std::int32_t p = n.payloads[k];
        outputs_.push_back(Output{n.depth, p, entries[static_cast<std::size_t>(p)].langs, n.alpha_first});
      }
    }
    if (outputs_.size() > units_[t].out) units_[t].base |= kHasOutput;
  }
  units_[size].out = static_cast<std::uint32_t>(outputs_.size());
  root_next_.assign(max_sym + 1, 0);
  for (std::uint32_t k = kid_begin[0]; k < kid_begin[1]; ++k) {
    const std::size_t t = static_cast<std::size_t>(slot[static_cast<std::size_t>(kids[k].second)]);
    root_next_[kids[k].first] = static_cast<std::uint32_t>(t) | (units_[t].base & kHasOutput);
  }
  return Status::OK();
}

std::uint32_t NameAutomaton::AstralSymbol(char32_t c) const {
  auto it = std::lower_bound(astral_.begin(), astral_.end(), std::make_pair(c, std::uint32_t{0}));
  return it != astral_.end() && it->first == c ? it->second : 0;
}

std::size_t NameAutomaton::bytes() const {
  return units_.size() * sizeof(Unit) + depth_.size() * sizeof(std::uint32_t) + root_next_.size() * sizeof(std::uint32_t) +
         outputs_.size() * sizeof(Output) + bmp_block_.size() * sizeof(std::uint32_t) + bmp_sym_.size() * sizeof(std::uint16_t) +
         lead3_block_.size() * sizeof(std::uint32_t) + sizeof ascii_sym_ +
         astral_.size() * sizeof(astral_[0]);
}

Status LoadGazetteer(const std::string& dir, Gazetteer* gz) {
  Loader loader(dir, gz);
  return loader.Run();
}

}  // namespace mentions
}  // namespace presskg
