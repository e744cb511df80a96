#include <catch2/catch.hpp>

#include "presskg/status.h"

using presskg::Location;
using presskg::Result;
using presskg::Status;

TEST_CASE("Status prints file, line, column and rule when known", "[status]") {
  Status s = presskg::ParseError("unclosed [", Location{"rules/zh/agreement.toml", 12, 7, "zh.agreement.sign"});
  CHECK_FALSE(s.ok());
  CHECK(s.ToString() == "rules/zh/agreement.toml:12:7: [zh.agreement.sign] parse error: unclosed [");
  CHECK(Status::OK().ToString() == "ok");
  CHECK(presskg::NotFound("x").ToString() == "not found: x");
}

TEST_CASE("Result holds a value or the status explaining its absence", "[status]") {
  Result<int> good = 42;
  REQUIRE(good.ok());
  CHECK(*good == 42);
  Result<int> bad = presskg::IoError("disk full");
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().code() == presskg::StatusCode::kIoError);
  Result<int> misuse = Status::OK();  // an OK status without a value is a bug, not a success
  CHECK_FALSE(misuse.ok());
  CHECK(misuse.status().code() == presskg::StatusCode::kInternal);
}
