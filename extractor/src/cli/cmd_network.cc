#include "cli/cli.h"

namespace presskg::cli {

int RunNetwork(int argc, char** argv) { return NotBuilt("network"); }

}  // namespace presskg::cli
