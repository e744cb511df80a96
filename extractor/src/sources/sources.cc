#include "presskg/sources.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <nlohmann/json.hpp>
#include <streambuf>

#include "sources/decode.h"
#include "sources/html.h"

namespace presskg {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kChunk = 64 * 1024;
// Expansion is only judged once this much has come out: tiny archives legitimately have high ratios.
constexpr std::size_t kExpansionFloor = 1u << 20;

enum class Kind { kText, kHtml, kJsonl, kArchive };

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return s;
}

bool EndsWith(const std::string& s, const char* suffix) {
  std::size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

const char* const kArchiveSuffixes[] = {".tar.gz", ".tar.xz", ".tar.zst", ".tar.bz2", ".tgz", ".txz",
                                        ".tzst", ".tbz2", ".tar", ".zip"};

Kind KindOf(const std::string& name) {
  std::string l = Lower(name);
  for (const char* s : kArchiveSuffixes)
    if (EndsWith(l, s)) return Kind::kArchive;
  if (EndsWith(l, ".jsonl") || EndsWith(l, ".ndjson")) return Kind::kJsonl;
  if (EndsWith(l, ".html") || EndsWith(l, ".htm") || EndsWith(l, ".xhtml")) return Kind::kHtml;
  return Kind::kText;
}

// "a/b/c.tar.gz" → "a/b/c"; "x.txt" → "x"; ".profile" and "README" unchanged.
std::string StripExtension(const std::string& path) {
  std::string l = Lower(path);
  for (const char* s : kArchiveSuffixes)
    if (EndsWith(l, s) && std::strcmp(s, ".tar") != 0 && std::strcmp(s, ".zip") != 0) return path.substr(0, path.size() - std::strlen(s));
  std::size_t slash = path.find_last_of('/');
  std::size_t base = slash == std::string::npos ? 0 : slash + 1;
  std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || dot <= base) return path;
  return path.substr(0, dot);
}

// An archive entry name as an id: separators unified, empty, "." and ".." parts and any leading
// "/" or drive letter dropped. *unsafe tells whether the name tried to leave the archive.
std::string EntryId(const std::string& name, bool* unsafe) {
  std::string n = name;
  std::replace(n.begin(), n.end(), '\\', '/');
  *unsafe = !n.empty() && n[0] == '/';
  if (n.size() >= 2 && std::isalpha(static_cast<unsigned char>(n[0])) && n[1] == ':') {
    *unsafe = true;
    n = n.substr(2);
  }
  std::string out;
  std::size_t i = 0;
  while (i <= n.size()) {
    std::size_t j = n.find('/', i);
    if (j == std::string::npos) j = n.size();
    std::string part = n.substr(i, j - i);
    if (part == "..") *unsafe = true;
    else if (!part.empty() && part != ".") out += (out.empty() ? "" : "/") + part;
    i = j + 1;
  }
  return out;
}

std::string ValidUtf8(std::string s) {
  if (sources::IsValidUtf8(s)) return s;
  std::string out;
  sources::RepairUtf8(s, &out);
  return out;
}

void AddReason(ReportEntry* r, const std::string& why) {
  if (!r->reason.empty()) r->reason += "; ";
  r->reason += why;
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool AllSpace(std::string_view s) {
  for (unsigned char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  // Unicode spaces (U+3000, U+00A0) alone are rare enough to count as text.
  return true;
}

// A streambuf over a byte range (JSONL inside archives) without copying it.
class MemBuf : public std::streambuf {
 public:
  MemBuf(const char* b, std::size_t n) {
    char* p = const_cast<char*>(b);
    setg(p, p, p + n);
  }
};

// A streambuf over a file descriptor that first replays bytes already read (stdin sniffing).
class FdBuf : public std::streambuf {
 public:
  static std::unique_ptr<FdBuf> Make(int fd, std::string prefix) {
    auto b = std::unique_ptr<FdBuf>(new FdBuf(fd));
    b->buf_ = std::move(prefix);
    std::size_t n = b->buf_.size();
    b->buf_.resize(std::max(n, kChunk));
    b->setg(b->buf_.data(), b->buf_.data(), b->buf_.data() + n);
    return b;
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    ssize_t n;
    do n = ::read(fd_, buf_.data(), buf_.size());
    while (n < 0 && errno == EINTR);
    if (n <= 0) return traits_type::eof();
    setg(buf_.data(), buf_.data(), buf_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  explicit FdBuf(int fd) : fd_(fd) {}
  int fd_;
  std::string buf_;
};

// Reads lines of at most `max` bytes; longer lines are consumed and reported by length only.
class LineReader {
 public:
  LineReader(std::istream& in, std::size_t max) : in_(in), max_(max) {}
  // False at end of input. *too_long = the line's length when it exceeded the limit, else 0.
  bool Next(std::string* line, std::size_t* too_long) {
    line->clear();
    *too_long = 0;
    std::size_t length = 0;
    bool any = false;
    std::streambuf* sb = in_.rdbuf();
    for (;;) {
      int c = sb->sbumpc();
      if (c == std::char_traits<char>::eof()) break;
      any = true;
      if (c == '\n') break;
      ++length;
      if (length <= max_) line->push_back(static_cast<char>(c));
      else if (!line->empty()) line->clear(), line->shrink_to_fit();
    }
    if (length > max_) *too_long = length;
    ++number_;
    return any;
  }
  int number() const { return number_; }

 private:
  std::istream& in_;
  std::size_t max_;
  int number_ = 0;
};

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

ArchivePtr NewArchiveReader() {
  ArchivePtr a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  return a;
}

// stdin as a libarchive client, replaying the sniffed prefix first.
struct StdinClient {
  std::string prefix;
  bool prefix_sent = false;
  std::vector<char> buf = std::vector<char>(kChunk);
  static la_ssize_t Read(archive*, void* self, const void** out) {
    auto* c = static_cast<StdinClient*>(self);
    if (!c->prefix_sent) {
      c->prefix_sent = true;
      if (!c->prefix.empty()) {
        *out = c->prefix.data();
        return static_cast<la_ssize_t>(c->prefix.size());
      }
    }
    ssize_t n;
    do n = ::read(0, c->buf.data(), c->buf.size());
    while (n < 0 && errno == EINTR);
    *out = c->buf.data();
    return n;
  }
};

bool HasArchiveSignature(std::string_view b) {
  auto starts = [&](std::string_view sig) { return b.substr(0, sig.size()) == sig; };
  return starts("\x1F\x8B") || starts(std::string_view("\xFD" "7zXZ\0", 6)) || starts("\x28\xB5\x2F\xFD") ||
         starts("PK\x03\x04") || starts("BZh") || (b.size() > 262 && b.substr(257, 5) == "ustar");
}

class Reader {
 public:
  Reader(const SourceOptions& o, const SourceSink& sink) : opt_(o), sink_(sink) {}

  Status Input(const std::string& input) {
    if (input == "-") return Stdin();
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) return RejectInput(input, "no such file or directory");
    if (fs::is_directory(st)) return Directory(input);
    return File(input, fs::path(input).filename().string());
  }

 private:
  Status Emit(SourceItem&& item) {
    item.report.id = ValidUtf8(std::move(item.report.id));
    item.report.source = ValidUtf8(std::move(item.report.source));
    item.doc.id = item.report.id;
    item.doc.source = item.report.source;
    if (item.report.status == DocStatus::kConverted) ApplyMetadata(&item.doc);
    return sink_(std::move(item));
  }

  // Fills what the document does not say itself from the folder's own index, then --metadata.
  // A language forced with SourceOptions::lang stays forced.
  void ApplyMetadata(Document* doc) const {
    for (const MetadataIndex* index : {folder_metadata_.get(), opt_.metadata.get()}) {
      if (!index) continue;
      const DocumentMetadata* m = index->Find(doc->id);
      if (!m) continue;
      if (doc->date.empty()) doc->date = m->date;
      if (doc->url.empty()) doc->url = m->url;
      if (doc->lang.empty() && opt_.lang.empty()) doc->lang = m->lang;
    }
  }

  Status RejectInput(const std::string& input, const std::string& why) {
    SourceItem item;
    item.report.id = StripExtension(fs::path(input).filename().string());
    item.report.source = input;
    item.report.status = DocStatus::kRejected;
    item.report.reason = why;
    return Emit(std::move(item));
  }

  Status Directory(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code fe;
      if (it->is_regular_file(fe)) files.push_back(it->path().lexically_relative(dir).generic_string());
    }
    if (ec) {
      Status s = RejectInput(dir, "cannot list folder: " + ec.message());
      if (!s.ok()) return s;
    }
    std::sort(files.begin(), files.end());
    // The folder's own index (metadata.tsv, sources.tsv, ...): metadata, not a release, when its
    // header names an id column; a broken one is reported like a rejected document.
    std::shared_ptr<const MetadataIndex> outer = std::move(folder_metadata_);
    std::string index_file;
    for (const std::string& rel : files) {
      if (rel.find('/') != std::string::npos || !IsMetadataFileName(rel)) continue;
      std::string path = (fs::path(dir) / rel).string();
      Result<MetadataIndex> md = LoadMetadata(path);
      if (md.ok()) {
        folder_metadata_ = std::make_shared<const MetadataIndex>(std::move(*md));
        index_file = rel;
        break;
      }
      if (md.status().message().rfind("no id column", 0) == 0) continue;  // an ordinary text file
      index_file = rel;
      const Location& at = md.status().where();
      Status s = RejectAs(StripExtension(rel), path,
                          "metadata file, line " + std::to_string(at.line) + " column " + std::to_string(at.column) +
                              ": " + md.status().message());
      if (!s.ok()) return s;
      break;
    }
    for (const std::string& rel : files) {
      if (rel == index_file) continue;
      Status s = File((fs::path(dir) / rel).string(), rel);
      if (!s.ok()) return s;
    }
    folder_metadata_ = std::move(outer);
    return Status::OK();
  }

  // `name` is the path the id is made from (relative to a folder, or the file name).
  Status File(const std::string& path, const std::string& name) {
    Kind kind = KindOf(name);
    std::string id = StripExtension(name);
    if (kind == Kind::kArchive) {
      ArchivePtr a = NewArchiveReader();
      struct stat sb;
      std::size_t compressed = ::stat(path.c_str(), &sb) == 0 ? static_cast<std::size_t>(sb.st_size) : 0;
      if (archive_read_open_filename(a.get(), path.c_str(), kChunk) != ARCHIVE_OK)
        return RejectArchive(id, path, "not a readable archive: " + std::string(archive_error_string(a.get()) ? archive_error_string(a.get()) : "unknown error"));
      return Archive(a.get(), compressed, path, "", 0);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return RejectAs(id, path, std::string("cannot open: ") + std::strerror(errno));
    if (kind == Kind::kJsonl) return Jsonl(in, path);
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > opt_.max_document_bytes) return RejectAs(id, path, TooLarge(size), size);
    std::string raw;
    if (!ec) {
      raw.resize(static_cast<std::size_t>(size));
      in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
      raw.resize(static_cast<std::size_t>(in.gcount()));
    } else {
      raw.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return Emit(FromBytes(raw, kind, id, path));
  }

  Status Stdin() {
    std::string prefix(512, '\0');
    std::size_t got = 0;
    while (got < prefix.size()) {
      ssize_t n = ::read(0, prefix.data() + got, prefix.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    prefix.resize(got);
    if (HasArchiveSignature(prefix)) {
      ArchivePtr a = NewArchiveReader();
      StdinClient client{prefix};
      if (archive_read_open(a.get(), &client, nullptr, &StdinClient::Read, nullptr) != ARCHIVE_OK)
        return RejectArchive("stdin", "stdin", "cannot read archive from standard input");
      return Archive(a.get(), 0, "stdin", "", 0);
    }
    auto buf = FdBuf::Make(0, prefix);
    std::istream in(buf.get());
    std::size_t first = prefix.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && prefix[first] == '{') return Jsonl(in, "stdin");
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (raw.size() > opt_.max_document_bytes) return RejectAs("stdin", "stdin", TooLarge(raw.size()), raw.size());
    return Emit(FromBytes(raw, sources::LooksLikeHtml(raw) ? Kind::kHtml : Kind::kText, "stdin", "stdin"));
  }

  std::string TooLarge(std::size_t n) const {
    return "document too large: " + std::to_string(n) + " bytes (limit " + std::to_string(opt_.max_document_bytes) + ")";
  }

  Status RejectAs(const std::string& id, const std::string& source, const std::string& why, std::size_t bytes = 0) {
    SourceItem item;
    item.report.id = id;
    item.report.source = source;
    item.report.bytes = bytes;
    item.report.status = DocStatus::kRejected;
    item.report.reason = why;
    return Emit(std::move(item));
  }

  Status RejectArchive(const std::string& id, const std::string& source, const std::string& why) {
    return RejectAs(id, source, why);
  }

  // Raw bytes of one document → a converted, empty or rejected item.
  SourceItem FromBytes(std::string_view raw, Kind kind, const std::string& id, const std::string& source) {
    SourceItem item;
    ReportEntry& r = item.report;
    r.id = id;
    r.source = source;
    r.bytes = raw.size();
    r.language = opt_.lang;
    if (raw.size() > opt_.max_document_bytes) {
      r.status = DocStatus::kRejected;
      r.reason = TooLarge(raw.size());
      return item;
    }
    if (raw.empty()) {
      r.status = DocStatus::kEmpty;
      r.reason = "empty document";
      return item;
    }
    sources::DecodeOutcome d = sources::DecodeBytes(raw, {opt_.encoding, kind == Kind::kHtml});
    r.encoding = d.encoding;
    if (!d.reject_reason.empty()) {
      r.status = DocStatus::kRejected;
      r.reason = d.reject_reason;
      return item;
    }
    if (d.invalid_sequences > 0) {
      if (opt_.on_bad_encoding == BadEncodingPolicy::kReject) {
        r.status = DocStatus::kRejected;
        r.reason = "invalid " + d.encoding + ": " + Plural(d.invalid_sequences, "byte sequence", "byte sequences");
        return item;
      }
      item.doc.encoding_repaired = true;
      AddReason(&r, "invalid " + d.encoding + " repaired with U+FFFD (" +
                        Plural(d.invalid_sequences, "sequence", "sequences") + ")");
    }
    if (!d.note.empty()) AddReason(&r, "encoding guessed: " + d.note);
    std::string text = kind == Kind::kHtml ? sources::HtmlToText(d.text) : std::move(d.text);
    return Finish(std::move(item), std::move(text), kind == Kind::kHtml);
  }

  SourceItem Finish(SourceItem item, std::string text, bool html) {
    ReportEntry& r = item.report;
    if (AllSpace(text)) {
      r.status = DocStatus::kEmpty;
      AddReason(&r, html ? "no text in HTML" : "empty document");
      return item;
    }
    Document& doc = item.doc;
    doc.text = std::move(text);
    doc.bytes = r.bytes;
    doc.encoding = r.encoding;
    if (doc.lang.empty()) doc.lang = opt_.lang;
    r.status = DocStatus::kConverted;
    return item;
  }

  Status Jsonl(std::istream& in, const std::string& source) {
    std::string stem = StripExtension(fs::path(source).filename().string());
    LineReader lines(in, opt_.max_document_bytes);
    std::string line;
    std::size_t too_long = 0;
    while (lines.Next(&line, &too_long)) {
      std::string where = source + ":" + std::to_string(lines.number());
      std::string fallback_id = stem + ":" + std::to_string(lines.number());
      if (too_long) {
        Status s = RejectAs(fallback_id, where, "line too long: " + std::to_string(too_long) + " bytes (limit " +
                                                     std::to_string(opt_.max_document_bytes) + ")", too_long);
        if (!s.ok()) return s;
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (lines.number() == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
      if (AllSpace(line)) continue;
      Status s = Emit(FromJsonLine(line, fallback_id, where));
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  SourceItem FromJsonLine(std::string& line, const std::string& fallback_id, const std::string& where) {
    SourceItem item;
    ReportEntry& r = item.report;
    r.id = fallback_id;
    r.source = where;
    r.bytes = line.size();
    r.language = opt_.lang;
    r.encoding = "UTF-8";
    r.status = DocStatus::kRejected;
    std::size_t repaired = 0;
    if (!sources::IsValidUtf8(line)) {
      std::string fixed;
      repaired = sources::RepairUtf8(line, &fixed);
      if (opt_.on_bad_encoding == BadEncodingPolicy::kReject) {
        r.reason = "invalid UTF-8: " + Plural(repaired, "byte sequence", "byte sequences");
        return item;
      }
      line.swap(fixed);
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      r.reason = "invalid JSON at byte " + std::to_string(e.byte);
      return item;
    } catch (const std::exception& e) {
      r.reason = "invalid JSON";
      return item;
    }
    if (!j.is_object()) {
      r.reason = "JSON line is not an object";
      return item;
    }
    auto str = [&](const char* key, std::string* out) {
      auto it = j.find(key);
      if (it == j.end() || it->is_null()) return true;
      if (it->is_string()) *out = it->get<std::string>();
      else if (it->is_number_integer()) *out = std::to_string(it->get<long long>());
      else return false;
      return true;
    };
    std::string id, text;
    if (!str("id", &id) || id.empty()) {
      r.reason = "missing \"id\"";
      return item;
    }
    r.id = id;
    auto t = j.find("text");
    if (t == j.end() || !t->is_string()) {
      r.reason = "missing \"text\"";
      return item;
    }
    text = t->get<std::string>();
    Document& doc = item.doc;
    if (!str("lang", &doc.lang) || !str("date", &doc.date) || !str("url", &doc.url)) {
      r.reason = "\"lang\", \"date\" and \"url\" must be strings";
      return item;
    }
    if (!opt_.lang.empty()) doc.lang = opt_.lang;
    r.language = doc.lang;
    r.bytes = text.size();
    if (text.size() > opt_.max_document_bytes) {
      r.reason = TooLarge(text.size());
      return item;
    }
    if (repaired) {
      doc.encoding_repaired = true;
      AddReason(&r, "invalid UTF-8 repaired with U+FFFD (" + Plural(repaired, "sequence", "sequences") + ")");
    }
    bool html = sources::LooksLikeHtml(text);
    if (html) text = sources::HtmlToText(text);
    return Finish(std::move(item), std::move(text), html);
  }

  // Streams the entries of an open archive. `source` names the archive ("a.tar.gz", or
  // "a.zip!inner.tar" when nested); `id_prefix` is prepended to entry ids of nested archives.
  Status Archive(archive* a, std::size_t compressed_size, const std::string& source, const std::string& id_prefix,
                 int depth) {
    std::size_t entries = 0, produced = 0;
    std::vector<char> buf(kChunk);
    for (;;) {
      archive_entry* e = nullptr;
      int rc = archive_read_next_header(a, &e);
      if (rc == ARCHIVE_EOF) break;
      if (rc == ARCHIVE_RETRY) continue;
      if (rc < ARCHIVE_WARN) {
        std::string what = archive_error_string(a) ? archive_error_string(a) : "unreadable";
        std::string id = id_prefix.empty() ? StripExtension(fs::path(source).filename().string()) : id_prefix.substr(0, id_prefix.size() - 1);
        return RejectArchive(id, source, "truncated or corrupt archive: " + what);
      }
      if (archive_entry_filetype(e) != AE_IFREG) continue;  // folders and links hold no document
      const char* raw_name = archive_entry_pathname(e);
      std::string name = ValidUtf8(raw_name ? raw_name : "");
      bool unsafe = false;
      std::string entry_id = EntryId(name, &unsafe);
      std::string id = id_prefix + StripExtension(entry_id);
      std::string where = source + "!" + name;
      Kind kind = KindOf(entry_id);
      if (++entries > opt_.max_archive_entries) {
        Status s = RejectAs(id, where, "archive entry limit reached (" + std::to_string(opt_.max_archive_entries) + ")");
        if (!s.ok()) return s;
        continue;
      }
      if (archive_entry_size_is_set(e) && static_cast<std::uint64_t>(archive_entry_size(e)) > opt_.max_document_bytes) {
        std::size_t size = static_cast<std::size_t>(archive_entry_size(e));
        Status s = RejectAs(id, where, TooLarge(size), size);
        if (!s.ok()) return s;
        continue;  // the next header call skips the data
      }
      std::string content;
      std::size_t entry_bytes = 0;
      bool bomb = false;
      la_ssize_t n = 0;
      while ((n = archive_read_data(a, buf.data(), buf.size())) > 0 || n == ARCHIVE_WARN) {
        if (n <= 0) continue;
        entry_bytes += static_cast<std::size_t>(n);
        produced += static_cast<std::size_t>(n);
        if (entry_bytes <= opt_.max_document_bytes) content.append(buf.data(), static_cast<std::size_t>(n));
        else if (!content.empty()) content = std::string();
        std::size_t in = compressed_size ? compressed_size : static_cast<std::size_t>(std::max<la_int64_t>(archive_filter_bytes(a, -1), 1));
        if (produced > kExpansionFloor && static_cast<double>(produced) > opt_.max_expansion_ratio * static_cast<double>(in)) {
          bomb = true;
          break;
        }
      }
      if (bomb) {
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%g", opt_.max_expansion_ratio);
        return RejectAs(id, where, std::string("expansion ratio above ") + ratio +
                                       ": likely a compression bomb (rest of the archive not read)", entry_bytes);
      }
      if (n < 0) {
        std::string what = archive_error_string(a) ? archive_error_string(a) : "read error";
        Status s = RejectAs(id, where, "truncated or corrupt archive: " + what, entry_bytes);
        if (!s.ok() || n == ARCHIVE_FATAL) return s;
        continue;
      }
      if (entry_bytes > opt_.max_document_bytes) {
        Status s = RejectAs(id, where, TooLarge(entry_bytes), entry_bytes);
        if (!s.ok()) return s;
        continue;
      }
      Status s;
      if (kind == Kind::kArchive) {
        if (depth >= 1) {
          s = RejectAs(id, where, "nested archive too deep (one level is read)", entry_bytes);
        } else {
          ArchivePtr inner = NewArchiveReader();
          if (archive_read_open_memory(inner.get(), content.data(), content.size()) != ARCHIVE_OK)
            s = RejectAs(id, where, "cannot open nested archive", entry_bytes);
          else
            s = Archive(inner.get(), content.size(), where, id + "/", depth + 1);
        }
      } else if (kind == Kind::kJsonl) {
        MemBuf mb(content.data(), content.size());
        std::istream in(&mb);
        s = Jsonl(in, where);
      } else {
        SourceItem item = FromBytes(content, kind, id, where);
        if (unsafe) AddReason(&item.report, "unsafe entry name \"" + name + "\" used as id only");
        s = Emit(std::move(item));
      }
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  const SourceOptions& opt_;
  const SourceSink& sink_;
  std::shared_ptr<const MetadataIndex> folder_metadata_;  // the current folder's own index
};

}  // namespace

const char* DocStatusName(DocStatus s) {
  switch (s) {
    case DocStatus::kConverted: return "converted";
    case DocStatus::kRejected: return "rejected";
    case DocStatus::kEmpty: return "empty";
  }
  return "unknown";
}

Status ReadSources(const std::vector<std::string>& inputs, const SourceOptions& options, const SourceSink& sink) {
  if (!sink) return InvalidArgument("ReadSources: no sink");
  if (options.max_expansion_ratio <= 0) return InvalidArgument("max_expansion_ratio must be positive");
  Reader reader(options, sink);
  for (const std::string& input : inputs) {
    Status s = reader.Input(input);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

std::string ReportEntryToJson(const ReportEntry& e) {
  nlohmann::ordered_json j;
  j["id"] = e.id;
  j["source"] = e.source;
  j["bytes"] = e.bytes;
  j["encoding"] = e.encoding;
  j["language"] = e.language;
  j["status"] = DocStatusName(e.status);
  j["reason"] = e.reason;
  j["facts"] = e.facts;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace presskg
