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

// Query a SPARQL 1.1 endpoint over HTTP.
Result<QueryResult> QueryEndpoint(const std::string& url, const std::string& sparql);

}  // namespace presskg

#endif  // PRESSKG_STORE_H
