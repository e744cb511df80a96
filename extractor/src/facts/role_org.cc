// The organization inside a role's words when it does not open them (SplitRoleOrg, builder.cc,
// strips a leading organization form only): "会见塞尔维亚内外贸易部部长" (a verb before the
// ministry), "苏伊士运河经济区管理总局主席" (the organization without the country it was named with:
// 埃及苏伊士运河经济区管理总局), "CEO of Hanwha Qcells", "Chief Operating Officer at X".
#include "facts/builder.h"

namespace presskg::facts {

namespace role_org {

bool Cont(unsigned char b) { return (b & 0xC0) == 0x80; }

std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !Cont(static_cast<unsigned char>(c));
  return n;
}

bool Latin(std::string_view s) { return !s.empty() && static_cast<unsigned char>(s[0]) < 0x80; }

// Separators left between the organization and the role: "的", spaces, commas.
std::string_view TrimJoin(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s[0] == ' ' || s[0] == ',')) s.remove_prefix(1);
    else if (s.compare(0, 3, "的") == 0 || s.compare(0, 3, "、") == 0) s.remove_prefix(3);
    else break;
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.remove_suffix(1);
  return s;
}

}  // namespace role_org

RoleOrgSplit SplitOrgInsideRole(std::string_view role, const std::vector<std::pair<std::string_view, std::size_t>>& forms) {
  using namespace role_org;
  RoleOrgSplit best;
  std::size_t best_end = 0, best_len = 0;
  if (Latin(role)) {
    // "CEO of Hanwha Qcells", "Chief Operating Officer at EDF Renewables": the role, a connector,
    // then a whole organization form ending the text.
    for (std::size_t k = 0; k < forms.size(); ++k) {
      std::string_view f = forms[k].first;
      if (!Latin(f) || f.size() < 3 || f.size() + 5 > role.size()) continue;
      if (role.compare(role.size() - f.size(), f.size(), f) != 0) continue;
      std::string_view head = role.substr(0, role.size() - f.size());
      for (std::string_view conn : {" of the ", " at the ", " of ", " at ", ", "}) {
        if (head.size() > conn.size() && head.compare(head.size() - conn.size(), conn.size(), conn) == 0) {
          if (f.size() > best_len) {
            best.form = k;
            best.role = head.substr(0, head.size() - conn.size());
            best_len = f.size();
          }
          break;
        }
      }
    }
    return best;
  }
  if (role.size() < 12) return best;  // an organization and a role need four characters at least
  // The role's first character: a form's tail can open the role only where that character is.
  std::size_t first_len = 1;
  while (first_len < role.size() && Cont(static_cast<unsigned char>(role[first_len]))) ++first_len;
  const std::string_view first = role.substr(0, first_len);
  for (std::size_t k = 0; k < forms.size(); ++k) {
    std::string_view f = forms[k].first;
    if (f.size() < 6 || f.size() >= role.size() + 24 || Latin(f)) continue;
    // The whole form inside the role's words, with words after it.
    std::size_t pos = f.size() < role.size() ? role.find(f) : std::string_view::npos;
    if (pos != std::string_view::npos && pos + f.size() < role.size()) {
      const std::size_t end = pos + f.size();
      if (end > best_end || (end == best_end && f.size() > best_len)) {
        best.form = k, best_end = end, best_len = f.size();
      }
    }
    // The role opening with the form's tail of four or more characters: the name without the
    // country in front (苏伊士运河经济区管理总局 of 埃及苏伊士运河经济区管理总局).
    for (std::size_t cut = f.find(first, 1); cut != std::string_view::npos && cut + 12 <= f.size();
         cut = f.find(first, cut + 1)) {
      if (Cont(static_cast<unsigned char>(f[cut]))) continue;
      std::string_view tail = f.substr(cut);
      if (tail.size() < 12 || tail.size() >= role.size()) continue;
      if (role.compare(0, tail.size(), tail) == 0) {
        if (tail.size() > best_end) best.form = k, best_end = tail.size(), best_len = f.size();
        break;
      }
    }
  }
  if (best.form == static_cast<std::size_t>(-1)) return best;
  best.role = TrimJoin(role.substr(best_end));
  if (Chars(best.role) < 2) best.form = static_cast<std::size_t>(-1);
  return best;
}

}  // namespace presskg::facts
