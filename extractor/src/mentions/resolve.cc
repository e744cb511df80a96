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
  // Per-thread scratch, cleared per call: no allocation for the keys, the taken bits and the
  // kept indices (four resolutions a release).
  thread_local std::vector<Key> keys;
  thread_local std::vector<std::uint64_t> taken;
  thread_local std::vector<std::uint32_t> kept;
  keys.clear();
  kept.clear();
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
  // One bit per byte of [first, limit): a release's bytes as bytes were 32 cache lines to clear
  // and read back for each resolution, which in the pipeline come from memory; as bits, 4.
  taken.assign((limit - first + 63) / 64, 0);
  auto range_mask = [](std::size_t lo, std::size_t hi) {  // bits [lo, hi) of one word, 0 <= lo < hi <= 64
    return (hi == 64 ? ~0ull : (1ull << hi) - 1) & ~((1ull << lo) - 1);
  };
  kept.reserve(keys.size());
  for (const Key& k : keys) {
    const std::size_t lo = k.begin - first, hi = lo + k.len;  // k.len > 0
    const std::size_t wl = lo >> 6, wh = (hi - 1) >> 6;
    bool busy = false;
    for (std::size_t w = wl; w <= wh && !busy; ++w)
      busy = (taken[w] & range_mask(w == wl ? lo & 63 : 0, w == wh ? ((hi - 1) & 63) + 1 : 64)) != 0;
    if (busy) continue;
    for (std::size_t w = wl; w <= wh; ++w) taken[w] |= range_mask(w == wl ? lo & 63 : 0, w == wh ? ((hi - 1) & 63) + 1 : 64);
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
