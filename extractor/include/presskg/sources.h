// presskg/sources.h — inputs → documents: files, folders, archives (libarchive), JSON Lines, stdin.
//
//   presskg::SourceOptions opts;            // defaults in the table below
//   Status st = presskg::ReadSources({"releases.tar.gz", "more/"}, opts,
//       [&](presskg::SourceItem&& item) {   // called once per input document, in input order
//         if (item.report.status == presskg::DocStatus::kConverted) Process(item.doc);
//         report.push_back(item.report);     // every document is accounted for
//         return presskg::Status::OK();      // a non-OK return stops reading
//       });
//
// Options (defaults):
//   max_document_bytes   64 MiB   larger documents are rejected ("document too large: N bytes")
//   max_archive_entries  1000000  more entries in one archive: the rest are rejected
//   max_expansion_ratio  200      uncompressed/compressed above this: rejected as a likely bomb
//   encoding             ""       force a source encoding ("GB18030", "Big5", "UTF-16LE"...); "" = detect
//   on_bad_encoding      kRepair  invalid byte sequences: kRepair (U+FFFD, flagged) or kReject
//   lang                 ""       force the language of every document; "" = detect later
//   metadata             null     release metadata by document id (LoadMetadata): fills the date,
//                                 language and url a document does not carry itself
//
// What becomes a document: a file named directly (id = its name without extension); each file of a
// folder, recursively, in byte order of the path (id = path below the folder without extension);
// each regular file of an archive (id = path inside without extension; source "a.tar.gz!x/y.txt"),
// archives inside an archive one level deep (id "inner/x/y", source "a.zip!inner.tar!x/y.txt");
// each non-blank line of a .jsonl/.ndjson file (source "dump.jsonl:42"); "-" = standard input
// (an archive when it starts with an archive signature, JSON Lines when it starts with '{', else one
// document "stdin"). .html/.htm/.xhtml are reduced to text; any other extension is read as text,
// and binary content is rejected ("binary file"). Entry names with ".." or an absolute path are
// only turned into ids (never used as file paths) and reported in `reason`.
//
// Release metadata: archives often keep an index beside the texts (publication date, language,
// URL). `LoadMetadata` reads one — TSV or CSV with a header row, or JSON Lines — and documents
// whose id matches a record (exactly, else by the last path segment of the id) get the fields they
// lack. A folder given as input uses its own top-level `metadata.tsv|csv|jsonl` or `sources.tsv`
// this way (when its header names an id column); that file is then not read as a release.
// Columns / keys (case-insensitive): id | doc_id | doc; date | release_date | published |
// datePublished (ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, a time part is dropped); lang | language;
// url. Other columns are ignored.
#ifndef PRESSKG_SOURCES_H
#define PRESSKG_SOURCES_H

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "presskg/document.h"
#include "presskg/status.h"

namespace presskg {

enum class BadEncodingPolicy { kRepair, kReject };

// What an archive's index says about one release.
struct DocumentMetadata {
  std::string date;  // ISO 8601 date or prefix, validated
  std::string lang;
  std::string url;
};

// Metadata records by document id.
class MetadataIndex {
 public:
  // The record for `id`, or for the last path segment of `id` ("2013/05/x" → "x"); null if none.
  const DocumentMetadata* Find(const std::string& id) const;
  std::size_t size() const { return by_id_.size(); }
  // Adds or replaces a record (later files win).
  void Put(const std::string& id, DocumentMetadata m) { by_id_[id] = std::move(m); }
  void Merge(const MetadataIndex& other) {
    for (const auto& [id, m] : other.by_id_) by_id_[id] = m;
  }

 private:
  std::map<std::string, DocumentMetadata> by_id_;
};

// Reads a metadata file (.tsv, .csv, .jsonl/.ndjson; other names are sniffed: '{' → JSON Lines,
// a tab in the header → TSV, else CSV). Errors name the file, line and column: no id column, a
// bad date, an invalid JSON line, a duplicate id.
Result<MetadataIndex> LoadMetadata(const std::string& path);
// Same, from text in memory (`path` names it in errors and picks the format by extension).
Result<MetadataIndex> ParseMetadata(std::string_view text, const std::string& path);
// True for the file names a folder's own metadata may have (metadata.tsv, sources.tsv, ...).
bool IsMetadataFileName(const std::string& name);

struct SourceOptions {
  std::size_t max_document_bytes = 64u << 20;
  std::size_t max_archive_entries = 1000000;
  double max_expansion_ratio = 200;
  std::string encoding;
  BadEncodingPolicy on_bad_encoding = BadEncodingPolicy::kRepair;
  std::string lang;
  std::shared_ptr<const MetadataIndex> metadata;
};

// One input document: `doc` is filled when report.status == kConverted.
struct SourceItem {
  Document doc;
  ReportEntry report;
};

using SourceSink = std::function<Status(SourceItem&&)>;

// Streams every document of `inputs` to `sink` (archives are never unpacked to disk).
// Unreadable or malformed inputs become rejected items with a reason, not errors; the returned
// Status is non-OK only when the sink stops the run or a system error prevents going on.
Status ReadSources(const std::vector<std::string>& inputs, const SourceOptions& options, const SourceSink& sink);

// One --report line (no trailing newline): {"id":..,"source":..,"bytes":..,"encoding":..,
// "language":..,"status":"converted|rejected|empty","reason":..,"facts":..}. Invalid UTF-8 in any
// field is replaced by U+FFFD, so the line is always valid JSON.
std::string ReportEntryToJson(const ReportEntry& entry);

}  // namespace presskg

#endif  // PRESSKG_SOURCES_H
