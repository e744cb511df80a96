// Overlap resolution: the one place that decides which of several overlapping candidates survives.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

std::vector<Candidate> ResolveOverlaps(std::vector<Candidate> cands) {
  // Sort small keys, not the candidates themselves (they are ~120 bytes each).
  struct Key {
    std::size_t len, begin;
    int priority;
    std::uint32_t idx;
  };
  std::vector<Key> keys;
  keys.reserve(cands.size());
  // `taken` covers [first, limit) only: later passes resolve a few candidates in a long text.
  std::size_t limit = 0, first = SIZE_MAX;
  for (std::uint32_t i = 0; i < cands.size(); ++i) {
    const Candidate& c = cands[i];
    if (c.end <= c.begin) continue;
    keys.push_back({c.end - c.begin, c.begin, c.priority, i});
    limit = std::max(limit, c.end);
    first = std::min(first, c.begin);
  }
  if (keys.empty()) return {};
  std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
    if (x.len != y.len) return x.len > y.len;
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.begin != y.begin) return x.begin < y.begin;
    return cands[x.idx].source < cands[y.idx].source;  // identical spans: a fixed order keeps runs deterministic
  });
  std::vector<char> taken(limit - first, 0);  // memchr/memset over bytes beat bit twiddling here
  std::vector<std::uint32_t> kept;
  kept.reserve(keys.size());
  for (const Key& k : keys) {
    if (std::memchr(taken.data() + (k.begin - first), 1, k.len) != nullptr) continue;
    std::memset(taken.data() + (k.begin - first), 1, k.len);
    kept.push_back(k.idx);
  }
  std::sort(kept.begin(), kept.end(), [&](std::uint32_t a, std::uint32_t b) { return cands[a].begin < cands[b].begin; });
  std::vector<Candidate> out;
  out.reserve(kept.size());
  for (std::uint32_t i : kept) out.push_back(cands[i]);
  return out;
}

}  // namespace mentions
}  // namespace presskg
