// Reading gold.jsonl (GOLD.md): one JSON object per line, one fact per object.
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "presskg/eval.h"

namespace presskg {
namespace {

using nlohmann::json;

// A string field; null or missing → "". Anything else is a format error.
bool GetString(const json& obj, const char* key, std::string* out, std::string* error) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (it->is_string()) { *out = it->get<std::string>(); return true; }
  if (it->is_number_integer()) { *out = std::to_string(it->get<long long>()); return true; }  // "date": 2013
  *error = std::string("field \"") + key + "\" must be a string or null";
  return false;
}

// An alias list; a single string is accepted as a list of one.
bool GetNames(const json& value, const char* key, std::vector<std::string>* out, std::string* error) {
  if (value.is_null()) return true;
  if (value.is_string()) { out->push_back(value.get<std::string>()); return true; }
  if (value.is_array()) {
    for (const json& v : value) {
      if (!v.is_string()) { *error = std::string("field \"") + key + "\" must hold strings"; return false; }
      out->push_back(v.get<std::string>());
    }
    return true;
  }
  *error = std::string("field \"") + key + "\" must be a list of strings, a string or null";
  return false;
}

bool GetNamesField(const json& obj, const char* key, std::vector<std::string>* out, std::string* error) {
  auto it = obj.find(key);
  return it == obj.end() || GetNames(*it, key, out, error);
}

bool ParseFact(const json& obj, GoldFact* f, std::string* error) {
  if (!obj.is_object()) { *error = "a line must be a JSON object"; return false; }
  if (!GetString(obj, "doc", &f->doc, error) || !GetString(obj, "type", &f->type, error)) return false;
  static const std::set<std::string> kTypes = {"agreement", "quote", "role", "event", "dateline"};
  if (f->doc.empty()) { *error = "missing \"doc\""; return false; }
  if (!kTypes.count(f->type)) { *error = "unknown type \"" + f->type + "\""; return false; }
  if (!GetString(obj, "kind", &f->kind, error) || !GetString(obj, "date", &f->date, error) ||
      !GetString(obj, "role", &f->role, error) || !GetString(obj, "quote", &f->quote, error) ||
      !GetString(obj, "start", &f->start, error) || !GetString(obj, "end", &f->end, error) ||
      !GetString(obj, "country", &f->country, error) || !GetString(obj, "evidence", &f->evidence, error) ||
      !GetNamesField(obj, "countries", &f->countries, error) ||
      !GetNamesField(obj, "person", &f->person, error) || !GetNamesField(obj, "org", &f->org, error) ||
      !GetNamesField(obj, "name", &f->name, error) || !GetNamesField(obj, "place", &f->place, error)) {
    return false;
  }
  if (auto it = obj.find("parties"); it != obj.end() && !it->is_null()) {
    if (!it->is_array()) { *error = "field \"parties\" must be a list of alias lists"; return false; }
    for (const json& p : *it) {
      std::vector<std::string> names;
      if (!GetNames(p, "parties", &names, error)) return false;
      f->parties.push_back(std::move(names));
    }
  }
  if (f->type == "agreement" && f->parties.empty()) { *error = "agreement without parties"; return false; }
  if ((f->type == "quote" || f->type == "role") && f->person.empty()) { *error = f->type + " without person"; return false; }
  if (f->type == "event" && f->name.empty()) { *error = "event without name"; return false; }
  return true;
}

}  // namespace

Result<std::vector<GoldFact>> LoadGold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open gold file", Location{path, 0, 0, {}});
  std::vector<GoldFact> facts;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    GoldFact f;
    f.line = lineno;
    std::string error;
    try {
      json obj = json::parse(line);
      if (!ParseFact(obj, &f, &error)) return ParseError(error, Location{path, lineno, 0, {}});
    } catch (const json::parse_error& e) {
      // nlohmann reports the byte position inside the line: use it as the column.
      return ParseError(e.what(), Location{path, lineno, static_cast<int>(e.byte), {}});
    } catch (const json::exception& e) {
      return ParseError(e.what(), Location{path, lineno, 0, {}});
    }
    facts.push_back(std::move(f));
  }
  if (in.bad()) return IoError("read error", Location{path, lineno, 0, {}});
  return facts;
}

}  // namespace presskg
