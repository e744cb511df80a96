// write/term_text.h — the syntax-independent guards every writer applies to terms (internal).
#ifndef PRESSKG_WRITE_TERM_TEXT_H
#define PRESSKG_WRITE_TERM_TEXT_H

#include <string>
#include <string_view>

namespace presskg {
namespace writeimpl {

// Injective mapping of any blank node label onto [A-Za-z0-9_]+ ("_" itself becomes "_5F"), which
// every syntax accepts.
void SafeBlankLabel(std::string_view label, std::string* out);
inline std::string SafeBlankLabel(std::string_view label) {
  std::string out;
  SafeBlankLabel(label, &out);
  return out;
}

// BCP 47 shape as the RDF syntaxes accept it: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*. Writers drop other
// tags (the literal becomes a plain string) rather than break the document.
bool IsValidLangTag(std::string_view tag);

}  // namespace writeimpl
}  // namespace presskg

#endif  // PRESSKG_WRITE_TERM_TEXT_H
