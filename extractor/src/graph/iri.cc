// IRI segments and keys: the only way text enters an IRI.
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <string>

#include "graph/text_util.h"
#include "presskg/graph.h"

namespace presskg {
namespace {

std::uint32_t DecodeUtf8(const std::string& s, std::size_t i, std::size_t len) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[i + k]); };
  switch (len) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    case 3: return ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    default: return ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
  }
}

// RFC 3987 ucschar, minus the bidirectional formatting characters (RFC 3987 §4.1: must not appear).
bool IsUcsChar(std::uint32_t c) {
  if ((c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
    return false;
  }
  if (c >= 0xA0 && c <= 0xD7FF) return true;
  if (c >= 0xF900 && c <= 0xFDCF) return true;
  if (c >= 0xFDF0 && c <= 0xFFEF) return true;
  if (c >= 0x10000 && c <= 0xEFFFD) return (c & 0xFFFF) <= 0xFFFD;
  return false;
}

bool IsUnreservedAscii(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void PercentEncode(const std::string& s, std::size_t i, std::size_t len, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  for (std::size_t k = 0; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    *out += '%';
    *out += kHex[c >> 4];
    *out += kHex[c & 15];
  }
}

}  // namespace

std::string EncodeIriSegment(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  // "." and ".." would be removed by IRI normalisation: encode dot-only segments entirely.
  const bool all_dots = !text.empty() && text.find_first_not_of('.') == std::string::npos;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (IsUnreservedAscii(c) && !(all_dots && c == '.')) {
        out += static_cast<char>(c);
      } else {
        PercentEncode(text, i, 1, &out);
      }
      ++i;
      continue;
    }
    const std::size_t len = graphutil::Utf8SequenceLength(text, i);
    if (len == 0) {  // an invalid byte: encoded as itself, so distinct inputs stay distinct
      PercentEncode(text, i, 1, &out);
      ++i;
    } else if (IsUcsChar(DecodeUtf8(text, i, len))) {
      out.append(text, i, len);
      i += len;
    } else {
      PercentEncode(text, i, len, &out);
      i += len;
    }
  }
  return out;
}

std::string NormalizeKey(const std::string& name) {
  const std::string repaired = graphutil::RepairUtf8(name);
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(ec);
  std::string folded;
  if (U_SUCCESS(ec)) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(repaired);
    icu::UnicodeString n = nfkc_cf->normalize(u, ec);
    if (U_SUCCESS(ec)) n.toUTF8String(folded);
  }
  if (U_FAILURE(ec)) folded = repaired;  // ICU data missing: keep the text rather than fail
  // NFKC already maps the Unicode spaces (U+3000, NBSP, ...) to U+0020; collapse runs.
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace presskg
