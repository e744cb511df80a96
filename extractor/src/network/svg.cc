// network/svg.cc — the picture: WriteDot's text through a Graphviz layout program (posix_spawn).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "presskg/network.h"

extern char** environ;

namespace presskg {
namespace {

// A temporary file removed when it goes out of scope.
class TempFile {
 public:
  explicit TempFile(const char* suffix) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/presskg-network-XXXXXX" + suffix;
    fd_ = mkstemps(path_.data(), static_cast<int>(std::strlen(suffix)));
  }
  ~TempFile() {
    if (fd_ >= 0) {
      close(fd_);
      unlink(path_.c_str());
    }
  }
  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

bool WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace

Result<std::string> RenderSvg(const Network& net, const NetworkMetrics& metrics,
                              const SvgOptions& options) {
  if (options.layout.empty() || options.layout.find('/') != std::string::npos)
    return InvalidArgument("network: layout program must be a Graphviz command name, got '" +
                           options.layout + "'");
  // The DOT goes through a file (not a pipe) so Graphviz's output can be read without having
  // to feed its input at the same time; stderr goes to a file for the error message.
  TempFile dot(".dot"), err(".err");
  if (!dot.ok() || !err.ok()) return IoError(std::string("network: temporary file: ") + std::strerror(errno));
  if (!WriteAll(dot.fd(), WriteDot(net, &metrics)))
    return IoError("network: cannot write " + dot.path() + ": " + std::strerror(errno));

  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return IoError(std::string("network: pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd(), STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::string program = options.layout;
  std::string format = "-Tsvg";
  std::string input = dot.path();
  char* argv[] = {program.data(), format.data(), input.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    return Unsupported("network: cannot run Graphviz '" + program + "' (" + std::strerror(rc) +
                       "); install the graphviz package");
  }
  std::string svg = ReadAll(out_pipe[0]);
  close(out_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    lseek(err.fd(), 0, SEEK_SET);
    std::string message = ReadAll(err.fd());
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    return IoError("network: " + program + " failed" +
                   (WIFEXITED(status) ? " with exit status " + std::to_string(WEXITSTATUS(status)) : "") +
                   (message.empty() ? "" : ": " + message));
  }
  if (svg.find("<svg") == std::string::npos) return IoError("network: " + program + " wrote no SVG");
  return svg;
}

}  // namespace presskg
