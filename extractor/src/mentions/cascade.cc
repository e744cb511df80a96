// The mention cascade over one normalised text (see internal.h for the stages).
#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>

#include <re2/re2.h>

#include "mentions/internal.h"
#include "mentions/resolve.h"

namespace presskg {
namespace mentions {
namespace {

constexpr int kPrioQuote = 100;
constexpr int kPrioPatternOrg = 42;
constexpr int kPrioPerson = 44;
constexpr int kPrioShort = 20;

// A word character for boundary checks: letters and digits of alphabetic scripts. Han, kana and
// hangul are never "inside a word" for this purpose (Chinese has no spaces).
bool IsAlphaWordSlow(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (IsHan(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF)) return false;
  return IsWordChar(c);
}

// The BMP answers of IsAlphaWordSlow, one bit each: the gazetteer pass asks for every code point
// and ICU's u_isalnum costs a call.
struct AlphaWordTable {
  std::uint64_t bits[0x10000 / 64] = {};
  AlphaWordTable() {
    for (char32_t c = 0; c < 0x10000; ++c)
      if (IsAlphaWordSlow(c)) bits[c >> 6] |= 1ull << (c & 63);
  }
};
// Inlined: the gazetteer pass asks for every code point, and the call cost more than the lookup.
[[gnu::always_inline]] inline const AlphaWordTable& AlphaWords() {
  static const AlphaWordTable* t = new AlphaWordTable();
  return *t;
}

// ASCII letters, digits and '_', one table lookup (the scans ask for every byte of a word).
struct AsciiWordTable {
  bool is[256] = {};
  constexpr AsciiWordTable() {
    for (int b = 0; b < 256; ++b) is[b] = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
  }
};
inline constexpr AsciiWordTable kAsciiWord{};
inline bool IsAsciiWordByte(unsigned char b) { return kAsciiWord.is[b]; }

[[gnu::always_inline]] inline bool IsAlphaWord(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  // Han of the BMP (IsHan: never a word character here) without the table: most code points of
  // a Chinese release, and the table's cache lines for them come from memory in the pipeline.
  if (c - 0x4E00u <= 0x9FFFu - 0x4E00u || c - 0x3400u <= 0x4DBFu - 0x3400u) return false;
  if (c < 0x10000) return (AlphaWords().bits[c >> 6] >> (c & 63)) & 1;
  return IsAlphaWordSlow(c);
}

// False when the code point at `p` (< s.size()) is certainly no word character: an ASCII byte
// other than a letter, digit or '_', or a lead byte of U+4E00–U+9FFF (E4 B8..E9; an ill-formed
// sequence decodes to U+FFFD, no word character either). A byte test before decoding.
[[gnu::always_inline]] inline bool MayBeAlphaAt(std::string_view s, std::size_t p) {
  const unsigned char b = static_cast<unsigned char>(s[p]);
  if (b < 0x80) return IsAsciiWordByte(b);
  if (b - 0xE5u <= 0xE9u - 0xE5u) return false;
  return !(b == 0xE4 && p + 1 < s.size() && static_cast<unsigned char>(s[p + 1]) >= 0xB8);
}

bool StartsWithAt(std::string_view s, std::size_t pos, std::string_view w) {
  return pos <= s.size() && s.size() - pos >= w.size() && s.compare(pos, w.size(), w) == 0;
}

// s.compare(pos, N - 1, lit) == 0 for pos <= s.size(), with the length known: the bytes are
// compared inline (string_view::compare measures the literal and calls memcmp).
template <std::size_t N>
[[gnu::always_inline]] inline bool LiteralAt(std::string_view s, std::size_t pos, const char (&lit)[N]) {
  return pos <= s.size() && s.size() - pos >= N - 1 && std::memcmp(s.data() + pos, lit, N - 1) == 0;
}

// Eight bytes at a time (the bytes that are no continuation byte, 10xxxxxx, counted by a
// popcount): names and suffixes are counted for every candidate of the later stages.
std::size_t CharCount(std::string_view s) {
  std::size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // bit 7 of each byte: set for a continuation byte (bit 7 set, bit 6 clear)
    const std::uint64_t cont = w & ~(w << 1) & 0x8080808080808080ull;
    n += 8 - static_cast<std::size_t>(__builtin_popcountll(cont));
  }
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

// ---- Chinese context words ----

// Characters that end a backward walk for an organization name: function words, verbs and
// pronouns that sit right before names ("与华为公司", "该公司").
const std::u32string& ZhStopChars() {
  static const std::u32string s = U"与和同及在由的是向对为了将并等从把被给让于这该其各本此个也还就都又而但或若如已即今称说与以之子分由经已届次位名家项由该某每";
  return s;
}
// A set of BMP code points as a bitmap: membership in one load instead of a scan of the string.
struct BmpSet {
  std::uint64_t bits[0x10000 / 64] = {};
  explicit BmpSet(std::u32string_view chars) {
    for (char32_t c : chars)
      if (c < 0x10000) bits[c >> 6] |= 1ull << (c & 63);
  }
  bool Has(char32_t c) const { return c < 0x10000 && ((bits[c >> 6] >> (c & 63)) & 1); }
};

// Inlined: the suffix walk and the given-name test ask for every character, and the call cost
// more than the lookup.
const BmpSet& ZhStopSet() {
  static const BmpSet* set = new BmpSet(ZhStopChars());
  return *set;
}
[[gnu::always_inline]] inline bool IsZhStop(char32_t c) {
  static const BmpSet& set = ZhStopSet();
  return set.Has(c);
}

// What may follow a Chinese personal name (so the name's end is certain).
const std::vector<std::string>& ZhAfterName() {
  static const std::vector<std::string> v = {
      "表示", "说", "指出", "强调", "认为", "介绍", "称", "宣布", "透露", "致辞", "发言", "讲话", "在", "于", "和",
      "与", "及", "等", "的", "也", "还", "出席", "会见", "会晤", "签署", "主持", "率", "先生", "女士", "博士",
      "教授", "同志", "阁下", "今天", "今日", "日前", "近日", "当天", "对", "向", "就", "是", "则", "一行", "分别",
      "共同", "代表", "回答", "告诉", "坦言", "呼吁", "希望", "提出", "谈到", "会", "为", "将", "已", "以", "均",
      "都", "接受", "见证", "参加", "访问", "应邀", "作", "做", "此前", "随后", "表态", "说道", "应", "同", "跟",
      "指", "答", "所", "到", "去", "来", "上", "发表", "出访", "当选", "担任", "出任", "获得", "荣获",
      "连任", "带领", "认识", "提议", "建议", "祝贺", "感谢", "欢迎", "宣读", "介绍"};
  return v;
}

// ZhAfterName() as sets: the words are one or two Han characters, so a name ends at p when the
// character there is a word, or starts a two-character word with the one after it. One bitmap
// lookup and at most a search of a short sorted array, instead of a comparison per word.
struct AfterNameSets {
  std::uint64_t first[0x10000 / 64] = {};   // first characters of the words
  std::uint64_t single[0x10000 / 64] = {};  // words of one character
  std::vector<std::uint64_t> pairs;         // words of two: first << 32 | second, sorted
  AfterNameSets() {
    for (const std::string& w : ZhAfterName()) {
      char32_t a, b = 0;
      std::size_t n = DecodeAt(w, 0, &a);
      first[a >> 6] |= 1ull << (a & 63);
      if (n == w.size()) {
        single[a >> 6] |= 1ull << (a & 63);
      } else {
        DecodeAt(w, n, &b);
        pairs.push_back(static_cast<std::uint64_t>(a) << 32 | b);
      }
    }
    std::sort(pairs.begin(), pairs.end());
  }
};

bool ZhNameEndsAt(std::string_view s, std::size_t p) {
  if (p >= s.size()) return true;
  char32_t c;
  const std::size_t n = DecodeAt(s, p, &c);
  if (!IsHan(c)) return true;
  // Most characters start none of the words: one bitmap lookup rules them out.
  static const AfterNameSets* sets = new AfterNameSets();
  if (c >= 0x10000 || ((sets->first[c >> 6] >> (c & 63)) & 1) == 0) return false;
  if ((sets->single[c >> 6] >> (c & 63)) & 1) return true;
  // The words are well-formed UTF-8: the bytes after c spell the second character exactly when
  // they decode to it.
  if (p + n >= s.size()) return false;
  char32_t d;
  DecodeAt(s, p + n, &d);
  return std::binary_search(sets->pairs.begin(), sets->pairs.end(), static_cast<std::uint64_t>(c) << 32 | d);
}

// Title-like suffixes written right after a transliterated name: 图埃博士.
const std::vector<std::string>& ZhNameTitles() {
  static const std::vector<std::string> v = {"博士", "先生", "女士", "教授", "阁下", "夫人"};
  return v;
}

// The dots that join the parts of a transliterated name: · • ・ ‧ and '.'.
[[gnu::always_inline]] inline bool IsNameDot(char32_t c) {
  return c == '.' || c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0x2027;
}

// The dot's UTF-8 bytes at i: '.', C2 B7, E2 80 A2, E2 80 A7 or E3 83 BB.
[[gnu::always_inline]] inline bool NameDotAt(const unsigned char* p, std::size_t i, std::size_t n) {
  const unsigned char x = p[i];
  if (x == '.') return true;
  if (x == 0xC2) return i + 2 <= n && p[i + 1] == 0xB7;
  if (x == 0xE2) return i + 3 <= n && p[i + 1] == 0x80 && (p[i + 2] == 0xA2 || p[i + 2] == 0xA7);
  if (x == 0xE3) return i + 3 <= n && p[i + 1] == 0x83 && p[i + 2] == 0xBB;
  return false;
}

// First index >= i where a name dot starts; s.size() when there is none. Exact, so that the
// pass does not stop at the Chinese punctuation (E3 80 ..) that shares a dot's lead byte. With
// SSE2, 16 positions at a time by their first two bytes ('.', C2 B7, E2 80, E3 83), then the
// third byte for the few E2 80 (quotes, dashes) and E3 83 (katakana) left.
std::size_t FindNameDot(std::string_view s, std::size_t i) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
#if defined(__SSE2__)
  const __m128i dot = _mm_set1_epi8('.'), c2 = _mm_set1_epi8(static_cast<char>(0xC2)), b7 = _mm_set1_epi8(static_cast<char>(0xB7));
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2)), x80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3)), x83 = _mm_set1_epi8(static_cast<char>(0x83));
  for (; i + 17 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, dot), _mm_and_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(y, b7)));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e2), _mm_cmpeq_epi8(y, x80)));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e3), _mm_cmpeq_epi8(y, x83)));
    for (unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(m)); bits != 0; bits &= bits - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(bits));
      if (NameDotAt(p, at, n)) return at;
    }
  }
#endif
  for (; i < n; ++i)
    if (NameDotAt(p, i, n)) return i;
  return n;
}

// ---- Latin-script names ----

bool IsParticle(std::string_view w) {
  static constexpr std::string_view kP[] = {"bin", "bint", "al",  "el",  "de", "da", "do", "dos",
                                            "das", "del",  "della", "van", "von", "der", "den", "la",
                                            "le",  "du",   "di",  "ibn", "ben", "y"};
  for (std::string_view p : kP)
    if (w == p) return true;
  return false;
}

// Capitalised words that start sentences or name non-people; never part of a person's name.
// A fixed set of short words: open addressing, cheaper than std::unordered_set<std::string_view>
// (std::hash hashes with a call and walks a node list). The English person patterns ask for
// every capitalised token of a release, so a lookup reads only the word's length and its first
// and last two bytes for the hash (no loop over the word), and a word longer than any in the set
// is answered by its length.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    std::size_t cap = 16;
    while (cap < words.size() * 4) cap *= 2;
    slots_.assign(cap, std::string_view());
    for (std::string_view w : words) {
      if (w.empty()) continue;  // an empty slot is a free one
      max_len_ = std::max(max_len_, w.size());
      std::size_t h = Hash(w) & (cap - 1);
      while (!slots_[h].empty() && slots_[h] != w) h = (h + 1) & (cap - 1);
      slots_[h] = w;
    }
  }
  bool count(std::string_view w) const {
    if (w.empty() || w.size() > max_len_) return false;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t h = Hash(w) & mask; !slots_[h].empty(); h = (h + 1) & mask)
      if (slots_[h].size() == w.size() && std::memcmp(slots_[h].data(), w.data(), w.size()) == 0) return true;
    return false;
  }

 private:
  static std::size_t Hash(std::string_view w) {  // w not empty
    const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(w[i])); };
    const std::size_t n = w.size();
    const std::uint32_t x = b(0) | b(n > 1 ? 1 : 0) << 8 | b(n - 1) << 16 | static_cast<std::uint32_t>(n) << 24;
    return (x * 0x9E3779B1u) >> 8;
  }
  std::vector<std::string_view> slots_;
  std::size_t max_len_ = 0;
};

bool IsNameStopWord(std::string_view w) {
  static const WordSet kStop = {
      "The", "This", "That", "These", "Those", "In", "On", "At", "As", "He", "She", "It", "We", "They", "Our",
      "His", "Her", "Their", "A", "An", "And", "But", "Or", "Today", "Yesterday", "Tomorrow", "For", "With",
      "From", "To", "Of", "By", "After", "Before", "During", "While", "When", "Where", "Under", "Over", "Also",
      "Both", "Each", "All", "Any", "Some", "New", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December", "Ministry", "Department", "University", "Foundation",
      "Government", "Council", "Commission", "Organization", "Organisation", "Union", "Agency", "Authority",
      "Bank", "Group", "Institute", "Association", "Office", "Bureau", "Forum", "Summit", "Conference",
      "Agreement", "Memorandum", "Programme", "Program", "Fund", "Committee", "Secretariat", "Centre",
      "Center", "Federation", "Society", "Network", "Partnership", "Alliance", "Initiative", "Project",
      "Global", "International", "National", "World", "United", "Nations", "State", "States", "Republic",
      "Kingdom", "Declaration", "Press", "Release", "Media", "Contact", "Contacts", "About", "Note", "Notes",
      "General", "Secretary", "Director", "Minister", "President", "Chairman", "Chair", "Ambassador",
      "Chief", "Deputy", "Vice", "Head", "Executive", "Officer", "Senior", "Said", "Says", "Mr", "Ms", "Mrs",
      "Dr", "Prof", "Sir", "Dame", "Day", "Week", "Year", "Internet", "Africa", "Asia", "Europe", "America",
      "Americas", "Pacific", "Arab", "Digital", "ICT", "ICTs", "AI", "Why", "What", "How", "Who", "If",
      "Meanwhile", "However", "Through", "Together", "Since", "Until", "According", "Speaking", "Welcoming"};
  return kStop.count(w) > 0;
}

// Stop words that may still begin an organization's name ("Global Coastal Resilience Alliance",
// "United Nations Development Programme", "National Health Commission").
bool IsOrgPrefixStop(std::string_view w) {
  static const WordSet kOk = {
      "Global", "International", "National", "World", "United", "Nations", "State", "States", "Republic",
      "Kingdom", "Digital", "ICT", "AI", "Internet", "Africa", "Asia", "Europe", "America", "Americas",
      "Pacific", "Arab", "New", "General", "Executive", "Media", "Press", "Forum", "Summit", "Project",
      "Initiative", "Network", "Partnership", "Alliance", "Centre", "Center", "Union", "Federal"};
  return IsNameStopWord(w) && kOk.count(w) == 0;
}

// One token of a Latin-script name starting at `p` (Titlecase word, ALLCAPS word, initials
// "C.P." / "I."); returns its end or npos.
std::size_t LatinNameToken(std::string_view s, std::size_t p) {
  if (p >= s.size()) return std::string_view::npos;
  std::size_t i;
  if (static_cast<unsigned char>(s[p]) < 0x80) {  // no call for ASCII: A–Z or nothing
    if (s[p] < 'A' || s[p] > 'Z') return std::string_view::npos;
    i = p + 1;
  } else {
    char32_t c;
    std::size_t n = DecodeAt(s, p, &c);
    if (!IsUpperLatin(c) || IsHan(c)) return std::string_view::npos;
    i = p + n;
  }
  // Initials: "C." "C.P." "KV"
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j + 1 < s.size() && (s[j] >= 'A' && s[j] <= 'Z') && s[j + 1] == '.') j += 2;
    return j;
  }
  std::size_t letters = 1;
  while (i < s.size()) {
    // ASCII first, without decoding: letters and '_' continue the token; other bytes but the
    // joiners '-' and '\'' end it. The rest as below.
    const unsigned char x = static_cast<unsigned char>(s[i]);
    if (x < 0x80) {
      if (IsAsciiWordByte(x) && !(x >= '0' && x <= '9')) {
        ++i;
        ++letters;
        continue;
      }
      if (x != '-' && x != '\'') break;
    }
    char32_t d;
    std::size_t dn = DecodeAt(s, i, &d);
    if (IsAlphaWord(d) && !(d >= '0' && d <= '9')) {
      i += dn;
      ++letters;
      continue;
    }
    if ((d == '-' || d == '\'' || d == U'’') && i + dn < s.size()) {
      char32_t e;
      std::size_t en = DecodeAt(s, i + dn, &e);
      // "Obama’s": the possessive is not part of the name
      bool possessive = d != '-' && e == 's' && (i + dn + en >= s.size() || !IsAlphaWord(static_cast<unsigned char>(s[i + dn + en])));
      if (IsAlphaWord(e) && !possessive) {
        i += dn;
        continue;
      }
    }
    break;
  }
  return i;
}

// A Latin-script personal name of min_tokens..5 tokens starting at p: returns its end or npos.
std::size_t LatinName(std::string_view s, std::size_t p, int min_tokens) {
  int tokens = 0;
  std::size_t end = std::string_view::npos;
  std::size_t i = p;
  while (tokens < 5) {
    std::size_t e = LatinNameToken(s, i);
    if (e == std::string_view::npos) {
      // a lower-case particle inside the name: "Abdulla bin Ahmed", "Luis de Souza"
      if (tokens == 0) break;
      std::size_t j = i;
      while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
      if (j == i || j >= s.size() || s[j] != ' ' || !IsParticle(s.substr(i, j - i))) break;
      std::size_t e2 = LatinNameToken(s, j + 1);
      if (e2 == std::string_view::npos) break;
      e = e2;
      i = j + 1;
    }
    std::string_view tok = s.substr(i, e - i);
    if (IsNameStopWord(tok)) break;
    ++tokens;
    end = e;
    if (e >= s.size() || s[e] != ' ') break;
    i = e + 1;
  }
  if (tokens < min_tokens) return std::string_view::npos;
  // never end inside a word: "Smith's" stops at "Smith", which is fine; a trailing '.' of
  // an initial is part of the token.
  return end;
}

struct LatinRes {
  RE2 acronym;
  LatinRes() : acronym("^\\s?\\(([A-Z][A-Za-z0-9&-]{1,11})\\)", RE2::Quiet) {}
};

const LatinRes& Latin() {
  static const LatinRes* r = new LatinRes();
  return *r;
}

bool SaidBefore(std::string_view s, std::size_t begin) {
  static constexpr std::string_view kVerbs[] = {"said ",     "says ",         "noted ",     "added ",
                                                "stated ",   "explained ",    "according to ", "commented ",
                                                "remarked ", "stressed "};
  for (std::string_view v : kVerbs) {
    std::size_t n = v.size();
    if (begin >= n && s.compare(begin - n, n, v) == 0) return true;
  }
  return false;
}

// Calls visit(i) for every i >= from (ascending, i + 1 < s.size()) where the bytes i, i + 1 are
// one of the N pairs (a[k], b[k]). Short forms are names whose first two bytes are rare in a
// text, where their first byte alone (a UTF-8 lead byte) starts a third of a Chinese release. N
// is a template argument: the comparisons are unrolled with the pairs in registers, set up once
// per scan, and every hit of a 16-byte block is visited from its mask (a frequent pair, 中's
// E4 B8 say, stops the scan often).
template <int N, class Visit>
void ForEachBytePairN(std::string_view s, std::size_t i, const unsigned char* a, const unsigned char* b, Visit&& visit) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
#if defined(__SSE2__)
  __m128i va[N], vb[N];
  for (int k = 0; k < N; ++k) {
    va[k] = _mm_set1_epi8(static_cast<char>(a[k]));
    vb[k] = _mm_set1_epi8(static_cast<char>(b[k]));
  }
  for (; i + 17 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i m = _mm_and_si128(_mm_cmpeq_epi8(x, va[0]), _mm_cmpeq_epi8(y, vb[0]));
    for (int k = 1; k < N; ++k) m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, va[k]), _mm_cmpeq_epi8(y, vb[k])));
    for (unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(m)); bits != 0; bits &= bits - 1)
      visit(i + static_cast<std::size_t>(__builtin_ctz(bits)));
  }
#endif
  for (; i + 1 < n; ++i) {
    bool hit = false;
    for (int k = 0; k < N; ++k) hit |= p[i] == a[k] && p[i + 1] == b[k];
    if (hit) visit(i);
  }
}

// The same for `count` (1..16) pairs in arrays of 16, the unused entries free to overwrite:
// they are filled with the first pair (a pair twice finds the same), so that three sizes serve.
template <class Visit>
void ForEachBytePair(std::string_view s, std::size_t i, unsigned char (&a)[16], unsigned char (&b)[16], int count,
                     Visit&& visit) {
  const int n = count <= 4 ? 4 : count <= 8 ? 8 : 16;
  std::memset(a + count, a[0], static_cast<std::size_t>(16 - count));
  std::memset(b + count, b[0], static_cast<std::size_t>(16 - count));
  if (n == 4) ForEachBytePairN<4>(s, i, a, b, visit);
  else if (n == 8) ForEachBytePairN<8>(s, i, a, b, visit);
  else ForEachBytePairN<16>(s, i, a, b, visit);
}

}  // namespace

namespace {

// The names ending at state `st` (at byte `end`) that pass the language and word-start tests, into
// *hits by begin. Out of line: the scan loop keeps its state in registers.
[[gnu::noinline]] void EmitNames(const NameAutomaton& a, std::string_view s, std::uint8_t lang, std::int32_t st,
                                 std::size_t end, std::vector<NameHit>* hits) {
  for (const NameAutomaton::Output *o = a.OutputsBegin(st), *e = a.OutputsEnd(st); o != e; ++o) {
    if ((o->langs & lang) == 0) continue;
    const std::size_t begin = end - o->len;
    if (o->alpha_first && begin > 0) {  // inside a word nothing starts
      std::size_t before;
      if (IsAlphaWord(DecodeBefore(s, begin, &before))) continue;
    }
    // Sorted insertion by begin; equal begins keep their order (by end, then payload order).
    // Mostly an append: a name ending here seldom begins before one that ended earlier.
    const NameHit h{begin, end, o->payload};
    hits->push_back(h);
    NameHit* at = &hits->back();
    if (at != hits->data() && at[-1].begin > begin) {
      for (const NameHit* first = hits->data(); at != first && at[-1].begin > begin; --at) *at = at[-1];
      *at = h;
    }
  }
}

}  // namespace

// The gazetteer pass: one automaton step per code point. Well-formed three-byte forms with lead
// bytes E1–EF (U+1000–U+FFFF, Han among them: always the shortest form) and ASCII take no
// generic decoding. A state with names ending at it is rare; their hits go into *hits by begin
// (they come by end: a longer name found later may begin before a shorter one found earlier).
//
// Inside a run of ASCII letters, digits and '_' no name starts (its first code point and the one
// before would both be word characters), so what the automaton tracks there from a start inside
// the run can only give hits the word-start test drops. Once every name still open starts inside
// the run (at the root, or when the next failure link leads to a state whose path starts inside
// it), the pass drops to the root and steps over the rest of the run: English text is mostly
// such positions. The hits are the same.
void ScanNames(const NameAutomaton& a, std::string_view s, std::uint8_t lang, std::vector<NameHit>* hits) {
  const std::size_t size = s.size();
  const unsigned char* const p = reinterpret_cast<const unsigned char*>(s.data());
  const NameAutomaton::Unit* const units = a.units();
  const std::uint32_t* const root_next = a.RootNext();
  const std::uint32_t* const lead3 = a.Lead3Blocks();
  const std::uint16_t* const symbols = a.SymbolTable();
  const std::uint16_t* const ascii = a.AsciiSymbols();
  std::uint32_t st = 0;  // slot of the state; the root is 0
  std::size_t i = 0;
  // One transition on `sym` (not 0), the text read up to `i`: follow failure links until a child
  // on `sym` exists (or the root has none); names end only at a state just entered.
  // The root's row is a plain table (RootNext): most steps of a Chinese text start there.
  auto step = [&](std::uint32_t sym) {
    while (st != 0) {
      const std::uint32_t t = (units[st].base & ~NameAutomaton::kHasOutput) + sym;
      if (static_cast<std::uint32_t>(units[t].check) == st) {
        st = t;
        if (units[t].base & NameAutomaton::kHasOutput) EmitNames(a, s, lang, static_cast<std::int32_t>(t), i, hits);
        return;
      }
      st = static_cast<std::uint32_t>(units[st].fail);
    }
    const std::uint32_t r = root_next[sym];
    st = r & ~NameAutomaton::kHasOutput;
    if (r & NameAutomaton::kHasOutput) EmitNames(a, s, lang, static_cast<std::int32_t>(st), i, hits);
  };
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const std::uint32_t* const depth = a.Depths();
  // The last run of ASCII word bytes seen: [run_begin, run_end) (none yet).
  std::size_t run_begin = 0, run_end = ~std::size_t{0};
  // The same step for an ASCII word byte at `at` = i - 1 inside a run that began at run_begin <
  // at. False when every open name starts inside the run: the caller drops to the root.
  auto step_in_run = [&](std::uint32_t sym, std::size_t at) {
    for (;;) {
      const std::uint32_t t = (units[st].base & ~NameAutomaton::kHasOutput) + sym;
      if (static_cast<std::uint32_t>(units[t].check) == st) {
        st = t;
        if (units[t].base & NameAutomaton::kHasOutput) EmitNames(a, s, lang, static_cast<std::int32_t>(t), i, hits);
        return true;
      }
      if (st == 0) return false;
      const std::uint32_t f = static_cast<std::uint32_t>(units[st].fail);
      if (at - depth[f] > run_begin) return false;
      st = f;
    }
  };
  // While four bytes can be read at i: one load per code point.
  for (const std::size_t stop = size >= 4 ? size - 3 : 0; i < stop;) {
    std::uint32_t w;
    std::memcpy(&w, p + i, 4);
    std::uint32_t sym;
    if ((w & 0xFFu) - 0xE1u <= 0xEFu - 0xE1u && (w & 0xC0C000u) == 0x808000u) {
      sym = symbols[lead3[w & 0x3F0Fu] + (w >> 16 & 0x3Fu)];
      i += 3;
    } else if ((w & 0x80u) == 0) {
      const unsigned b = w & 0x7Fu;
      sym = ascii[b];
      if (IsAsciiWordByte(static_cast<unsigned char>(b))) {
        if (run_end == i) {  // inside a run
          ++i;
          run_end = i;
          if (st == 0 || sym == 0 || !step_in_run(sym, i - 1)) {
            st = 0;
            while (i < size && IsAsciiWordByte(p[i])) ++i;
            run_end = i;
          }
          continue;
        }
        run_begin = i;
        run_end = i + 1;
      }
      ++i;
    } else {
      char32_t c;
      const std::size_t n = DecodeAt(s, i, &c);
      sym = a.Symbol(c, n);
      i += n;
    }
    if (sym == 0) st = 0;  // no name holds this code point
    else step(sym);
  }
#endif
  while (i < size) {
    char32_t c;
    const std::size_t n = DecodeAt(s, i, &c);
    const std::uint32_t sym = a.Symbol(c, n);
    i += n;
    if (sym == 0) st = 0;
    else step(sym);
  }
}

namespace {

// ---- The cascade ----

class Cascade {
 public:
  Cascade(const Gazetteer& gz, std::string_view s, std::string_view language, std::string_view anchor, Store* store)
      : gz_(gz), s_(s), lang_(LangBitFor(language)), anchor_(anchor), store_(store) {}

  // The result goes into *result (cleared first): FinderImpl passes a per-thread vector, so a
  // release costs no allocation for it (a fresh vector of a few KB per release was a malloc, a
  // free and, with the large blocks, a consolidation of malloc's fast bins).
  void Run(const std::vector<QuoteSpan>& quotes, std::vector<Candidate>* result) {
    // The candidates of the first stages live in a per-thread vector (no allocation, memory that
    // stays warm); only the result is a vector of its own.
    std::vector<Candidate>& base = scratch_.base;
    base.clear();
    base.reserve(s_.size() / 16 + quotes.size() + 16);  // ~40 candidates per KB of release text
    for (const QuoteSpan& q : quotes) {
      Candidate c;
      c.type = MentionType::kQuote;
      c.begin = q.begin;
      c.end = q.end;
      c.priority = kPrioQuote;
      c.source = "quote";
      base.push_back(c);
    }
    ScanGazetteer(&base);
    FindDates(s_, anchor_, store_, &base);
    TransliteratedNames(&base);
    LatinPatterns(&base);
    std::vector<Candidate>& r = *result;
    r.clear();
    r.reserve(base.size() + base.size() / 4 + 8);  // room for the people and short forms merged in later
    ResolveOverlapsInto(base.data(), base.size(), nullptr, 0, &r);
    if (lang_ & kLangZh) SubnationalPlacesOfHits(&r);

    // r does not overlap itself: with no suffix organizations added, resolving again keeps it as
    // it is. The added ones go after r, the order the resolution's tie-break has always seen.
    std::vector<Candidate>& added = scratch_.added;
    added.clear();
    ChineseSuffixOrgs(r, &added);
    if (!added.empty()) {
      std::vector<Candidate>& resolved = scratch_.resolved;
      resolved.clear();
      ResolveOverlapsInto(r.data(), r.size(), added.data(), added.size(), &resolved);
      r.swap(resolved);
    }
    Compounds(&r);

    // People and short forms only fill gaps (they never overlap what is there), so only the new
    // candidates need resolving among themselves.
    auto fill_gaps = [&](const std::vector<Candidate>& added) {
      if (added.empty()) return;
      std::vector<Candidate>& resolved = scratch_.resolved;
      resolved.clear();
      ResolveOverlapsInto(added.data(), added.size(), nullptr, 0, &resolved);
      MergeIn(&r, resolved);
    };
    std::vector<Candidate>& people = scratch_.people;
    people.clear();
    PeopleInContext(r, &people);
    fill_gaps(people);
    if (lang_ & kLangEn) ContactNameLines(s_, &r);
    HonorificSurnames(&r);

    std::vector<Candidate>& shorts = scratch_.shorts;
    shorts.clear();
    ShortForms(r, &shorts);
    fill_gaps(shorts);
  }

  // SubnationalPlaces over the countries the gazetteer pass found (every country candidate comes
  // from it), not over every candidate: r is in begin order without two equal begins (resolved
  // candidates do not overlap and are not empty), and the hits come by begin.
  void SubnationalPlacesOfHits(std::vector<Candidate>* rv) {
    std::vector<Candidate>& r = *rv;
    bool emptied = false;
    std::size_t k = 0;
    for (const CountryHit& h : country_hits_) {
      if (k < r.size() && r[k].begin < h.begin)
        k = static_cast<std::size_t>(
            std::lower_bound(r.begin() + static_cast<std::ptrdiff_t>(k), r.end(), h.begin,
                             [](const Candidate& c, std::size_t b) { return c.begin < b; }) -
            r.begin());
      if (k >= r.size()) break;
      if (r[k].begin != h.begin) continue;
      if (ProvinceAt(s_, &r, k)) emptied = true;
      ++k;  // done (several hits may share a start); the city taken in is a place: nothing to do
    }
    if (emptied) DropEmptied(&r);
  }

  // std::merge of *a and b by begin (on equal begins, a's first), done in place in `a` from the back.
  static void MergeIn(std::vector<Candidate>* av, const std::vector<Candidate>& b) {
    if (b.empty()) return;
    std::vector<Candidate>& a = *av;
    std::size_t i = a.size(), j = b.size(), k = a.size() + b.size();
    a.resize(k);
    while (j > 0) {
      if (i > 0 && a[i - 1].begin > b[j - 1].begin) a[--k] = a[--i];
      else a[--k] = b[--j];
    }
  }

 private:
  // Stage 1: every gazetteer name, longest per start position, with word boundaries for
  // alphabetic names. Not inlined into Run: profiles show the pass on its own.
  [[gnu::noinline]] void ScanGazetteer(std::vector<Candidate>* out) {
    // One automaton pass finds every name at a word start, by start; then each start's names
    // are taken as a walk from that start reported them.
    thread_local std::vector<NameHit> hits;
    hits.clear();
    ScanNames(gz_.names, s_, lang_, &hits);
    for (std::size_t q = 0; q < hits.size();) {
      std::size_t r = q + 1;
      while (r < hits.size() && hits[r].begin == hits[q].begin) ++r;
      MatchStart(hits.data() + q, hits.data() + r, out);
      q = r;
    }
  }

  // The names [h, e) starting at one position, by end (shortest first): the longest becomes a
  // candidate; suffixes, speech verbs, keywords and honorifics are noted for later stages.
  void MatchStart(const NameHit* h, const NameHit* e_hits, std::vector<Candidate>* out) {
    const std::size_t i = h->begin;
    std::size_t best_end = 0;
    // The names that become candidates are the mentions among [best_from, best_to): the hits are
    // by end, so those ending at best_end (the longest end kept) are one stretch, and the others
    // in it are kinds that are no mentions (the boundary test depends on the end alone).
    const NameHit* best_from = nullptr;
    const NameHit* best_to = nullptr;
    for (; h != e_hits; ++h) {
      const std::size_t end = h->end;
      const std::int32_t payload = h->payload;
      const Entry& e = gz_.entries[payload];
      if (e.kind == EntryKind::kOrgSuffix) {
        suffix_hits_.push_back({i, end, payload});
        continue;
      }
      if (e.kind == EntryKind::kSpeechVerb) {
        if (speech_hits_.empty() || speech_hits_.back() != i) speech_hits_.push_back(i);
        continue;
      }
      // right boundary: an alphabetic name must not continue into a word
      if (end < s_.size() && MayBeAlphaAt(s_, end)) {
        std::size_t ls;
        char32_t last = DecodeBefore(s_, end, &ls);
        if (IsAlphaWord(last)) {
          char32_t next;
          DecodeAt(s_, end, &next);
          if (IsAlphaWord(next)) continue;
        }
      }
      if (e.kind == EntryKind::kOrgKeyword) {
        keyword_hits_.push_back({i, end, payload});
        continue;
      }
      if (e.kind == EntryKind::kHonorific) {
        honorific_hits_.push_back({i, end, payload});
        continue;
      }
      if (end > best_end) {
        best_end = end;
        best_from = h;
      }
      best_to = h + 1;
    }
    if (best_from == nullptr) return;
    auto is_mention = [&](const NameHit* q) { return gz_.entries[q->payload].kind == EntryKind::kMention; };
    while (!is_mention(best_from)) ++best_from;  // the first is a mention: best_to - 1 is one
    // 发展中国家 ("developing countries") holds 中国 but names no country.
    if (gz_.entries[best_from->payload].type == MentionType::kCountry && i >= 6 &&
        LiteralAt(s_, i - 6, "发展") && LiteralAt(s_, best_end, "家"))
      return;
    for (const NameHit* q = best_from; q != best_to; ++q) {
      if (!is_mention(q)) continue;
      const Entry& e = gz_.entries[q->payload];
      Candidate& cand = out->emplace_back();  // in place: a candidate is 112 bytes
      cand.type = e.type;
      cand.begin = i;
      cand.end = best_end;
      cand.priority = e.priority;
      cand.key = e.key;
      cand.wikidata = e.wikidata;
      const bool generic = e.country.size() == 1 && e.country[0] == '*';  // takes a country prefix
      cand.country = generic ? std::string_view() : std::string_view(e.country);
      cand.value = e.value;
      cand.source = e.source;
      if (generic && (generic_orgs_.empty() || generic_orgs_.back() != i)) generic_orgs_.push_back(i);
      if (e.type == MentionType::kCountry) country_hits_.push_back({i, best_end, e.key});
    }
  }

  // 布哈伊马·萨努, 若泽·格拉济亚诺·达席尔瓦, 海伦.克拉克: runs of transliteration characters
  // joined by a middle dot.
  void TransliteratedNames(std::vector<Candidate>* out) {
    // Roles and organizations found so far, by start: a name does not begin inside one
    // (主席克洛德·容克 is 主席 + 克洛德·容克, though 席 is a transliteration character).
    // Collected when a dot first needs them (most releases have no dotted name); the persons
    // this pass adds meanwhile are neither.
    std::vector<std::pair<std::size_t, std::size_t>>& words = scratch_.words;
    words.clear();
    bool words_ready = false;
    auto start_after_word = [&](std::size_t left, std::size_t dot) {
      if (!words_ready) {
        for (const Candidate& c : *out)
          if (c.type == MentionType::kRole || c.type == MentionType::kOrg) words.emplace_back(c.begin, c.end);
        std::sort(words.begin(), words.end());
        words_ready = true;
      }
      auto it = std::upper_bound(words.begin(), words.end(), std::make_pair(left, ~std::size_t{0}));
      // words starting at or before `left` that end inside the run before the dot
      for (auto k = it; k != words.begin();) {
        --k;
        if (k->second > left && k->second < dot && k->first < left) left = k->second;
        if (left - k->first > 64) break;  // words are short; stop looking far back
      }
      return left;
    };
    std::size_t i = 0;
    const std::size_t size = s_.size();
    while (i < size) {
      i = FindNameDot(s_, i);  // the next dot (a well-formed sequence: it decodes to the dot)
      if (i >= size) break;
      char32_t c;
      std::size_t n = DecodeAt(s_, i, &c);
      if (i == 0 || static_cast<unsigned char>(s_[i - 1]) < 0x80) {
        i += n;  // the name before the dot is Chinese: its last byte is not ASCII
        continue;
      }
      std::size_t left = TranslitRunBefore(i);
      if (left == i) {
        i += n;
        continue;
      }
      // A hyphenated given name in front: 让-克洛德·容克.
      while (left > 0) {
        std::size_t hb;
        char32_t h = DecodeBefore(s_, left, &hb);
        if (!IsNameHyphen(h)) break;
        std::size_t l2 = TranslitRunBefore(hb);
        if (l2 == hb) break;
        left = l2;
      }
      left = start_after_word(left, i);
      if (left >= i) {
        i += n;
        continue;
      }
      std::size_t end = i;
      std::size_t j = i;
      int parts = 1;
      while (j < s_.size()) {
        char32_t d;
        std::size_t dn = DecodeAt(s_, j, &d);
        // After a dot, a hyphen also joins parts: 多琳·伯格丹-马丁.
        if (!IsNameDot(d) && !(parts >= 2 && IsNameHyphen(d))) break;
        std::size_t r = TranslitRunAfter(j + dn);
        if (r == j + dn) break;
        end = r;
        ++parts;
        j = r;
      }
      if (parts < 2 || (c == '.' && CharCount(s_.substr(left, end - left)) < 4)) {
        i += n;
        continue;
      }
      // Title characters glued to the name (图埃博士) are not part of it.
      for (const std::string& t : ZhNameTitles()) {
        if (end - i > t.size() && s_.compare(end - t.size(), t.size(), t) == 0) end -= t.size();
      }
      Candidate p;
      p.type = MentionType::kPerson;
      p.begin = left;
      p.end = end;
      p.priority = kPrioPerson;
      p.source = "person:transliterated";
      out->push_back(p);
      i = end;
    }
  }

  bool IsTranslit(char32_t c) const { return gz_.IsTranslit(c); }
  static bool IsNameHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

  // 白, 得 and 别 are common in transliterations (伊丽莎白, 彼得, 朱拉别克) and in words that meet a
  // name (明白, 取得, 特别), so they are taken only in a part of a dotted name, never as its first
  // character nor as the last character of the whole name.
  static bool IsWeakTranslit(char32_t c) { return c == U'白' || c == U'得' || c == U'别'; }

  std::size_t TranslitRunBefore(std::size_t p) const {
    std::size_t b = p;
    int k = 0;
    while (b > 0 && k < 8) {  // Arabic compound given names run to seven: 阿卜杜勒萨拉姆·
      std::size_t st;
      char32_t c = DecodeBefore(s_, b, &st);
      if (!IsTranslit(c) && !IsWeakTranslit(c)) break;
      b = st;
      ++k;
    }
    // 取得彼得·: the run does not open with a weak character
    while (b < p) {
      char32_t c;
      std::size_t n = DecodeAt(s_, b, &c);
      if (!IsWeakTranslit(c)) break;
      b += n;
    }
    return b;
  }

  std::size_t TranslitRunAfter(std::size_t p) const {
    std::size_t e = p;
    int k = 0;
    while (e < s_.size() && k < 9) {  // 米尔扎马赫穆多夫: Central Asian surnames run to eight
      char32_t c;
      std::size_t n = DecodeAt(s_, e, &c);
      if (!IsTranslit(c) && !IsWeakTranslit(c)) break;
      // stop before a following function word the set also contains ("在" is not in it, but "和"
      // might be): the after-name list decides.
      bool title = false;
      for (const std::string& t : ZhNameTitles()) title |= StartsWithAt(s_, e, t);
      if (title) break;
      e += n;
      ++k;
    }
    // a weak character ends no name (…·施密特得到), unless another part follows (…·彼得·…)
    if (e < s_.size()) {
      char32_t next;
      DecodeAt(s_, e, &next);
      if (next == U'·' || next == U'•' || next == U'・' || next == U'‧' || next == U'.' || IsNameHyphen(next)) return e;
    }
    while (e > p) {
      std::size_t st;
      if (!IsWeakTranslit(DecodeBefore(s_, e, &st))) break;
      e = st;
    }
    return e;
  }

  // Latin-script honorific names (Mr. Francis Gurry) and organizations around a keyword
  // ("XPRIZE Foundation", "Ministry of Communications of Ghana"), from the trie hits.
  void LatinPatterns(std::vector<Candidate>* out) {
    for (const SuffixHit& h : honorific_hits_) {
      std::size_t p = h.end;
      if (p < s_.size() && s_[p] == '.') ++p;
      if (p >= s_.size() || s_[p] != ' ') continue;
      std::size_t name_begin = p + 1;
      std::size_t e = LatinName(s_, name_begin, 1);
      if (e == std::string_view::npos) continue;
      Candidate c;
      c.type = MentionType::kPerson;
      c.begin = h.begin;
      c.end = e;
      c.priority = kPrioPerson;
      c.full = s_.substr(name_begin, e - name_begin);
      c.source = "person:honorific";
      out->push_back(c);
    }
    // Where known organizations and countries begin: "Ministry of Health of Ghana and UNICEF" is
    // two parties, not one name running over "and".
    // (Only OfTailAfter reads them, for the keyword hits: most Chinese releases have none.)
    entity_starts_.clear();
    if (!keyword_hits_.empty()) {
      for (const Candidate& c : *out)
        if (c.type == MentionType::kOrg || c.type == MentionType::kCountry) entity_starts_.push_back(c.begin);
      std::sort(entity_starts_.begin(), entity_starts_.end());
    }
    for (const SuffixHit& h : keyword_hits_) {
      std::string_view where = gz_.entries[h.entry].value;
      std::size_t b = CapitalisedRunBefore(h.begin);
      std::size_t e = h.end;
      if (where != "tail") e = OfTailAfter(h.end);
      bool prefix = b < h.begin, tail = e > h.end;
      if (!prefix && !tail) continue;
      // "World Summit on the Information Society": the run ends a longer name that is no organization
      if (b >= 4 && LiteralAt(s_, b - 4, "the ")) {
        std::size_t q = b - 4;
        for (const char* prep : {" on ", " of ", " for "}) {
          std::size_t n = std::char_traits<char>::length(prep);
          if (q >= n + 1 && s_.compare(q - n, n, prep) == 0 && s_[q - n - 1] != ' ') {
            std::size_t wb = q - n;
            while (wb > 0 && s_[wb - 1] != ' ') --wb;
            // …but not after a role: "Vice-Chancellor of the University of Nairobi" holds the
            // university (the rare case: a scan of the candidates for a role ending there).
            bool after_role = false;
            for (const Candidate& rc : *out) after_role |= rc.type == MentionType::kRole && rc.end == q - n;
            if (LatinNameToken(s_, wb) == q - n && !after_role) prefix = tail = false;
          }
        }
        if (!prefix && !tail) continue;
      }
      if (!tail && where == "head") continue;
      // "World Government Summit": the keyword sits inside a longer capitalised name
      if (!tail && e + 1 < s_.size() && s_[e] == ' ' && LatinNameToken(s_, e + 1) != std::string_view::npos &&
          !IsOrgPrefixStop(s_.substr(e + 1, LatinNameToken(s_, e + 1) - e - 1)))
        continue;
      Candidate c;
      c.type = MentionType::kOrg;
      c.begin = b;
      c.end = e;
      c.priority = kPrioPatternOrg;
      c.source = tail ? "org:of-pattern" : "org:keyword-pattern";
      out->push_back(c);
    }
    KnownOrgsExtended(out);
  }

  // "Airtel Africa", "African Development Bank Group", "Airtel Africa plc": a known Latin-script
  // organization followed by a region word or an organization tail keyword names a longer body
  // (a regional company, the group), which is not the gazetteer's entity: key and Wikidata id go.
  void KnownOrgsExtended(std::vector<Candidate>* out) {
    static constexpr std::string_view kRegions[] = {"Africa", "Asia", "Europe", "Americas", "International", "Global"};
    const std::size_t known = out->size();
    for (std::size_t k = 0; k < known; ++k) {
      // (the first byte before the comparison, which is a call)
      const PackedView source = (*out)[k].source;
      if ((*out)[k].type != MentionType::kOrg || source.empty() || (source.data()[0] == 'o' && source.view().compare(0, 4, "org:") == 0))
        continue;
      const std::size_t end = (*out)[k].end;
      if (end == 0 || !((s_[end - 1] | 0x20) >= 'a' && (s_[end - 1] | 0x20) <= 'z')) continue;  // Latin names only
      std::size_t e = end;
      for (int t = 0; t < 3; ++t) {
        if (e + 1 >= s_.size() || s_[e] != ' ') break;
        std::size_t we = LatinNameToken(s_, e + 1);
        if (we == std::string_view::npos || (we < s_.size() && IsAlphaWord(static_cast<unsigned char>(s_[we])))) break;
        std::string_view w = s_.substr(e + 1, we - e - 1);
        bool region = false;
        for (std::string_view r : kRegions) region |= w == r;
        if (!region && !EndsTailKeyword(e + 1, we)) break;
        e = we;
      }
      if (e == end) continue;
      Candidate c = (*out)[k];
      c.end = e;
      c.key = {};
      c.wikidata = {};
      c.source = "org:known-extended";
      out->push_back(c);
    }
  }

  // A tail organization keyword ("Group", "plc", "Foundation") spans exactly [b, e).
  bool EndsTailKeyword(std::size_t b, std::size_t e) const {
    bool hit = false;
    gz_.trie.MatchAt(s_, b, [&](std::size_t end, std::int32_t payload) {
      const Entry& x = gz_.entries[payload];
      if (end == e && x.kind == EntryKind::kOrgKeyword && x.value != "head") hit = true;
    });
    return hit;
  }

  bool StartsKeyword(std::size_t p) const {
    bool hit = false;
    gz_.trie.MatchAt(s_, p, [&](std::size_t end, std::int32_t payload) {
      const Entry& e = gz_.entries[payload];
      if (e.kind == EntryKind::kOrgKeyword && e.value != "tail" && (end == s_.size() || !IsAlphaWord(static_cast<unsigned char>(s_[end]))))
        hit = true;
    });
    return hit;
  }

  // Capitalised words (and "&") right before `p`, at most five: "Forest & Environment Department".
  std::size_t CapitalisedRunBefore(std::size_t p) const {
    std::size_t b = p;
    for (int k = 0; k < 5; ++k) {
      if (b < 2 || s_[b - 1] != ' ') break;
      std::size_t wb = b - 1;
      while (wb > 0 && s_[wb - 1] != ' ' && s_[wb - 1] != '\n' && s_[wb - 1] != '(' && s_[wb - 1] != '"') --wb;
      std::string_view w = s_.substr(wb, b - 1 - wb);
      if (w == "&") {
        b = wb;
        continue;
      }
      if (w.empty() || LatinNameToken(s_, wb) != b - 1 || IsOrgPrefixStop(w)) break;  // "Obama’s" fails here
      b = wb;
    }
    // never start with a dangling "&"
    while (b < p && s_[b] == '&') b += 2;
    return b;
  }

  // " said", " says", " told", … right at p.
  bool IsSpeechVerbAt(std::size_t p) const {
    static constexpr std::string_view kVerbs[] = {" said", " says", " told", " added", " noted", " stressed",
                                                  " announced", " welcomed", " explained", " emphasised", " emphasized"};
    for (std::string_view v : kVerbs)
      if (StartsWithAt(s_, p, v) && (p + v.size() >= s_.size() || !IsAlphaWord(static_cast<unsigned char>(s_[p + v.size()]))))
        return true;
    return false;
  }

  static bool IsEventHead(std::string_view w) {
    static constexpr std::string_view kHeads[] = {"Conference", "Summit", "Forum", "Congress", "Symposium", "Workshop",
                                                  "Expo", "Festival", "Games", "Championships", "Cup"};
    for (std::string_view h : kHeads)
      if (w == h) return true;
    return false;
  }

  // " of Economy", " for International Development", " of the Government of Meghalaya" after a
  // head keyword: returns the end of the extended name (or `p`).
  std::size_t OfTailAfter(std::size_t p) const {
    std::size_t i = p;
    auto word = [&](std::string_view w) {
      if (StartsWithAt(s_, i, w)) {
        i += w.size();
        return true;
      }
      return false;
    };
    if (!(word(" of ") || word(" for ") || word(" on "))) return p;
    word("the ");
    std::size_t end = p;
    for (int k = 0; k < 8; ++k) {
      std::size_t e = LatinNameToken(s_, i);
      if (e == std::string_view::npos) break;
      // "International Confederation of Midwives Regional Conference": a tail that runs into an
      // event's head names the event, not the body, so the body keeps no tail.
      if (IsEventHead(s_.substr(i, e - i))) return p;
      end = e;
      i = e;
      std::size_t save = i;
      if (word(" of ") || word(" for ")) {
        word("the ");
        if (LatinNameToken(s_, i) == std::string_view::npos) {
          i = save;
          break;
        }
        continue;
      }
      // "and the ..." starts another noun phrase: "Ministry of Economy and the US Department";
      // "and Institute of ..." another organization.
      const bool conj = word(" and ") || word(" & ");
      if (conj || word(" ")) {
        // a known organization or country after "and" is a second party
        const bool entity_next = conj && std::binary_search(entity_starts_.begin(), entity_starts_.end(), i);
        // "and Institute of …" opens another organization; a keyword that ends the name does not
        // ("Ministry of Digital Economy and Society").
        bool new_org = StartsKeyword(i);
        if (new_org && conj) {
          std::size_t ke = LatinNameToken(s_, i);
          new_org = ke == std::string_view::npos || StartsWithAt(s_, ke, " of ") || StartsWithAt(s_, ke, " for ") ||
                    LatinNameToken(s_, ke + 1) != std::string_view::npos;
        }
        if (new_org || entity_next) {
          i = save;
          break;
        }
        if (LatinNameToken(s_, i) == std::string_view::npos) {
          i = save;
          break;
        }
        continue;
      }
      break;
    }
    return end;
  }

  bool StartsMentionEndingAt(const std::vector<Candidate>& ms, std::size_t p, std::size_t* idx) const {
    auto it = std::lower_bound(ms.begin(), ms.end(), p, [](const Candidate& c, std::size_t v) { return c.end < v; });
    for (; it != ms.end() && it->end == p; ++it) {
      *idx = static_cast<std::size_t>(it - ms.begin());
      return true;
    }
    return false;
  }

  // DecodeBefore, with the three-byte sequence (Han) inline: the backward walks ask at every
  // character, and the call cost more than the decoding.
  [[gnu::always_inline]] char32_t CodePointBefore(std::size_t b, std::size_t* start) const {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s_.data());
    if (b >= 3 && (p[b - 3] & 0xF0) == 0xE0 && (p[b - 2] & 0xC0) == 0x80 && (p[b - 1] & 0xC0) == 0x80) {
      *start = b - 3;
      return static_cast<char32_t>(p[b - 3] & 0x0F) << 12 | static_cast<char32_t>(p[b - 2] & 0x3F) << 6 | (p[b - 1] & 0x3F);
    }
    return DecodeBefore(s_, b, start);
  }

  // The suffix 部 at [b, e) is the first character of 部长 right after another 部 (…能源部部长).
  bool IsRoleBu(std::size_t b, std::size_t e) const {
    return e - b == 3 && LiteralAt(s_, b, "部") && LiteralAt(s_, e, "长") && b >= 3 &&
           LiteralAt(s_, b - 3, "部");
  }

  // 华为技术有限公司, 赛门铁克(Symantec)公司, 山东省人民政府, 工业和信息化部电信研究院: an organization
  // suffix extended backwards over Chinese characters up to a stop character, absorbing a
  // country, place or organization mention it meets.
  void ChineseSuffixOrgs(const std::vector<Candidate>& ms, std::vector<Candidate>* out) {
    // ms is sorted by begin and non-overlapping, so it is sorted by end too.
    std::sort(suffix_hits_.begin(), suffix_hits_.end());
    suffix_hits_.erase(std::unique(suffix_hits_.begin(), suffix_hits_.end()), suffix_hits_.end());
    for (const SuffixHit& h : suffix_hits_) {
      std::size_t sb = h.begin, se = h.end;
      // 能源部部长: the second 部 opens the role 部长, so the ministry ends at the first one.
      if (IsRoleBu(sb, se)) continue;
      const std::string_view kind = gz_.entries[h.entry].value;  // a view: compared inline, no call
      bool government = kind == "government";
      // 老挝技术和通信部: a ministry needs its country in front, and may contain 和
      bool ministry = kind == "ministry";
      // 葡语国家共同体通信和电信监管机构协会: a body's name may join two fields with 和, but only
      // inside a name anchored on an organization or country in front (checked after the walk)
      bool body = kind == "body";
      if (Covered(ms, sb, se)) {
        // a generic ministry name (通信部) may be the tail of a longer one: walk on from its start
        const Candidate* g = CoveringAt(ms, sb);
        if (!(ministry && g != nullptr && g->end == se && IsGenericOrgAt(g->begin))) continue;
        sb = g->begin;
      }
      std::size_t b = sb, walked = sb;  // walked: where the characters before the suffix begin
      int chars = 0;
      int chars_at_and = -1;             // body names: characters between 和 and the suffix
      std::size_t after_and = sb;        // where the part after 和 begins
      std::string_view country, key, wikidata;
      bool absorbed = false;
      // ms is sorted by end: `at_end` is the first mention ending at or after b, moved back as the
      // walk goes back (one search per suffix instead of one per character).
      std::size_t at_end = static_cast<std::size_t>(
          std::lower_bound(ms.begin(), ms.end(), b, [](const Candidate& c, std::size_t v) { return c.end < v; }) - ms.begin());
      while (b > 0 && chars < 10) {
        while (at_end > 0 && ms[at_end - 1].end >= b) --at_end;
        if (at_end < ms.size() && ms[at_end].end == b) {
          const Candidate& m = ms[at_end];
          if (m.type == MentionType::kCountry || m.type == MentionType::kPlace || m.type == MentionType::kOrg) {
            b = m.begin;
            country = m.type == MentionType::kCountry ? m.key : m.country;
            absorbed = true;
            // 香港大学深圳医院, 世界银行北京代表处: an organization right before the place is the
            // parent of a branch named by its city.
            // The parent may be one this walk found just before (北京大学 by its suffix 大学).
            const Candidate* parent = at_end > 0 && ms[at_end - 1].end == m.begin ? &ms[at_end - 1] : nullptr;
            if (parent == nullptr && !out->empty() && out->back().end == m.begin) parent = &out->back();
            if (m.type == MentionType::kPlace && parent != nullptr && parent->type == MentionType::kOrg) {
              b = parent->begin;
              if (!parent->country.empty()) country = parent->country;
            }
            // 赛门铁克公司 is Symantec; 工业和信息化部电信研究院 is not the ministry
            if (m.type == MentionType::kOrg && chars == 0 && kind == "company") {
              key = m.key;
              wikidata = m.wikidata;
            }
          }
          break;
        }
        // "教科文组织推出宽带委员会": a verb that never sits inside a name ends the walk, so the
        // name is 宽带委员会, not the organization in front with the verb.
        std::size_t st;
        char32_t c = CodePointBefore(b, &st);
        if (chars > 0 && EndsWithNameBreakingVerb(b, c)) break;
        if (c == ')' && chars == 0) {  // 赛门铁克(Symantec)公司
          std::size_t open = s_.rfind('(', st);
          if (open == std::string_view::npos || st - open > 40) break;
          // "英联邦电信组织(CTO)组织了...": after a complete name the suffix is a verb
          std::size_t idx;
          if (StartsMentionEndingAt(ms, open, &idx) && ms[idx].end - ms[idx].begin > se - sb &&
              s_.compare(ms[idx].end - (se - sb), se - sb, s_.substr(sb, se - sb)) == 0)
            break;
          b = open;
          continue;
        }
        // 国家疾病预防控制局, 国家标准化管理委员会: 国家 opens the names of state bodies (家 is a stop
        // character otherwise); not the 家 of a country mention's 国家 (中国家电协会).
        std::size_t guo;
        if (c == U'家' && chars > 0 && st >= 3 && LiteralAt(s_, st - 3, "国") &&
            !StartsMentionEndingAt(ms, st, &guo)) {
          char32_t before_guo = st >= 6 ? DecodeBefore(s_, st - 3, &guo) : 0;
          if (st < 6 || !IsHan(before_guo) || IsZhStop(before_guo)) {
            b = walked = st - 3;
            chars += 2;
            break;
          }
        }
        if (StopsSuffixWalk(s_, b, c)) break;
        const bool body_and = body && c == U'和' && chars_at_and < 0;
        if (!IsHan(c) || (IsZhStop(c) && !(ministry && (c == U'和' || c == U'与')) && !body_and)) break;
        if (body_and) {
          chars_at_and = chars;
          after_and = b;
        }
        b = st;
        walked = b;
        ++chars;
      }
      if (chars_at_and >= 0 && !(absorbed && chars_at_and >= 2 && chars - chars_at_and - 1 >= 2)) {
        // not "[org]X和Y协会": the name starts after 和 (国际电联和电信协会 is two parties)
        b = walked = after_and;
        chars = chars_at_and;
        absorbed = false;
        country = key = wikidata = {};
      }
      std::size_t suffix_chars = CharCount(s_.substr(sb, se - sb));
      int need = suffix_chars == 1 ? 2 : 1;
      if (!absorbed && (chars < need || government || ministry)) continue;
      if (ministry) {
        // 中国西部, 中国东北部 are regions, not ministries
        static const std::u32string kDirections = U"东西南北中内外上下全各";
        bool only_directions = true;
        for (std::size_t k = walked; k < sb;) {
          char32_t c;
          k += DecodeAt(s_, k, &c);
          only_directions &= kDirections.find(c) != std::u32string::npos;
        }
        if (chars < 2 || only_directions) continue;
        char32_t after = 0;
        if (se < s_.size()) DecodeAt(s_, se, &after);
        if (std::u32string_view(U"门分署队落位件").find(after) != std::u32string_view::npos) continue;  // 部门, 部分
      }
      if (government && chars > 2) {
        // 济南市历下区人民政府 (administrative units) but not 苏瓦代表两国政府
        static const std::u32string kUnits = U"市区县省州镇乡旗盟";
        bool units = false;
        for (std::size_t k = b; k < sb;) {
          char32_t c;
          k += DecodeAt(s_, k, &c);
          units |= kUnits.find(c) != std::u32string::npos;
        }
        if (!units) continue;
      }
      Candidate o;
      o.type = MentionType::kOrg;
      o.begin = b;
      o.end = se;
      o.priority = kPrioPatternOrg;
      o.country = country;
      o.key = key;
      o.wikidata = wikidata;
      o.source = "org:zh-suffix";
      out->push_back(o);
    }
    DropRepeatedSuffixOrgs(out);
  }

  // Two suffixes of one name (…委员会 and its 会) often walk back to the same start: the same
  // candidate twice, which the resolution keeps once either way, but as a tie (same span,
  // priority and source) it hands the whole text to the resolution's one-sort fallback. When every
  // such tie in `added` is between identical candidates, the repeats go (the result is the same
  // and the clusters decide it). When two differ in a field (a key found by one walk only), the
  // list stays as it is: the fallback's sort decides that tie as it always did, and its order
  // depends on the whole list.
  static void DropRepeatedSuffixOrgs(std::vector<Candidate>* added) {
    std::vector<Candidate>& a = *added;
    bool repeats = false;
    for (std::size_t i = 0; i < a.size(); ++i)
      for (std::size_t j = i + 1; j < a.size(); ++j) {
        if (a[i].begin != a[j].begin || a[i].end != a[j].end) continue;
        if (a[i].country != a[j].country || a[i].key != a[j].key || a[i].wikidata != a[j].wikidata) return;
        repeats = true;
      }
    if (!repeats) return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      bool seen = false;
      for (std::size_t k = 0; k < kept && !seen; ++k) seen = a[k].begin == a[i].begin && a[k].end == a[i].end;
      if (seen) continue;
      if (kept != i) a[kept] = a[i];
      ++kept;
    }
    a.resize(kept);
  }

  // True when the text before `pos` ends with a verb that does not occur inside organization
  // names (推出, 签署, 举办 ...; not 联合, 支持, 成立, which do: 中美联合委员会, 技术支持中心).
  // `last_cp` is the code point that ends right before pos.
  bool EndsWithNameBreakingVerb(std::size_t pos, char32_t last_cp) const {
    static const std::string_view kVerbs[] = {"推出", "发布", "启动", "举办", "举行", "签署", "宣布",
                                              "召开", "发起", "携手", "出席", "会见", "表示", "指出",
                                              "批准", "任命", "访问", "参加", "加入", "主办", "承办"};
    // The walk asks at every character: the last code point of a verb, one bitmap lookup, rules
    // out most positions (a verb's last bytes decode to its last code point).
    static const BmpSet* last = [] {
      std::u32string l;
      for (std::string_view v : kVerbs) {
        std::size_t st;
        l.push_back(DecodeBefore(v, v.size(), &st));
      }
      return new BmpSet(l);
    }();
    if (!last->Has(last_cp)) return false;
    std::string_view before = s_.substr(0, pos);
    for (std::string_view v : kVerbs)
      if (before.size() >= v.size() && before.substr(before.size() - v.size()) == v) return true;
    return false;
  }

  static const Candidate* CoveringAt(const std::vector<Candidate>& ms, std::size_t b) {
    auto it = std::upper_bound(ms.begin(), ms.end(), b, [](std::size_t v, const Candidate& c) { return v < c.begin; });
    if (it == ms.begin()) return nullptr;
    --it;
    return it->begin <= b && it->end > b ? &*it : nullptr;
  }

  static bool Covered(const std::vector<Candidate>& ms, std::size_t b, std::size_t e) {
    auto it = std::upper_bound(ms.begin(), ms.end(), b, [](std::size_t v, const Candidate& c) { return v < c.begin; });
    if (it == ms.begin()) return false;
    --it;
    return it->begin <= b && it->end >= e;
  }

  // Stage 3: adjacent mentions that form one name.
  // Both merging passes compact `ms` in place (the write index never passes the read index): no
  // fresh memory to write the candidates to, which in the pipeline is memory not in the cache.
  void Compounds(std::vector<Candidate>* msp) {
    std::vector<Candidate>& ms = *msp;
    // Candidates are read in place and copied only when one merges or the compaction moves it.
    std::size_t w = 0;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      const Candidate& c = ms[i];
      if (w > 0) {
        Candidate& prev = ms[w - 1];  // w - 1 < i: not c
        std::string_view gap = s_.substr(prev.end, c.begin - prev.end);
        bool glued = gap.empty();
        bool spaced = gap == " ";
        // 哥斯达黎加圣何塞, 韩国釜山 → one place in that country
        if (glued && prev.type == MentionType::kCountry && c.type == MentionType::kPlace) {
          const std::size_t begin = prev.begin;
          const PackedView country = prev.key;
          prev = c;
          prev.begin = begin;
          if (prev.country.empty()) prev.country = country;
          prev.source = "compound:country+place";
          continue;
        }
        // 加纳通信部, UAE Ministry of Economy, US Department of Commerce, UK Government; with a
        // possessive only after a country: Morocco's Ministry of Digital Transition (one party).
        const bool possessive = prev.type == MentionType::kCountry && (gap == "'s " || gap == "\u2019s ");
        if ((glued || spaced || possessive) && (prev.type == MentionType::kCountry || prev.type == MentionType::kPlace) &&
            c.type == MentionType::kOrg &&
            (c.key.empty() || IsGenericOrgAt(c.begin) || c.country == prev.key ||
             c.country == prev.country)) {
          const std::size_t begin = prev.begin;
          const PackedView country = prev.type == MentionType::kCountry ? prev.key : prev.country;
          prev = c;
          prev.begin = begin;
          if (prev.country.empty()) prev.country = country;
          prev.source = "compound:country+org";
          continue;
        }
      }
      if (w != i) ms[w] = c;
      ++w;
    }
    ms.resize(w);
    std::vector<Candidate>& out = ms;
    // "Minister for Broadband, Communications and Digital Economy", "Minister of Economy": a Latin
    // role takes the portfolio after it, unless an organization or country follows ("Director of
    // the ITU Telecommunication Development Bureau" stays role + organization for the rules).
    for (std::size_t k = 0; k < out.size(); ++k) {
      Candidate& c = out[k];
      if (c.type != MentionType::kRole || c.end >= s_.size() || static_cast<unsigned char>(s_[c.begin]) >= 0x80)
        continue;
      std::size_t next_begin = k + 1 < out.size() ? out[k + 1].begin : s_.size();
      std::size_t i = c.end;
      if (StartsWithAt(s_, i, " for ")) i += 5;
      else if (StartsWithAt(s_, i, " of ")) i += 4;
      else continue;
      if (StartsWithAt(s_, i, "the ")) i += 4;
      std::size_t end = c.end;
      // the tokens of the last space-joined run of the portfolio ("Trade and [Tourism Don Farrell]")
      std::size_t run[8];
      int run_len = 0;
      for (int t = 0; t < 8 && i < next_begin; ++t) {
        std::size_t e = LatinNameToken(s_, i);
        if (e == std::string_view::npos || e > next_begin) break;
        if (e < s_.size() && (s_[e] == '-' || IsAlphaWord(static_cast<unsigned char>(s_[e])))) break;  // "WCIT-12"
        run[run_len++] = i;
        end = e;
        i = e;
        if (StartsWithAt(s_, i, ", ")) {
          // a list of portfolios ("Broadband, Communications and ..."), not an apposition
          std::size_t e2 = LatinNameToken(s_, i + 2);
          // "…, Job Creation and Trade,": a two-word item before a last item of one word that
          // closes the role ("Jane Doe and John Smith" stays two names)
          if (e2 != std::string_view::npos && StartsWithAt(s_, e2, " ") && !StartsWithAt(s_, e2, " and ")) {
            const std::size_t e3 = LatinNameToken(s_, e2 + 1);
            const std::size_t e4 = e3 != std::string_view::npos && StartsWithAt(s_, e3, " and ") ? LatinNameToken(s_, e3 + 5)
                                                                                                 : std::string_view::npos;
            if (e4 != std::string_view::npos && e4 < s_.size() && (s_[e4] == ',' || s_[e4] == '.')) e2 = e3;
          }
          if (e2 == std::string_view::npos || !(StartsWithAt(s_, e2, " and ") || StartsWithAt(s_, e2, ", "))) break;
          i += 2;
          run_len = 0;
        } else if (StartsWithAt(s_, i, " and ")) {
          i += 5;
          run_len = 0;
        } else if (StartsWithAt(s_, i, " & ")) {
          i += 3;
          run_len = 0;
        } else if (StartsWithAt(s_, i, " ")) i += 1;
        else break;
      }
      // "Minister for Trade and Tourism Don Farrell said", "Commissioner for International
      // Partnerships Jozef Síkela said": a titled name before a speech verb. When the last run of the
      // portfolio has three or more words and a speech verb follows, its last two are the name.
      // Not after "the" ("the Minister for Climate Change Adaptation said" names no one).
      if (run_len >= 3 && IsSpeechVerbAt(end) && !(c.begin >= 4 && LiteralAt(s_, c.begin - 4, "the ") ) &&
          !(c.begin >= 4 && LiteralAt(s_, c.begin - 4, "The ")))
        end = run[run_len - 2] - 1;
      if (end > c.end) c.end = end;
    }

    // "Ministry of Communications of Ghana", "UN Office in Kenya": a pattern organization takes
    // the country named inside it.
    for (Candidate& c : out) {
      if (c.type != MentionType::kOrg || !c.country.empty() || !c.key.empty()) continue;
      for (const CountryHit& h : country_hits_)
        if (h.begin >= c.begin && h.end <= c.end) {
          c.country = h.key;
          break;
        }
    }
    // Commonwealth Telecommunications Organisation (CTO), 英联邦电信组织(CTO): the acronym in
    // parentheses joins the organization (absorbing a gazetteer mention of it) and is remembered
    // for later bare uses.
    const LatinRes& r = Latin();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
      // Only an organization before "(" may change: the others are kept as they are (moved only
      // when the compaction needs it).
      // The pattern starts with "(" or one \s ([\t\n\f\r ]) and "(": look before calling RE2,
      // whose code and state are otherwise fetched for every organization.
      auto paren_next = [&](std::size_t p) {
        if (p < s_.size() && s_[p] == '(') return true;
        if (p + 1 >= s_.size() || s_[p + 1] != '(') return false;
        char w = s_[p];
        return w == ' ' || w == '\t' || w == '\n' || w == '\f' || w == '\r';
      };
      if (out[i].type != MentionType::kOrg || !paren_next(out[i].end)) {
        if (kept != i) out[kept] = out[i];
        ++kept;
        continue;
      }
      Candidate c = out[i];
      {
        re2::StringPiece rest(s_.data() + c.end, s_.size() - c.end);
        re2::StringPiece acr;
        if (RE2::PartialMatch(rest, r.acronym, &acr)) {
          std::size_t close = static_cast<std::size_t>(acr.data() - s_.data()) + acr.size() + 1;
          // the parenthesis may hold a mention of its own (the gazetteer acronym): drop it
          while (i + 1 < out.size() && out[i + 1].begin < close) {
            if (c.key.empty() && out[i + 1].type == MentionType::kOrg) {
              c.key = out[i + 1].key;
              c.wikidata = out[i + 1].wikidata;
            }
            ++i;
          }
          std::string_view full = s_.substr(c.begin, c.end - c.begin);
          std::string_view acronym = s_.substr(static_cast<std::size_t>(acr.data() - s_.data()), acr.size());
          acronyms_.push_back({acronym, Acronym{full, c.key, c.wikidata, c.country}});
          c.end = close;
        }
      }
      out[kept++] = c;
    }
    out.resize(kept);
  }

  // Stage 4: people in strong contexts, in the gaps the earlier stages left.
  void PeopleInContext(const std::vector<Candidate>& ms, std::vector<Candidate>* out) {
    auto add = [&](std::size_t b, std::size_t e, const char* source) {
      if (e <= b || Overlaps(ms, b, e)) return;
      Candidate p;
      p.type = MentionType::kPerson;
      p.begin = b;
      p.end = e;
      p.priority = kPrioPerson;
      p.source = source;
      out->push_back(p);
    };
    for (std::size_t i = 0; i < ms.size(); ++i) {
      const Candidate& m = ms[i];
      if (m.type != MentionType::kRole) continue;
      // zh: 部长苗圩表示, 秘书长赵厚麟, 主席因凡蒂诺
      std::size_t e = ZhSurnameName(m.end);
      if (e != std::string_view::npos) {
        add(m.end, e, "person:zh-after-role");
        continue;
      }
      // contact lines: "亚投行传播部 新闻官 刘晓岚": a space between the role and a name that ends the line
      if (m.end + 1 < s_.size() && s_[m.end] == ' ' && static_cast<unsigned char>(s_[m.end - 1]) >= 0x80) {
        e = ZhSurnameName(m.end + 1);
        if (e != std::string_view::npos && (e == s_.size() || s_[e] == '\n' || s_[e] == ' ' || s_[e] == '\r')) {
          add(m.end + 1, e, "person:zh-contact-line");
          continue;
        }
      }
      e = ZhTranslitRun(m.end);
      if (e != std::string_view::npos) {
        add(m.end, e, "person:zh-translit-after-role");
        continue;
      }
      // en: "Secretary-General Houlin Zhao", "Director-General, Guy Ryder,"; zh: "主任Brahima Sanou说"
      std::size_t p = m.end;
      if (p < s_.size() && s_[p] == ',') ++p;
      if (p < s_.size() && (s_[p] == ' ' || s_[p] == '\n')) ++p;
      if (p > m.end || (p < s_.size() && s_[p] >= 'A' && s_[p] <= 'Z' && m.end > 0 &&
                        static_cast<unsigned char>(s_[m.end - 1]) >= 0x80)) {
        std::size_t ne = LatinName(s_, p, 2);
        if (ne != std::string_view::npos) add(p, ne, "person:en-after-role");
        // "Governor Xu said", "Director-General Houngbo said", "said Premier Ford.": a title and
        // one name word is a person only beside a speech verb (else "Minister Monday", "Director
        // Programmes" would be names), and when the release names the person in full elsewhere.
        else if (p == m.end + 1 && s_[m.end] == ' ') {
          std::size_t e1 = LatinNameToken(s_, p);
          if (e1 != std::string_view::npos && e1 - p >= 2 && s_[p + 1] >= 'a' && s_[p + 1] <= 'z' &&
              !IsNameStopWord(s_.substr(p, e1 - p)) &&
              (SaidAfter(s_.substr(e1)) ||
               (SaidBefore(s_, m.begin) && (e1 == s_.size() || s_[e1] == '.' || s_[e1] == ','))) &&
              NamedInFullElsewhere(s_, p, e1))
            add(p, e1, "person:en-title-surname");
        }
      }
      // "the Premier of Ontario, Doug Ford, and …": a role of a place or organization, then the
      // holder's name between commas.
      if (i + 1 < ms.size() && StartsWithAt(s_, m.end, " of ") &&
          (ms[i + 1].begin == m.end + 4 || (ms[i + 1].begin == m.end + 8 && StartsWithAt(s_, m.end + 4, "the "))) &&
          ms[i + 1].type != MentionType::kPerson && StartsWithAt(s_, ms[i + 1].end, ", ")) {
        std::size_t nb = ms[i + 1].end + 2;
        std::size_t ne = LatinName(s_, nb, 2);
        if (ne != std::string_view::npos && ne < s_.size() && s_[ne] == ',') add(nb, ne, "person:en-role-of-apposition");
      }
      // "High Commissioner to Kenya Neil Wigan", "Ambassador to China Nicholas Burns": an envoy's
      // name right after the country of the posting.
      if (i + 1 < ms.size() && StartsWithAt(s_, m.end, " to ") && ms[i + 1].begin == m.end + 4 &&
          ms[i + 1].type == MentionType::kCountry && StartsWithAt(s_, ms[i + 1].end, " ")) {
        std::size_t nb = ms[i + 1].end + 1;
        std::size_t ne = LatinName(s_, nb, 2);
        if (ne != std::string_view::npos) add(nb, ne, "person:en-envoy");
      }
      // en: "Houlin Zhao, Secretary-General of ITU" / "Helen Clark, the UNDP Administrator"
      // "Name, the ROLE", "Name, ITU ROLE", "Name, FAO’s ROLE", "Name (ROLE ...)": between the comma
      // (or parenthesis) and the role, nothing, "the", or one organization or country.
      std::size_t q = m.begin;
      // Only a separator at most 48 bytes before the role counts: search that window alone (a
      // Chinese text has no ", " and rfind would walk back to its start for every role).
      std::size_t lo = q > 48 ? q - 48 : 0;
      std::string_view window = s_.substr(lo, q - lo + 2);
      std::size_t comma = window.rfind(", ", q - lo);
      std::size_t paren = window.rfind(" (", q - lo);
      if (comma != std::string_view::npos) comma += lo;
      if (paren != std::string_view::npos) paren += lo;
      std::size_t sep = comma;
      if (paren != std::string_view::npos && (comma == std::string_view::npos || paren > comma)) sep = paren;
      if (sep != std::string_view::npos && q - sep <= 48) {
        std::string_view between = s_.substr(sep + 2, q - sep - 2);
        bool ok = between.empty() || between == "the " || between == "The ";
        if (!ok && i > 0) {
          const Candidate& prev = ms[i - 1];
          std::size_t start = sep + 2 + (between.rfind("the ", 0) == 0 ? 4 : 0);
          std::string_view tail = s_.substr(prev.end, q - prev.end);
          // a province or state too: "Vic Fedeli, Ontario's Minister of …"
          ok = prev.begin == start &&
               (prev.type == MentionType::kOrg || prev.type == MentionType::kCountry ||
                (prev.type == MentionType::kPlace && tail != " ")) &&
               (tail == " " || tail == "’s " || tail == "'s ");
        }
        if (ok) {
          std::size_t nb = NameStartBefore(sep);
          if (nb != std::string_view::npos) add(nb, sep, "person:en-apposition");
        }
      }
    }
    // zh: surname + given name right before a speech verb: 林玉辉表示
    for (std::size_t p : speech_hits_) ZhNameBefore(ms, p, add);
    // en: "Celeste Saulo, who heads the WMO, said": a name before ", who" and a verb of office.
    for (std::size_t p = s_.find(", who "); p != std::string_view::npos; p = s_.find(", who ", p + 6)) {
      static const std::string_view kOffice[] = {"heads ", "leads ", "chairs ", "directs ", "runs ", "serves ", "is ", "was "};
      std::string_view after = s_.substr(p + 6);
      bool office = false;
      for (std::string_view v : kOffice) office |= after.substr(0, v.size()) == v;
      if (!office) continue;
      std::size_t nb = NameStartBefore(p);
      if (nb != std::string_view::npos) add(nb, p, "person:en-who-clause");
    }
    // en: "Helen Clark said", "said Houlin Zhao"
    for (std::size_t p = 0; p < s_.size(); ++p) {
      p = FindByteInRange(s_, p, 'A', 'Z');
      if (p >= s_.size()) break;
      if (p > 0 && IsAlphaWord(static_cast<unsigned char>(s_[p - 1]))) continue;
      std::size_t e = LatinName(s_, p, 2);
      if (e == std::string_view::npos) continue;
      if (SaidAfter(s_.substr(e)) || SaidBefore(s_, p)) add(p, e, "person:en-speech");
      p = e;
    }
  }

  template <class Add>
  void ZhNameBefore(const std::vector<Candidate>& ms, std::size_t p, Add& add) {
    // try surname + 2 given, then + 1 given, then a compound surname + 2
    std::size_t b = p;
    std::size_t starts[4];
    int k = 0;
    while (k < 4 && b > 0) {
      std::size_t st;
      char32_t c = DecodeBefore(s_, b, &st);
      if (!IsHan(c)) break;
      b = st;
      starts[k++] = b;
    }
    for (int len : {3, 2, 4}) {
      if (len > k) continue;
      std::size_t nb = starts[len - 1];
      std::string_view name = s_.substr(nb, p - nb);
      if (!HasSurname(name, len)) continue;
      // the name must start at a boundary: text start, non-Han, a stop character, or a mention end
      std::size_t st;
      char32_t before = DecodeBefore(s_, nb, &st);
      std::size_t idx;
      bool boundary = nb == 0 || !IsHan(before) || IsZhStop(before) || StartsMentionEndingAt(ms, nb, &idx);
      if (!boundary) continue;
      if (!GivenNameOk(name)) continue;
      add(nb, p, "person:zh-before-speech");
      return;
    }
  }

  // A surname starts the name: compound surnames (欧阳, 林郑) take 1–2 given characters after
  // them, single ones 1–2 as well.
  bool HasSurname(std::string_view name, int len) const {
    char32_t c;
    std::size_t n = DecodeAt(name, 0, &c);
    if (!gz_.MayBeSurnameStart(c)) return false;
    if (len >= 3 && n < name.size()) {
      char32_t d;
      std::size_t n2 = DecodeAt(name, n, &d);
      if (gz_.IsSurname2(c, d, name.substr(0, n + n2))) return true;
    }
    return len <= 3 && gz_.IsSurname1(c, name.substr(0, n));
  }

  // Given names never contain words that name places, bodies or parties: 马方, 中方, 该国.
  // 家, 子 and 之 are common as the first of two given characters (李家超, 王子文, 朴之水) but end
  // no name (王家 is a family, 李子 a plum), so they pass only in the middle of a three-character name.
  static bool GivenNameOk(std::string_view name) {
    // Weekdays and the like look like 周 + a given name: 周三, 周末 (all 周 and one character).
    static const std::string_view kNotNames[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日", "周末", "周年", "周边"};
    if (name.size() == 6 && name.compare(0, 3, "周") == 0)
      for (std::string_view w : kNotNames)
        if (name == w) return false;
    // A title after a surname-like character is no given name: 各国代表, 该国代表 (国 is a surname),
    // 王代表 (a way of addressing Representative Wang, not his name).
    static constexpr std::string_view kTitles[] = {"代表", "官员", "专家", "人士", "学者", "大使", "议员", "委员"};
    if (name.size() == 9)
      for (std::string_view w : kTitles)
        if (name.compare(3, 6, w) == 0) return false;
    // Bitmaps of the character lists (asked for each character of each candidate name).
    static const BmpSet* kBad = new BmpSet(U"方国省市部局委会司处厅院党团队人们者员家界");
    static const BmpSet* kMiddleOk = new BmpSet(U"家子之为");  // 为: 李为民, 陈为国 (a stop character elsewhere)
    // 国 is common in given names (杨国华, 周建国, 王卫国) but also ends country words: it passes
    // in a three-character name unless the two characters before the end make one (和美国 is 和 +
    // 美国, 各国, 该国), and never ends a two-character name (韩国).
    static const BmpSet* kCountryFirst = new BmpSet(U"中美英法德韩泰俄日意两各该我本他贵全外诸大帝王邻");
    std::size_t chars = CharCount(name);
    std::size_t idx = 0;
    char32_t prev = 0;
    for (std::size_t i = 0; i < name.size(); ++idx) {
      char32_t c;
      i += DecodeAt(name, i, &c);
      const char32_t before = prev;
      prev = c;
      if (idx == 1 && chars == 3 && kMiddleOk->Has(c)) continue;
      if (c == U'国' && chars == 3 && idx >= 1 && !(idx == 2 && kCountryFirst->Has(before))) continue;
      if (i > 3 && kBad->Has(c)) return false;
      if (IsZhStop(c) && i > 3) return false;
    }
    return true;
  }

  // Surname + 1–2 given characters at p, ending where a name can end.
  std::size_t ZhSurnameName(std::size_t p) const {
    // Every name tried below starts with a surname: most roles are followed by no surname.
    if (p >= s_.size()) return std::string_view::npos;
    char32_t c0;
    DecodeAt(s_, p, &c0);
    if (!IsHan(c0) || !gz_.MayBeSurnameStart(c0)) return std::string_view::npos;
    std::size_t ends[5];
    std::size_t e = p;
    int k = 0;
    while (k < 5 && e < s_.size()) {
      char32_t c;
      std::size_t n = DecodeAt(s_, e, &c);
      if (!IsHan(c)) break;
      e += n;
      ends[k++] = e;
    }
    for (int len : {3, 2, 4}) {
      if (len > k) continue;
      std::string_view name = s_.substr(p, ends[len - 1] - p);
      if (!HasSurname(name, len) || !GivenNameOk(name)) continue;
      if (ZhNameEndsAt(s_, ends[len - 1])) return ends[len - 1];
    }
    return std::string_view::npos;
  }

  // A transliterated name without a dot after a role: 主席因凡蒂诺表示
  std::size_t ZhTranslitRun(std::size_t p) const {
    std::size_t e = p;
    int k = 0;
    while (e < s_.size() && k < 6) {
      char32_t c;
      std::size_t n = DecodeAt(s_, e, &c);
      if (!IsTranslit(c)) break;
      e += n;
      ++k;
      if (k >= 2 && ZhNameEndsAt(s_, e)) return e;
    }
    return std::string_view::npos;
  }

  // Start of a 2–5 token Latin name ending exactly at `end`.
  std::size_t NameStartBefore(std::size_t end) const {
    std::size_t best = std::string_view::npos;
    std::size_t p = end;
    for (int t = 0; t < 5 && p > 0; ++t) {
      std::size_t sp = s_.find_last_of(" \n", p - 1);
      std::size_t b = sp == std::string_view::npos ? 0 : sp + 1;
      // stop at sentence punctuation inside the window
      std::string_view tok = s_.substr(b, p - b);
      if (tok.empty() || tok.find_first_of(",;:()\"“”") != std::string_view::npos) break;
      std::size_t e = LatinName(s_, b, 2);
      if (e == end) best = b;
      if (sp == std::string_view::npos || s_[sp] == '\n') break;  // a name does not span lines
      p = sp;
    }
    return best;
  }

  static bool Overlaps(const std::vector<Candidate>& ms, std::size_t b, std::size_t e) {
    auto it = std::lower_bound(ms.begin(), ms.end(), b, [](const Candidate& c, std::size_t v) { return c.end <= v; });
    return it != ms.end() && it->begin < e;
  }

  // "Mr Gurry" after "Mr. Francis Gurry": a one-word honorific name resolves to the full name
  // seen earlier with the same last word.
  void HonorificSurnames(std::vector<Candidate>* ms) const {
    for (std::size_t i = 0; i < ms->size(); ++i) {
      Candidate& c = (*ms)[i];
      if (c.type != MentionType::kPerson || c.source != "person:honorific" || c.full.find(' ') != std::string::npos)
        continue;
      for (std::size_t j = i; j-- > 0;) {
        const Candidate& p = (*ms)[j];
        if (p.type != MentionType::kPerson) continue;
        std::string_view name = p.full.empty() ? s_.substr(p.begin, p.end - p.begin) : p.full.view();
        std::size_t sp = name.rfind(' ');
        if (sp != std::string_view::npos && name.substr(sp + 1) == c.full.view()) {
          c.full = name;
          break;
        }
      }
    }
  }

  // Stage 5: later short uses of a name seen in full: 萨努 → 布哈伊马·萨努, Sanou / Mr Sanou →
  // Brahima Sanou, CTO → Commonwealth Telecommunications Organisation, 苗圩 again.
  void ShortForms(const std::vector<Candidate>& ms, std::vector<Candidate>* out) {
    std::vector<Form>& forms = scratch_.forms;
    forms.clear();
    for (const Candidate& m : ms) {
      if (m.type != MentionType::kPerson || m.source == "person:short") continue;
      std::string_view name = m.full.empty() ? s_.substr(m.begin, m.end - m.begin) : m.full.view();
      // Chinese transliterated: each part of two or more characters; native: the name itself.
      bool dotted = false;
      std::vector<std::string_view>& parts = scratch_.parts;
      parts.clear();
      std::size_t part_begin = 0;
      for (std::size_t i = 0; i < name.size();) {
        char32_t c;
        std::size_t n = DecodeAt(name, i, &c);
        if (IsNameDot(c)) {
          dotted = true;
          parts.push_back(name.substr(part_begin, i - part_begin));
          part_begin = i + n;
        }
        i += n;
      }
      parts.push_back(name.substr(part_begin));
      if (dotted) {
        for (std::string_view part : parts)
          if (CharCount(part) >= 2) forms.push_back({part, name, m.end, MentionType::kPerson, {}});
        forms.push_back({s_.substr(m.begin, m.end - m.begin), name, m.end, MentionType::kPerson, {}});
        continue;
      }
      bool latin = !name.empty() && static_cast<unsigned char>(name[0]) < 0x80;
      if (latin) {
        std::size_t sp = name.rfind(' ');
        if (sp != std::string_view::npos) {
          std::string_view last = name.substr(sp + 1);
          if (CharCount(last) >= 3 && !IsNameStopWord(last)) forms.push_back({last, name, m.end, MentionType::kPerson, {}});
          forms.push_back({name, name, m.end, MentionType::kPerson, {}});
        }
      } else if (CharCount(name) >= 2) {
        forms.push_back({name, name, m.end, MentionType::kPerson, {}});
      }
    }
    for (const auto& [acr, org] : acronyms_) forms.push_back({acr, org.full, 0, MentionType::kOrg, org});
    // A name is a form once per mention of it, and there are dozens of forms: find every
    // occurrence of every distinct form in one pass, then walk them for each form as repeated
    // finds from first_end would (each search resumes after the previous hit).
    std::vector<std::string_view>& texts = scratch_.texts;
    texts.clear();
    for (Form& f : forms) {
      if (f.text.empty()) continue;
      auto it = std::find(texts.begin(), texts.end(), f.text);
      f.text_index = static_cast<std::size_t>(it - texts.begin());
      if (it == texts.end()) texts.push_back(f.text);
    }
    std::size_t from = s_.size();
    for (const Form& f : forms) from = std::min(from, f.first_end);
    // Kept per thread with the inner vectors' capacity; only the first texts.size() are used.
    std::vector<std::vector<std::size_t>>& occurrences = scratch_.occurrences;
    if (occurrences.size() < texts.size()) occurrences.resize(texts.size());
    for (std::size_t k = 0; k < texts.size(); ++k) occurrences[k].clear();
    FindAll(texts, from, &occurrences);
    for (const Form& f : forms) {
      if (f.text.empty()) continue;
      bool alpha = static_cast<unsigned char>(f.text[0]) < 0x80;
      const std::vector<std::size_t>* occ = &occurrences[f.text_index];
      auto next_at = [&](std::size_t from) {
        auto it = std::lower_bound(occ->begin(), occ->end(), from);
        return it == occ->end() ? std::string_view::npos : *it;
      };
      for (std::size_t p = next_at(f.first_end); p != std::string_view::npos; p = next_at(p + f.text.size())) {
        std::size_t e = p + f.text.size();
        if (alpha) {
          std::size_t st;
          char32_t before = DecodeBefore(s_, p, &st);
          char32_t after = 0;
          if (e < s_.size()) DecodeAt(s_, e, &after);
          if (IsAlphaWord(before) || IsAlphaWord(after)) continue;
        }
        std::size_t b = p;
        // "Mr Sanou", "Dr Touré": the honorific belongs to the mention
        if (f.type == MentionType::kPerson && alpha) {
          for (const char* h : {"Mr. ", "Mr ", "Ms. ", "Ms ", "Mrs. ", "Mrs ", "Dr. ", "Dr ", "Prof. ", "Prof "}) {
            std::size_t n = std::char_traits<char>::length(h);
            if (p >= n && s_.compare(p - n, n, h) == 0) b = p - n;
          }
        }
        if (Overlaps(ms, b, e)) continue;
        Candidate c;
        c.type = f.type;
        c.begin = b;
        c.end = e;
        c.priority = kPrioShort;
        if (f.text != f.full) c.full = f.full;
        if (f.type == MentionType::kOrg) {
          c.key = f.org.key;
          c.wikidata = f.org.wikidata;
          c.country = f.org.country;
          c.source = "org:acronym";
        } else {
          c.source = "person:short";
        }
        out->push_back(c);
      }
    }
  }

  struct Acronym {
    std::string_view full, key, wikidata, country;
  };
  struct Form {  // ShortForms: a text whose later uses are short forms of `full`
    std::string_view text;
    std::string_view full;
    std::size_t first_end;  // only uses after the full form count
    MentionType type;
    Acronym org;
    std::size_t text_index = 0;  // in ShortForms' distinct texts
  };

  // Every (overlapping) occurrence at or after `from` of each of `texts` in s_, ascending. One
  // pass over the positions holding a text's first byte: a bitmap over a hash of the first three
  // bytes picks those worth comparing (texts of one or two bytes are searched on their own).
  void FindAll(const std::vector<std::string_view>& texts, std::size_t from,
               std::vector<std::vector<std::size_t>>* occ) const {
    // 8192 bits (1 KB of stack: every line of it is written for each release, and comes from
    // memory in the pipeline) for a few dozen texts.
    auto hash3 = [](const unsigned char* q) {
      return (static_cast<unsigned>(q[0]) * 0x9E3779B1u ^ static_cast<unsigned>(q[1]) * 0x85EBCA77u ^
              static_cast<unsigned>(q[2]) * 0xC2B2AE3Du) >> 19;
    };
    std::uint64_t bits[128] = {};
    std::vector<unsigned>& hashes = scratch_.hashes;  // per thread: no allocation per release
    hashes.assign(texts.size(), 0);
    bool any = false;
    for (std::size_t k = 0; k < texts.size(); ++k) {
      std::string_view t = texts[k];
      if (t.size() < 3) {
        for (std::size_t q = Find(t, from); q != std::string_view::npos; q = Find(t, q + 1)) (*occ)[k].push_back(q);
        continue;
      }
      hashes[k] = hash3(reinterpret_cast<const unsigned char*>(t.data()));
      bits[hashes[k] >> 6] |= 1ull << (hashes[k] & 63);
      any = true;
    }
    if (!any) return;
    // Jump between bytes that start some text, 16 bytes at a time: the (at most four) distinct
    // first bytes, or else two byte ranges that hold them all, checked against a table.
    bool first[256] = {};
    unsigned char firsts[4] = {};
    int distinct = 0;
    // More first bytes: the smallest ranges holding the ASCII ones and the others.
    unsigned char lo[2] = {0xFF, 0xFF}, hi[2] = {0, 0};
    for (std::size_t k = 0; k < texts.size(); ++k) {
      if (texts[k].size() < 3) continue;
      unsigned char b = static_cast<unsigned char>(texts[k][0]);
      if (!first[b] && distinct < 4) firsts[distinct] = b;
      if (!first[b]) ++distinct;
      first[b] = true;
      const int r = b >= 0x80;
      lo[r] = std::min(lo[r], b);
      hi[r] = std::max(hi[r], b);
    }
    for (int d = distinct; d < 4; ++d) firsts[d] = firsts[0];
    for (int r = 0; r < 2; ++r)
      if (lo[r] > hi[r]) lo[r] = lo[1 - r], hi[r] = hi[1 - r];  // an empty range: repeat the other
    // A non-ASCII first byte (a lead byte, frequent in the text) and up to sixteen distinct first
    // two bytes: jump between those pairs instead (the byte ranges would stop at most Chinese
    // characters: a long release with many names spent more there than all else in this stage).
    constexpr int kMaxPairs = 16;
    unsigned char pair_a[kMaxPairs], pair_b[kMaxPairs];
    int pairs = lo[1] >= 0x80 ? 0 : kMaxPairs + 1;
    for (std::size_t k = 0; k < texts.size() && pairs <= kMaxPairs; ++k) {
      if (texts[k].size() < 3) continue;
      const unsigned char a = static_cast<unsigned char>(texts[k][0]), b = static_cast<unsigned char>(texts[k][1]);
      bool seen = false;
      for (int q = 0; q < pairs && q < kMaxPairs; ++q) seen |= pair_a[q] == a && pair_b[q] == b;
      if (seen) continue;
      if (pairs < kMaxPairs) pair_a[pairs] = a, pair_b[pairs] = b;
      ++pairs;
    }
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s_.data());
    const std::size_t n = s_.size();
    // The texts starting at i (first[p[i]] holds), by their hash, then their bytes.
    // (inlined into each scan: English texts stop at many capitals)
    auto visit = [&](std::size_t i) __attribute__((always_inline)) {
      if (i + 3 > n) return;
      unsigned h = hash3(p + i);
      if (!((bits[h >> 6] >> (h & 63)) & 1)) return;
      for (std::size_t k = 0; k < texts.size(); ++k) {
        std::string_view t = texts[k];
        if (hashes[k] == h && t.size() >= 3 && t.size() <= n - i && std::memcmp(p + i, t.data(), t.size()) == 0)
          (*occ)[k].push_back(i);
      }
    };
    if (pairs <= kMaxPairs) {
      ForEachBytePair(s_, from, pair_a, pair_b, pairs, visit);
      return;
    }
    for (std::size_t i = from; i + 3 <= n; ++i) {
      i = distinct <= 4 ? FindAnyByte(s_, i, firsts[0], firsts[1], firsts[2], firsts[3])
                        : FindByteInRanges(s_, i, lo[0], hi[0], lo[1], hi[1]);
      if (i + 3 > n) break;
      if (first[p[i]]) visit(i);
    }
  }

  // s_.find(w, from) by memmem: the first byte of a Chinese name is the lead byte of a third of
  // the text, which makes string_view::find's memchr-then-compare loop stop at every character.
  std::size_t Find(std::string_view w, std::size_t from) const {
    if (from > s_.size()) return std::string_view::npos;
    if (w.empty()) return from;
    const void* hit = memmem(s_.data() + from, s_.size() - from, w.data(), w.size());
    return hit == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(hit) - s_.data());
  }

  const Gazetteer& gz_;
  std::string_view s_;
  std::uint8_t lang_;
  std::string_view anchor_;
  Store* store_;
  struct SuffixHit {
    std::size_t begin, end;
    std::int32_t entry;
    bool operator<(const SuffixHit& o) const { return begin != o.begin ? begin < o.begin : end < o.end; }
    bool operator==(const SuffixHit& o) const { return begin == o.begin && end == o.end; }
  };
  struct CountryHit {
    std::size_t begin, end;
    std::string_view key;  // into the gazetteer: candidates keep views of it
  };
  // The side lists of one run, kept per thread and cleared for each text: they keep their
  // capacity, so a release costs no allocation and regrowth for them (each a malloc, a copy and
  // fresh memory, which in the pipeline is not in the cache).
  struct Scratch {
    std::vector<SuffixHit> suffix_hits, keyword_hits, honorific_hits;
    std::vector<std::size_t> entity_starts, speech_hits, generic_orgs;
    std::vector<CountryHit> country_hits;
    std::vector<std::pair<std::string_view, Acronym>> acronyms;
    // Working vectors of single stages, cleared where they are used.
    std::vector<std::pair<std::size_t, std::size_t>> words;
    std::vector<Form> forms;
    std::vector<std::string_view> parts, texts;
    std::vector<std::vector<std::size_t>> occurrences;
    std::vector<unsigned> hashes;
    std::vector<Candidate> base;                             // Run: the first stages' candidates
    std::vector<Candidate> added, people, shorts, resolved;  // Run: candidates of the later stages
  };
  static Scratch& ThreadScratch() {
    thread_local Scratch s;
    s.suffix_hits.clear();
    s.keyword_hits.clear();
    s.honorific_hits.clear();
    s.entity_starts.clear();
    s.speech_hits.clear();
    s.generic_orgs.clear();
    s.country_hits.clear();
    s.acronyms.clear();
    return s;
  }
  Scratch& scratch_ = ThreadScratch();
  std::vector<SuffixHit>& suffix_hits_ = scratch_.suffix_hits;
  std::vector<std::size_t>& entity_starts_ = scratch_.entity_starts;  // begins of gazetteer organizations and countries (LatinPatterns)
  std::vector<std::size_t>& speech_hits_ = scratch_.speech_hits;      // where a Chinese speech verb starts
  std::vector<SuffixHit>& keyword_hits_ = scratch_.keyword_hits;      // Latin organization keywords
  std::vector<SuffixHit>& honorific_hits_ = scratch_.honorific_hits;
  std::vector<std::size_t>& generic_orgs_ = scratch_.generic_orgs;  // begins of organizations that take a country prefix, ascending
  bool IsGenericOrgAt(std::size_t b) const { return std::binary_search(generic_orgs_.begin(), generic_orgs_.end(), b); }
  std::vector<CountryHit>& country_hits_ = scratch_.country_hits;  // every country name seen, also inside longer mentions
  std::vector<std::pair<std::string_view, Acronym>>& acronyms_ = scratch_.acronyms;
};

}  // namespace

bool SaidAfter(std::string_view rest) {
  std::size_t i = 0;
  if (i < rest.size() && rest[i] == ',') ++i;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\n' || rest[i] == '\f' || rest[i] == '\r')) ++i;
  // Every verb starts with a lower-case letter: most names are followed by something else.
  if (i >= rest.size() || rest[i] < 'a' || rest[i] > 'z') return false;
  static constexpr std::string_view kVerbs[] = {
      "said",       "says",      "noted",       "added",      "stated",    "explained",  "commented",
      "remarked",   "stressed",  "emphasised",  "emphasized", "underlined", "observed",  "declared",
      "announced",  "told",      "pointed out", "highlighted", "concluded", "continued", "affirmed",
      "urged",      "recalled",  "welcomed"};
  const std::string_view at = rest.substr(i);
  for (std::string_view v : kVerbs) {
    if (at.size() < v.size() || at.compare(0, v.size(), v) != 0) continue;
    // \b after the verb's last letter: the end, or a byte that is no ASCII word character
    if (at.size() == v.size() || !IsAsciiWordByte(static_cast<unsigned char>(at[v.size()]))) return true;
  }
  return false;
}

std::vector<Candidate> FindInText(const Gazetteer& gz, std::string_view norm, std::string_view language,
                                  std::string_view anchor, const std::vector<QuoteSpan>& quotes, Store* store) {
  std::vector<Candidate> out;
  FindInTextInto(gz, norm, language, anchor, quotes, store, &out);
  return out;
}

void FindInTextInto(const Gazetteer& gz, std::string_view norm, std::string_view language, std::string_view anchor,
                    const std::vector<QuoteSpan>& quotes, Store* store, std::vector<Candidate>* out) {
  Cascade c(gz, norm, language, anchor, store);
  c.Run(quotes, out);
}

}  // namespace mentions
}  // namespace presskg
