// SpanParser (rules/parse.h) against RE2 on the same Latin-1 programs: random patterns in the
// syntax AlphabetProgram writes (byte classes, groups of the three kinds, alternatives, greedy and
// lazy repetitions, counted or not, ^ and $), every span of random texts (Parse = ANCHOR_BOTH) and
// every search range (Search = UNANCHORED): the same answer and the same groups, byte for byte.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "rules/parse.h"

using presskg::rules::SpanParser;

namespace {

struct Gen {
  std::mt19937 rng;
  int bytes;  // the alphabet: bytes 0 .. bytes - 1

  std::string Byte(unsigned b) {
    const char* hex = "0123456789ABCDEF";
    return std::string("\\x") + hex[b >> 4] + hex[b & 15];
  }
  std::string Class() {
    std::string c = "[";
    unsigned lo = rng() % bytes;
    c += Byte(lo);
    if (rng() % 2) {
      unsigned hi = lo + rng() % (bytes - lo);
      if (hi > lo) c += "-" + Byte(hi);
    }
    if (rng() % 3 == 0) c += Byte(rng() % bytes);
    return c + "]";
  }
  std::string Pattern(int depth) {
    std::string out;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) {
      std::string a;
      const unsigned r = rng() % 12;
      if (depth > 0 && r < 3) {
        std::string inner = Pattern(depth - 1);
        for (unsigned alts = rng() % 3; alts > 0; --alts) inner += "|" + Pattern(depth - 1);
        const unsigned g = rng() % 3;
        a = (g == 0 ? "(?:" : g == 1 ? "(" : "(?P<g" + std::to_string(rng()) + ">") + inner + ")";
      } else if (r == 3) {
        out += rng() % 2 ? "^" : "$";
        continue;
      } else {
        a = Class();
      }
      static const char* quants[] = {"*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "{0,4}"};
      const unsigned q = rng() % 14;
      if (q < 8) {
        a += quants[q];
        if (rng() % 2) a += "?";
      }
      out += a;
    }
    return out;
  }
};

bool Same(const std::vector<re2::StringPiece>& a, const std::vector<re2::StringPiece>& b) {
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].data() != b[k].data() || a[k].size() != b[k].size()) return false;
  return true;
}

}  // namespace

TEST_CASE("SpanParser gives RE2's parses and leftmost-first matches on random programs") {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  for (int bytes : {3, 6}) {
    Gen gen{std::mt19937(static_cast<unsigned>(bytes) * 7919u), bytes};
    int compiled = 0, refused = 0, spans = 0, matched = 0;
    for (int it = 0; it < 3000; ++it) {
      const std::string pat = gen.Pattern(3);
      RE2 re(pat, o);
      if (!re.ok()) continue;
      std::unique_ptr<SpanParser> sp = SpanParser::Compile(pat);
      if (!sp) {
        ++refused;
        continue;
      }
      ++compiled;
      REQUIRE(sp->groups() == re.NumberOfCapturingGroups());
      std::vector<re2::StringPiece> want(re.NumberOfCapturingGroups() + 1), got(want.size());
      for (int t = 0; t < 6; ++t) {
        std::string text;
        for (unsigned len = gen.rng() % 12; len > 0; --len) text.push_back(static_cast<char>(gen.rng() % bytes));
        for (std::size_t b = 0; b <= text.size(); ++b)
          for (std::size_t e = b; e <= text.size(); ++e) {
            INFO("pattern " << pat << ", span " << b << ".." << e << " of " << text.size());
            const bool w = re.Match(text, b, e, RE2::ANCHOR_BOTH, want.data(), static_cast<int>(want.size()));
            REQUIRE(sp->Parse(text, b, e, got.data()) == w);
            if (w) CHECK(Same(want, got));
            const bool ws = re.Match(text, b, e, RE2::UNANCHORED, want.data(), static_cast<int>(want.size()));
            REQUIRE(sp->Search(text, b, e, got.data()) == ws);
            if (ws) CHECK(Same(want, got));
            ++spans;
            matched += w;
          }
      }
    }
    INFO(compiled << " programs, " << refused << " refused, " << spans << " spans, " << matched << " parses");
    CHECK(compiled > 2000);
    CHECK(matched > 10000);
  }
}

TEST_CASE("SpanParser refuses what it does not walk like RE2") {
  CHECK(SpanParser::Compile("(?:[\\x01]?)*") == nullptr);      // a repeated nullable body
  CHECK(SpanParser::Compile("(?:^|[\\x01])+") == nullptr);     // empty-width alternative, repeated
  CHECK(SpanParser::Compile("(?i:[\\x41])") == nullptr);        // flags
  CHECK(SpanParser::Compile("a") == nullptr);                   // literals: AlphabetProgram writes classes
  CHECK(SpanParser::Compile("[\\x01]**") == nullptr);           // a repeated repetition
  REQUIRE(SpanParser::Compile("(?P<x>[\\x01-\\x03]{0,60}?)[\\x04]|$") != nullptr);
}
