#include "graph/sha256.h"

#include <openssl/evp.h>

#include <memory>

namespace presskg {
namespace graphutil {

namespace {

// EVP_Digest(…, EVP_sha256(), …) looks the algorithm up and allocates a context on every call,
// which costs several times the hashing of a short key: fetch once, keep one context per thread.
const EVP_MD* Sha256Md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  const EVP_MD* alg = Sha256Md();
  if (!alg || !ctx || EVP_DigestInit_ex(ctx.get(), alg, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) {
    len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);  // the plain way
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace graphutil
}  // namespace presskg
