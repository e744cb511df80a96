// Explain: a human-readable trace of matching units, mentions, rules fired and facts.
#include <sstream>

#include "facts/builder.h"
#include "facts/text_util.h"

namespace presskg::facts {

namespace {

std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

std::string Names(const EntityRef& e) {
  std::string s = e.name;
  for (const auto& a : e.aliases) s += " | " + a;
  return s;
}

}  // namespace

std::string ExplainFacts(const rules::RuleBook& book, const DocView& view, const std::vector<Mention>& mentions,
                         const std::string& why_not) {
  std::ostringstream o;
  const rules::Rule* wn = why_not.empty() ? nullptr : book.Find(why_not);
  if (!why_not.empty() && !wn) o << "no rule with id '" << why_not << "'\n";
  if (wn && wn->lang != view.lang)
    o << "note: rule " << wn->id << " is for language " << wn->lang << ", this text is " << view.lang << "\n";
  o << "document " << view.id << "  language " << view.lang << "  release date "
    << (view.release_date.empty() ? "?" : view.release_date) << "\n";
  std::vector<Mention> ms = SlotMentions(view, mentions);
  std::vector<Unit> units = MatchingUnits(view);
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const Unit& u = units[ui];
    std::string text = view.original_text ? view.original_text(u.norm_begin, u.norm_end)
                                          : std::string(view.normalized.substr(u.norm_begin, u.norm_end - u.norm_begin));
    o << "\n[" << ui << "] (paragraph " << u.paragraph << (u.boilerplate ? ", boilerplate" : "") << ") "
      << OneLine(Trim(text)) << "\n";
    rules::SlottedText st = rules::Slot(view.normalized, u.norm_begin, u.norm_end, ms);
    std::vector<std::size_t> ids = rules::MentionsIn(st, 0, st.text.size());
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const Mention& m = ms[ids[k]];
      o << "    " << rules::SlotTypeName(m.type) << "#" << k << " " << OneLine(m.text);
      if (!m.full.empty() && m.full != m.text) o << " → " << m.full;
      if (!m.key.empty()) o << "  key=" << m.key;
      if (!m.country.empty()) o << "  country=" << m.country;
      if (!m.value.empty()) o << "  value=" << m.value << (m.value_end.empty() ? "" : "/" + m.value_end);
      if (!m.source.empty()) o << "  (" << m.source << ")";
      o << "\n";
    }
    if (!ids.empty()) o << "    slotted: " << OneLine(rules::RenderSlotted(st)) << "\n";
    for (const rules::RuleMatch& m : book.Match(view.lang, st)) {
      std::string span = view.original_text ? view.original_text(st.to_norm[m.begin], st.to_norm[m.end]) : "";
      o << "    fired " << m.rule->id << " (" << m.rule->emits << ", priority " << m.rule->priority << "): «"
        << OneLine(span) << "»";
      for (const auto& [name, cap] : m.captures) {
        std::string ct = view.original_text ? view.original_text(st.to_norm[cap.begin], st.to_norm[cap.end]) : "";
        o << " " << name << "=«" << OneLine(Prefix(ct, 40)) << "»";
      }
      o << "\n";
    }
    if (wn && wn->lang == view.lang) {
      o << "    why not " << wn->id << ":\n" << book.WhyNot(*wn, st);
    }
  }
  o << "\nfacts:\n";
  for (const Fact& f : BuildFacts(book, view, mentions).facts) {
    o << "  " << FactTypeName(f.type) << " [" << f.rule << ", " << f.confidence << "]";
    switch (f.type) {
      case FactType::kAgreement:
        o << " kind=" << f.kind;
        for (const auto& p : f.parties) o << " party=«" << Names(p) << "»";
        for (const auto& c : f.countries) o << " country=" << c;
        if (!f.date.empty()) o << " date=" << f.date;
        break;
      case FactType::kQuote:
      case FactType::kRole:
        o << " person=«" << Names(f.person) << "» role=«" << f.role << "» org=«" << Names(f.org) << "»";
        if (f.type == FactType::kQuote) o << " quote=«" << OneLine(Prefix(f.quote, 60)) << "»";
        break;
      case FactType::kEvent:
        o << " name=«" << f.name;
        for (const auto& a : f.name_aliases) o << " | " << a;
        o << "» start=" << f.start << " end=" << f.end << " place=«" << f.place.name << "» country=" << f.place.country;
        break;
      case FactType::kDateline:
        o << " date=" << f.date << " place=«" << f.place.name << "» country=" << f.place.country;
        break;
    }
    o << "\n";
  }
  return o.str();
}

}  // namespace presskg::facts
