#include "rules/parse.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace presskg::rules {

namespace spanparse {

struct Node {
  enum Kind { kClass, kCat, kAlt, kRepeat, kGroup, kBegin, kEnd } kind = kCat;
  std::uint32_t cls = 0;                  // kClass
  std::vector<Node> kids;                 // kCat, kAlt; kRepeat and kGroup: one
  int lo = 0, hi = -1;                    // kRepeat; hi = -1: unbounded
  bool lazy = false;                      // kRepeat
  int cap = -1;                           // kGroup: capturing group number, -1: none
};

// A recursive-descent reader of the subset (see parse.h); `ok` turns false on anything else.
struct Reader {
  const std::string& p;
  std::size_t i = 0;
  int ncap = 0;
  bool ok = true;
  std::vector<std::array<std::uint64_t, 4>> classes;

  bool Hex(std::size_t at, unsigned* v) {
    if (at + 4 > p.size() || p[at] != '\\' || p[at + 1] != 'x') return false;
    unsigned x = 0;
    for (std::size_t k = at + 2; k < at + 4; ++k) {
      char c = p[k];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      x = x * 16 + static_cast<unsigned>(d);
    }
    *v = x;
    return true;
  }

  Node Class() {  // p[i] == '[': \xHH items and \xHH-\xHH ranges
    std::array<std::uint64_t, 4> bits{};
    ++i;
    bool any = false;
    while (ok && i < p.size() && p[i] != ']') {
      unsigned lo = 0, hi = 0;
      if (!Hex(i, &lo)) {
        ok = false;
        break;
      }
      i += 4;
      hi = lo;
      if (i < p.size() && p[i] == '-') {
        if (!Hex(i + 1, &hi) || hi < lo) {
          ok = false;
          break;
        }
        i += 5;
      }
      for (unsigned c = lo; c <= hi; ++c) bits[c >> 6] |= std::uint64_t{1} << (c & 63);
      any = true;
    }
    if (i >= p.size() || !any) ok = false;
    ++i;  // ']'
    Node n;
    n.kind = Node::kClass;
    n.cls = static_cast<std::uint32_t>(classes.size());
    classes.push_back(bits);
    return n;
  }

  Node Atom() {
    Node n;
    const char c = p[i];
    if (c == '[') return Class();
    if (c == '^' || c == '$') {
      ++i;
      n.kind = c == '^' ? Node::kBegin : Node::kEnd;
      return n;
    }
    if (c == '\\') {  // \xHH
      unsigned v = 0;
      if (!Hex(i, &v)) {
        ok = false;
        return n;
      }
      i += 4;
      std::array<std::uint64_t, 4> bits{};
      bits[v >> 6] |= std::uint64_t{1} << (v & 63);
      n.kind = Node::kClass;
      n.cls = static_cast<std::uint32_t>(classes.size());
      classes.push_back(bits);
      return n;
    }
    if (c != '(') {
      ok = false;
      return n;
    }
    n.kind = Node::kGroup;
    if (p.compare(i, 3, "(?:") == 0) {
      i += 3;
    } else if (p.compare(i, 4, "(?P<") == 0) {
      std::size_t close = p.find('>', i);
      if (close == std::string::npos) {
        ok = false;
        return n;
      }
      i = close + 1;
      n.cap = ++ncap;
    } else if (i + 1 < p.size() && p[i + 1] == '?') {
      ok = false;  // flags
      return n;
    } else {
      ++i;
      n.cap = ++ncap;
    }
    n.kids.push_back(Alt());
    if (i >= p.size() || p[i] != ')') ok = false;
    ++i;
    return n;
  }

  // A quantifier at p[i], if any: true with *lo, *hi, *lazy set.
  bool Quant(int* lo, int* hi, bool* lazy) {
    if (i >= p.size()) return false;
    const char c = p[i];
    if (c == '*' || c == '+' || c == '?') {
      *lo = c == '+' ? 1 : 0;
      *hi = c == '?' ? 1 : -1;
      ++i;
    } else if (c == '{' && i + 1 < p.size() && p[i + 1] >= '0' && p[i + 1] <= '9') {
      std::size_t j = i + 1;
      auto num = [&](int* v) {
        long x = 0;
        std::size_t from = j;
        while (j < p.size() && p[j] >= '0' && p[j] <= '9' && x <= 100000) x = x * 10 + (p[j++] - '0');
        *v = static_cast<int>(x);
        return j > from;
      };
      if (!num(lo)) return ok = false;
      if (j < p.size() && p[j] == '}') {
        *hi = *lo;
      } else if (j < p.size() && p[j] == ',') {
        ++j;
        if (j < p.size() && p[j] == '}') *hi = -1;
        else if (!num(hi) || *hi < *lo) return ok = false;
        if (j >= p.size() || p[j] != '}') return ok = false;
      } else {
        return ok = false;
      }
      if (*lo > 1000 || *hi > 1000) return ok = false;  // RE2's own limit
      i = j + 1;
    } else {
      return false;
    }
    *lazy = i < p.size() && p[i] == '?';
    if (*lazy) ++i;
    return true;
  }

  Node Seq() {
    Node s;
    s.kind = Node::kCat;
    while (ok && i < p.size() && p[i] != '|' && p[i] != ')') {
      Node a = Atom();
      int lo = 0, hi = 0;
      bool lazy = false;
      if (ok && Quant(&lo, &hi, &lazy)) {
        Node r;
        r.kind = Node::kRepeat;
        r.lo = lo, r.hi = hi, r.lazy = lazy;
        r.kids.push_back(std::move(a));
        a = std::move(r);
        int lo2 = 0, hi2 = 0;
        bool lazy2 = false;
        if (ok && Quant(&lo2, &hi2, &lazy2)) ok = false;  // a repeated repetition: not in the subset
      }
      s.kids.push_back(std::move(a));
    }
    return s;
  }

  Node Alt() {
    Node a;
    a.kind = Node::kAlt;
    a.kids.push_back(Seq());
    while (ok && i < p.size() && p[i] == '|') {
      ++i;
      a.kids.push_back(Seq());
    }
    if (a.kids.size() == 1) return std::move(a.kids[0]);
    return a;
  }
};

bool Nullable(const Node& n) {
  switch (n.kind) {
    case Node::kClass: return false;
    case Node::kBegin: case Node::kEnd: return true;
    case Node::kCat:
      for (const Node& k : n.kids)
        if (!Nullable(k)) return false;
      return true;
    case Node::kAlt:
      for (const Node& k : n.kids)
        if (Nullable(k)) return true;
      return false;
    case Node::kRepeat: return n.lo == 0 || Nullable(n.kids[0]);
    case Node::kGroup: return Nullable(n.kids[0]);
  }
  return true;
}

// False when a repetition's body can match the empty string (RE2 treats those loops specially).
bool Supported(const Node& n) {
  if (n.kind == Node::kRepeat && Nullable(n.kids[0])) return false;
  for (const Node& k : n.kids)
    if (!Supported(k)) return false;
  return true;
}

}  // namespace spanparse

struct SpanParserBuilder {
  using Node = spanparse::Node;
  using Inst = SpanParser::Inst;
  SpanParser* out;
  static constexpr std::size_t kMaxInsts = 1 << 20;
  bool ok = true;

  std::uint32_t Add(Inst in) {
    if (in.op == SpanParser::kSplit) in.split = out->nsplits_++;
    out->prog_.push_back(in);
    if (out->prog_.size() > kMaxInsts) ok = false;
    return static_cast<std::uint32_t>(out->prog_.size() - 1);
  }
  std::uint32_t Here() const { return static_cast<std::uint32_t>(out->prog_.size()); }

  void Emit(const Node& n) {
    if (!ok) return;
    switch (n.kind) {
      case Node::kClass: Add({SpanParser::kByte, n.cls}); break;
      case Node::kBegin: Add({SpanParser::kBegin}); break;
      case Node::kEnd: Add({SpanParser::kEnd}); break;
      case Node::kCat:
        for (const Node& k : n.kids) Emit(k);
        break;
      case Node::kGroup:
        if (n.cap >= 0) Add({SpanParser::kSave, static_cast<std::uint32_t>(2 * n.cap)});
        Emit(n.kids[0]);
        if (n.cap >= 0) Add({SpanParser::kSave, static_cast<std::uint32_t>(2 * n.cap + 1)});
        break;
      case Node::kAlt: {
        // Split(first, rest) first Jmp(end) rest: Split(second, ...) ... last; end:
        std::vector<std::uint32_t> jumps;
        for (std::size_t k = 0; k < n.kids.size(); ++k) {
          if (k + 1 < n.kids.size()) {
            std::uint32_t s = Add({SpanParser::kSplit});
            out->prog_[s].x = Here();
            Emit(n.kids[k]);
            jumps.push_back(Add({SpanParser::kJmp}));
            out->prog_[s].y = Here();
          } else {
            Emit(n.kids[k]);
          }
        }
        for (std::uint32_t j : jumps) out->prog_[j].x = Here();
        break;
      }
      case Node::kRepeat: {
        const Node& body = n.kids[0];
        for (int r = 0; r < n.lo; ++r) Emit(body);
        auto set = [&](std::uint32_t s, std::uint32_t more, std::uint32_t done) {
          out->prog_[s].x = n.lazy ? done : more;
          out->prog_[s].y = n.lazy ? more : done;
        };
        if (n.hi < 0) {  // L: Split(body, exit) body Jmp L exit:
          std::uint32_t s = Add({SpanParser::kSplit});
          Emit(body);
          Add({SpanParser::kJmp, s});
          set(s, s + 1, Here());
        } else {  // (body(body(...)?)?)? as a chain whose every split leaves to the end
          std::vector<std::uint32_t> splits;
          for (int r = n.lo; r < n.hi && ok; ++r) {
            splits.push_back(Add({SpanParser::kSplit}));
            Emit(body);
          }
          for (std::uint32_t s : splits) set(s, s + 1, Here());
        }
        break;
      }
    }
  }
};

std::unique_ptr<SpanParser> SpanParser::Compile(const std::string& pattern) {
  spanparse::Reader rd{pattern};
  spanparse::Node root = rd.Alt();
  if (!rd.ok || rd.i != pattern.size() || !spanparse::Supported(root)) return nullptr;
  auto sp = std::make_unique<SpanParser>();
  sp->ngroups_ = rd.ncap;
  for (const auto& c : rd.classes) sp->classes_.insert(sp->classes_.end(), c.begin(), c.end());
  SpanParserBuilder b{sp.get()};
  b.Emit(root);
  b.Add({kMatch});
  if (!b.ok) return nullptr;
  // First bytes and empty paths, to a fixed point (loops make the graph cyclic).
  const std::size_t n = sp->prog_.size();
  sp->first_.assign(4 * n, 0);
  sp->empty_.assign(n, 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t k = n; k-- > 0;) {
      const Inst& in = sp->prog_[k];
      std::uint64_t f[4] = {0, 0, 0, 0};
      bool empty = false;
      auto from = [&](std::size_t t) {
        for (int w = 0; w < 4; ++w) f[w] |= sp->first_[4 * t + w];
        empty = empty || sp->empty_[t];
      };
      switch (in.op) {
        case kByte:
          for (int w = 0; w < 4; ++w) f[w] = sp->classes_[4 * in.x + w];
          break;
        case kSplit: from(in.x), from(in.y); break;
        case kJmp: from(in.x); break;
        case kSave: case kBegin: case kEnd: from(k + 1); break;
        case kMatch: empty = true; break;
      }
      for (int w = 0; w < 4; ++w)
        if ((sp->first_[4 * k + w] | f[w]) != sp->first_[4 * k + w]) sp->first_[4 * k + w] |= f[w], changed = true;
      if (empty && !sp->empty_[k]) sp->empty_[k] = 1, changed = true;
    }
  }
  // A path from an instruction that can reach the match consuming nothing goes on before any byte.
  sp->go_ = sp->first_;
  for (std::size_t k = 0; k < n; ++k)
    if (sp->empty_[k])
      for (int w = 0; w < 4; ++w) sp->go_[4 * k + w] = ~std::uint64_t{0};
  sp->start_.assign(256, 0);
  for (unsigned c = 0; c < 256; ++c) sp->start_[c] = (sp->first_[c >> 6] >> (c & 63)) & 1;
  // The bytes that can come second after each first byte: from the byte instructions reachable
  // from the entry without consuming (^ and $ taken as passable: a superset), the bytes their
  // continuations take first (go_: any byte where the match can end there).
  std::vector<std::uint64_t> second(4 * 256, 0);
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::uint32_t> todo = {0};
  while (!todo.empty()) {
    const std::uint32_t k = todo.back();
    todo.pop_back();
    if (seen[k]) continue;
    seen[k] = 1;
    const Inst& in = sp->prog_[k];
    switch (in.op) {
      case kByte:
        for (unsigned c = 0; c < 256; ++c)
          if ((sp->classes_[4 * in.x + (c >> 6)] >> (c & 63)) & 1)
            for (int w = 0; w < 4; ++w) second[4 * c + w] |= sp->go_[4 * (k + 1) + w];
        break;
      case kSplit: todo.push_back(in.x), todo.push_back(in.y); break;
      case kJmp: todo.push_back(in.x); break;
      case kSave: case kBegin: case kEnd: todo.push_back(k + 1); break;
      case kMatch: break;
    }
  }
  sp->second_idx_.assign(256, 0);
  for (unsigned c = 0; c < 256; ++c) {  // distinct rows only (most first bytes share one)
    std::size_t r = 0;
    const std::size_t rows = sp->second_.size() / 4;
    while (r < rows && !std::equal(&second[4 * c], &second[4 * c] + 4, &sp->second_[4 * r])) ++r;
    if (r == rows) sp->second_.insert(sp->second_.end(), &second[4 * c], &second[4 * c] + 4);
    sp->second_idx_[c] = static_cast<std::uint16_t>(r);
  }
  return sp;
}

namespace spanparse {
struct Job {
  std::uint32_t pc;
  int slot;          // >= 0: restore capture slot `slot` to `pos`
  std::size_t pos;
};
struct Scratch {
  // Per (choice point, position): the walk that visited it last. A walk takes the next stamp
  // instead of clearing the rows (most walks touch a few of them); the table is cleared only when
  // the stamps wrap around.
  std::vector<std::uint8_t> visited;
  std::uint8_t stamp = 0;
  std::vector<Job> stack;
  std::vector<std::size_t> caps;
};
}  // namespace spanparse

// The walk from `starts` (each position in turn, sharing the visited table: a choice point that
// failed from one start fails from any), positions [b, e). `whole`: a parse must end at e (Parse);
// else the first parse found, wherever it ends (Search: RE2's leftmost-first match).
template <bool whole>
bool SpanParser::Walk(re2::StringPiece text, std::size_t b, std::size_t e, bool all_starts,
                      re2::StringPiece* groups) const {
  thread_local spanparse::Scratch scratch;
  constexpr std::size_t kUnset = std::numeric_limits<std::size_t>::max();
  const std::size_t len = e - b + 1;  // positions b..e
  std::vector<std::uint8_t>& visited = scratch.visited;
  const std::size_t cells = std::size_t{nsplits_} * len;
  if (visited.size() < cells) visited.resize(cells, 0);  // new cells hold no walk's stamp
  if (++scratch.stamp == 0) {
    std::fill(visited.begin(), visited.end(), 0);
    scratch.stamp = 1;
  }
  const std::uint8_t stamp = scratch.stamp;
  std::vector<std::size_t>& caps = scratch.caps;
  caps.assign(2 * static_cast<std::size_t>(ngroups_) + 2, kUnset);
  std::vector<spanparse::Job>& stack = scratch.stack;
  const unsigned char* t = reinterpret_cast<const unsigned char*>(text.data());
  const Inst* prog = prog_.data();
  const std::uint64_t* cls = classes_.data();
  std::uint8_t* vis = visited.data();
  const std::uint64_t* go = go_.data();
  const std::uint8_t* empty = empty_.data();
  const std::uint8_t* starts = start_.data();
  const std::uint64_t* second = second_.data();
  const std::uint16_t* second_idx = second_idx_.data();
  for (std::size_t start = b; start <= e; ++start) {
    if (all_starts) {  // only where the program can begin (or match empty)
      if (!empty[0]) {
        // A start whose byte cannot begin the program, or whose next byte cannot follow it.
        for (; start < e; ++start) {
          const unsigned c = t[start];
          if (!starts[c]) continue;
          if (start + 1 == e) break;
          const unsigned d = t[start + 1];
          if ((second[4 * second_idx[c] + (d >> 6)] >> (d & 63)) & 1) break;
        }
        if (start == e) break;
      }
    } else if (start > b) {
      break;
    }
    stack.clear();
    stack.push_back({0, -1, start});
    while (!stack.empty()) {
      const spanparse::Job j = stack.back();
      stack.pop_back();
      if (j.slot >= 0) {
        caps[j.slot] = j.pos;
        continue;
      }
      std::uint32_t pc = j.pc;
      std::size_t p = j.pos;
      for (;;) {
        const Inst& in = prog[pc];
        switch (in.op) {
          case kByte: {
            if (p >= e) goto fail;
            const unsigned c = t[p];
            if (!((cls[4 * in.x + (c >> 6)] >> (c & 63)) & 1)) goto fail;
            ++p, ++pc;
            continue;
          }
          case kSplit: {
            std::uint8_t& seen = vis[std::size_t{in.split} * len + (p - b)];
            if (seen == stamp) goto fail;
            seen = stamp;
            // A branch that can neither consume the next byte nor end here fails: not tried.
            bool vx, vy;
            if (p < e) {
              const unsigned c = t[p];
              const std::size_t w = c >> 6;
              const std::uint64_t m = std::uint64_t{1} << (c & 63);
              vx = (go[4 * in.x + w] & m) != 0;
              vy = (go[4 * in.y + w] & m) != 0;
            } else {
              vx = empty[in.x] != 0;
              vy = empty[in.y] != 0;
            }
            if (!vx) {  // only the other branch (no job pushed just to be popped)
              if (!vy) goto fail;
              pc = in.y;
              continue;
            }
            if (vy) stack.push_back({in.y, -1, p});
            pc = in.x;
            continue;
          }
          case kJmp:
            pc = in.x;
            continue;
          case kSave:
            stack.push_back({0, static_cast<int>(in.x), caps[in.x]});
            caps[in.x] = p;
            ++pc;
            continue;
          case kBegin:
            if (p != 0) goto fail;
            ++pc;
            continue;
          case kEnd:
            if (p != text.size()) goto fail;
            ++pc;
            continue;
          case kMatch: {
            if (whole && p != e) goto fail;
            groups[0] = re2::StringPiece(text.data() + start, p - start);
            for (int g = 1; g <= ngroups_; ++g) {
              const std::size_t s = caps[2 * g], f = caps[2 * g + 1];
              groups[g] = s != kUnset && f != kUnset ? re2::StringPiece(text.data() + s, f - s) : re2::StringPiece();
            }
            return true;
          }
        }
      }
    fail:;
    }
  }
  return false;
}

bool SpanParser::Parse(re2::StringPiece text, std::size_t b, std::size_t e, re2::StringPiece* groups) const {
  return Walk<true>(text, b, e, false, groups);
}

bool SpanParser::Search(re2::StringPiece text, std::size_t b, std::size_t e, re2::StringPiece* groups) const {
  return Walk<false>(text, b, e, true, groups);
}

}  // namespace presskg::rules
