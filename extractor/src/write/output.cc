#include "write/output.h"

#include <cerrno>
#include <cstring>

namespace presskg {
namespace writeimpl {

Result<std::unique_ptr<Output>> Output::OpenFile(const std::string& path) {
  std::unique_ptr<Output> out(new Output());
  out->name_ = path;
  if (path == "-") {
    out->file_ = stdout;
    return out;
  }
  out->file_ = std::fopen(path.c_str(), "wb");
  if (!out->file_) {
    return IoError(std::string("cannot open for writing: ") + std::strerror(errno), writeimpl::FileLocation(path));
  }
  out->owns_file_ = true;
  // A large buffer: writers emit many small pieces.
  std::setvbuf(out->file_, nullptr, _IOFBF, 1 << 16);
  return out;
}

std::unique_ptr<Output> Output::ToString(std::string* s) {
  std::unique_ptr<Output> out(new Output());
  out->str_ = s;
  out->name_ = "<string>";
  return out;
}

Output::~Output() {
  if (file_ && owns_file_) std::fclose(file_);
}

Status Output::Close() {
  if (!file_) return Status::OK();
  bool failed = failed_ || std::fflush(file_) != 0 || std::ferror(file_);
  const int err = errno;
  if (owns_file_ && std::fclose(file_) != 0) failed = true;
  file_ = nullptr;
  if (failed) return IoError(std::string("write failed: ") + std::strerror(err), writeimpl::FileLocation(name_));
  return Status::OK();
}

}  // namespace writeimpl
}  // namespace presskg
