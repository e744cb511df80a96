// Overlap resolution: the one place that decides which of several overlapping candidates survives.
#include "mentions/resolve.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {
namespace resolve_detail {

// The greedy selection (longest first, then priority, then earlier) decides a candidate only
// against kept candidates that overlap it, and those lie in its cluster: the maximal run of
// candidates, in begin order, whose spans chain into one another. So each cluster is resolved on
// its own, in the same order restricted to it, with the same result; and most candidates of a
// release overlap nothing (a cluster of one, kept as it is, without a sort).
struct Key {
  std::uint64_t order;  // (0xFFFF - len) << 48 | (0x7FFF - priority) << 32 | begin
  std::size_t begin, len;
  std::uint32_t idx;
};

// Per-thread scratch, cleared per call: no allocation per resolution (four a release).
struct Scratch {
  std::vector<std::uint64_t> by_begin;  // begin << 32 | index
  std::vector<std::uint64_t> merged;    // MergeRuns' other buffer
  std::vector<std::size_t> runs;        // where the ascending runs of by_begin start
  std::vector<Key> keys;
  std::vector<std::uint64_t> taken;
  std::vector<std::uint64_t> kept;  // begin - cluster start << 32 | index
};

// Bits [lo, hi) of one word, 0 <= lo < hi <= 64.
inline std::uint64_t RangeMask(std::size_t lo, std::size_t hi) {
  return (hi == 64 ? ~0ull : (1ull << hi) - 1) & ~((1ull << lo) - 1);
}

// The greedy pass over scratch.keys, in their order, whose spans lie in [lo_pos, end): a key is
// kept when no kept key claims a byte of its span (one bit per byte). Leaves the kept ones in
// scratch.kept as (begin - lo_pos) << 32 | index, in key order.
inline void KeepUnclaimed(std::size_t lo_pos, std::size_t end, Scratch& scratch) {
  std::vector<std::uint64_t>& taken = scratch.taken;
  taken.assign((end - lo_pos + 63) / 64, 0);
  std::vector<std::uint64_t>& kept = scratch.kept;
  kept.clear();
  for (const Key& key : scratch.keys) {
    const std::size_t lo = key.begin - lo_pos, hi = lo + key.len;  // key.len > 0
    const std::size_t wl = lo >> 6, wh = (hi - 1) >> 6;
    bool busy = false;
    for (std::size_t w = wl; w <= wh && !busy; ++w)
      busy = (taken[w] & RangeMask(w == wl ? lo & 63 : 0, w == wh ? ((hi - 1) & 63) + 1 : 64)) != 0;
    if (busy) continue;
    for (std::size_t w = wl; w <= wh; ++w) taken[w] |= RangeMask(w == wl ? lo & 63 : 0, w == wh ? ((hi - 1) & 63) + 1 : 64);
    kept.push_back(static_cast<std::uint64_t>(key.begin - lo_pos) << 32 | key.idx);
  }
}

// The selection over all candidates at once, with one sort of every key: what the resolution
// always did. Candidates that tie on span, priority and source are ordered by where std::sort's
// moves leave them, which only this sort reproduces; the clusters below hand such a text over
// to it (rare: two suffix organizations walked back to the same start, say).
template <class At>
void ResolveGlobal(const At& at, std::size_t n, Scratch& scratch, std::vector<Candidate>* out) {
  std::vector<Key>& keys = scratch.keys;
  keys.clear();
  std::size_t limit = 0, first = SIZE_MAX;
  bool packs = true;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Candidate& c = at(i);
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
  if (keys.empty()) return;
  if (packs) {
    std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
      if (x.order != y.order) return x.order < y.order;
      return at(x.idx).source < at(y.idx).source;
    });
  } else {
    std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
      if (x.len != y.len) return x.len > y.len;
      if (at(x.idx).priority != at(y.idx).priority) return at(x.idx).priority > at(y.idx).priority;
      if (x.begin != y.begin) return x.begin < y.begin;
      return at(x.idx).source < at(y.idx).source;
    });
  }
  std::vector<std::uint64_t>& kept = scratch.kept;
  KeepUnclaimed(first, limit, scratch);
  if (limit - first <= 0xFFFFFFFFu) {
    std::sort(kept.begin(), kept.end());
  } else {
    std::sort(kept.begin(), kept.end(), [&](std::uint64_t a, std::uint64_t b) {
      return at(static_cast<std::uint32_t>(a)).begin < at(static_cast<std::uint32_t>(b)).begin;
    });
  }
  for (std::uint64_t k : kept) out->push_back(at(static_cast<std::uint32_t>(k)));
}

}  // namespace resolve_detail

namespace resolve_detail {

// `at(i)`: the candidate of index i (over one array, or two as if concatenated).
Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Sorts v, made of ascending runs that start at runs[0] = 0, runs[1], ...: merged pairwise,
// each round one pass over v (a few runs a resolution: the passes are cheaper than a sort).
void MergeRuns(std::vector<std::uint64_t>& v, std::vector<std::size_t>& runs, std::vector<std::uint64_t>& tmp) {
  runs.push_back(v.size());  // a sentinel: run r is [runs[r], runs[r + 1])
  while (runs.size() > 2) {
    tmp.resize(v.size());
    std::size_t kept = 0;
    for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
      const std::size_t lo = runs[r], mid = runs[r + 1], hi = r + 2 < runs.size() ? runs[r + 2] : mid;
      std::merge(v.begin() + static_cast<std::ptrdiff_t>(lo), v.begin() + static_cast<std::ptrdiff_t>(mid),
                 v.begin() + static_cast<std::ptrdiff_t>(mid), v.begin() + static_cast<std::ptrdiff_t>(hi),
                 tmp.begin() + static_cast<std::ptrdiff_t>(lo));
      runs[kept++] = lo;
    }
    runs[kept++] = v.size();
    runs.resize(kept);
    v.swap(tmp);
  }
}

// The greedy selection over one cluster: `members` (begin << 32 | index, in begin order) span
// [lo_pos, end). Leaves the kept ones in scratch.kept as (begin - lo_pos) << 32 | index, in begin
// order. False when two members tie on span, priority and source: the caller then hands the
// whole text to ResolveGlobal, whose sort alone decides such ties as they always were.
template <class At>
bool SelectCluster(const At& at, const std::uint64_t* members, std::size_t count, std::size_t lo_pos, std::size_t end,
                   Scratch& scratch) {
  std::vector<Key>& keys = scratch.keys;
  keys.clear();
  for (std::size_t q = 0; q < count; ++q) {
    const std::uint32_t i = static_cast<std::uint32_t>(members[q]);
    const Candidate& c = at(i);
    const std::size_t len = c.end - c.begin;
    keys.push_back({(static_cast<std::uint64_t>(0xFFFF - (len & 0xFFFF)) << 48) |
                        (static_cast<std::uint64_t>(static_cast<std::uint32_t>(0x7FFF - c.priority) & 0xFFFF) << 32) |
                        (c.begin & 0xFFFFFFFFu),
                    c.begin, len, i});
  }
  // Candidates with identical spans and priorities compare their sources (a fixed order keeps
  // runs deterministic).
  std::sort(keys.begin(), keys.end(), [&](const Key& x, const Key& y) {
    if (x.order != y.order) return x.order < y.order;
    return at(x.idx).source < at(y.idx).source;
  });
  for (std::size_t q = 1; q < keys.size(); ++q)
    if (keys[q].order == keys[q - 1].order && at(keys[q].idx).source == at(keys[q - 1].idx).source) return false;
  KeepUnclaimed(lo_pos, end, scratch);
  std::vector<std::uint64_t>& kept = scratch.kept;
  // Kept candidates do not overlap and are not empty, so their begins differ: the packed
  // (begin, index) integers sort into begin order without reading the candidates.
  std::sort(kept.begin(), kept.end());
  return true;
}

template <class At>
void ResolveClusters(const At& at, std::size_t n, std::vector<Candidate>* out) {
  Scratch& scratch = ThreadScratch();
  std::vector<std::uint64_t>& by_begin = scratch.by_begin;
  by_begin.clear();
  by_begin.reserve(n);
  // Input order is mostly begin order already (the gazetteer pass, dates and patterns each emit
  // in text order), but several runs follow one another: they are merged.
  bool fits = n <= 0xFFFFFFFFu;  // begins and indices fit in 32 bits (always, for releases)
  bool packs = true;  // lengths and priorities fit Key::order (always, for releases)
  std::uint64_t prev = 0;
  std::vector<std::size_t>& runs = scratch.runs;
  runs.assign(1, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Candidate& c = at(i);
    if (c.end <= c.begin) continue;
    fits &= c.end <= 0xFFFFFFFFu;
    packs &= c.end - c.begin <= 0xFFFF && c.priority >= -0x8000 && c.priority <= 0x7FFF;
    const std::uint64_t v = static_cast<std::uint64_t>(c.begin) << 32 | i;
    if (v < prev) runs.push_back(by_begin.size());
    prev = v;
    by_begin.push_back(v);
  }
  if (!packs || !fits) {  // never for a release: the one-sort selection handles any size
    ResolveGlobal(at, n, scratch, out);
    return;
  }
  if (runs.size() > 1) MergeRuns(by_begin, runs, scratch.merged);
  auto index = [](std::uint64_t v) { return static_cast<std::uint32_t>(v); };
  const std::size_t out_start = out->size();
  out->reserve(out_start + by_begin.size());
  const std::size_t m = by_begin.size();
  for (std::size_t k = 0; k < m;) {
    const Candidate& first = at(index(by_begin[k]));
    std::size_t end = first.end;
    std::size_t j = k + 1;
    for (; j < m; ++j) {
      const Candidate& c = at(index(by_begin[j]));
      if (c.begin >= end) break;
      end = std::max(end, c.end);
    }
    if (j == k + 1) {  // overlaps nothing: kept
      out->push_back(first);
      k = j;
      continue;
    }
    // A cluster [k, j): the greedy selection over its candidates alone.
    if (!SelectCluster(at, by_begin.data() + k, j - k, first.begin, end, scratch)) {
      out->resize(out_start);
      ResolveGlobal(at, n, scratch, out);
      return;
    }
    const std::vector<std::uint64_t>& kept = scratch.kept;
    for (std::uint64_t v : kept) out->push_back(at(static_cast<std::uint32_t>(v)));
    k = j;
  }
}

}  // namespace resolve_detail

void ResolveOverlapsInto(const Candidate* a, std::size_t na, const Candidate* b, std::size_t nb,
                         std::vector<Candidate>* out) {
  // One array (most calls): indices without the test for the second.
  if (nb == 0) {
    resolve_detail::ResolveClusters([a](std::uint32_t i) -> const Candidate& { return a[i]; }, na, out);
  } else {
    resolve_detail::ResolveClusters(
        [a, na, b](std::uint32_t i) -> const Candidate& { return i < na ? a[i] : b[i - na]; }, na + nb, out);
  }
}

std::vector<Candidate> ResolveOverlaps(const std::vector<Candidate>& cands) {
  std::vector<Candidate> out;
  ResolveOverlapsInto(cands.data(), cands.size(), nullptr, 0, &out);
  return out;
}

}  // namespace mentions
}  // namespace presskg
