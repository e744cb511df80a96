// rules/parse.h — the parse of a match span by a byte program (internal API of rules/).
//
// RE2 parses a span (a capturing match anchored at both ends) with BitState when the program has
// at most 512 instructions and with the NFA otherwise. Both are general: a call allocates three
// scratch arrays, and the NFA copies capture vectors per thread and byte. The capture programs of
// the rules are Latin-1 programs over an alphabet of at most 256 bytes (AlphabetProgram) in a small
// syntax: byte classes, groups, alternatives, repetitions (greedy or lazy, counted or not), ^ and
// $. SpanParser compiles that syntax and runs the same search BitState runs - a depth-first walk
// of the alternatives in order of preference, each (choice point, position) tried at most once -
// with its scratch kept per thread and no size limit, so it gives RE2's parse:
//
//   std::unique_ptr<SpanParser> p = SpanParser::Compile("(?P<a>[\\x01-\\x03]+?)[\\x04]");
//   std::vector<re2::StringPiece> groups(p->groups() + 1);
//   bool ok = p->Parse(text, b, e, groups.data());   // as re.Match(text, b, e, ANCHOR_BOTH, ...)
//
// The parse RE2 reports for a span is the first in that order that ends at the span's end (RE2
// asks BitState for the longest parse and keeps the first of each length; the span's end is the
// longest possible). Repetitions of a sub-pattern that can match the empty string are where RE2's
// program departs from a plain walk (empty iterations): Compile refuses them, as it refuses any
// syntax outside the above, and the caller keeps RE2.
#ifndef PRESSKG_RULES_PARSE_H
#define PRESSKG_RULES_PARSE_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <re2/stringpiece.h>

namespace presskg::rules {

class SpanParser {
 public:
  // Null when `pattern` uses syntax outside the subset above or repeats a nullable sub-pattern.
  static std::unique_ptr<SpanParser> Compile(const std::string& pattern);
  int groups() const { return ngroups_; }
  std::uint32_t splits() const { return nsplits_; }
  // The parse of text[b, e) as a whole (^ and $ see the ends of `text`): groups[0] the span,
  // groups[i] capturing group i (a null StringPiece when it did not take part). `groups` has
  // groups() + 1 entries. False when no parse of the span exists.
  bool Parse(re2::StringPiece text, std::size_t b, std::size_t e, re2::StringPiece* groups) const;
  // The leftmost-first match in text[b, e) and its parse, as re.Match(text, b, e, UNANCHORED, ...):
  // the walk from each start in turn (where the program's first byte fits), the first parse found.
  bool Search(re2::StringPiece text, std::size_t b, std::size_t e, re2::StringPiece* groups) const;

  enum Op : std::uint8_t { kByte, kSplit, kJmp, kSave, kBegin, kEnd, kMatch };
  struct Inst {
    Op op;
    std::uint32_t x = 0;  // kByte: class; kSplit: preferred target; kJmp: target; kSave: slot
    std::uint32_t y = 0;  // kSplit: other target
    std::uint32_t split = 0;  // kSplit: its index among the splits (the visited table's rows)
  };

 private:
  template <bool whole>
  bool Walk(re2::StringPiece text, std::size_t b, std::size_t e, bool all_starts, re2::StringPiece* groups) const;
  std::vector<Inst> prog_;
  std::vector<std::uint64_t> classes_;  // four words (256 bits) per class
  // Per instruction: the bytes a path from it can consume first (four words), and whether it can
  // reach the match consuming nothing. A split skips a branch that cannot go on from the current
  // byte: it would fail, so the parse found is the same, with far fewer steps over alternations
  // of words and lazy repetitions.
  std::vector<std::uint64_t> first_;
  std::vector<std::uint8_t> empty_;
  // first_ with every byte where the instruction can reach the match consuming nothing: the
  // branches a split takes before a byte. start_: whether a walk can begin at a byte (first_ of
  // the entry instruction, one byte per entry).
  std::vector<std::uint64_t> go_;
  std::vector<std::uint8_t> start_;
  // The bytes that can follow a first byte c of a match (256 bits, row second_idx_[c] of
  // second_): a search skips a start whose next byte is not among them.
  std::vector<std::uint64_t> second_;
  std::vector<std::uint16_t> second_idx_;
  int ngroups_ = 0;
  std::uint32_t nsplits_ = 0;
  friend struct SpanParserBuilder;
};

}  // namespace presskg::rules

#endif  // PRESSKG_RULES_PARSE_H
