// text/internal.h — the steps of PrepareText (private to the text module).
#ifndef PRESSKG_TEXT_INTERNAL_H
#define PRESSKG_TEXT_INTERNAL_H

#include <string>
#include <string_view>
#include <vector>

#include "presskg/text.h"

namespace presskg::text {

// Language of a text by script and content: "zh-Hans", "zh-Hant", "ja", "ko", "en", "fr", "es",
// "ru", "ar", else "und-<Script>" (e.g. "und-Latn") or "und" when there are no letters.
// `original` (before Hant→Hans folding) decides between zh-Hans and zh-Hant.
std::string DetectLanguage(std::string_view original);
// The same a character at a time (the reference the block path of DetectLanguage is tested against).
std::string DetectLanguageScalar(std::string_view original);

// The language PrepareText uses: forced (options), else the document's, else detected; "auto"
// means detect and a bare "zh" is refined from the text.
// `counts` (from Normalize) settle Chinese, Japanese and Korean texts without another pass.
struct ScriptCounts;
std::string ResolveLanguage(const std::string& forced, const std::string& declared, std::string_view original,
                            const ScriptCounts& counts);

// Normalized [begin, end) ranges of paragraphs: lines, or runs of lines when a line is hard-wrapped
// (it ends without closing punctuation and the next starts with a lower-case letter). `norm` is a
// normalized view: its lines end with LF alone.
struct Range {
  std::size_t begin = 0, end = 0;
};
// The outputs below are cleared and filled (callers reuse them across documents: no allocation
// per paragraph or document once they have grown).
void FindParagraphs(std::string_view norm, std::vector<Range>* out);

// Quotations inside one paragraph, as normalized ranges including the marks.
void FindQuotes(std::string_view norm, Range paragraph, std::vector<Range>* out);

// ICU sentence break positions over the whole normalized text (one BreakIterator per thread and
// language; "@ss=standard" so "Mr." or "Dr." do not end a sentence): 0, each break, norm.size().
// For zh, ja and en, lines without Extend or Format are broken by a table-driven loop of the
// UAX #29 rules with ICU's property data, its breaks filtered by ICU's own "@ss=standard"
// exception filter; lines with Extend or Format, and other languages, go through ICU's iterator.
void SentenceBreaks(std::string_view norm, const std::string& language, std::vector<std::size_t>* out);
// The same through ICU's iterator alone (the reference the fast path is tested against).
void IcuSentenceBreaks(std::string_view norm, const std::string& language, std::vector<std::size_t>* out);

// Sentence ranges of one paragraph (trimmed, non-empty) from the document's `breaks`. Breaks
// after a hard-wrapped line are dropped; for Chinese, so are breaks inside “…” and 「…」, so a
// quoted passage stays in one sentence.
void FindSentences(std::string_view norm, Range paragraph, const std::vector<std::size_t>& breaks,
                   bool keep_quotes_whole, const std::vector<Range>& quotes, std::vector<Range>* out);

// Scratch buffers past this many bytes are released after a document rather than kept for the
// next one (a 50 MB document must not pin its buffers on every thread for the rest of the run).
constexpr std::size_t kKeepScratchBytes = 4u << 20;
template <typename V>
void ReleaseIfLarge(V* v) {
  if (v->capacity() * sizeof(typename V::value_type) > kKeepScratchBytes) V().swap(*v);
}

// The dateline among the first paragraphs.
DatelineSpan FindDateline(std::string_view norm, const std::vector<Range>& paragraphs);

// Index of the first paragraph of the closing "about" / media-contact block, or paragraphs.size().
std::size_t FindBoilerplateStart(std::string_view norm, const std::vector<Range>& paragraphs);

}  // namespace presskg::text

#endif  // PRESSKG_TEXT_INTERNAL_H
