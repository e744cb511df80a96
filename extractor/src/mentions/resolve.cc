// Overlap resolution: the one place that decides which of several overlapping candidates survives.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

std::vector<Candidate> ResolveOverlaps(const std::vector<Candidate>& cands) {
  // Sort small keys, not the candidates themselves (they are ~110 bytes each): the order (longer
  // first, then higher priority, then earlier) packed into one integer, so that most comparisons
  // are one; candidates with equal keys compare their sources. Every pair compares as it did with
  // the three fields compared one by one, so std::sort makes the same moves and the same order.
  struct Key {
    std::uint64_t order;  // (0xFFFF - len) << 48 | (0x7FFF - priority) << 32 | begin
    std::size_t begin, len;
    std::uint32_t idx;
  };
  // Per-thread scratch, cleared per call: no allocation for the keys, the taken bits and the
  // kept indices (four resolutions a release).
  thread_local std::vector<Key> keys;
  thread_local std::vector<std::uint64_t> taken;
  thread_local std::vector<std::uint64_t> kept;  // begin << 32 | index
  keys.clear();
  kept.clear();
  keys.reserve(cands.size());
  // `taken` covers [first, limit) only: later passes resolve a few candidates in a long text.
  std::size_t limit = 0, first = SIZE_MAX;
  bool packs = true;  // lengths, priorities and offsets fit the packed key (always, for releases)
  for (std::uint32_t i = 0; i < cands.size(); ++i) {
    const Candidate& c = cands[i];
    if (c.end <= c.begin) continue;
    const std::size_t len = c.end - c.begin;
    packs &= len <= 0xFFFF && c.priority >= -0x8000 && c.priority <= 0x7FFF && c.end <= 0xFFFFFFFFu;
    keys.push_back({(static_cast<std::uint64_t>(0xFFFF - (len & 0xFFFF)) << 48) |
                        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(0x7FFF - c.priority) & 0xFFFF) << 32) |
                        (c.begin & 0xFFFFFFFFu),
                    c.begin, len, i});
    limit = std::max(limit, c.end);
    first = std::min(first, c.begin);
  }
  if (keys.empty()) return {};
  if (packs) {
    std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
      if (x.order != y.order) return x.order < y.order;
      return cands[x.idx].source < cands[y.idx].source;  // identical spans: a fixed order keeps runs deterministic
    });
  } else {
    std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
      if (x.len != y.len) return x.len > y.len;
      if (cands[x.idx].priority != cands[y.idx].priority) return cands[x.idx].priority > cands[y.idx].priority;
      if (x.begin != y.begin) return x.begin < y.begin;
      return cands[x.idx].source < cands[y.idx].source;
    });
  }
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
    kept.push_back(static_cast<std::uint64_t>(k.begin - first) << 32 | k.idx);
  }
  // Kept candidates do not overlap and are not empty, so their begins differ: sorting the packed
  // (begin, index) integers gives the begin order without reading the candidates. Begins are
  // relative to `first`, which bounds them by the span resolved.
  if (limit - first <= 0xFFFFFFFFu) {
    std::sort(kept.begin(), kept.end());
  } else {
    std::sort(kept.begin(), kept.end(), [&](std::uint64_t a, std::uint64_t b) {
      return cands[static_cast<std::uint32_t>(a)].begin < cands[static_cast<std::uint32_t>(b)].begin;
    });
  }
  std::vector<Candidate> out;
  out.reserve(kept.size());
  for (std::uint64_t k : kept) out.push_back(cands[static_cast<std::uint32_t>(k)]);
  return out;
}

}  // namespace mentions
}  // namespace presskg
