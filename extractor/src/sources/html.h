// sources/html.h — HTML → plain text (private to the sources module).
//
//   std::string text = HtmlToText(utf8_html);
//
// libxml2's forgiving HTML parser (recover, no network, no error output) builds the tree; the text
// of script, style, navigation, header, footer, aside, noscript, forms and <head> is dropped; block
// elements become paragraph breaks (a blank line), <br> a line break; runs of white space collapse
// as a browser would (except inside <pre>); entities come out decoded.
#ifndef PRESSKG_SOURCES_HTML_H
#define PRESSKG_SOURCES_HTML_H

#include <string>
#include <string_view>

namespace presskg::sources {

// `html` must be UTF-8. Never fails: unparseable input yields the text libxml2 could recover.
std::string HtmlToText(std::string_view html);

// True when the bytes look like an HTML document (used for .txt files and JSONL text that are HTML).
bool LooksLikeHtml(std::string_view text);

}  // namespace presskg::sources

#endif  // PRESSKG_SOURCES_HTML_H
