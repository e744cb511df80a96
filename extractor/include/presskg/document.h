// presskg/document.h — one press release as it enters the pipeline, and its line in the run report.
//
// Sources (files, folders, archives, JSON Lines, stdin) turn inputs into Documents; every input
// document, converted or not, also yields exactly one ReportEntry so nothing is lost silently.
//
//   presskg::Document doc;
//   doc.id = "en-itu-2013-wsis";     // path inside the archive without extension, or JSONL id
//   doc.text = u8"Geneva, 13 May 2013 – ...";  // always UTF-8 after decoding
#ifndef PRESSKG_DOCUMENT_H
#define PRESSKG_DOCUMENT_H

#include <cstddef>
#include <string>

namespace presskg {

// Offsets are UTF-8 byte offsets into Document::text (the original, decoded text), half-open.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return end <= begin; }
};

struct Document {
  std::string id;        // stable id: path inside the archive without extension, or the JSONL id
  std::string source;    // where it came from: file path, "archive.tar.gz!inner/path.txt", "stdin", "dump.jsonl:42"
  std::string text;      // decoded UTF-8 text (HTML already reduced to text)
  std::string lang;      // "zh-Hans", "zh-Hant", "en", ... ; empty = detect
  std::string date;      // release date from metadata (ISO 8601), empty if unknown
  std::string url;       // from metadata, may be empty
  std::string encoding;  // detected or forced source encoding, e.g. "UTF-8", "GB18030", "Big5"
  std::size_t bytes = 0; // size of the raw input in bytes
  bool encoding_repaired = false;  // invalid sequences were replaced by U+FFFD
};

enum class DocStatus { kConverted, kRejected, kEmpty };

const char* DocStatusName(DocStatus s);  // "converted" | "rejected" | "empty"

// One line of --report (JSON Lines): id, source, bytes, encoding, language, status, reason.
struct ReportEntry {
  std::string id;
  std::string source;
  std::size_t bytes = 0;
  std::string encoding;
  std::string language;
  DocStatus status = DocStatus::kConverted;
  std::string reason;  // why rejected/empty, or a warning (e.g. "invalid UTF-8 repaired with U+FFFD")
  std::size_t facts = 0;  // facts published for this document
};

}  // namespace presskg

#endif  // PRESSKG_DOCUMENT_H
