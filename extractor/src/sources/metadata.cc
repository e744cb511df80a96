// Release metadata sidecars (an archive's index: id → date, language, url), TSV, CSV or JSON Lines.
// CSV is read by a small RFC 4180 state machine: quoted fields may hold commas, "" and newlines,
// and errors must carry line and column, which no Debian C++ CSV reader gives us.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "presskg/sources.h"

namespace presskg {
namespace metafile {  // named, not anonymous: the module is built as one unity file

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

enum class Field { kNone, kId, kDate, kLang, kUrl };

Field FieldOf(const std::string& header) {
  std::string h = Lower(Trim(header));
  if (h == "id" || h == "doc_id" || h == "doc" || h == "document") return Field::kId;
  if (h == "date" || h == "release_date" || h == "published" || h == "datepublished") return Field::kDate;
  if (h == "lang" || h == "language") return Field::kLang;
  if (h == "url") return Field::kUrl;
  return Field::kNone;
}

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2013", "2013-05", "2013-05-16", "2013-05-16T09:00:00Z" → the date part; false if not ISO 8601.
bool IsoDatePart(const std::string& in, std::string* out) {
  std::string s = in.substr(0, in.find_first_of("T "));
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!Digits(std::string_view(s).substr(0, 4))) return false;
  if (s.size() >= 7) {
    if (s[4] != '-' || !Digits(std::string_view(s).substr(5, 2))) return false;
    int month = std::stoi(s.substr(5, 2));
    if (month < 1 || month > 12) return false;
  }
  if (s.size() == 10) {
    if (s[7] != '-' || !Digits(std::string_view(s).substr(8, 2))) return false;
    int day = std::stoi(s.substr(8, 2));
    if (day < 1 || day > 31) return false;
  }
  *out = s;
  return true;
}

struct Cell {
  std::string text;
  int line = 0, column = 0;
};
using Row = std::vector<Cell>;

// Splits delimited text into rows. TSV: no quoting (tabs and newlines end fields). CSV: RFC 4180.
Status SplitRows(std::string_view text, char sep, bool quoting, const std::string& path, std::vector<Row>* rows) {
  int line = 1, column = 1;
  Row row;
  Cell cell{std::string(), 1, 1};
  bool in_quotes = false, was_quoted = false;
  auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell = Cell{std::string(), line, column + 1};
    was_quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoting && in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.text.push_back('"');
          ++i;
          ++column;
        } else {
          in_quotes = false;
        }
      } else {
        cell.text.push_back(c);
        if (c == '\n') {
          ++line;
          column = 0;
        }
      }
    } else if (quoting && c == '"') {
      if (!Trim(cell.text).empty() || was_quoted)
        return ParseError("quote inside an unquoted field", Location{path, line, column, ""});
      cell.text.clear();
      in_quotes = was_quoted = true;
    } else if (c == sep) {
      end_cell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_cell();
      if (!(row.size() == 1 && row[0].text.empty())) rows->push_back(std::move(row));
      row.clear();
      ++line;
      column = 0;
      cell = Cell{std::string(), line, 1};
    } else if (was_quoted) {
      if (c != ' ' && c != '\t') return ParseError("text after a closing quote", Location{path, line, column, ""});
    } else {
      cell.text.push_back(c);
    }
    ++column;
  }
  if (in_quotes) return ParseError("unterminated quoted field", Location{path, cell.line, cell.column, ""});
  end_cell();
  if (!(row.size() == 1 && row[0].text.empty())) rows->push_back(std::move(row));
  return Status::OK();
}

Status AddRecord(MetadataIndex* index, std::map<std::string, int>* seen, const std::string& id,
                 const std::string& raw_date, DocumentMetadata m, const std::string& path, int line,
                 int date_column) {
  if (id.empty()) return ParseError("empty id", Location{path, line, 1, ""});
  if (auto it = seen->find(id); it != seen->end())
    return ParseError("duplicate id '" + id + "' (first on line " + std::to_string(it->second) + ")",
                      Location{path, line, 1, ""});
  (*seen)[id] = line;
  if (!raw_date.empty() && !IsoDatePart(raw_date, &m.date))
    return ParseError("date '" + raw_date + "' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)",
                      Location{path, line, date_column, ""});
  index->Put(id, std::move(m));
  return Status::OK();
}

Result<MetadataIndex> FromRows(const std::vector<Row>& rows, const std::string& path) {
  if (rows.empty()) return ParseError("empty metadata file: no header row", Location{path, 1, 1, ""});
  std::vector<Field> fields;
  int id_col = -1;
  for (std::size_t i = 0; i < rows[0].size(); ++i) {
    fields.push_back(FieldOf(rows[0][i].text));
    if (fields.back() == Field::kId && id_col < 0) id_col = static_cast<int>(i);
  }
  if (id_col < 0)
    return ParseError("no id column in the header (id, doc_id or doc)", Location{path, rows[0][0].line, 1, ""});
  MetadataIndex index;
  std::map<std::string, int> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    DocumentMetadata m;
    std::string id, date;
    int date_column = 1;
    for (std::size_t i = 0; i < row.size() && i < fields.size(); ++i) {
      std::string v = Trim(row[i].text);
      switch (fields[i]) {
        case Field::kId: if (id.empty()) id = v; break;
        case Field::kDate: date = v; date_column = row[i].column; break;
        case Field::kLang: m.lang = v; break;
        case Field::kUrl: m.url = v; break;
        case Field::kNone: break;
      }
    }
    Status st = AddRecord(&index, &seen, id, date, std::move(m), path, row[0].line, date_column);
    if (!st.ok()) return st;
  }
  return index;
}

Result<MetadataIndex> FromJsonLines(std::string_view text, const std::string& path) {
  MetadataIndex index;
  std::map<std::string, int> seen;
  int line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line;
    if (Trim(l).empty()) continue;
    nlohmann::json j = nlohmann::json::parse(l.begin(), l.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return ParseError("not a JSON object", Location{path, line, 1, ""});
    DocumentMetadata m;
    std::string id, date;
    for (const auto& [key, value] : j.items()) {
      if (!value.is_string() && !value.is_number_integer()) continue;
      std::string v = value.is_string() ? value.get<std::string>() : std::to_string(value.get<long long>());
      switch (FieldOf(key)) {
        case Field::kId: if (id.empty()) id = Trim(v); break;
        case Field::kDate: date = Trim(v); break;
        case Field::kLang: m.lang = Trim(v); break;
        case Field::kUrl: m.url = Trim(v); break;
        case Field::kNone: break;
      }
    }
    if (id.empty()) return ParseError("no \"id\" (or \"doc_id\")", Location{path, line, 1, ""});
    Status st = AddRecord(&index, &seen, id, date, std::move(m), path, line, 1);
    if (!st.ok()) return st;
  }
  return index;
}

bool EndsWith(const std::string& s, const char* suffix) {
  std::size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace metafile

const DocumentMetadata* MetadataIndex::Find(const std::string& id) const {
  if (auto it = by_id_.find(id); it != by_id_.end()) return &it->second;
  std::size_t slash = id.find_last_of('/');
  if (slash == std::string::npos) return nullptr;
  auto it = by_id_.find(id.substr(slash + 1));
  return it == by_id_.end() ? nullptr : &it->second;
}

bool IsMetadataFileName(const std::string& name) {
  std::string n = metafile::Lower(name);
  return n == "metadata.tsv" || n == "metadata.csv" || n == "metadata.jsonl" || n == "sources.tsv";
}

Result<MetadataIndex> ParseMetadata(std::string_view text, const std::string& path) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string lower = metafile::Lower(path);
  std::string_view head = text.substr(0, text.find('\n'));
  bool jsonl = metafile::EndsWith(lower, ".jsonl") || metafile::EndsWith(lower, ".ndjson") ||
               (!metafile::EndsWith(lower, ".tsv") && !metafile::EndsWith(lower, ".csv") && metafile::Trim(head).rfind('{', 0) == 0);
  if (jsonl) return metafile::FromJsonLines(text, path);
  bool tsv = metafile::EndsWith(lower, ".tsv") || (!metafile::EndsWith(lower, ".csv") && head.find('\t') != std::string_view::npos);
  std::vector<metafile::Row> rows;
  Status st = metafile::SplitRows(text, tsv ? '\t' : ',', !tsv, path, &rows);
  if (!st.ok()) return st;
  return metafile::FromRows(rows, path);
}

Result<MetadataIndex> LoadMetadata(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read metadata file", Location{path, 0, 0, ""});
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseMetadata(buf.str(), path);
}

}  // namespace presskg
