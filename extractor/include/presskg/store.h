// presskg/store.h — where the graph goes: the embedded Redland store (librdf, sqlite storage,
// contexts on) or any SPARQL 1.1 server through the Graph Store HTTP Protocol (libcurl).
//
//   auto sink = OpenGraphSink("out/store");              // or "http://127.0.0.1:8890/sparql-graph-crud-auth"
//   (*sink)->ReplaceGraph(graph_iri, quads);              // reloading a release replaces its graph
//   (*sink)->Flush();
//   auto store = Store::Open("out/store", /*create=*/false);
//   Result<QueryResult> rows = (*store)->Query("SELECT ...");
#ifndef PRESSKG_STORE_H
#define PRESSKG_STORE_H

#include <memory>
#include <string>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

struct QueryResult {
  std::vector<std::string> variables;
  std::vector<std::vector<Term>> rows;  // Term::Kind::kNone = unbound
  bool is_boolean = false, boolean = false;
};

// Anything that can take release graphs.
class GraphSink {
 public:
  virtual ~GraphSink() = default;
  virtual Status ReplaceGraph(const std::string& graph_iri, const Quads& quads) = 0;
  // Adds to a graph without clearing it first (a graph split over several files or batches).
  virtual Status AddToGraph(const std::string& graph_iri, const Quads& quads) {
    (void)graph_iri, (void)quads;
    return Unsupported("this sink cannot add to a graph");
  }
  virtual Status Flush() = 0;
  virtual std::string Summary() const = 0;  // "N graphs, M triples loaded into ..."
};

// A path → embedded store (created if missing); an http(s) URL → Graph Store Protocol endpoint.
Result<std::unique_ptr<GraphSink>> OpenGraphSink(const std::string& store_or_url);

class Store : public GraphSink {
 public:
  // path: directory holding the sqlite database; ":memory:" for a transient in-memory store.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, bool create);
  virtual Status Add(const Quads& quads) = 0;
  virtual Result<QueryResult> Query(const std::string& sparql) = 0;  // SELECT/ASK over the union of graphs
};
// Notes on the embedded store: ReplaceGraph puts every quad into graph_iri (their own graph term is
// ignored) and is atomic; writes are batched into transactions that Flush() commits (Query and the
// destructor commit too). Add keeps set semantics: a statement already present is not added twice.

// Query a SPARQL 1.1 endpoint over HTTP.
Result<QueryResult> QueryEndpoint(const std::string& url, const std::string& sparql);

// ---- Remote endpoints (additive) -------------------------------------------------------------
// Credentials never come from arguments: PRESSKG_USER/PRESSKG_PASSWORD from the environment, else
// the netrc file (netrc_file, else $PRESSKG_NETRC, else ~/.netrc). They are never logged.
struct EndpointOptions {
  enum class Protocol {
    kGraphStore,  // SPARQL 1.1 Graph Store HTTP Protocol: one PUT per graph (replaces it)
    kUpdate,      // SPARQL 1.1 Update: DROP SILENT GRAPH + INSERT DATA, many graphs per request
  };
  Protocol protocol = Protocol::kGraphStore;
  // Query parameter naming the graph in GSP requests; "" = "graph-uri" when the URL path contains
  // "sparql-graph-crud" (Virtuoso), else "graph" (the standard).
  std::string graph_param;
  size_t batch_triples = 2000;   // kUpdate: flush a request once it holds this many triples (Virtuoso
                                 // compiles big INSERT DATA slowly: 20000 was >10x slower than 2000)
  int max_attempts = 5;          // per request; retried on connection errors and HTTP 5xx
  int backoff_ms = 200;          // first retry delay, doubled after each attempt
  long timeout_s = 300;          // per request
  std::string netrc_file;        // "" = $PRESSKG_NETRC, else curl's default (~/.netrc)
};

Result<std::unique_ptr<GraphSink>> OpenEndpointSink(const std::string& url, const EndpointOptions& options);
Result<QueryResult> QueryEndpoint(const std::string& url, const std::string& sparql,
                                  const EndpointOptions& options);

// ---- Result formats (additive) ---------------------------------------------------------------
// kTable: aligned for a terminal (East Asian wide characters count two columns); kCsv/kTsv: SPARQL
// 1.1 Query Results CSV and TSV; kJson: SPARQL 1.1 Query Results JSON.
enum class ResultsFormat { kTable, kCsv, kTsv, kJson };
Result<ResultsFormat> ResultsFormatFromName(const std::string& name);  // table|csv|tsv|json
std::string FormatResults(const QueryResult& result, ResultsFormat format);
// Reads SPARQL 1.1 Query Results JSON (also SPARQL 1.0 "typed-literal" bindings).
Result<QueryResult> ParseSparqlJson(const std::string& text);

}  // namespace presskg

#endif  // PRESSKG_STORE_H
