// presskg — command-line entry point: dispatches to one file per subcommand.
#include <cstring>
#include <iostream>
#include <string>

#include "cli/cli.h"

namespace {

const char kUsage[] =
    "usage: presskg COMMAND [OPTIONS]\n"
    "\n"
    "Turn archives of press releases into an RDF knowledge graph.\n"
    "\n"
    "commands:\n"
    "  extract INPUT...   extract facts and write RDF (ttl, nt, nq, trig, jsonld)\n"
    "  validate DATA...   check RDF against SHACL shapes (exit 0 conforms, 1 violations)\n"
    "  load FILE...       load RDF into the embedded store or a SPARQL endpoint\n"
    "  query              run SPARQL against a store or endpoint\n"
    "  network DATA...    partnership network: metrics, GraphML, DOT, CSV, SVG\n"
    "  eval               score extracted facts against gold facts (P/R/F1)\n"
    "  explain FILE       show mentions and rules firing, sentence by sentence\n"
    "\n"
    "Run 'presskg COMMAND --help' for a command's options. Docs: docs/cli.md\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace presskg::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitError;
  }
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << "presskg " << PRESSKG_VERSION << "\n";
    return kExitOk;
  }
  int sub_argc = argc - 1;
  char** sub_argv = argv + 1;
  if (cmd == "extract") return RunExtract(sub_argc, sub_argv);
  if (cmd == "validate") return RunValidate(sub_argc, sub_argv);
  if (cmd == "load") return RunLoad(sub_argc, sub_argv);
  if (cmd == "query") return RunQuery(sub_argc, sub_argv);
  if (cmd == "network") return RunNetwork(sub_argc, sub_argv);
  if (cmd == "eval") return RunEval(sub_argc, sub_argv);
  if (cmd == "explain") return RunExplain(sub_argc, sub_argv);
  std::cerr << "presskg: unknown command '" << cmd << "'\n\n" << kUsage;
  return kExitError;
}
