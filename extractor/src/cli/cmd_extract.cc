#include "cli/cli.h"

namespace presskg::cli {

int RunExtract(int argc, char** argv) { return NotBuilt("extract"); }

}  // namespace presskg::cli
