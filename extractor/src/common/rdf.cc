#include "presskg/rdf.h"

#include <utility>

namespace presskg {

Quads QuadTable::ToQuads() const& {
  Quads out(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    out[i] = Quad{terms[r.s], terms[r.p], terms[r.o], graph_of(r)};
  }
  return out;
}

Quads QuadTable::ToQuads() && {
  // Each term is copied into the quads that use it and moved into the last one.
  std::vector<std::uint32_t> uses(terms.size(), 0);
  for (const Row& r : rows) {
    ++uses[r.s], ++uses[r.p], ++uses[r.o];
    if (r.g != kDefaultGraph) ++uses[r.g];
  }
  auto take = [&](std::uint32_t id, Term* to) {
    if (--uses[id] == 0) {
      *to = std::move(terms[id]);
    } else {
      *to = terms[id];
    }
  };
  Quads out(rows.size());  // filled in place: no temporary Quad to move
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    Quad& q = out[i];
    take(r.s, &q.subject);
    take(r.p, &q.predicate);
    take(r.o, &q.object);
    if (r.g != kDefaultGraph) take(r.g, &q.graph);
  }
  terms.clear();
  rows.clear();
  return out;
}

}  // namespace presskg
