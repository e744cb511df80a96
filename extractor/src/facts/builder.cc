// Facts from rule matches: agreements, quotes (blocks, pronouns, roles), roles, events, dateline.
#include "facts/builder.h"

#include <algorithm>
#include <deque>
#include <array>
#include <map>
#include <memory>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <tuple>
#include <re2/re2.h>

#include "facts/text_util.h"
#include "facts/dateline_place.h"
#include "facts/party_forms.h"
#include "rules/slot.h"

namespace presskg::facts {

using rules::Capture;
using rules::Rule;
using rules::RuleMatch;
using rules::SlottedText;

std::string RuleLanguage(const std::string& tag) {
  std::string t = tag.substr(0, tag.find_first_of("-_"));
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t;
}

DocView ViewOf(const Document& doc, const PreparedText& text) {
  DocView v;
  v.id = doc.id;
  v.lang = RuleLanguage(text.language());
  v.release_date = doc.date;
  v.normalized = text.normalized();
  v.sentences = text.sentences();
  v.paragraphs = text.paragraphs();
  v.quotes = text.quotes();
  v.dateline = text.dateline();
  v.to_original = [&text](std::size_t b, std::size_t e) { return text.ToOriginal(b, e); };
  v.original_text = [&text](std::size_t b, std::size_t e) { return text.OriginalText(b, e); };
  return v;
}

// ---- the mentions the rules see ----
namespace {

// Open addressing over positions in the caller's own list: the list holds the keys, the table only
// their hashes and positions, and the caller says how to compare. Reset refills it; the room stays
// for the next release (std::unordered_* allocated a node per key).
class FlatIndex {
 public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  void Reset(std::size_t expected) {
    std::size_t cap = 16;
    while (cap < 2 * expected) cap <<= 1;
    slots_.assign(cap, Entry{0, kNone});
    mask_ = cap - 1;
    n_ = 0;
  }
  // The position stored under a key `same` accepts, or kNone.
  template <typename Same>
  std::uint32_t Find(std::size_t h, Same same) const {
    for (std::size_t k = h & mask_;; k = (k + 1) & mask_) {
      const Entry& e = slots_[k];
      if (e.id == kNone) return kNone;
      if (e.hash == h && same(e.id)) return e.id;
    }
  }
  // Find, or else store `id` under the key; returns the position found, or `id`.
  template <typename Same>
  std::uint32_t FindOrAdd(std::size_t h, std::uint32_t id, Same same) {
    if (2 * (n_ + 1) > slots_.size()) Grow();
    for (std::size_t k = h & mask_;; k = (k + 1) & mask_) {
      Entry& e = slots_[k];
      if (e.id == kNone) {
        e = Entry{h, id};
        ++n_;
        return id;
      }
      if (e.hash == h && same(e.id)) return e.id;
    }
  }

 private:
  struct Entry {
    std::size_t hash;
    std::uint32_t id;
  };
  void Grow() {
    std::vector<Entry> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), Entry{0, kNone});
    mask_ = slots_.size() - 1;
    for (const Entry& e : old)
      if (e.id != kNone)
        for (std::size_t k = e.hash & mask_;; k = (k + 1) & mask_)
          if (slots_[k].id == kNone) {
            slots_[k] = e;
            break;
          }
  }
  std::vector<Entry> slots_;
  std::size_t mask_ = 0, n_ = 0;
};

// A hash for the FlatIndex keys (names, keys, quotation keys: mostly under 32 bytes), eight bytes
// at a time. Only the probing depends on it: what a FlatIndex finds is decided by the caller's
// comparison, so any hash gives the same results.
inline std::size_t HashView(std::string_view v) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ v.size();
  const char* p = v.data();
  std::size_t n = v.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h = (h ^ w) * 0x94D049BB133111EBull;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return static_cast<std::size_t>(h);
}

// Scratch of ResolvePersonShortNames, kept from one release to the next.
struct ShortNameScratch {
  struct Form {
    std::string_view text;
    std::size_t first;  // its first mention (whose full form may be resolved on the way)
    std::size_t key_at, key_len;  // its NormKey in `keys`
  };
  std::vector<Form> forms;
  std::string keys, key;
  FlatIndex seen;  // (text, full) → form
  struct Resolved {
    std::string_view text, full;  // short text → full form ("" = none)
  };
  std::vector<Resolved> resolved;
  FlatIndex by_text;  // text → resolved
};

// Minimal short-name resolution, for person mentions the mention finder left without a full form:
// the first longer person form (in order of first occurrence) whose key contains the short one's.
// The candidates are the distinct (text, full) person forms, and each distinct short text is
// resolved once: a long release repeats the same names thousands of times, and comparing every
// mention with every other was quadratic in the release (a 2 MB release took seconds). A
// candidate's full form is read when it is compared, so a short name resolved earlier in the
// release answers with its resolution.
void ResolvePersonShortNames(const std::vector<const Mention*>& at, std::vector<std::string_view>* full,
                             ShortNameScratch* sc) {
  std::size_t persons = 0;
  bool any = false;
  for (std::size_t i = 0; i < at.size(); ++i)
    if (at[i]->type == MentionType::kPerson) {
      ++persons;
      any |= (*full)[i].empty();
    }
  if (!any) return;
  std::vector<ShortNameScratch::Form>& forms = sc->forms;
  forms.clear();
  bool forms_ready = false;
  // Built when first needed, which is before any full form changes.
  auto build_forms = [&] {
    sc->seen.Reset(persons);
    sc->keys.clear();
    for (std::size_t i = 0; i < at.size(); ++i) {
      if (at[i]->type != MentionType::kPerson) continue;
      std::string_view text = at[i]->text, f = (*full)[i];
      std::size_t h = HashView(text) * 31 + HashView(f);
      auto id = static_cast<std::uint32_t>(forms.size());
      if (sc->seen.FindOrAdd(h, id, [&](std::uint32_t k) {
            return forms[k].text == text && (*full)[forms[k].first] == f;
          }) != id)
        continue;
      std::size_t at_key = sc->keys.size();
      AppendNormKey(text, &sc->keys);
      forms.push_back(ShortNameScratch::Form{text, i, at_key, sc->keys.size() - at_key});
    }
    forms_ready = true;
  };
  sc->resolved.clear();
  sc->by_text.Reset(persons);
  for (std::size_t i = 0; i < at.size(); ++i) {
    const Mention& m = *at[i];
    if (m.type != MentionType::kPerson || !(*full)[i].empty()) continue;
    std::string_view text = m.text;
    auto id = static_cast<std::uint32_t>(sc->resolved.size());
    std::uint32_t r = sc->by_text.FindOrAdd(HashView(text), id, [&](std::uint32_t k) { return sc->resolved[k].text == text; });
    if (r == id) {
      sc->resolved.push_back(ShortNameScratch::Resolved{text, {}});
      sc->key.clear();
      AppendNormKey(text, &sc->key);
      const std::string& key = sc->key;
      if (CharCount(key) < (HasCjk(key) ? 2u : 3u)) continue;
      if (!forms_ready) build_forms();
      for (const ShortNameScratch::Form& o : forms) {
        if (o.text.size() <= text.size()) continue;
        std::string_view ok(sc->keys.data() + o.key_at, o.key_len);
        if (ok != key && ok.find(key) != std::string_view::npos) {
          sc->resolved[r].full = (*full)[o.first].empty() ? o.text : (*full)[o.first];
          break;
        }
      }
    }
    if (!sc->resolved[r].full.empty()) (*full)[i] = sc->resolved[r].full;
  }
}

// The slot mentions of a release, without copying them (a Mention holds eight strings): the
// mention behind each slot, its full form (short names resolved), and for rules::Slot a list that
// holds each slot's type and offsets only, which is all Slot reads of a mention. Kept in a
// per-thread workspace: the vectors keep their room from one release to the next.
struct SlotList {
  std::vector<rules::SlotMention> light;
  std::vector<const Mention*> at;
  std::vector<std::string_view> full;
  std::vector<Mention> quotes;  // the quotation mentions; room reserved up front, so `at` stays valid
  // Whether quotes[k].text is written: a quotation's original text is read only when a rule
  // quotes it (QuoteText), not for every quotation of the release.
  std::vector<char> quote_text_made;
  const DocView* view = nullptr;

  // The text of slot i (a quotation's made when first asked for).
  const std::string& Text(std::size_t i) {
    const Mention* m = at[i];
    if (!quotes.empty() && m >= quotes.data() && m < quotes.data() + quotes.size()) {
      const auto k = static_cast<std::size_t>(m - quotes.data());
      if (!quote_text_made[k]) {
        Mention& q = quotes[k];
        q.text = view->original_text ? view->original_text(q.begin, q.end)
                                     : std::string(view->normalized.substr(q.begin, q.end - q.begin));
        quote_text_made[k] = 1;
      }
    }
    return m->text;
  }
  std::vector<QuoteBlock> qs;   // scratch: the speech quotations
  std::vector<const Mention*> items;  // scratch
  ShortNameScratch short_names;
};

// The mention list the rules see (SlotMentions), into *out.
void BuildSlots(const DocView& view, const std::vector<Mention>& mentions, SlotList* out) {
  // Speech only: “…” "…" 「…」 『…』 ‘…’ (not 《titles》, should the text module report them).
  std::vector<QuoteBlock>& qs = out->qs;
  qs.clear();
  for (const QuoteBlock& q : view.quotes) {
    std::string_view open = view.normalized.substr(q.norm_begin, 3);
    if (open.substr(0, 1) == "\"" || open.substr(0, 1) == "'" || open == "\u201C" || open == "\u300C" ||
        open == "\u300E" || open == "\u2018")
      qs.push_back(q);
  }
  std::sort(qs.begin(), qs.end(), [](const QuoteBlock& a, const QuoteBlock& b) { return a.norm_begin < b.norm_begin; });
  bool own_quotes = !qs.empty();
  auto first_after = [&](std::size_t b) {  // the first block opening after b
    return std::upper_bound(qs.begin(), qs.end(), b, [](std::size_t x, const QuoteBlock& q) { return x < q.norm_begin; });
  };
  std::vector<const Mention*>& items = out->items;
  items.clear();
  items.reserve(mentions.size() + qs.size());
  for (const Mention& m : mentions) {
    if (!own_quotes) {
      items.push_back(&m);
      continue;
    }
    if (m.type == MentionType::kQuote) continue;
    auto next = first_after(m.begin);
    // Inside a quotation: starts inside the block before (or overlaps it).
    if (next != qs.begin() && m.begin < std::prev(next)->norm_end) continue;
    // A quotation opening strictly inside the mention.
    bool overlaps_next = next != qs.end() && next->norm_begin < m.end;
    if (!overlaps_next) items.push_back(&m);
  }
  std::size_t own = items.size();
  out->quotes.clear();
  out->quotes.reserve(qs.size());
  for (const QuoteBlock& q : qs) {
    out->quotes.emplace_back();
    Mention& m = out->quotes.back();
    m.type = MentionType::kQuote;
    m.begin = q.norm_begin;
    m.end = q.norm_end;
    m.source = "quotation";
    items.push_back(&m);
  }
  out->quote_text_made.assign(out->quotes.size(), 0);
  out->view = &view;
  // Both parts are usually sorted already: a stable merge then gives the stable sort's order.
  auto by_begin = [](const Mention* a, const Mention* b) { return a->begin < b->begin; };
  if (std::is_sorted(items.begin(), items.begin() + own, by_begin))
    std::inplace_merge(items.begin(), items.begin() + own, items.end(), by_begin);
  else
    std::stable_sort(items.begin(), items.end(), by_begin);
  // Keep them non-overlapping: the earlier one wins.
  out->at.clear();
  out->light.clear();
  out->full.clear();
  out->at.reserve(items.size());
  out->light.reserve(items.size());
  out->full.reserve(items.size());
  for (const Mention* m : items) {
    if (!out->at.empty() && m->begin < out->at.back()->end) continue;
    out->at.push_back(m);
    out->light.push_back(rules::SlotMention{m->begin, m->end, m->type});
    out->full.push_back(m->full);
  }
  ResolvePersonShortNames(out->at, &out->full, &out->short_names);
}

}  // namespace

std::vector<Mention> SlotMentions(const DocView& view, const std::vector<Mention>& mentions) {
  SlotList sl;
  BuildSlots(view, mentions, &sl);
  std::vector<Mention> out;
  out.reserve(sl.at.size());
  for (std::size_t i = 0; i < sl.at.size(); ++i) {
    sl.Text(i);
    out.push_back(*sl.at[i]);
    out.back().full = std::string(sl.full[i]);
  }
  return out;
}

namespace {

// Scratch of MatchingUnitsInto (BuildFacts keeps one per thread).
struct UnitScratch {
  std::vector<const QuoteBlock*> qs;
  std::vector<std::size_t> max_end;
};

// Sorts [b, e) stably by `less` without the buffer std::stable_sort allocates: insertion sort for
// the short lists fact assembly orders (a unit's matches, a release's facts), stable_sort beyond.
template <typename It, typename Less>
void SmallStableSort(It b, It e, Less less) {
  if (e - b > 32) {
    std::stable_sort(b, e, less);
    return;
  }
  for (It i = b; i != e; ++i)
    for (It j = i; j != b && less(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
}

void MatchingUnitsInto(const DocView& view, std::vector<Unit>* units_out, UnitScratch* scratch) {
  std::vector<Unit>& units = *units_out;
  units.clear();
  const auto& ss = view.sentences;
  // Quotations by start, with the running maximum of their ends, so each question below looks at
  // the quotations near the unit only (scanning all of them per sentence was quadratic).
  std::vector<const QuoteBlock*>& qs = scratch->qs;
  qs.clear();
  qs.reserve(view.quotes.size());
  for (const QuoteBlock& q : view.quotes) qs.push_back(&q);
  SmallStableSort(qs.begin(), qs.end(),
                  [](const QuoteBlock* a, const QuoteBlock* b) { return a->norm_begin < b->norm_begin; });
  std::vector<std::size_t>& max_end = scratch->max_end;
  max_end.resize(qs.size());
  units.reserve(ss.size());
  for (std::size_t k = 0; k < qs.size(); ++k) max_end[k] = std::max(k ? max_end[k - 1] : 0, qs[k]->norm_end);
  auto first_from = [&](std::size_t pos) {  // index of the first quotation starting at or after pos
    return static_cast<std::size_t>(std::lower_bound(qs.begin(), qs.end(), pos, [](const QuoteBlock* q, std::size_t p) {
                                      return q->norm_begin < p;
                                    }) - qs.begin());
  };
  for (std::size_t i = 0; i < ss.size(); ++i) {
    Unit u{ss[i].norm_begin, ss[i].norm_end, ss[i].paragraph, ss[i].boilerplate};
    // Extend while a quotation that starts inside the unit ends after it (at most 8 sentences).
    for (int guard = 0; guard < 8 && i + 1 < ss.size(); ++guard) {
      bool spans = false;
      for (std::size_t k = first_from(u.norm_begin); k < qs.size() && qs[k]->norm_begin < u.norm_end; ++k)
        if (qs[k]->norm_end > u.norm_end) spans = true;
      if (!spans) break;
      ++i;
      u.norm_end = ss[i].norm_end;
    }
    // A unit ending with a quotation takes a short attribution sentence that follows in the same
    // paragraph ("“…。”萨努指出。", "“…!” said Lake.").
    if (i + 1 < ss.size() && ss[i + 1].paragraph == u.paragraph && ss[i + 1].norm_end - ss[i + 1].norm_begin <= 150) {
      bool ends_with_quote = false;
      // Quotations starting before the unit's end, latest first, while one of them may still end
      // inside the unit.
      for (std::size_t k = first_from(u.norm_end); k-- > 0 && max_end[k] > u.norm_begin;) {
        const QuoteBlock& q = *qs[k];
        if (q.norm_end <= u.norm_end && q.norm_end > u.norm_begin &&
            view.normalized.substr(q.norm_end, u.norm_end - q.norm_end).find_first_not_of(" \t\r\n") ==
                std::string_view::npos)
          ends_with_quote = true;
      }
      std::string_view next = view.normalized.substr(ss[i + 1].norm_begin, ss[i + 1].norm_end - ss[i + 1].norm_begin);
      std::size_t nk = first_from(ss[i + 1].norm_begin);
      bool next_is_quote = nk < qs.size() && qs[nk]->norm_begin < ss[i + 1].norm_end;
      if (ends_with_quote && !next_is_quote && !next.empty()) {
        ++i;
        u.norm_end = ss[i].norm_end;
      }
    }
    units.push_back(u);
  }
}

}  // namespace

std::vector<Unit> MatchingUnits(const DocView& view) {
  std::vector<Unit> units;
  UnitScratch scratch;
  MatchingUnitsInto(view, &units, &scratch);
  return units;
}

namespace {

// One escape of RE2 syntax at p[i] == '\\' (i past it on return). `cp` gets the code point it
// stands for when it stands for one character; `newline_free` is false unless the escape is known
// never to match "\n" (unknown escapes count as matching it).
bool ReadEscape(const std::string& p, std::size_t* i, char32_t* cp, bool* newline_free) {
  std::size_t k = *i + 1;
  if (k >= p.size()) return false;
  const char e = p[k];
  *cp = 0xFFFFFFFF;
  *newline_free = true;
  if (e == 'x') {
    std::size_t from = k + 1, to;
    if (from < p.size() && p[from] == '{') {
      to = p.find('}', from);
      if (to == std::string::npos) return false;
      ++from;
      *i = to + 1;
    } else {
      to = std::min(from + 2, p.size());
      *i = to;
    }
    if (to == from || to - from > 8) return false;
    char32_t v = 0;
    for (std::size_t j = from; j < to; ++j) {
      const char h = p[j];
      const int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<char32_t>(d);
    }
    *cp = v;
    *newline_free = v != '\n';
    return true;
  }
  if (e == 'p') {  // a Unicode class: only letter, number and Han classes are known to leave "\n" out
    std::string name;
    if (k + 1 < p.size() && p[k + 1] == '{') {
      std::size_t to = p.find('}', k + 2);
      if (to == std::string::npos) return false;
      name = p.substr(k + 2, to - k - 2);
      *i = to + 1;
    } else {
      if (k + 1 >= p.size()) return false;
      name = p.substr(k + 1, 1);
      *i = k + 2;
    }
    static const char* const kKnown[] = {"Han", "L", "Lu", "Ll", "Lt", "Lm", "Lo", "N", "Nd", "Latin"};
    *newline_free = std::find_if(std::begin(kKnown), std::end(kKnown), [&](const char* n) { return name == n; }) != std::end(kKnown);
    return true;
  }
  *i = k + 1;
  if (e == 't') {
    *cp = '\t';
  } else if (e == 'w' || e == 'd') {
    // word characters and digits: no line end
  } else if (std::strchr(".-'()[]{}&+*?|/\\^$,:#\"<>=!~@%`;_ ", e) != nullptr && e != '\0') {
    *cp = static_cast<unsigned char>(e);  // an escaped punctuation character stands for itself
  } else {
    *newline_free = false;  // \n \s \S \D \W \b \B \A \z \Q \C \P, back references, ...
  }
  return true;
}

// A character class at p[i] == '[' (i past it on return); `newline_free` as above.
bool ReadClass(const std::string& p, std::size_t* i, bool* newline_free) {
  std::size_t k = *i + 1;
  *newline_free = true;
  if (k < p.size() && p[k] == '^') {
    *newline_free = false;  // a negated class (it may leave "\n" out, but that is not checked)
    ++k;
  }
  bool first = true;
  char32_t prev = 0xFFFFFFFF;  // the last single character, a possible range start
  bool range = false;
  while (k < p.size() && (first || p[k] != ']')) {
    first = false;
    char32_t cp = 0xFFFFFFFF;
    bool free = true;
    const unsigned char b = static_cast<unsigned char>(p[k]);
    if (b == '\\') {
      if (!ReadEscape(p, &k, &cp, &free)) return false;
    } else if (b == '[') {
      return false;  // [:alpha:] and the like: not read here
    } else if (b == '-' && prev != 0xFFFFFFFF && k + 1 < p.size() && p[k + 1] != ']') {
      range = true;
      ++k;
      continue;
    } else if (b < 0x80) {
      cp = b;
      ++k;
    } else {  // a UTF-8 sequence: its lead byte tells its length
      const std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      cp = b & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F);
      for (std::size_t j = 1; j < n && k + j < p.size(); ++j) cp = (cp << 6) | (static_cast<unsigned char>(p[k + j]) & 0x3F);
      k += n;
    }
    if (range) {
      if (cp == 0xFFFFFFFF) return false;
      if (prev <= '\n' && '\n' <= cp) free = false;
      range = false;
      prev = 0xFFFFFFFF;
    } else {
      if (cp == '\n') free = false;
      prev = cp;
    }
    *newline_free = *newline_free && free;
  }
  if (k >= p.size()) return false;
  *i = k + 1;
  return true;
}

}  // namespace

std::string FirstLineProgram(const std::string& p) {
  if (p.size() < 3 || p[0] != '^' || std::strchr("*+?{", p[1]) != nullptr) return {};
  int depth = 0;
  bool newline_free = true;            // nothing before the first top-level "\n" matches a line end
  std::size_t newline = std::string::npos;  // where that "\n" starts
  for (std::size_t i = 1; i < p.size();) {
    const char ch = p[i];
    bool free = true;
    if (ch == '\\') {
      const bool is_newline = i + 1 < p.size() && p[i + 1] == 'n';
      char32_t cp;
      if (!ReadEscape(p, &i, &cp, &free)) return {};
      if (is_newline && depth == 0 && newline == std::string::npos) {
        // Taken at least once (not * ? {0,...}): every match holds a line end here.
        if (i < p.size() && (p[i] == '*' || p[i] == '?' || (p[i] == '{' && i + 1 < p.size() && p[i + 1] == '0')))
          return {};
        newline = i - 2;
        continue;
      }
    } else if (ch == '[') {
      if (!ReadClass(p, &i, &free)) return {};
    } else {
      ++i;
      if (ch == '(') {
        // Only plain and named groups: flags ((?s) (?m) (?i) ...) change what the prefix matches.
        if (i < p.size() && p[i] == '?' && p.compare(i, 2, "?:") != 0 && p.compare(i, 3, "?P<") != 0) return {};
        ++depth;
      } else if (ch == ')') {
        if (--depth < 0) return {};
      } else if (ch == '|') {
        if (depth == 0) return {};  // a top-level alternative need not start at the text's start
      } else if (ch == '.' || ch == '$' || ch == '\n' || ch == '^') {
        free = false;
      }
    }
    if (newline == std::string::npos) newline_free = newline_free && free;
  }
  if (depth != 0 || newline == std::string::npos || !newline_free) return {};
  return p.substr(0, newline + 2);
}

// ---- fact assembly ----
namespace {

// Alias groups: the mentions of one entity in the release (the same type and key, or the same
// type and normalised full name) with the distinct surface forms written for it.
struct Groups {
  // Group g's identity: a mention type, then its key or else its normalised full name (the type
  // keeps a key and a name of different types apart). `body` views a mention's key or `norm`.
  struct Id {
    MentionType type;
    std::string_view body;
  };
  std::vector<Id> ids;
  FlatIndex by_id;
  std::string norm;  // the normalised names; room reserved up front, so the views stay valid
  // A name already normalised: (type, name as written) → group, so each distinct name is
  // normalised once per release.
  struct Raw {
    MentionType type;
    std::string_view name;
    int group;
  };
  std::vector<Raw> raw;
  FlatIndex by_raw;
  // Each group's mentions (of the main slot list) as a chain: head[g], then next[i]; -1 ends it.
  std::vector<int> head, next;
  // The distinct forms of a group, sorted, made when a reference first asks for them (most
  // groups are never referred to): group g's are forms[first[g], first[g] + count[g]).
  const std::vector<const Mention*>* at = nullptr;
  const std::vector<std::string_view>* full = nullptr;
  mutable std::vector<std::string_view> forms;
  mutable std::vector<std::uint32_t> first, count;
  static constexpr std::uint32_t kNotMade = ~std::uint32_t{0};

  // Group g's distinct surface forms (the written names and full forms of its mentions), sorted.
  std::pair<const std::string_view*, const std::string_view*> Forms(int g) const {
    if (first[g] == kNotMade) {
      const auto from = static_cast<std::uint32_t>(forms.size());
      // A group repeats a few forms many times: each is looked up among the distinct ones so far.
      auto add = [&](std::string_view f) {
        for (std::size_t k = from; k < forms.size(); ++k)
          if (forms[k] == f) return;
        forms.push_back(f);
      };
      for (int i = head[g]; i >= 0; i = next[i]) {
        add((*at)[i]->text);
        if (!(*full)[i].empty()) add((*full)[i]);
      }
      std::sort(forms.begin() + from, forms.end());
      first[g] = from;
      count[g] = static_cast<std::uint32_t>(forms.size()) - from;
    }
    const std::string_view* b = forms.data() + first[g];
    return {b, b + count[g]};
  }

  static std::size_t Hash(MentionType t, std::string_view body) {
    return HashView(body) ^ (static_cast<std::size_t>(t) + 1) * 0x9E3779B97F4A7C15ull;
  }
  // The group of (t, body), added when new (body must then outlive the groups).
  int Add(MentionType t, std::string_view body) {
    auto id = static_cast<std::uint32_t>(ids.size());
    std::uint32_t k = by_id.FindOrAdd(Hash(t, body), id, [&](std::uint32_t x) { return ids[x].type == t && ids[x].body == body; });
    if (k == id) ids.push_back(Id{t, body});
    return static_cast<int>(k);
  }
  // The group of (t, body), or -1.
  int Find(MentionType t, std::string_view body) const {
    std::uint32_t k = by_id.Find(Hash(t, body), [&](std::uint32_t x) { return ids[x].type == t && ids[x].body == body; });
    return k == FlatIndex::kNone ? -1 : static_cast<int>(k);
  }
};

// What fact assembly knows of one list of slot mentions: the main one (SlotList) or, for roles
// stated inside quotations, the finder's own list.
struct Ctx {
  const rules::RuleBook& book;
  const DocView& view;
  const std::vector<rules::SlotMention>& slots;  // given to rules::Slot: capture indices point into it
  const std::vector<const Mention*>& at;         // the whole mention behind each slot
  const std::vector<std::string_view>& full;     // its full form (short names resolved)
  const Groups& groups;
  std::vector<int>& group;  // alias group of each slot; -1 none, -2 not looked up yet
  // Distinct organization/country forms with their first slot, built on first use (the room
  // is the workspace's, kept from one release to the next).
  struct OrgForms {
    std::vector<std::pair<std::string_view, std::size_t>> list;
    FlatIndex seen;
    // The forms of two bytes or more by their first two bytes (then by position in `list`), and
    // the shorter ones: a form opening a role shares the role's first two bytes, so SplitRoleOrg
    // looks at those only instead of at every form of the release.
    std::vector<std::pair<std::uint16_t, std::uint32_t>> by_head;
    std::vector<std::uint32_t> short_forms;
  };
  OrgForms* org_forms;
  bool org_forms_ready = false;
  std::string key_buf;
  const Mention& M(std::size_t i) const { return *at[i]; }
};

int GroupOf(Ctx& c, std::size_t i) {
  if (c.group[i] == -2) {
    const Mention& m = c.M(i);
    if (m.type == MentionType::kQuote || m.type == MentionType::kDate) return c.group[i] = -1;
    if (!m.key.empty()) {
      c.group[i] = c.groups.Find(m.type, m.key);
    } else {
      c.key_buf.clear();
      AppendNormKey(c.full[i].empty() ? std::string_view(m.text) : c.full[i], &c.key_buf);
      c.group[i] = c.groups.Find(m.type, c.key_buf);
    }
  }
  return c.group[i];
}

// Groups every slot mention; the surface forms of organizations, people, roles, countries and
// places (not of dates and quotations) become the aliases of their group.
void BuildAliases(Ctx* c, Groups* g) {
  c->group.assign(c->at.size(), -1);
  g->ids.clear();
  g->raw.clear();
  g->forms.clear();
  g->head.assign(c->at.size(), -1);  // at most one group per mention: no resize per new group
  g->next.assign(c->at.size(), -1);
  g->at = &c->at;
  g->full = &c->full;
  g->by_id.Reset(c->at.size());
  g->by_raw.Reset(c->at.size());
  // Room for every normalised name (a key never takes more than its name plus 2 bytes).
  std::size_t room = 0;
  for (std::size_t i = 0; i < c->at.size(); ++i) {
    const Mention& m = c->M(i);
    if (m.key.empty()) room += (c->full[i].empty() ? m.text.size() : c->full[i].size()) + 2;
  }
  g->norm.clear();
  g->norm.reserve(room);
  for (std::size_t i = 0; i < c->at.size(); ++i) {
    const Mention& m = c->M(i);
    // Dates and quotations are never parties, people or places: no group (a quotation's key
    // would be the normalised quotation).
    if (m.type == MentionType::kQuote || m.type == MentionType::kDate) continue;
    int gi;
    if (!m.key.empty()) {
      gi = g->Add(m.type, m.key);
    } else {
      std::string_view name = c->full[i].empty() ? std::string_view(m.text) : c->full[i];
      const MentionType t = m.type;
      auto rid = static_cast<std::uint32_t>(g->raw.size());
      std::uint32_t r = g->by_raw.FindOrAdd(Groups::Hash(t, name), rid, [&](std::uint32_t k) {
        return g->raw[k].type == t && g->raw[k].name == name;
      });
      if (r != rid) {
        gi = g->raw[r].group;
      } else {
        std::size_t from = g->norm.size();
        AppendNormKey(name, &g->norm);
        gi = g->Add(t, std::string_view(g->norm).substr(from));
        g->raw.push_back(Groups::Raw{t, name, gi});
      }
    }
    c->group[i] = gi;
    g->next[i] = g->head[gi];
    g->head[gi] = static_cast<int>(i);
  }
  g->first.assign(g->ids.size(), Groups::kNotMade);
  g->count.assign(g->ids.size(), 0);
}

// The entity behind slot i, written over *r (every field: a fact's empty slot, or one a
// looser match filled before). Made in place: an EntityRef returned and moved into the fact
// cost a temporary and its five strings each time.
void RefInto(Ctx& c, std::size_t i, EntityRef* out) {
  const Mention& m = c.M(i);
  EntityRef& r = *out;
  switch (m.type) {
    case MentionType::kPerson: r.kind = EntityKind::kPerson; break;
    case MentionType::kCountry: r.kind = EntityKind::kCountry; break;
    case MentionType::kPlace: r.kind = EntityKind::kPlace; break;
    default: r.kind = EntityKind::kOrganization; break;
  }
  r.name = m.text;
  r.aliases.clear();
  std::string_view full = c.full[i];
  const int g = GroupOf(c, i);
  const std::string_view* fb = nullptr;
  const std::string_view* fe = nullptr;
  if (g >= 0) std::tie(fb, fe) = c.groups.Forms(g);
  // Room for all of them once when there may be two or more (each regrowth moved the strings).
  if (static_cast<std::size_t>(fe - fb) + !full.empty() >= 3) r.aliases.reserve(static_cast<std::size_t>(fe - fb) + 1);
  if (!full.empty() && full != m.text) r.aliases.emplace_back(full);
  for (const std::string_view* f = fb; f != fe; ++f) {
    std::string_view a = *f;
    if (a != r.name && std::find(r.aliases.begin(), r.aliases.end(), a) == r.aliases.end()) r.aliases.emplace_back(a);
  }
  r.key = m.key;
  r.wikidata = m.wikidata;
  r.country = m.type == MentionType::kCountry ? m.key : m.country;
  r.span = c.view.to_original ? c.view.to_original(m.begin, m.end) : Span{};
}

EntityRef Ref(Ctx& c, std::size_t i) {
  EntityRef r;
  RefInto(c, i, &r);
  return r;
}

// *s without white space at both ends, in place.
void TrimInPlace(std::string* s) {
  std::string_view v = TrimView(*s);
  if (v.size() == s->size()) return;
  std::size_t from = v.empty() ? 0 : static_cast<std::size_t>(v.data() - s->data()), n = v.size();
  s->erase(0, from);
  s->resize(n);
}

// Original text of a capture, trimmed.
std::string CapText(const Ctx& c, const SlottedText& st, const Capture& cap) {
  std::size_t b = st.to_norm[cap.begin], e = st.to_norm[cap.end];
  if (cap.end > cap.begin && cap.end <= st.text.size()) {
    // a capture ending inside a token covers the whole mention
    e = std::max(e, st.to_norm[cap.end - 1] + 1);
    for (std::size_t idx : cap.mentions) e = std::max(e, c.slots[idx].end);
  }
  std::string t = c.view.original_text ? c.view.original_text(b, e) : std::string(c.view.normalized.substr(b, e - b));
  TrimInPlace(&t);
  return t;
}

// A date's value is usable when the text states its year, or when the year comes from the
// release date (the anchor). Without an anchor, a year-less date ("11月2日", "去年7月") would carry
// a guessed year: better no date than a wrong one.
bool DateStated(const Ctx& c, const Mention& m) {
  // The mention with the six bytes before it: "去年" may stand just outside a "七月" mention.
  std::size_t from = m.begin >= 6 ? m.begin - 6 : 0;
  std::string_view t = c.view.normalized.substr(from, m.end - from);
  // Years relative to the release (去年七月, 明年) are left out: the finder's value for them is not
  // reliable enough to state a date.
  if (t.find("去年") != std::string_view::npos || t.find("明年") != std::string_view::npos ||
      t.find("前年") != std::string_view::npos || t.find("last year") != std::string_view::npos ||
      t.find("next year") != std::string_view::npos)
    return false;
  if (!c.view.release_date.empty()) return true;
  if (t.find("今年") != std::string_view::npos) return false;
  int run = 0;
  for (char ch : t) {
    run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
    if (run == 4) return true;
  }
  return t.find("年") != std::string_view::npos;
}

// A capture by name: a look along the few captures of a match (no key string built per call).
const Capture* Cap(const RuleMatch& m, std::string_view name) {
  for (const auto& [k, cap] : m.captures)
    if (k.size() == name.size() && std::memcmp(k.data(), name.data(), name.size()) == 0) return &cap;
  return nullptr;
}
// A capture named by a literal: its length known at compile time (no strlen per look).
template <std::size_t N>
const Capture* Cap(const RuleMatch& m, const char (&name)[N]) {
  return Cap(m, std::string_view(name, N - 1));
}

// The role slot: "role" (before the name) or "role2" (apposition after it).
const Capture* RoleCap(const RuleMatch& m) {
  const Capture* r = Cap(m, "role");
  return r ? r : Cap(m, "role2");
}

// Slot indices, in capture order; most captures hold one to three mentions.
class Picks {
 public:
  void push_back(std::size_t i) {
    if (n_ < kInline)
      in_[n_] = i;
    else
      more_.push_back(i);
    ++n_;
  }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  std::size_t operator[](std::size_t k) const { return k < kInline ? in_[k] : more_[k - kInline]; }
  std::size_t back() const { return (*this)[n_ - 1]; }

 private:
  static constexpr std::size_t kInline = 6;
  std::size_t in_[kInline] = {};
  std::size_t n_ = 0;
  std::vector<std::size_t> more_;
};

Picks Of(const Ctx& c, const Capture* cap, std::initializer_list<MentionType> types) {
  Picks out;
  if (!cap) return out;
  for (std::size_t i : cap->mentions)
    for (MentionType t : types)
      if (c.slots[i].type == t) out.push_back(i);
  return out;
}

Span Evidence(const Ctx& c, const SlottedText& st, std::size_t b, std::size_t e) {
  if (!c.view.to_original) return Span{st.to_norm[b], st.to_norm[e]};
  return c.view.to_original(st.to_norm[b], std::max(st.to_norm[e], st.to_norm[b]));
}

// Starts a fact in place (facts are large: they are made where they are kept, not moved there).
// Its `doc` and `rule` are written when it is published: candidates that are dropped or merged
// never copy the two strings (the caller keeps the rule beside the candidate).
void InitFact(Fact* f, const Ctx& c, FactType t, const RuleMatch& m, const SlottedText& st) {
  f->type = t;
  f->confidence = m.rule->confidence;
  f->evidence = Evidence(c, st, m.begin, m.end);
}

Fact NewFact(const Ctx& c, FactType t, const RuleMatch& m, const SlottedText& st) {
  Fact f;
  InitFact(&f, c, t, m, st);
  return f;
}

// The first two bytes of a text of two bytes or more, as one number.
inline std::uint16_t HeadOf(std::string_view s) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(s[0]) << 8) | static_cast<unsigned char>(s[1]));
}

// Splits "国际电联电信发展局主任" into org "国际电联" + role "电信发展局主任" when the role starts with
// an organization named in the release.
void SplitRoleOrg(Ctx& c, std::string&& role_text, std::string* role, EntityRef* org) {
  // The distinct organization and country forms of the release, each with its first mention
  // (scanning every mention per role was quadratic in a long release).
  std::vector<std::pair<std::string_view, std::size_t>>& org_forms = c.org_forms->list;
  if (!c.org_forms_ready) {
    FlatIndex& seen = c.org_forms->seen;
    org_forms.clear();
    std::size_t n = 0;
    for (std::size_t i = 0; i < c.at.size(); ++i) n += c.M(i).type == MentionType::kOrg || c.M(i).type == MentionType::kCountry;
    seen.Reset(2 * n);
    for (std::size_t i = 0; i < c.at.size(); ++i) {
      const Mention& m = c.M(i);
      if (m.type != MentionType::kOrg && m.type != MentionType::kCountry) continue;
      for (std::string_view form : {std::string_view(m.text), c.full[i]}) {
        if (form.empty()) continue;
        auto id = static_cast<std::uint32_t>(org_forms.size());
        if (seen.FindOrAdd(HashView(form), id, [&](std::uint32_t k) { return org_forms[k].first == form; }) == id)
          org_forms.emplace_back(form, i);
      }
    }
    std::vector<std::pair<std::uint16_t, std::uint32_t>>& by_head = c.org_forms->by_head;
    std::vector<std::uint32_t>& short_forms = c.org_forms->short_forms;
    by_head.clear();
    short_forms.clear();
    for (std::size_t k = 0; k < org_forms.size(); ++k) {
      const std::string_view form = org_forms[k].first;
      if (form.size() < 2)
        short_forms.push_back(static_cast<std::uint32_t>(k));
      else
        by_head.emplace_back(HeadOf(form), static_cast<std::uint32_t>(k));
    }
    std::sort(by_head.begin(), by_head.end());
    c.org_forms_ready = true;
  }
  // The longest form (the first of that length) opening the role and shorter than it. The forms
  // shorter than two bytes are looked at first: any longer candidate beats them, and among forms
  // of one length the order of `org_forms` decides, which each of the two lists keeps.
  std::string_view best;
  std::size_t best_i = 0;
  bool found = false;
  auto consider = [&](std::uint32_t k) {
    const auto& [form, i] = org_forms[k];
    if (form.size() <= best.size() || form.size() >= role_text.size()) return;
    if (role_text.compare(0, form.size(), form) == 0) {
      best = form;
      best_i = i;
      found = true;
    }
  };
  for (std::uint32_t k : c.org_forms->short_forms) consider(k);
  if (role_text.size() >= 2) {
    const std::vector<std::pair<std::uint16_t, std::uint32_t>>& by_head = c.org_forms->by_head;
    const std::uint16_t head = HeadOf(role_text);
    for (auto it = std::lower_bound(by_head.begin(), by_head.end(), std::make_pair(head, std::uint32_t{0}));
         it != by_head.end() && it->first == head; ++it)
      consider(it->second);
  }
  if (!found) {
    // An organization inside the words, not at their start (role_org.cc).
    const RoleOrgSplit in = SplitOrgInsideRole(role_text, org_forms);
    if (in.form < org_forms.size()) {
      *role = std::string(in.role);
      if (org->empty()) {
        RefInto(c, org_forms[in.form].second, org);
        org->name = std::string(org_forms[in.form].first);
      }
    } else {
      *role = std::move(role_text);
    }
    return;
  }
  *role = Trim(std::string_view(role_text).substr(best.size()));
  if (org->empty()) {
    RefInto(c, best_i, org);
    org->name = std::string(best);
  }
}

bool IsParagraphScope(const Rule& r) {
  if (r.attrs.empty()) return false;
  static const std::string kScope = "scope";
  auto it = r.attrs.find(kScope);
  return it != r.attrs.end() && it->second == "lines";
}

// A role fact from a role rule's match: person, role (split from a leading organization), org.
// Made in *out, a new Fact; false when the match states no role (the caller drops *out).
// *person_slot: the slot the person was read from.
bool RoleFact(Ctx& c, const RuleMatch& m, const SlottedText& st, Fact* out, std::size_t* person_slot) {
  Picks who = Of(c, Cap(m, "person"), {MentionType::kPerson});
  const Capture* rc = RoleCap(m);
  if (who.empty() || !rc) return false;
  Fact& f = *out;
  InitFact(&f, c, FactType::kRole, m, st);
  RefInto(c, who.back(), &f.person);
  *person_slot = who.back();
  for (const char* oname : {"org", "org2", "org3", "org4"}) {
    if (!f.org.empty()) break;
    Picks om = Of(c, Cap(m, oname), {MentionType::kOrg, MentionType::kCountry});
    for (std::size_t k = 0; k < om.size(); ++k)
      if (f.org.empty()) RefInto(c, om[k], &f.org);
  }
  if (f.org.empty())
    if (const Capture* oc = Cap(m, "org")) f.org.name = CapText(c, st, *oc);
  SplitRoleOrg(c, CapText(c, st, *rc), &f.role, &f.org);
  return !f.role.empty();
}

struct QuoteCand {
  Fact f;
  std::size_t unit = 0;
  // The main slot list's slot the person was read from (RefInto), or -1: a person's name forms
  // depend on that slot alone, so candidates from one slot share them.
  std::size_t person_slot = static_cast<std::size_t>(-1);
  int paragraph = 0;
  int priority = 0;
  const Rule* rule = nullptr;
  std::string speaker;  // normalized person key
  bool pronoun = false;
  bool has_role = false;
};

// Where a person's first stated role is: a quotation candidate's or a role fact's, read when a
// quotation without a role asks for it (neither changes once noted; a copy of the role and its
// organization per noted role cost a string and an EntityRef each).
struct RoleInfo {
  bool quote = false;  // quotes[index].f, else roles[index]
  std::uint32_t index = 0;
};

// The form a person is keyed by: the longer of the name and its first alias.
const std::string& PersonKeyForm(const EntityRef& p) {
  return p.aliases.empty() || p.name.size() >= p.aliases.front().size() ? p.name : p.aliases.front();
}

std::string PersonKey(const EntityRef& p) { return NormKey(PersonKeyForm(p)); }

// Person key → the first role stated for that person in the release (a flat table kept per
// thread: keys pooled in one text, entries found through a FlatIndex; a std::map allocated a node
// and a key string per person).
struct RoleTable {
  struct Entry {
    std::size_t key_at, key_len;
    RoleInfo info;
  };
  std::string keys;
  std::vector<Entry> entries;
  FlatIndex index;
  std::vector<std::uint32_t> by_key;  // entries in key order, made when first needed
  bool by_key_ready = false;

  void Clear() {
    keys.clear(), entries.clear(), by_key.clear();
    index.Reset(16);
    by_key_ready = false;
  }
  std::string_view Key(const Entry& e) const { return std::string_view(keys).substr(e.key_at, e.key_len); }
  // The entry of `key`, or -1.
  std::int64_t Find(std::string_view key) const {
    std::uint32_t k = index.Find(HashView(key), [&](std::uint32_t x) { return Key(entries[x]) == key; });
    return k == FlatIndex::kNone ? -1 : static_cast<std::int64_t>(k);
  }
  // Notes role/org for the key in keys[from, end) unless one is noted; the key text is dropped
  // again when it is known.
  void Note(std::size_t from, RoleInfo info) {
    std::string_view key = std::string_view(keys).substr(from);
    auto id = static_cast<std::uint32_t>(entries.size());
    if (index.FindOrAdd(HashView(key), id, [&](std::uint32_t x) { return Key(entries[x]) == key; }) != id) {
      keys.resize(from);
      return;
    }
    entries.push_back(Entry{from, key.size(), info});
    by_key_ready = false;
  }
  const std::vector<std::uint32_t>& ByKey() {
    if (!by_key_ready) {
      by_key.resize(entries.size());
      for (std::uint32_t k = 0; k < by_key.size(); ++k) by_key[k] = k;
      std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return Key(entries[a]) < Key(entries[b]); });
      by_key_ready = true;
    }
    return by_key;
  }
};

bool IsHonorific(std::string_view w) {
  return w == "mr" || w == "mrs" || w == "ms" || w == "dr" || w == "prof" || w == "h.e." || w == "sir" || w == "dame";
}

// The name forms compared across facts of one release (people in quotations and roles, parties
// of agreements), pooled: keys, lower-cased forms and words are offsets into one text, so a
// person or a party costs no allocation (a vector of strings per person did). Kept per thread.
struct FormPool {
  struct Form {
    std::uint32_t key_at = 0, key_len = 0;  // NormKey of the form
    bool latin = false;        // people: the form has no CJK
    bool long_enough = false;  // parties: at least 2 CJK / 3 other code points
    bool long_form = false;    // parties: holds a state's long form or "government" (party_forms.cc)
    std::uint32_t strip_at = 0, strip_len = 0;  // parties: the key without them, when long_form
    std::uint32_t words_at = 0, words_n = 0;
  };
  struct Word {
    std::uint32_t at, len;
  };
  struct Range {  // forms[first, first + n)
    std::uint32_t first = 0, n = 0;
  };
  std::string text;
  std::vector<Form> forms;
  std::vector<Word> words;
  std::vector<std::string_view> scratch;

  void Clear() { text.clear(), forms.clear(), words.clear(); }
  std::string_view Key(const Form& f) const { return std::string_view(text.data() + f.key_at, f.key_len); }
  std::string_view View(const Word& w) const { return std::string_view(text.data() + w.at, w.len); }

  // A person's name and aliases with their keys and, for Latin forms, their name words, sorted
  // and distinct: split at ' ', '-' and '.', without honorifics ("Mr Mohamed Nasser AL-GHANIM" →
  // al ghanim mohamed nasser).
  Range Person(const EntityRef& p) {
    Range r{static_cast<std::uint32_t>(forms.size()), static_cast<std::uint32_t>(1 + p.aliases.size())};
    for (std::size_t k = 0; k < r.n; ++k) {
      const std::string& x = k == 0 ? p.name : p.aliases[k - 1];
      Form f;
      f.key_at = static_cast<std::uint32_t>(text.size());
      AppendNormKey(x, &text);
      f.key_len = static_cast<std::uint32_t>(text.size() - f.key_at);
      f.latin = !HasCjk(x);
      f.words_at = static_cast<std::uint32_t>(words.size());
      if (f.latin) {
        const std::size_t lower_at = text.size();
        text.append(x);
        for (std::size_t i = lower_at; i < text.size(); ++i)
          text[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
        scratch.clear();
        std::string_view lower(text.data() + lower_at, x.size());
        std::size_t from = 0;
        for (std::size_t i = 0; i <= lower.size(); ++i) {
          if (i < lower.size() && lower[i] != ' ' && lower[i] != '-' && lower[i] != '.') continue;
          std::string_view w = lower.substr(from, i - from);
          if (!w.empty() && !IsHonorific(w)) scratch.push_back(w);
          from = i + 1;
        }
        std::sort(scratch.begin(), scratch.end());
        scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
        for (std::string_view w : scratch)
          words.push_back(Word{static_cast<std::uint32_t>(w.data() - text.data()), static_cast<std::uint32_t>(w.size())});
      }
      f.words_n = static_cast<std::uint32_t>(words.size() - f.words_at);
      forms.push_back(f);
    }
    return r;
  }

  bool SamePerson(Range a, Range b) const {
    auto less = [&](const Word& x, const Word& y) { return View(x) < View(y); };
    for (std::uint32_t i = 0; i < a.n; ++i)
      for (std::uint32_t j = 0; j < b.n; ++j) {
        const Form& x = forms[a.first + i];
        const Form& y = forms[b.first + j];
        if (x.key_len != 0 && Key(x) == Key(y)) return true;
        // Latin names: every word of the shorter form is a word of the longer one (at least two).
        if (!x.latin || !y.latin) continue;
        const Form& small = x.words_n <= y.words_n ? x : y;
        const Form& big = x.words_n <= y.words_n ? y : x;
        const Word* sb = words.data() + small.words_at;
        const Word* bb = words.data() + big.words_at;
        if (small.words_n >= 2 && std::includes(bb, bb + big.words_n, sb, sb + small.words_n, less)) return true;
      }
    return false;
  }

  // A party's name and aliases: keys, and whether each is long enough to stand for it inside a
  // longer name.
  Range Party(const EntityRef& p) {
    Range r{static_cast<std::uint32_t>(forms.size()), static_cast<std::uint32_t>(1 + p.aliases.size())};
    for (std::size_t k = 0; k < r.n; ++k) {
      Form f;
      f.key_at = static_cast<std::uint32_t>(text.size());
      AppendNormKey(k == 0 ? p.name : p.aliases[k - 1], &text);
      f.key_len = static_cast<std::uint32_t>(text.size() - f.key_at);
      std::string_view x = Key(f);
      f.long_enough = CharCount(x) >= (HasCjk(x) ? 2u : 3u);
      f.long_form = HasLongForm(x);
      if (f.long_form) {
        thread_local std::string stripped;
        StripLongForms(x, &stripped);
        f.strip_at = static_cast<std::uint32_t>(text.size());
        text += stripped;
        f.strip_len = static_cast<std::uint32_t>(stripped.size());
      }
      forms.push_back(f);
    }
    return r;
  }
};

bool IsGovernmentOf(const EntityRef& org, const std::string& cc) {
  if (cc.empty() || org.country != cc) return false;
  const std::string& n = org.name;
  return n.find("政府") != std::string::npos || n.find("Government") != std::string::npos ||
         n.find("government") != std::string::npos;
}

bool SameParty(const FormPool& pool, const EntityRef& a, FormPool::Range fa, const EntityRef& b, FormPool::Range fb) {
  if (!a.key.empty() && a.key == b.key) return true;
  if (a.kind == EntityKind::kCountry && (b.kind == EntityKind::kCountry ? b.key == a.key : IsGovernmentOf(b, a.key)))
    return true;
  if (b.kind == EntityKind::kCountry && IsGovernmentOf(a, b.key)) return true;
  for (std::uint32_t i = 0; i < fa.n; ++i)
    for (std::uint32_t j = 0; j < fb.n; ++j) {
      const FormPool::Form& x = pool.forms[fa.first + i];
      const FormPool::Form& y = pool.forms[fb.first + j];
      bool x_shorter = x.key_len <= y.key_len;
      std::string_view shorter = pool.Key(x_shorter ? x : y);
      std::string_view longer = pool.Key(x_shorter ? y : x);
      if ((x_shorter ? x.long_enough : y.long_enough) && longer.find(shorter) != std::string_view::npos) return true;
      if (x.long_form || y.long_form) {
        // Both keys without the state's long form (made once per form in Party): party_forms.cc.
        std::string_view xs = x.long_form ? std::string_view(pool.text).substr(x.strip_at, x.strip_len) : pool.Key(x);
        std::string_view ys = y.long_form ? std::string_view(pool.text).substr(y.strip_at, y.strip_len) : pool.Key(y);
        if (ContainsAsParty(xs.size() <= ys.size() ? xs : ys, xs.size() <= ys.size() ? ys : xs)) return true;
      }
    }
  return false;
}

void AddAlias(std::vector<std::string>* v, const std::string& name, const std::string& a) {
  if (a.empty() || a == name) return;
  if (std::find(v->begin(), v->end(), a) == v->end()) v->push_back(a);
}

// The fact family a rule emits, read once per match.
enum class Emits { kAgreement, kQuote, kRole, kDateline, kEvent, kOther };

inline Emits EmitsOf(const Rule& r) {
  const std::string& e = r.emits;
  auto is = [&](const char* name) { return std::memcmp(e.data(), name, e.size()) == 0; };
  switch (e.size()) {  // the length picks the one name to compare with (memcmp of a known size)
    case 9: return is("agreement") ? Emits::kAgreement : Emits::kOther;
    case 5: return is("quote") ? Emits::kQuote : is("event") ? Emits::kEvent : Emits::kOther;
    case 4: return is("role") ? Emits::kRole : Emits::kOther;
    case 8: return is("dateline") ? Emits::kDateline : Emits::kOther;
    default: return Emits::kOther;
  }
}

// Indices 0..n-1 stably sorted by `less` on them: facts are large, so they are ordered by index
// and moved once, into the result.
template <typename Less>
void SortedIndices(std::size_t n, Less less, std::vector<std::size_t>* out) {
  std::vector<std::size_t>& idx = *out;
  idx.resize(n);
  for (std::size_t k = 0; k < n; ++k) idx[k] = k;
  SmallStableSort(idx.begin(), idx.end(), less);
}

}  // namespace

// Whether a sentence dates what it reports by the release's own day: "today", "今天", "今日", or
// "N日" with N the release's day of the month.
static bool SaysReleaseDay(std::string_view text, const std::string& release_date) {
  static const RE2 kToday("(?i)\\btoday\\b|今天|今日");
  if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kToday)) return true;
  int day = std::atoi(release_date.c_str() + 8);
  std::string d = std::to_string(day) + "日";
  for (std::size_t p = text.find(d); p != std::string_view::npos; p = text.find(d, p + 1)) {
    // not part of a longer number or a full date (those are DATE mentions anyway)
    if (p > 0 && text[p - 1] >= '0' && text[p - 1] <= '9') continue;
    if (p >= 3 && text.compare(p - 3, 3, "月") == 0) continue;
    return true;
  }
  return false;
}

// The release's own event: an event named in the headline or the dateline's paragraph, in a
// sentence saying it opens or takes place now ("… opened today", "…今天在…开幕"), happens at the
// dateline's date and place when the sentence gives none.
static void ReleaseOwnEvent(const DocView& view, std::vector<Fact>* facts) {
  const Fact* dl = nullptr;
  for (const Fact& f : *facts)
    if (f.type == FactType::kDateline) dl = &f;
  if (!dl || dl->date.size() != 10) return;
  int lead = -1;
  for (std::size_t k = 0; k < view.paragraphs.size(); ++k)
    if (view.paragraphs[k].span.begin <= dl->evidence.begin && dl->evidence.begin < view.paragraphs[k].span.end)
      lead = static_cast<int>(k);
  static const RE2 kNow(
      "(?i)\\b(?:opened|opens|opening|kicked off|kicks off|began|begins|got under ?way|gets under ?way|"
      "convened|convenes|is taking place|takes place|is being held)\\b[^.]{0,40}\\btoday\\b|"
      "\\btoday\\b[^.]{0,60}\\b(?:opened|opens|began|begins|kicked off|convened)\\b|"
      "(?:今天|今日)[^。将]{0,20}(?:开幕|揭幕|开幕式|拉开帷幕|召开|举行|启动)");  // not "今天宣布…将于…举行"
  for (Fact& e : *facts) {
    if (e.type != FactType::kEvent) continue;
    auto after = std::upper_bound(view.sentences.begin(), view.sentences.end(), e.evidence.begin,
                                  [](std::size_t off, const Sentence& st) { return off < st.span.begin; });
    const Sentence* sent = nullptr;
    if (after != view.sentences.begin() && e.evidence.begin < std::prev(after)->span.end) sent = &*std::prev(after);
    // The headline, the dateline's paragraph, or the next one when the dateline stands alone.
    if (!sent || (sent->paragraph != 0 && sent->paragraph != lead && sent->paragraph != lead + 1)) continue;
    std::string_view text = view.normalized.substr(sent->norm_begin, sent->norm_end - sent->norm_begin);
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kNow)) continue;
    if (e.start.empty()) e.start = dl->date;
    if (e.place.empty() && !dl->place.empty()) e.place = dl->place;
  }
}

void SlotRangeTypes::Build(const std::vector<rules::SlotMention>& ms) {
  before_.resize(ms.size() + 1);
  before_[0].fill(0);
  for (std::size_t i = 0; i < ms.size(); ++i) {
    before_[i + 1] = before_[i];
    if (ms[i].end > ms[i].begin) ++before_[i + 1][static_cast<std::size_t>(ms[i].type) & 7];
  }
}

std::uint8_t SlotRangeTypes::Of(const std::vector<rules::SlotMention>& ms, std::size_t b, std::size_t e) const {
  auto lo = std::lower_bound(ms.begin(), ms.end(), b, [](const rules::SlotMention& m, std::size_t x) { return m.begin < x; });
  auto hi = std::partition_point(lo, ms.end(), [e](const rules::SlotMention& m) { return m.end <= e; });
  const std::array<std::uint32_t, 8>& from = before_[static_cast<std::size_t>(lo - ms.begin())];
  const std::array<std::uint32_t, 8>& to = before_[static_cast<std::size_t>(hi - ms.begin())];
  std::uint8_t types = 0;
  for (std::size_t t = 0; t < 8; ++t)
    if (to[t] != from[t]) types |= static_cast<std::uint8_t>(1u << t);
  return types;
}

namespace {

// The finder's own mention list as a slot list, for role rules inside quotations.
struct InnerSlots {
  std::vector<rules::SlotMention> light;
  std::vector<const Mention*> at;
  std::vector<std::string_view> full;
  std::vector<int> group;
};

// RuleBook::Admits over known slot types: false only when no match of the rule can lie there.
bool HasNeededTypes(const Rule& r, std::uint8_t types) {
  for (std::uint8_t c : r.type_needs)
    if ((c & types) == 0) return false;
  return true;
}

// Buffers fact assembly reuses from one unit and one release to the next (per thread: a worker
// thread builds one release at a time).
struct Workspace {
  SlotList sl;
  Groups groups;
  std::vector<int> group;
  rules::SlottedText st;  // the unit, quotation or line window being matched
  rules::RangeSlotter slotter;  // slots them (the release's slot-alphabet characters found once)
  std::vector<std::size_t> unit_ms;
  std::vector<const RuleMatch*> order, claims;
  std::vector<int> seen_groups;
  std::vector<std::string_view> codes;
  InnerSlots inner;
  std::vector<const std::string*> fired;
  std::vector<Fact> agreements, events, roles;
  std::vector<const Rule*> role_rule, agreement_rule, event_rule;  // the rule of each candidate
  std::vector<std::size_t> role_slot;  // each role's person slot in the main list, or -1
  std::vector<FormPool::Range> slot_forms;  // a main-list person slot's name forms, once made
  std::vector<QuoteCand> quotes;
  std::vector<std::size_t> claimed_quotes;
  FormPool pool;
  std::vector<FormPool::Range> quote_forms, kept_forms, party_forms;
  std::vector<std::uint32_t> party_first;
  std::string quote_keys;
  std::vector<std::pair<std::size_t, std::size_t>> quote_key_at;
  FlatIndex seen_quotes;
  std::vector<const Rule*> line_rules, window_rules;
  // Line rules' first-line programs (FirstLineProgram) compiled with the rule's options; `re`
  // null when the rule has none. Found by rule, and used only while the rule's program and
  // options are still those it was made from (a rule book may be freed and another loaded).
  // `min`: RE2::PossibleMatchRange's lower bound of the first-line program's matches ("" when
  // unknown); a first line below it cannot begin with a match (a match is a prefix of the line,
  // and a line is at least as large as any of its prefixes).
  struct FirstLine {
    const Rule* rule;
    std::string program, options;
    std::unique_ptr<const RE2> re;
    std::string min;
    // The upper bound of that range ("" when unbounded). A match of the first-line program ends
    // with its "\n", the first line's only line end and last byte: a match is the whole slotted
    // line, so a line above `max` cannot match.
    std::string max;
  };
  // A deque: line_min points into its elements, which must stay put while more are added.
  std::deque<FirstLine> first_lines;
  std::vector<const RE2*> line_first;  // of each line rule
  std::vector<const std::string*> line_min;  // of each line rule
  std::vector<const std::string*> line_max;  // of each line rule
  rules::SlottedText line_st;          // a window's first line
  SlotRangeTypes range_types;
  Ctx::OrgForms org_forms, inner_org_forms;
  RoleTable role_of;
  std::vector<Unit> units;
  UnitScratch unit_scratch;
  std::vector<std::size_t> blocks, quoted, by_priority, kept_roles, by_kind, kept_agreements, evs;
  bool busy = false;
  // Empty, with the room kept.
  void Clear() {
    fired.clear(), agreements.clear(), events.clear(), roles.clear(), role_rule.clear(), quotes.clear();
    role_slot.clear();
    agreement_rule.clear(), event_rule.clear();
    claimed_quotes.clear();
    pool.Clear();
  }
};

// Releases the room a very long release left behind (a worker keeps its workspace for good).
template <typename V>
void Trim(V* v, std::size_t keep) {
  if (v->capacity() > keep) V().swap(*v);
}

}  // namespace

BuildResult BuildFacts(const rules::RuleBook& book, const DocView& view, const std::vector<Mention>& mentions) {
  thread_local Workspace shared;
  // A call made while another one on this thread is still running (never today) gets its own.
  std::unique_ptr<Workspace> own;
  Workspace* wsp = &shared;
  if (shared.busy) {
    own.reset(new Workspace);
    wsp = own.get();
  }
  Workspace& ws = *wsp;
  ws.busy = true;
  ws.Clear();
  struct Release {
    Workspace& w;
    ~Release() {
      w.busy = false;
      w.Clear();
      if (w.roles.capacity() > 1024) std::vector<Fact>().swap(w.roles);
      if (w.agreements.capacity() > 1024) std::vector<Fact>().swap(w.agreements);
      if (w.events.capacity() > 1024) std::vector<Fact>().swap(w.events);
      if (w.quotes.capacity() > 1024) std::vector<QuoteCand>().swap(w.quotes);
      constexpr std::size_t kKeep = std::size_t{1} << 14;
      Trim(&w.sl.light, kKeep), Trim(&w.sl.at, kKeep), Trim(&w.sl.full, kKeep), Trim(&w.sl.items, kKeep);
      Trim(&w.group, kKeep), Trim(&w.inner.light, kKeep), Trim(&w.inner.at, kKeep), Trim(&w.inner.full, kKeep);
      Trim(&w.inner.group, kKeep);
      w.range_types.ShrinkTo(kKeep);
      w.slotter.ShrinkTo(kKeep);
      if (w.sl.quotes.capacity() > 256) std::vector<Mention>().swap(w.sl.quotes);
      if (w.st.text.capacity() > kKeep * 16) w.st = rules::SlottedText();
    }
  } release{ws};
  BuildResult out;
  BuildSlots(view, mentions, &ws.sl);
  const std::vector<rules::SlotMention>& ms = ws.sl.light;
  rules::RangeSlotter& slotter = ws.slotter;
  slotter.Reset(view.normalized);
  Groups& groups = ws.groups;
  Ctx c{book, view, ms, ws.sl.at, ws.sl.full, groups, ws.group, &ws.org_forms, false, {}};
  BuildAliases(&c, &groups);
  std::vector<Unit>& units = ws.units;
  MatchingUnitsInto(view, &units, &ws.unit_scratch);
  // Candidate facts live in the workspace: facts are large, and its vectors keep their room
  // (growing a vector of facts moves every one of them).
  std::vector<const std::string*>& fired = ws.fired;  // rule ids; sorted and made distinct at the end
  std::vector<Fact>& agreements = ws.agreements;
  std::vector<Fact>& events = ws.events;
  std::vector<Fact>& roles = ws.roles;
  std::vector<const Rule*>& role_rule = ws.role_rule;  // the rule that stated each role
  std::vector<const Rule*>& agreement_rule = ws.agreement_rule;
  std::vector<const Rule*>& event_rule = ws.event_rule;
  Fact dateline_rule;  // type stays kAgreement until a dateline rule fires
  dateline_rule.type = FactType::kAgreement;
  std::vector<QuoteCand>& quotes = ws.quotes;
  RoleTable& role_of = ws.role_of;  // person key → first stated role
  role_of.Clear();
  // Pronouns ("he added", "他强调") refer to the last person quoted, or to a person named in a
  // later sentence than that quotation.
  // Both are kept as where they are (a slot, a quotation) and made into an EntityRef only when a
  // pronoun refers to them: most are never referred to.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t last_person = kNone;   // slot
  std::size_t last_speaker = kNone;  // index in quotes (its person never changes)
  auto last_person_named = [&] { return last_person != kNone && !c.M(last_person).text.empty(); };
  auto last_speaker_named = [&] { return last_speaker != kNone && !quotes[last_speaker].f.person.empty(); };
  int last_speaker_par = -100, last_person_par = -100;
  std::size_t last_speaker_unit = 0, last_person_unit = 0;

  // The first stated role only: copied when kept.
  auto note_role_key = [&](std::string_view key, const std::string& role, RoleInfo where) {
    if (role.empty()) return;
    const std::size_t from = role_of.keys.size();
    role_of.keys.append(key);
    role_of.Note(from, where);
  };
  // The role fact just added (roles.back()).
  auto note_role = [&] {
    const Fact& f = roles.back();
    if (f.role.empty()) return;
    const std::size_t from = role_of.keys.size();
    AppendNormKey(PersonKeyForm(f.person), &role_of.keys);
    role_of.Note(from, RoleInfo{false, static_cast<std::uint32_t>(roles.size() - 1)});
  };

  std::vector<std::size_t>& claimed_quotes = ws.claimed_quotes;
  auto claimed = [&](std::size_t idx) {
    return std::find(claimed_quotes.begin(), claimed_quotes.end(), idx) != claimed_quotes.end();
  };
  SlottedText& st = ws.st;
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    slotter.SlotInto(u.norm_begin, u.norm_end, ms, &st);
    std::vector<RuleMatch> matches = book.Match(view.lang, st);
    // The unit's mentions, in text order (read by several steps below): the unit's tokens.
    const std::vector<std::size_t>* unit_ms_p = &st.mentions;
    if (!st.tokens_in_runs) {
      rules::MentionsInto(st, 0, st.text.size(), &ws.unit_ms);
      unit_ms_p = &ws.unit_ms;
    }
    const std::vector<std::size_t>& unit_ms = *unit_ms_p;
    // Quote rules by priority first, so the best attribution claims a quotation (the matches are
    // ordered through pointers: a RuleMatch holds a map of captures).
    std::vector<const RuleMatch*>& order = ws.order;
    order.clear();
    for (const RuleMatch& m : matches) order.push_back(&m);
    if (order.size() > 1)
      SmallStableSort(order.begin(), order.end(), [](const RuleMatch* a, const RuleMatch* b) {
        return a->rule->priority > b->rule->priority;
      });
    claimed_quotes.clear();
    // Agreement and event rules: where two matches overlap, the higher priority states the fact
    // (a match claims its span even when it yields no fact, so a specific rule can veto a vaguer one).
    std::vector<const RuleMatch*>& claims = ws.claims;
    claims.clear();
    auto overlaps_claim = [&](const RuleMatch& m) {
      for (const RuleMatch* k : claims)
        if (k->rule->emits == m.rule->emits && k->begin < m.end && m.begin < k->end) return true;
      return false;
    };
    for (const RuleMatch* mp : order) {
      const RuleMatch& m = *mp;
      const Rule& r = *m.rule;
      if (IsParagraphScope(r)) continue;
      const Emits emits = EmitsOf(r);
      if (emits == Emits::kAgreement || emits == Emits::kEvent) {
        if (overlaps_claim(m)) continue;
        claims.push_back(&m);
      }
      if (emits == Emits::kAgreement) {
        // Made where it is kept (facts are large); dropped again when the match states no agreement.
        const std::size_t base = agreements.size();
        std::size_t list_date = static_cast<std::size_t>(-1);  // the date of a list's lead (bullets.cc)
        agreements.emplace_back();
        {
          Fact& f = agreements.back();
          InitFact(&f, c, FactType::kAgreement, m, st);
          auto kind = r.attrs.find("kind");
          f.kind = kind != r.attrs.end() ? kind->second : "agreement";
          for (const char* k : {"kind_mou", "kind_agreement", "kind_partnership"})
            if (Cap(m, k)) f.kind = std::string(k).substr(5);
          std::vector<int>& seen = ws.seen_groups;  // alias groups of the parties so far
          seen.clear();
          // place_parties: provinces, states and cities that sign stand for their governments.
          const bool places = r.attrs.count("place_parties") != 0;
          for (const auto& [name, cap] : m.captures) {
            if (name.rfind("party", 0) != 0) continue;
            Picks pms = places ? Of(c, &cap, {MentionType::kOrg, MentionType::kCountry, MentionType::kPlace})
                               : Of(c, &cap, {MentionType::kOrg, MentionType::kCountry});
            for (std::size_t k = 0; k < pms.size(); ++k) {
              int g = c.group[pms[k]];
              if (std::find(seen.begin(), seen.end(), g) != seen.end()) continue;
              seen.push_back(g);
              RefInto(c, pms[k], &f.parties.emplace_back());
              if (f.parties.back().kind == EntityKind::kPlace) f.parties.back().kind = EntityKind::kOrganization;
            }
          }
          if (f.parties.size() == 1 && r.attrs.count("one_party") != 0) {
            // A list item naming only the other party: the first is the list's lead (bullets.cc).
            const ListLead lead = FindListLead(view.normalized, ms, u.norm_begin);
            if (lead.party < ms.size() && GroupOf(c, lead.party) != seen[0]) {
              f.parties.insert(f.parties.begin(), Ref(c, lead.party));
              list_date = lead.date;
            }
          }
          // pairwise = "true": "X分别与A和B签署" is one agreement of X with each of A, B.
          auto pw = r.attrs.find("pairwise");
          bool pairwise = pw != r.attrs.end() && pw->second == "true";
          if (f.parties.size() < 2 ||
              (pairwise && Of(c, Cap(m, "party1"), {MentionType::kOrg, MentionType::kCountry}).empty())) {
            agreements.pop_back();
            continue;
          }
          if (pairwise && f.parties.size() > 2) {
            // One fact per further party, in order: this one keeps the first pair.
            const std::size_t n = f.parties.size();
            for (std::size_t k = 2; k < n; ++k) {
              agreements.push_back(agreements[base]);
              agreements.back().parties = {agreements[base].parties[0], agreements[base].parties[k]};
            }
            agreements[base].parties.resize(2);
          }
        }
        for (std::size_t fi = base; fi < agreements.size(); ++fi) {
          Fact& f = agreements[fi];
          std::vector<std::string_view>& cs = ws.codes;
          cs.clear();
          for (const EntityRef& p : f.parties)
            if (!p.country.empty()) cs.push_back(p.country);
          for (const char* k : {"countries", "country"}) {
            Picks cms = Of(c, Cap(m, k), {MentionType::kCountry, MentionType::kPlace});
            for (std::size_t j = 0; j < cms.size(); ++j) {
              const Mention& cm = c.M(cms[j]);
              const std::string& cc = cm.type == MentionType::kCountry ? cm.key : cm.country;
              if (!cc.empty()) cs.push_back(cc);
            }
          }
          std::sort(cs.begin(), cs.end());
          cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
          f.countries.assign(cs.begin(), cs.end());
          Picks dms = Of(c, Cap(m, "date"), {MentionType::kDate});
          if (!dms.empty() && DateStated(c, c.M(dms[0]))) f.date = c.M(dms[0]).value;
          if (f.date.empty() && list_date < ms.size() && DateStated(c, c.M(list_date))) f.date = c.M(list_date).value;
          if (f.date.empty() && !Cap(m, "date")) {
            // The one date of the signing sentence is the agreement's date (never the release's).
            std::size_t ds = 0, first_ds = 0;
            for (std::size_t idx : unit_ms)
              if (ms[idx].type == MentionType::kDate && DateStated(c, c.M(idx)) && ds++ == 0) first_ds = idx;
            if (ds == 1 && c.M(first_ds).value_end.empty()) f.date = c.M(first_ds).value;
            // "signed today", "今天签署", "7日在罗马签署" (the release's day): the signing is dated by the
            // release, which the sentence states relative to it. Only with a full release date.
            if (f.date.empty() && ds == 0 && view.release_date.size() == 10)
              if (SaysReleaseDay(std::string_view(st.text), view.release_date)) f.date = view.release_date;
          }
          fired.push_back(&r.id);
        }
        agreement_rule.resize(agreements.size(), &r);
      } else if (emits == Emits::kQuote) {
        Picks who = Of(c, Cap(m, "person"), {MentionType::kPerson});
        int pronoun = 0;  // the person a pronoun stands for: 1 the last person named, 2 the last speaker
        if (who.empty()) {
          if (Cap(m, "pronoun") && last_person_named() && last_person_unit > last_speaker_unit &&
              u.paragraph - last_person_par <= 2)
            pronoun = 1;
          else if (Cap(m, "pronoun") && last_speaker_named() && u.paragraph - last_speaker_par <= 3)
            pronoun = 2;
          else
            continue;
        }
        const Capture* qc = Cap(m, "quote");
        Picks qms = Of(c, qc, {MentionType::kQuote});
        bool taken = false;
        for (std::size_t k = 0; k < qms.size(); ++k) taken |= claimed(qms[k]);
        if (taken) continue;
        // The slot is a quotation when the capture starts with one; otherwise it is reported
        // speech that may contain quoted words (“一带一路”), kept as part of its text.
        bool direct = !qms.empty() && st.to_norm[qc->begin] == ms[qms[0]].begin;
        std::string text;
        for (std::size_t k = 0; k < qms.size(); ++k) {
          claimed_quotes.push_back(qms[k]);
          if (!direct) continue;
          if (text.empty()) {  // (the first one is moved in, not copied)
            text = StripQuoteMarks(ws.sl.Text(qms[k]));
            continue;
          }
          text += " ";
          text += StripQuoteMarks(ws.sl.Text(qms[k]));
        }
        if (!direct && qc) text = StripQuoteMarks(CapText(c, st, *qc));
        if (!qc) {
          auto qf = r.attrs.find("quote_from");
          if (qf != r.attrs.end() && qf->second == "next-paragraph") {
            // "X said:" closing a paragraph: the quotation is the next paragraph.
            int p = u.paragraph + 1;
            if (p >= 0 && static_cast<std::size_t>(p) < view.paragraphs.size()) {
              const Paragraph& np = view.paragraphs[p];
              text = view.original_text ? Trim(view.original_text(np.norm_begin, np.norm_end)) : std::string();
              text = StripQuoteMarks(text);
            }
          }
        }
        if (!CharsAtLeast(text, 4)) continue;
        quotes.emplace_back();
        QuoteCand& q = quotes.back();
        InitFact(&q.f, c, FactType::kQuote, m, st);
        q.unit = ui;
        q.paragraph = u.paragraph;
        q.priority = r.priority;
        q.rule = &r;
        q.pronoun = pronoun != 0;
        if (pronoun == 1)
          RefInto(c, last_person, &q.f.person), q.person_slot = last_person;
        else if (pronoun == 2)
          q.f.person = quotes[last_speaker].f.person, q.person_slot = quotes[last_speaker].person_slot;
        else
          RefInto(c, who.back(), &q.f.person), q.person_slot = who.back();
        q.f.quote = std::move(text);
        for (const char* oname : {"org", "org2", "org3", "org4"}) {
          if (!q.f.org.empty()) break;
          Picks om = Of(c, Cap(m, oname), {MentionType::kOrg, MentionType::kCountry});
          for (std::size_t k = 0; k < om.size(); ++k)
            if (q.f.org.empty()) RefInto(c, om[k], &q.f.org);
        }
        if (const Capture* rc = RoleCap(m)) SplitRoleOrg(c, CapText(c, st, *rc), &q.f.role, &q.f.org);
        q.has_role = !q.f.role.empty();
        q.speaker = PersonKey(q.f.person);
        note_role_key(q.speaker, q.f.role, RoleInfo{true, static_cast<std::uint32_t>(quotes.size() - 1)});
        if (!q.pronoun) {
          last_speaker = quotes.size() - 1;
          last_speaker_par = u.paragraph;
          last_speaker_unit = ui + 1;
        }
        fired.push_back(&r.id);
      } else if (emits == Emits::kRole) {
        roles.emplace_back();
        std::size_t person_slot = kNone;
        if (!RoleFact(c, m, st, &roles.back(), &person_slot)) {
          roles.pop_back();
          continue;
        }
        note_role();
        fired.push_back(&r.id);
        role_rule.push_back(&r);
        ws.role_slot.push_back(person_slot);
      } else if (emits == Emits::kDateline) {
        // Only near the top of the release, and only when the text model found no dateline.
        if (ui > 3 || dateline_rule.type == FactType::kDateline) continue;
        Picks dm = Of(c, Cap(m, "date"), {MentionType::kDate});
        if (dm.empty() || c.M(dm[0]).value.size() < 10 || !DateStated(c, c.M(dm[0]))) continue;  // a full date only
        Fact f = NewFact(c, FactType::kDateline, m, st);
        f.rule = r.id;
        f.date = c.M(dm[0]).value;
        Picks pm = Of(c, Cap(m, "place"), {MentionType::kPlace, MentionType::kCountry});
        if (!pm.empty()) {
          RefInto(c, pm[0], &f.place);
          f.place.kind = EntityKind::kPlace;
        }
        fired.push_back(&r.id);
        dateline_rule = std::move(f);
      } else if (emits == Emits::kEvent) {
        const Capture* nc = Cap(m, "name");
        if (!nc) continue;
        events.emplace_back();
        Fact& f = events.back();
        InitFact(&f, c, FactType::kEvent, m, st);
        f.name = StripLeadingArticle(StripQuoteMarks(CapText(c, st, *nc)));
        if (!CharsAtLeast(f.name, 3)) {
          events.pop_back();
          continue;
        }
        if (const Capture* ac = Cap(m, "alias")) AddAlias(&f.name_aliases, f.name, StripQuoteMarks(CapText(c, st, *ac)));
        Picks dm = Of(c, Cap(m, "date"), {MentionType::kDate});
        if (!dm.empty() && DateStated(c, c.M(dm[0]))) {
          f.start = c.M(dm[0]).value;
          f.end = c.M(dm[0]).value_end;
        }
        Picks pm = Of(c, Cap(m, "place"), {MentionType::kPlace, MentionType::kCountry});
        for (std::size_t k = 0; k < pm.size(); ++k) {
          RefInto(c, pm[k], &f.place);
          f.place.kind = EntityKind::kPlace;
          if (ms[pm[k]].type == MentionType::kPlace) break;  // a city beats a country
        }
        if (f.place.empty()) {
          // No place slot: the one city named in the sentence, if there is exactly one.
          std::size_t first = 0, n = 0;
          for (std::size_t idx : unit_ms)
            if (ms[idx].type == MentionType::kPlace && (n == 0 || c.group[first] != c.group[idx])) {
              if (n++ == 0) first = idx;
            }
          if (n == 1) {
            RefInto(c, first, &f.place);
            f.place.kind = EntityKind::kPlace;
          }
        }
        event_rule.push_back(&r);
        fired.push_back(&r.id);
      }
    }
    // The last person named in the unit.
    for (std::size_t k = unit_ms.size(); k-- > 0;)
      if (ms[unit_ms[k]].type == MentionType::kPerson) {
        last_person = unit_ms[k];
        last_person_par = u.paragraph;
        last_person_unit = ui + 1;
        break;
      }
    // Unattributed quotations continue the block of the speaker quoted just before, in the same
    // paragraph with no other sentence between (GOLD.md quotation blocks).
    for (std::size_t idx : unit_ms) {
      if (ms[idx].type != MentionType::kQuote || claimed(idx) || quotes.empty()) continue;
      QuoteCand& last = quotes.back();
      bool adjacent = last.unit == ui || last.unit + 1 == ui;
      if (last.paragraph != u.paragraph || !adjacent) continue;
      std::string qt = StripQuoteMarks(ws.sl.Text(idx));
      if (!CharsAtLeast(qt, 8)) continue;
      last.f.quote += " ";
      last.f.quote += qt;
      last.unit = ui;
      claimed_quotes.push_back(idx);
    }
  }

  // Roles stated inside quotations ("… my meeting with Prime Minister X …"): the quotation hides
  // its mentions from the other rules, so role rules look inside each quotation on their own, over
  // the finder's mentions (with their own short-name resolution; made when first needed).
  std::unique_ptr<Ctx> inner;
  bool inner_resolved = false;
  auto begins_before = [](const Mention& m, std::size_t b) { return m.begin < b; };
  for (const QuoteBlock& q : view.quotes) {
    // Slot takes at most the mentions lying inside the block: fewer than two, nothing to match.
    auto from = std::lower_bound(mentions.begin(), mentions.end(), q.norm_begin, begins_before);
    int inside = 0;
    for (auto it = from; it != mentions.end() && it->begin < q.norm_end && inside < 2; ++it) inside += it->end <= q.norm_end;
    if (inside < 2) continue;
    InnerSlots& is = ws.inner;
    if (!inner) {
      is.light.clear();
      is.at.clear();
      is.full.clear();
      is.light.reserve(mentions.size());
      is.at.reserve(mentions.size());
      is.full.reserve(mentions.size());
      for (const Mention& x : mentions) {
        is.light.push_back(rules::SlotMention{x.begin, x.end, x.type});
        is.at.push_back(&x);
        is.full.push_back(x.full);
      }
      is.group.assign(mentions.size(), -2);
      inner.reset(new Ctx{book, view, is.light, is.at, is.full, groups, is.group, &ws.inner_org_forms, false, {}});
    }
    slotter.SlotInto(q.norm_begin, q.norm_end, is.light, &st);
    if (st.mentions.size() < 2) continue;
    for (const Rule* rp : book.Candidates(view.lang, st.text)) {
      if (EmitsOf(*rp) != Emits::kRole || IsParagraphScope(*rp)) continue;
      for (const RuleMatch& m : book.MatchRule(*rp, st)) {
        if (!inner_resolved) {  // short names of the finder's list, resolved when first needed
          ResolvePersonShortNames(is.at, &is.full, &ws.sl.short_names);
          inner_resolved = true;
        }
        roles.emplace_back();
        std::size_t inner_slot = kNone;  // (a slot of the finder's list, not of the main one)
        if (!RoleFact(*inner, m, st, &roles.back(), &inner_slot)) {
          roles.pop_back();
          continue;
        }
        note_role();
        fired.push_back(&rp->id);
        role_rule.push_back(rp);
        ws.role_slot.push_back(kNone);
      }
    }
  }

  // Line-block role rules (scope = "lines"): blocks laid out over short lines, such as media
  // contacts; each window starts at a paragraph (a line) and spans up to four of them.
  std::vector<const Rule*>& line_rules = ws.line_rules;
  line_rules.clear();
  // Every rule of the book is looked at once per release: the cheap tests first (the language
  // compared inline, a role's four bytes), the attribute map only for the language's role rules.
  const std::string_view lang = view.lang;
  for (const auto& rp : book.rules()) {
    const Rule& r = *rp;
    if (r.lang.size() != lang.size() || r.emits.size() != 4) continue;
    bool same_lang = true;
    for (std::size_t k = 0; k < lang.size() && same_lang; ++k) same_lang = r.lang[k] == lang[k];
    if (same_lang && std::memcmp(r.emits.data(), "role", 4) == 0 && IsParagraphScope(r)) line_rules.push_back(&r);
  }
  // Most windows hold no token of a type some line rule needs (Rule::type_needs: every match
  // holds one), and are skipped unslotted: their slot types are read from the slot list. Exact
  // when the release writes no slot-alphabet character itself (TypesIn would count it).
  const bool types_from_slots = !line_rules.empty() && slotter.clean();
  if (types_from_slots) ws.range_types.Build(ms);
  // A rule anchored at the window's start whose match must reach a line end before which nothing
  // can match one (FirstLineProgram): every match begins with a match of that first-line program,
  // which lies inside the window's first line. The window is then first slotted up to its first
  // line end only, and the rule is run on the window when the first-line program matches there.
  std::vector<const RE2*>& line_first = ws.line_first;
  line_first.clear();
  ws.line_min.clear();
  ws.line_max.clear();
  bool any_first = false;
  static const std::string kNoMin;
  for (const Rule* rp : line_rules) {
    const RE2* first = nullptr;
    const std::string* min = &kNoMin;
    const std::string* max = &kNoMin;
    book.Prepare(*rp);
    if (rp->re && rp->re->ok()) {
      const RE2::Options& o = rp->re->options();
      if (!o.posix_syntax() && !o.never_nl() && !o.literal() && o.encoding() == RE2::Options::EncodingUTF8) {
        const char sig[] = {o.case_sensitive() ? 'c' : 'i', o.longest_match() ? 'l' : 'f', o.dot_nl() ? 'd' : '-',
                            o.perl_classes() ? 'p' : '-', o.word_boundary() ? 'w' : '-', o.one_line() ? 'o' : '-', '\0'};
        auto it = std::find_if(ws.first_lines.begin(), ws.first_lines.end(),
                               [&](const Workspace::FirstLine& f) { return f.rule == rp; });
        if (it == ws.first_lines.end() || it->program != rp->program || it->options != sig) {
          if (it == ws.first_lines.end()) {
            ws.first_lines.push_back(Workspace::FirstLine{rp, {}, {}, nullptr, {}, {}});
            it = std::prev(ws.first_lines.end());
          }
          it->program = rp->program;
          it->options = sig;
          it->re.reset();
          it->min.clear();
          it->max.clear();
          std::string prefix = FirstLineProgram(rp->program);
          if (!prefix.empty()) {
            auto re = std::make_unique<const RE2>(prefix, o);
            if (re->ok()) {
              std::string lo, hi;
              if (re->PossibleMatchRange(&lo, &hi, 8)) it->min = lo, it->max = hi;
              it->re = std::move(re);
            }
          }
        }
        first = it->re.get();
        if (first) min = &it->min, max = &it->max;
      }
    }
    line_first.push_back(first);
    ws.line_min.push_back(min);
    ws.line_max.push_back(max);
    any_first |= first != nullptr;
  }
  std::vector<const Rule*>& window_rules = ws.window_rules;
  for (std::size_t pi = 0; pi < view.paragraphs.size() && !line_rules.empty(); ++pi) {
    const Paragraph& p = view.paragraphs[pi];
    const Paragraph& last = view.paragraphs[std::min(pi + 3, view.paragraphs.size() - 1)];
    window_rules.clear();
    const std::uint8_t types = types_from_slots ? ws.range_types.Of(ms, p.norm_begin, last.norm_end) : 0;
    if (!any_first) {  // (no rule with a first-line program: the type check alone)
      for (const Rule* rp : line_rules)
        if (!types_from_slots || HasNeededTypes(*rp, types)) window_rules.push_back(rp);
      if (window_rules.empty()) continue;
    }
    // The window's first line end, unless a mention covers it (its token would hide it).
    std::size_t line_end = std::string_view::npos;
    bool first_line_known = false;
    if (any_first && last.norm_end > p.norm_begin) {
      const void* nl = std::memchr(view.normalized.data() + p.norm_begin, '\n', last.norm_end - p.norm_begin);
      if (!nl) {
        first_line_known = true;  // no line end in the window: no first-line program can match
      } else {
        line_end = static_cast<std::size_t>(static_cast<const char*>(nl) - view.normalized.data());
        auto after = std::upper_bound(ms.begin(), ms.end(), line_end,
                                      [](std::size_t x, const rules::SlotMention& m) { return x < m.begin; });
        first_line_known = after == ms.begin() || std::prev(after)->end <= line_end;
      }
    }
    bool line_slotted = false;
    // The slotted line's first byte, read from the text when no mention starts the line (with
    // types_from_slots the text holds no slot-alphabet character; a token starts with 0xEE); -1
    // when not known without slotting.
    int first_byte = -1;
    if (types_from_slots && first_line_known && line_end != std::string_view::npos) {
      auto at = std::lower_bound(ms.begin(), ms.end(), p.norm_begin,
                                 [](const rules::SlotMention& m, std::size_t x) { return m.begin < x; });
      if (at == ms.end() || at->begin != p.norm_begin) first_byte = static_cast<unsigned char>(view.normalized[p.norm_begin]);
    }
    for (std::size_t k = 0; k < line_rules.size() && any_first; ++k) {
      const Rule* rp = line_rules[k];
      if (types_from_slots && !HasNeededTypes(*rp, types)) continue;
      if (line_first[k] && first_line_known) {
        if (line_end == std::string_view::npos) continue;
        const std::string& min = *ws.line_min[k];
        const std::string& max = *ws.line_max[k];
        if (!line_slotted && first_byte >= 0 && !min.empty() && first_byte < static_cast<unsigned char>(min[0])) continue;
        if (!line_slotted && first_byte >= 0 && !max.empty() && first_byte > static_cast<unsigned char>(max[0])) continue;
        if (!line_slotted) {
          slotter.SlotInto(p.norm_begin, line_end + 1, ms, &ws.line_st);
          line_slotted = true;
        }
        const std::string& t = ws.line_st.text;
        if (!min.empty() && t.compare(min) < 0) continue;
        if (!max.empty() && t.compare(max) > 0) continue;
        if (!line_first[k]->Match(re2::StringPiece(t.data(), t.size()), 0, t.size(), RE2::ANCHOR_START, nullptr, 0))
          continue;
      }
      window_rules.push_back(rp);
    }
    if (window_rules.empty()) continue;
    slotter.SlotInto(p.norm_begin, last.norm_end, ms, &st);
    std::vector<RuleMatch> pms;
    for (const Rule* rp : window_rules)
      for (RuleMatch& m : book.MatchRule(*rp, st)) pms.push_back(std::move(m));
    for (const RuleMatch& m : pms) {
      const Rule& r = *m.rule;
      const Capture* rc = Cap(m, "role");
      const Capture* pc = Cap(m, "person");
      if (!rc || !pc) continue;
      roles.emplace_back();
      Fact& f = roles.back();
      InitFact(&f, c, FactType::kRole, m, st);
      Picks who = Of(c, pc, {MentionType::kPerson});
      if (!who.empty()) {
        RefInto(c, who.back(), &f.person);
      } else {  // a name alone on its line in a laid-out block: the layout is the evidence
        f.person.kind = EntityKind::kPerson;
        f.person.name = CapText(c, st, *pc);
        if (view.to_original) f.person.span = view.to_original(st.to_norm[pc->begin], st.to_norm[pc->end]);
      }
      Picks om = Of(c, Cap(m, "org"), {MentionType::kOrg, MentionType::kCountry});
      if (!om.empty()) RefInto(c, om[0], &f.org);
      f.role = CapText(c, st, *rc);
      if (f.role.empty()) {
        roles.pop_back();
        continue;
      }
      note_role();
      fired.push_back(&r.id);
      role_rule.push_back(&r);
      ws.role_slot.push_back(who.empty() ? kNone : who.back());
    }
  }

  // Each quoted person's name forms, computed once (the person of a quotation never changes).
  FormPool& pool = ws.pool;
  constexpr std::uint32_t kNotYet = ~std::uint32_t{0};
  std::vector<FormPool::Range>& quote_forms = ws.quote_forms;
  quote_forms.assign(quotes.size(), FormPool::Range{0, kNotYet});
  std::vector<FormPool::Range>& slot_forms = ws.slot_forms;
  slot_forms.assign(ms.size(), FormPool::Range{0, kNotYet});
  auto forms_of_slot = [&](std::size_t slot, const EntityRef& person) {
    if (slot >= slot_forms.size()) return pool.Person(person);
    if (slot_forms[slot].n == kNotYet) slot_forms[slot] = pool.Person(person);
    return slot_forms[slot];
  };
  auto forms_of_quote = [&](std::size_t k) {
    if (quote_forms[k].n == kNotYet) quote_forms[k] = forms_of_slot(quotes[k].person_slot, quotes[k].f.person);
    return quote_forms[k];
  };
  // Quote blocks: merge consecutive quotations of one speaker in one paragraph.
  std::vector<std::size_t>& blocks = ws.blocks;
  blocks.clear();
  blocks.reserve(quotes.size());
  out.facts.reserve(quotes.size() + roles.size() + agreements.size() + events.size() + 2);
  for (std::size_t qi = 0; qi < quotes.size(); ++qi) {
    QuoteCand& q = quotes[qi];
    if (!blocks.empty()) {
      QuoteCand& b = quotes[blocks.back()];
      if (b.paragraph == q.paragraph && q.unit <= b.unit + 1 && pool.SamePerson(forms_of_quote(blocks.back()), forms_of_quote(qi))) {
        if (b.f.quote.find(q.f.quote) == std::string::npos) {
          b.f.quote += " ";
          b.f.quote += q.f.quote;
        }
        b.unit = std::max(b.unit, q.unit);
        b.f.evidence.end = std::max(b.f.evidence.end, q.f.evidence.end);
        b.f.evidence.begin = std::min(b.f.evidence.begin, q.f.evidence.begin);
        continue;
      }
    }
    blocks.push_back(qi);
  }
  // Speakers' roles stated elsewhere in the release.
  for (std::size_t bi : blocks) {
    QuoteCand& q = quotes[bi];
    if (!q.f.role.empty()) continue;
    std::int64_t it = role_of.Find(q.speaker);
    if (it < 0) {
      const std::string_view sp = q.speaker;
      for (std::uint32_t e : role_of.ByKey()) {  // in key order, as a std::map would be read
        const std::string_view k = role_of.Key(role_of.entries[e]);
        if (!k.empty() && (k.find(sp) != std::string_view::npos || sp.find(k) != std::string_view::npos) &&
            CharCount(sp.size() < k.size() ? sp : k) >= 2) {
          it = e;
          break;
        }
      }
    }
    if (it >= 0) {
      const RoleInfo& ri = role_of.entries[static_cast<std::size_t>(it)].info;
      const Fact& stated = ri.quote ? quotes[ri.index].f : roles[ri.index];  // never q: its role is empty
      q.f.role = stated.role;
      if (q.f.org.empty()) q.f.org = stated.org;
    }
  }
  // Same quotation attributed twice (two rules, two mentions): keep the first.
  // The keys are kept in one text (offsets: it grows), found through a flat index.
  std::string& qkeys = ws.quote_keys;
  std::vector<std::pair<std::size_t, std::size_t>>& qkey_at = ws.quote_key_at;
  qkeys.clear();
  qkey_at.clear();
  FlatIndex& seen_quotes = ws.seen_quotes;
  seen_quotes.Reset(blocks.size());
  std::vector<std::size_t>& quoted = ws.quoted;  // the blocks published
  quoted.clear();
  for (std::size_t bi : blocks) {
    QuoteCand& q = quotes[bi];
    const std::size_t from = qkeys.size();
    qkeys += q.speaker;
    qkeys += '|';
    AppendNormKey(q.f.quote, &qkeys, 48);
    std::string_view key = std::string_view(qkeys).substr(from);
    auto id = static_cast<std::uint32_t>(qkey_at.size());
    if (seen_quotes.FindOrAdd(HashView(key), id, [&](std::uint32_t k) {
          return std::string_view(qkeys).substr(qkey_at[k].first, qkey_at[k].second) == key;
        }) != id) {
      qkeys.resize(from);
      continue;
    }
    qkey_at.emplace_back(from, key.size());
    forms_of_quote(bi);  // before the person moves out
    quoted.push_back(bi);
    out.facts.push_back(std::move(q.f));
    out.facts.back().rule = q.rule->id;
  }

  // Roles: only for people never quoted; one per person, from the rule of highest priority.
  std::vector<std::size_t>& by_priority = ws.by_priority;
  SortedIndices(
      roles.size(), [&](std::size_t a, std::size_t b) { return role_rule[a]->priority > role_rule[b]->priority; },
      &by_priority);
  std::vector<std::size_t>& kept_roles = ws.kept_roles;
  kept_roles.clear();
  kept_roles.reserve(roles.size());
  std::vector<FormPool::Range>& kept_forms = ws.kept_forms;  // each person's forms once, not once per pair
  kept_forms.clear();
  for (std::size_t ri : by_priority) {
    const std::size_t mark_forms = pool.forms.size(), mark_words = pool.words.size(), mark_text = pool.text.size();
    const bool shared = ws.role_slot[ri] < slot_forms.size();  // its forms stay for the slot's other candidates
    FormPool::Range pf = forms_of_slot(ws.role_slot[ri], roles[ri].person);
    bool is_quoted = false;
    for (std::size_t bi : quoted)
      if (!is_quoted && pool.SamePerson(forms_of_quote(bi), pf)) is_quoted = true;
    for (FormPool::Range k : kept_forms)
      if (!is_quoted && pool.SamePerson(k, pf)) is_quoted = true;
    if (!is_quoted) {
      kept_roles.push_back(ri);
      kept_forms.push_back(pf);
    } else if (!shared) {  // not compared again: its room goes back to the pool
      pool.forms.resize(mark_forms), pool.words.resize(mark_words), pool.text.resize(mark_text);
    }
  }
  SmallStableSort(kept_roles.begin(), kept_roles.end(),
                  [&](std::size_t a, std::size_t b) { return roles[a].evidence.begin < roles[b].evidence.begin; });
  for (std::size_t ri : kept_roles) {
    out.facts.push_back(std::move(roles[ri]));
    out.facts.back().rule = role_rule[ri]->id;
  }

  // Agreements: one per party set and kind.
  // Parties are the same when their keys agree, one name contains the other, or a country and
  // its government stand for each other (中华人民共和国 / 中国政府 / Government of India).
  std::vector<std::size_t>& by_kind = ws.by_kind;
  SortedIndices(
      agreements.size(),
      [&](std::size_t a, std::size_t b) {
        return (agreements[a].kind != "partnership") > (agreements[b].kind != "partnership");
      },
      &by_kind);
  std::vector<std::size_t>& kept_agreements = ws.kept_agreements;
  kept_agreements.clear();
  kept_agreements.reserve(agreements.size());
  std::vector<std::vector<int>> kept_paragraphs;  // paragraphs each kept agreement was stated in
  auto stated_in = [](const std::vector<int>& ps, int p) { return std::find(ps.begin(), ps.end(), p) != ps.end(); };
  auto paragraph_of = [&](std::size_t original_offset) {
    auto it = std::upper_bound(view.paragraphs.begin(), view.paragraphs.end(), original_offset,
                               [](std::size_t off, const Paragraph& p) { return off < p.span.begin; });
    return static_cast<int>(it - view.paragraphs.begin()) - 1;
  };
  // The lead: the paragraph holding the dateline, which restates the headline.
  int lead = -1;
  if (view.dateline.found)
    for (std::size_t k = 0; k < view.paragraphs.size(); ++k)
      if (view.paragraphs[k].norm_begin <= view.dateline.norm_begin && view.dateline.norm_begin < view.paragraphs[k].norm_end)
        lead = static_cast<int>(k);
  // Each agreement's parties' forms, computed once (parties never change once stated): agreement
  // k's are party_forms[party_first[k], + its parties).
  std::vector<FormPool::Range>& party_forms = ws.party_forms;
  std::vector<std::uint32_t>& party_first = ws.party_first;
  party_forms.clear();
  party_first.assign(agreements.size(), kNotYet);
  auto forms_of_parties = [&](std::size_t k) {
    if (party_first[k] == kNotYet) {
      party_first[k] = static_cast<std::uint32_t>(party_forms.size());
      for (const EntityRef& p : agreements[k].parties) party_forms.push_back(pool.Party(p));
    }
    return party_first[k];
  };
  auto same_parties = [&](std::size_t fi, std::size_t gi) {
    const Fact& f = agreements[fi];
    const Fact& g = agreements[gi];
    bool f_small = f.parties.size() <= g.parties.size();
    const Fact& small = f_small ? f : g;
    const Fact& big = f_small ? g : f;
    const std::uint32_t small_forms = forms_of_parties(f_small ? fi : gi);
    const std::uint32_t big_forms = forms_of_parties(f_small ? gi : fi);
    for (std::size_t i = 0; i < small.parties.size(); ++i) {
      bool any = false;
      for (std::size_t j = 0; j < big.parties.size() && !any; ++j)
        any = SameParty(pool, small.parties[i], party_forms[small_forms + i], big.parties[j], party_forms[big_forms + j]);
      if (!any) return false;
    }
    return true;
  };
  for (std::size_t fi : by_kind) {
    Fact& f = agreements[fi];
    Fact* same = nullptr;
    const int par = paragraph_of(f.evidence.begin);
    for (std::size_t k = 0; k < kept_agreements.size() && !same; ++k) {
      Fact& g = agreements[kept_agreements[k]];
      if (!same_parties(fi, kept_agreements[k])) continue;
      // Restatements of the same kind merge. A partnership of the parties of an agreement is the
      // same fact when it is stated beside it — in the same paragraph, in the headline ("A and B
      // to cooperate" over "A and B signed an MoU"), or in the lead under a headline that states
      // the agreement; stated apart, it is its own fact (a joint programme or a donation years
      // before the signing).
      // (Across kinds only when the partnership's parties are among the agreement's: a
      // partnership with a third party is more than the agreement.)
      if (g.kind == f.kind ||
          (f.kind == "partnership" && f.parties.size() <= g.parties.size() &&
           (stated_in(kept_paragraphs[k], par) || par == 0 ||
            (lead >= 0 && par == lead && stated_in(kept_paragraphs[k], 0)))))
        same = &g;
      if (same && !stated_in(kept_paragraphs[k], par)) kept_paragraphs[k].push_back(par);
    }
    if (!same) {
      kept_agreements.push_back(fi);
      kept_paragraphs.push_back({par});
      continue;
    }
    if (same->date.empty()) same->date = f.date;
    // The restatement's names of a party are names of the kept one too (the headline's 印尼电池公司,
    // the body's 印度尼西亚电池公司（IBC）).
    for (const EntityRef& p : f.parties)
      for (EntityRef& kept : same->parties) AddRestatedNames(p, &kept);
    for (const auto& cc : f.countries)
      if (std::find(same->countries.begin(), same->countries.end(), cc) == same->countries.end()) same->countries.push_back(cc);
  }
  SmallStableSort(kept_agreements.begin(), kept_agreements.end(), [&](std::size_t a, std::size_t b) {
    return agreements[a].evidence.begin < agreements[b].evidence.begin;
  });
  for (std::size_t k : kept_agreements) {
    out.facts.push_back(std::move(agreements[k]));
    out.facts.back().rule = agreement_rule[k]->id;
  }

  // Events: one per name; a name contained in another merges into it.
  std::vector<std::string> event_keys;
  std::vector<std::size_t> event_chars;
  event_keys.reserve(events.size());
  event_chars.reserve(events.size());
  for (const Fact& f : events) {
    event_keys.push_back(NormKey(f.name));
    event_chars.push_back(CharCount(event_keys.back()));
  }
  std::vector<std::size_t>& evs = ws.evs;
  evs.clear();
  evs.reserve(events.size());
  for (std::size_t fi = 0; fi < events.size(); ++fi) {
    Fact& f = events[fi];
    const std::string& k = event_keys[fi];
    bool merged = false;
    for (std::size_t ei : evs) {
      Fact& e = events[ei];
      const std::string& ek = event_keys[ei];
      if (ek == k || (event_chars[fi] >= 4 && event_chars[ei] >= 4 &&
                      (ek.find(k) != std::string::npos || k.find(ek) != std::string::npos)) ||
          IsAbbreviationOf(k, ek)) {
        if (!e.start.empty() && !f.start.empty() && e.start.compare(0, 4, f.start, 0, 4) != 0) continue;
        AddAlias(&e.name_aliases, e.name, f.name);
        for (const auto& a : f.name_aliases) AddAlias(&e.name_aliases, e.name, a);
        if (e.start.empty()) { e.start = f.start; e.end = f.end; }
        if (e.place.empty()) e.place = f.place;
        merged = true;
        break;
      }
    }
    if (!merged) evs.push_back(fi);
  }
  for (std::size_t ei : evs) {
    out.facts.push_back(std::move(events[ei]));
    out.facts.back().rule = event_rule[ei]->id;
  }

  // Dateline.
  if (view.dateline.found && view.dateline.date_end > view.dateline.date_begin) {
    std::string_view dt = view.normalized.substr(view.dateline.date_begin, view.dateline.date_end - view.dateline.date_begin);
    std::string s, e;
    if (NormalizeDate(dt, view.release_date, &s, &e)) {
      Fact f;
      f.type = FactType::kDateline;
      f.doc = view.id;
      f.rule = "dateline";
      f.confidence = 0.95;
      f.date = s;
      f.evidence = view.to_original ? view.to_original(view.dateline.norm_begin, view.dateline.norm_end) : Span{};
      if (view.dateline.place_end > view.dateline.place_begin) {
        std::size_t place_end = view.dateline.place_end;
        const std::size_t first = FirstOfTwoPlaces(view.normalized.substr(view.dateline.place_begin, place_end - view.dateline.place_begin));
        if (first != std::string_view::npos) place_end = view.dateline.place_begin + first;
        std::size_t best = ms.size();
        for (std::size_t i = 0; i < ms.size(); ++i) {
          const rules::SlotMention& m = ms[i];
          if ((m.type == MentionType::kPlace || m.type == MentionType::kCountry) && m.begin < place_end &&
              m.end > view.dateline.place_begin) {
            if (best == ms.size() || m.type == MentionType::kPlace) best = i;
            if (m.type == MentionType::kPlace) break;
          }
        }
        if (best < ms.size()) {
          RefInto(c, best, &f.place);
          const std::size_t city = ms[best].end < place_end && view.original_text
                                       ? CityAfterRegion(view.normalized.substr(ms[best].end, place_end - ms[best].end))
                                       : 0;
          if (city != 0) {  // 中国福建宁德: the city the finder does not know, in the region's country
            EntityRef r;
            r.kind = EntityKind::kPlace;
            r.country = f.place.kind == EntityKind::kCountry ? f.place.key : f.place.country;
            r.name = Trim(view.original_text(ms[best].end, ms[best].end + city));
            f.place = std::move(r);
          }
        } else {
          f.place.name = view.original_text ? Trim(view.original_text(view.dateline.place_begin, place_end))
                                            : std::string();
        }
        f.place.kind = EntityKind::kPlace;
      }
      out.facts.push_back(std::move(f));
    }
  }
  bool have_dateline = false;
  for (const Fact& f : out.facts) have_dateline |= f.type == FactType::kDateline;
  if (!have_dateline && dateline_rule.type == FactType::kDateline) out.facts.push_back(std::move(dateline_rule));
  for (Fact& f : out.facts) f.doc = view.id;
  ReleaseOwnEvent(view, &out.facts);
  // A rule fires many times in a release: the distinct ids (by address) first, then their order.
  std::sort(fired.begin(), fired.end());
  fired.erase(std::unique(fired.begin(), fired.end()), fired.end());
  std::sort(fired.begin(), fired.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  for (std::size_t k = 0; k < fired.size(); ++k)
    if (k == 0 || *fired[k] != *fired[k - 1]) out.fired.push_back(*fired[k]);
  return out;
}

}  // namespace presskg::facts
