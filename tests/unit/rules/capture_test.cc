// Capture programs (relaxed counted repetitions, merged slot alternatives): the parse a rule's
// matches report must be the one of its pattern as written, RE2's leftmost-first parse.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "rules/engine.h"

using presskg::MentionType;
using presskg::rules::RuleBook;
using presskg::rules::SlotToken;
using presskg::rules::SlottedText;

namespace {

std::string Pack(const std::vector<std::string>& patterns) {
  std::string p = "family = \"quote\"\n";
  for (std::size_t i = 0; i < patterns.size(); ++i)
    p += "[[rule]]\nid = \"t.c" + std::to_string(i) + "\"\npattern = '" + patterns[i] +
         "'\npositive = [\"a\", \"b\"]\nnegative = [\"c\"]\n";
  return p;
}

// A slotted text from pieces: plain strings, or a token when the piece is "#<type digit>".
SlottedText Text(const std::vector<std::string>& pieces) {
  SlottedText s;
  for (const std::string& piece : pieces) {
    if (piece.size() == 2 && piece[0] == '#') {
      s.text += SlotToken(static_cast<MentionType>(piece[1] - '0'), s.mentions.size());
      s.mentions.push_back(s.mentions.size());
    } else {
      s.text += piece;
    }
  }
  s.to_norm.assign(s.text.size() + 1, 0);
  return s;
}

struct Found {
  std::size_t begin, end;
  std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> caps;
  bool operator==(const Found& o) const { return begin == o.begin && end == o.end && caps == o.caps; }
};

// The reference: every non-overlapping match of the pattern as expanded, with all its groups
// (what MatchRule did before capture programs existed).
std::vector<Found> Reference(const RE2& re, const std::string& text) {
  std::vector<re2::StringPiece> g(re.NumberOfCapturingGroups() + 1);
  std::vector<Found> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (!re.Match(text, pos, text.size(), RE2::UNANCHORED, g.data(), static_cast<int>(g.size()))) break;
    Found f{static_cast<std::size_t>(g[0].data() - text.data()), 0, {}};
    f.end = f.begin + g[0].size();
    for (const auto& [name, idx] : re.NamedCapturingGroups())
      if (g[idx].data())
        f.caps.push_back({name, {static_cast<std::size_t>(g[idx].data() - text.data()),
                                 static_cast<std::size_t>(g[idx].data() - text.data()) + g[idx].size()}});
    out.push_back(f);
    std::size_t next = f.end;
    if (next == f.begin) {
      ++next;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    }
    pos = next;
  }
  return out;
}

std::vector<Found> Engine(const RuleBook& book, const presskg::rules::Rule& r, const SlottedText& s) {
  std::vector<Found> out;
  for (const auto& m : book.MatchRule(r, s)) {
    Found f{m.begin, m.end, {}};
    for (const auto& [name, c] : m.captures) f.caps.push_back({name, {c.begin, c.end}});
    out.push_back(f);
  }
  return out;
}

// Checks that the engine reports the parses of the rule's pattern as written on `s`; returns how
// many matches there were.
std::size_t ExpectWrittenParses(const RuleBook& book, const presskg::rules::Rule& r, const SlottedText& s) {
  RE2 re(r.expanded);
  std::vector<Found> want = Reference(re, s.text), got = Engine(book, r, s);
  INFO("rule " << r.id << " on " << presskg::rules::RenderSlotted(s));
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) CHECK(got[k] == want[k]);
  return want.size();
}

// A random slotted text of 1..max_pieces pieces drawn from `alphabet` ("#<digit>" = a token).
SlottedText RandomText(std::mt19937* rng, const std::vector<std::string>& alphabet, std::size_t max_pieces) {
  std::vector<std::string> pieces;
  std::size_t n = 1 + (*rng)() % max_pieces;
  for (std::size_t k = 0; k < n; ++k) pieces.push_back(alphabet[(*rng)() % alphabet.size()]);
  return Text(pieces);
}

}  // namespace

TEST_CASE("capture program: counted repetitions relaxed, with the groups that check them") {
  std::string out;
  std::vector<presskg::rules::Rule::CountCheck> checks;
  REQUIRE(presskg::rules::CaptureProgram("a[^x]{0,40}?b", true, &out, &checks));
  CHECK(out == "a([^x]*?)b");
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].group == 1);
  CHECK(checks[0].hi == 40);

  // Inside a repeated group: checked through the outermost repeated ancestor, or left alone.
  REQUIRE(presskg::rules::CaptureProgram("(?P<n>x)(?:c[^x]{1,5}d){0,3}", true, &out, &checks));
  CHECK(out == "(?P<n>x)((?:c[^x]+d)*)");
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].group == 2);
  CHECK(checks[1].group == 2);
  REQUIRE(presskg::rules::CaptureProgram("(?P<n>x)(?:c[^x]{1,5}d){0,3}", false, &out, &checks));
  CHECK(out == "(?P<n>x)((?:c[^x]{1,5}d)*)");
  REQUIRE(checks.size() == 1);

  // A group that can match the empty string is never relaxed; nor a short range.
  CHECK_FALSE(presskg::rules::CaptureProgram("(?:a?){0,5}b", true, &out, &checks));
  CHECK_FALSE(presskg::rules::CaptureProgram("a{2,3}b{6}", true, &out, &checks));
}

TEST_CASE("adjacent slot alternatives merge into one token class") {
  RuleBook book;
  REQUIRE(book.LoadString(Pack({"(?P<a>[a-z]+|{ORG}|{PLACE}|{DATE})说", "x{ORG}|{PLACE}说"}), "m.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  const auto* merged = book.Find("t.c0");
  const auto* kept = book.Find("t.c1");
  book.Prepare(*merged), book.Prepare(*kept);  // Rule::re is compiled on first use
  CHECK(merged->re->pattern().find("[\\x{E000}\\x{E004}\\x{E005}]") != std::string::npos);
  CHECK(merged->re->ProgramSize() < RE2(merged->expanded).ProgramSize());
  // "x{ORG}" is not a whole alternative: left as written.
  CHECK(kept->re->pattern() == kept->expanded);
}

TEST_CASE("matches report the parse of the pattern as written (random texts)") {
  const std::vector<std::string> patterns = {
      "(?P<a>{ORG})[^。]{0,5}?(?P<b>{PERSON})",
      "(?P<p>{PARTY})(?:(?P<d>{DATE})|[^。\\x{E000}]){0,4}?签署(?P<rest>[^。]{0,3})",
      "(?:(?P<x>{M})\\s*[,、]\\s*){1,3}(?P<y>[^。]{2,6})。",
      "(?P<q>(?:[^。\\x{E006}]){3}[^。]*)",
      "(?P<w>[a-c]{2,4})(?P<v>[a-c]{0,3}?)x",
      "(?:(?P<g>[ab]{1,3})c){2,4}(?P<t>[^x]{0,4})",
      "(?P<s>[^x。]{0,6})(?P<u>{ORG}|{PERSON}|{QUOTE})[^。]{1,4}(?P<z>b|{DATE})",
      "(?:q{0,300})(?P<w>[a-c]{2,4})(?P<v>[a-c]{0,3}?)x",
  };
  RuleBook book;
  REQUIRE(book.LoadString(Pack(patterns), "r.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  const std::vector<std::string> alphabet = {"a", "b", "c", "x", "。", "签署", "、", ",", " ", "说", "#0", "#1", "#3", "#5", "#6"};
  std::mt19937 rng(20261124);
  int compared = 0, with_matches = 0;
  for (int round = 0; round < 3000; ++round) {
    SlottedText s = RandomText(&rng, alphabet, 24);
    for (const auto& r : book.rules()) {
      ++compared;
      with_matches += ExpectWrittenParses(book, *r, s) > 0;
    }
  }
  CHECK(compared == 3000 * static_cast<int>(patterns.size()));
  CHECK(with_matches > 2000);  // the texts exercise the patterns, not only their failures
  // Every pattern got a byte-alphabet capture program, so the comparisons above went through them
  // (and, where a range overflowed, through the fallback: "aaaaax" for t.c4 and t.c7); the one without a
  // range ({3} stays as written) has no count to check.
  for (const auto& r : book.rules()) {
    INFO("rule " << r->id);
    book.Prepare(*r);
    REQUIRE_FALSE(r->captures.empty());
    CHECK(r->captures.front().alphabet != nullptr);
    CHECK(r->captures.front().checks.empty() == (r->id == "t.c3"));
    // t.c7 is too long unrelaxed for BitState: an overflowing range falls back to the rule itself.
    if (r->id == "t.c7") CHECK_FALSE(r->captures.back().checks.empty());
  }
}

TEST_CASE("alphabet programs: one byte per code point, atoms as classes of groups") {
  std::string out;
  presskg::rules::Alphabet al;
  REQUIRE(presskg::rules::AlphabetProgram("a[^x。]*(?P<n>b|。)$", &out, &al));
  // a, b, x, 。 and the rest are five groups; [^x。] is every group but two.
  std::set<unsigned> groups;
  for (char32_t c : {U'a', U'b', U'x', U'。', U'z', U'中', U'\n'}) groups.insert(al.Of(c));
  CHECK(groups.size() == 5);
  CHECK(al.Of(U'z') == al.Of(U'中'));
  CHECK(al.Of(U'z') == al.Of(U'\n'));
  RE2::Options latin;
  latin.set_encoding(RE2::Options::EncodingLatin1);
  RE2 re(out, latin);
  REQUIRE(re.ok());
  auto map = [&](const std::u32string& t) {
    std::string m;
    for (char32_t c : t) m.push_back(static_cast<char>(al.Of(c)));
    return m;
  };
  std::string n;
  CHECK(RE2::FullMatch(map(U"a中文zb"), re, &n));
  CHECK(n == std::string(1, static_cast<char>(al.Of(U'b'))));
  CHECK(RE2::FullMatch(map(U"a中。"), re, &n));
  CHECK_FALSE(RE2::FullMatch(map(U"a中x。"), re, &n));
  // Syntax whose meaning looks at neighbours or at Unicode tables is not translated.
  CHECK_FALSE(presskg::rules::AlphabetProgram("\\bab", &out, &al));
  CHECK_FALSE(presskg::rules::AlphabetProgram("\\p{Han}+", &out, &al));
  CHECK_FALSE(presskg::rules::AlphabetProgram("(?i)ab", &out, &al));
  CHECK_FALSE(presskg::rules::AlphabetProgram("x(?i:ab)", &out, &al));
  CHECK_FALSE(presskg::rules::AlphabetProgram("(?s:.)", &out, &al));
  CHECK(presskg::rules::AlphabetProgram("(?:a)(?P<n>b)(c)", &out, &al));
  CHECK_FALSE(presskg::rules::AlphabetProgram("[[:alpha:]]", &out, &al));
}

TEST_CASE("alphabet programs give the parses of the patterns as written (random texts)") {
  // Escapes, classes with ranges and edge characters, '.', anchors, multi-byte literals; and two
  // patterns the alphabet cannot take (\b, \p{Han}), which keep UTF-8 capture programs.
  const std::vector<std::string> patterns = {
      "(?:^|[,。\\s])(?P<a>[a-c\\d]{1,3})\\s*(?P<b>[^\\s,]{0,4}?)(?:$|,)",
      "(?P<a>.{0,3})[\\]\\-](?P<b>\\w+)",
      "(?P<a>\\W{1,2}?)(?P<b>[\\x{4E2D}-\\x{6587}]+|{ORG})\\.?",
      "(?P<a>[^\\x{E000}-\\x{E01F}\\n]{2,5})\\n(?P<b>\\D*?)x",
      "(?P<a>中文|中|文-)(?P<b>[-a]{0,3})(?P<c>{M}|\\t)",
      "(?P<a>\\b[a-c]{1,4})[^x]{0,5}?(?P<b>{ORG})",
      "(?P<a>\\p{Han}{1,3})(?P<b>[^。]{0,4})。",
      // ^ and $ hold at the ends of the whole text only, not of the span parsed.
      "(?:^(?P<a>a)|(?P<b>a))(?P<c>[^,]{0,3}?)(?:(?P<d>$)|,|b)",
  };
  RuleBook book;
  REQUIRE(book.LoadString(Pack(patterns), "a.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  const std::vector<std::string> alphabet = {"a", "b", "c", "x", "1", "。", "中", "文", ",", " ", "\t", "\n",
                                             "]", "-", ".", "_", "#0", "#1", "#4"};
  std::mt19937 rng(20261125);
  int with_matches = 0;
  for (int round = 0; round < 3000; ++round) {
    SlottedText s = RandomText(&rng, alphabet, 20);
    for (const auto& r : book.rules()) with_matches += ExpectWrittenParses(book, *r, s) > 0;
  }
  CHECK(with_matches > 3000);
  for (const auto& r : book.rules()) {
    INFO("rule " << r->id);
    book.Prepare(*r);
    REQUIRE_FALSE(r->captures.empty());
    bool utf8_only = r->id == "t.c5" || r->id == "t.c6";
    CHECK((r->captures.front().alphabet == nullptr) == utf8_only);
  }
}


TEST_CASE("no relaxing inside a repeated group that can match empty (review finding)") {
  // RE2 prefers another parse of "(c*?)+?" than of "(c{0,3}?)+?": such pieces stay as written.
  const std::vector<std::string> patterns = {
      "(?P<g>c{0,3}?)+?a",
      "(?P<g>[ab]{0,3}?a?)*x",
      "(?P<h>[^c]{0,3}?c*?)*b",
  };
  RuleBook book;
  REQUIRE(book.LoadString(Pack(patterns), "r.toml", "zh").ok());
  REQUIRE(book.Compile().ok());
  const std::vector<std::string> texts = {"cca", "bbax", "ccccca", "abab x", "aacb", "ccb", "xcccb"};
  for (const auto& r : book.rules())
    for (const std::string& t : texts) ExpectWrittenParses(book, *r, Text({t}));
}

TEST_CASE("word programs: long word alternations as one loose word, checked against the words") {
  std::string out;
  std::vector<presskg::rules::Rule::WordCheck> checks;
  std::vector<int> group_map;
  REQUIRE(presskg::rules::WordProgram("(?P<a>x)(?:said|says|noted|told [A-Z]+|added)(y)", &out, &checks, &group_map));
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].group == 2);  // after (?P<a>...), before (y)
  CHECK(group_map == std::vector<int>{0, 1, 3});
  CHECK(RE2::FullMatch("noted", *checks[0].words));
  CHECK_FALSE(RE2::FullMatch("note", *checks[0].words));
  RE2 loose(out);
  REQUIRE(loose.ok());
  CHECK(RE2::FullMatch("xsaysy", loose));
  CHECK(RE2::FullMatch("xsaddy", loose));  // loose: the check rejects it
  CHECK(RE2::FullMatch("xtold ABy", loose));
  // Not loosened: a word that is a prefix of another, a repeated group, another alternative that
  // starts like a word, too few words.
  CHECK_FALSE(presskg::rules::WordProgram("(?:sign|signed|signs|inked|agreed)", &out, &checks, &group_map));
  CHECK_FALSE(presskg::rules::WordProgram("(?:(?:said|says|noted|added|stated)\\s+){0,2}", &out, &checks, &group_map));
  CHECK_FALSE(presskg::rules::WordProgram("(?:said|says|noted|added|stated|s[a-z]+)", &out, &checks, &group_map));
  CHECK_FALSE(presskg::rules::WordProgram("(?:said|says|noted)", &out, &checks, &group_map));
}

TEST_CASE("word programs give the parses of the patterns as written (random texts)") {
  // q{0,300} keeps each rule program above BitState's limit unrelaxed, so that the loose word
  // variants are built and tried.
  const std::vector<std::string> patterns = {
      "(?:q{0,300})(?P<a>{PERSON})\\s+(?:said|says|stated|noted|told [A-Z]?[\\w ]{1,8}?|pointed out)(?:\\s+that)?\\s*(?P<q>{QUOTE}|[a-z ]{1,10})",
      "(?:q{0,300})(?P<n>(?:[A-Z]\\w*\\s+){0,3}?(?:Forum|Summit|Meeting|Expo))(?:\\s+(?P<t>on|of)\\s+\\w+)?",
      "(?:q{0,300})(?:(?:alpha|beta|gamma|delta)\\s+)?(?P<x>\\w+)",
      "(?:q{0,300})(?P<h>(?:Forum|Summit|Meeting|Expo))|(?P<w>[A-Z]\\w*)",
  };
  RuleBook book;
  REQUIRE(book.LoadString(Pack(patterns), "w.toml", "en").ok());
  REQUIRE(book.Compile().ok());
  const std::vector<std::string> alphabet = {"said", "says", "sai", "saidx", "told", "told X", "pointed out", "pointed",
                                             "that", " ", " ", "Forum", "Summit", "Sum", "Forums", "on", "of", "Alpha",
                                             "q", "#1", "#6", "alpha", "beta", "x", "Expo", "Xy", "delt"};
  std::mt19937 rng(20261126);
  int with_matches = 0;
  for (int round = 0; round < 3000; ++round) {
    SlottedText s = RandomText(&rng, alphabet, 16);
    for (const auto& r : book.rules()) with_matches += ExpectWrittenParses(book, *r, s) > 0;
  }
  CHECK(with_matches > 3000);
  for (const auto& r : book.rules()) {
    INFO("rule " << r->id);
    bool loose = false;
    book.Prepare(*r);
    for (const auto& v : r->captures) loose |= !v.words.empty();
    CHECK(loose);
  }
}

TEST_CASE("repeated groups with one separator run per iteration are counted by runs") {
  // Each iteration holds one run of \s (or of ','): at most as many iterations as runs. Shapes
  // that do not qualify (a rest that may hold the separator, or may be empty) count code points.
  const std::vector<std::string> patterns = {
      "(?:q{0,300})(?P<a>(?:[A-Za-z]+\\s+){0,2}?)(?P<b>X|{ORG})",
      "(?:q{0,300})(?P<a>[A-Z]\\w*)(?P<b>(?:\\s+(?:of|and|[A-Z]\\w*|{PERSON})){0,3})(?:\\s+(?P<c>\\w+))?",
      "(?:q{0,300})(?P<a>(?:,+(?:ab|b)){1,3})(?P<b>[^,]{0,3})",
      "(?:q{0,300})(?P<a>(?:[a-z ]+\\s+){0,2})(?P<b>X)",
      "(?:q{0,300})(?P<a>(?:\\w*\\s+){0,2}?)X",
  };
  RuleBook book;
  REQUIRE(book.LoadString(Pack(patterns), "s.toml", "en").ok());
  REQUIRE(book.Compile().ok());
  const std::vector<std::string> alphabet = {"ab", "b", "of", "and", "X", "Xy", " ", "  ", "\t", ",", ",,", "q", "#0", "#1", "Z"};
  std::mt19937 rng(20261127);
  int with_matches = 0;
  for (int round = 0; round < 3000; ++round) {
    SlottedText s = RandomText(&rng, alphabet, 14);
    for (const auto& r : book.rules()) with_matches += ExpectWrittenParses(book, *r, s) > 0;
  }
  CHECK(with_matches > 3000);
  auto has_sep = [&](const std::string& id) {
    book.Prepare(*book.Find(id));
    for (const auto& v : book.Find(id)->captures)
      for (const auto& c : v.checks)
        if (!c.sep.empty()) return true;
    return false;
  };
  CHECK(has_sep("t.c0"));
  CHECK(has_sep("t.c1"));
  CHECK(has_sep("t.c2"));
  CHECK_FALSE(has_sep("t.c3"));  // the rest may hold spaces
  CHECK_FALSE(has_sep("t.c4"));  // the rest may be empty
}
