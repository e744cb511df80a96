// Hard-wrapped documents: which line ends only wrap a paragraph (text/normalize.h).
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "text/normalize.h"

namespace presskg::text {
namespace unwrap {

// Display columns of a code point: two for the wide East Asian blocks, else one.
int Columns(char32_t c) {
  if (c < 0x1100) return 1;
  if (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
      (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}

bool Wide(char32_t c) { return Columns(c) == 2; }

bool Bullet(char32_t c) {
  return c == '-' || c == '*' || c == 0x2022 || c == 0x00B7 || c == 0x25CF || c == 0x25AA || c == 0x25A0 ||
         c == 0x2013 || c == 0x2014 || c == 0x25C6 || c == 0x2023;
}

struct Line {
  std::size_t begin = 0, end = 0;   // content, trailing spaces excluded
  std::size_t term = 0, term_len = 0;  // the terminator (term_len 0 at the end of the text)
  int columns = 0, chars = 0;        // up to the last non-space character
  int first_word = 0, first_word_chars = 0, first_word_bytes = 0;  // the first word (a wide character is a word)
  char32_t first = 0, last = 0;      // first and last characters of the content
  bool blank = true;
};

}  // namespace unwrap

void FindWrapBreaks(std::string_view s, std::vector<WrapBreak>* out) {
  using unwrap::Line;
  out->clear();
  if (s.size() < 200) return;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto is_space_at = [&](std::size_t i, std::size_t end, std::size_t* len) {
    if (p[i] == ' ' || p[i] == '\t') return *len = 1, true;
    if (p[i] == 0xC2 && i + 1 < end && p[i + 1] == 0xA0) return *len = 2, true;
    if (p[i] == 0xE3 && i + 2 < end && p[i + 1] == 0x80 && p[i + 2] == 0x80) return *len = 3, true;
    return false;
  };
  // Cheap tests first, on line ends alone: three lines of more than 400 bytes (so more than 100
  // columns) mean paragraphs written one per line, the usual case; and a document needs three
  // wraps, each between two non-blank lines, so fewer than three such pairs (paragraphs set
  // apart by blank lines) settle it too.
  {
    int long_lines = 0, pairs = 0;
    bool previous_blank = true;
    for (std::size_t at = 0; at <= n && long_lines < 3;) {
      const void* nl = at < n ? std::memchr(p + at, '\n', n - at) : nullptr;
      const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const unsigned char*>(nl) - p) : n;
      if (end - at > 400) ++long_lines;
      // Blank as in the line loop below: nothing but spaces before the line end (CR LF's CR included).
      const std::size_t stop = end > at && p[end - 1] == '\r' ? end - 1 : end;
      std::size_t b = at, len = 0;
      while (b < stop && is_space_at(b, stop, &len)) b += len;
      const bool blank = b == stop;
      if (!blank && !previous_blank) ++pairs;
      previous_blank = blank;
      at = end + 1;
    }
    if (long_lines >= 3 || pairs < 3) return;
  }
  thread_local std::vector<Line> lines;
  lines.clear();
  // Per byte: does it start a character, and does that character take two columns (lead bytes
  // E3–ED: U+3000–U+DFFF, CJK and Hangul; F0–F4: mostly CJK extensions and emoji; EF BC / EF BD
  // 80–A0, the full-width forms, are checked apart).
  static const auto kTab = [] {
    struct {
      std::uint8_t starts[256], wide[256];
    } t{};
    for (int b = 0; b < 256; ++b) {
      t.starts[b] = (b & 0xC0) != 0x80;
      t.wide[b] = (b >= 0xE3 && b <= 0xED) || (b >= 0xF0 && b <= 0xF4);
    }
    return t;
  }();
  for (std::size_t i = 0; i < n;) {
    Line l;
    l.begin = i;
    const void* nl = std::memchr(p + i, '\n', n - i);
    std::size_t e = nl ? static_cast<std::size_t>(static_cast<const unsigned char*>(nl) - p) : n;
    std::size_t stop = e > i && p[e - 1] == '\r' ? e - 1 : e;
    l.term = stop;
    l.term_len = e < n ? e + 1 - stop : e - stop;
    // Content: leading and trailing spaces left out.
    std::size_t b = i, len = 0;
    while (b < stop && is_space_at(b, stop, &len)) b += len;
    std::size_t c_end = stop;
    while (c_end > b) {
      std::size_t k = c_end - 1;
      while (k > b && (p[k] & 0xC0) == 0x80) --k;
      if (!is_space_at(k, c_end, &len) || k + len != c_end) break;
      c_end = k;
    }
    l.end = c_end;
    l.blank = b == c_end;
    if (!l.blank) {
      int starts = 0, wide = 0;
      std::size_t k = i;
#if defined(__SSE2__)
      // Sixteen bytes at a time: character starts, wide lead bytes, and EF leads (checked apart).
      const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xC0)), c80 = _mm_set1_epi8(static_cast<char>(0x80));
      const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3)), f0 = _mm_set1_epi8(static_cast<char>(0xF0));
      const __m128i ten = _mm_set1_epi8(10), four = _mm_set1_epi8(4), ef = _mm_set1_epi8(static_cast<char>(0xEF));
      // Counts are kept per byte lane (a matching compare is -1: subtracting it adds one) and
      // summed with _mm_sad_epu8 at most every 255 blocks: no popcount per block (without
      // -mpopcnt that is a library call).
      const __m128i zero = _mm_setzero_si128();
      while (k + 16 <= c_end) {
        __m128i cont_lanes = zero, wide_lanes = zero;
        int blocks = 0;
        for (; k + 16 <= c_end && blocks < 255; k += 16, ++blocks) {
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
          cont_lanes = _mm_sub_epi8(cont_lanes, _mm_cmpeq_epi8(_mm_and_si128(v, c0), c80));
          const __m128i x = _mm_sub_epi8(v, e3), y = _mm_sub_epi8(v, f0);
          wide_lanes = _mm_sub_epi8(wide_lanes, _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, ten), x),
                                                             _mm_cmpeq_epi8(_mm_min_epu8(y, four), y)));
          for (int m = _mm_movemask_epi8(_mm_cmpeq_epi8(v, ef)); m; m &= m - 1) {
            const std::size_t at = k + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
            if (at + 2 < c_end) wide += p[at + 1] == 0xBC || (p[at + 1] == 0xBD && p[at + 2] <= 0xA0);
          }
        }
        const __m128i cs = _mm_sad_epu8(cont_lanes, zero), ws = _mm_sad_epu8(wide_lanes, zero);
        const int cont = _mm_cvtsi128_si32(cs) + _mm_cvtsi128_si32(_mm_srli_si128(cs, 8));
        starts += 16 * blocks - cont;
        wide += _mm_cvtsi128_si32(ws) + _mm_cvtsi128_si32(_mm_srli_si128(ws, 8));
      }
#endif
      for (; k < c_end; ++k) {
        const unsigned char c = p[k];
        starts += kTab.starts[c];
        wide += kTab.wide[c];
        if (c == 0xEF && k + 2 < c_end) wide += p[k + 1] == 0xBC || (p[k + 1] == 0xBD && p[k + 2] <= 0xA0);
      }
      l.chars = starts;
      l.columns = starts + wide;
      std::size_t cl, first_len;
      l.first = DecodeUtf8(s, b, &first_len);
      std::size_t lk = c_end - 1;
      while (lk > b && (p[lk] & 0xC0) == 0x80) --lk;
      l.last = DecodeUtf8(s, lk, &cl);
      // The first word: up to a space, or one wide character.
      if (unwrap::Wide(l.first)) {
        l.first_word = 2;
        l.first_word_chars = 1;
        l.first_word_bytes = static_cast<int>(first_len);
      } else {
        for (std::size_t w = b; w < c_end && !is_space_at(w, c_end, &len);) {
          char32_t ch = DecodeUtf8(s, w, &cl);
          if (unwrap::Wide(ch)) break;
          ++l.first_word;
          ++l.first_word_chars;
          l.first_word_bytes += static_cast<int>(cl);
          w += cl;
        }
      }
    }
    lines.push_back(l);
    i = e < n ? e + 1 : n;
  }
  // The wrapping width: the widest line of at most 100 columns; a few longer lines (a URL, a
  // headline) are allowed, a document of long lines is not hard-wrapped. Wrappers count either
  // display columns or characters (a CJK character is two columns or one): both are tried, and
  // the one with more lines near its width is taken.
  struct Metric {
    enum Unit { kColumns, kChars, kBytes } unit;
    int width = 0, full = 0;
    bool by_chars() const { return unit == kChars; }  // a CJK character counts one: a CJK-text wrapper
    int Len(const Line& l) const {
      return unit == kColumns ? l.columns : unit == kChars ? l.chars : static_cast<int>(l.end - l.begin);
    }
    int Word(const Line& l) const {
      return unit == kColumns ? l.first_word : unit == kChars ? l.first_word_chars : l.first_word_bytes;
    }
  };
  // Byte-counting wrappers (fold) exist too.
  Metric metrics[3] = {{Metric::kColumns}, {Metric::kChars}, {Metric::kBytes}};
  int nonblank = 0, continued = 0;
  for (Metric& m : metrics) {
    int over = 0;
    nonblank = 0;
    for (const Line& l : lines) {
      if (l.blank) continue;
      ++nonblank;
      if (l.columns > 100) ++over;
      else m.width = std::max(m.width, m.Len(l));
    }
    if (over > 2 || over * 10 > nonblank) return;
    if (m.width < (m.unit == Metric::kChars ? 16 : 30)) continue;  // too narrow for wrapped prose
    continued = 0;
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
      if (lines[k].blank || lines[k + 1].blank) continue;
      ++continued;
      if (m.Len(lines[k]) + 1 + m.Word(lines[k + 1]) > m.width) ++m.full;  // explained as a wrap
    }
  }
  const Metric* best = &metrics[0];
  for (const Metric& m : metrics)
    if (m.full > best->full) best = &m;
  const Metric& m = *best;
  if (m.full < 3 || m.full * 4 < continued) return;
  // Lists are not prose: lines that mostly open with the same word ("Participant", "Tel:", "-")
  // are items, whatever their lengths.
  {
    thread_local std::vector<std::string_view> firsts;
    firsts.clear();
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
      if (lines[k].blank || lines[k + 1].blank) continue;
      const Line& b = lines[k + 1];
      std::size_t e = b.begin;
      while (e < b.end && s[e] != ' ' && s[e] != '\t') ++e;
      std::size_t f = b.begin;
      while (f < e && (s[f] == ' ' || s[f] == '\t')) ++f;
      firsts.push_back(s.substr(f, std::min<std::size_t>(e - f, 24)));
    }
    std::sort(firsts.begin(), firsts.end());
    std::size_t run = 0, best_run = 0;
    for (std::size_t k = 0; k < firsts.size(); ++k) {
      run = k > 0 && firsts[k] == firsts[k - 1] ? run + 1 : 1;
      best_run = std::max(best_run, run);
    }
    if (best_run >= 3 && best_run * 10 >= firsts.size() * 3) return;
  }
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    const Line& a = lines[k];
    const Line& b = lines[k + 1];
    if (a.blank || b.blank || a.term_len == 0) continue;
    // The next line's first word would have fitted after one space: a real line break.
    if (m.Len(a) + 1 + m.Word(b) <= m.width) continue;
    if (unwrap::Bullet(b.first)) continue;  // a list item starts a line of its own
    // The wrap takes the ASCII spaces around the line end with it, so the view reads as the
    // unwrapped text: one space, or nothing between two CJK characters, after a hyphen, or where a
    // character-counting wrapper (CJK text) cut a word ("20" / "11") without a space at the cut.
    std::size_t from = a.term, to = a.term + a.term_len;
    while (from > a.end && (s[from - 1] == ' ' || s[from - 1] == '\t')) --from;
    while (to < b.end && (s[to] == ' ' || s[to] == '\t')) ++to;
    std::size_t sp_len;
    const bool space_around = a.end < a.term || (b.begin < b.end && is_space_at(b.begin, b.end, &sp_len));
    const bool hyphen = a.last == '-' && a.end >= a.begin + 2 && s[a.end - 2] != ' ' && s[a.end - 2] != '\t';
    const bool glued = !space_around && (hyphen || (unwrap::Wide(a.last) && unwrap::Wide(b.first)) || m.by_chars());
    WrapBreak w;
    w.pos = from;
    w.len = to - from;
    w.joint = glued ? std::string_view() : std::string_view(" ");
    out->push_back(w);
  }
  if (lines.capacity() > 65536) std::vector<Line>().swap(lines);
}

}  // namespace presskg::text
