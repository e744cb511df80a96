// Restatements of a party with and without the state's long form: the headline's "老挝琅勃拉邦省"
// and the body's "老挝人民民主共和国琅勃拉邦省人民政府", "商务部与哈萨克斯坦贸易和一体化部" and
// "中华人民共和国商务部与哈萨克斯坦共和国贸易和一体化部". Neither name contains the other, so the
// containment test of SameParty (builder.cc) kept two agreements; without the long forms and the
// word for government, one contains the other.
#include "facts/builder.h"

namespace presskg::facts {

namespace party_forms {

// Longest first: a shorter form inside a longer one must not be removed first.
constexpr std::string_view kLongForms[] = {"中华人民共和国", "社会主义共和国", "人民民主共和国", "民主共和国", "联邦共和国", "共和国",
                                           "人民政府", "政府", "republicof", "governmentof", "government"};

// Country names written in full or in their usual short form inside organization names (the
// headline's 印尼电池公司, the body's 印度尼西亚电池公司): the full name is read as the short one.
struct ShortForm {
  std::string_view full, short_form;
};
constexpr ShortForm kShortForms[] = {{"印度尼西亚", "印尼"}, {"沙特阿拉伯", "沙特"}, {"阿拉伯联合酋长国", "阿联酋"}};

// `key` without the long forms, into *out (cleared first).
void Strip(std::string_view key, std::string* out) {
  out->clear();
  for (std::size_t i = 0; i < key.size();) {
    bool cut = false;
    const unsigned char b = static_cast<unsigned char>(key[i]);
    // First bytes of the forms: 中 人 民 联 共 社 印 (E4–E8), 政 沙 (E6), 阿 (E9), r, g.
    if (!(b == 'r' || b == 'g' || (b >= 0xE4 && b <= 0xE9))) {
      out->push_back(key[i++]);
      continue;
    }
    for (const ShortForm& f : kShortForms)
      if (key.compare(i, f.full.size(), f.full) == 0) {
        i += f.full.size();
        out->append(f.short_form);
        cut = true;
        break;
      }
    if (cut) continue;
    for (std::string_view f : kLongForms)
      if (key.compare(i, f.size(), f) == 0) {
        i += f.size();
        cut = true;
        break;
      }
    if (!cut) out->push_back(key[i++]);
  }
}

std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace party_forms

// Every long form holds 共和国, 政府 or "government" / "republic" (four searches, not ten), or is a
// country's full name that has a short form.
bool HasLongForm(std::string_view key) {
  return key.find("共和国") != std::string_view::npos || key.find("政府") != std::string_view::npos ||
         key.find("government") != std::string_view::npos || key.find("republic") != std::string_view::npos ||
         key.find("印度尼西亚") != std::string_view::npos || key.find("沙特阿拉伯") != std::string_view::npos ||
         key.find("阿拉伯联合酋长国") != std::string_view::npos;
}

void StripLongForms(std::string_view key, std::string* out) { party_forms::Strip(key, out); }

bool ContainsAsParty(std::string_view shorter, std::string_view longer) {
  // As long as SameParty asks of a name inside a longer one: 2 CJK characters, 3 others.
  const bool cjk = !shorter.empty() && static_cast<unsigned char>(shorter[0]) >= 0x80;
  if (party_forms::Chars(shorter) < (cjk ? 2u : 3u)) return false;
  return longer.find(shorter) != std::string_view::npos;
}

bool SameWithoutLongForms(std::string_view a, std::string_view b) {
  using namespace party_forms;
  if (!HasLongForm(a) && !HasLongForm(b)) return false;  // the plain containment test has said no
  thread_local std::string x, y;
  Strip(a, &x);
  Strip(b, &y);
  return x.size() <= y.size() ? ContainsAsParty(x, y) : ContainsAsParty(y, x);
}

}  // namespace presskg::facts

#include "facts/party_forms.h"
#include "facts/text_util.h"

namespace presskg::facts {

void AddRestatedNames(const EntityRef& b, EntityRef* a) {
  if (a->kind == EntityKind::kCountry || b.kind == EntityKind::kCountry) return;
  if (!a->key.empty() && !b.key.empty() && a->key != b.key) return;
  const std::string ka = NormKey(a->name), kb = NormKey(b.name);
  if (ka.empty() || kb.empty() || ka.find(kb) != std::string::npos || kb.find(ka) != std::string::npos) return;
  // A government is no restatement of one of its bodies (中国政府 beside 国家发展改革委, "Government of
  // Malawi" beside "Malawi's Ministry of Health"), though the two meet once 政府 is read away.
  auto government = [](const std::string& k) {
    return k.find("政府") != std::string::npos || k.find("government") != std::string::npos;
  };
  if (government(ka) || government(kb)) return;
  if (!SameWithoutLongForms(ka, kb)) return;
  auto add = [&](const std::string& n) {
    if (n.empty() || n == a->name) return;
    for (const std::string& x : a->aliases)
      if (x == n) return;
    a->aliases.push_back(n);
  };
  add(b.name);
  for (const std::string& n : b.aliases) add(n);
}

}  // namespace presskg::facts
