// QuadWriter::Open and the string conveniences: pick the implementation for a format.
#include "presskg/writer.h"

#include "presskg/rdf.h"
#include "write/writers.h"

namespace presskg {

namespace writeimpl {

std::vector<std::pair<std::string, std::string>> WriterPrefixes(const std::string& base) {
  std::vector<std::pair<std::string, std::string>> p = {
      {"pkg", ns::kPkg},   {"schema", ns::kSchema}, {"org", ns::kOrg},   {"prov", ns::kProv},
      {"dcterms", ns::kDcterms}, {"nif", ns::kNif}, {"owl", ns::kOwl},   {"rdf", ns::kRdf},
      {"rdfs", ns::kRdfs}, {"xsd", ns::kXsd},       {"wd", ns::kWd},
  };
  if (!base.empty()) {
    // Prefix names differ from path names only where a vocabulary prefix takes the name (org:).
    static const std::pair<const char*, const char*> kData[] = {
        {"doc", "doc/"},       {"graph", "graph/"},     {"fact", "fact/"},
        {"organization", "org/"}, {"person", "person/"}, {"country", "country/"},
        {"place", "place/"},   {"run", "run/"},         {"agent", "agent/"}};
    for (const auto& [name, path] : kData) p.emplace_back(name, base + path);
  }
  return p;
}

namespace {
Result<std::unique_ptr<QuadWriter>> OpenOn(std::unique_ptr<Output> out, RdfFormat format,
                                           const WriterOptions& options) {
  switch (format) {
    case RdfFormat::kTurtle:
    case RdfFormat::kNTriples:
    case RdfFormat::kNQuads:
    case RdfFormat::kTriG:
      return NewSerdWriter(std::move(out), format, options);
    case RdfFormat::kJsonLd:
      return NewJsonLdWriter(std::move(out), options);
    case RdfFormat::kRdfXml:
      return NewRdfXmlWriter(std::move(out), options);
  }
  return InvalidArgument("unknown RDF format");
}
}  // namespace

}  // namespace writeimpl

Status QuadWriter::WriteOne(const Quad& quad) { return Write(Quads{quad}); }

Status QuadWriter::WriteTable(const QuadTable& table) {
  Quad q;
  for (const QuadTable::Row& r : table.rows) {
    q.subject = table.terms[r.s];
    q.predicate = table.terms[r.p];
    q.object = table.terms[r.o];
    q.graph = table.graph_of(r);
    Status st = WriteOne(q);
    if (!st.ok()) return st;
  }
  return Status::OK();
}

namespace writeimpl {

Status CheckStatement(const Term& subject, const Term& predicate, const Term& object) {
  if (subject.is_literal() || subject.is_none() || !predicate.is_iri() || object.is_none()) {
    return InvalidArgument("not an RDF statement: subject must be an IRI or blank node, predicate an IRI");
  }
  return Status::OK();
}

Status WriteEach(QuadWriter& w, const Quads& quads) {
  for (const Quad& q : quads) {
    Status st = w.WriteOne(q);
    if (!st.ok()) return st;
  }
  return Status::OK();
}

}  // namespace writeimpl

Result<std::unique_ptr<QuadWriter>> QuadWriter::Open(const std::string& path, RdfFormat format,
                                                     const WriterOptions& options) {
  Result<std::unique_ptr<writeimpl::Output>> out = writeimpl::Output::OpenFile(path);
  if (!out.ok()) return out.status();
  return writeimpl::OpenOn(std::move(*out), format, options);
}

Result<std::unique_ptr<QuadWriter>> QuadWriter::OpenString(std::string* out, RdfFormat format,
                                                           const WriterOptions& options) {
  if (!out) return InvalidArgument("QuadWriter::OpenString: null output string");
  return writeimpl::OpenOn(writeimpl::Output::ToString(out), format, options);
}

Result<std::string> WriteRdfString(const Quads& quads, RdfFormat format, const WriterOptions& options) {
  std::string text;
  Result<std::unique_ptr<QuadWriter>> w = QuadWriter::OpenString(&text, format, options);
  if (!w.ok()) return w.status();
  Status st = (*w)->Write(quads);
  Status closed = (*w)->Close();
  if (!st.ok()) return st;
  if (!closed.ok()) return closed;
  return text;
}

}  // namespace presskg
