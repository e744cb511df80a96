#include "write/writers.h"

namespace presskg {
namespace writeimpl {

Result<std::unique_ptr<QuadWriter>> NewRdfXmlWriter(std::unique_ptr<Output>, const WriterOptions&) {
  return Unsupported("RDF/XML writer not available yet");
}

}  // namespace writeimpl
}  // namespace presskg
