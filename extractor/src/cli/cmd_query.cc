#include "cli/cli.h"

namespace presskg::cli {

int RunQuery(int argc, char** argv) { return NotBuilt("query"); }

}  // namespace presskg::cli
