// rules/slot.h — slotting many ranges of one text (fact assembly slots every unit, quotation and
// line window of a release) with what the ranges share worked out once per text.
//
//   RangeSlotter slotter;
//   slotter.Reset(normalized);                       // once per release
//   slotter.SlotInto(b, e, mentions, &slotted);      // == rules::SlotInto(normalized, b, e, mentions, &slotted)
#ifndef PRESSKG_RULES_SLOT_H
#define PRESSKG_RULES_SLOT_H

#include <cstddef>
#include <string_view>
#include <vector>

#include "rules/engine.h"

namespace presskg::rules {

class RangeSlotter {
 public:
  // The text the ranges are cut from (it must outlive the calls up to the next Reset). Finds its
  // slot-alphabet characters (EE 80 xx) once: rules::SlotInto looks for them in every range, and
  // a release almost never writes one.
  void Reset(std::string_view normalized);  // (forgets the last range)
  // The same result as rules::SlotInto(normalized, begin, end, mentions, out): `mentions` sorted
  // by begin (as SlotInto takes them), out's buffers reused.
  // Ranges asked for in ascending order (a release's units, its line windows) find their first
  // mention a few steps from the last range's instead of by a search over the whole list.
  void SlotInto(std::size_t begin, std::size_t end, const std::vector<SlotMention>& mentions, SlottedText* out);
  // Whether the text holds no slot-alphabet character at all.
  bool clean() const { return alphabet_at_.empty(); }
  // Releases the room a very long release left behind.
  void ShrinkTo(std::size_t keep) {
    if (alphabet_at_.capacity() > keep) std::vector<std::size_t>().swap(alphabet_at_);
  }

 private:
  std::string_view normalized_;
  std::vector<std::size_t> alphabet_at_;  // offsets p with normalized[p, p + 2) == EE 80, ascending
  const std::vector<SlotMention>* hint_list_ = nullptr;  // the list the last range was slotted over
  std::size_t hint_ = 0;                                 // and its first mention there
};

}  // namespace presskg::rules

#endif  // PRESSKG_RULES_SLOT_H
