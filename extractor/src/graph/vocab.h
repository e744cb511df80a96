// graph/vocab.h — the IRIs the graph builder writes (internal). docs/vocabulary.md is the contract;
// ontology/presskg.ttl defines the pkg: terms.
#ifndef PRESSKG_GRAPH_VOCAB_H
#define PRESSKG_GRAPH_VOCAB_H

#include <string>

#include "presskg/rdf.h"

namespace presskg {
namespace vocab_iri {

inline std::string Rdf(const char* l) { return std::string(ns::kRdf) + l; }
inline std::string Rdfs(const char* l) { return std::string(ns::kRdfs) + l; }
inline std::string Xsd(const char* l) { return std::string(ns::kXsd) + l; }
inline std::string Owl(const char* l) { return std::string(ns::kOwl) + l; }
inline std::string Schema(const char* l) { return std::string(ns::kSchema) + l; }
inline std::string Org(const char* l) { return std::string(ns::kOrg) + l; }
inline std::string Prov(const char* l) { return std::string(ns::kProv) + l; }
inline std::string Dct(const char* l) { return std::string(ns::kDcterms) + l; }
inline std::string Nif(const char* l) { return std::string(ns::kNif) + l; }
inline std::string Pkg(const char* l) { return std::string(ns::kPkg) + l; }

}  // namespace vocab_iri
}  // namespace presskg

#endif  // PRESSKG_GRAPH_VOCAB_H
