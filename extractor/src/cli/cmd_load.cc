// presskg load — RDF files into the embedded store or a SPARQL 1.1 endpoint, one named graph at a
// time: the first time this run meets a graph it replaces the stored one (so loading the same
// output twice changes nothing, and a new version of a release replaces its graph), later parts of
// the same graph are added to it.
#include <climits>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "cli/cli.h"
#include "presskg/store.h"
#include "presskg/writer.h"

namespace presskg::cli {
namespace {

const char kHelp[] =
    "usage: presskg load FILE... (--store PATH | --endpoint URL) [options]\n"
    "\n"
    "Loads RDF files (N-Quads, TriG, Turtle, N-Triples; format from the extension) graph by graph.\n"
    "Named graphs are kept; triples outside any named graph (all of a Turtle or N-Triples file) go\n"
    "into one graph per file, <file:///absolute/path>, unless --default-graph names another.\n"
    "Each graph is replaced as a whole: loading the same files twice leaves the store unchanged.\n"
    "\n"
    "options:\n"
    "  --store PATH            embedded store directory (Redland, sqlite; created if missing)\n"
    "  --endpoint URL          SPARQL 1.1 Graph Store endpoint, e.g. Virtuoso's\n"
    "                          http://127.0.0.1:8890/sparql-graph-crud-auth (or, with --protocol update,\n"
    "                          a SPARQL Update endpoint such as http://127.0.0.1:8890/sparql-auth)\n"
    "  --protocol P            gsp (one PUT per graph) | update (DROP + INSERT DATA, many graphs per\n"
    "                          request) (default: gsp)\n"
    "  --graph-param NAME      GSP graph parameter (default: graph-uri for Virtuoso's sparql-graph-crud,\n"
    "                          else graph)\n"
    "  --batch N               --protocol update: triples per request (default: 2000)\n"
    "  --format F              input format for every FILE: nq | trig | ttl | nt\n"
    "  --default-graph IRI     graph for triples outside any named graph\n"
    "  --netrc FILE            credentials file (default: $PRESSKG_NETRC, else ~/.netrc);\n"
    "                          PRESSKG_USER / PRESSKG_PASSWORD in the environment take precedence\n"
    "  --quiet                 no summary on stderr\n"
    "\n"
    "exit status: 0 success, 1 a file could not be parsed (others are still loaded), 2 usage or\n"
    "store/endpoint error\n";

std::string FileGraph(const std::string& path) {
  char resolved[PATH_MAX];
  std::string abs = ::realpath(path.c_str(), resolved) ? resolved : path;
  // Percent-encode what an IRI may not hold; keep '/' and the usual path characters.
  static const char kHex[] = "0123456789ABCDEF";
  std::string iri = "file://";
  for (unsigned char ch : abs) {
    if (ch <= 0x20 || ch == '<' || ch == '>' || ch == '"' || ch == '{' || ch == '}' || ch == '|' || ch == '\\' ||
        ch == '^' || ch == '`' || ch == '%' || ch == '#' || ch == '?' || ch == 0x7F) {
      iri += '%';
      iri += kHex[ch >> 4];
      iri += kHex[ch & 15];
    } else {
      iri += static_cast<char>(ch);
    }
  }
  return iri;
}

// Writes consecutive runs of quads of one graph; remembers which graphs this run has written.
class GraphLoader {
 public:
  explicit GraphLoader(GraphSink* sink) : sink_(sink) {}

  Status Put(const std::string& graph, Quads* quads) {
    if (quads->empty() && seen_.count(graph)) return Status::OK();
    Status s = seen_.insert(graph).second ? sink_->ReplaceGraph(graph, *quads) : sink_->AddToGraph(graph, *quads);
    quads->clear();
    return s;
  }

 private:
  GraphSink* sink_;
  std::set<std::string> seen_;
};

}  // namespace

int RunLoad(int argc, char** argv) {
  Args args;
  if (!args.Parse(argc, argv,
                  {"--store", "--endpoint", "--protocol", "--graph-param", "--batch", "--format", "--default-graph",
                   "--netrc"},
                  {"--help", "-h", "--quiet"})) {
    std::cerr << "presskg load: " << args.error() << "\n\n" << kHelp;
    return kExitError;
  }
  if (args.Has("--help") || args.Has("-h")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args.positionals().empty() || args.Has("--store") == args.Has("--endpoint")) {
    std::cerr << "presskg load: give FILE... and exactly one of --store or --endpoint\n\n" << kHelp;
    return kExitError;
  }
  std::unique_ptr<GraphSink> sink;
  if (args.Has("--store")) {
    Result<std::unique_ptr<Store>> store = Store::Open(args.Get("--store"), /*create=*/true);
    if (!store.ok()) {
      std::cerr << "presskg load: " << store.status().ToString() << "\n";
      return kExitError;
    }
    sink = std::move(*store);
  } else {
    EndpointOptions options;
    const std::string protocol = args.Get("--protocol", "gsp");
    if (protocol == "update") {
      options.protocol = EndpointOptions::Protocol::kUpdate;
    } else if (protocol != "gsp") {
      std::cerr << "presskg load: --protocol must be gsp or update\n";
      return kExitError;
    }
    options.graph_param = args.Get("--graph-param");
    options.netrc_file = args.Get("--netrc");
    if (args.Has("--batch")) {
      char* end = nullptr;
      long n = std::strtol(args.Get("--batch").c_str(), &end, 10);
      if (*end || n <= 0) {
        std::cerr << "presskg load: --batch needs a positive number\n";
        return kExitError;
      }
      options.batch_triples = static_cast<size_t>(n);
    }
    Result<std::unique_ptr<GraphSink>> endpoint = OpenEndpointSink(args.Get("--endpoint"), options);
    if (!endpoint.ok()) {
      std::cerr << "presskg load: " << endpoint.status().ToString() << "\n";
      return kExitError;
    }
    sink = std::move(*endpoint);
  }

  std::optional<RdfFormat> forced;
  if (args.Has("--format")) {
    Result<RdfFormat> f = RdfFormatFromName(args.Get("--format"));
    if (!f.ok()) {
      std::cerr << "presskg load: " << f.status().message() << "\n";
      return kExitError;
    }
    forced = *f;
  }

  GraphLoader loader(sink.get());
  int exit_code = kExitOk;
  for (const std::string& path : args.positionals()) {
    Result<RdfFormat> format = forced ? Result<RdfFormat>(*forced) : RdfFormatFromPath(path);
    if (!format.ok()) {
      std::cerr << "presskg load: " << path << ": " << format.status().message() << "\n";
      exit_code = kExitFailed;
      continue;
    }
    const std::string default_graph = args.Get("--default-graph", FileGraph(path));
    Quads run, defaults;
    std::string run_graph;
    bool sink_failed = false;
    // Parse errors stop a file midway: graphs completed before the error are already loaded, the
    // graph being read is not (its triples may be incomplete).
    Status read = ReadRdf(path, *format, [&](const Quad& q) -> Status {
      if (q.graph.is_none()) {
        defaults.push_back(q);
        return Status::OK();
      }
      if (!run.empty() && q.graph.value != run_graph) {
        if (Status s = loader.Put(run_graph, &run); !s.ok()) {
          sink_failed = true;
          return s;
        }
      }
      run_graph = q.graph.value;
      run.push_back(q);
      return Status::OK();
    });
    if (!read.ok()) {
      std::cerr << "presskg load: " << (read.where().file.empty() ? path + ": " : "") << read.ToString() << "\n";
      if (sink_failed) return kExitError;
      exit_code = kExitFailed;
      continue;
    }
    Status s = run.empty() ? Status::OK() : loader.Put(run_graph, &run);
    if (s.ok() && !defaults.empty()) s = loader.Put(default_graph, &defaults);
    if (!s.ok()) {
      std::cerr << "presskg load: " << s.ToString() << "\n";
      return kExitError;
    }
  }
  if (Status s = sink->Flush(); !s.ok()) {
    std::cerr << "presskg load: " << s.ToString() << "\n";
    return kExitError;
  }
  if (!args.Has("--quiet")) std::cerr << "presskg load: " << sink->Summary() << "\n";
  return exit_code;
}

}  // namespace presskg::cli
