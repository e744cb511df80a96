#include "eval/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

namespace presskg::eval {
namespace {

// GOLD.md: "· • ‧ ・ ． . - ' ’ " “ ” 「 」 （ ） ( ) 《 》 〈 〉 : ： , ， 、"
bool IsIgnoredPunct(char32_t c) {
  switch (c) {
    case 0x00B7: case 0x2022: case 0x2027: case 0x30FB: case 0xFF0E: case '.': case '-':
    case '\'': case 0x2019: case '"': case 0x201C: case 0x201D: case 0x300C: case 0x300D:
    case 0xFF08: case 0xFF09: case '(': case ')': case 0x300A: case 0x300B: case 0x3008:
    case 0x3009: case ':': case 0xFF1A: case ',': case 0xFF0C: case 0x3001:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::u32string MatchKey(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  icu::UnicodeString n;
  if (U_SUCCESS(err)) {
    n = nfkc->normalize(s, err);
  }
  if (U_FAILURE(err)) n = s;  // ICU data missing: compare the raw text rather than nothing
  n.foldCase(U_FOLD_CASE_DEFAULT);
  std::u32string out;
  out.reserve(n.length());
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c) || IsIgnoredPunct(static_cast<char32_t>(c))) continue;
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

bool HasCjk(const std::u32string& key) {
  for (char32_t c : key) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &err);
    if (U_FAILURE(err)) continue;
    if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL ||
        sc == USCRIPT_BOPOMOFO) {
      return true;
    }
  }
  return false;
}

bool KeysMatch(const std::u32string& predicted, const std::u32string& gold) {
  if (predicted.empty() || gold.empty()) return false;
  if (predicted == gold) return true;
  const std::u32string& shorter = predicted.size() <= gold.size() ? predicted : gold;
  const std::u32string& longer = predicted.size() <= gold.size() ? gold : predicted;
  std::size_t minimum = HasCjk(shorter) ? 2 : 3;
  return shorter.size() >= minimum && longer.find(shorter) != std::u32string::npos;
}

bool NamesMatch(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  std::vector<std::u32string> gold_keys;
  gold_keys.reserve(gold.size());
  for (const std::string& g : gold) gold_keys.push_back(MatchKey(g));
  for (const std::string& p : predicted) {
    std::u32string pk = MatchKey(p);
    for (const std::u32string& gk : gold_keys) {
      if (KeysMatch(pk, gk)) return true;
    }
  }
  return false;
}

std::string ToUtf8(const std::u32string& key) {
  std::string out;
  for (char32_t c : key) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace presskg::eval
