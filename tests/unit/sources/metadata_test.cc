// Release metadata sidecars: TSV / CSV / JSON Lines parsing, errors with line and column, lookup by
// id, and how ReadSources applies a folder's own index and --metadata.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "presskg/sources.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using presskg::DocStatus;
using presskg::MetadataIndex;
using presskg::ParseMetadata;

namespace {

using MetaDir = presskg::testing::TempDir;

std::map<std::string, presskg::SourceItem> ReadAll(const std::vector<std::string>& inputs,
                                                   const presskg::SourceOptions& o = {}) {
  std::map<std::string, presskg::SourceItem> out;
  REQUIRE(presskg::ReadSources(inputs, o, [&](presskg::SourceItem&& item) {
            out[item.report.id] = std::move(item);
            return presskg::Status::OK();
          }).ok());
  return out;
}

}  // namespace

TEST_CASE("metadata formats", "[sources][metadata]") {
  struct Case {
    const char* name;
    const char* path;
    const char* text;
  };
  // The same two records in each format, with extra columns and header spellings.
  const Case cases[] = {
      {"tsv", "index.tsv",
       "doc_id\turl\tpublisher\tlanguage\trelease_date\tnote\n"
       "zh-port-2021\thttps://example.org/a\tPort Authority\tzh-Hans\t2021-03-08\tfirst\n"
       "en-coast-2019\t\tCoastal University\ten\t2019-11\t\n"},
      {"csv", "index.csv",
       "ID,Date,Lang,URL,Title\r\n"
       "zh-port-2021,2021-03-08T09:30:00+08:00,zh-Hans,https://example.org/a,\"Ports, and \"\"harbours\"\"\"\r\n"
       "en-coast-2019,2019-11,en,,\"A title\nover two lines\"\r\n"},
      {"jsonl", "index.jsonl",
       "{\"id\": \"zh-port-2021\", \"date\": \"2021-03-08\", \"lang\": \"zh-Hans\", \"url\": \"https://example.org/a\"}\n"
       "\n"
       "{\"doc_id\": \"en-coast-2019\", \"release_date\": \"2019-11\", \"language\": \"en\", \"pages\": 3}\n"},
      {"sniffed tsv", "index.txt", "id\tdate\nzh-port-2021\t2021-03-08\nen-coast-2019\t2019-11\n"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      presskg::Result<MetadataIndex> md = ParseMetadata(c.text, c.path);
      REQUIRE(md.ok());
      CHECK(md->size() == 2);
      const presskg::DocumentMetadata* zh = md->Find("zh-port-2021");
      REQUIRE(zh);
      CHECK(zh->date == "2021-03-08");
      const presskg::DocumentMetadata* en = md->Find("en-coast-2019");
      REQUIRE(en);
      CHECK(en->date == "2019-11");
      if (std::string(c.name) != "sniffed tsv") {
        CHECK(zh->lang == "zh-Hans");
        CHECK(zh->url == "https://example.org/a");
        CHECK(en->lang == "en");
        CHECK(en->url.empty());
      }
    }
  }
}

TEST_CASE("metadata lookup falls back to the last path segment of the id", "[sources][metadata]") {
  presskg::Result<MetadataIndex> md = ParseMetadata("id\tdate\nrelease-7\t2020-01-02\n2013/x\t2013\n", "m.tsv");
  REQUIRE(md.ok());
  CHECK(md->Find("release-7"));
  CHECK(md->Find("archive/2020/release-7"));
  CHECK(md->Find("2013/x"));
  CHECK_FALSE(md->Find("release-70"));
  CHECK_FALSE(md->Find("other/x"));
}

TEST_CASE("metadata errors name the file, line and column", "[sources][metadata][errors]") {
  struct Case {
    const char* path;
    const char* text;
    int line, column;
    const char* message;
  };
  const Case cases[] = {
      {"m.tsv", "", 1, 1, "empty metadata file"},
      {"m.tsv", "name\tdate\na\t2020\n", 1, 1, "no id column"},
      {"m.tsv", "id\tdate\na\t2020-01-02\nb\t16 May 2013\n", 3, 3, "date '16 May 2013' is not ISO 8601"},
      {"m.tsv", "id\tdate\na\t2020-13-01\n", 2, 3, "date '2020-13-01' is not ISO 8601"},
      {"m.csv", "id,date\na,2020\na,2021\n", 3, 1, "duplicate id 'a' (first on line 2)"},
      {"m.csv", "id,date\n\"a,2020\n", 2, 1, "unterminated quoted field"},
      {"m.csv", "id,date\na\"b,2020\n", 2, 2, "quote inside an unquoted field"},
      {"m.jsonl", "{\"id\":\"a\"}\n[1,2]\n", 2, 1, "not a JSON object"},
      {"m.jsonl", "{\"date\":\"2020\"}\n", 1, 1, "no \"id\""},
      {"m.tsv", "id\tdate\n\t2020\n", 2, 1, "empty id"},
  };
  for (const Case& c : cases) {
    INFO(c.path << ": " << c.text);
    presskg::Result<MetadataIndex> md = ParseMetadata(c.text, c.path);
    REQUIRE_FALSE(md.ok());
    CHECK(md.status().code() == presskg::StatusCode::kParseError);
    CHECK(md.status().where().file == c.path);
    CHECK(md.status().where().line == c.line);
    CHECK(md.status().where().column == c.column);
    CHECK(md.status().message().rfind(c.message, 0) == 0);
  }
  presskg::Result<MetadataIndex> missing = presskg::LoadMetadata("/nonexistent/metadata.tsv");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == presskg::StatusCode::kIoError);
}

TEST_CASE("a folder's own index fills what its releases do not say", "[sources][metadata]") {
  MetaDir d;
  d.Write("metadata.tsv", "id\tdate\tlang\turl\n"
                          "2021/harbour\t2021-03-08\tzh-Hans\thttps://example.org/h\n"
                          "coast\t2019-11-02\ten\t\n");
  d.Write("2021/harbour.txt", "新华社滨海3月8日电 港口管理局与滨海大学签署合作协议。");
  d.Write("coast.txt", "Harbour City, 2 November – The Coastal University opened a new campus.");
  d.Write("notes.txt", "A release the index does not list.");
  auto items = ReadAll({d.path.string()});
  REQUIRE(items.size() == 3);  // the index itself is not a release
  CHECK(items["2021/harbour"].doc.date == "2021-03-08");
  CHECK(items["2021/harbour"].doc.lang == "zh-Hans");
  CHECK(items["2021/harbour"].doc.url == "https://example.org/h");
  CHECK(items["coast"].doc.date == "2019-11-02");
  CHECK(items["notes"].report.status == DocStatus::kConverted);
  CHECK(items["notes"].doc.date.empty());

  SECTION("a forced language stays forced") {
    presskg::SourceOptions o;
    o.lang = "en";
    auto forced = ReadAll({d.path.string()}, o);
    CHECK(forced["2021/harbour"].doc.lang == "en");
    CHECK(forced["2021/harbour"].doc.date == "2021-03-08");
  }
}

TEST_CASE("a folder file named like an index without an id column is a release", "[sources][metadata]") {
  MetaDir d;
  d.Write("sources.tsv", "where\twhen\nport\tspring\n");
  auto items = ReadAll({d.path.string()});
  REQUIRE(items.count("sources"));
  CHECK(items["sources"].report.status == DocStatus::kConverted);
}

TEST_CASE("a broken folder index is reported, and the releases are still read", "[sources][metadata]") {
  MetaDir d;
  d.Write("metadata.csv", "id,date\nport,2021-03-08\ncoast,last Tuesday\n");
  d.Write("port.txt", "The Port Authority signed an agreement with the Coastal University.");
  auto items = ReadAll({d.path.string()});
  REQUIRE(items.count("metadata"));
  CHECK(items["metadata"].report.status == DocStatus::kRejected);
  CHECK(items["metadata"].report.reason ==
        "metadata file, line 3 column 7: date 'last Tuesday' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)");
  CHECK(items["port"].report.status == DocStatus::kConverted);
  CHECK(items["port"].doc.date.empty());
}

TEST_CASE("SourceOptions::metadata applies to every input; a document's own date wins", "[sources][metadata]") {
  MetaDir d;
  d.Write("dump.jsonl",
          "{\"id\":\"a\",\"text\":\"The Port Authority opened a terminal.\",\"date\":\"2020-05-01\"}\n"
          "{\"id\":\"b\",\"text\":\"The Coastal University opened a campus.\"}\n");
  auto md = std::make_shared<MetadataIndex>();
  md->Put("a", presskg::DocumentMetadata{"1999-01-01", "en", ""});
  md->Put("b", presskg::DocumentMetadata{"2020-06-02", "", "https://example.org/b"});
  presskg::SourceOptions o;
  o.metadata = md;
  auto items = ReadAll({(d.path / "dump.jsonl").string()}, o);
  CHECK(items["a"].doc.date == "2020-05-01");
  CHECK(items["a"].doc.lang == "en");
  CHECK(items["b"].doc.date == "2020-06-02");
  CHECK(items["b"].doc.url == "https://example.org/b");
}
