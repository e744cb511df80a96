#include "presskg/text.h"

#include <algorithm>
#include <cstdint>

#include "text/internal.h"
#include "text/normalize.h"

namespace presskg {

namespace {

using Run = PreparedText::OffsetRun;

// The run holding normalized byte `pos` < normalized().size(): the last run starting at or before
// it (runs that produced no normalized bytes are passed over). With the index, among the runs of
// pos's block: from the run at its start up to the run at the next block's start.
inline __attribute__((always_inline)) std::size_t RunAt(const std::vector<Run>& runs, const std::vector<std::uint32_t>& index,
                                                     int shift, std::size_t pos) {
  std::size_t lo = 0, hi = runs.size();
  if (!index.empty()) {
    const std::size_t k = pos >> shift;
    lo = index[k];
    hi = std::size_t{index[k + 1]} + 1;
    for (int steps = 0; steps < 4; ++steps) {  // a block rarely holds more than a run or two
      if (lo + 1 >= hi || runs[lo + 1].norm > pos) return lo;
      ++lo;
    }
  }
  auto it = std::upper_bound(runs.begin() + static_cast<std::ptrdiff_t>(lo), runs.begin() + static_cast<std::ptrdiff_t>(hi),
                             pos, [](std::size_t p, const Run& r) { return p < r.norm; });
  return static_cast<std::size_t>(it - runs.begin()) - 1;
}

}  // namespace

Span PreparedText::ToOriginal(std::size_t norm_begin, std::size_t norm_end) const {
  const std::size_t n = normalized_.size();
  norm_begin = std::min(norm_begin, n);
  norm_end = std::min(std::max(norm_end, norm_begin), n);
  if (runs_.empty()) return {};
  std::size_t b;
  if (norm_begin >= n) {
    b = original_.size();
  } else {
    const Run& r = runs_[RunAt(runs_, run_index_, kRunIndexShift, norm_begin)];
    b = r.identity ? r.orig + (norm_begin - r.norm) : r.orig;
  }
  if (norm_end == norm_begin) return {b, b};
  const std::size_t i = RunAt(runs_, run_index_, kRunIndexShift, norm_end - 1);
  const Run& r = runs_[i];
  const std::size_t e = r.identity ? r.orig + (norm_end - r.norm) : runs_[i + 1].orig;
  return {b, std::max(b, e)};
}

std::string PreparedText::OriginalText(std::size_t norm_begin, std::size_t norm_end) const {
  Span s = ToOriginal(norm_begin, norm_end);
  if (wraps_.empty()) return original_.substr(s.begin, s.end - s.begin);
  auto it = std::lower_bound(wraps_.begin(), wraps_.end(), s.begin,
                             [](const WrapJoint& w, std::size_t pos) { return w.orig < pos; });
  if (it == wraps_.end() || it->orig + it->len > s.end) return original_.substr(s.begin, s.end - s.begin);
  std::string out;
  std::size_t at = s.begin;
  for (; it != wraps_.end() && it->orig + it->len <= s.end; ++it) {
    out.append(original_, at, it->orig - at);
    if (it->space) out += ' ';
    at = it->orig + it->len;
  }
  out.append(original_, at, s.end - at);
  return out;
}

std::size_t PreparedText::ToNormalized(std::size_t orig) const {
  if (runs_.empty()) return 0;
  if (orig >= original_.size()) return normalized_.size();
  auto it = std::upper_bound(runs_.begin(), runs_.end(), orig, [](std::size_t p, const Run& r) { return p < r.orig; });
  const Run& r = *(it - 1);
  return r.identity ? r.norm + (orig - r.orig) : r.norm;
}

Result<PreparedText> PrepareText(const Document& doc, const TextOptions& options) {
  PreparedText t;
  t.original_ = doc.text;
  text::ScriptCounts counts;
  thread_local std::vector<text::WrapBreak> wraps;
  text::FindWrapBreaks(t.original_, &wraps);
  // The runs grow in a per-thread buffer and are copied once at their final size (growing the
  // document's own vector cost a reallocation and copy at every doubling).
  thread_local std::vector<Run> runs;
  text::Normalize(t.original_, options.fold_traditional, &t.normalized_, &runs, &counts, &wraps);
  t.runs_.assign(runs.begin(), runs.end());
  text::ReleaseIfLarge(&runs);
  if (t.runs_.size() < UINT32_MAX) {
    // The run at each block start, run by run: run r holds the blocks starting before the next
    // run's start (and not held by an earlier run); the blocks past the last start, the last run.
    const std::size_t blocks = (t.normalized_.size() >> PreparedText::kRunIndexShift) + 2;
    t.run_index_.resize(blocks);
    std::uint32_t* index = t.run_index_.data();
    std::size_t k = 0;
    for (std::size_t r = 0; r + 1 < t.runs_.size(); ++r) {
      const std::size_t end = std::min(
          blocks, (t.runs_[r + 1].norm + (std::size_t{1} << PreparedText::kRunIndexShift) - 1) >> PreparedText::kRunIndexShift);
      if (end > k) {
        std::fill(index + k, index + end, static_cast<std::uint32_t>(r));
        k = end;
      }
    }
    std::fill(index + k, index + blocks, static_cast<std::uint32_t>(t.runs_.size() - 1));
  }
  for (const text::WrapBreak& w : wraps) t.wraps_.push_back({w.pos, w.len, !w.joint.empty()});
  t.language_ = text::ResolveLanguage(options.lang, doc.lang, t.original_, counts);
  const std::string& norm = t.normalized_;

  // Per-thread buffers, reused from document to document.
  thread_local std::vector<text::Range> paragraphs, quotes, sentences;
  thread_local std::vector<std::size_t> breaks;
  text::FindParagraphs(norm, &paragraphs);
  text::SentenceBreaks(norm, t.language_, &breaks);
  bool keep_quotes_whole = t.language_.rfind("zh", 0) == 0 || t.language_ == "ja";
  std::size_t boilerplate = text::FindBoilerplateStart(norm, paragraphs);

  const auto to_original = [&t](std::size_t b, std::size_t e) { return t.ToOriginal(b, e); };
  t.paragraphs_.reserve(paragraphs.size());
  t.sentences_.reserve(breaks.size());
  for (std::size_t k = 0; k < paragraphs.size(); ++k) {
    const text::Range& p = paragraphs[k];
    int index = static_cast<int>(k);
    t.paragraphs_.push_back({p.begin, p.end, to_original(p.begin, p.end)});
    text::FindQuotes(norm, p, &quotes);
    for (const text::Range& q : quotes) t.quotes_.push_back({q.begin, q.end, to_original(q.begin, q.end), index});
    text::FindSentences(norm, p, breaks, keep_quotes_whole, quotes, &sentences);
    for (const text::Range& s : sentences)
      t.sentences_.push_back({s.begin, s.end, to_original(s.begin, s.end), index, k >= boilerplate});
  }
  t.dateline_ = text::FindDateline(norm, paragraphs);
  for (auto* v : {&paragraphs, &quotes, &sentences}) text::ReleaseIfLarge(v);
  text::ReleaseIfLarge(&breaks);
  return t;
}

}  // namespace presskg
