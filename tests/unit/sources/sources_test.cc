// Sources: the bad-input collection is built here, in a temporary folder, and every document's
// status and reason are asserted exactly.
#include <archive.h>
#include <archive_entry.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "presskg/sources.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using presskg::DocStatus;
using presskg::ReadSources;
using presskg::SourceItem;
using presskg::SourceOptions;

namespace {

// Texts written for these tests in the style of releases.
const char* kZhHans =
    "2021年3月8日，北京 – 国际合作组织与滨海大学今天签署了谅解备忘录，双方将在数字经济、人才培养和"
    "科学研究领域开展长期合作。组织秘书长表示，这份协议标志着双方关系进入新的阶段。";
const char* kZhHant =
    "2021年3月8日，臺北 – 國際合作組織與濱海大學今天簽署了諒解備忘錄，雙方將在數位經濟、人才培育與"
    "科學研究領域展開長期合作。組織秘書長表示，這份協議標誌著雙方關係進入新的階段。";
const char* kEn =
    "Lisbon, 8 March 2021 – The Harbour Institute and the Coastal University signed a memorandum of "
    "understanding today to cooperate on digital skills and research.";

using presskg::testing::TempDir;

std::string Encode(const char* utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode e = U_ZERO_ERROR;
  std::string out(u.length() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8, -1, &e);
  REQUIRE(U_SUCCESS(e));
  out.resize(n);
  return out;
}

using Entries = std::vector<std::pair<std::string, std::string>>;

enum class Filter { kNone, kGzip, kXz, kZstd, kBzip2 };

std::string MakeArchive(const Entries& entries, bool zip, Filter filter) {
  archive* a = archive_write_new();
  if (zip) archive_write_set_format_zip(a);
  else archive_write_set_format_pax_restricted(a);
  if (filter == Filter::kGzip) archive_write_add_filter_gzip(a);
  if (filter == Filter::kXz) archive_write_add_filter_xz(a);
  if (filter == Filter::kZstd) REQUIRE(archive_write_add_filter_zstd(a) == ARCHIVE_OK);
  if (filter == Filter::kBzip2) archive_write_add_filter_bzip2(a);
  size_t total = 1 << 20;
  for (const auto& en : entries) total += en.second.size() + en.first.size() + 1024;
  std::vector<char> buf(total);
  size_t used = 0;
  REQUIRE(archive_write_open_memory(a, buf.data(), buf.size(), &used) == ARCHIVE_OK);
  for (const auto& [name, data] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, name.back() == '/' ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(e, 0644);
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, data.data(), data.size()) == static_cast<la_ssize_t>(data.size()));
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return std::string(buf.data(), used);
}

std::string MakeArchive(const Entries& entries, bool zip, bool gzip) {
  return MakeArchive(entries, zip, gzip ? Filter::kGzip : Filter::kNone);
}

std::vector<SourceItem> Read(const std::vector<std::string>& inputs, const SourceOptions& opt = {}) {
  std::vector<SourceItem> items;
  presskg::Status s = ReadSources(inputs, opt, [&](SourceItem&& item) {
    items.push_back(std::move(item));
    return presskg::Status::OK();
  });
  REQUIRE(s.ok());
  return items;
}

SourceItem ReadOne(const fs::path& p, const SourceOptions& opt = {}) {
  auto items = Read({p.string()}, opt);
  REQUIRE(items.size() == 1);
  return items[0];
}

}  // namespace

TEST_CASE("encodings are detected and converted", "[sources][encoding]") {
  TempDir dir;
  struct Case {
    const char* file;
    std::string bytes;
    const char* encoding;
    const char* expected_text;
    const char* reason;
  };
  std::string utf16le_bom = "\xFF\xFE" + Encode(kZhHans, "UTF-16LE");
  std::string utf16be_bom = "\xFE\xFF" + Encode(kZhHans, "UTF-16BE");
  std::vector<Case> cases = {
      {"plain-utf8.txt", kZhHans, "UTF-8", kZhHans, ""},
      {"ascii.txt", kEn, "UTF-8", kEn, ""},
      {"bom-utf8.txt", std::string("\xEF\xBB\xBF") + kZhHans, "UTF-8", kZhHans, ""},
      {"utf16le.txt", utf16le_bom, "UTF-16LE", kZhHans, ""},
      {"utf16be.txt", utf16be_bom, "UTF-16BE", kZhHans, ""},
      {"gbk.txt", Encode(kZhHans, "GBK"), "GB18030", kZhHans, ""},
      {"gb18030.txt", Encode(kZhHans, "GB18030"), "GB18030", kZhHans, ""},
      {"big5.txt", Encode(kZhHant, "Big5"), "Big5", kZhHant, ""},
      {"utf16le-nobom.txt", Encode(kEn, "UTF-16LE"), "UTF-16LE", kEn, "encoding guessed: UTF-16LE without BOM"},
      {"utf16le-nobom-zh.txt", Encode(kZhHans, "UTF-16LE"), "UTF-16LE", kZhHans, "encoding guessed: UTF-16LE without BOM"},
      {"utf16be-nobom-zh.txt", Encode(kZhHant, "UTF-16BE"), "UTF-16BE", kZhHant, "encoding guessed: UTF-16BE without BOM"},
  };
  for (const Case& c : cases) {
    SECTION(c.file) {
      SourceItem item = ReadOne(dir.Write(c.file, c.bytes));
      CHECK(item.report.status == DocStatus::kConverted);
      CHECK(item.report.encoding == c.encoding);
      CHECK(item.report.reason == c.reason);
      CHECK(item.doc.text == c.expected_text);
      CHECK(item.doc.id == fs::path(c.file).stem().string());
      CHECK(item.report.bytes == c.bytes.size());
    }
  }
}

TEST_CASE("forced encoding and invalid sequences", "[sources][encoding]") {
  TempDir dir;
  // Byte 15 is the boundary after "2021年3月8日".
  std::string broken = std::string(kZhHans).substr(0, 15) + "\xFF\xC3" + std::string(kZhHans).substr(15);
  fs::path p = dir.Write("broken.txt", broken);

  SECTION("repaired") {
    SourceItem item = ReadOne(p);
    CHECK(item.report.status == DocStatus::kConverted);
    CHECK(item.report.encoding == "UTF-8");
    CHECK(item.report.reason == "invalid UTF-8 repaired with U+FFFD (2 sequences)");
    CHECK(item.doc.encoding_repaired);
    CHECK(item.doc.text.find("\xEF\xBF\xBD\xEF\xBF\xBD") == 15);
  }
  SECTION("rejected by policy") {
    SourceOptions opt;
    opt.on_bad_encoding = presskg::BadEncodingPolicy::kReject;
    SourceItem item = ReadOne(p, opt);
    CHECK(item.report.status == DocStatus::kRejected);
    CHECK(item.report.reason == "invalid UTF-8: 2 byte sequences");
  }
  SECTION("forced GB18030 on GBK bytes") {
    SourceOptions opt;
    opt.encoding = "GB18030";
    SourceItem item = ReadOne(dir.Write("forced.txt", Encode(kZhHans, "GBK")), opt);
    CHECK(item.report.encoding == "GB18030");
    CHECK(item.doc.text == kZhHans);
  }
  SECTION("forced unknown encoding") {
    SourceOptions opt;
    opt.encoding = "NO-SUCH-CHARSET";
    SourceItem item = ReadOne(dir.Write("x.txt", kEn), opt);
    CHECK(item.report.status == DocStatus::kRejected);
    CHECK(item.report.reason == "unknown encoding: NO-SUCH-CHARSET");
  }
  SECTION("invalid GB18030 under forced encoding") {
    SourceOptions opt;
    opt.encoding = "GB18030";
    std::string gb = Encode(kZhHans, "GB18030");
    gb.insert(10, "\x81\x20");  // a lead byte followed by a byte no GB18030 sequence allows
    SourceItem item = ReadOne(dir.Write("badgb.txt", gb), opt);
    CHECK(item.report.status == DocStatus::kConverted);
    CHECK(item.doc.encoding_repaired);
    CHECK(item.report.reason == "invalid GB18030 repaired with U+FFFD (1 sequence)");
  }
}

TEST_CASE("empty, binary and oversized documents", "[sources][limits]") {
  TempDir dir;
  SECTION("empty file") {
    SourceItem item = ReadOne(dir.Write("empty.txt", ""));
    CHECK(item.report.status == DocStatus::kEmpty);
    CHECK(item.report.reason == "empty document");
  }
  SECTION("blank file") {
    SourceItem item = ReadOne(dir.Write("blank.txt", " \n\n\t\r\n"));
    CHECK(item.report.status == DocStatus::kEmpty);
    CHECK(item.report.reason == "empty document");
  }
  SECTION("binary file with NUL bytes") {
    std::string png = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0", 20);
    std::mt19937 rng(7);
    for (int i = 0; i < 4000; ++i) png += static_cast<char>(rng() & 0xFF);
    SourceItem item = ReadOne(dir.Write("image.txt", png));
    CHECK(item.report.status == DocStatus::kRejected);
    CHECK(item.report.reason == "binary file");
  }
  SECTION("binary file of control bytes") {
    std::string bytes;
    for (int i = 0; i < 2000; ++i) bytes += static_cast<char>(1 + i % 8);
    SourceItem item = ReadOne(dir.Write("ctl.dat", bytes));
    CHECK(item.report.status == DocStatus::kRejected);
    CHECK(item.report.reason == "binary file");
  }
  SECTION("a 50 MB single line") {
    std::string line(50u << 20, 'a');
    for (size_t i = 7; i < line.size(); i += 8) line[i] = ' ';
    fs::path p = dir.Write("huge.txt", line);
    SourceOptions small;
    small.max_document_bytes = 10u << 20;
    SourceItem rejected = ReadOne(p, small);
    CHECK(rejected.report.status == DocStatus::kRejected);
    CHECK(rejected.report.reason == "document too large: 52428800 bytes (limit 10485760)");
    SourceItem accepted = ReadOne(p);
    CHECK(accepted.report.status == DocStatus::kConverted);
    CHECK(accepted.doc.text.size() == line.size());
  }
  SECTION("missing input") {
    SourceItem item = ReadOne(dir.path / "nope.txt");
    CHECK(item.report.status == DocStatus::kRejected);
    CHECK(item.report.reason == "no such file or directory");
  }
}

TEST_CASE("HTML is reduced to text", "[sources][html]") {
  TempDir dir;
  std::string html =
      "<!DOCTYPE html><html><head><title>Site title</title><style>p{color:red}</style></head><body>"
      "<header><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav></header>"
      "<article><header><h1>Harbour Institute &amp; Coastal University sign MoU</h1></header>"
      "<p>Lisbon, 8&nbsp;March 2021 &ndash; The partners   signed\n an agreement.</p>"
      "<script>var x = '<p>not text</p>';</script>"
      "<p>&ldquo;We are pleased,&rdquo; said the director.<br>Second line &#x4E2D;&#25991;.</p></article>"
      "<aside>Related stories</aside><footer>Copyright</footer></body></html>";
  SourceItem item = ReadOne(dir.Write("release.html", html));
  CHECK(item.report.status == DocStatus::kConverted);
  CHECK(item.doc.text ==
        "Harbour Institute & Coastal University sign MoU\n\n"
        "Lisbon, 8\xC2\xA0March 2021 \xE2\x80\x93 The partners signed an agreement.\n\n"
        "\xE2\x80\x9CWe are pleased,\xE2\x80\x9D said the director.\nSecond line \xE4\xB8\xAD\xE6\x96\x87.\n");

  SECTION("HTML without text") {
    SourceItem empty = ReadOne(dir.Write("nav.htm", "<html><body><nav>Menu</nav><script>x()</script></body></html>"));
    CHECK(empty.report.status == DocStatus::kEmpty);
    CHECK(empty.report.reason == "no text in HTML");
  }
  SECTION("declared charset") {
    std::string gbk = "<html><head><meta charset=\"gbk\"></head><body><p>" + Encode(kZhHans, "GBK") + "</p></body></html>";
    SourceItem zh = ReadOne(dir.Write("gbk.html", gbk));
    CHECK(zh.report.encoding == "GBK");
    CHECK(zh.doc.text == std::string(kZhHans) + "\n");
  }
}

TEST_CASE("folders are read recursively in a stable order", "[sources][folders]") {
  TempDir dir;
  dir.Write("in/b.txt", kEn);
  dir.Write("in/a/z.md", kEn);
  dir.Write("in/a/y.txt", kZhHans);
  auto items = Read({(dir.path / "in").string()});
  REQUIRE(items.size() == 3);
  CHECK(items[0].doc.id == "a/y");
  CHECK(items[1].doc.id == "a/z");
  CHECK(items[2].doc.id == "b");
  CHECK(items[2].doc.source == (dir.path / "in" / "b.txt").string());
}

TEST_CASE("JSON Lines", "[sources][jsonl]") {
  TempDir dir;
  std::string jsonl = std::string("{\"id\":\"r1\",\"text\":\"") + kEn + "\",\"lang\":\"en\",\"date\":\"2021-03-08\",\"url\":\"http://x/r1\"}\n"
                      "\n"
                      "{\"id\":\"r2\",\"text\":\"\"}\n"
                      "{\"id\":\"r3\",\"text\":12}\n"
                      "{\"text\":\"no id\"}\n"
                      "{\"id\":\"r5\",\"text\":\"broken\"\n"
                      "[1,2]\n"
                      "{\"id\":7,\"text\":\"<p>Seven &amp; more</p>\"}\r\n";
  fs::path p = dir.Write("dump.jsonl", jsonl);
  auto items = Read({p.string()});
  REQUIRE(items.size() == 7);
  std::string src = p.string();
  struct Want {
    const char* id;
    std::string source;
    DocStatus status;
    const char* reason;
  };
  std::vector<Want> want = {
      {"r1", src + ":1", DocStatus::kConverted, ""},
      {"r2", src + ":3", DocStatus::kEmpty, "empty document"},
      {"r3", src + ":4", DocStatus::kRejected, "missing \"text\""},
      {"dump:5", src + ":5", DocStatus::kRejected, "missing \"id\""},
      {"dump:6", src + ":6", DocStatus::kRejected, "invalid JSON at byte 27"},
      {"dump:7", src + ":7", DocStatus::kRejected, "JSON line is not an object"},
      {"7", src + ":8", DocStatus::kConverted, ""},
  };
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("line item " << i);
    CHECK(items[i].report.id == want[i].id);
    CHECK(items[i].report.source == want[i].source);
    CHECK(items[i].report.status == want[i].status);
    CHECK(items[i].report.reason == want[i].reason);
  }
  CHECK(items[0].doc.lang == "en");
  CHECK(items[0].doc.date == "2021-03-08");
  CHECK(items[0].doc.url == "http://x/r1");
  CHECK(items[0].doc.text == kEn);
  CHECK(items[6].doc.text == "Seven & more\n");
}

TEST_CASE("archives", "[sources][archives]") {
  TempDir dir;
  Entries inner_entries = {{"deep/x.txt", kZhHans}, {"deep/y.html", "<p>Hello &amp; bye</p>"}};
  std::string inner_zip = MakeArchive(inner_entries, /*zip=*/true, false);
  std::string innermost = MakeArchive({{"z.txt", kEn}}, false, true);
  std::string inner_with_archive = MakeArchive({{"again.tar.gz", innermost}}, false, false);
  Entries outer = {
      {"2021/release-1.txt", kEn},
      {"2021/release-2.md", kZhHans},
      {"folder/", ""},
      {"inner.zip", inner_zip},
      {"nest2.tar", inner_with_archive},
      {"../../etc/evil.txt", kEn},
      {"/abs/path.txt", kEn},
      {"dump.jsonl", "{\"id\":\"j1\",\"text\":\"Jsonl text.\"}\n"},
      {"blob.bin", std::string("\0\0\0\x01\x02garbage\0\0", 12)},
  };
  fs::path tgz = dir.Write("batch.tar.gz", MakeArchive(outer, false, true));
  auto items = Read({tgz.string()});
  std::string s = tgz.string();
  struct Want {
    const char* id;
    std::string source;
    DocStatus status;
    const char* reason;
  };
  std::vector<Want> want = {
      {"2021/release-1", s + "!2021/release-1.txt", DocStatus::kConverted, ""},
      {"2021/release-2", s + "!2021/release-2.md", DocStatus::kConverted, ""},
      {"inner/deep/x", s + "!inner.zip!deep/x.txt", DocStatus::kConverted, ""},
      {"inner/deep/y", s + "!inner.zip!deep/y.html", DocStatus::kConverted, ""},
      {"nest2/again", s + "!nest2.tar!again.tar.gz", DocStatus::kRejected, "nested archive too deep (one level is read)"},
      {"etc/evil", s + "!../../etc/evil.txt", DocStatus::kConverted, "unsafe entry name \"../../etc/evil.txt\" used as id only"},
      {"abs/path", s + "!/abs/path.txt", DocStatus::kConverted, "unsafe entry name \"/abs/path.txt\" used as id only"},
      {"j1", s + "!dump.jsonl:1", DocStatus::kConverted, ""},
      {"blob", s + "!blob.bin", DocStatus::kRejected, "binary file"},
  };
  REQUIRE(items.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("entry " << i);
    CHECK(items[i].report.id == want[i].id);
    CHECK(items[i].report.source == want[i].source);
    CHECK(items[i].report.status == want[i].status);
    CHECK(items[i].report.reason == want[i].reason);
  }
  CHECK(items[2].doc.text == kZhHans);
  CHECK(items[3].doc.text == "Hello & bye\n");
  // Nothing was written next to the archive.
  CHECK(!fs::exists(dir.path / "etc"));
  CHECK(!fs::exists(dir.path.parent_path().parent_path() / "etc" / "evil.txt"));
}

TEST_CASE("every archive format", "[sources][archives]") {
  TempDir dir;
  Entries entries = {{"a/one.txt", kEn}, {"b/two.txt", kZhHans}};
  struct Case {
    const char* name;
    bool zip;
    Filter filter;
  };
  const Case cases[] = {{"x.tar", false, Filter::kNone},   {"x.tar.gz", false, Filter::kGzip},
                        {"x.tgz", false, Filter::kGzip},   {"x.tar.xz", false, Filter::kXz},
                        {"x.tar.zst", false, Filter::kZstd}, {"x.tar.bz2", false, Filter::kBzip2},
                        {"x.zip", true, Filter::kNone}};
  for (const Case& c : cases) {
    INFO(c.name);
    auto items = Read({dir.Write(c.name, MakeArchive(entries, c.zip, c.filter)).string()});
    REQUIRE(items.size() == 2);
    CHECK(items[0].doc.id == "a/one");
    CHECK(items[0].doc.text == kEn);
    CHECK(items[1].doc.id == "b/two");
    CHECK(items[1].doc.text == kZhHans);
  }
}

TEST_CASE("archive limits", "[sources][archives][limits]") {
  TempDir dir;
  SECTION("zip bomb") {
    std::string zeros(24u << 20, '\0');
    fs::path bomb = dir.Write("bomb.zip", MakeArchive({{"a.txt", kEn}, {"zeros.txt", zeros}, {"c.txt", kEn}}, true, false));
    SourceOptions opt;
    opt.max_expansion_ratio = 50;
    opt.max_document_bytes = 128u << 20;
    auto items = Read({bomb.string()}, opt);
    REQUIRE(items.size() == 2);
    CHECK(items[0].report.status == DocStatus::kConverted);
    CHECK(items[1].report.id == "zeros");
    CHECK(items[1].report.status == DocStatus::kRejected);
    CHECK(items[1].report.reason == "expansion ratio above 50: likely a compression bomb (rest of the archive not read)");
  }
  SECTION("entry limit") {
    SourceOptions opt;
    opt.max_archive_entries = 2;
    fs::path t = dir.Write("many.tar", MakeArchive({{"a.txt", kEn}, {"b.txt", kEn}, {"c.txt", kEn}}, false, false));
    auto items = Read({t.string()}, opt);
    REQUIRE(items.size() == 3);
    CHECK(items[1].report.status == DocStatus::kConverted);
    CHECK(items[2].report.status == DocStatus::kRejected);
    CHECK(items[2].report.reason == "archive entry limit reached (2)");
  }
  SECTION("oversized entry") {
    SourceOptions opt;
    opt.max_document_bytes = 100;
    fs::path t = dir.Write("big.tar.gz", MakeArchive({{"a.txt", std::string(500, 'x')}, {"b.txt", "short"}}, false, true));
    auto items = Read({t.string()}, opt);
    REQUIRE(items.size() == 2);
    CHECK(items[0].report.reason == "document too large: 500 bytes (limit 100)");
    CHECK(items[1].report.status == DocStatus::kConverted);
  }
  SECTION("truncated .tar.gz") {
    std::string noise;
    std::mt19937 rng(3);
    for (int i = 0; i < 200000; ++i) noise += static_cast<char>('a' + rng() % 26);
    std::string full = MakeArchive({{"a.txt", kEn}, {"noise.txt", noise}, {"c.txt", kEn}}, false, true);
    fs::path t = dir.Write("cut.tar.gz", full.substr(0, full.size() / 2));
    auto items = Read({t.string()});
    REQUIRE(items.size() == 2);
    CHECK(items[0].report.status == DocStatus::kConverted);
    CHECK(items[1].report.id == "noise");
    CHECK(items[1].report.status == DocStatus::kRejected);
    CHECK(items[1].report.reason.rfind("truncated or corrupt archive: ", 0) == 0);
  }
  SECTION("not an archive") {
    fs::path t = dir.Write("fake.tar.gz", "this is not gzip data at all, just text pretending");
    auto items = Read({t.string()});
    REQUIRE(items.size() == 1);
    CHECK(items[0].report.id == "fake");
    CHECK(items[0].report.status == DocStatus::kRejected);
    CHECK(items[0].report.reason == "not a readable archive: Unrecognized archive format");
  }
}

TEST_CASE("the sink can stop the run", "[sources]") {
  TempDir dir;
  dir.Write("d/a.txt", kEn);
  dir.Write("d/b.txt", kEn);
  int calls = 0;
  presskg::Status s = ReadSources({(dir.path / "d").string()}, {}, [&](SourceItem&&) {
    ++calls;
    return presskg::IoError("disk full");
  });
  CHECK(calls == 1);
  CHECK(s.message() == "disk full");
}

TEST_CASE("report lines are JSON", "[sources][report]") {
  presskg::ReportEntry e;
  e.id = "a\"b";
  e.source = "x.tar!a\xFF.txt";
  e.bytes = 12;
  e.encoding = "UTF-8";
  e.language = "en";
  e.status = DocStatus::kEmpty;
  e.reason = "empty document";
  CHECK(presskg::ReportEntryToJson(e) ==
        "{\"id\":\"a\\\"b\",\"source\":\"x.tar!a\xEF\xBF\xBD.txt\",\"bytes\":12,\"encoding\":\"UTF-8\","
        "\"language\":\"en\",\"status\":\"empty\",\"reason\":\"empty document\",\"facts\":0}");
  CHECK(std::string(presskg::DocStatusName(DocStatus::kRejected)) == "rejected");
}
