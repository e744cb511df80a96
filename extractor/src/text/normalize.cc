#include "text/normalize.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/ures.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace presskg::text {

namespace {
namespace hanthans {

// The rules ICU registers for "Hant-Hans" (those of "Hans-Hant" in the translit data, read in
// the direction the registry entry names). False when the data is laid out otherwise.
bool RegisteredRules(icu::UnicodeString* rules, UTransDirection* direction) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle* root = ures_openDirect(U_ICUDATA_NAME "-translit", "root", &e);
  UResourceBundle* ids = ures_getByKey(root, "RuleBasedTransliteratorIDs", nullptr, &e);
  UResourceBundle* entry = ures_getByKey(ids, "Hant-Hans", nullptr, &e);
  UResourceBundle* file = ures_getByKey(entry, "file", nullptr, &e);
  int32_t rules_len = 0, dir_len = 0;
  const UChar* r = ures_getStringByKey(file, "resource", &rules_len, &e);
  const UChar* d = ures_getStringByKey(file, "direction", &dir_len, &e);
  if (U_SUCCESS(e)) {
    rules->setTo(r, rules_len);
    *direction = icu::UnicodeString(d, dir_len) == icu::UnicodeString(u"REVERSE") ? UTRANS_REVERSE : UTRANS_FORWARD;
  }
  ures_close(file);
  ures_close(entry);
  ures_close(ids);
  ures_close(root);
  return U_SUCCESS(e);
}

// ICU's "Hant-Hans" transliterator. Transliterator::createInstance first builds ICU's whole
// transliterator registry (~140 M instructions); `from_registry` false compiles the registered
// rules directly (HantToHansPairs(true) is compared with it in the tests).
std::unique_ptr<icu::Transliterator> Transliterator(bool from_registry) {
  UErrorCode e = U_ZERO_ERROR;
  icu::UnicodeString rules;
  UTransDirection d = UTRANS_FORWARD;
  if (!from_registry && RegisteredRules(&rules, &d)) {
    UParseError pe;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules("Hant-Hans", rules, d, pe, e));
    if (U_SUCCESS(e) && t) return t;
    e = U_ZERO_ERROR;
  }
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, e));
  return U_SUCCESS(e) ? std::move(t) : nullptr;
}

// Every source character transliterated once, alone (separated by newlines): the one-for-one
// changes (all of them in ICU 72; longer results would be skipped, not guessed).
std::unordered_map<char32_t, char32_t> Transliterated(const icu::Transliterator& t) {
  std::unordered_map<char32_t, char32_t> hant;
  icu::UnicodeSet set;
  t.getSourceSet(set);
  icu::UnicodeString all;
  for (int32_t r = 0; r < set.getRangeCount(); ++r)
    for (UChar32 c = set.getRangeStart(r); c <= set.getRangeEnd(r); ++c) {
      if (c == '\n') continue;
      all.append(c).append(static_cast<UChar>('\n'));
    }
  icu::UnicodeString out = all;
  t.transliterate(out);
  int32_t a = 0, b = 0;
  while (a < all.length() && b < out.length()) {
    int32_t ea = all.indexOf(static_cast<UChar>('\n'), a), eb = out.indexOf(static_cast<UChar>('\n'), b);
    if (ea < 0 || eb < 0) break;
    UChar32 from = all.char32At(a);
    if (eb - b == U16_LENGTH(out.char32At(b)) && out.char32At(b) != from)
      hant[static_cast<char32_t>(from)] = static_cast<char32_t>(out.char32At(b));
    a = ea + 1;
    b = eb + 1;
  }
  return hant;
}

// The same table read from the rules' text, without compiling or running the transliterator
// (~80 M instructions, most of what was left of the text tables): ICU 72's Hans-Hant rules are
// plain pairs, "a↔b;" (both ways), "a←b;" (reverse only) and "a→b;" (forward only), the few with
// a context ("$SCDigit { 余 → 餘;") and variables ("$SCDigit = [...];") forward only. A
// character transliterated alone is changed by the first rule whose source is that character
// alone (a longer source needs the characters after it; ICU refuses rules masked by earlier
// ones). Any other syntax in a rule of the direction read (quotes, escapes, classes, contexts,
// "::" steps, ASCII arrows) returns false: the caller then transliterates.
bool ReadPairs(const icu::UnicodeString& rules, UTransDirection direction, std::unordered_map<char32_t, char32_t>* out) {
  std::unordered_map<char32_t, char32_t> hant;
  std::unordered_map<char32_t, bool> claimed;  // sources with a rule already (the first wins)
  hant.reserve(4096);
  claimed.reserve(4096);
  const UChar* u = rules.getBuffer();
  const int32_t n = rules.length();
  if (u == nullptr) return false;
  auto syntax = [](UChar32 c) {
    return c < 0x80 && c != ';' && !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z');
  };
  // One side of a rule, u[b, e): its only code point, or -1 when it has none or several.
  auto sole = [&](int32_t b, int32_t e) -> UChar32 {
    if (b >= e) return -1;
    UChar32 c;
    int32_t k = b;
    U16_NEXT(u, k, e, c);
    return k == e ? c : -1;
  };
  for (int32_t i = 0; i < n;) {
    int32_t end = i;
    while (end < n && u[end] != ';') ++end;
    // One rule: u[i, end). Find its arrow.
    int32_t arrow = -1;
    UChar32 kind = 0;
    bool plain = true, blank = true;
    for (int32_t k = i; k < end;) {
      const int32_t at = k;
      UChar32 c;
      U16_NEXT(u, k, end, c);
      const bool space = u_isWhitespace(c);
      blank &= space;
      if (c == 0x2194 || c == 0x2192 || c == 0x2190) {
        if (arrow >= 0) plain = false;
        arrow = at, kind = c;
      } else if (syntax(c) || space) {
        plain = false;
      }
    }
    const int32_t next = end + 1;
    if (blank) {
      i = next;
      continue;
    }
    if (arrow < 0) {
      // A variable ("$SCDigit = [...]") is used only by the rules naming it.
      bool assigns = false;
      for (int32_t k = i; k < end; ++k) assigns |= u[k] == '=';
      if (u[i] != '$' || !assigns) return false;
      i = next;
      continue;
    }
    // Which rules apply in the direction read: ↔ always, → forward, ← reverse.
    const bool applies = kind == 0x2194 || (kind == 0x2192) == (direction == UTRANS_FORWARD);
    if (!applies) {
      i = next;  // its context and variables do not matter in this direction
      continue;
    }
    if (!plain) return false;
    const bool forward = direction == UTRANS_FORWARD;
    const int32_t fb = forward ? i : arrow + 1, fe = forward ? arrow : end;
    const int32_t tb = forward ? arrow + 1 : i, te = forward ? end : arrow;
    if (fb >= fe) return false;
    const UChar32 f = sole(fb, fe), t = sole(tb, te);
    if (f >= 0 && claimed.emplace(static_cast<char32_t>(f), true).second && t >= 0 && t != f)
      hant[static_cast<char32_t>(f)] = static_cast<char32_t>(t);
    i = next;
  }
  if (hant.empty()) return false;
  *out = std::move(hant);
  return true;
}

}  // namespace hanthans
}  // namespace

std::unordered_map<char32_t, char32_t> HantToHansPairs(bool from_registry) {
  if (!from_registry) {
    icu::UnicodeString rules;
    UTransDirection d = UTRANS_FORWARD;
    std::unordered_map<char32_t, char32_t> hant;
    if (hanthans::RegisteredRules(&rules, &d) && hanthans::ReadPairs(rules, d, &hant)) return hant;
  }
  std::unique_ptr<icu::Transliterator> t = hanthans::Transliterator(from_registry);
  return t ? hanthans::Transliterated(*t) : std::unordered_map<char32_t, char32_t>{};
}

namespace {

enum InfoBits : std::uint8_t { kBoundary = 8 };

struct Tables {
  const icu::Normalizer2* nfkc = nullptr;
  // Per BMP code point: 0 = unchanged, else (pool offset << 8 | byte length) of its UTF-8 form;
  // [0] NFKC only, [1] NFKC + Hant→Hans.
  std::vector<std::uint32_t> entry[2];
  std::vector<std::uint8_t> info;  // CharFlags | kBoundary
  std::string pool;
  std::unordered_map<char32_t, char32_t> hant;  // traditional → simplified (HantToHansPairs)

  static std::string Utf8(char32_t c) {
    std::string u8;
    icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(u8);
    return u8;
  }

  std::uint32_t Add(const std::string& utf8) {
    std::uint32_t e = static_cast<std::uint32_t>(pool.size() << 8 | utf8.size());
    pool += utf8;
    return e;
  }

  void Fold(icu::UnicodeString* u) const {
    for (int32_t i = 0; i < u->length();) {
      UChar32 c = u->char32At(i);
      int32_t n = U16_LENGTH(c);
      auto it = hant.find(c);
      if (it != hant.end()) {
        icu::UnicodeString r(static_cast<UChar32>(it->second));
        u->replace(i, n, r);
        n = r.length();
      }
      i += n;
    }
  }

  Tables() {
    UErrorCode e = U_ZERO_ERROR;
    nfkc = icu::Normalizer2::getNFKCInstance(e);
    hant = HantToHansPairs(/*from_registry=*/false);
    entry[0].assign(0x10000, 0);
    entry[1].assign(0x10000, 0);
    info.assign(0x10000, 0);
    std::vector<char32_t> simplified_of(0x10000, 0);  // hant for the BMP, one load a character
    for (const auto& [from, to] : hant)
      if (from < 0x10000) simplified_of[from] = to;
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (U_IS_SURROGATE(c)) {
        info[c] = kBoundary;
        continue;
      }
      UErrorCode se = U_ZERO_ERROR;
      std::uint8_t f = nfkc->hasBoundaryBefore(c) ? kBoundary : 0;
      UScriptCode sc = uscript_getScript(c, &se);
      if (sc == USCRIPT_HAN) f |= kHan;
      else if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) f |= kKana;
      else if (sc == USCRIPT_HANGUL) f |= kHangul;
      else if (c >= 0x80 && u_isalpha(c)) f |= kOtherLetter;
      const char32_t simplified = simplified_of[c];
      if (simplified != 0) f |= kTraditional;
      info[c] |= f;
      if (U_FAILURE(se)) continue;
      // An inert character normalises to itself (most of the BMP: no ICU call per character),
      // and its Hant→Hans fold is its pair's other character.
      if (nfkc->isInert(c)) {
        if (simplified != 0) entry[1][c] = Add(Utf8(simplified));
        continue;
      }
      icu::UnicodeString one(c);
      icu::UnicodeString n = nfkc->normalize(one, se);
      if (U_FAILURE(se)) continue;
      std::string u8;
      if (n != one) entry[0][c] = Add(n.toUTF8String(u8));
      Fold(&n);
      if (n != one) {
        u8.clear();
        entry[1][c] = Add(n.toUTF8String(u8));
      }
    }
    for (const auto& [from, to] : hant)
      if (to < 0x10000 && !hant.count(to)) info[to] |= kSimplifiedOnly;
    // NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end a line like LF (CR and CRLF are folded in
    // Normalize): the view has one line terminator, so no later stage has to know five.
    const std::uint32_t lf = Add("\n");
    for (UChar32 c : {0x85, 0x2028, 0x2029}) entry[0][c] = entry[1][c] = lf;
  }
};

const Tables& GetTables() {
  static const Tables tables;
  return tables;
}

// CR LF, CR, NEL, LS and PS as LF, in a segment normalised by ICU (a line end followed by a
// combining mark); the table and the ASCII runs fold the others.
void FoldLineEnds(std::string* s) {
  std::string& t = *s;
  std::size_t w = 0;
  for (std::size_t r = 0; r < t.size();) {
    if (t[r] == '\r') {
      t[w++] = '\n';
      r += r + 1 < t.size() && t[r + 1] == '\n' ? 2 : 1;
    } else if (t.compare(r, 2, "\xC2\x85") == 0) {
      t[w++] = '\n';
      r += 2;
    } else if (t.compare(r, 3, "\xE2\x80\xA8") == 0 || t.compare(r, 3, "\xE2\x80\xA9") == 0) {
      t[w++] = '\n';
      r += 3;
    } else {
      t[w++] = t[r++];
    }
  }
  t.resize(w);
}

// Lead bytes of three-byte sequences that are well-formed whenever two continuation bytes follow
// (E0 and ED restrict their second byte).
constexpr std::array<bool, 256> kSimpleLead3 = [] {
  std::array<bool, 256> a{};
  for (int b = 0xE1; b <= 0xEF; ++b) a[b] = b != 0xED;
  return a;
}();

// The run of three-byte characters from p[i] that are segments of their own: lead bytes whose
// sequences are well-formed whenever two continuation bytes follow (E1–EC, EE, EF), each followed
// by ASCII, an ideograph lead (E4–E9, as in the segment loop) or a two- or three-byte BMP
// character with an NFKC boundary before it. Counts each in `hist` by its info byte and calls
// on_change(offset, entry) for those the table maps. Returns where the run stops (the last few
// bytes of the text are left to the general path). Plain locals, so the loop stays in registers.
template <typename F>
inline std::size_t SimpleRun(const unsigned char* p, std::size_t i, const std::size_t n, const std::uint8_t* info,
                             const std::uint32_t* table, std::size_t* hist, F&& on_change) {
#if defined(__SSE2__)
  int scalar = 0;  // characters to take one by one before trying a block again
#endif
  while (i + 6 <= n) {
#if defined(__SSE2__)
    // Five characters at a time: sixteen bytes holding five three-byte characters of the kind
    // below (lead bytes checked together), the first four followed by characters with a boundary
    // before them (their info bytes, looked up anyway for the counts), the fifth by ASCII or an
    // ideograph lead (else only four are taken). A block that does not qualify is left to the
    // loop below, five characters of it, before the next try.
    while (scalar == 0 && i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i lead3 = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xF0))),
                                         _mm_set1_epi8(static_cast<char>(0xE0)));
      const __m128i e0_ed = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE0))),
                                         _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))));
      const unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(e0_ed, lead3)));
      const unsigned cont = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(
          _mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0))), _mm_set1_epi8(static_cast<char>(0x80)))));
      if ((lead & 0x1249u) != 0x1249u || (cont & 0x6DB6u) != 0x6DB6u) {
        scalar = 5;
        break;
      }
      // The five code points at once: each byte masked to its payload (four bits of a lead, six
      // of a continuation), widened to sixteen bits, weighted by its place (4096, 64, 1), and the
      // three of each character or-ed together (the fields do not overlap).
      const __m128i payload = _mm_and_si128(v, _mm_setr_epi8(0x0F, 0x3F, 0x3F, 0x0F, 0x3F, 0x3F, 0x0F, 0x3F, 0x3F, 0x0F,
                                                              0x3F, 0x3F, 0x0F, 0x3F, 0x3F, 0));
      const __m128i lo = _mm_mullo_epi16(_mm_unpacklo_epi8(payload, _mm_setzero_si128()),
                                         _mm_setr_epi16(4096, 64, 1, 4096, 64, 1, 4096, 64));
      const __m128i hi = _mm_mullo_epi16(_mm_unpackhi_epi8(payload, _mm_setzero_si128()),
                                         _mm_setr_epi16(1, 4096, 64, 1, 4096, 64, 1, 0));
      const __m128i lo3 = _mm_or_si128(_mm_or_si128(lo, _mm_srli_si128(lo, 2)), _mm_srli_si128(lo, 4));
      const __m128i hi3 = _mm_or_si128(_mm_or_si128(hi, _mm_srli_si128(hi, 2)), _mm_srli_si128(hi, 4));
      const char32_t c0 = static_cast<char32_t>(_mm_extract_epi16(lo3, 0));
      const char32_t c1 = static_cast<char32_t>(_mm_extract_epi16(lo3, 3));
      const char32_t c2 = static_cast<char32_t>(_mm_extract_epi16(lo3, 6) | _mm_extract_epi16(hi, 0));
      const char32_t c3 = static_cast<char32_t>(_mm_extract_epi16(hi3, 1));
      const char32_t c4 = static_cast<char32_t>(_mm_extract_epi16(hi3, 4));
      const std::uint8_t f0 = info[c0], f1 = info[c1], f2 = info[c2], f3 = info[c3], f4 = info[c4];
      if (!(f1 & f2 & f3 & f4 & kBoundary)) {
        scalar = 5;
        break;
      }
      ++hist[f0];
      ++hist[f1];
      ++hist[f2];
      ++hist[f3];
      if (const std::uint32_t e = table[c0]) on_change(i, e);
      if (const std::uint32_t e = table[c1]) on_change(i + 3, e);
      if (const std::uint32_t e = table[c2]) on_change(i + 6, e);
      if (const std::uint32_t e = table[c3]) on_change(i + 9, e);
      const unsigned follower = p[i + 15];
      if (follower < 0x80 || follower - 0xE4u <= 5u) {
        ++hist[f4];
        if (const std::uint32_t e = table[c4]) on_change(i + 12, e);
        i += 15;
      } else {
        i += 12;
        scalar = 1;
      }
    }
    if (scalar > 0) --scalar;
    if (i + 6 > n) break;  // the blocks may have taken the text up to its last bytes
#endif
    const unsigned b0 = p[i], b1 = p[i + 1], b2 = p[i + 2];
    if (!kSimpleLead3[b0] || ((b1 ^ 0x80u) | (b2 ^ 0x80u)) >= 0x40u) break;
    const unsigned nb = p[i + 3];
    if (nb >= 0x80 && nb - 0xE4u > 5u) {  // not ASCII, not an ideograph: look it up
      char32_t c2;
      if (kSimpleLead3[nb] && ((p[i + 4] ^ 0x80u) | (p[i + 5] ^ 0x80u)) < 0x40u)
        c2 = static_cast<char32_t>((nb & 0x0F) << 12 | (p[i + 4] & 0x3F) << 6 | (p[i + 5] & 0x3F));
      else if (nb - 0xC2u <= 0x1Du && (p[i + 4] & 0xC0) == 0x80)
        c2 = static_cast<char32_t>((nb & 0x1F) << 6 | (p[i + 4] & 0x3F));
      else
        break;
      if (!(info[c2] & kBoundary)) break;  // it composes with this one: a longer segment
    }
    const char32_t c = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
    ++hist[info[c]];
    if (const std::uint32_t e = table[c]) on_change(i, e);
    i += 3;
  }
  return i;
}

bool Boundary(const Tables& t, char32_t c) {
  if (c < 0x10000) return t.info[c] & kBoundary;
  if (c >= kIllFormed) return true;
  return t.nfkc->hasBoundaryBefore(static_cast<UChar32>(c));
}

}  // namespace

const std::uint8_t* BmpFlagTable() { return GetTables().info.data(); }

std::uint8_t HanFlags(char32_t c) {
  const Tables& t = GetTables();
  if (c >= kIllFormed) return 0;
  if (c < 0x10000) return t.info[c] & (kHan | kTraditional | kSimplifiedOnly);
  UErrorCode e = U_ZERO_ERROR;
  std::uint8_t f = uscript_getScript(static_cast<UChar32>(c), &e) == USCRIPT_HAN ? kHan : 0;
  if (t.hant.count(static_cast<UChar32>(c))) f |= kTraditional;
  return f;
}

void Normalize(std::string_view s, bool fold, std::string* out, std::vector<PreparedText::OffsetRun>* runs,
               ScriptCounts* counts, const std::vector<WrapBreak>* wraps) {
  ScriptCounts sc;
  const Tables& t = GetTables();
  const std::vector<std::uint32_t>& table = t.entry[fold ? 1 : 0];
  out->clear();
  out->reserve(s.size() + s.size() / 8 + 16);
  runs->clear();
  // Unchanged bytes are copied in stretches: [pending, i) is unchanged and not yet copied.
  std::size_t pending = 0;
  auto flush = [&](std::size_t upto) {
    if (upto <= pending) return;
    if (runs->empty() || !runs->back().identity) runs->push_back({out->size(), pending, true});
    out->append(s.data() + pending, upto - pending);
    pending = upto;
  };
  auto changed = [&](std::size_t orig, std::size_t orig_len, std::string_view repl) {
    flush(orig);
    runs->push_back({out->size(), orig, false});
    out->append(repl.data(), repl.size());
    pending = orig + orig_len;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  std::string seg_out;
  // Script counts as a histogram of the characters' info bytes (one increment per character),
  // summed up at the end.
  static_assert((kHan | kTraditional | kSimplifiedOnly | kBoundary | kKana | kHangul | kOtherLetter) < 128);
  std::size_t hist[128] = {};  // info bytes use bits 0–6 (CharFlags, kBoundary)
  std::size_t non_ascii_bytes = 0;
  std::size_t carry_at = static_cast<std::size_t>(-1), carry_len = 0;
  char32_t carry_c = 0;
  // Edits of ASCII bytes, in order: CR LF and CR → LF, and wrapping line ends → their joint.
  thread_local std::vector<WrapBreak> edits;
  edits.clear();
  if (std::memchr(p, '\r', n) != nullptr || (wraps && !wraps->empty())) {
    std::size_t w = 0;
    for (std::size_t at = 0; at < n;) {
      const void* f = std::memchr(p + at, '\r', n - at);
      const std::size_t cr = f ? static_cast<std::size_t>(static_cast<const unsigned char*>(f) - p) : n;
      for (; wraps && w < wraps->size() && (*wraps)[w].pos <= cr; ++w) edits.push_back((*wraps)[w]);
      if (cr == n) break;
      const std::size_t len = cr + 1 < n && p[cr + 1] == '\n' ? 2 : 1;
      if (edits.empty() || edits.back().pos != cr) edits.push_back({cr, len, "\n"});
      at = cr + len;
    }
  }
  std::size_t next_edit = 0;
  while (i < n) {
    // Runs of three-byte BMP characters (CJK ideographs and punctuation, full-width forms, most
    // of a Chinese text) each followed by a character with an NFKC boundary before it: every one
    // is a segment of its own (the test of the segment loop below), looked up directly.
    {
      const std::size_t from = i;
      i = SimpleRun(p, i, n, t.info.data(), table.data(), hist, [&](std::size_t at, std::uint32_t e) {
        changed(at, 3, std::string_view(t.pool.data() + (e >> 8), e & 0xFF));
      });
      non_ascii_bytes += i - from;
    }
    std::size_t j = i;
    while (j + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + j, 8);
      if (w & 0x8080808080808080ull) break;
      j += 8;
    }
    while (j < n && p[j] < 0x80) ++j;
    if (j > i) {
      std::size_t end = j;
      if (j < n) {
        std::size_t l;
        // The last ASCII character composes with a following combining mark: it starts the segment.
        // (Ideographs, lead bytes E4–E9, always start a segment.)
        if (p[j] - 0xE4u > 5u && !Boundary(t, DecodeUtf8(s, j, &l))) end = j - 1;
      }
      // A space between a CJK ideograph and a digit ("11 月 2 日", "第 35 届", typeset with spaces
      // around Latin text) is typography, not content: the view drops it, so dates and ordinals
      // read as "11月2日", "第35届".
      const auto ideograph_at = [&](std::size_t k) { return k + 3 <= n && p[k] - 0xE4u <= 5u; };
      const auto digit_at = [&](std::size_t k) { return k < n && p[k] - static_cast<unsigned>('0') <= 9u; };
      while (next_edit < edits.size() && edits[next_edit].pos < i) ++next_edit;  // not in an ASCII run
      if (i >= 3 && p[i] == ' ' && i + 1 < end && digit_at(i + 1) && ideograph_at(i - 3) &&
          (next_edit == edits.size() || edits[next_edit].pos > i)) {
        changed(i, 1, "");
        ++i;
      }
      for (; next_edit < edits.size() && edits[next_edit].pos < end; ++next_edit) {
        const WrapBreak& e = edits[next_edit];
        if (e.pos < i) continue;  // not in an ASCII run (a line end before a combining mark)
        changed(e.pos, e.len, e.joint);
        i = e.pos + e.len;
      }
      if (end == j && end >= i + 2 && p[end - 1] == ' ' && digit_at(end - 2) && ideograph_at(end)) {
        changed(end - 1, 1, "");
        i = end;
      }
      i = std::max(i, end);
      if (i >= n) break;
    }
    std::size_t len;
    char32_t c;
    if (i == carry_at) c = carry_c, len = carry_len;  // decoded already, as the previous segment's follower
    else c = DecodeUtf8(s, i, &len);
    if (c == kIllFormed) {
      changed(i, len, "\xEF\xBF\xBD");
      i += len;
      continue;
    }
    std::size_t k = i + len;
    bool multi = false;
    while (k < n) {
      // Characters led by E4..E9 (U+4000..U+9FFF, CJK ideographs) always start a segment.
      if (p[k] >= 0xE4 && p[k] <= 0xE9) break;
      std::size_t l2;
      char32_t c2 = DecodeUtf8(s, k, &l2);
      if (c2 < 0x80 || Boundary(t, c2)) {
        carry_at = k, carry_c = c2, carry_len = l2;
        break;
      }
      k += l2;
      multi = true;
    }
    non_ascii_bytes += k - i;
    if (!multi && c < 0x10000) {
      ++hist[t.info[c]];
      std::uint32_t e = table[c];
      if (e) changed(i, len, std::string_view(t.pool.data() + (e >> 8), e & 0xFF));
    } else {
      std::string_view seg = s.substr(i, k - i);
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(seg.data(), static_cast<int32_t>(seg.size())));
      UErrorCode e = U_ZERO_ERROR;
      icu::UnicodeString nu = t.nfkc->normalize(u, e);
      if (U_FAILURE(e)) nu = u;
      if (fold) t.Fold(&nu);
      seg_out.clear();
      nu.toUTF8String(seg_out);
      FoldLineEnds(&seg_out);
      if (seg_out != seg) changed(i, seg.size(), seg_out);
    }
    i = k;
  }
  flush(n);
  runs->push_back({out->size(), n, true});
  for (int f = 0; f < 128; ++f) {
    std::size_t h = hist[f];
    if (!h) continue;
    if (f & kHan) sc.han += h;
    if (f & kTraditional) sc.traditional += h;
    if (f & kSimplifiedOnly) sc.simplified_only += h;
    if (f & kKana) sc.kana += h;
    if (f & kHangul) sc.hangul += h;
    if (f & kOtherLetter) sc.other_letters += h;
  }
  sc.non_ascii_bytes = non_ascii_bytes;
  if (counts) *counts = sc;
}

}  // namespace presskg::text
