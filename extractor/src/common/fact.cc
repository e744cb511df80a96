#include "presskg/fact.h"

namespace presskg {

const char* FactTypeName(FactType t) {
  switch (t) {
    case FactType::kAgreement: return "agreement";
    case FactType::kQuote: return "quote";
    case FactType::kRole: return "role";
    case FactType::kEvent: return "event";
    case FactType::kDateline: return "dateline";
  }
  return "unknown";
}

}  // namespace presskg
