// text/normalize.h — the normalised view and its exact offset map (private to the text module).
//
//   std::string norm; std::vector<PreparedText::OffsetRun> runs;
//   Normalize(original, /*fold_traditional=*/true, &norm, &runs);
//
// The view is NFKC, then traditional→simplified Chinese (ICU's "Hant-Hans" transliterator). NFKC
// also folds ideographic and no-break spaces to U+0020 and full-width forms to ASCII. Line ends
// (CR LF, CR, NEL, LS, PS) become LF.
//
// Exactness: the text is cut into segments that start at characters with an NFKC boundary before
// them (Normalizer2::hasBoundaryBefore), which ICU guarantees can be normalised independently;
// each segment is normalised alone, so every changed segment maps to exactly the original bytes
// that produced it. Hant-Hans in ICU 72 is a context-free one-character-for-one table (checked at
// start-up: every source character transliterated alone); it is applied per code point from that
// table, which is also what makes it fast and thread-safe.
//
// Speed: runs of ASCII are copied as identity runs; runs of three-byte characters each followed
// by a character with a boundary before it (ideographs, CJK punctuation, full-width forms), and
// other single BMP characters, are looked up in a table built once (normalised form, boundary
// flag, script flags); only multi-character segments and supplementary characters call ICU.
#ifndef PRESSKG_TEXT_NORMALIZE_H
#define PRESSKG_TEXT_NORMALIZE_H

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "presskg/text.h"

namespace presskg::text {

// Characters of the original seen while normalising, for language detection without a second
// pass (single BMP characters only; enough to recognise a Chinese, Japanese or Korean text).
struct ScriptCounts {
  std::size_t han = 0, traditional = 0, simplified_only = 0, kana = 0, hangul = 0;
  std::size_t other_letters = 0;   // non-ASCII letters of any other script
  std::size_t non_ascii_bytes = 0;
};

// A line end of the original that only wraps a paragraph (hard-wrapped text): the view has
// `joint` in its place — a space, or nothing between two CJK characters or after a hyphen.
struct WrapBreak {
  std::size_t pos = 0, len = 0;  // the line terminator in the original (LF, CR LF or CR), with
                                 // the ASCII spaces and tabs before and after it
  std::string_view joint;
};

// Hard-wrapped documents (plain-text wire copy, mail archives): a line is a wrap when it is
// non-blank, the next line is non-blank, and the next line's first word would not have fitted on
// it within the document's wrapping width (the widest line, in display columns or in characters,
// whichever explains more lines as wraps: wrappers count CJK characters as two columns or as one).
// A document counts as hard-wrapped when nearly all its lines are at most 100 columns, the width is
// at least 40 columns or 25 characters, and at least three, and a quarter, of its lines that
// continue into another are explained as wraps. Clears `out`; leaves it empty for other documents.
void FindWrapBreaks(std::string_view original, std::vector<WrapBreak>* out);

void Normalize(std::string_view original, bool fold_traditional, std::string* normalized,
               std::vector<PreparedText::OffsetRun>* runs, ScriptCounts* counts = nullptr,
               const std::vector<WrapBreak>* wraps = nullptr);

// Per-character facts used by language detection.
enum CharFlags : std::uint8_t {
  kHan = 1,            // Han script
  kTraditional = 2,    // changed by Hant→Hans
  kSimplifiedOnly = 4, // a Hant→Hans result that is not itself traditional
  // (8 is used internally)
  kKana = 16,
  kHangul = 32,
  kOtherLetter = 64,    // a letter of any other script, Latin included
};
std::uint8_t HanFlags(char32_t c);
// ICU's Hant→Hans table: every one-for-one change of the "Hant-Hans" transliterator. Built from
// the transliterator's rules in ICU's data (fast); `from_registry` builds it through ICU's
// transliterator registry instead (slow; the tests compare the two).
std::unordered_map<char32_t, char32_t> HantToHansPairs(bool from_registry);
// HanFlags for the BMP as a table (index by code point < 0x10000), for hot loops.
const std::uint8_t* BmpFlagTable();

// Decodes the code point at s[i]; *len = bytes used. An ill-formed sequence yields kIllFormed
// with *len = the length of its maximal ill-formed subpart.
constexpr char32_t kIllFormed = 0x110000;
inline __attribute__((always_inline)) char32_t DecodeUtf8(std::string_view s, std::size_t i, std::size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  std::size_t n = s.size() - i;
  unsigned char c = p[0];
  *len = 1;
  if (c < 0x80) return c;
  // The common case in Chinese text: a well-formed three-byte sequence outside the surrogates.
  if (c >= 0xE1 && c <= 0xEC && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    *len = 3;
    return static_cast<char32_t>((c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
  }
  int need;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
  else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
  else return kIllFormed;
  for (int k = 1; k <= need; ++k) {
    // The maximal ill-formed subpart is consumed as one unit (one U+FFFD, as ICU and the sources do).
    if (static_cast<std::size_t>(k) >= n) { *len = k; return kIllFormed; }
    unsigned char b = p[k];
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) { *len = k; return kIllFormed; }
    cp = cp << 6 | (b & 0x3F);
  }
  *len = need + 1;
  return cp;
}

}  // namespace presskg::text

#endif  // PRESSKG_TEXT_NORMALIZE_H
