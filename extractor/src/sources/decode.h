// sources/decode.h — raw bytes → UTF-8 (private to the sources module).
//
//   DecodeOutcome d = DecodeBytes(raw, {.forced = "", .html = false});
//   if (!d.reject_reason.empty()) Reject(d.reject_reason);
//   else Use(d.text, d.encoding, d.invalid_sequences);
//
// Order of decisions: forced encoding; byte-order mark; valid UTF-8 (pure ASCII included, checked
// before any statistical guess because ucsdet may call short ASCII text ISO-8859-1); binary check
// (NUL bytes not explained by BOM-less UTF-16, or a high density of control bytes); an HTML
// <meta charset>; ICU's charset detector; UTF-8 with repairs when most multi-byte sequences are
// valid UTF-8.
#ifndef PRESSKG_SOURCES_DECODE_H
#define PRESSKG_SOURCES_DECODE_H

#include <cstddef>
#include <string>
#include <string_view>

namespace presskg::sources {

struct DecodeRequest {
  std::string forced;  // "" = detect; else an ICU converter name ("GB18030", "Big5", "UTF-16LE")
  bool html = false;   // look for <meta charset> before guessing
};

struct DecodeOutcome {
  std::string text;              // UTF-8, without BOM
  std::string encoding;          // canonical name: "UTF-8", "UTF-16LE", "GB18030", "Big5", ...
  std::size_t invalid_sequences = 0;  // replaced by U+FFFD
  std::string reject_reason;     // non-empty: the bytes cannot be decoded ("binary file", ...)
  std::string note;              // how the encoding was found when noteworthy ("UTF-16LE without BOM")
};

DecodeOutcome DecodeBytes(std::string_view raw, const DecodeRequest& request);

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
// Replaces each ill-formed UTF-8 subsequence by U+FFFD; returns the number replaced.
std::size_t RepairUtf8(std::string_view in, std::string* out);

}  // namespace presskg::sources

#endif  // PRESSKG_SOURCES_DECODE_H
