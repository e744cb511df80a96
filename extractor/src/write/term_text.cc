#include "write/term_text.h"

namespace presskg {
namespace writeimpl {
namespace {

bool IsBlankLabelChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsLangTagChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

void SafeBlankLabel(std::string_view label, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  out->clear();
  for (unsigned char c : label) {
    if (IsBlankLabelChar(c)) {
      *out += static_cast<char>(c);
    } else {
      *out += '_';
      *out += kHex[c >> 4];
      *out += kHex[c & 15];
    }
  }
  if (out->empty()) *out = "_";
}

bool IsValidLangTag(std::string_view tag) {
  if (tag.empty() || tag.front() == '-' || tag.back() == '-') return false;
  bool first_part = true;
  char prev = 0;
  for (unsigned char c : tag) {
    if (!IsLangTagChar(c)) return false;
    if (c == '-') {
      if (prev == '-') return false;
      first_part = false;
    } else if (first_part && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
    prev = static_cast<char>(c);
  }
  return true;
}

}  // namespace writeimpl
}  // namespace presskg
