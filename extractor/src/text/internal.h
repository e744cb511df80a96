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

// The language PrepareText uses: forced (options), else the document's, else detected; "auto"
// means detect and a bare "zh" is refined from the text.
// `counts` (from Normalize) settle Chinese, Japanese and Korean texts without another pass.
struct ScriptCounts;
std::string ResolveLanguage(const std::string& forced, const std::string& declared, std::string_view original,
                            const ScriptCounts& counts);

// Normalized [begin, end) ranges of paragraphs: lines, or runs of lines when a line is hard-wrapped
// (it ends without closing punctuation and the next starts with a lower-case letter).
struct Range {
  std::size_t begin = 0, end = 0;
};
std::vector<Range> FindParagraphs(std::string_view norm);

// Quotations inside one paragraph, as normalized ranges including the marks.
std::vector<Range> FindQuotes(std::string_view norm, Range paragraph);

// ICU sentence break positions over the whole normalized text (one BreakIterator per thread and
// language; "@ss=standard" so "Mr." or "Dr." do not end a sentence).
std::vector<std::size_t> SentenceBreaks(std::string_view norm, const std::string& language);

// Sentence ranges of one paragraph (trimmed, non-empty) from the document's `breaks`. Breaks
// after a hard-wrapped line are dropped; for Chinese, so are breaks inside “…” and 「…」, so a
// quoted passage stays in one sentence.
std::vector<Range> FindSentences(std::string_view norm, Range paragraph, const std::vector<std::size_t>& breaks,
                                 bool keep_quotes_whole, const std::vector<Range>& quotes);

// The dateline among the first paragraphs.
DatelineSpan FindDateline(std::string_view norm, const std::vector<Range>& paragraphs);

// Index of the first paragraph of the closing "about" / media-contact block, or paragraphs.size().
std::size_t FindBoilerplateStart(std::string_view norm, const std::vector<Range>& paragraphs);

}  // namespace presskg::text

#endif  // PRESSKG_TEXT_INTERNAL_H
