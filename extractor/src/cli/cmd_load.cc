#include "cli/cli.h"

namespace presskg::cli {

int RunLoad(int argc, char** argv) { return NotBuilt("load"); }

}  // namespace presskg::cli
