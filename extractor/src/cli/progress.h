// cli/progress.h — a one-line progress bar on stderr (documents, MB, MB/s, ETA), shown only on a
// terminal; silent otherwise so logs and pipes stay clean.
#ifndef PRESSKG_CLI_PROGRESS_H
#define PRESSKG_CLI_PROGRESS_H

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace presskg::cli {

class Progress {
 public:
  // inputs: used to estimate the total size for the ETA (plain files and folders only; archives
  // expand, so no ETA is shown when an input is an archive or standard input).
  Progress(bool enabled, const std::vector<std::string>& inputs);
  void Add(std::size_t bytes);  // one document done
  void Finish();

 private:
  void Draw(bool final);
  bool enabled_;
  std::size_t total_bytes_ = 0;  // 0 = unknown
  std::size_t docs_ = 0, bytes_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace presskg::cli

#endif  // PRESSKG_CLI_PROGRESS_H
