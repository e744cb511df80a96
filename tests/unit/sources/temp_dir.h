// A temporary folder for source tests, removed with everything in it at the end of the test.
#ifndef PRESSKG_TESTS_SOURCES_TEMP_DIR_H
#define PRESSKG_TESTS_SOURCES_TEMP_DIR_H

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace presskg::testing {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "presskg-sources-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `bytes` to `name` (below the folder, creating sub-folders) and returns its path.
  std::filesystem::path Write(const std::string& name, const std::string& bytes) const {
    std::filesystem::path p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

}  // namespace presskg::testing

#endif  // PRESSKG_TESTS_SOURCES_TEMP_DIR_H
