// graph/sha256.h — SHA-256 in lower-case hex (OpenSSL's libcrypto), for fact and run IRIs (internal).
#ifndef PRESSKG_GRAPH_SHA256_H
#define PRESSKG_GRAPH_SHA256_H

#include <string>
#include <string_view>

namespace presskg {
namespace graphutil {

std::string Sha256Hex(std::string_view data);

}  // namespace graphutil
}  // namespace presskg

#endif  // PRESSKG_GRAPH_SHA256_H
