// presskg network — the partnership network of the agreement facts in RDF files or a store:
// metrics (Boost.Graph) and GraphML, DOT, CSV or an SVG picture (Graphviz). docs/network.md.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "presskg/network.h"
#include "presskg/store.h"
#include "presskg/writer.h"

namespace presskg::cli {
namespace {

const char kHelp[] =
    "usage: presskg network (DATA... | --store PATH) [options]\n"
    "\n"
    "Builds the partnership network of the agreement facts: organizations and countries as\n"
    "vertices, joined when parties to the same agreement (weight = number of agreements), and\n"
    "computes degree, weighted degree, betweenness, closeness, PageRank, components, articulation\n"
    "points, bridges and core numbers (networkx conventions; docs/network.md).\n"
    "DATA is an RDF file (.ttl .nt .nq .trig), or - for N-Quads on standard input.\n"
    "\n"
    "options:\n"
    "  --store PATH        read from an embedded store instead of files\n"
    "  -o FILE             output file, - for standard output (default: -)\n"
    "  --format F          graphml | dot | csv | svg (default: from -o's extension, else graphml)\n"
    "                      csv: -o gets the edge list; the node table goes to --metrics, else to\n"
    "                      FILE with .csv replaced by .nodes.csv\n"
    "  --metrics FILE.csv  also write the vertices with all their metrics as CSV\n"
    "  --view V            full | org-country | org-org (default: full)\n"
    "  --from YEAR         keep agreements of YEAR or later (undated ones are dropped)\n"
    "  --to YEAR           keep agreements of YEAR or earlier\n"
    "  --kind K            agreement | mou | partnership; repeat or separate with commas\n"
    "  --country CC        keep agreements involving this ISO country; repeat or use commas\n"
    "  --lang L            prefer vertex labels in language L (e.g. zh, en)\n"
    "  --layout P          Graphviz program for svg: sfdp | neato | fdp (default: sfdp)\n"
    "  --no-paths          skip betweenness and closeness (O(V*E)) on very large networks\n"
    "  --sample K          estimate betweenness and closeness from K BFS sources (docs/network.md)\n"
    "  --quiet             no summary on stderr\n"
    "\n"
    "exit status: 0 success, 2 usage, input or output error\n";

std::vector<std::string> Split(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream in(v);
    std::string item;
    while (std::getline(in, item, ','))
      if (!item.empty()) out.push_back(item);
  }
  return out;
}

// A whole number in [1, max].
bool ParsePositive(const std::string& text, long max, int* out) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 1 || v > max) return false;
  *out = static_cast<int>(v);
  return true;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool WriteText(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

Result<Quads> ReadInput(const std::string& path) {
  if (path != "-") return ReadRdfFile(path);
  std::ostringstream text;
  text << std::cin.rdbuf();
  return ReadRdfString(text.str(), RdfFormat::kNQuads);
}

}  // namespace

int RunNetwork(int argc, char** argv) {
  Args args;
  if (!args.Parse(argc, argv,
                  {"--store", "-o", "--output", "--format", "--metrics", "--view", "--from", "--to",
                   "--kind", "--country", "--lang", "--layout", "--sample"},
                  {"--help", "-h", "--no-paths", "--quiet"})) {
    std::cerr << "presskg network: " << args.error() << "\n\n" << kHelp;
    return kExitError;
  }
  if (args.Has("--help") || args.Has("-h")) {
    std::cout << kHelp;
    return kExitOk;
  }
  auto usage = [&](const std::string& message) {
    std::cerr << "presskg network: " << message << "\n\n" << kHelp;
    return kExitError;
  };
  if (args.Has("--store") == !args.positionals().empty())
    return usage("give RDF files or --store PATH (one of them)");

  NetworkOptions options;
  const std::string view = args.Get("--view", "full");
  if (view == "full") options.view = NetworkOptions::View::kFull;
  else if (view == "org-country") options.view = NetworkOptions::View::kOrgCountry;
  else if (view == "org-org") options.view = NetworkOptions::View::kOrgOrg;
  else return usage("unknown --view '" + view + "' (full, org-country, org-org)");
  if (args.Has("--from") && !ParsePositive(args.Get("--from"), 9999, &options.year_from))
    return usage("--from needs a year, got '" + args.Get("--from") + "'");
  if (args.Has("--to") && !ParsePositive(args.Get("--to"), 9999, &options.year_to))
    return usage("--to needs a year, got '" + args.Get("--to") + "'");
  options.kinds = Split(args.GetAll("--kind"));
  options.countries = Split(args.GetAll("--country"));
  options.label_language = args.Get("--lang");

  const std::string output = args.Get("-o", args.Get("--output", "-"));
  std::string format = args.Get("--format");
  if (format.empty()) {
    format = "graphml";
    for (const char* ext : {"graphml", "dot", "csv", "svg"})
      if (EndsWith(output, std::string(".") + ext)) format = ext;
    if (EndsWith(output, ".gv")) format = "dot";
  }
  if (format != "graphml" && format != "dot" && format != "csv" && format != "svg")
    return usage("unknown --format '" + format + "' (graphml, dot, csv, svg)");

  // Input: RDF files, or the predicates the network needs from a store.
  Quads quads;
  if (args.Has("--store")) {
    Result<std::unique_ptr<Store>> store = Store::Open(args.Get("--store"), /*create=*/false);
    if (!store.ok()) {
      std::cerr << "presskg network: " << store.status().ToString() << "\n";
      return kExitError;
    }
    Result<Quads> q = NetworkQuadsFromStore(**store);
    if (!q.ok()) {
      std::cerr << "presskg network: " << q.status().ToString() << "\n";
      return kExitError;
    }
    quads = std::move(*q);
  } else {
    for (const auto& path : args.positionals()) {
      Result<Quads> q = ReadInput(path);
      if (!q.ok()) {
        std::cerr << "presskg network: " << q.status().ToString() << "\n";
        return kExitError;
      }
      quads.insert(quads.end(), std::make_move_iterator(q->begin()), std::make_move_iterator(q->end()));
    }
  }

  Result<Network> net = BuildNetwork(quads, options);
  if (!net.ok()) {
    std::cerr << "presskg network: " << net.status().ToString() << "\n";
    return kExitError;
  }
  quads = Quads();
  MetricsOptions metric_options;
  metric_options.shortest_path_metrics = !args.Has("--no-paths");
  if (args.Has("--sample")) {
    int k = 0;
    if (!ParsePositive(args.Get("--sample"), 1L << 30, &k)) return usage("--sample needs a positive number of sources");
    metric_options.sample_sources = k;
  }
  const NetworkMetrics metrics = ComputeMetrics(*net, metric_options);

  std::string text;
  std::string nodes_path = args.Get("--metrics");
  if (format == "graphml") {
    text = WriteGraphMl(*net, &metrics);
  } else if (format == "dot") {
    text = WriteDot(*net, &metrics);
  } else if (format == "csv") {
    text = WriteEdgesCsv(*net);
    if (nodes_path.empty() && output != "-")
      nodes_path = (EndsWith(output, ".csv") ? output.substr(0, output.size() - 4) : output) + ".nodes.csv";
  } else {
    SvgOptions svg_options;
    svg_options.layout = args.Get("--layout", "sfdp");
    Result<std::string> svg = RenderSvg(*net, metrics, svg_options);
    if (!svg.ok()) {
      std::cerr << "presskg network: " << svg.status().ToString() << "\n";
      return kExitError;
    }
    text = std::move(*svg);
  }
  if (!WriteText(output, text)) {
    std::cerr << "presskg network: cannot write " << output << "\n";
    return kExitError;
  }
  if (!nodes_path.empty() && !WriteText(nodes_path, WriteNodesCsv(*net, &metrics))) {
    std::cerr << "presskg network: cannot write " << nodes_path << "\n";
    return kExitError;
  }
  if (!args.Has("--quiet")) {
    int brokers = 0;
    for (const auto& v : metrics.vertices) brokers += v.articulation;
    std::cerr << "presskg network: " << net->vertices.size() << " vertices, " << net->edges.size()
              << " edges, " << metrics.components << " components, " << brokers
              << " articulation points, " << metrics.bridges.size() << " bridges\n";
    if (!metrics.pagerank_converged)
      std::cerr << "presskg network: warning: PageRank did not converge in "
                << metrics.pagerank_iterations << " iterations\n";
  }
  return kExitOk;
}

}  // namespace presskg::cli
