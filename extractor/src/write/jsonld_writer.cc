#include "write/writers.h"

namespace presskg {
namespace writeimpl {

Result<std::unique_ptr<QuadWriter>> NewJsonLdWriter(std::unique_ptr<Output>, const WriterOptions&) {
  return Unsupported("JSON-LD writer not available yet");
}

}  // namespace writeimpl
}  // namespace presskg
