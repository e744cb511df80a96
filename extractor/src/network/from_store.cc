// network/from_store.cc — the network's input from an embedded store: one SELECT for the few
// predicates BuildNetwork reads, turned back into quads.
#include <string>

#include "presskg/network.h"
#include "presskg/store.h"

namespace presskg {

Result<Quads> NetworkQuadsFromStore(Store& store) {
  const std::string predicates[] = {
      std::string(ns::kRdf) + "type",         std::string(ns::kRdfs) + "label",
      std::string(ns::kPkg) + "kind",         std::string(ns::kPkg) + "party",
      std::string(ns::kPkg) + "country",      std::string(ns::kPkg) + "isoCode",
      std::string(ns::kPkg) + "inDocument",   std::string(ns::kDcterms) + "date",
      std::string(ns::kDcterms) + "identifier", std::string(ns::kDcterms) + "language",
      std::string(ns::kSchema) + "datePublished",
  };
  // FILTER with || rather than IN or VALUES: every SPARQL engine the project meets runs it.
  std::string filter;
  for (const auto& p : predicates) filter += (filter.empty() ? "" : " || ") + std::string("?p = <") + p + ">";
  const std::string query =
      "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o . FILTER(" + filter + ") } }";
  Result<QueryResult> rows = store.Query(query);
  if (!rows.ok()) return rows.status();
  int col[4] = {-1, -1, -1, -1};
  const char* names[4] = {"s", "p", "o", "g"};
  for (int k = 0; k < 4; ++k)
    for (size_t i = 0; i < rows->variables.size(); ++i)
      if (rows->variables[i] == names[k]) col[k] = static_cast<int>(i);
  for (int k = 0; k < 4; ++k)
    if (col[k] < 0) return Internal(std::string("network: store result lacks ?") + names[k]);
  Quads quads;
  quads.reserve(rows->rows.size());
  for (auto& row : rows->rows) {
    if (row.size() != rows->variables.size())
      return Internal("network: store returned a row of " + std::to_string(row.size()) + " columns");
    quads.push_back(Quad{std::move(row[col[0]]), std::move(row[col[1]]), std::move(row[col[2]]),
                         std::move(row[col[3]])});
  }
  return quads;
}

Result<Network> BuildNetworkFromStore(Store& store, const NetworkOptions& options) {
  Result<Quads> quads = NetworkQuadsFromStore(store);
  if (!quads.ok()) return quads.status();
  return BuildNetwork(*quads, options);
}

}  // namespace presskg
