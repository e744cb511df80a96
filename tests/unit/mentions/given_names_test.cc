// Regression: Chinese names with 国 in the given name (杨国华, 周建国, 王卫国) were never people,
// because 国 also ends country words (该国, 韩国); a release quoting such an official lost the quote.
// Uses the public MentionFinder only.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "presskg/mention.h"
#include "presskg/text.h"
#include "mention_fixture.h"

namespace {

std::vector<std::string> People(const std::string& text) {
  return presskg_test::PublicMentionsOf(text, presskg::MentionType::kPerson);
}

}  // namespace

TEST_CASE("regression: given names with 国 are people", "[mentions][people][regression]") {
  CHECK(People("国家发展改革委主任杨国华指出，双方将加强合作。") == std::vector<std::string>{"杨国华"});
  CHECK(People("山东省副省长吴国华出席签约仪式。") == std::vector<std::string>{"吴国华"});
  CHECK(People("周建国说，技术合作取得了成果。") == std::vector<std::string>{"周建国"});
  CHECK(People("外交部部长王卫国表示，两国关系良好。") == std::vector<std::string>{"王卫国"});
}

TEST_CASE("country words ending in 国 are still not people", "[mentions][people]") {
  CHECK(People("双方表示，该国将和美国加强合作。").empty());
  CHECK(People("韩国说，合作协议已经签署。").empty());
  CHECK(People("中方说，各国都欢迎这份协议。").empty());
}

// 为 is a stop character (为了, 为此, "X为Y提供"), but common as the middle of a given name
// (李为民, 赵为国): it passes there only.
TEST_CASE("given names with 为 in the middle are people", "[mentions][people][regression]") {
  CHECK(People("市人民医院院长赵为民表示，合作将惠及患者。") == std::vector<std::string>{"赵为民"});
  CHECK(People("研究院副院长孙为强在会上介绍了项目进展。") == std::vector<std::string>{"孙为强"});
  CHECK(People("研究院为此表示，项目进展顺利。").empty());
  CHECK(People("代表团为期三天，期间签署了协议。").empty());
}
