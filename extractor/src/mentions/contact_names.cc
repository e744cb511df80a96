// A name on a line of its own above a line that opens with a role: the contact block of a release
// ("Media contact:⏎Marisa Hong⏎Communications Manager, …", "Jordan Ellis⏎Communications Director").
// Such a name has no other cue (no speech verb, no comma before the role), and when its first
// word is also a country or a city ("Jordan", "Georgia", "Paris") that mention took it.
#include <algorithm>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

namespace contact_names {

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Lower(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80 || c == '\'' || c == '-'; }

// The line [b, e) is two or three capitalised words ("Marisa Hong", "Ana María Ruiz").
bool NameLine(std::string_view s, std::size_t b, std::size_t e) {
  int words = 0;
  std::size_t i = b;
  while (i < e) {
    if (!Upper(s[i])) return false;
    std::size_t j = i + 1;
    while (j < e && Lower(s[j])) ++j;
    if (j - i < 2) return false;
    ++words;
    if (j == e) break;
    if (s[j] != ' ') return false;
    i = j + 1;
  }
  return words >= 2 && words <= 3;
}

}  // namespace contact_names

void ContactNameLines(std::string_view s, std::vector<Candidate>* ms) {
  using namespace contact_names;
  std::vector<Candidate>& r = *ms;
  for (std::size_t k = 0; k < r.size(); ++k) {
    if (r[k].type != MentionType::kRole) continue;
    const std::size_t rb = r[k].begin;
    // Only the 41 bytes before the role are searched for the line end (roles in running text are
    // far from one: an unbounded search walked back over whole paragraphs).
    const std::size_t lo = rb > 41 ? rb - 41 : 0;
    const std::size_t rel = s.substr(lo, rb - lo).rfind('\n');
    if (rel == std::string_view::npos) continue;
    const std::size_t nl = lo + rel;
    if (nl == 0) continue;
    // The role opens its line, after at most a few words of its own ("Communications Director").
    if (s.substr(nl + 1, rb - nl - 1).find(',') != std::string_view::npos) continue;
    const std::size_t ple = nl;
    // A name line is short: its start is within 64 bytes.
    const std::size_t plo = ple > 64 ? ple - 64 : 0;
    const std::size_t prel = s.substr(plo, ple - plo).rfind('\n');
    if (prel == std::string_view::npos && plo > 0) continue;
    const std::size_t pls = prel == std::string_view::npos ? 0 : plo + prel + 1;
    if (ple - pls < 5 || !NameLine(s, pls, ple)) continue;
    // What the finder made of that line: nothing, or one country or place at its start.
    auto first = std::lower_bound(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(k), pls,
                                  [](const Candidate& c, std::size_t v) { return c.end <= v; });
    std::size_t in_line = 0;
    for (auto it = first; it != r.begin() + static_cast<std::ptrdiff_t>(k) && it->begin < ple; ++it) ++in_line;
    Candidate p;
    p.type = MentionType::kPerson;
    p.begin = pls;
    p.end = ple;
    p.priority = 44;  // the cascade's people (kPrioPerson)
    p.source = "person:en-contact-line";
    if (in_line == 0) {
      r.insert(first, p);
      ++k;  // the role moved one on
    } else if (in_line == 1 && first->begin == pls && first->end < ple &&
               (first->type == MentionType::kCountry || first->type == MentionType::kPlace)) {
      *first = p;
    } else {
      continue;
    }
    // "Communications Manager, Hanwha Qcells": with the person on the line above, the capitalised
    // words after the role's comma that end the line are the organization, not a second person.
    if (k + 1 < r.size() && r[k + 1].type == MentionType::kPerson && s.compare(r[k].end, 2, ", ") == 0 &&
        r[k + 1].begin == r[k].end + 2 && (r[k + 1].end == s.size() || s[r[k + 1].end] == '\n')) {
      r[k + 1].type = MentionType::kOrg;
      r[k + 1].source = "org:en-contact-line";
    }
  }
}

}  // namespace mentions
}  // namespace presskg
