#include <algorithm>
#include <iostream>

#include "cli/cli.h"

namespace presskg::cli {

bool Args::Parse(int argc, char** argv, const std::vector<std::string>& value_options,
                 const std::vector<std::string>& flag_options) {
  auto takes_value = [&](const std::string& n) {
    return std::find(value_options.begin(), value_options.end(), n) != value_options.end();
  };
  auto is_flag = [&](const std::string& n) {
    return std::find(flag_options.begin(), flag_options.end(), n) != flag_options.end();
  };
  bool only_positionals = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (only_positionals || a == "-" || a.size() < 2 || a[0] != '-') {
      positionals_.push_back(a);
      continue;
    }
    if (a == "--") { only_positionals = true; continue; }
    std::string name = a, value;
    bool has_inline = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_inline = true;
    }
    if (takes_value(name)) {
      if (!has_inline) {
        if (i + 1 >= argc) { error_ = "option " + name + " needs a value"; return false; }
        value = argv[++i];
      }
      values_[name].push_back(value);
    } else if (is_flag(name) && !has_inline) {
      values_[name].push_back("");
    } else {
      error_ = "unknown option " + name;
      return false;
    }
  }
  return true;
}

std::string Args::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string>& Args::GetAll(const std::string& name) const {
  static const std::vector<std::string> kNone;
  auto it = values_.find(name);
  return it == values_.end() ? kNone : it->second;
}

int NotBuilt(const char* sub) {
  std::cerr << "presskg " << sub << ": not built yet (see docs/cli.md)\n";
  return kExitError;
}

}  // namespace presskg::cli
