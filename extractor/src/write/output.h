// write/output.h — where a writer's bytes go (internal): a file, standard output ("-"), or a
// caller's string. Writers stream into it; nothing is buffered beyond stdio's own buffer.
#ifndef PRESSKG_WRITE_OUTPUT_H
#define PRESSKG_WRITE_OUTPUT_H

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "presskg/status.h"

namespace presskg {
namespace writeimpl {

inline Location FileLocation(std::string file, int line = 0, int column = 0) {
  Location l;
  l.file = std::move(file);
  l.line = line;
  l.column = column;
  return l;
}

class Output {
 public:
  // "-" is standard output (flushed, never closed).
  static Result<std::unique_ptr<Output>> OpenFile(const std::string& path);
  static std::unique_ptr<Output> ToString(std::string* out);
  ~Output();

  void Write(const void* buf, std::size_t len) {
    if (str_) {
      str_->append(static_cast<const char*>(buf), len);
    } else if (std::fwrite(buf, 1, len, file_) != len) {
      failed_ = true;
    }
  }
  void Write(std::string_view s) { Write(s.data(), s.size()); }
  // Flushes and closes; reports any write error seen since opening.
  Status Close();
  const std::string& name() const { return name_; }

 private:
  Output() = default;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool failed_ = false;
  std::string* str_ = nullptr;
  std::string name_;
};

}  // namespace writeimpl
}  // namespace presskg

#endif  // PRESSKG_WRITE_OUTPUT_H
