// Overlap resolution: the one place that decides which of several overlapping candidates survives.
#include <algorithm>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

std::vector<Candidate> ResolveOverlaps(std::vector<Candidate> cands) {
  std::sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) {
    std::size_t lx = x.end - x.begin, ly = y.end - y.begin;
    if (lx != ly) return lx > ly;
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.begin != y.begin) return x.begin < y.begin;
    return x.source < y.source;  // identical spans: a fixed order keeps runs deterministic
  });
  std::size_t limit = 0;
  for (const Candidate& c : cands) limit = std::max(limit, c.end);
  std::vector<bool> taken(limit, false);
  std::vector<Candidate> out;
  out.reserve(cands.size());
  for (const Candidate& c : cands) {
    if (c.end <= c.begin) continue;
    bool free = true;
    for (std::size_t i = c.begin; i < c.end && free; ++i) free = !taken[i];
    if (!free) continue;
    for (std::size_t i = c.begin; i < c.end; ++i) taken[i] = true;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace mentions
}  // namespace presskg
