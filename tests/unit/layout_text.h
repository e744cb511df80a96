// Test helper: the layouts archives give releases — greedy word wrap and character cuts — for
// tests that check layout does not change what is read (text/unwrap.cc).
#ifndef PRESSKG_TESTS_LAYOUT_TEXT_H
#define PRESSKG_TESTS_LAYOUT_TEXT_H

#include <string>

namespace presskg_test {

// Greedy wrap at `width` bytes: the space before a word that would pass it becomes a line end.
inline std::string WrapAtSpaces(const std::string& text, std::size_t width) {
  std::string out = text;
  std::size_t line_start = 0, last_space = std::string::npos;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\n') {
      line_start = i + 1;
      last_space = std::string::npos;
      continue;
    }
    if (out[i] == ' ') last_space = i;
    if (i - line_start >= width && last_space != std::string::npos) {
      out[last_space] = '\n';
      line_start = last_space + 1;
      last_space = std::string::npos;
    }
  }
  return out;
}

// A line end after every `n` code points, as character-counting wrappers of CJK text do.
inline std::string CutEvery(const std::string& text, std::size_t n) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      out += '\n';
      count = 0;
      ++i;
      continue;
    }
    if (count == n) {
      out += '\n';
      count = 0;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.append(text, i, len);
    ++count;
    i += len;
  }
  return out;
}

}  // namespace presskg_test

#endif  // PRESSKG_TESTS_LAYOUT_TEXT_H
