#include "cli/cli.h"

namespace presskg::cli {

int RunEval(int argc, char** argv) { return NotBuilt("eval"); }

}  // namespace presskg::cli
