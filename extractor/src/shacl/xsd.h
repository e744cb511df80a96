// shacl/xsd.h — the XSD datatypes SHACL Core needs: lexical-form checks for sh:datatype and value
// comparison for sh:min/maxExclusive/Inclusive, sh:lessThan and sh:lessThanOrEquals.
//
//   xsd::IsValidLexical(xsd "byte", "300")  -> false (out of range)
//   xsd::Compare(a, b)                      -> -1/0/1, or nullopt when SPARQL's < cannot compare them
//
// Comparison follows SPARQL operator semantics: numerics compare across numeric types; xsd:string,
// xsd:boolean, xsd:dateTime, xsd:date, xsd:time and the g* types compare within their own type; a
// value with a time zone and one without compare only when they are more than 14 hours apart
// (XSD's partial order); ill-formed literals, IRIs and blank nodes compare with nothing.
#ifndef PRESSKG_SHACL_XSD_H
#define PRESSKG_SHACL_XSD_H

#include <optional>
#include <string>

#include "shacl/store.h"

namespace presskg::shacl::xsd {

// True when `lex` is in the lexical space of `datatype`. Datatypes this module does not know
// (anything outside the XSD/RDF built-ins listed in docs/shacl.md) are accepted as they are.
bool IsValidLexical(const std::string& datatype, const std::string& lex);

// Three-way comparison of two terms; nullopt when incomparable.
std::optional<int> Compare(Node a, Node b);

}  // namespace presskg::shacl::xsd

#endif  // PRESSKG_SHACL_XSD_H
