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
#ifndef PRESSKG_SOURCES_H
#define PRESSKG_SOURCES_H

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "presskg/document.h"
#include "presskg/status.h"

namespace presskg {

enum class BadEncodingPolicy { kRepair, kReject };

struct SourceOptions {
  std::size_t max_document_bytes = 64u << 20;
  std::size_t max_archive_entries = 1000000;
  double max_expansion_ratio = 200;
  std::string encoding;
  BadEncodingPolicy on_bad_encoding = BadEncodingPolicy::kRepair;
  std::string lang;
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
