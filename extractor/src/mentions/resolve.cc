// Overlap resolution: the one place that decides which of several overlapping candidates survives.
#include <algorithm>
#include <map>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

std::vector<Candidate> ResolveOverlaps(std::vector<Candidate> cands) {
  std::vector<std::size_t> order(cands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Candidate& x = cands[a];
    const Candidate& y = cands[b];
    std::size_t lx = x.end - x.begin, ly = y.end - y.begin;
    if (lx != ly) return lx > ly;
    if (x.priority != y.priority) return x.priority > y.priority;
    return x.begin < y.begin;
  });
  std::map<std::size_t, std::size_t> taken;  // begin -> end of accepted spans
  std::vector<Candidate> out;
  for (std::size_t i : order) {
    Candidate& c = cands[i];
    if (c.end <= c.begin) continue;
    auto it = taken.lower_bound(c.begin);
    if (it != taken.end() && it->first < c.end) continue;        // an accepted span starts inside
    if (it != taken.begin() && std::prev(it)->second > c.begin) continue;  // one before reaches in
    taken.emplace(c.begin, c.end);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace mentions
}  // namespace presskg
