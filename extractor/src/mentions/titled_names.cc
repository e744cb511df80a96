// A title and one name word ("Governor Kim said", "said Premier Ford."): the word is a person's
// name when the release also names that person in full, so a word that follows a title once and
// nowhere else in a name ("FAO's Chief Economit said", a typo of the role) is no person.
#include "mentions/internal.h"

namespace presskg {
namespace mentions {

namespace titled_names {

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Letter(char c) { return (c >= 'a' && c <= 'z') || Upper(c) || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace titled_names

bool NamedInFullElsewhere(std::string_view s, std::size_t b, std::size_t e) {
  using namespace titled_names;
  const std::string_view word = s.substr(b, e - b);
  for (std::size_t q = s.find(word); q != std::string_view::npos; q = s.find(word, q + 1)) {
    if (q == b) continue;
    const std::size_t qe = q + word.size();
    if ((q > 0 && Letter(s[q - 1])) || (qe < s.size() && Letter(s[qe]))) continue;  // inside a longer word
    // "Doug Ford", "Gilbert F. Houngbo": a capitalised word (or an initial) just before it
    if (q >= 3 && s[q - 1] == ' ') {
      std::size_t k = q - 1;
      while (k > 0 && (Letter(s[k - 1]) || s[k - 1] == '.' || s[k - 1] == '-')) --k;
      if (k < q - 1 && Upper(s[k])) return true;
    }
    // "Kim Dong-yeon": family name first, a capitalised word just after it
    if (qe + 1 < s.size() && s[qe] == ' ' && Upper(s[qe + 1])) return true;
  }
  return false;
}

}  // namespace mentions
}  // namespace presskg
