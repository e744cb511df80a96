#include "sources/decode.h"

#include <endian.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace presskg::sources {
namespace {

// Statistics and binary checks look at this much of the input: enough for a reliable guess and
// cheap on 50 MB documents.
constexpr std::size_t kSampleBytes = 64 * 1024;

// Length of the well-formed UTF-8 sequence at p, or 0 with *bad = length of its maximal ill-formed
// subpart (the unit Unicode recommends replacing by one U+FFFD).
int Utf8Sequence(const unsigned char* p, std::size_t n, std::size_t* bad) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  for (int i = 1; i <= need; ++i) {
    if (static_cast<std::size_t>(i) >= n) { *bad = i; return 0; }
    unsigned char b = p[i];
    unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
    if (b < l || b > h) { *bad = i; return 0; }
  }
  return need + 1;
}

bool AllAscii8(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return (w & 0x8080808080808080ull) == 0;
}

struct Utf8Stats {
  std::size_t valid_multibyte = 0;
  std::size_t invalid = 0;
};

// A well-formed three-byte sequence outside E0/ED (whose second bytes are restricted): most of
// Chinese text.
inline bool Plain3(const unsigned char* p, std::size_t left) {
  return left >= 3 && p[0] >= 0xE1 && p[0] <= 0xEC && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

// Skips a run of Plain3 sequences from p[i]; returns the new offset. Four bytes are loaded at once
// while they are available (one mask test for both continuation bytes, one range test for the lead).
inline std::size_t SkipPlain3(const unsigned char* p, std::size_t n, std::size_t i) {
  while (i + 4 <= n) {
    std::uint32_t w;
    std::memcpy(&w, p + i, 4);
    w = le32toh(w);
    if ((w & 0x00C0C000u) != 0x00808000u || (w & 0xFFu) - 0xE1u > 0xECu - 0xE1u) return i;
    i += 3;
  }
  while (Plain3(p + i, n - i)) i += 3;
  return i;
}

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    // Runs of plain three-byte characters first (Chinese text), then ASCII eight bytes at a time.
    if (Plain3(p + i, n - i)) {
      std::size_t start = i;
      i = SkipPlain3(p, n, i);
      st.valid_multibyte += (i - start) / 3;
      continue;
    }
    if (p[i] < 0x80) {
      if (i + 8 <= n && AllAscii8(p + i)) i += 8;
      else ++i;
      continue;
    }
    std::size_t bad = 0;
    int len = Utf8Sequence(p + i, n - i, &bad);
    if (len) { ++st.valid_multibyte; i += len; }
    else { ++st.invalid; i += bad; }
  }
  return st;
}

bool IsControlByte(unsigned char c) {
  // Tab, LF, VT, FF, CR and ESC (ISO-2022 encodings) occur in text.
  return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B;
}

// A UTF-16 code unit that ordinary text is made of: printable ASCII and white space, Latin
// letters, general punctuation, CJK symbols, ideographs, Hangul, full-width forms.
bool TextUnit(unsigned u) {
  return (u >= 0x20 && u < 0x7F) || u == '\n' || u == '\r' || u == '\t' || (u >= 0xA0 && u < 0x250) ||
         (u >= 0x2000 && u < 0x2070) || (u >= 0x3000 && u < 0x3100) || (u >= 0x3400 && u < 0xA000) ||
         (u >= 0xAC00 && u < 0xD7A4) || (u >= 0xFF00 && u < 0xFFF0) || (u >= 0x400 && u < 0x530) ||
         (u >= 0x600 && u < 0x700);
}

// "UTF-16LE"/"UTF-16BE" when at least 95% of the sample's code units are text in that byte order.
const char* LooksLikeUtf16(std::string_view sample) {
  std::size_t units = sample.size() / 2;
  if (units < 8 || sample.size() % 2) return nullptr;
  std::size_t le = 0, be = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    unsigned a = static_cast<unsigned char>(sample[i]), b = static_cast<unsigned char>(sample[i + 1]);
    le += TextUnit(a | b << 8);
    be += TextUnit(a << 8 | b);
  }
  if (le * 100 >= units * 95 && le >= be) return "UTF-16LE";
  if (be * 100 >= units * 95) return "UTF-16BE";
  return nullptr;
}

// Counts replaced sequences, writes U+FFFD (the default callback may write U+001A instead).
void CountingSubstitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                        UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  ++*static_cast<std::size_t*>(const_cast<void*>(context));
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Converts with ICU; false when the converter does not exist.
bool ConvertWithIcu(std::string_view raw, const char* name, std::string* out, std::size_t* invalid) {
  UErrorCode e = U_ZERO_ERROR;
  ConverterPtr from(ucnv_open(name, &e));
  if (U_FAILURE(e)) return false;
  e = U_ZERO_ERROR;
  ConverterPtr to(ucnv_open("UTF-8", &e));
  if (U_FAILURE(e)) return false;
  *invalid = 0;
  e = U_ZERO_ERROR;
  ucnv_setToUCallBack(from.get(), CountingSubstitute, invalid, nullptr, nullptr, &e);
  out->clear();
  out->reserve(raw.size() + raw.size() / 2);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* src = raw.data();
  const char* src_end = raw.data() + raw.size();
  char buf[64 * 1024];
  bool reset = true;
  for (;;) {
    char* t = buf;
    e = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &t, buf + sizeof buf, &src, src_end, pivot, &pivot_source,
                   &pivot_target, pivot + 4096, reset, /*flush=*/true, &e);
    reset = false;
    out->append(buf, static_cast<std::size_t>(t - buf));
    if (e == U_BUFFER_OVERFLOW_ERROR) continue;
    break;
  }
  if (out->size() >= 3 && std::memcmp(out->data(), "\xEF\xBB\xBF", 3) == 0) out->erase(0, 3);
  return true;
}

std::string MetaCharset(std::string_view raw) {
  std::string head(raw.substr(0, 4096));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  std::size_t p = head.find("charset=");
  if (p == std::string::npos) return "";
  p += 8;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
  std::size_t q = p;
  while (q < head.size() && (std::isalnum(static_cast<unsigned char>(head[q])) || head[q] == '-' || head[q] == '_')) ++q;
  return head.substr(p, q - p);
}

std::string CanonicalName(const char* icu_or_user) {
  std::string n = icu_or_user;
  std::string lower = n;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "utf-8" || lower == "utf8") return "UTF-8";
  if (lower == "gb2312" || lower == "gbk" || lower == "gb18030") return lower == "gbk" ? "GBK" : (lower == "gb2312" ? "GB2312" : "GB18030");
  if (lower == "big5") return "Big5";
  return n;
}

void FinishUtf8(std::string_view body, DecodeOutcome* out) {
  if (IsValidUtf8(body)) {
    out->text.assign(body);
  } else {
    out->invalid_sequences = RepairUtf8(body, &out->text);
  }
  out->encoding = "UTF-8";
}

void FinishIcu(std::string_view body, const std::string& name, DecodeOutcome* out) {
  if (!ConvertWithIcu(body, name.c_str(), &out->text, &out->invalid_sequences)) {
    out->reject_reason = "unknown encoding: " + name;
    return;
  }
  out->encoding = CanonicalName(name.c_str());
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    if (Plain3(p + i, n - i)) {
      i = SkipPlain3(p, n, i);
      continue;
    }
    if (p[i] < 0x80) {
      if (i + 8 <= n && AllAscii8(p + i)) i += 8;
      else ++i;
      continue;
    }
    std::size_t bad = 0;
    int len = Utf8Sequence(p + i, n - i, &bad);
    if (!len) return false;
    i += len;
  }
  return true;
}

std::size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size() + 16);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t n = in.size(), i = 0, start = 0, count = 0;
  while (i < n) {
    if (p[i] < 0x80) { ++i; continue; }
    std::size_t bad = 0;
    int len = Utf8Sequence(p + i, n - i, &bad);
    if (len) { i += len; continue; }
    out->append(in.data() + start, i - start);
    out->append("\xEF\xBF\xBD");
    ++count;
    i += bad;
    start = i;
  }
  out->append(in.data() + start, n - start);
  return count;
}

DecodeOutcome DecodeBytes(std::string_view raw, const DecodeRequest& request) {
  DecodeOutcome out;
  if (!request.forced.empty()) {
    std::string canon = CanonicalName(request.forced.c_str());
    if (canon == "UTF-8") {
      std::string_view body = raw;
      if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
      FinishUtf8(body, &out);
    } else {
      FinishIcu(raw, request.forced, &out);
      if (out.reject_reason.empty()) out.encoding = canon;
    }
    return out;
  }

  // Byte-order marks are decisive (and UTF-16 text is full of NUL bytes: check before binary).
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
    FinishUtf8(raw.substr(3), &out);
    return out;
  }
  if (raw.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) { FinishIcu(raw.substr(4), "UTF-32LE", &out); return out; }
  if (raw.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) { FinishIcu(raw.substr(4), "UTF-32BE", &out); return out; }
  if (raw.substr(0, 2) == "\xFF\xFE") { FinishIcu(raw.substr(2), "UTF-16LE", &out); return out; }
  if (raw.substr(0, 2) == "\xFE\xFF") { FinishIcu(raw.substr(2), "UTF-16BE", &out); return out; }

  // NUL bytes: BOM-less UTF-16 of mostly ASCII-range text has them on every other byte;
  // anything else with NULs, or dense control bytes, is binary.
  std::string_view sample = raw.substr(0, kSampleBytes);
  std::size_t nul_even = 0, nul_odd = 0, controls = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    // Skip eight bytes at a time when none is below 0x20 (most text between line breaks).
    while (i + 8 <= sample.size()) {
      std::uint64_t w;
      std::memcpy(&w, sample.data() + i, 8);
      if (((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i >= sample.size()) break;
    unsigned char c = static_cast<unsigned char>(sample[i]);
    if (c == 0) (i % 2 ? nul_odd : nul_even)++;
    else if (IsControlByte(c)) ++controls;
  }
  bool suspicious = nul_even + nul_odd > 0 || controls * 20 > sample.size();
  Utf8Stats st = suspicious ? Utf8Stats{} : ScanUtf8(raw);
  if (!suspicious && st.invalid == 0) {
    out.text.assign(raw);
    out.encoding = "UTF-8";
    return out;
  }
  // Binary-looking bytes or bytes that are not UTF-8 may be UTF-16 without a BOM (the ICU
  // detector only recognises it for Latin text): accept when nearly every code unit is text.
  if (const char* utf16 = LooksLikeUtf16(sample)) {
    FinishIcu(raw, utf16, &out);
    out.note = std::string(utf16) + " without BOM";
    return out;
  }
  if (suspicious) {
    out.reject_reason = "binary file";
    return out;
  }

  if (request.html) {
    std::string declared = MetaCharset(raw);
    if (!declared.empty() && CanonicalName(declared.c_str()) != "UTF-8") {
      std::size_t invalid = 0;
      if (ConvertWithIcu(raw, declared.c_str(), &out.text, &invalid)) {
        out.invalid_sequences = invalid;
        out.encoding = CanonicalName(declared.c_str());
        out.note = "declared in <meta>";
        return out;
      }
    }
  }

  // Mostly well-formed multi-byte UTF-8 with a few broken sequences: UTF-8 damaged in transit,
  // which no legacy charset explains better.
  if (st.valid_multibyte > 0 && st.valid_multibyte >= 4 * st.invalid) {
    FinishUtf8(raw, &out);
    return out;
  }

  UErrorCode e = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&e);
  std::string guess;
  if (U_SUCCESS(e)) {
    ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &e);
    int32_t found = 0;
    const UCharsetMatch** matches = U_SUCCESS(e) ? ucsdet_detectAll(det, &found, &e) : nullptr;
    for (int32_t i = 0; U_SUCCESS(e) && i < found; ++i) {
      const char* name = ucsdet_getName(matches[i], &e);
      if (U_FAILURE(e) || !name) break;
      UErrorCode oe = U_ZERO_ERROR;
      UConverter* probe = ucnv_open(name, &oe);
      if (U_SUCCESS(oe)) {
        ucnv_close(probe);
        guess = name;
        break;
      }
    }
    ucsdet_close(det);
  }
  if (guess.empty()) {
    FinishUtf8(raw, &out);
    return out;
  }
  FinishIcu(raw, guess, &out);
  return out;
}

}  // namespace presskg::sources
