#include "cli/progress.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace presskg::cli {
namespace fs = std::filesystem;

namespace {

bool IsArchiveOrStream(const std::string& p) {
  for (const char* ext : {".tar", ".tgz", ".gz", ".xz", ".zst", ".zip", ".bz2"})
    if (p.size() >= std::char_traits<char>::length(ext) && p.compare(p.size() - std::char_traits<char>::length(ext), std::string::npos, ext) == 0)
      return true;
  return p == "-";
}

}  // namespace

Progress::Progress(bool enabled, const std::vector<std::string>& inputs) : enabled_(enabled) {
  start_ = last_draw_ = std::chrono::steady_clock::now();
  if (!enabled_) return;
  std::size_t total = 0;
  std::error_code ec;
  for (const std::string& in : inputs) {
    if (IsArchiveOrStream(in)) return;  // unknown total: no ETA
    if (fs::is_directory(in, ec)) {
      for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
          if (IsArchiveOrStream(it->path().string())) return;
          total += it->file_size(ec);
        }
      }
    } else {
      total += fs::file_size(in, ec);
    }
  }
  total_bytes_ = total;
}

void Progress::Add(std::size_t bytes) {
  ++docs_;
  bytes_ += bytes;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ >= std::chrono::milliseconds(200)) {
    last_draw_ = now;
    Draw(false);
  }
}

void Progress::Finish() {
  if (!enabled_) return;
  Draw(true);
  std::fputc('\n', stderr);
}

void Progress::Draw(bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double mb = bytes_ / 1e6;
  double rate = secs > 0 ? mb / secs : 0;
  char eta[32] = "";
  if (total_bytes_ > 0 && rate > 0 && !final) {
    double left = (total_bytes_ > bytes_ ? (total_bytes_ - bytes_) / 1e6 : 0) / rate;
    std::snprintf(eta, sizeof eta, "  ETA %02d:%02d", static_cast<int>(left) / 60, static_cast<int>(left) % 60);
  }
  std::fprintf(stderr, "\r\033[K%zu docs  %.1f MB  %.1f MB/s%s", docs_, mb, rate, eta);
  std::fflush(stderr);
}

}  // namespace presskg::cli
