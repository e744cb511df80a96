// presskg/status.h — the one error type that crosses module boundaries.
//
// Nothing in libpresskg throws across its public API: functions that can fail
// return a Status, or a Result<T> holding either a value or a Status.
//
//   presskg::Result<RulePack> pack = LoadRulePack("rules/zh/agreement.toml");
//   if (!pack.ok()) { std::cerr << pack.status().ToString() << "\n"; return 2; }
//   Use(*pack);
//
// A Status carries a code, a message, and where known the location that
// caused it (file, line, column, rule id), printed as "file:line:col: [rule] msg".
#ifndef PRESSKG_STATUS_H
#define PRESSKG_STATUS_H

#include <optional>
#include <string>
#include <utility>

namespace presskg {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad option or usage
  kNotFound,         // a file, rule or resource does not exist
  kParseError,       // malformed input (rule file, RDF, JSON, archive)
  kIoError,          // read/write/network failure
  kRejected,         // a document or request refused (encoding, limits, HTTP status)
  kUnsupported,      // a feature not built or not available
  kInternal,         // a bug
};

const char* StatusCodeName(StatusCode code);

// Where an error was found. Any field may be empty / zero.
struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
  std::string rule;  // rule id, shape IRI, ... when the error is about one
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, Location where = {})
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}

  static Status OK() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }

  // "file:line:col: [rule] code: message" with the parts that are known.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  Location where_;
};

inline Status InvalidArgument(std::string m, Location w = {}) { return {StatusCode::kInvalidArgument, std::move(m), std::move(w)}; }
inline Status NotFound(std::string m, Location w = {}) { return {StatusCode::kNotFound, std::move(m), std::move(w)}; }
inline Status ParseError(std::string m, Location w = {}) { return {StatusCode::kParseError, std::move(m), std::move(w)}; }
inline Status IoError(std::string m, Location w = {}) { return {StatusCode::kIoError, std::move(m), std::move(w)}; }
inline Status Rejected(std::string m, Location w = {}) { return {StatusCode::kRejected, std::move(m), std::move(w)}; }
inline Status Unsupported(std::string m, Location w = {}) { return {StatusCode::kUnsupported, std::move(m), std::move(w)}; }
inline Status Internal(std::string m, Location w = {}) { return {StatusCode::kInternal, std::move(m), std::move(w)}; }

// A value or the Status that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}               // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {        // NOLINT
    if (status_.ok()) status_ = Internal("Result built from OK status without a value");
  }
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace presskg

#endif  // PRESSKG_STATUS_H
