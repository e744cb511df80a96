#include <algorithm>
#include <cctype>

#include "presskg/writer.h"

namespace presskg {

namespace {
std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}
}  // namespace

Result<RdfFormat> RdfFormatFromName(const std::string& name) {
  const std::string n = Lower(name);
  if (n == "ttl" || n == "turtle") return RdfFormat::kTurtle;
  if (n == "nt" || n == "ntriples" || n == "n-triples") return RdfFormat::kNTriples;
  if (n == "nq" || n == "nquads" || n == "n-quads") return RdfFormat::kNQuads;
  if (n == "trig") return RdfFormat::kTriG;
  if (n == "jsonld" || n == "json-ld") return RdfFormat::kJsonLd;
  if (n == "rdf" || n == "xml" || n == "rdfxml" || n == "rdf/xml" || n == "owl") return RdfFormat::kRdfXml;
  return InvalidArgument("unknown RDF format '" + name +
                         "' (expected ttl, nt, nq, trig, jsonld or rdfxml)");
}

Result<RdfFormat> RdfFormatFromPath(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return InvalidArgument("cannot tell the RDF format of '" + path + "' (no extension; give a format)");
  }
  const std::string ext = Lower(path.substr(dot + 1));
  if (ext == "json") return RdfFormat::kJsonLd;
  Result<RdfFormat> f = RdfFormatFromName(ext);
  if (!f.ok()) {
    return InvalidArgument("cannot tell the RDF format of '" + path +
                           "' from its extension (.ttl .nt .nq .trig .jsonld .rdf)");
  }
  return f;
}

const char* RdfFormatName(RdfFormat f) {
  switch (f) {
    case RdfFormat::kTurtle: return "ttl";
    case RdfFormat::kNTriples: return "nt";
    case RdfFormat::kNQuads: return "nq";
    case RdfFormat::kTriG: return "trig";
    case RdfFormat::kJsonLd: return "jsonld";
    case RdfFormat::kRdfXml: return "rdfxml";
  }
  return "unknown";
}

bool FormatKeepsGraphs(RdfFormat f) {
  return f == RdfFormat::kNQuads || f == RdfFormat::kTriG || f == RdfFormat::kJsonLd;
}

}  // namespace presskg
