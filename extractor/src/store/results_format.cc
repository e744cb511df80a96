// Query results as a terminal table, SPARQL 1.1 CSV/TSV, and SPARQL 1.1 JSON.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <nlohmann/json.hpp>

#include "presskg/store.h"

namespace presskg {
namespace {

// Terminal columns taken by a UTF-8 string: East Asian Wide/Fullwidth count two, combining and
// format characters none.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) { ++width; continue; }  // invalid byte: shown as one replacement character
    const int8_t cat = u_charType(c);
    if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR) continue;
    const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

// Cuts a UTF-8 string to at most max_width columns, ending with "…" when cut.
std::string Truncate(const std::string& s, size_t max_width) {
  if (DisplayWidth(s) <= max_width) return s;
  std::string out;
  size_t width = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    std::string ch = s.substr(start, i - start);
    size_t w = DisplayWidth(ch);
    if (width + w + 1 > max_width) break;
    out += ch;
    width += w;
  }
  return out + "\xE2\x80\xA6";
}

std::string TableCell(const Term& t) {
  std::string v;
  switch (t.kind) {
    case Term::Kind::kIri: v = "<" + t.value + ">"; break;
    case Term::Kind::kBlank: v = "_:" + t.value; break;
    case Term::Kind::kLiteral: v = t.value; break;
    case Term::Kind::kNone: break;
  }
  for (char& ch : v) if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  return Truncate(v, 60);
}

std::string Table(const QueryResult& r) {
  if (r.is_boolean) return r.boolean ? "true\n" : "false\n";
  const size_t n = r.variables.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(n);
  std::vector<std::string> header;
  for (size_t i = 0; i < n; ++i) {
    header.push_back(r.variables[i]);
    widths[i] = DisplayWidth(header[i]);
  }
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    for (size_t i = 0; i < n; ++i) {
      line.push_back(i < row.size() ? TableCell(row[i]) : "");
      widths[i] = std::max(widths[i], DisplayWidth(line.back()));
    }
    cells.push_back(std::move(line));
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& line) {
    for (size_t i = 0; i < n; ++i) {
      out += line[i];
      if (i + 1 < n) out += std::string(widths[i] - DisplayWidth(line[i]) + 2, ' ');
    }
    out += '\n';
  };
  emit(header);
  for (size_t i = 0; i < n; ++i) {
    out += std::string(widths[i], '-');
    if (i + 1 < n) out += "  ";
  }
  out += '\n';
  for (const auto& line : cells) emit(line);
  out += "(" + std::to_string(r.rows.size()) + (r.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

// SPARQL 1.1 CSV: plain values, RFC 4180 quoting, CRLF line ends.
std::string CsvField(const Term& t) {
  std::string v = t.is_blank() ? "_:" + t.value : t.value;
  if (v.find_first_of("\",\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char ch : v) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

std::string Csv(const QueryResult& r) {
  std::string out;
  if (r.is_boolean) return std::string("_askResult\r\n") + (r.boolean ? "true" : "false") + "\r\n";
  for (size_t i = 0; i < r.variables.size(); ++i) out += (i ? "," : "") + r.variables[i];
  out += "\r\n";
  for (const auto& row : r.rows) {
    for (size_t i = 0; i < r.variables.size(); ++i) {
      if (i) out += ',';
      if (i < row.size()) out += CsvField(row[i]);
    }
    out += "\r\n";
  }
  return out;
}

// SPARQL 1.1 TSV: terms in Turtle syntax, tabs/newlines escaped inside literals.
std::string TsvField(const Term& t) {
  switch (t.kind) {
    case Term::Kind::kIri: return "<" + t.value + ">";
    case Term::Kind::kBlank: return "_:" + t.value;
    case Term::Kind::kNone: return "";
    case Term::Kind::kLiteral: break;
  }
  std::string v = "\"";
  for (char ch : t.value) {
    switch (ch) {
      case '\t': v += "\\t"; break;
      case '\n': v += "\\n"; break;
      case '\r': v += "\\r"; break;
      case '"': v += "\\\""; break;
      case '\\': v += "\\\\"; break;
      default: v += ch;
    }
  }
  v += '"';
  if (!t.lang.empty()) return v + "@" + t.lang;
  if (!t.datatype.empty()) return v + "^^<" + t.datatype + ">";
  return v;
}

std::string Tsv(const QueryResult& r) {
  std::string out;
  if (r.is_boolean) return std::string("?_askResult\n") + (r.boolean ? "true" : "false") + "\n";
  for (size_t i = 0; i < r.variables.size(); ++i) out += (i ? "\t?" : "?") + r.variables[i];
  out += "\n";
  for (const auto& row : r.rows) {
    for (size_t i = 0; i < r.variables.size(); ++i) {
      if (i) out += '\t';
      if (i < row.size()) out += TsvField(row[i]);
    }
    out += "\n";
  }
  return out;
}

std::string Json(const QueryResult& r) {
  nlohmann::ordered_json j;
  if (r.is_boolean) {
    j["head"] = nlohmann::ordered_json::object();
    j["boolean"] = r.boolean;
  } else {
    j["head"]["vars"] = r.variables;
    nlohmann::ordered_json bindings = nlohmann::ordered_json::array();
    for (const auto& row : r.rows) {
      nlohmann::ordered_json b = nlohmann::ordered_json::object();
      for (size_t i = 0; i < r.variables.size() && i < row.size(); ++i) {
        const Term& t = row[i];
        if (t.is_none()) continue;
        nlohmann::ordered_json v;
        v["type"] = t.is_iri() ? "uri" : t.is_blank() ? "bnode" : "literal";
        v["value"] = t.value;
        if (!t.lang.empty()) v["xml:lang"] = t.lang;
        else if (t.is_literal() && !t.datatype.empty()) v["datatype"] = t.datatype;
        b[r.variables[i]] = std::move(v);
      }
      bindings.push_back(std::move(b));
    }
    j["results"]["bindings"] = std::move(bindings);
  }
  // Invalid UTF-8 from a store must not throw: replace it.
  return j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

Result<ResultsFormat> ResultsFormatFromName(const std::string& name) {
  if (name == "table") return ResultsFormat::kTable;
  if (name == "csv") return ResultsFormat::kCsv;
  if (name == "tsv") return ResultsFormat::kTsv;
  if (name == "json") return ResultsFormat::kJson;
  return InvalidArgument("unknown results format '" + name + "' (table, csv, tsv, json)");
}

std::string FormatResults(const QueryResult& result, ResultsFormat format) {
  switch (format) {
    case ResultsFormat::kTable: return Table(result);
    case ResultsFormat::kCsv: return Csv(result);
    case ResultsFormat::kTsv: return Tsv(result);
    case ResultsFormat::kJson: return Json(result);
  }
  return {};
}

}  // namespace presskg
