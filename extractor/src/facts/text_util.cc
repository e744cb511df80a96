#include "facts/text_util.h"

#include <algorithm>

namespace presskg::facts {

namespace {

inline char32_t Decode(std::string_view s, std::size_t* i) {
  unsigned char c = s[*i];
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  if (*i + n > s.size()) { *i = s.size(); return 0xFFFD; }
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

inline bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0 || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x200B; }

// A switch, not a search through a list: it runs for every character of every key.
bool IsKeyPunct(char32_t c) {
  switch (c) {
    case 0xB7: case 0x2022: case 0x2027: case 0x30FB: case 0xFF0E: case '.': case '-': case '\'':
    case 0x2019: case '"': case 0x201C: case 0x201D: case 0x300C: case 0x300D: case 0xFF08: case 0xFF09:
    case '(': case ')': case 0x300A: case 0x300B: case 0x3008: case 0x3009: case ':': case 0xFF1A:
    case ',': case 0xFF0C: case 0x3001: case 0x2018: case 0x2013: case 0x2014:
      return true;
    default:
      return false;
  }
}

// The ASCII characters a key leaves out: white space and the ASCII ones of IsKeyPunct.
constexpr struct AsciiKeyDrop {
  bool drop[128] = {};
  constexpr AsciiKeyDrop() {
    for (char c : {' ', '\t', '\n', '\r', '.', '-', '\'', '"', '(', ')', ':', ','}) drop[static_cast<int>(c)] = true;
  }
  constexpr bool operator[](unsigned char c) const { return drop[c]; }
} kAsciiKeyDrop;

bool IsQuoteMark(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x300C ||
         c == 0x300D || c == 0x300E || c == 0x300F || c == 0x300A || c == 0x300B || c == 0xFF02;
}

// Writes c as UTF-8 at w (4 bytes at most); returns the end.
char* WriteUtf8(char* w, char32_t c) {
  char buf[4];
  char* e = buf;
  if (c < 0x80) {
    *e++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *e++ = static_cast<char>(0xC0 | (c >> 6));
    *e++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *e++ = static_cast<char>(0xE0 | (c >> 12));
    *e++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *e++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *e++ = static_cast<char>(0xF0 | (c >> 18));
    *e++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *e++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *e++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  for (char* p = buf; p < e; ++p) *w++ = *p;
  return w;
}

// The part of s left when code points `lead` accepts are dropped at the start and code points
// `trail` accepts at the end: one forward pass decoding every code point, no allocation.
template <typename Lead, typename Trail>
std::string_view TrimPointsSlow(std::string_view s, Lead lead, Trail trail) {
  std::size_t b = s.size(), e = 0;
  bool leading = true;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t c = Decode(s, &i);
    if (leading) {
      if (lead(c)) continue;
      leading = false;
      b = at;
    }
    if (!trail(c)) e = i;
  }
  if (leading || e <= b) return std::string_view();
  return s.substr(b, e - b);
}

// The length Decode reads from a lead byte (1 ASCII, 2 110xxxxx, 3 1110xxxx, else 4).
constexpr struct LeadLength {
  unsigned char n[256] = {};
  constexpr LeadLength() {
    for (int c = 0; c < 256; ++c) n[c] = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  }
  constexpr std::size_t operator[](unsigned char c) const { return n[c]; }
} kLeadLength;

// The same result, faster on long texts (quotations): after the start, only the code points'
// boundaries are followed (the lengths Decode reads from lead bytes, so the same boundaries
// whatever the bytes), and only the last few points are decoded; when all of those are trailing
// marks, TrimPointsSlow decides.
template <typename Lead, typename Trail>
std::string_view TrimPoints(std::string_view s, Lead lead, Trail trail) {
  std::size_t i = 0, b = 0;
  char32_t c = 0;
  for (;;) {
    if (i >= s.size()) return std::string_view();
    b = i;
    c = Decode(s, &i);
    if (!lead(c)) break;
  }
  constexpr std::size_t kLast = 8;
  std::size_t starts[kLast];
  std::size_t count = 0;
  std::size_t j = i;
  // A step covers at most 4 bytes, so the last kLast starts all lie in the last 4 * kLast bytes:
  // until a few bytes before those the boundaries are followed without being recorded (only
  // counted, modulo kLast once past it, which is all the ring below reads of the count).
  if (s.size() - j > 4 * kLast + 4) {
    const std::size_t quiet_end = s.size() - 4 * kLast - 4;
    while (j < quiet_end) {
      j += kLeadLength[static_cast<unsigned char>(s[j])];
      ++count;
    }
    count = count >= kLast ? kLast + (count % kLast) : count;  // kept > kLast once it was
  }
  for (; j < s.size();) {
    starts[count++ % kLast] = j;
    j = j + kLeadLength[static_cast<unsigned char>(s[j])] > s.size() ? s.size() : j + kLeadLength[static_cast<unsigned char>(s[j])];
  }
  for (std::size_t k = 0; k < count && k < kLast; ++k) {
    std::size_t end = starts[(count - 1 - k) % kLast];
    if (!trail(Decode(s, &end))) return s.substr(b, end - b);
  }
  if (count > kLast) return TrimPointsSlow(s, lead, trail);
  return trail(c) ? std::string_view() : s.substr(b, i - b);
}

}  // namespace

std::string NormKey(std::string_view s) {
  std::string out;
  AppendNormKey(s, &out);
  return out;
}

namespace {

// NormKey of s written at w, which has room for `room` bytes (see AppendNormKey); returns the
// number of bytes written (up to 3 past `limit`).
std::size_t WriteNormKey(std::string_view s, char* w, std::size_t room, std::size_t limit) {
  char* const w0 = w;
  char* stop = limit < s.size() ? w + limit : w + room;
  for (std::size_t i = 0; i < s.size() && w < stop;) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // ASCII: the same tests as below, without decoding
      ++i;
      if (kAsciiKeyDrop[b]) continue;
      *w++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      continue;
    }
    // A well-formed three-byte sequence (most CJK text) outside the ranges that hold white space,
    // punctuation and full-width letters is kept as it is: the bytes WriteUtf8 would write.
    if ((b >> 4) == 14 && i + 3 <= s.size()) {
      unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      char32_t cp = (static_cast<char32_t>(b & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) | (b2 & 0x3F);
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0x3010 && cp < 0xFF00 && cp != 0x30FB) {
        w[0] = static_cast<char>(b);
        w[1] = static_cast<char>(b1);
        w[2] = static_cast<char>(b2);
        w += 3;
        i += 3;
        continue;
      }
    }
    char32_t c = Decode(s, &i);
    if (IsSpace(c) || IsKeyPunct(c)) continue;
    if (c >= 0xFF21 && c <= 0xFF3A) c = c - 0xFF21 + 'a';
    if (c >= 0xFF41 && c <= 0xFF5A) c = c - 0xFF41 + 'a';
    w = WriteUtf8(w, c);
  }
  return static_cast<std::size_t>(w - w0);
}

}  // namespace

void AppendNormKey(std::string_view s, std::string* out, std::size_t limit) {
  // Written through a pointer into room made up front, not push_back per byte. A code point never
  // takes more bytes than it was decoded from, except U+FFFD for a truncated sequence at the end
  // (3 bytes for at least 1): hence 2 spare bytes. With a limit, writing stops once it is reached,
  // at most 3 bytes past it. Names and key prefixes are written on the stack and appended once
  // (resizing the string twice zero-filled its room first); longer texts into the string itself.
  std::size_t room = limit < s.size() ? limit + 3 : s.size() + 2;
  constexpr std::size_t kStack = 256;
  if (room <= kStack) {
    char buf[kStack];
    std::size_t n = WriteNormKey(s, buf, room, limit);
    out->append(buf, std::min(n, limit));
    return;
  }
  std::size_t base = out->size();
  out->resize(base + room);
  std::size_t n = WriteNormKey(s, out->data() + base, room, limit);
  out->resize(base + std::min(n, limit));
}

std::size_t CharCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool CharsAtLeast(std::string_view s, std::size_t n) {
  if (n == 0) return true;
  std::size_t k = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80 && ++k == n) return true;
  return false;
}

bool HasCjk(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = Decode(s, &i);
    if (c >= 0x2E80 && c < 0xA000) return true;
  }
  return false;
}

std::string Trim(std::string_view s) { return std::string(TrimView(s)); }

std::string_view TrimView(std::string_view s) { return TrimPoints(s, IsSpace, IsSpace); }

std::string StripQuoteMarks(std::string_view s) {
  auto strip = [](char32_t c) { return IsSpace(c) || IsQuoteMark(c); };
  return std::string(
      TrimPoints(s, strip, [&](char32_t c) { return strip(c) || c == ',' || c == 0xFF0C; }));
}

std::string StripLeadingArticle(std::string_view s) {
  if (s.size() > 4 && (s.substr(0, 4) == "The " || s.substr(0, 4) == "the ")) return Trim(s.substr(4));
  return std::string(s);
}

std::string Prefix(std::string_view s, std::size_t chars) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return i < s.size() ? std::string(s.substr(0, i)) + "…" : std::string(s);
}

}  // namespace presskg::facts
