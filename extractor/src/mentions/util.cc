// UTF-8 helpers, the load-time key normaliser and the byte trie.
#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "mentions/internal.h"

namespace presskg {
namespace mentions {

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF) ||
         c == 0x3007;  // 〇
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

bool IsUpperLatin(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) != 0;
}

std::uint8_t LangBitFor(std::string_view language) {
  std::string_view l = language.substr(0, 2);
  if (l == "zh") return kLangZh;
  if (l == "en") return kLangEn;
  if (l == "fr") return kLangFr;
  if (l == "es") return kLangEs;
  if (l == "ru") return kLangRu;
  if (l == "ar") return kLangAr;
  return kLangAll;
}

struct KeyNormalizer::Impl {
  const icu::Normalizer2* nfkc = nullptr;
  std::unique_ptr<icu::Transliterator> hant;
};

KeyNormalizer::KeyNormalizer() : impl_(new Impl) {
  UErrorCode st = U_ZERO_ERROR;
  impl_->nfkc = icu::Normalizer2::getNFKCInstance(st);
  if (U_FAILURE(st)) impl_->nfkc = nullptr;
  st = U_ZERO_ERROR;
  impl_->hant.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, st));
  if (U_FAILURE(st)) impl_->hant.reset();
}

KeyNormalizer::~KeyNormalizer() = default;

bool KeyNormalizer::ok() const { return impl_->nfkc != nullptr && impl_->hant != nullptr; }

std::string KeyNormalizer::operator()(std::string_view s) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString n = impl_->nfkc->normalize(u, st);
  if (U_FAILURE(st)) n = u;
  impl_->hant->transliterate(n);
  std::string out;
  n.toUTF8String(out);
  return out;
}

void Trie::Insert(std::string_view key, std::int32_t payload) {
  if (key.empty()) return;
  {
    char32_t a, b = 0;
    std::size_t n = DecodeAt(key, 0, &a);
    if (n < key.size()) DecodeAt(key, n, &b);
    if (n >= key.size()) {
      if (a < 0x10000) build_single_.push_back(a);
      else unfiltered_ = true;
    } else {
      std::uint64_t h = PairHash(a, b);
      pairs_[h >> 6] |= 1ull << (h & 63);
      if (n > 1 && a < 0x10000) build_pairs_.emplace_back(a, b);
    }
  }
  std::int32_t node = 0;
  for (unsigned char b : key) {
    auto& ch = build_[node].children;
    auto it = std::find_if(ch.begin(), ch.end(), [b](const auto& p) { return p.first == b; });
    if (it != ch.end()) {
      node = it->second;
    } else {
      std::int32_t next = static_cast<std::int32_t>(build_.size());
      build_[node].children.emplace_back(b, next);  // `ch` may dangle after the push below
      build_.emplace_back();
      node = next;
    }
  }
  auto& pl = build_[node].payloads;
  if (std::find(pl.begin(), pl.end(), payload) == pl.end()) pl.push_back(payload);
}

void Trie::Freeze() {
  std::size_t n = build_.size();
  nodes_.assign(n, Node{});
  edges_.clear();
  payloads_.clear();
  for (std::size_t i = 0; i < n; ++i) {
    auto ch = build_[i].children;
    std::sort(ch.begin(), ch.end());
    Node& nd = nodes_[i];
    nd.edge_count = static_cast<std::uint16_t>(ch.size());  // at most 256 bytes
    if (ch.size() == 1) {
      nd.edge = static_cast<std::uint32_t>(ch[0].second);
      nd.byte = ch[0].first;
    } else {
      nd.edge = static_cast<std::uint32_t>(edges_.size());
      for (const auto& [b, next] : ch) edges_.push_back(Edge{b, next});
    }
    const auto& pl = build_[i].payloads;
    nd.payload_count = static_cast<std::uint32_t>(pl.size());
    if (pl.size() == 1) {
      nd.payload = pl[0];
    } else {
      nd.payload = static_cast<std::int32_t>(payloads_.size());
      for (std::int32_t p : pl) payloads_.push_back(p);
    }
  }
  std::fill(std::begin(root_), std::end(root_), 0);
  for (const auto& [b, next] : build_[0].children) root_[b] = next;
  // First code points of the BMP: follow every 2- and 3-byte UTF-8 path from the root.
  std::vector<std::int32_t> bmp_root_(0x10000, 0);  // dense while building
  for (const auto& [b0, n0] : build_[0].children) {
    if (b0 < 0xC0 || b0 >= 0xF0) continue;
    for (const auto& [b1, n1] : build_[n0].children) {
      if ((b1 & 0xC0) != 0x80) continue;
      if (b0 < 0xE0) {
        bmp_root_[((b0 & 0x1Fu) << 6) | (b1 & 0x3Fu)] = n1;
        continue;
      }
      for (const auto& [b2, n2] : build_[n1].children) {
        if ((b2 & 0xC0) != 0x80) continue;
        bmp_root_[((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu)] = n2;
      }
    }
  }
  first_bits_.assign(0x10000 / 64, 0);
  first_rank_.assign(0x10000 / 64, 0);
  first_node_.clear();
  for (std::size_t cp = 0; cp < bmp_root_.size(); ++cp) {
    if ((cp & 63) == 0) first_rank_[cp >> 6] = static_cast<std::uint32_t>(first_node_.size());
    if (bmp_root_[cp] != 0) {
      first_bits_[cp >> 6] |= 1ull << (cp & 63);
      first_node_.push_back(bmp_root_[cp]);
    }
  }
  first_pairs_.assign(first_node_.size(), 0);
  for (const auto& [a, b] : build_pairs_)
    if ((first_bits_[a >> 6] >> (a & 63)) & 1) first_pairs_[FirstRank(a)] |= 1ull << SecondBit(b);
  // One-code-point keys. A multi-byte one has a first-code-point node, so a rank; U+FFFD also
  // answers for invalid bytes, as the 64K-bit table this replaces did.
  first_single_.assign(first_node_.size(), 0);
  for (char32_t a : build_single_) {
    if (a < 0x80) single_ascii_[a >> 6] |= 1ull << (a & 63);
    if (a == 0xFFFD) single_fffd_ = true;
    if ((first_bits_[a >> 6] >> (a & 63)) & 1) first_single_[FirstRank(a)] = 1;
  }
  build_single_.clear();
  build_single_.shrink_to_fit();
  build_pairs_.clear();
  build_pairs_.shrink_to_fit();
  build_.clear();
  build_.shrink_to_fit();
}

namespace {
// Bytes of `c` in UTF-8 (BMP): the compact surname forms hold canonical encodings only.
std::size_t Utf8Length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : 3; }
}  // namespace

bool Gazetteer::IsSurname1(char32_t a, std::string_view bytes) const {
  if (a >= 0x10000 || a == 0xFFFD || bytes.size() != Utf8Length(a)) return surnames.count(std::string(bytes)) > 0;
  return (surname_single[a >> 6] >> (a & 63)) & 1;
}

bool Gazetteer::IsSurname2(char32_t a, char32_t b, std::string_view bytes) const {
  if (a >= 0x10000 || a == 0xFFFD || b >= 0x10000 || b == 0xFFFD || bytes.size() != Utf8Length(a) + Utf8Length(b))
    return surnames.count(std::string(bytes)) > 0;
  return std::binary_search(surname_pairs.begin(), surname_pairs.end(), static_cast<std::uint64_t>(a) << 32 | b);
}

void Gazetteer::AddName(std::string_view name, std::int32_t e, bool all_caps_variant, bool lower_variant) {
  if (name.empty()) return;
  trie.Insert(name, e);
  bool ascii_letters = false;
  for (char c : name) ascii_letters |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (!ascii_letters) return;
  if (all_caps_variant) {  // "GENEVA" in datelines, "GHANA" in headlines
    std::string up(name);
    for (char& c : up)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    trie.Insert(up, e);
  }
  if (lower_variant) {  // roles are often written in lower case: "the president of ..."
    std::string low(name);
    for (char& c : low)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    trie.Insert(low, e);
  }
}

}  // namespace mentions
}  // namespace presskg
