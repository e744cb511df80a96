// RangeSlotter: rules::SlotInto over many ranges of one text (see slot.h).
#include "rules/slot.h"

#include <algorithm>
#include <cstring>

namespace presskg::rules {

namespace rangeslot {

std::size_t Digits(std::size_t v) {
  std::size_t d = 1;
  while (v >= 10) v /= 10, ++d;
  return d;
}

// The first mention with begin >= b (std::lower_bound), looked for from `hint`: a few steps
// forward when b lies at or after the hint's mention, a search otherwise.
std::size_t FirstFrom(const std::vector<SlotMention>& ms, std::size_t hint, std::size_t b) {
  auto by_begin = [](const SlotMention& m, std::size_t x) { return m.begin < x; };
  if (hint > ms.size()) hint = 0;
  if (hint > 0 && ms[hint - 1].begin >= b)
    return static_cast<std::size_t>(std::lower_bound(ms.begin(), ms.begin() + hint, b, by_begin) - ms.begin());
  for (int step = 0; step < 8; ++step, ++hint)
    if (hint == ms.size() || ms[hint].begin >= b) return hint;
  return static_cast<std::size_t>(std::lower_bound(ms.begin() + hint, ms.end(), b, by_begin) - ms.begin());
}

}  // namespace rangeslot

void RangeSlotter::Reset(std::string_view normalized) {
  normalized_ = normalized;
  alphabet_at_.clear();
  hint_list_ = nullptr;
  hint_ = 0;
  const char* const base = normalized.data();
  const char* const stop = base + normalized.size();
  for (const char* p = base; p < stop && (p = static_cast<const char*>(std::memchr(p, 0xEE, stop - p))) != nullptr; ++p)
    if (p + 1 < stop && static_cast<unsigned char>(p[1]) == 0x80) alphabet_at_.push_back(static_cast<std::size_t>(p - base));
}

void RangeSlotter::SlotInto(std::size_t begin, std::size_t end, const std::vector<SlotMention>& mentions,
                            SlottedText* s) {
  s->norm_begin = begin;
  s->norm_end = end;
  s->to_norm.Clear();
  s->mentions.clear();
  // rules::SlotInto's test: a slot-alphabet character starting in [begin, end - 1).
  bool clean = true;
  if (!alphabet_at_.empty()) {
    auto it = std::lower_bound(alphabet_at_.begin(), alphabet_at_.end(), begin);
    clean = it == alphabet_at_.end() || *it + 1 >= end;
  }
  const std::size_t first_at = rangeslot::FirstFrom(mentions, hint_list_ == &mentions ? hint_ : 0, begin);
  hint_list_ = &mentions;
  hint_ = first_at;
  // The mentions starting inside the range: a range holds a few, counted one by one.
  const auto first = mentions.begin() + static_cast<std::ptrdiff_t>(first_at);
  auto last = first;
  while (last != mentions.end() && last->begin < end) ++last;
  const std::size_t candidates = static_cast<std::size_t>(last - first);
  // Written through a pointer into room for the most the range can take, as rules::SlotInto.
  std::string& text = s->text;
  const std::size_t room = (end - begin) + candidates * (6 + 3 * rangeslot::Digits(candidates));
  if (text.size() < room) text.resize(room);
  char* out = text.data();
  const char* const src = normalized_.data();
  std::size_t n = 0;
  std::size_t pos = begin;
  std::vector<std::size_t>& tokens = s->mentions;
  if (tokens.capacity() < candidates) tokens.reserve(candidates);
  if (s->to_norm.runs().capacity() < 2 * candidates + 2) s->to_norm.Reserve(2 * candidates + 2);
  for (auto it = first; it != last; ++it) {
    if (it->end > end || it->begin < pos || it->end <= it->begin) continue;
    if (it->begin > pos) {  // the text before it, copied whole
      s->to_norm.Add(OffsetMap::Run{n, pos, true});
      std::memcpy(out + n, src + pos, it->begin - pos);
      n += it->begin - pos;
    }
    s->to_norm.Add(OffsetMap::Run{n, it->begin, false, static_cast<std::uint32_t>(tokens.size())});
    n += WriteSlotToken(out + n, it->type, tokens.size());
    tokens.push_back(static_cast<std::size_t>(it - mentions.begin()));
    pos = it->end;
  }
  if (end > pos) {
    s->to_norm.Add(OffsetMap::Run{n, pos, true});
    std::memcpy(out + n, src + pos, end - pos);
    n += end - pos;
  }
  text.resize(n);
  s->to_norm.Add(OffsetMap::Run{n, end, false});
  s->to_norm.Finish(n + 1);
  s->tokens_in_runs = clean && tokens.size() < OffsetMap::kNoToken;
}

}  // namespace presskg::rules
