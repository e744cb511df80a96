#include "presskg/status.h"

namespace presskg {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kParseError: return "parse error";
    case StatusCode::kIoError: return "i/o error";
    case StatusCode::kRejected: return "rejected";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!where_.file.empty()) {
    out += where_.file;
    if (where_.line > 0) {
      out += ":" + std::to_string(where_.line);
      if (where_.column > 0) out += ":" + std::to_string(where_.column);
    }
    out += ": ";
  }
  if (!where_.rule.empty()) out += "[" + where_.rule + "] ";
  out += StatusCodeName(code_);
  out += ": ";
  out += message_;
  return out;
}

}  // namespace presskg
