// Test helper: the documents the rule-engine parity tests run over — every rule's own examples
// (as one-sentence releases in the rule's language) and the releases of the dev corpus.
#ifndef PRESSKG_TESTS_RULE_CORPUS_DOCS_H
#define PRESSKG_TESTS_RULE_CORPUS_DOCS_H

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "presskg/document.h"
#include "rules/engine.h"

namespace presskg_test {

// Each example of each rule of `book` as a document; negative examples too when asked.
inline std::vector<presskg::Document> RuleExampleDocs(const presskg::rules::RuleBook& book, bool with_negative) {
  std::vector<presskg::Document> docs;
  for (const auto& r : book.rules())
    for (const auto* list : {&r->positive, &r->negative}) {
      if (list == &r->negative && !with_negative) continue;
      for (const std::string& t : *list) {
        presskg::Document d;
        d.id = r->id;
        d.text = t;
        d.lang = r->lang == "zh" ? "zh-Hans" : r->lang;
        docs.push_back(d);
      }
    }
  return docs;
}

// The dev corpus releases (../shared/corpus/dev/docs), id = file stem; none when it is absent.
inline void AppendDevDocs(std::vector<presskg::Document>* docs) {
  namespace fs = std::filesystem;
  const fs::path dev = fs::path(PRESSKG_SHARED_DIR) / "corpus" / "dev" / "docs";
  std::error_code ec;
  for (auto it = fs::directory_iterator(dev, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    presskg::Document d;
    d.id = it->path().stem().string();
    d.text = buf.str();
    docs->push_back(d);
  }
}

}  // namespace presskg_test

#endif  // PRESSKG_TESTS_RULE_CORPUS_DOCS_H
