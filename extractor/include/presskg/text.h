// presskg/text.h — the text model: original text, a normalised view for matching, and an exact
// map between them; language, paragraphs, sentences, quotation blocks and release structure.
//
//   Result<PreparedText> t = PrepareText(doc);
//   for (const Sentence& s : t->sentences()) {
//     std::string_view view = t->NormalizedView(s);   // NFKC + Hant→Hans: what rules match on
//     Span orig = t->ToOriginal(s.norm_begin, s.norm_end);  // original bytes, for evidence
//   }
//
// Offsets: `norm_*` are UTF-8 byte offsets into normalized(); Span values are UTF-8 byte offsets
// into the original Document::text. The map is exact: the original bytes of any normalized range
// cut at a run boundary normalise to exactly that range (tested against ICU on random text).
//
// The view: NFKC (full-width letters, digits and punctuation folded to ASCII; ideographic and
// no-break spaces to U+0020), then traditional → simplified Chinese; every line end is LF, and in
// a hard-wrapped document the line ends that only wrap a paragraph are joined (a space, or nothing
// between CJK characters); a space between a CJK ideograph and a digit is dropped ("第 35 届" reads
// "第35届"). Sentences come from ICU's
// BreakIterator for the document's language; in Chinese a quotation “…” is never cut. See
// docs/sources-and-text.md for the dateline forms and boilerplate headings recognised.
#ifndef PRESSKG_TEXT_H
#define PRESSKG_TEXT_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "presskg/document.h"
#include "presskg/status.h"

namespace presskg {

// Language: TextOptions::lang, else Document::lang, else detected ("" and "auto" mean detect;
// "zh" is refined to zh-Hans or zh-Hant from the text). Thread-safe: PrepareText may run on many
// threads at once.
struct TextOptions {
  std::string lang;            // force a language ("zh-Hans", "zh-Hant", "en"); "" = detect
  bool fold_traditional = true;  // map traditional characters to simplified in the normalised view
};

struct Sentence {
  std::size_t norm_begin = 0, norm_end = 0;  // in normalized()
  Span span;                                 // in the original text
  int paragraph = 0;                         // index into paragraphs()
  bool boilerplate = false;  // inside the "about the organization" or media-contact block
};

struct Paragraph {
  std::size_t norm_begin = 0, norm_end = 0;
  Span span;
};

// A quotation “…” / "…" / 「…」, possibly spanning sentence breaks.
struct QuoteBlock {
  std::size_t norm_begin = 0, norm_end = 0;  // including the quotation marks
  Span span;
  int paragraph = 0;
};

// The release's dateline, e.g. "Geneva, 16 May 2013 –" or "2013年5月16日，日内瓦 –".
struct DatelineSpan {
  bool found = false;
  std::size_t norm_begin = 0, norm_end = 0;       // the whole dateline
  std::size_t date_begin = 0, date_end = 0;       // the date part (normalized offsets)
  std::size_t place_begin = 0, place_end = 0;     // the place part (normalized offsets; may be empty)
};

class PreparedText {
 public:
  // One piece of the offset map: normalized [norm, next.norm) came from original [orig, next.orig).
  // An identity run maps byte for byte; a changed run (a folded character, a composed sequence)
  // maps only as a whole.
  struct OffsetRun {
    std::size_t norm = 0, orig = 0;
    bool identity = true;
  };

  const std::string& original() const { return original_; }
  const std::string& normalized() const { return normalized_; }
  const std::string& language() const { return language_; }  // "zh-Hans", "zh-Hant", "en", or another tag / "und"
  const std::vector<Paragraph>& paragraphs() const { return paragraphs_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  const std::vector<QuoteBlock>& quotes() const { return quotes_; }
  const DatelineSpan& dateline() const { return dateline_; }

  std::string_view NormalizedView(std::size_t norm_begin, std::size_t norm_end) const {
    return std::string_view(normalized_).substr(norm_begin, norm_end - norm_begin);
  }
  std::string_view NormalizedView(const Sentence& s) const { return NormalizedView(s.norm_begin, s.norm_end); }
  // Maps a normalized byte range to the smallest original byte range that produced it.
  Span ToOriginal(std::size_t norm_begin, std::size_t norm_end) const;
  // The original text for a normalized range (names "as the release wrote them"). In a
  // hard-wrapped document a line end that only wraps the paragraph reads as in the view: a space,
  // or nothing between two CJK characters (a name or quotation is not cut by the layout).
  std::string OriginalText(std::size_t norm_begin, std::size_t norm_end) const;
  // The normalized offset where the original byte `orig` ends up (the start of its run when it
  // falls inside a changed run).
  std::size_t ToNormalized(std::size_t orig) const;
  // The offset map (sorted; the last run is the sentinel {normalized().size(), original().size()}).
  const std::vector<OffsetRun>& offset_runs() const { return runs_; }

 private:
  friend Result<PreparedText> PrepareText(const Document& doc, const TextOptions& options);
  std::string original_, normalized_, language_;
  std::vector<OffsetRun> runs_;
  // run_index_[k]: the run holding normalized byte k << kRunIndexShift (ToOriginal looks among the
  // few runs of one block instead of searching them all); empty when not built.
  static constexpr int kRunIndexShift = 5;
  std::vector<std::uint32_t> run_index_;
  struct WrapJoint {
    std::size_t orig = 0, len = 0;  // the wrapping line end in the original
    bool space = false;             // read as a space (else as nothing)
  };
  std::vector<WrapJoint> wraps_;  // sorted; empty unless the document is hard-wrapped
  std::vector<Paragraph> paragraphs_;
  std::vector<Sentence> sentences_;
  std::vector<QuoteBlock> quotes_;
  DatelineSpan dateline_;
};

Result<PreparedText> PrepareText(const Document& doc, const TextOptions& options = {});

// The year ("2019") of the first full date — year, month and day — that `text` states, as a view
// into `text`, or "" when it states none. The forms, in ASCII white space (tab, LF, FF, CR,
// space) as the regular expression
//   ((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日
//   | \b\d{1,2}(?:st|nd|rd|th)?\s+MONTH,?\s+((?:19|20)\d\d)\b
//   | \bMONTH\s+\d{1,2}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b
// (MONTH: an English month name in full, capitalised; \b an ASCII word boundary) finds them,
// leftmost first. Used on a normalised view (full-width digits are ASCII there); a bare year
// ("2034年世界杯") is not a date.
std::string_view FirstFullDateYear(std::string_view text);

}  // namespace presskg

#endif  // PRESSKG_TEXT_H
