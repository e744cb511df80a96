#include "write/writers.h"

namespace presskg {
namespace internal {

Result<std::unique_ptr<QuadWriter>> NewJsonLdWriter(std::unique_ptr<Output>, const WriterOptions&) {
  return Unsupported("JSON-LD writer not available yet");
}

}  // namespace internal
}  // namespace presskg
