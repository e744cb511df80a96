// mentions/internal.h — the pieces behind MentionFinder, exposed for the unit tests.
//
// The finder is a cascade over the normalised text (NFKC + Hant→Hans):
//   1. one trie pass over every gazetteer name (countries from CLDR, organizations, places, roles,
//      Chinese org suffixes), plus RE2 passes for dates and Latin-script org/person patterns;
//   2. overlap resolution (longest first, then priority);
//   3. compounds over the resolved mentions (country+city, country+ministry, X+政府, acronyms);
//   4. people in strong contexts (after a role, before a speech verb), in the gaps left;
//   5. short forms (surnames, acronyms, repeated names) resolved to the full form seen earlier.
// FindInText runs all of it on a plain normalised string, so tests need no PreparedText.
#ifndef PRESSKG_MENTIONS_INTERNAL_H
#define PRESSKG_MENTIONS_INTERNAL_H

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "presskg/mention.h"
#include "presskg/status.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace presskg {
namespace mentions {

// ---- UTF-8 helpers (offsets are byte offsets) ----
// Decodes the code point at `i`; returns its byte length (1 for invalid bytes, cp = U+FFFD).
// Always inlined: the scanning passes call it once per code point, and a call costs as much as
// the decoding itself.
[[gnu::always_inline]] inline std::size_t DecodeAt(std::string_view s, std::size_t i, char32_t* cp) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char c = p[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  const std::size_t left = s.size() - i;
  // Straight-line code per length (3 bytes first: Han); same answers as a generic loop.
  if ((c & 0xF0) == 0xE0) {
    if (left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      *cp = static_cast<char32_t>(c & 0x0F) << 12 | static_cast<char32_t>(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
      return 3;
    }
  } else if ((c & 0xE0) == 0xC0) {
    if (left >= 2 && (p[1] & 0xC0) == 0x80) {
      *cp = static_cast<char32_t>(c & 0x1F) << 6 | (p[1] & 0x3F);
      return 2;
    }
  } else if ((c & 0xF8) == 0xF0) {
    if (left >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      *cp = static_cast<char32_t>(c & 0x07) << 18 | static_cast<char32_t>(p[1] & 0x3F) << 12 |
            static_cast<char32_t>(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
      return 4;
    }
  }
  *cp = 0xFFFD;
  return 1;
}
// First index >= i whose byte is a, b, c or d; s.size() when there is none. The scanning passes
// look for a few rare bytes: 16 at a time where SSE2 is there.
inline std::size_t FindAnyByte(std::string_view s, std::size_t i, unsigned char a, unsigned char b, unsigned char c,
                               unsigned char d) {
  const char* p = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(static_cast<char>(a)), vb = _mm_set1_epi8(static_cast<char>(b));
  const __m128i vc = _mm_set1_epi8(static_cast<char>(c)), vd = _mm_set1_epi8(static_cast<char>(d));
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    if (int bits = _mm_movemask_epi8(m)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
  }
#endif
  for (; i < n; ++i) {
    unsigned char x = static_cast<unsigned char>(p[i]);
    if (x == a || x == b || x == c || x == d) return i;
  }
  return n;
}

// First index >= i whose byte lies in [lo, hi]; s.size() when there is none.
inline std::size_t FindByteInRange(std::string_view s, std::size_t i, unsigned char lo, unsigned char hi) {
  const char* p = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  const __m128i vlo = _mm_set1_epi8(static_cast<char>(lo)), vspan = _mm_set1_epi8(static_cast<char>(hi - lo));
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), vlo);  // wraps below lo
    __m128i in = _mm_cmpeq_epi8(_mm_min_epu8(x, vspan), x);                                   // x - lo <= hi - lo
    if (int bits = _mm_movemask_epi8(in)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
  }
#endif
  for (; i < n; ++i) {
    unsigned char x = static_cast<unsigned char>(p[i]);
    if (x >= lo && x <= hi) return i;
  }
  return n;
}

// First index >= i whose byte lies in [lo1, hi1] or [lo2, hi2]; s.size() when there is none.
inline std::size_t FindByteInRanges(std::string_view s, std::size_t i, unsigned char lo1, unsigned char hi1,
                                    unsigned char lo2, unsigned char hi2) {
  const char* p = s.data();
  const std::size_t n = s.size();
#if defined(__SSE2__)
  const __m128i vlo1 = _mm_set1_epi8(static_cast<char>(lo1)), vspan1 = _mm_set1_epi8(static_cast<char>(hi1 - lo1));
  const __m128i vlo2 = _mm_set1_epi8(static_cast<char>(lo2)), vspan2 = _mm_set1_epi8(static_cast<char>(hi2 - lo2));
  for (; i + 16 <= n; i += 16) {
    __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i x1 = _mm_sub_epi8(raw, vlo1), x2 = _mm_sub_epi8(raw, vlo2);
    __m128i in = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x1, vspan1), x1), _mm_cmpeq_epi8(_mm_min_epu8(x2, vspan2), x2));
    if (int bits = _mm_movemask_epi8(in)) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bits)));
  }
#endif
  for (; i < n; ++i) {
    unsigned char x = static_cast<unsigned char>(p[i]);
    if ((x >= lo1 && x <= hi1) || (x >= lo2 && x <= hi2)) return i;
  }
  return n;
}

// The code point ending right before `i`; `*start` receives its first byte. cp = 0 at i == 0.
// Inline: every gazetteer match asks for the code point before its end.
inline char32_t DecodeBefore(std::string_view s, std::size_t i, std::size_t* start) {
  if (i == 0) {
    *start = 0;
    return 0;
  }
  std::size_t j = i - 1;
  while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  char32_t cp;
  std::size_t n = DecodeAt(s, j, &cp);
  if (j + n != i) {  // invalid sequence: step one byte
    *start = i - 1;
    return 0xFFFD;
  }
  *start = j;
  return cp;
}
bool IsHan(char32_t c);
bool IsWordChar(char32_t c);  // letter or digit in any script (ICU u_isalnum) or '_'
bool IsUpperLatin(char32_t c);

// The gazetteer loader's key normalisation: NFKC + traditional→simplified as the text stage does
// it (text::Normalize). Tests check it against KeyNormalizer on every gazetteer name.
std::string NormalizeKey(std::string_view s);

// NFKC + traditional→simplified: the same view PreparedText::normalized() gives. Load time only
// (not thread-safe: it owns an ICU Transliterator).
class KeyNormalizer {
 public:
  KeyNormalizer();
  ~KeyNormalizer();
  bool ok() const;
  std::string operator()(std::string_view s) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- Gazetteer ----
// One name found in a text: bytes [begin, end), entry `payload`.
struct NameHit {
  std::size_t begin, end;
  std::int32_t payload;
};

enum class EntryKind : std::uint8_t {
  kMention,     // emits a mention of `type`
  kOrgSuffix,   // Chinese organization suffix (公司, 大学...): extended backwards by pattern
  kSpeechVerb,  // Chinese speech verb (表示, 指出...): a name may end right before it
  kOrgKeyword,  // Latin organization word (Ministry, Foundation...): value "head", "tail" or "both"
  kHonorific,   // Mr, Dr, H.E. ...: a Latin-script name follows
};

// Language masks: which document languages may use a name (CLDR fr/es/ru/ar names only in their
// own language, so French "Maurice" is not Mauritius in an English release).
enum LangBit : std::uint8_t { kLangZh = 1, kLangEn = 2, kLangFr = 4, kLangEs = 8, kLangRu = 16, kLangAr = 32, kLangAll = 63 };
std::uint8_t LangBitFor(std::string_view language);  // "zh-Hans" → kLangZh; unknown → kLangAll

struct Entry {
  EntryKind kind = EntryKind::kMention;
  MentionType type = MentionType::kOrg;
  std::string key, wikidata, country, value, source;
  std::uint8_t langs = kLangAll;
  int priority = 0;
};

// Byte trie with a dense root; MatchAt walks from one start and reports every name ending there.
class Trie {
 public:
  void Insert(std::string_view key, std::int32_t payload);
  void Freeze();  // builds the compact arrays; Insert afterwards is a bug
  // Calls fn(end_offset, payload) for every key that starts at `pos`, shortest first.
  template <class Fn>
  void MatchAt(std::string_view s, std::size_t pos, Fn&& fn) const;
  // Same, when the caller already decoded the code point `cp` (`len` bytes) at `pos`: one table
  // lookup decides for most Chinese characters that no key starts there.
  template <class Fn>
  void MatchAtCodePoint(std::string_view s, std::size_t pos, char32_t cp, std::size_t len, Fn&& fn) const;
  std::size_t size() const { return nodes_.size(); }
  // After Freeze: calls fn(key, payloads, count) for every key, in byte order, with its payloads
  // in insertion order (what MatchAt reports for it). The name automaton is built from this.
  template <class Fn>
  void ForEachKey(Fn&& fn) const;
  // A cheap filter before MatchAt*: false when no key starts with code point `cp` followed by
  // `next` (0 at the end of the text). Most positions of a release fail here.
  // Exact and cheaper than MayStartWith: false when no key starts with the code point `cp` of
  // `len` bytes whose first byte is `lead` (MatchAtCodePoint would find nothing there).
  // The bitmap MayStartAt reads for a multi-byte BMP code point (bit cp of the array).
  const std::uint64_t* FirstBits() const { return first_bits_.data(); }
  bool MayStartAt(char32_t cp, std::size_t len, unsigned char lead) const {
    if (len == 1) return root_[lead] != 0;
    if (cp >= 0x10000) return true;
    return (first_bits_[cp >> 6] >> (cp & 63)) & 1;
  }
  // Only where MayStartAt is true. A multi-byte BMP `cp` (len > 1) has a rank among the first
  // code points: whether it is a key alone, and its 64-bit mask of second code points, come from
  // rank-indexed arrays of a few KB that stay cached over a release; the 128 KB pair bitmap (a
  // cache miss per lookup in the pipeline) is read only for what the mask lets through.
  bool MayStartWith(char32_t cp, std::size_t len, char32_t next) const {
    if (unfiltered_) return true;
    if (len > 1 && cp < 0x10000) {
      const std::uint32_t r = FirstRank(cp);
      if (first_single_[r]) return true;
      if (((first_pairs_[r] >> SecondBit(next)) & 1) == 0) return false;
    } else if (cp < 0x80) {
      if ((single_ascii_[cp >> 6] >> (cp & 63)) & 1) return true;
    } else if (cp == 0xFFFD && single_fffd_) {  // an invalid byte decodes to U+FFFD
      return true;
    }
    std::uint64_t h = PairHash(cp, next);
    return (pairs_[h >> 6] >> (h & 63)) & 1;
  }

 private:
  struct BuildNode {
    std::vector<std::pair<unsigned char, std::int32_t>> children;
    std::vector<std::int32_t> payloads;
  };
  std::vector<BuildNode> build_{1};
  std::int32_t root_[256] = {};
  // Frozen form, one 16-byte record per node. Most nodes have one child and at most one payload:
  // those are stored in the record itself (`edge` is the child, `byte` its byte; `payload` the
  // payload), so that a step of a walk reads one cache line, not three (in the pipeline each
  // comes from memory). Otherwise the children are edges_[edge, edge + edge_count), sorted by
  // byte, and the payloads payloads_[payload, payload + payload_count).
  struct Node {
    std::uint32_t edge = 0;
    std::int32_t payload = 0;
    std::uint16_t edge_count = 0;
    unsigned char byte = 0;
    std::uint32_t payload_count = 0;
  };
  struct Edge {
    unsigned char byte = 0;
    std::int32_t next = 0;
  };
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::int32_t> payloads_;
  // Node reached after a first code point of the BMP, stored compactly: first_bits_ has a bit per
  // code point that starts some key, first_rank_ counts the bits before each word, and
  // first_node_ holds the nodes in code point order (a few KB where a dense table took 256 KB that
  // the rules stage evicts between releases). first_single_ and first_pairs_ are in the same order.
  std::vector<std::uint64_t> first_bits_ = std::vector<std::uint64_t>(0x10000 / 64, 0);
  std::vector<std::uint32_t> first_rank_ = std::vector<std::uint32_t>(0x10000 / 64, 0);
  std::vector<std::int32_t> first_node_;
  std::int32_t BmpRoot(char32_t cp) const {
    std::uint64_t word = first_bits_[cp >> 6];
    std::uint64_t bit = 1ull << (cp & 63);
    if ((word & bit) == 0) return 0;
    return first_node_[first_rank_[cp >> 6] + Popcount(word & (bit - 1))];
  }
  // Inline SWAR: without -mpopcnt, __builtin_popcountll is a call into libgcc.
  static std::uint32_t Popcount(std::uint64_t x) {
#if defined(__POPCNT__)
    return static_cast<std::uint32_t>(__builtin_popcountll(x));
#else
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<std::uint32_t>((x * 0x0101010101010101ull) >> 56);
#endif
  }
  // Index in first_node_ / first_single_ / first_pairs_ of a BMP code point whose bit is set in
  // first_bits_.
  std::uint32_t FirstRank(char32_t cp) const {
    return first_rank_[cp >> 6] + Popcount(first_bits_[cp >> 6] & ((1ull << (cp & 63)) - 1));
  }
  // Keys of one code point: by rank (multi-byte BMP), ASCII, and U+FFFD (also what an invalid
  // byte decodes to). build_single_ collects them until Freeze.
  std::vector<std::uint8_t> first_single_;
  std::uint64_t single_ascii_[2] = {0, 0};
  bool single_fffd_ = false;
  std::vector<char32_t> build_single_;
  // first_pairs_[r]: bit SecondBit(b) is set when a key starts with first code point r, then b.
  std::vector<std::uint64_t> first_pairs_;
  std::vector<std::pair<char32_t, char32_t>> build_pairs_;  // (first, second) code points, until Freeze
  static unsigned SecondBit(char32_t b) { return static_cast<unsigned>((b * 0x9E3779B1u) >> 26); }
  static constexpr int kPairBits = 20;
  static std::uint64_t PairHash(char32_t a, char32_t b) {
    return ((static_cast<std::uint64_t>(a) << 21 | b) * 0x9E3779B97F4A7C15ull) >> (64 - kPairBits);
  }
  std::vector<std::uint64_t> pairs_ = std::vector<std::uint64_t>((1u << kPairBits) / 64, 0);
  bool unfiltered_ = false;  // a one-code-point key outside the BMP: the filter is off
  template <class Fn>
  void Walk(std::string_view s, std::int32_t node, std::size_t i, Fn&& fn) const;
};

template <class Fn>
void Trie::MatchAt(std::string_view s, std::size_t pos, Fn&& fn) const {
  if (pos >= s.size()) return;
  Walk(s, root_[static_cast<unsigned char>(s[pos])], pos + 1, fn);
}

template <class Fn>
void Trie::MatchAtCodePoint(std::string_view s, std::size_t pos, char32_t cp, std::size_t len, Fn&& fn) const {
  if (cp < 0x10000 && len > 1) {
    Walk(s, BmpRoot(cp), pos + len, fn);
  } else {
    MatchAt(s, pos, fn);
  }
}

template <class Fn>
void Trie::Walk(std::string_view s, std::int32_t node, std::size_t i, Fn&& fn) const {
  while (node > 0) {
    const Node& nd = nodes_[node];
    if (nd.payload_count == 1) {
      fn(i, nd.payload);
    } else {
      const std::uint32_t pb = static_cast<std::uint32_t>(nd.payload);
      for (std::uint32_t p = pb; p < pb + nd.payload_count; ++p) fn(i, payloads_[p]);
    }
    if (i >= s.size()) return;
    unsigned char b = static_cast<unsigned char>(s[i]);
    std::int32_t next = 0;
    const std::uint32_t hi0 = nd.edge + nd.edge_count;
    std::uint32_t lo = nd.edge, hi = hi0;
    if (nd.edge_count == 1) {
      if (nd.byte == b) next = static_cast<std::int32_t>(nd.edge);
    } else if (hi - lo <= 8) {  // a linear scan beats a search over a few children
      for (std::uint32_t e = lo; e < hi; ++e) {
        if (edges_[e].byte == b) { next = edges_[e].next; break; }
        if (edges_[e].byte > b) break;
      }
    } else {  // UTF-8 lead and continuation bytes fan out to 64 children
      while (lo < hi) {
        std::uint32_t mid = (lo + hi) / 2;
        if (edges_[mid].byte < b) lo = mid + 1; else hi = mid;
      }
      if (lo < hi0 && edges_[lo].byte == b) next = edges_[lo].next;
    }
    node = next;
    ++i;
  }
}

template <class Fn>
void Trie::ForEachKey(Fn&& fn) const {
  if (nodes_.empty()) return;
  std::string key;
  // Depth-first with an explicit stack of (node, next child index); key holds the path's bytes.
  std::vector<std::pair<std::int32_t, std::uint32_t>> stack{{0, 0}};
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const Node& nd = nodes_[static_cast<std::size_t>(node)];
    if (next == 0 && nd.payload_count > 0) {
      if (nd.payload_count == 1) fn(std::string_view(key), &nd.payload, std::size_t{1});
      else fn(std::string_view(key), payloads_.data() + nd.payload, std::size_t{nd.payload_count});
    }
    if (next >= nd.edge_count) {
      stack.pop_back();
      if (!key.empty()) key.pop_back();
      continue;
    }
    std::int32_t child;
    unsigned char b;
    if (nd.edge_count == 1) {
      child = static_cast<std::int32_t>(nd.edge);
      b = nd.byte;
    } else {
      child = edges_[nd.edge + next].next;
      b = edges_[nd.edge + next].byte;
    }
    ++next;
    key.push_back(static_cast<char>(b));
    stack.emplace_back(child, 0);
  }
}

// ---- The name automaton: every gazetteer name in one pass ----
// An Aho–Corasick automaton over code points, built from the trie at load: one transition per code
// point of the text (a failure link now and then), and at a state the names that end there.
// Transitions are a double array (slot t = base[s] + symbol is a child of s when check[t] == s)
// over symbols, the dense numbers of the code points names use (0: no name holds it, back to the
// root at once). A name matches where its bytes are the text's bytes (an ill-formed key or a code
// point written in more bytes than its shortest form never matches, as in the byte trie).
class NameAutomaton {
 public:
  // One name ending at a state: it starts `len` bytes before the end. `langs` is its entry's
  // language mask; `alpha_first` is set when its first code point is a word character of an
  // alphabetic script (such a name starts only where no word character stands before it).
  struct Output {
    std::uint32_t len;
    std::int32_t payload;
    std::uint8_t langs;
    bool alpha_first;
  };
  // One slot, 16 bytes: what a step reads from the state it leaves (base, then fail on a
  // failure) and from the state it enters (check, then base for the flag, out on a hit) is in one
  // cache line each (in the pipeline these come from memory).
  struct Unit {
    std::uint32_t base;  // bit 31: names end at this state
    std::int32_t check;  // parent slot; -1 when free
    std::int32_t fail;   // failure link (slot)
    std::uint32_t out;   // this slot's names are outputs [out, out of the next slot)
  };
  static constexpr std::uint32_t kHasOutput = 0x80000000u;

  // `entries` gives each payload's language mask; `alpha_word(cp)` is the cascade's word test.
  Status Build(const Trie& trie, const std::vector<Entry>& entries, bool (*alpha_word)(char32_t));
  bool built() const { return !units_.empty(); }

  // Symbol of the BMP code point `c` (its canonical UTF-8 form); 0 when no name holds it. A
  // two-level table: SymbolBlocks()[c >> 6] is where the block of 64 code points of `c` starts in
  // SymbolTable() (blocks without a symbol share the zeros at 0). For a three-byte form
  // (lead, c1, c2), c >> 6 is (lead & 0x0F) << 6 | (c1 & 0x3F) and c & 63 is c2 & 0x3F.
  std::uint32_t BmpSymbol(char32_t c) const { return bmp_sym_[bmp_block_[c >> 6] + (c & 63)]; }
  const std::uint32_t* SymbolBlocks() const { return bmp_block_.data(); }
  const std::uint16_t* SymbolTable() const { return bmp_sym_.data(); }
  // The root's transitions by symbol: the child's slot (0: none), kHasOutput set when names end there.
  const std::uint32_t* RootNext() const { return root_next_.data(); }
  // The same for a three-byte form with lead bytes E1–EF read as w = lead | c1 << 8 | c2 << 16
  // (little-endian): Lead3Blocks()[w & 0x3F0F] + (c2 & 0x3F) indexes SymbolTable(), two
  // operations fewer per Han character than going through the code point.
  const std::uint32_t* Lead3Blocks() const { return lead3_block_.data(); }
  const std::uint16_t* AsciiSymbols() const { return ascii_sym_; }
  const std::uint32_t* Depths() const { return depth_.data(); }  // bytes from the root, per slot
  // Symbol of the code point `c` that DecodeAt read from `n` bytes.
  // Only the shortest form counts: an ill-formed byte decodes to U+FFFD in one byte, and an
  // over-long form is not the bytes of any (well-formed) name.
  std::uint32_t Symbol(char32_t c, std::size_t n) const {
    if (c >= 0x10000) return n == 4 ? AstralSymbol(c) : 0;
    return n == (c < 0x80 ? 1u : c < 0x800 ? 2u : 3u) ? BmpSymbol(c) : 0;
  }
  const Unit* units() const { return units_.data(); }
  std::int32_t Fail(std::int32_t slot) const { return units_[static_cast<std::size_t>(slot)].fail; }
  // (units_ ends with a sentinel slot whose `out` is the end of the outputs)
  const Output* OutputsBegin(std::int32_t slot) const { return outputs_.data() + units_[static_cast<std::size_t>(slot)].out; }
  const Output* OutputsEnd(std::int32_t slot) const { return outputs_.data() + units_[static_cast<std::size_t>(slot) + 1].out; }

  std::size_t states() const { return states_; }
  std::size_t slots() const { return units_.size(); }
  std::size_t symbols() const { return symbols_; }
  std::size_t bytes() const;  // memory the scan may touch

 private:
  std::uint32_t AstralSymbol(char32_t c) const;
  std::vector<Unit> units_;
  std::vector<std::uint32_t> root_next_;
  std::vector<std::uint32_t> depth_;
  std::vector<Output> outputs_;
  std::vector<std::uint32_t> bmp_block_ = std::vector<std::uint32_t>(0x10000 / 64, 0);
  std::vector<std::uint16_t> bmp_sym_ = std::vector<std::uint16_t>(64, 0);
  std::vector<std::uint32_t> lead3_block_ = std::vector<std::uint32_t>(0x4000, 0);
  std::uint16_t ascii_sym_[128] = {};
  std::vector<std::pair<char32_t, std::uint32_t>> astral_;  // sorted
  std::size_t states_ = 0, symbols_ = 0;
};

// Every name of `a` in `s` whose language mask meets `lang` and that starts at a word start (its
// first code point is no alphabetic word character, or the code point before is none), as
// (begin, end, payload) in the order the trie walks from each start gave them: by begin, then
// end, then the payload order of the key. Appended to *hits.
void ScanNames(const NameAutomaton& a, std::string_view s, std::uint8_t lang, std::vector<NameHit>* hits);

struct Gazetteer {
  std::vector<Entry> entries;
  Trie trie;
  NameAutomaton names;  // built from `trie` at load: the cascade's gazetteer pass
  // Chinese surnames (single and compound) for names in strong contexts.
  std::unordered_set<std::string> surnames;
  // First code points (BMP) of the surnames, one bit each: most lookups end here.
  std::vector<std::uint64_t> surname_first = std::vector<std::uint64_t>(0x10000 / 64, 0);
  bool MayBeSurnameStart(char32_t c) const { return c >= 0x10000 || ((surname_first[c >> 6] >> (c & 63)) & 1); }
  // Surnames of one and two code points as a bitmap and a sorted list of (first << 32 | second):
  // the cascade asks for each name candidate, and a hash set of strings costs a node chase (cache
  // misses in the pipeline) and a hash per lookup. `surnames` answers for what these leave out
  // (code points outside the BMP, U+FFFD).
  std::vector<std::uint64_t> surname_single = std::vector<std::uint64_t>(0x10000 / 64, 0);
  std::vector<std::uint64_t> surname_pairs;
  // `bytes`: the code points as written in the text (for the fallback).
  bool IsSurname1(char32_t a, std::string_view bytes) const;
  bool IsSurname2(char32_t a, char32_t b, std::string_view bytes) const;
  // Characters used in transliterated foreign names (布哈伊马·萨努); translit_bits has the BMP ones.
  std::unordered_set<char32_t> translit_chars;
  std::vector<std::uint64_t> translit_bits = std::vector<std::uint64_t>(0x10000 / 64, 0);
  bool IsTranslit(char32_t c) const {
    return c < 0x10000 ? ((translit_bits[c >> 6] >> (c & 63)) & 1) != 0 : translit_chars.count(c) > 0;
  }
  std::vector<std::string> files;  // what was loaded, for explain / versioning

  // Adds `name` (already normalised) for entry index `e`, with the case variants Latin names need.
  void AddName(std::string_view name, std::int32_t e, bool all_caps_variant, bool lower_variant);
};

// Loads every data file in `dir` plus the CLDR country and city names.
Status LoadGazetteer(const std::string& dir, Gazetteer* gz);

// ---- Candidates and the cascade ----
// Candidates are cheap to copy: every string is a view into the text, the gazetteer, or the
// caller's `store` (a deque, so views into it stay valid while it grows).
using Store = std::deque<std::string>;

// A string_view in 12 bytes (a pointer and a 32-bit length, 4-byte aligned): seven of them are
// most of a Candidate, and candidates are copied through every stage into memory that, in the
// pipeline, is not in the cache. The views are names and short spans, far below 4 GB.
#pragma pack(push, 4)
class PackedView {
 public:
  PackedView() = default;
  PackedView(std::string_view v) : p_(v.data()), n_(static_cast<std::uint32_t>(v.size())) {}
  PackedView(const std::string& s) : PackedView(std::string_view(s)) {}
  PackedView(const char* s) : PackedView(std::string_view(s)) {}
  operator std::string_view() const { return view(); }
  std::string_view view() const { return std::string_view(p_, n_); }
  bool empty() const { return n_ == 0; }
  std::size_t size() const { return n_; }
  const char* data() const { return p_; }
  std::size_t find(char c, std::size_t pos = 0) const { return view().find(c, pos); }
  std::size_t rfind(char c, std::size_t pos = std::string_view::npos) const { return view().rfind(c, pos); }
  std::string_view substr(std::size_t pos, std::size_t n = std::string_view::npos) const { return view().substr(pos, n); }
  friend bool operator==(PackedView a, PackedView b) { return a.view() == b.view(); }
  friend bool operator!=(PackedView a, PackedView b) { return a.view() != b.view(); }
  friend bool operator<(PackedView a, PackedView b) { return a.view() < b.view(); }

 private:
  const char* p_ = nullptr;
  std::uint32_t n_ = 0;
};
#pragma pack(pop)

// 112 bytes (was 144 with std::string_view and padding). Not packed itself: begin and end stay
// 8-byte aligned in a vector of candidates (binding a reference to a misaligned size_t is
// undefined behaviour, which UBSan reports).
struct Candidate {
  std::size_t begin = 0, end = 0;
  MentionType type = MentionType::kOrg;
  int priority = 0;
  PackedView key, wikidata, country;
  PackedView full;              // the full form a short form resolves to; "" when it is one
  PackedView value, value_end;  // dates: ISO 8601; roles: canonical role
  PackedView source;            // gazetteer entry or pattern, for explain
};
static_assert(alignof(Candidate) == alignof(std::size_t), "begin/end must stay aligned");

// Every date expression in `norm`, normalised with `anchor` (ISO values kept in `store`).
std::vector<Candidate> FindDates(std::string_view norm, std::string_view anchor, Store* store);
// The same, appended to *out (what is in it already is left alone and not looked at).
void FindDates(std::string_view norm, std::string_view anchor, Store* store, std::vector<Candidate>* out);

// A date in digits only starting at p (numeric_dates.cc): "2025/01/22", "15/10/2024", "10/15/2024",
// "05.11.2024". end == 0 when there is none. When both day-month and month-day orders are valid
// dates, `ambiguous` is set, iso is the day-first reading and iso_alt the month-first one.
struct NumericDate {
  std::size_t end = 0;
  bool ambiguous = false;
  std::string iso, iso_alt;
};
NumericDate MatchNumericDate(std::string_view norm, std::size_t p);
// The order a date written with a month name states: 1 day first ("3 March"), -1 month first
// ("March 3"), 0 neither ("March 2025", a Chinese date).
int WordDateOrder(std::string_view text_of_date);

// The backward walk of a Chinese organization suffix stops at the code point c that ends at pos
// (suffix_walk.cc): 到 (医生到华西医院) and 国 after a quantifier (两国法院).
bool StopsSuffixWalk(std::string_view s, std::size_t pos, char32_t c);

// A Chinese country mention followed by a province's or state's name and its unit (老挝琅勃拉邦省,
// 哈萨克斯坦江布尔州) becomes one PLACE in that country (subnational.cc). `ms` sorted, non-overlapping.
void SubnationalPlaces(std::string_view s, std::vector<Candidate>* ms);
// The same for the one candidate (*ms)[k] (nothing unless it is a country): true when the city
// mention after it was taken into the province (emptied: DropEmptied removes it, and the caller
// skips it). Callers that know where the countries are visit only those, in begin order.
bool ProvinceAt(std::string_view s, std::vector<Candidate>* ms, std::size_t k);
// Removes the emptied candidates (end == begin, not a quote), keeping the order.
void DropEmptied(std::vector<Candidate>* ms);

// A line of two or three capitalised words above a line that opens with a role is a person (a
// contact block), also when its first word was read as a country or city (contact_names.cc).
void ContactNameLines(std::string_view s, std::vector<Candidate>* ms);
// The word [b, e) of s occurs elsewhere in s within a name of two or more words ("Doug Ford",
// "Kim Dong-yeon"): a title and that word alone then name the person (titled_names.cc).
bool NamedInFullElsewhere(std::string_view s, std::size_t b, std::size_t e);

struct QuoteSpan {
  std::size_t begin = 0, end = 0;
};

// The whole cascade on a normalised string. `language` as PreparedText::language().
// Views in the result point into `norm`, `gz` and `store`.
std::vector<Candidate> FindInText(const Gazetteer& gz, std::string_view norm, std::string_view language,
                                  std::string_view anchor, const std::vector<QuoteSpan>& quotes, Store* store);
// The same into *out (cleared first), which must not be one of the cascade's own per-thread
// vectors: FinderImpl keeps one per thread, so the result costs no allocation per release.
void FindInTextInto(const Gazetteer& gz, std::string_view norm, std::string_view language, std::string_view anchor,
                    const std::vector<QuoteSpan>& quotes, Store* store, std::vector<Candidate>* out);

// True when `rest` (the text after a Latin-script name) starts with a speech verb as
// ^,?\s*(?:said|says|noted|…|welcomed)\b would match (RE2 syntax; \s = [\t\n\f\r ], \b ASCII):
// the cascade's hand-written form of that pattern, checked against RE2 in the unit tests.
bool SaidAfter(std::string_view rest);

// Greedy selection: longest first, then priority, then earlier; result sorted by begin.
// Reads `cands` only: callers pass their per-thread working vectors without giving them up.
std::vector<Candidate> ResolveOverlaps(const std::vector<Candidate>& cands);

}  // namespace mentions
}  // namespace presskg

#endif  // PRESSKG_MENTIONS_INTERNAL_H
