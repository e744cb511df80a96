// An event named again by its abbreviation: "第八届中国—南亚博览会 … 本届南博会于11月28日至12月2日
// 在昆明举行", "中国国际进口博览会 … 进博会". The short name's characters stand in the long name's in
// order (南·博·会 in 中国—南亚博览会); the merge of events (builder.cc) takes the dates and the
// place from the restatement.
#include "facts/builder.h"
#include "facts/text_util.h"

namespace presskg::facts {

bool IsAbbreviationOf(std::string_view short_key, std::string_view long_key) {
  // Chinese only: three to five characters, every one of them in order in the long name, which
  // is at least twice as long; the last characters (the head: 会, 节, 展) agree.
  if (short_key.empty() || static_cast<unsigned char>(short_key[0]) < 0x80) return false;
  const std::size_t n = CharCount(short_key), m = CharCount(long_key);
  if (n < 3 || n > 5 || m < 2 * n) return false;
  if (long_key.compare(long_key.size() - 3, 3, short_key.substr(short_key.size() - 3)) != 0) return false;
  std::size_t at = 0;
  for (std::size_t i = 0; i < short_key.size();) {
    std::size_t len = 1;
    while (i + len < short_key.size() && (static_cast<unsigned char>(short_key[i + len]) & 0xC0) == 0x80) ++len;
    const std::size_t found = long_key.find(short_key.substr(i, len), at);
    if (found == std::string_view::npos) return false;
    at = found + len;
    i += len;
  }
  return true;
}

}  // namespace presskg::facts
