// cli/cli.h — the presskg command: one file per subcommand, wired here.
// Only cli/ prints and talks to the user; the library returns results and Status.
#ifndef PRESSKG_CLI_CLI_H
#define PRESSKG_CLI_CLI_H

#include <map>
#include <string>
#include <vector>

namespace presskg {
struct SourceOptions;
}

namespace presskg::cli {

// Exit codes (DESIGN.md): 0 success, 1 a document rejected / data does not conform, 2 usage or system error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitError = 2;

// A small argument parser: "--name value", "--name=value", flags, "-o FILE", positionals; "-" is a positional.
class Args {
 public:
  // value_options: options that take a value (e.g. {"-o","--format"}); others are flags.
  // Returns false and sets error() on an unknown option or a missing value.
  bool Parse(int argc, char** argv, const std::vector<std::string>& value_options,
             const std::vector<std::string>& flag_options);
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& GetAll(const std::string& name) const;  // repeated options
  const std::vector<std::string>& positionals() const { return positionals_; }
  const std::string& error() const { return error_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
  std::string error_;
};

// Subcommands: argv[0] is the subcommand name.
int RunExtract(int argc, char** argv);
int RunValidate(int argc, char** argv);
int RunLoad(int argc, char** argv);
int RunQuery(int argc, char** argv);
int RunNetwork(int argc, char** argv);
int RunEval(int argc, char** argv);
int RunExplain(int argc, char** argv);

// Loads every --metadata FILE into options->metadata; on a bad file prints why (file, line,
// column) and returns false.
bool LoadMetadataOptions(const Args& args, const char* command, SourceOptions* options);

// Prints "presskg SUB: not built yet (see docs/cli.md)" and returns kExitError.
int NotBuilt(const char* sub);

}  // namespace presskg::cli

#endif  // PRESSKG_CLI_CLI_H
