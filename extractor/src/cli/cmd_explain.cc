#include "cli/cli.h"

namespace presskg::cli {

int RunExplain(int argc, char** argv) { return NotBuilt("explain"); }

}  // namespace presskg::cli
