// shacl/engine.h — the SHACL Core engine behind ShapesGraph: compiles the shapes graph into Shape
// structs (once per validation; shapes graphs are small) and validates a data graph against them.
//
//   shacl::World w;  shacl::Graph shapes(w), data(w);  ... load both ...
//   shacl::Engine engine(w, shapes, data);
//   if (!engine.status().ok()) ...            // e.g. an sh:pattern RE2 cannot compile
//   ValidationReport r = engine.Run();
//
// `shapes` and `data` may be the same Graph (the W3C tests keep both in one file). The engine keeps
// caches (class hierarchy, compiled shapes) and is therefore used by one thread at a time. Compiled
// shapes depend on the shapes graph only: SetData points the engine at another data graph (in the
// same World) and keeps them.
#ifndef PRESSKG_SHACL_ENGINE_H
#define PRESSKG_SHACL_ENGINE_H

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "presskg/shacl.h"
#include "shacl/store.h"

namespace re2 {
class RE2;
}

namespace presskg::shacl {

struct Path {
  enum Kind { kPredicate, kInverse, kSequence, kAlternative, kZeroOrMore, kOneOrMore, kZeroOrOne, kInvalid };
  Kind kind = kInvalid;
  Node predicate = nullptr;
  std::vector<Path> parts;  // sequence/alternative members, or the one inner path
};

enum class Component {
  kClass, kDatatype, kNodeKind, kMinCount, kMaxCount, kMinExclusive, kMinInclusive, kMaxExclusive,
  kMaxInclusive, kMinLength, kMaxLength, kPattern, kLanguageIn, kUniqueLang, kEquals, kDisjoint,
  kLessThan, kLessThanOrEquals, kNot, kAnd, kOr, kXone, kNode, kProperty, kQualifiedMinCount,
  kQualifiedMaxCount, kClosed, kHasValue, kIn,
};
const char* ComponentIri(Component c);  // e.g. "http://www.w3.org/ns/shacl#ClassConstraintComponent"

struct Shape;

struct Constraint {
  Component kind;
  Node param = nullptr;          // class, datatype, node kind, bound, predicate, value
  long long count = 0;           // counts and lengths
  std::vector<Node> nodes;       // sh:in members, sh:languageIn tags
  std::unordered_set<Node> set;  // sh:in members / sh:closed allowed predicates, for lookup
  std::vector<const Shape*> shapes;   // not/and/or/xone/node/property/qualifiedValueShape
  std::vector<const Shape*> siblings; // qualifiedValueShapesDisjoint
  std::shared_ptr<re2::RE2> regex;
};

struct Shape {
  Node id = nullptr;
  bool is_property = false;
  Path path;
  bool deactivated = false;
  Node severity = nullptr;
  std::vector<Node> messages;
  std::vector<Node> target_class, target_node, target_subjects_of, target_objects_of;
  std::vector<Constraint> constraints;
};

struct RawResult {
  Node focus;
  const Shape* shape;
  Component component;
  Node value;              // nullptr when the component reports no value
  Node path_predicate;     // sh:closed reports the offending predicate as the path
  const Constraint* constraint;
};

class Engine {
 public:
  Engine(World& world, const Graph& shapes, const Graph& data);
  ~Engine();
  const Status& status() const { return status_; }
  void SetData(const Graph& data);
  ValidationReport Run();
  // For tests: the focus nodes a shape targets.
  std::vector<Node> FocusNodes(const Shape& s);

 private:
  struct Vocab;
  Shape* GetShape(Node id);
  void Compile(Shape* s);
  Path ParsePath(Node n, int depth);
  void EvalPath(const Path& p, const std::vector<Node>& starts, bool inverse, std::vector<Node>* out);
  std::vector<Node> ValueNodes(const Shape& s, Node focus);
  bool Validate(Node focus, const Shape& s, std::vector<RawResult>* out, int depth);
  bool Conforms(Node v, const Shape& s, int depth);
  bool IsInstance(Node v, Node cls);
  const std::vector<Node>& SuperClasses(Node cls);
  ValidationResult Convert(const RawResult& r);
  std::string DefaultMessage(const RawResult& r);

  World& world_;
  const Graph& shapes_;
  const Graph* data_;
  std::unique_ptr<Vocab> v_;
  Status status_;
  std::unordered_map<Node, std::unique_ptr<Shape>> shape_map_;
  std::unordered_map<Node, std::vector<Node>> supers_;
};

std::string PathToString(const Path& p);

}  // namespace presskg::shacl

#endif  // PRESSKG_SHACL_ENGINE_H
