// Overlap resolution against a reference: the greedy selection written out plainly (every
// candidate in the order longest, higher priority, earlier, source; kept when none of its bytes is
// taken; result in begin order). The resolution works cluster by cluster, and over two arrays as
// if they were one: on random candidates it must keep the same ones.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "mentions/internal.h"
#include "mentions/resolve.h"

namespace {

using presskg::MentionType;
using presskg::mentions::Candidate;

std::vector<Candidate> Reference(const std::vector<Candidate>& cands) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < cands.size(); ++i)
    if (cands[i].end > cands[i].begin) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const Candidate& a = cands[x];
    const Candidate& b = cands[y];
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.source.view() < b.source.view();
  });
  std::vector<bool> taken(1024, false);
  std::vector<Candidate> out;
  for (std::size_t i : order) {
    const Candidate& c = cands[i];
    bool busy = false;
    for (std::size_t p = c.begin; p < c.end; ++p) busy = busy || taken[p];
    if (busy) continue;
    for (std::size_t p = c.begin; p < c.end; ++p) taken[p] = true;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  return out;
}

// What tells selections apart: span, type, priority, source, key.
std::string Describe(const std::vector<Candidate>& cs) {
  std::string s;
  for (const Candidate& c : cs)
    s += std::to_string(c.begin) + "-" + std::to_string(c.end) + " t" + std::to_string(static_cast<int>(c.type)) + " p" +
         std::to_string(c.priority) + " " + std::string(c.source.view()) + " " + std::string(c.key.view()) + "\n";
  return s;
}

}  // namespace

TEST_CASE("overlap resolution keeps what the plain greedy selection keeps", "[mentions][resolve]") {
  static const char* const kSources[] = {"a.tsv:1", "a.tsv:2", "b.tsv:7", "date:zh", "person:short", "org:zh-suffix"};
  static const char* const kKeys[] = {"", "k1", "k2"};
  std::mt19937 rng(20261124);
  for (int round = 0; round < 3000; ++round) {
    const int n = static_cast<int>(rng() % 60);
    const std::size_t span = 20 + rng() % 600;  // dense and sparse texts
    std::vector<Candidate> cands;
    for (int i = 0; i < n; ++i) {
      Candidate c;
      c.begin = rng() % span;
      c.end = c.begin + (rng() % 8 == 0 ? 0 : 1 + rng() % (rng() % 4 == 0 ? 200 : 12));  // some empty, some long
      c.priority = static_cast<int>(rng() % 4) * 20;
      // Spans, priorities and sources repeat: candidates that tie on all three differ in no other
      // field here, so any choice among them gives the same selection.
      const std::size_t source = rng() % 6;
      c.source = kSources[source];
      c.key = kKeys[source % 3];
      c.type = static_cast<MentionType>(source % 7);
      cands.push_back(c);
      if (rng() % 10 == 0) cands.push_back(c);  // an exact duplicate
    }
    const std::string want = Describe(Reference(cands));
    REQUIRE(Describe(presskg::mentions::ResolveOverlaps(cands)) == want);
    // The same candidates as two arrays, after what *out holds already.
    const std::size_t cut = cands.empty() ? 0 : rng() % (cands.size() + 1);
    std::vector<Candidate> out(2);
    out[0].begin = 7, out[0].end = 9, out[0].source = "before";
    out[1] = out[0];
    presskg::mentions::ResolveOverlapsInto(cands.data(), cut, cands.data() + cut, cands.size() - cut, &out);
    REQUIRE(out.size() >= 2);
    CHECK((out[0].begin == 7 && out[1].begin == 7 && out[1].source.view() == "before"));
    REQUIRE(Describe(std::vector<Candidate>(out.begin() + 2, out.end())) == want);
  }
}

TEST_CASE("overlap resolution: a tie on span, priority and source keeps one of the two", "[mentions][resolve]") {
  // Two suffix organizations walked back to the same start: same span, priority and source, one
  // with a gazetteer key. Exactly one survives, with whatever overlaps them dropped, and the rest
  // of the text is resolved as usual.
  std::vector<Candidate> cands(5);
  cands[0].begin = 0, cands[0].end = 6, cands[0].priority = 42, cands[0].source = "org:zh-suffix";
  cands[1] = cands[0];
  cands[1].key = "huawei";
  cands[2].begin = 3, cands[2].end = 5, cands[2].priority = 50, cands[2].source = "a.tsv:1";
  cands[3].begin = 10, cands[3].end = 12, cands[3].source = "a.tsv:2";
  cands[4].begin = 11, cands[4].end = 14, cands[4].source = "a.tsv:3";
  const std::vector<Candidate> got = presskg::mentions::ResolveOverlaps(cands);
  REQUIRE(got.size() == 2);
  CHECK(got[0].begin == 0);
  CHECK(got[0].end == 6);
  CHECK(got[0].source.view() == "org:zh-suffix");
  CHECK(got[1].begin == 11);
  CHECK(got[1].end == 14);
  // Deterministic: the same input gives the same choice.
  CHECK(Describe(presskg::mentions::ResolveOverlaps(cands)) == Describe(got));
}
