// presskg/shacl.h — SHACL Core validation over Sord, reports as sh:ValidationReport.
//
//   Result<std::unique_ptr<ShapesGraph>> shapes = ShapesGraph::LoadDir("shapes/");
//   ValidationReport r = (*shapes)->Validate(quads);   // data: union of all graphs
//   if (!r.conforms) for (auto& v : r.results) std::cerr << v.ToText() << "\n";
//
// SHACL Core 1.0, all of it (targets, paths, every Core constraint component, sh:deactivated,
// severities, messages); it passes the 98 W3C Core tests. For big inputs, ValidateFiles parses the
// files straight into the validator's Sord store. See docs/shacl.md.
#ifndef PRESSKG_SHACL_H
#define PRESSKG_SHACL_H

#include <memory>
#include <string>
#include <vector>

#include "presskg/rdf.h"
#include "presskg/status.h"

namespace presskg {

struct ValidationResult {
  Term focus_node;
  std::string result_path;   // SPARQL-like rendering of the path, "" for node shapes
  Term value;                // kNone when absent
  std::string component;     // sh:...ConstraintComponent IRI
  std::string severity;      // sh:Violation IRI etc.
  Term source_shape;
  std::string message;
  std::string ToText() const;  // one readable line naming focus node, path, value and constraint
  // The sh:resultPath as RDF: the predicate IRI, or a blank node whose structure is in path_quads
  // (blank labels private to this result). kNone for node shapes.
  Term path;
  Quads path_quads;
  std::vector<Term> messages;  // the shape's sh:message literals (with language tags); may be empty
};

struct ValidationReport {
  bool conforms = true;
  std::vector<ValidationResult> results;
  Quads ToRdf() const;  // sh:ValidationReport in the default graph; first quad: <report> a sh:ValidationReport
  std::string ToText() const;  // one line per result, then "conforms: N results" / "does not conform: ..."
};

class ShapesGraph {
 public:
  virtual ~ShapesGraph() = default;
  static Result<std::unique_ptr<ShapesGraph>> LoadDir(const std::string& dir);  // every *.ttl in dir
  static Result<std::unique_ptr<ShapesGraph>> LoadFile(const std::string& path);
  static Result<std::unique_ptr<ShapesGraph>> FromQuads(const Quads& shapes);
  // Thread-safe. Validates the union of all graphs in `data`.
  virtual ValidationReport Validate(const Quads& data) const = 0;
  // Thread-safe. Parses RDF files (Turtle, N-Triples, N-Quads, TriG; by extension) and validates
  // their union without building Quads first: for large graphs. Errors carry file/line/column.
  virtual Result<ValidationReport> ValidateFiles(const std::vector<std::string>& paths) const = 0;
};

}  // namespace presskg

#endif  // PRESSKG_SHACL_H
