// presskg validate — checks RDF files against the SHACL shapes in a directory (or one file) and
// prints one line per validation result; --report writes the sh:ValidationReport as Turtle.
#include <sys/stat.h>

#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "presskg/shacl.h"
#include "presskg/writer.h"

namespace presskg::cli {
namespace {

const char kHelp[] =
    "usage: presskg validate DATA... --shapes DIR|FILE [--report FILE] [--quiet]\n"
    "\n"
    "Validates the union of the RDF files DATA (Turtle, N-Triples, N-Quads, TriG; format from the\n"
    "extension) against the SHACL Core shapes in DIR (every *.ttl) or FILE.\n"
    "Each validation result is printed on standard output (standard error with --report -) as one\n"
    "line naming the severity, focus node, path, value, message, constraint component and shape;\n"
    "a summary line follows.\n"
    "\n"
    "options:\n"
    "  --shapes DIR|FILE   shapes graph (required; the project's shapes are in shapes/)\n"
    "  --report FILE       also write the sh:ValidationReport (Turtle; '-' = standard output)\n"
    "  --quiet             print only the summary line\n"
    "\n"
    "exit status: 0 the data conforms, 1 there are validation results, 2 usage, parse or I/O error\n";

bool IsDir(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

int RunValidate(int argc, char** argv) {
  Args args;
  if (!args.Parse(argc, argv, {"--shapes", "--report"}, {"--quiet", "--help", "-h"})) {
    std::cerr << "presskg validate: " << args.error() << "\n\n" << kHelp;
    return kExitError;
  }
  if (args.Has("--help") || args.Has("-h")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (!args.Has("--shapes") || args.positionals().empty()) {
    std::cerr << "presskg validate: need DATA files and --shapes\n\n" << kHelp;
    return kExitError;
  }
  std::string shapes_path = args.Get("--shapes");
  auto shapes = IsDir(shapes_path) ? ShapesGraph::LoadDir(shapes_path) : ShapesGraph::LoadFile(shapes_path);
  if (!shapes.ok()) {
    std::cerr << "presskg validate: shapes: " << shapes.status().ToString() << "\n";
    return kExitError;
  }
  Result<ValidationReport> report = (*shapes)->ValidateFiles(args.positionals());
  if (!report.ok()) {
    std::cerr << "presskg validate: " << report.status().ToString() << "\n";
    return kExitError;
  }
  const ValidationReport& r = *report;
  // With --report - the Turtle report owns standard output; the text goes to standard error.
  std::ostream& text = args.Get("--report") == "-" ? std::cerr : std::cout;
  if (!args.Has("--quiet"))
    for (const ValidationResult& v : r.results) text << v.ToText() << "\n";
  text << (r.conforms ? "conforms" : "does not conform") << ": " << r.results.size() << " result"
       << (r.results.size() == 1 ? "" : "s") << "\n";
  text.flush();
  if (args.Has("--report")) {
    auto w = QuadWriter::Open(args.Get("--report"), RdfFormat::kTurtle);
    Status s = w.ok() ? (*w)->Write(r.ToRdf()) : w.status();
    if (s.ok()) s = (*w)->Close();
    if (!s.ok()) {
      std::cerr << "presskg validate: report: " << s.ToString() << "\n";
      return kExitError;
    }
  }
  return r.conforms ? kExitOk : kExitFailed;
}

}  // namespace presskg::cli
