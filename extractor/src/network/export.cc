// network/export.cc — GraphML, DOT and CSV text of a network and its metrics.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "network/style.h"
#include "presskg/network.h"

namespace presskg {
namespace {

// Shortest text that reads back as the same double.
std::string Num(double d) {
  char buf[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// XML 1.0 text: escape markup and drop the control characters XML cannot carry.
std::string Xml(const std::string& s) {
  std::string out;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        out += ch;
    }
  }
  return out;
}

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

struct Key {
  const char* id;
  const char* domain;  // node | edge
  const char* type;    // string | int | double | boolean
};

const Key kNodeKeys[] = {
    {"label", "node", "string"},   {"iri", "node", "string"},          {"kind", "node", "string"},
    {"iso", "node", "string"},     {"labels", "node", "string"},
};
const Key kMetricKeys[] = {
    {"degree", "node", "int"},         {"weighted_degree", "node", "double"},
    {"betweenness", "node", "double"}, {"closeness", "node", "double"},
    {"pagerank", "node", "double"},    {"component", "node", "int"},
    {"core", "node", "int"},           {"articulation", "node", "boolean"},
};
const Key kEdgeKeys[] = {
    {"weight", "edge", "double"}, {"years", "edge", "string"},      {"kinds", "edge", "string"},
    {"docs", "edge", "string"},   {"agreements", "edge", "string"}, {"bridge", "edge", "boolean"},
};

std::vector<bool> BridgeFlags(const Network& net, const NetworkMetrics* m) {
  std::vector<bool> flags(net.edges.size(), false);
  if (!m) return flags;
  size_t b = 0;  // both lists are sorted by (source, target)
  for (size_t i = 0; i < net.edges.size() && b < m->bridges.size(); ++i) {
    std::pair<int, int> e{net.edges[i].source, net.edges[i].target};
    while (b < m->bridges.size() && m->bridges[b] < e) ++b;
    if (b < m->bridges.size() && m->bridges[b] == e) flags[i] = true;
  }
  return flags;
}

std::string Dot(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string WriteGraphMl(const Network& net, const NetworkMetrics* metrics) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  auto key = [&](const Key& k) {
    out += "  <key id=\"" + std::string(k.id) + "\" for=\"" + k.domain + "\" attr.name=\"" + k.id +
           "\" attr.type=\"" + k.type + "\"/>\n";
  };
  for (const auto& k : kNodeKeys) key(k);
  if (metrics)
    for (const auto& k : kMetricKeys) key(k);
  for (const auto& k : kEdgeKeys)
    if (metrics || std::string(k.id) != "bridge") key(k);
  out += "  <graph id=\"partnerships\" edgedefault=\"undirected\">\n";
  auto data = [&](const char* k, const std::string& v) {
    out += "      <data key=\"" + std::string(k) + "\">" + Xml(v) + "</data>\n";
  };
  for (size_t i = 0; i < net.vertices.size(); ++i) {
    const auto& v = net.vertices[i];
    out += "    <node id=\"n" + std::to_string(i) + "\">\n";
    data("label", v.label);
    data("iri", v.iri);
    data("kind", v.kind);
    if (!v.iso.empty()) data("iso", v.iso);
    data("labels", Join(v.labels, " | "));
    if (metrics) {
      const auto& m = metrics->vertices[i];
      data("degree", std::to_string(m.degree));
      data("weighted_degree", Num(m.weighted_degree));
      data("betweenness", Num(m.betweenness));
      data("closeness", Num(m.closeness));
      data("pagerank", Num(m.pagerank));
      data("component", std::to_string(m.component));
      data("core", std::to_string(m.core));
      data("articulation", m.articulation ? "true" : "false");
    }
    out += "    </node>\n";
  }
  const std::vector<bool> bridge = BridgeFlags(net, metrics);
  for (size_t i = 0; i < net.edges.size(); ++i) {
    const auto& e = net.edges[i];
    out += "    <edge id=\"e" + std::to_string(i) + "\" source=\"n" + std::to_string(e.source) +
           "\" target=\"n" + std::to_string(e.target) + "\">\n";
    data("weight", Num(e.weight));
    data("years", Join(e.years, ";"));
    data("kinds", Join(e.kinds, ";"));
    data("docs", Join(e.docs, ";"));
    data("agreements", Join(e.agreements, ";"));
    if (metrics) data("bridge", bridge[i] ? "true" : "false");
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

std::string WriteDot(const Network& net, const NetworkMetrics* metrics) {
  std::string out = "graph partnerships {\n";
  out += std::string("  graph [") + network_style::kGraphAttributes + "];\n";
  out += std::string("  node [") + network_style::kNodeAttributes + "];\n";
  out += std::string("  edge [") + network_style::kEdgeAttributes + "];\n";
  for (size_t i = 0; i < net.vertices.size(); ++i) {
    const auto& v = net.vertices[i];
    const VertexMetrics* m = metrics ? &metrics->vertices[i] : nullptr;
    out += "  n" + std::to_string(i) + " [label=" + Dot(v.label) + ", iri=" + Dot(v.iri) +
           ", kind=" + Dot(v.kind);
    if (!v.iso.empty()) out += ", iso=" + Dot(v.iso);
    out += network_style::NodeStyle(v, m);
    if (m) {
      // Quoted: DOT numerals have no exponent form.
      out += ", degree=" + std::to_string(m->degree) + ", weighted_degree=" + Dot(Num(m->weighted_degree)) +
             ", betweenness=" + Dot(Num(m->betweenness)) + ", closeness=" + Dot(Num(m->closeness)) +
             ", pagerank=" + Dot(Num(m->pagerank)) + ", component=" + std::to_string(m->component) +
             ", core=" + std::to_string(m->core) +
             ", articulation=" + (m->articulation ? "true" : "false");
    }
    out += "];\n";
  }
  const std::vector<bool> bridge = BridgeFlags(net, metrics);
  for (size_t i = 0; i < net.edges.size(); ++i) {
    const auto& e = net.edges[i];
    out += "  n" + std::to_string(e.source) + " -- n" + std::to_string(e.target) +
           " [weight=" + Dot(Num(e.weight)) + ", years=" + Dot(Join(e.years, ";")) +
           ", kinds=" + Dot(Join(e.kinds, ";")) + ", docs=" + Dot(Join(e.docs, ";")) +
           network_style::EdgeStyle(e, metrics != nullptr && bridge[i]) + "];\n";
  }
  out += "}\n";
  return out;
}

std::string WriteNodesCsv(const Network& net, const NetworkMetrics* metrics) {
  std::string out = "id,iri,label,kind,iso,labels";
  if (metrics)
    out += ",degree,weighted_degree,betweenness,closeness,pagerank,component,core,articulation";
  out += "\n";
  for (size_t i = 0; i < net.vertices.size(); ++i) {
    const auto& v = net.vertices[i];
    out += "n" + std::to_string(i) + "," + Csv(v.iri) + "," + Csv(v.label) + "," + v.kind + "," +
           Csv(v.iso) + "," + Csv(Join(v.labels, " | "));
    if (metrics) {
      const auto& m = metrics->vertices[i];
      out += "," + std::to_string(m.degree) + "," + Num(m.weighted_degree) + "," + Num(m.betweenness) +
             "," + Num(m.closeness) + "," + Num(m.pagerank) + "," + std::to_string(m.component) + "," +
             std::to_string(m.core) + "," + (m.articulation ? "true" : "false");
    }
    out += "\n";
  }
  return out;
}

std::string WriteEdgesCsv(const Network& net) {
  std::string out = "source,target,source_label,target_label,weight,years,kinds,docs\n";
  for (const auto& e : net.edges) {
    out += "n" + std::to_string(e.source) + ",n" + std::to_string(e.target) + "," +
           Csv(net.vertices[e.source].label) + "," + Csv(net.vertices[e.target].label) + "," +
           Num(e.weight) + "," + Csv(Join(e.years, ";")) + "," + Csv(Join(e.kinds, ";")) + "," +
           Csv(Join(e.docs, ";")) + "\n";
  }
  return out;
}

}  // namespace presskg
