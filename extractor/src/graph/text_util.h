// graph/text_util.h — byte-level text helpers shared by the graph builder and the writers
// (internal): UTF-8 repair, IRI character safety, code point counting.
//
// Every string that reaches an RDF syntax goes through RepairUtf8 (invalid sequences, including
// encoded lone surrogates and overlong forms, become U+FFFD) so no writer can emit broken output.
#ifndef PRESSKG_GRAPH_TEXT_UTIL_H
#define PRESSKG_GRAPH_TEXT_UTIL_H

#include <cstddef>
#include <string>
#include <string_view>

namespace presskg {
namespace graphutil {

// Length in bytes of the valid UTF-8 sequence at s[i], or 0 when it is invalid (bad lead byte,
// truncated, overlong, surrogate, above U+10FFFF).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);
bool IsValidUtf8(std::string_view s);
// `s` with every invalid sequence replaced by U+FFFD (one per maximal invalid subpart).
std::string RepairUtf8(std::string_view s);
// Number of code points in s[0, byte_offset) (invalid bytes count one each), clamped to s.
std::size_t CodePointOffset(std::string_view s, std::size_t byte_offset);

// True when `iri` may be written between <> in Turtle/N-Triples as is: valid UTF-8 and none of
// the characters IRIREF excludes (controls, space, <>"{}|^`\).
bool IsSafeIri(std::string_view iri);
// `iri` with invalid UTF-8 repaired and every excluded character percent-encoded.
std::string MakeSafeIri(std::string_view iri);

}  // namespace graphutil
}  // namespace presskg

#endif  // PRESSKG_GRAPH_TEXT_UTIL_H
