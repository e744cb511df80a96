#include "presskg/text.h"

#include <algorithm>

#include "text/internal.h"
#include "text/normalize.h"

namespace presskg {

namespace {

using Run = PreparedText::OffsetRun;

// The run holding normalized byte `pos` (runs that produced no normalized bytes are skipped).
std::size_t RunAt(const std::vector<Run>& runs, std::size_t pos) {
  auto it = std::upper_bound(runs.begin(), runs.end(), pos, [](std::size_t p, const Run& r) { return p < r.norm; });
  return static_cast<std::size_t>(it - runs.begin()) - 1;
}

}  // namespace

Span PreparedText::ToOriginal(std::size_t norm_begin, std::size_t norm_end) const {
  std::size_t n = normalized_.size();
  norm_begin = std::min(norm_begin, n);
  norm_end = std::min(std::max(norm_end, norm_begin), n);
  if (runs_.empty()) return {};
  auto begin_of = [&](std::size_t pos) -> std::size_t {
    if (pos >= n) return original_.size();
    const Run& r = runs_[RunAt(runs_, pos)];
    return r.identity ? r.orig + (pos - r.norm) : r.orig;
  };
  std::size_t b = begin_of(norm_begin);
  if (norm_end == norm_begin) return {b, b};
  std::size_t i = RunAt(runs_, norm_end - 1);
  const Run& r = runs_[i];
  std::size_t e = r.identity ? r.orig + (norm_end - r.norm) : runs_[i + 1].orig;
  return {b, std::max(b, e)};
}

std::string PreparedText::OriginalText(std::size_t norm_begin, std::size_t norm_end) const {
  Span s = ToOriginal(norm_begin, norm_end);
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
  text::Normalize(t.original_, options.fold_traditional, &t.normalized_, &t.runs_, &counts, &wraps);
  t.wraps_.reserve(wraps.size());
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

  // ToOriginal for ascending ranges: the runs are found by walking on from the last one rather
  // than by a binary search each time (the same run: the last with norm <= pos).
  std::size_t hint = 0;
  const std::vector<Run>& runs = t.runs_;
  const std::size_t norm_size = t.normalized_.size();
  const auto run_at = [&](std::size_t pos) {
    if (hint >= runs.size() || runs[hint].norm > pos) return hint = RunAt(runs, pos);
    for (int steps = 0; hint + 1 < runs.size() && runs[hint + 1].norm <= pos; ++steps) {
      if (steps == 16) return hint = RunAt(runs, pos);
      ++hint;
    }
    return hint;
  };
  const auto to_original = [&](std::size_t norm_begin, std::size_t norm_end) -> Span {
    // As PreparedText::ToOriginal, with run_at.
    norm_begin = std::min(norm_begin, norm_size);
    norm_end = std::min(std::max(norm_end, norm_begin), norm_size);
    if (runs.empty()) return {};
    std::size_t b;
    if (norm_begin >= norm_size) {
      b = t.original_.size();
    } else {
      const Run& r = runs[run_at(norm_begin)];
      b = r.identity ? r.orig + (norm_begin - r.norm) : r.orig;
    }
    if (norm_end == norm_begin) return {b, b};
    const std::size_t i = run_at(norm_end - 1);
    const Run& r = runs[i];
    const std::size_t e = r.identity ? r.orig + (norm_end - r.norm) : runs[i + 1].orig;
    return {b, std::max(b, e)};
  };
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
