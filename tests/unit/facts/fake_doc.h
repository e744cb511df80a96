// A DocView built from marked-up text, so fact assembly is tested without the text and mention
// stages: "[ORG:世界卫生组织]与[COUNTRY:中国|CN]签署了协议。" gives the plain text, one mention per
// bracket (TYPE:text|key|value|value_end|full), sentences split after 。!? or ". ", paragraphs at
// blank lines, quotations “…” and "…".
#ifndef PRESSKG_TESTS_FAKE_DOC_H
#define PRESSKG_TESTS_FAKE_DOC_H

#include <memory>
#include <string>
#include <vector>

#include "facts/builder.h"

namespace presskg::testing {

struct FakeDoc {
  std::string text;
  std::vector<Mention> mentions;
  facts::DocView view;
};

inline MentionType TypeOf(const std::string& t) {
  if (t == "ORG") return MentionType::kOrg;
  if (t == "PERSON") return MentionType::kPerson;
  if (t == "ROLE") return MentionType::kRole;
  if (t == "COUNTRY") return MentionType::kCountry;
  if (t == "PLACE") return MentionType::kPlace;
  if (t == "DATE") return MentionType::kDate;
  return MentionType::kQuote;
}

inline std::vector<std::string> SplitBar(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == '|') out.emplace_back();
    else out.back().push_back(c);
  }
  return out;
}

inline std::unique_ptr<FakeDoc> MakeDoc(const std::string& marked, const std::string& lang) {
  auto d = std::make_unique<FakeDoc>();
  std::string& t = d->text;
  // What NFKC does to full-width punctuation in the real normalised view.
  std::string in;
  for (std::size_t i = 0; i < marked.size();) {
    static const std::pair<const char*, char> kFold[] = {{"\uFF0C", ','}, {"\uFF1A", ':'}, {"\uFF1B", ';'},
                                                         {"\uFF08", '('}, {"\uFF09", ')'}, {"\uFF01", '!'},
                                                         {"\uFF1F", '?'}};
    bool folded = false;
    for (const auto& [from, to] : kFold)
      if (marked.compare(i, 3, from) == 0) {
        in.push_back(to);
        i += 3;
        folded = true;
        break;
      }
    if (!folded) in.push_back(marked[i++]);
  }
  const std::string& src = in;
  for (std::size_t i = 0; i < src.size();) {
    std::size_t colon = src.find(':', i);
    std::size_t close = src.find(']', i);
    if (src[i] == '[' && colon != std::string::npos && close != std::string::npos && colon < close &&
        colon - i <= 8 && colon - i >= 3) {
      std::string type = src.substr(i + 1, colon - i - 1);
      std::vector<std::string> f = SplitBar(src.substr(colon + 1, close - colon - 1));
      Mention m;
      m.type = TypeOf(type);
      m.begin = t.size();
      t += f[0];
      m.end = t.size();
      m.text = f[0];
      if (f.size() > 1) (m.type == MentionType::kDate ? m.value : m.key) = f[1];
      if (f.size() > 2) (m.type == MentionType::kDate ? m.value_end : m.country) = f[2];
      if (f.size() > 3) m.full = f[3];
      d->mentions.push_back(m);
      i = close + 1;
    } else {
      t.push_back(src[i++]);
    }
  }
  facts::DocView& v = d->view;
  v.id = "fake";
  v.lang = lang;
  v.normalized = t;
  // paragraphs at blank lines
  std::size_t pb = 0;
  while (pb < t.size()) {
    std::size_t pe = t.find("\n\n", pb);
    if (pe == std::string::npos) pe = t.size();
    Paragraph p;
    p.norm_begin = pb;
    p.norm_end = pe;
    p.span = Span{pb, pe};
    v.paragraphs.push_back(p);
    pb = pe + 2;
  }
  // sentences
  for (std::size_t pi = 0; pi < v.paragraphs.size(); ++pi) {
    std::size_t b = v.paragraphs[pi].norm_begin, e = v.paragraphs[pi].norm_end;
    std::size_t s = b;
    for (std::size_t i = b; i < e; ++i) {
      bool end = false;
      std::size_t after = i + 1;
      if (t.compare(i, 3, "\u3002") == 0) { end = true; after = i + 3; }
      else if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && (i + 1 == e || t[i + 1] == ' ')) end = true;
      if (end) {
        while (after < e && (t[after] == ' ' || t.compare(after, 3, "\u201D") == 0)) after += t[after] == ' ' ? 1 : 3;
        v.sentences.push_back(Sentence{s, after, Span{s, after}, static_cast<int>(pi), false});
        s = after;
        i = after - 1;
      }
    }
    if (s < e) v.sentences.push_back(Sentence{s, e, Span{s, e}, static_cast<int>(pi), false});
  }
  // quotations
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::size_t close = std::string::npos;
    std::size_t len = 0;
    if (t.compare(i, 3, "\u201C") == 0) { close = t.find("\u201D", i + 3); len = 3; }
    else if (t[i] == '"') { close = t.find('"', i + 1); len = 1; }
    if (close == std::string::npos) continue;
    QuoteBlock q;
    q.norm_begin = i;
    q.norm_end = close + len;
    q.span = Span{q.norm_begin, q.norm_end};
    for (std::size_t pi = 0; pi < v.paragraphs.size(); ++pi)
      if (v.paragraphs[pi].norm_begin <= i) q.paragraph = static_cast<int>(pi);
    v.quotes.push_back(q);
    i = q.norm_end - 1;
  }
  const std::string* tp = &d->text;
  v.to_original = [](std::size_t b, std::size_t e) { return Span{b, e}; };
  v.original_text = [tp](std::size_t b, std::size_t e) { return tp->substr(b, e - b); };
  return d;
}

}  // namespace presskg::testing

#endif  // PRESSKG_TESTS_FAKE_DOC_H
