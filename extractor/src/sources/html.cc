#include "sources/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <mutex>
#include <vector>

namespace presskg::sources {
namespace {

bool NameIn(const xmlChar* name, std::initializer_list<const char*> names) {
  const char* n = reinterpret_cast<const char*>(name);
  for (const char* x : names)
    if (std::strcmp(n, x) == 0) return true;
  return false;
}

bool Skipped(const xmlNode* node) {
  if (NameIn(node->name, {"script", "style", "nav", "aside", "noscript", "template", "iframe", "svg",
                          "head", "form", "button", "select", "textarea", "object", "embed", "canvas"}))
    return true;
  // A page's own header and footer hold navigation and legal text; an article's header holds its title.
  if (NameIn(node->name, {"header", "footer"})) {
    for (const xmlNode* p = node->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
      if (NameIn(p->name, {"article", "main"})) return false;
    return true;
  }
  return false;
}

bool IsBlock(const xmlNode* node) {
  return NameIn(node->name, {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
                             "dd", "table", "tr", "thead", "tbody", "tfoot", "caption", "blockquote", "section",
                             "article", "main", "figure", "figcaption", "pre", "hr", "address", "center",
                             "header", "footer", "body", "html", "details", "summary"});
}

class TextWriter {
 public:
  void Text(const char* s, bool preformatted) {
    for (; *s; ++s) {
      char c = *s;
      bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (preformatted && c == '\n') { Break(1); continue; }
      if (ws && !preformatted) {
        space_ = !out_.empty();
        continue;
      }
      if (break_ && !out_.empty()) {
        out_.append(break_ == 1 ? "\n" : "\n\n");
        space_ = false;
      } else if (space_) {
        out_ += ' ';
      }
      break_ = 0;
      space_ = false;
      out_ += c;
    }
  }
  void Break(int level) { break_ = std::max(break_, level); }
  void Space() { space_ = !out_.empty(); }
  std::string Take() {
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

 private:
  std::string out_;
  int break_ = 0;
  bool space_ = false;
};

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  if (i >= text.size() || text[i] != '<') return false;
  std::string head(text.substr(i, 512));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return head.rfind("<!doctype html", 0) == 0 || head.find("<html") != std::string::npos ||
         head.find("<body") != std::string::npos || head.rfind("<p>", 0) == 0 || head.rfind("<div", 0) == 0;
}

std::string HtmlToText(std::string_view html) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (html.size() > static_cast<std::size_t>(INT_MAX)) html = html.substr(0, INT_MAX);
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (!doc) return "";
  TextWriter w;
  // Iterative walk: hostile pages nest deeper than a thread's stack allows recursion.
  struct Frame {
    xmlNode* node;
    bool pre;
  };
  std::vector<Frame> stack;
  if (xmlNode* root = xmlDocGetRootElement(doc)) stack.push_back({root, false});
  // A null node marks "leaving the element below it" so that block ends produce breaks.
  std::vector<xmlNode*> leaving;
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    if (!f.node) {
      xmlNode* left = leaving.back();
      leaving.pop_back();
      if (IsBlock(left)) w.Break(2);
      else if (NameIn(left->name, {"td", "th"})) w.Space();
      continue;
    }
    xmlNode* n = f.node;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) w.Text(reinterpret_cast<const char*>(n->content), f.pre);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE || Skipped(n)) continue;
    if (NameIn(n->name, {"br"})) { w.Break(1); continue; }
    if (IsBlock(n)) w.Break(2);
    bool pre = f.pre || NameIn(n->name, {"pre"});
    leaving.push_back(n);
    stack.push_back({nullptr, false});
    std::vector<xmlNode*> kids;
    for (xmlNode* c = n->children; c; c = c->next) kids.push_back(c);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, pre});
  }
  xmlFreeDoc(doc);
  return w.Take();
}

}  // namespace presskg::sources
