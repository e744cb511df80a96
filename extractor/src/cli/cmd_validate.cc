#include "cli/cli.h"

namespace presskg::cli {

int RunValidate(int argc, char** argv) { return NotBuilt("validate"); }

}  // namespace presskg::cli
