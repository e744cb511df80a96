#include "graph/text_util.h"

#include <cstdint>
#include <cstring>

namespace presskg {
namespace graphutil {

std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t c = b(i);
  if (c < 0x80) return 1;
  std::size_t len;
  std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;       // overlong
    if (c == 0xED) hi = 0x9F;       // UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;       // overlong
    if (c == 0xF4) hi = 0x8F;       // above U+10FFFF
  } else {
    return 0;
  }
  if (i + len > n) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  // Skip ASCII eight bytes at a time (most literals and IRIs are mostly ASCII).
  while (i + 8 <= s.size()) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ull) break;
    i += 8;
  }
  for (; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
    const std::size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string RepairUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = Utf8SequenceLength(s, i);
    if (len) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
      // Skip the continuation bytes of the broken sequence, so one bad character gives one U+FFFD.
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return out;
}

std::size_t CodePointOffset(std::string_view s, std::size_t byte_offset) {
  if (byte_offset > s.size()) byte_offset = s.size();
  std::size_t cps = 0;
  for (std::size_t i = 0; i < byte_offset;) {
    const std::size_t len = Utf8SequenceLength(s, i);
    i += len ? len : 1;
    ++cps;
  }
  return cps;
}

namespace {

// IRIREF excludes controls, space and <>"{}|^`\ (one table lookup per ASCII byte: writers call
// this for every IRI they write).
struct IriTable {
  bool excluded[128];
  IriTable() : excluded() {
    for (int c = 0; c <= 0x20; ++c) excluded[c] = true;
    excluded[0x7F] = true;
    for (char c : std::string_view("<>\"{}|^`\\")) excluded[static_cast<unsigned char>(c)] = true;
  }
};
const IriTable kIri;

bool IriExcluded(unsigned char c) { return c < 0x80 && kIri.excluded[c]; }

}  // namespace

bool IsSafeIri(std::string_view iri) {
  const std::size_t n = iri.size();
  const auto* p = reinterpret_cast<const unsigned char*>(iri.data());
  std::size_t i = 0;
  // ASCII runs eight bytes at a time: one table lookup per byte, no branch per byte.
  while (i + 8 <= n) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) break;
    if (kIri.excluded[p[i]] | kIri.excluded[p[i + 1]] | kIri.excluded[p[i + 2]] | kIri.excluded[p[i + 3]] |
        kIri.excluded[p[i + 4]] | kIri.excluded[p[i + 5]] | kIri.excluded[p[i + 6]] | kIri.excluded[p[i + 7]]) {
      return false;
    }
    i += 8;
  }
  for (; i < n;) {
    const auto c = static_cast<unsigned char>(iri[i]);
    if (c < 0x80) {
      if (kIri.excluded[c]) return false;
      ++i;
    } else {
      const std::size_t len = Utf8SequenceLength(iri, i);
      if (len == 0) return false;
      i += len;
    }
  }
  return true;
}

std::string MakeSafeIri(std::string_view iri) {
  if (IsSafeIri(iri)) return std::string(iri);
  static const char kHex[] = "0123456789ABCDEF";
  const std::string repaired = RepairUtf8(iri);
  std::string out;
  out.reserve(repaired.size() + 16);
  for (unsigned char c : repaired) {
    if (IriExcluded(c)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace graphutil
}  // namespace presskg
