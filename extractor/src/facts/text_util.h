// facts/text_util.h — small string helpers for fact assembly (UTF-8).
#ifndef PRESSKG_FACTS_TEXT_UTIL_H
#define PRESSKG_FACTS_TEXT_UTIL_H

#include <cstddef>
#include <string>
#include <string_view>

namespace presskg::facts {

// Comparison key in the spirit of GOLD.md: ASCII case folded, white space and the punctuation
// · • ‧ ・ ． . - ' ’ " “ ” 「 」 （ ） ( ) 《 》 〈 〉 : ： , ， 、 removed.
std::string NormKey(std::string_view s);
// NormKey(s), or its first `limit` bytes, appended to *out (the key is made only that far).
void AppendNormKey(std::string_view s, std::string* out, std::size_t limit = std::string::npos);
std::size_t CharCount(std::string_view s);  // code points
// CharCount(s) >= n, reading only as far as the n-th code point (a quotation is long; the tests
// ask for a few characters).
bool CharsAtLeast(std::string_view s, std::size_t n);
bool HasCjk(std::string_view s);
std::string Trim(std::string_view s);       // white space (ASCII, U+3000, NBSP) at both ends
std::string_view TrimView(std::string_view s);  // the same, as a view into s
// Trims white space and quotation marks (“ ” " 「 」 『 』 ‘ ’ ' 《 》) at both ends, and a trailing comma.
std::string StripQuoteMarks(std::string_view s);
// Drops a leading "The " / "the " (event names are compared without it).
std::string StripLeadingArticle(std::string_view s);
// The first `chars` code points of s, with "…" when cut.
std::string Prefix(std::string_view s, std::size_t chars);

}  // namespace presskg::facts

#endif  // PRESSKG_FACTS_TEXT_UTIL_H
