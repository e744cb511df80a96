// eval/normalize.h — the string comparison of ../shared/corpus/GOLD.md ("Matching").
//
//   std::u32string a = MatchKey("Hamadoun I. Touré");   // U"hamadounitouré"
//   NamesMatch({"ITU"}, {"International Telecommunication Union", "ITU"});  // true (alias equality)
//
// Keys are code-point strings so that lengths count characters, as GOLD.md's minimums do.
#ifndef PRESSKG_EVAL_NORMALIZE_H
#define PRESSKG_EVAL_NORMALIZE_H

#include <string>
#include <vector>

namespace presskg::eval {

// NFKC, then full case folding, then white space and the GOLD.md punctuation removed.
std::u32string MatchKey(const std::string& utf8);

// True when the key holds a CJK character (Han, kana, Hangul, bopomofo): such names need
// only 2 characters for containment matching, others 3.
bool HasCjk(const std::u32string& key);

// One predicted name against one gold name (keys already normalised): containment either way
// with the shorter at least 2 (CJK) / 3 characters, or equality.
bool KeysMatch(const std::u32string& predicted, const std::u32string& gold);

// Any predicted name matches any gold alias. Empty keys never match.
bool NamesMatch(const std::vector<std::string>& predicted, const std::vector<std::string>& gold);

std::string ToUtf8(const std::u32string& key);

}  // namespace presskg::eval

#endif  // PRESSKG_EVAL_NORMALIZE_H
