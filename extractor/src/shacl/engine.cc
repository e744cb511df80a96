#include "shacl/engine.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <tuple>

#include "shacl/xsd.h"

namespace presskg::shacl {
namespace {

constexpr int kMaxDepth = 64;  // recursive shapes are undefined in SHACL 1.0; stop, do not loop

const char* const kComponentNames[] = {
    "Class", "Datatype", "NodeKind", "MinCount", "MaxCount", "MinExclusive", "MinInclusive",
    "MaxExclusive", "MaxInclusive", "MinLength", "MaxLength", "Pattern", "LanguageIn", "UniqueLang",
    "Equals", "Disjoint", "LessThan", "LessThanOrEquals", "Not", "And", "Or", "Xone", "Node",
    "Property", "QualifiedMinCount", "QualifiedMaxCount", "Closed", "HasValue", "In",
};

// Boolean parameters are activated by the term true only: "1"^^xsd:boolean is a different term, and
// the W3C suite (property/uniqueLang-002) expects it to leave the constraint off.
bool IsTrue(Node n) {
  return IsLiteral(n) && std::string(Str(n)) == "true" &&
         DatatypeOf(n) == std::string(ns::kXsd) + "boolean";
}

bool ParseCount(Node n, long long* out) {
  if (!IsLiteral(n)) return false;
  const char* s = Str(n);
  char* end = nullptr;
  long long v = std::strtoll(s, &end, 10);
  if (end == s || *end) return false;
  *out = v;
  return true;
}

size_t CodePoints(const char* s) {
  size_t n = 0;
  for (; *s; ++s)
    if ((static_cast<unsigned char>(*s) & 0xC0) != 0x80) ++n;
  return n;
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// SPARQL langMatches with basic filtering (RFC 4647 3.3.1).
bool LangMatches(const std::string& tag, const std::string& range) {
  if (tag.empty()) return false;
  if (range == "*") return true;
  std::string t = Lower(tag), r = Lower(range);
  return t == r || (t.size() > r.size() && t.compare(0, r.size(), r) == 0 && t[r.size()] == '-');
}

// XPath regex flags mapped to RE2. 'x' (strip whitespace) is applied to the pattern itself; 'q'
// (literal) uses RE2's literal mode. Unknown flags make the pattern fail to compile.
std::shared_ptr<RE2> CompileRegex(const std::string& pattern, const std::string& flags, std::string* error) {
  RE2::Options opt;
  opt.set_log_errors(false);
  std::string prefix, pat = pattern;
  for (char f : flags) {
    switch (f) {
      case 'i': opt.set_case_sensitive(false); break;
      case 's': opt.set_dot_nl(true); break;
      case 'm': prefix += "(?m)"; break;
      case 'q': opt.set_literal(true); break;
      case 'x': pat.erase(std::remove_if(pat.begin(), pat.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }), pat.end()); break;
      default: *error = std::string("unsupported regex flag '") + f + "'"; return nullptr;
    }
  }
  if (opt.literal() && !prefix.empty()) prefix.clear();  // (?m) means nothing to a literal
  auto re = std::make_shared<RE2>(prefix + pat, opt);
  if (!re->ok()) {
    *error = re->error();
    return nullptr;
  }
  return re;
}

}  // namespace

const char* ComponentIri(Component c) {
  static std::string iris[sizeof kComponentNames / sizeof kComponentNames[0]];
  static const bool init = [] {
    for (size_t i = 0; i < sizeof kComponentNames / sizeof kComponentNames[0]; ++i)
      iris[i] = std::string(ns::kSh) + kComponentNames[i] + "ConstraintComponent";
    return true;
  }();
  (void)init;
  return iris[static_cast<int>(c)].c_str();
}

struct Engine::Vocab {
  explicit Vocab(World& w) {
    auto sh = [&](const char* l) { return w.Iri(std::string(ns::kSh) + l); };
    rdf_type = w.Iri(std::string(ns::kRdf) + "type");
    rdfs_subClassOf = w.Iri(std::string(ns::kRdfs) + "subClassOf");
    rdfs_Class = w.Iri(std::string(ns::kRdfs) + "Class");
    NodeShape = sh("NodeShape");
    PropertyShape = sh("PropertyShape");
    path = sh("path");
    deactivated = sh("deactivated");
    severity = sh("severity");
    message = sh("message");
    Violation = sh("Violation");
    targetClass = sh("targetClass");
    targetNode = sh("targetNode");
    targetSubjectsOf = sh("targetSubjectsOf");
    targetObjectsOf = sh("targetObjectsOf");
    inversePath = sh("inversePath");
    alternativePath = sh("alternativePath");
    zeroOrMorePath = sh("zeroOrMorePath");
    oneOrMorePath = sh("oneOrMorePath");
    zeroOrOnePath = sh("zeroOrOnePath");
    rdf_first = w.Iri(std::string(ns::kRdf) + "first");
    class_ = sh("class");
    datatype = sh("datatype");
    nodeKind = sh("nodeKind");
    minCount = sh("minCount");
    maxCount = sh("maxCount");
    minExclusive = sh("minExclusive");
    minInclusive = sh("minInclusive");
    maxExclusive = sh("maxExclusive");
    maxInclusive = sh("maxInclusive");
    minLength = sh("minLength");
    maxLength = sh("maxLength");
    pattern = sh("pattern");
    flags = sh("flags");
    languageIn = sh("languageIn");
    uniqueLang = sh("uniqueLang");
    equals = sh("equals");
    disjoint = sh("disjoint");
    lessThan = sh("lessThan");
    lessThanOrEquals = sh("lessThanOrEquals");
    not_ = sh("not");
    and_ = sh("and");
    or_ = sh("or");
    xone = sh("xone");
    node = sh("node");
    property = sh("property");
    qualifiedValueShape = sh("qualifiedValueShape");
    qualifiedMinCount = sh("qualifiedMinCount");
    qualifiedMaxCount = sh("qualifiedMaxCount");
    qualifiedValueShapesDisjoint = sh("qualifiedValueShapesDisjoint");
    closed = sh("closed");
    ignoredProperties = sh("ignoredProperties");
    hasValue = sh("hasValue");
    in = sh("in");
    IRI = sh("IRI");
    BlankNode = sh("BlankNode");
    Literal = sh("Literal");
    BlankNodeOrIRI = sh("BlankNodeOrIRI");
    BlankNodeOrLiteral = sh("BlankNodeOrLiteral");
    IRIOrLiteral = sh("IRIOrLiteral");
  }
  Node rdf_type, rdfs_subClassOf, rdfs_Class, NodeShape, PropertyShape, path, deactivated, severity,
      message, Violation, targetClass, targetNode, targetSubjectsOf, targetObjectsOf, inversePath,
      alternativePath, zeroOrMorePath, oneOrMorePath, zeroOrOnePath, rdf_first, class_, datatype,
      nodeKind, minCount, maxCount, minExclusive, minInclusive, maxExclusive, maxInclusive, minLength,
      maxLength, pattern, flags, languageIn, uniqueLang, equals, disjoint, lessThan, lessThanOrEquals,
      not_, and_, or_, xone, node, property, qualifiedValueShape, qualifiedMinCount, qualifiedMaxCount,
      qualifiedValueShapesDisjoint, closed, ignoredProperties, hasValue, in, IRI, BlankNode, Literal,
      BlankNodeOrIRI, BlankNodeOrLiteral, IRIOrLiteral;
};

Engine::Engine(World& world, const Graph& shapes, const Graph& data)
    : world_(world), shapes_(shapes), data_(&data), v_(std::make_unique<Vocab>(world)) {}

void Engine::SetData(const Graph& data) {
  data_ = &data;
  supers_.clear();  // the class hierarchy comes from the data graph
}

Engine::~Engine() = default;

Shape* Engine::GetShape(Node id) {
  auto it = shape_map_.find(id);
  if (it != shape_map_.end()) return it->second.get();
  auto owned = std::make_unique<Shape>();
  Shape* s = owned.get();
  s->id = id;
  shape_map_.emplace(id, std::move(owned));
  Compile(s);  // after insertion, so that cyclic references find the shape
  return s;
}

Path Engine::ParsePath(Node n, int depth) {
  Path p;
  if (!n || depth > kMaxDepth) return p;
  if (IsIri(n)) {
    p.kind = Path::kPredicate;
    p.predicate = n;
    return p;
  }
  if (!IsBlank(n)) return p;
  if (shapes_.Object(n, v_->rdf_first)) {  // a list is a sequence path, whatever else it says
    p.kind = Path::kSequence;
    for (Node m : shapes_.List(n)) p.parts.push_back(ParsePath(m, depth + 1));
    return p;
  }
  if (Node alt = shapes_.Object(n, v_->alternativePath)) {
    p.kind = Path::kAlternative;
    for (Node m : shapes_.List(alt)) p.parts.push_back(ParsePath(m, depth + 1));
    return p;
  }
  struct Unary { Node pred; Path::Kind kind; } unary[] = {
      {v_->inversePath, Path::kInverse}, {v_->zeroOrMorePath, Path::kZeroOrMore},
      {v_->oneOrMorePath, Path::kOneOrMore}, {v_->zeroOrOnePath, Path::kZeroOrOne}};
  for (const Unary& u : unary) {
    if (Node inner = shapes_.Object(n, u.pred)) {
      p.kind = u.kind;
      p.parts.push_back(ParsePath(inner, depth + 1));
      return p;
    }
  }
  return p;
}

void Engine::Compile(Shape* s) {
  const Graph& g = shapes_;
  Node id = s->id;
  if (Node path = g.Object(id, v_->path)) {
    s->is_property = true;
    s->path = ParsePath(path, 0);
  }
  for (Node d : g.Objects(id, v_->deactivated))
    if (IsTrue(d)) s->deactivated = true;
  s->severity = g.Object(id, v_->severity);
  if (!s->severity) s->severity = v_->Violation;
  s->messages = g.Objects(id, v_->message);
  s->target_class = g.Objects(id, v_->targetClass);
  s->target_node = g.Objects(id, v_->targetNode);
  s->target_subjects_of = g.Objects(id, v_->targetSubjectsOf);
  s->target_objects_of = g.Objects(id, v_->targetObjectsOf);
  // Implicit class target: the shape is also a SHACL instance of rdfs:Class in the shapes graph.
  {
    bool is_shape = false, is_class = false;
    for (Node t : g.Objects(id, v_->rdf_type)) {
      std::vector<Node> todo{t}, seen;
      while (!todo.empty()) {
        Node c = todo.back();
        todo.pop_back();
        if (std::find(seen.begin(), seen.end(), c) != seen.end()) continue;
        seen.push_back(c);
        if (c == v_->NodeShape || c == v_->PropertyShape) is_shape = true;
        if (c == v_->rdfs_Class) is_class = true;
        g.ForObjects(c, v_->rdfs_subClassOf, [&](Node sup) { todo.push_back(sup); });
      }
    }
    if (is_shape && is_class && std::find(s->target_class.begin(), s->target_class.end(), id) == s->target_class.end())
      s->target_class.push_back(id);
  }

  auto add = [&](Component k, Node param) {
    Constraint c;
    c.kind = k;
    c.param = param;
    s->constraints.push_back(std::move(c));
    return &s->constraints.back();
  };
  std::vector<std::pair<Node, Node>> params;
  g.Each(id, nullptr, nullptr, [&](Node, Node p, Node o) { params.emplace_back(p, o); });
  for (auto& [p, o] : params) {
    const Vocab& v = *v_;
    if (p == v.class_) add(Component::kClass, o);
    else if (p == v.datatype) add(Component::kDatatype, o);
    else if (p == v.nodeKind) add(Component::kNodeKind, o);
    else if ((p == v.minCount || p == v.maxCount) && s->is_property) {
      long long n;
      if (ParseCount(o, &n)) add(p == v.minCount ? Component::kMinCount : Component::kMaxCount, o)->count = n;
    } else if (p == v.minExclusive) add(Component::kMinExclusive, o);
    else if (p == v.minInclusive) add(Component::kMinInclusive, o);
    else if (p == v.maxExclusive) add(Component::kMaxExclusive, o);
    else if (p == v.maxInclusive) add(Component::kMaxInclusive, o);
    else if (p == v.minLength || p == v.maxLength) {
      long long n;
      if (ParseCount(o, &n)) add(p == v.minLength ? Component::kMinLength : Component::kMaxLength, o)->count = n;
    } else if (p == v.pattern && IsLiteral(o)) {
      Node f = g.Object(id, v.flags);
      std::string error;
      auto re = CompileRegex(Str(o), f ? Str(f) : "", &error);
      if (!re) {
        if (status_.ok())
          status_ = InvalidArgument("sh:pattern " + Render(o) + ": " + error, {"", 0, 0, Render(id)});
        continue;
      }
      add(Component::kPattern, o)->regex = re;
    } else if (p == v.languageIn) {
      add(Component::kLanguageIn, o)->nodes = g.List(o);
    } else if (p == v.uniqueLang && s->is_property) {
      if (IsTrue(o)) add(Component::kUniqueLang, o);
    } else if (p == v.equals) add(Component::kEquals, o);
    else if (p == v.disjoint) add(Component::kDisjoint, o);
    else if ((p == v.lessThan || p == v.lessThanOrEquals) && s->is_property)
      add(p == v.lessThan ? Component::kLessThan : Component::kLessThanOrEquals, o);
    else if (p == v.not_ || p == v.node || p == v.property) {
      Component k = p == v.not_ ? Component::kNot : (p == v.node ? Component::kNode : Component::kProperty);
      const Shape* target = GetShape(o);  // compiles o first: it never adds to s (s is in the map)
      add(k, o)->shapes.push_back(target);
    } else if (p == v.and_ || p == v.or_ || p == v.xone) {
      Component k = p == v.and_ ? Component::kAnd : (p == v.or_ ? Component::kOr : Component::kXone);
      std::vector<const Shape*> members;
      for (Node m : g.List(o)) members.push_back(GetShape(m));
      add(k, o)->shapes = std::move(members);
    } else if (p == v.qualifiedValueShape && s->is_property) {
      long long min = -1, max = -1;
      if (Node n = g.Object(id, v.qualifiedMinCount)) ParseCount(n, &min);
      if (Node n = g.Object(id, v.qualifiedMaxCount)) ParseCount(n, &max);
      bool disjoint = false;
      for (Node d : g.Objects(id, v.qualifiedValueShapesDisjoint)) disjoint = disjoint || IsTrue(d);
      std::vector<const Shape*> siblings;
      if (disjoint) {
        std::vector<Node> sibling_nodes;
        for (Node parent : g.Subjects(v.property, id))
          for (Node ps : g.Objects(parent, v.property))
            for (Node q : g.Objects(ps, v.qualifiedValueShape))
              if (q != o && std::find(sibling_nodes.begin(), sibling_nodes.end(), q) == sibling_nodes.end())
                sibling_nodes.push_back(q);
        for (Node q : sibling_nodes) siblings.push_back(GetShape(q));
      }
      const Shape* qvs = GetShape(o);
      if (min >= 0) {
        Constraint* c = add(Component::kQualifiedMinCount, o);
        c->count = min;
        c->shapes = {qvs};
        c->siblings = siblings;
      }
      if (max >= 0) {
        Constraint* c = add(Component::kQualifiedMaxCount, o);
        c->count = max;
        c->shapes = {qvs};
        c->siblings = siblings;
      }
    } else if (p == v.closed && IsTrue(o)) {
      Constraint* c = add(Component::kClosed, o);
      for (Node ps : g.Objects(id, v.property))
        for (Node path : g.Objects(ps, v.path))
          if (IsIri(path)) c->set.insert(path);
      for (Node ip : g.Objects(id, v.ignoredProperties))
        for (Node m : g.List(ip)) c->set.insert(m);
    } else if (p == v.hasValue) add(Component::kHasValue, o);
    else if (p == v.in) {
      Constraint* c = add(Component::kIn, o);
      c->nodes = g.List(o);
      c->set.insert(c->nodes.begin(), c->nodes.end());
    }
  }
}

void Engine::EvalPath(const Path& p, const std::vector<Node>& starts, bool inverse, std::vector<Node>* out) {
  switch (p.kind) {
    case Path::kPredicate:
      for (Node s : starts) {
        if (inverse) data_->ForSubjects(p.predicate, s, [&](Node x) { out->push_back(x); });
        else data_->ForObjects(s, p.predicate, [&](Node x) { out->push_back(x); });
      }
      return;
    case Path::kInverse:
      EvalPath(p.parts[0], starts, !inverse, out);
      return;
    case Path::kSequence: {
      std::vector<Node> cur = starts, next;
      for (size_t i = 0; i < p.parts.size(); ++i) {
        const Path& part = p.parts[inverse ? p.parts.size() - 1 - i : i];
        next.clear();
        EvalPath(part, cur, inverse, &next);
        std::unordered_set<Node> seen;
        cur.clear();
        for (Node n : next)
          if (seen.insert(n).second) cur.push_back(n);
      }
      out->insert(out->end(), cur.begin(), cur.end());
      return;
    }
    case Path::kAlternative:
      for (const Path& part : p.parts) EvalPath(part, starts, inverse, out);
      return;
    case Path::kZeroOrOne:
      out->insert(out->end(), starts.begin(), starts.end());
      EvalPath(p.parts[0], starts, inverse, out);
      return;
    case Path::kZeroOrMore:
    case Path::kOneOrMore: {
      std::unordered_set<Node> seen;
      std::vector<Node> frontier;
      if (p.kind == Path::kZeroOrMore) {
        for (Node s : starts)
          if (seen.insert(s).second) out->push_back(s);
      }
      frontier = starts;
      while (!frontier.empty()) {
        std::vector<Node> step;
        EvalPath(p.parts[0], frontier, inverse, &step);
        frontier.clear();
        for (Node n : step)
          if (seen.insert(n).second) {
            out->push_back(n);
            frontier.push_back(n);
          }
      }
      return;
    }
    case Path::kInvalid:
      return;
  }
}

std::vector<Node> Engine::ValueNodes(const Shape& s, Node focus) {
  if (!s.is_property) return {focus};
  std::vector<Node> raw;
  if (s.path.kind == Path::kPredicate) {  // the common case: Sord already returns a set
    data_->ForObjects(focus, s.path.predicate, [&](Node o) { raw.push_back(o); });
    return raw;
  }
  EvalPath(s.path, {focus}, false, &raw);
  std::vector<Node> out;
  std::unordered_set<Node> seen;
  for (Node n : raw)
    if (seen.insert(n).second) out.push_back(n);
  return out;
}

const std::vector<Node>& Engine::SuperClasses(Node cls) {
  auto it = supers_.find(cls);
  if (it != supers_.end()) return it->second;
  std::vector<Node> out;
  std::unordered_set<Node> seen{cls};
  std::vector<Node> todo{cls};
  while (!todo.empty()) {
    Node c = todo.back();
    todo.pop_back();
    out.push_back(c);
    data_->ForObjects(c, v_->rdfs_subClassOf, [&](Node sup) {
      if (seen.insert(sup).second) todo.push_back(sup);
    });
  }
  return supers_.emplace(cls, std::move(out)).first->second;
}

bool Engine::IsInstance(Node v, Node cls) {
  if (IsLiteral(v)) return false;
  bool found = false;
  data_->ForObjects(v, v_->rdf_type, [&](Node t) {
    if (found) return;
    if (t == cls) { found = true; return; }
    const std::vector<Node>& sup = SuperClasses(t);
    found = std::find(sup.begin(), sup.end(), cls) != sup.end();
  });
  return found;
}

bool Engine::Conforms(Node v, const Shape& s, int depth) { return Validate(v, s, nullptr, depth + 1); }

bool Engine::Validate(Node focus, const Shape& s, std::vector<RawResult>* out, int depth) {
  if (s.deactivated || depth > kMaxDepth) return true;
  std::vector<Node> values = ValueNodes(s, focus);
  bool ok = true;
  // Records one result; when only conformance is asked (out == nullptr) the first one decides.
#define EMIT(value, pred)                                                  \
  do {                                                                     \
    if (!out) return false;                                                \
    out->push_back(RawResult{focus, &s, c.kind, (value), (pred), &c});     \
    ok = false;                                                            \
  } while (0)
  for (const Constraint& c : s.constraints) {
    switch (c.kind) {
      case Component::kClass:
        for (Node v : values)
          if (!IsInstance(v, c.param)) EMIT(v, nullptr);
        break;
      case Component::kDatatype: {
        std::string want = IsIri(c.param) ? Str(c.param) : "";
        for (Node v : values) {
          bool good = IsLiteral(v) && DatatypeOf(v) == want && xsd::IsValidLexical(want, Str(v));
          if (!good) EMIT(v, nullptr);
        }
        break;
      }
      case Component::kNodeKind: {
        const Vocab& k = *v_;
        for (Node v : values) {
          bool iri = IsIri(v), blank = IsBlank(v), lit = IsLiteral(v);
          bool good = (c.param == k.IRI && iri) || (c.param == k.BlankNode && blank) ||
                      (c.param == k.Literal && lit) || (c.param == k.BlankNodeOrIRI && (blank || iri)) ||
                      (c.param == k.BlankNodeOrLiteral && (blank || lit)) ||
                      (c.param == k.IRIOrLiteral && (iri || lit));
          if (!good) EMIT(v, nullptr);
        }
        break;
      }
      case Component::kMinCount:
        if (static_cast<long long>(values.size()) < c.count) EMIT(nullptr, nullptr);
        break;
      case Component::kMaxCount:
        if (static_cast<long long>(values.size()) > c.count) EMIT(nullptr, nullptr);
        break;
      case Component::kMinExclusive:
      case Component::kMinInclusive:
      case Component::kMaxExclusive:
      case Component::kMaxInclusive:
        for (Node v : values) {
          std::optional<int> cmp = xsd::Compare(v, c.param);
          bool good = cmp && ((c.kind == Component::kMinExclusive && *cmp > 0) ||
                              (c.kind == Component::kMinInclusive && *cmp >= 0) ||
                              (c.kind == Component::kMaxExclusive && *cmp < 0) ||
                              (c.kind == Component::kMaxInclusive && *cmp <= 0));
          if (!good) EMIT(v, nullptr);
        }
        break;
      case Component::kMinLength:
      case Component::kMaxLength:
        for (Node v : values) {
          bool good = false;
          if (!IsBlank(v)) {
            long long len = static_cast<long long>(CodePoints(Str(v)));
            good = c.kind == Component::kMinLength ? len >= c.count : len <= c.count;
          }
          if (!good) EMIT(v, nullptr);
        }
        break;
      case Component::kPattern:
        for (Node v : values)
          if (IsBlank(v) || !RE2::PartialMatch(Str(v), *c.regex)) EMIT(v, nullptr);
        break;
      case Component::kLanguageIn:
        for (Node v : values) {
          std::string lang = LangOf(v);
          bool good = false;
          for (Node range : c.nodes)
            if (IsLiteral(range) && LangMatches(lang, Str(range))) good = true;
          if (!good) EMIT(v, nullptr);
        }
        break;
      case Component::kUniqueLang: {
        std::vector<std::pair<std::string, int>> counts;
        for (Node v : values) {
          std::string lang = Lower(LangOf(v));
          if (lang.empty()) continue;
          auto it = std::find_if(counts.begin(), counts.end(), [&](auto& e) { return e.first == lang; });
          if (it == counts.end()) counts.emplace_back(lang, 1);
          else ++it->second;
        }
        for (auto& e : counts)
          if (e.second > 1) EMIT(nullptr, nullptr);
        break;
      }
      case Component::kEquals: {
        std::vector<Node> other = data_->Objects(focus, c.param);
        std::unordered_set<Node> vs(values.begin(), values.end()), os(other.begin(), other.end());
        for (Node v : values)
          if (!os.count(v)) EMIT(v, nullptr);
        for (Node o : other)
          if (!vs.count(o)) EMIT(o, nullptr);
        break;
      }
      case Component::kDisjoint:
        for (Node v : values)
          if (data_->Has(focus, c.param, v)) EMIT(v, nullptr);
        break;
      case Component::kLessThan:
      case Component::kLessThanOrEquals: {
        std::vector<Node> other = data_->Objects(focus, c.param);
        for (Node v : values)
          for (Node o : other) {
            std::optional<int> cmp = xsd::Compare(v, o);
            bool good = cmp && (c.kind == Component::kLessThan ? *cmp < 0 : *cmp <= 0);
            if (!good) EMIT(v, nullptr);
          }
        break;
      }
      case Component::kNot:
        for (Node v : values)
          if (Conforms(v, *c.shapes[0], depth)) EMIT(v, nullptr);
        break;
      case Component::kAnd:
      case Component::kOr:
      case Component::kXone:
        for (Node v : values) {
          int n = 0;
          bool good;
          if (c.kind == Component::kAnd) {
            good = true;
            for (const Shape* m : c.shapes)
              if (!Conforms(v, *m, depth)) { good = false; break; }
          } else if (c.kind == Component::kOr) {
            good = false;
            for (const Shape* m : c.shapes)
              if (Conforms(v, *m, depth)) { good = true; break; }
          } else {
            for (const Shape* m : c.shapes) n += Conforms(v, *m, depth);
            good = n == 1;
          }
          if (!good) EMIT(v, nullptr);
        }
        break;
      case Component::kNode:
        for (Node v : values)
          if (!Conforms(v, *c.shapes[0], depth)) EMIT(v, nullptr);
        break;
      case Component::kProperty:
        for (Node v : values)
          if (!Validate(v, *c.shapes[0], out, depth + 1)) {
            if (!out) return false;
            ok = false;
          }
        break;
      case Component::kQualifiedMinCount:
      case Component::kQualifiedMaxCount: {
        long long n = 0;
        for (Node v : values) {
          if (!Conforms(v, *c.shapes[0], depth)) continue;
          bool in_sibling = false;
          for (const Shape* sib : c.siblings)
            if (Conforms(v, *sib, depth)) { in_sibling = true; break; }
          if (!in_sibling) ++n;
        }
        if (c.kind == Component::kQualifiedMinCount ? n < c.count : n > c.count) EMIT(nullptr, nullptr);
        break;
      }
      case Component::kClosed:
        for (Node v : values) {
          std::vector<std::pair<Node, Node>> extra;
          data_->Each(v, nullptr, nullptr, [&](Node, Node p, Node o) {
            if (!c.set.count(p)) extra.emplace_back(p, o);
          });
          for (auto& [p, o] : extra) {
            if (!out) return false;
            out->push_back(RawResult{v, &s, c.kind, o, p, &c});
            ok = false;
          }
        }
        break;
      case Component::kHasValue:
        if (std::find(values.begin(), values.end(), c.param) == values.end()) EMIT(nullptr, nullptr);
        break;
      case Component::kIn:
        for (Node v : values)
          if (!c.set.count(v)) EMIT(v, nullptr);
        break;
    }
  }
#undef EMIT
  return ok;
}

std::vector<Node> Engine::FocusNodes(const Shape& s) {
  std::vector<Node> out;
  std::unordered_set<Node> seen;
  auto push = [&](Node n) {
    if (seen.insert(n).second) out.push_back(n);
  };
  for (Node n : s.target_node) push(n);
  for (Node cls : s.target_class) {
    // Instances of the class and of its subclasses (rdfs:subClassOf* in the data graph).
    std::unordered_set<Node> classes{cls};
    std::vector<Node> todo{cls};
    while (!todo.empty()) {
      Node c = todo.back();
      todo.pop_back();
      data_->ForSubjects(v_->rdf_type, c, push);
      data_->ForSubjects(v_->rdfs_subClassOf, c, [&](Node sub) {
        if (classes.insert(sub).second) todo.push_back(sub);
      });
    }
  }
  for (Node p : s.target_subjects_of) data_->Each(nullptr, p, nullptr, [&](Node x, Node, Node) { push(x); });
  for (Node p : s.target_objects_of) data_->Each(nullptr, p, nullptr, [&](Node, Node, Node x) { push(x); });
  return out;
}

ValidationReport Engine::Run() {
  // Shapes with targets: explicit target triples, or implicit class targets (typed shapes).
  std::vector<Node> candidates;
  std::unordered_set<Node> seen;
  auto consider = [&](Node n) {
    if (seen.insert(n).second) candidates.push_back(n);
  };
  for (Node p : {v_->targetClass, v_->targetNode, v_->targetSubjectsOf, v_->targetObjectsOf})
    shapes_.Each(nullptr, p, nullptr, [&](Node s, Node, Node) { consider(s); });
  for (Node t : {v_->NodeShape, v_->PropertyShape}) shapes_.ForSubjects(v_->rdf_type, t, consider);
  std::vector<RawResult> raw;
  for (Node id : candidates) {
    const Shape* s = GetShape(id);
    if (s->deactivated) continue;
    for (Node focus : FocusNodes(*s)) Validate(focus, *s, &raw, 0);
  }
  ValidationReport report;
  report.results.reserve(raw.size());
  for (const RawResult& r : raw) report.results.push_back(Convert(r));
  // Nodes are ordered by address inside the store: sort the results so that reports are stable.
  std::stable_sort(report.results.begin(), report.results.end(),
                   [](const ValidationResult& a, const ValidationResult& b) {
                     return std::tie(a.focus_node, a.result_path, a.component, a.value) <
                            std::tie(b.focus_node, b.result_path, b.component, b.value);
                   });
  report.conforms = report.results.empty();
  return report;
}

}  // namespace presskg::shacl
