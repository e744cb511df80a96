// Validation results: conversion from engine results to the public structs, default messages,
// readable text and the sh:ValidationReport graph.
#include <sstream>

#include "shacl/engine.h"

namespace presskg {
namespace {

struct Prefix {
  const char* name;
  const char* iri;
};
const Prefix kPrefixes[] = {
    {"sh", ns::kSh},     {"rdf", ns::kRdf},         {"rdfs", ns::kRdfs}, {"xsd", ns::kXsd},
    {"owl", ns::kOwl},   {"schema", ns::kSchema},   {"org", ns::kOrg},   {"prov", ns::kProv},
    {"dcterms", ns::kDcterms}, {"nif", ns::kNif},   {"pkg", ns::kPkg},   {"wd", ns::kWd},
};

// Prefixed name when a well-known namespace fits, else <iri>.
std::string CompactIri(const std::string& iri) {
  for (const Prefix& p : kPrefixes) {
    std::string ns = p.iri;
    if (iri.size() > ns.size() && iri.compare(0, ns.size(), ns) == 0) {
      std::string local = iri.substr(ns.size());
      if (local.find_first_of("/#?%:") == std::string::npos) return std::string(p.name) + ":" + local;
    }
  }
  return "<" + iri + ">";
}

std::string TermText(const Term& t) {
  switch (t.kind) {
    case Term::Kind::kIri: return CompactIri(t.value);
    case Term::Kind::kBlank: return "_:" + t.value;
    case Term::Kind::kLiteral: {
      std::string out = "\"";
      for (char c : t.value) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
      }
      out += '"';
      if (!t.lang.empty()) return out + "@" + t.lang;
      if (!t.datatype.empty()) out += "^^" + CompactIri(t.datatype);
      return out;
    }
    case Term::Kind::kNone: break;
  }
  return "(none)";
}

}  // namespace

std::string ValidationResult::ToText() const {
  std::ostringstream o;
  std::string sev = severity;
  if (sev.compare(0, std::string(ns::kSh).size(), ns::kSh) == 0) sev = sev.substr(std::string(ns::kSh).size());
  std::string comp = component;
  if (comp.compare(0, std::string(ns::kSh).size(), ns::kSh) == 0) comp = "sh:" + comp.substr(std::string(ns::kSh).size());
  o << sev << ": focus " << TermText(focus_node);
  if (!result_path.empty()) o << " path " << result_path;
  if (!value.is_none()) o << " value " << TermText(value);
  o << ": " << message << " [" << comp << ", shape " << TermText(source_shape) << "]";
  return o.str();
}

std::string ValidationReport::ToText() const {
  std::ostringstream o;
  for (const ValidationResult& r : results) o << r.ToText() << "\n";
  o << (conforms ? "conforms" : "does not conform") << ": " << results.size() << " result"
    << (results.size() == 1 ? "" : "s") << "\n";
  return o.str();
}

Quads ValidationReport::ToRdf() const {
  Quads q;
  auto sh = [](const char* l) { return Term::Iri(std::string(ns::kSh) + l); };
  const Term type = Term::Iri(std::string(ns::kRdf) + "type");
  // Labels for the report's own blank nodes must not collide with blank nodes in the results.
  std::string prefix = "shacl";
  for (bool clash = true; clash;) {
    clash = false;
    for (const ValidationResult& r : results)
      for (const Term* t : {&r.focus_node, &r.value, &r.source_shape})
        if (t->is_blank() && t->value.compare(0, prefix.size(), prefix) == 0) clash = true;
    if (clash) prefix += "x";
  }
  const Term report = Term::Blank(prefix + "report");
  q.push_back({report, type, sh("ValidationReport"), {}});
  q.push_back({report, sh("conforms"), Term::Literal(conforms ? "true" : "false", std::string(ns::kXsd) + "boolean"), {}});
  for (size_t i = 0; i < results.size(); ++i) {
    const ValidationResult& r = results[i];
    const std::string id = prefix + "r" + std::to_string(i);
    auto rename = [&](Term t) {
      if (t.is_blank() && r.path.is_blank()) t.value = id + t.value;  // path nodes per result
      return t;
    };
    Term node = Term::Blank(id);
    q.push_back({report, sh("result"), node, {}});
    q.push_back({node, type, sh("ValidationResult"), {}});
    q.push_back({node, sh("focusNode"), r.focus_node, {}});
    if (!r.path.is_none()) {
      q.push_back({node, sh("resultPath"), rename(r.path), {}});
      for (const Quad& pq : r.path_quads) q.push_back({rename(pq.subject), pq.predicate, rename(pq.object), {}});
    }
    if (!r.value.is_none()) q.push_back({node, sh("value"), r.value, {}});
    q.push_back({node, sh("resultSeverity"), Term::Iri(r.severity), {}});
    q.push_back({node, sh("sourceShape"), r.source_shape, {}});
    q.push_back({node, sh("sourceConstraintComponent"), Term::Iri(r.component), {}});
    if (r.messages.empty() && !r.message.empty()) q.push_back({node, sh("resultMessage"), Term::Literal(r.message), {}});
    for (const Term& m : r.messages) q.push_back({node, sh("resultMessage"), m, {}});
  }
  return q;
}

namespace shacl {
namespace {

Term PathTerm(const Path& p, Quads* q, int* counter) {
  if (p.kind == Path::kPredicate) return ToTerm(p.predicate);
  auto fresh = [&] { return Term::Blank("p" + std::to_string((*counter)++)); };
  auto sh = [](const char* l) { return Term::Iri(std::string(ns::kSh) + l); };
  auto list = [&](const std::vector<Path>& parts) {
    Term head = Term::Iri(std::string(ns::kRdf) + "nil");
    std::vector<Term> cells;
    for (size_t i = 0; i < parts.size(); ++i) cells.push_back(fresh());
    for (size_t i = 0; i < parts.size(); ++i) {
      q->push_back({cells[i], Term::Iri(std::string(ns::kRdf) + "first"), PathTerm(parts[i], q, counter), {}});
      q->push_back({cells[i], Term::Iri(std::string(ns::kRdf) + "rest"),
                    i + 1 < parts.size() ? cells[i + 1] : Term::Iri(std::string(ns::kRdf) + "nil"), {}});
    }
    return cells.empty() ? head : cells[0];
  };
  switch (p.kind) {
    case Path::kSequence: return list(p.parts);
    case Path::kAlternative: {
      Term b = fresh();
      q->push_back({b, sh("alternativePath"), list(p.parts), {}});
      return b;
    }
    case Path::kInverse:
    case Path::kZeroOrMore:
    case Path::kOneOrMore:
    case Path::kZeroOrOne: {
      const char* pred = p.kind == Path::kInverse ? "inversePath"
                         : p.kind == Path::kZeroOrMore ? "zeroOrMorePath"
                         : p.kind == Path::kOneOrMore ? "oneOrMorePath" : "zeroOrOnePath";
      Term b = fresh();
      q->push_back({b, sh(pred), PathTerm(p.parts[0], q, counter), {}});
      return b;
    }
    default: return {};
  }
}

}  // namespace

std::string PathToString(const Path& p) {
  auto join = [&](const char* sep) {
    std::string out = "(";
    for (size_t i = 0; i < p.parts.size(); ++i) out += (i ? sep : "") + PathToString(p.parts[i]);
    return out + ")";
  };
  switch (p.kind) {
    case Path::kPredicate: return CompactIri(Str(p.predicate));
    case Path::kInverse: return "^" + PathToString(p.parts[0]);
    case Path::kSequence: return join("/");
    case Path::kAlternative: return join("|");
    case Path::kZeroOrMore: return PathToString(p.parts[0]) + "*";
    case Path::kOneOrMore: return PathToString(p.parts[0]) + "+";
    case Path::kZeroOrOne: return PathToString(p.parts[0]) + "?";
    case Path::kInvalid: break;
  }
  return "(invalid path)";
}

std::string Engine::DefaultMessage(const RawResult& r) {
  const Constraint& c = *r.constraint;
  std::string param = c.param ? TermText(ToTerm(c.param)) : "";
  switch (r.component) {
    case Component::kClass: return "value is not an instance of " + param;
    case Component::kDatatype: return "value is not a well-formed literal of datatype " + param;
    case Component::kNodeKind: return "value is not of node kind " + param;
    case Component::kMinCount: return "fewer than " + std::to_string(c.count) + " values";
    case Component::kMaxCount: return "more than " + std::to_string(c.count) + " values";
    case Component::kMinExclusive: return "value is not > " + param;
    case Component::kMinInclusive: return "value is not >= " + param;
    case Component::kMaxExclusive: return "value is not < " + param;
    case Component::kMaxInclusive: return "value is not <= " + param;
    case Component::kMinLength: return "value has fewer than " + std::to_string(c.count) + " characters";
    case Component::kMaxLength: return "value has more than " + std::to_string(c.count) + " characters";
    case Component::kPattern: return "value does not match pattern " + param;
    case Component::kLanguageIn: return "language tag is not in the allowed list";
    case Component::kUniqueLang: return "several values share a language tag";
    case Component::kEquals: return "value sets of the path and " + param + " differ";
    case Component::kDisjoint: return "value is also a value of " + param;
    case Component::kLessThan: return "value is not < the values of " + param;
    case Component::kLessThanOrEquals: return "value is not <= the values of " + param;
    case Component::kNot: return "value conforms to the shape in sh:not " + param;
    case Component::kAnd: return "value does not conform to every shape in sh:and";
    case Component::kOr: return "value conforms to none of the shapes in sh:or";
    case Component::kXone: return "value does not conform to exactly one shape in sh:xone";
    case Component::kNode: return "value does not conform to shape " + param;
    case Component::kProperty: return "value does not conform to property shape " + param;
    case Component::kQualifiedMinCount:
      return "fewer than " + std::to_string(c.count) + " values conform to " + param;
    case Component::kQualifiedMaxCount:
      return "more than " + std::to_string(c.count) + " values conform to " + param;
    case Component::kClosed: return "predicate is not allowed by the closed shape";
    case Component::kHasValue: return "missing required value " + param;
    case Component::kIn: return "value is not in the allowed list";
  }
  return "constraint violated";
}

ValidationResult Engine::Convert(const RawResult& r) {
  ValidationResult out;
  out.focus_node = ToTerm(r.focus);
  out.value = ToTerm(r.value);
  out.component = ComponentIri(r.component);
  out.severity = Str(r.shape->severity);
  out.source_shape = ToTerm(r.shape->id);
  if (r.path_predicate) {
    out.path = ToTerm(r.path_predicate);
    out.result_path = CompactIri(Str(r.path_predicate));
  } else if (r.shape->is_property) {
    int counter = 0;
    out.path = PathTerm(r.shape->path, &out.path_quads, &counter);
    out.result_path = PathToString(r.shape->path);
  }
  for (Node m : r.shape->messages) out.messages.push_back(ToTerm(m));
  // The text message: the shape's own (English or untagged first), else a default one.
  for (const Term& m : out.messages)
    if (out.message.empty() || m.lang.empty() || m.lang == "en") {
      out.message = m.value;
      if (m.lang.empty() || m.lang == "en") break;
    }
  if (out.message.empty()) out.message = DefaultMessage(r);
  return out;
}

}  // namespace shacl
}  // namespace presskg
