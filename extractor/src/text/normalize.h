// text/normalize.h — the normalised view and its exact offset map (private to the text module).
//
//   std::string norm; std::vector<PreparedText::OffsetRun> runs;
//   Normalize(original, /*fold_traditional=*/true, &norm, &runs);
//
// The view is NFKC, then traditional→simplified Chinese (ICU's "Hant-Hans" transliterator). NFKC
// also folds ideographic and no-break spaces to U+0020 and full-width forms to ASCII.
//
// Exactness: the text is cut into segments that start at characters with an NFKC boundary before
// them (Normalizer2::hasBoundaryBefore), which ICU guarantees can be normalised independently;
// each segment is normalised alone, so every changed segment maps to exactly the original bytes
// that produced it. Hant-Hans in ICU 72 is a context-free one-character-for-one table (checked at
// start-up: every source character transliterated alone); it is applied per code point from that
// table, which is also what makes it fast and thread-safe.
//
// Speed: runs of ASCII are copied as identity runs; BMP characters are looked up in a table built
// once (normalised form, boundary flag, script flags); only multi-character segments and
// supplementary characters call ICU.
#ifndef PRESSKG_TEXT_NORMALIZE_H
#define PRESSKG_TEXT_NORMALIZE_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "presskg/text.h"

namespace presskg::text {

void Normalize(std::string_view original, bool fold_traditional, std::string* normalized,
               std::vector<PreparedText::OffsetRun>* runs);

// Per-character facts used by language detection.
enum CharFlags : std::uint8_t {
  kHan = 1,            // Han script
  kTraditional = 2,    // changed by Hant→Hans
  kSimplifiedOnly = 4, // a Hant→Hans result that is not itself traditional
};
std::uint8_t HanFlags(char32_t c);

// Decodes the code point at s[i]; *len = bytes used. An ill-formed sequence yields kIllFormed
// with *len = the length of its maximal ill-formed subpart.
constexpr char32_t kIllFormed = 0x110000;
char32_t DecodeUtf8(std::string_view s, std::size_t i, std::size_t* len);

}  // namespace presskg::text

#endif  // PRESSKG_TEXT_NORMALIZE_H
