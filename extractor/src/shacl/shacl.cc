// ShapesGraph: keeps the shapes graph as quads. Each thread compiles it once into its own World and
// Engine (a thread_local cache), so Validate is thread-safe without locks and a small release graph
// costs only its own interning and validation. The cached World also interns every data node it
// sees; it is rebuilt past kMaxCachedNodes so that memory stays bounded over millions of releases.
// ValidateFiles (big graphs, one call) builds a fresh World.
#include <dirent.h>

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "presskg/shacl.h"
#include "shacl/engine.h"
#include "shacl/store.h"

namespace presskg {
namespace {

bool EndsWith(const std::string& s, const char* ext) {
  std::string e = ext;
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

Quads GraphToQuads(const shacl::Graph& g) {
  Quads q;
  g.Each(nullptr, nullptr, nullptr, [&](shacl::Node s, shacl::Node p, shacl::Node o) {
    q.push_back({shacl::ToTerm(s), shacl::ToTerm(p), shacl::ToTerm(o), {}});
  });
  return q;
}

constexpr size_t kMaxCachedNodes = 100000;
std::atomic<uint64_t> g_generation{0};

// Shape blank nodes get their own label space, apart from blank nodes in data quads.
Quads RelabelBlanks(Quads q) {
  for (Quad& x : q)
    for (Term* t : {&x.subject, &x.object})
      if (t->is_blank()) t->value = "shape" + t->value;
  return q;
}

class SordShapesGraph : public ShapesGraph {
 public:
  explicit SordShapesGraph(Quads shapes) : shapes_(RelabelBlanks(std::move(shapes))), generation_(++g_generation) {}

  // Compiles every shape once against an empty data graph to surface errors (bad sh:pattern).
  Status Check() const {
    shacl::World w;
    shacl::Graph shapes(w), data(w);
    shapes.Add(shapes_);
    shacl::Engine engine(w, shapes, data);
    engine.Run();
    return engine.status();
  }

  ValidationReport Validate(const Quads& data) const override {
    Cache& c = CacheForThisThread();
    ValidationReport r;
    {
      shacl::Graph graph(*c.world);
      graph.Add(data);
      c.engine->SetData(graph);
      r = c.engine->Run();
      c.engine->SetData(*c.empty);
    }
    return r;
  }

  Result<ValidationReport> ValidateFiles(const std::vector<std::string>& paths) const override {
    shacl::World w;
    shacl::Graph shapes(w), graph(w);
    shapes.Add(shapes_);
    for (const std::string& p : paths) {
      Status s = graph.LoadFile(p);
      if (!s.ok()) return s;
    }
    shacl::Engine engine(w, shapes, graph);
    ValidationReport r = engine.Run();
    if (!engine.status().ok()) return engine.status();
    return r;
  }

 private:
  struct Cache {  // members destroyed in reverse order: engine first, world last
    uint64_t generation = 0;
    std::unique_ptr<shacl::World> world;
    std::unique_ptr<shacl::Graph> shapes, empty;
    std::unique_ptr<shacl::Engine> engine;
  };

  Cache& CacheForThisThread() const {
    thread_local Cache cache;
    if (cache.generation != generation_ || sord_num_nodes(cache.world->get()) > kMaxCachedNodes) {
      cache.engine.reset();
      cache.empty.reset();
      cache.shapes.reset();
      cache.world = std::make_unique<shacl::World>();
      cache.shapes = std::make_unique<shacl::Graph>(*cache.world);
      cache.shapes->Add(shapes_);
      cache.empty = std::make_unique<shacl::Graph>(*cache.world);
      cache.engine = std::make_unique<shacl::Engine>(*cache.world, *cache.shapes, *cache.empty);
      cache.generation = generation_;
    }
    return cache;
  }

  Quads shapes_;
  uint64_t generation_;  // identifies this object in the per-thread caches (addresses get reused)
};

Result<std::unique_ptr<ShapesGraph>> Make(Quads q) {
  auto g = std::make_unique<SordShapesGraph>(std::move(q));
  Status s = g->Check();
  if (!s.ok()) return s;
  return std::unique_ptr<ShapesGraph>(std::move(g));
}

}  // namespace

Result<std::unique_ptr<ShapesGraph>> ShapesGraph::FromQuads(const Quads& shapes) { return Make(shapes); }

Result<std::unique_ptr<ShapesGraph>> ShapesGraph::LoadFile(const std::string& path) {
  shacl::World w;
  shacl::Graph g(w);
  Status s = g.LoadFile(path);
  if (!s.ok()) return s;
  return Make(GraphToQuads(g));
}

Result<std::unique_ptr<ShapesGraph>> ShapesGraph::LoadDir(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (!d) return NotFound("cannot open shapes directory " + dir, Location{dir, 0, 0, ""});
  std::vector<std::string> files;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (EndsWith(name, ".ttl")) files.push_back(dir + "/" + name);
  }
  closedir(d);
  if (files.empty()) return NotFound("no *.ttl shapes in " + dir, Location{dir, 0, 0, ""});
  std::sort(files.begin(), files.end());
  shacl::World w;
  shacl::Graph g(w);
  for (const std::string& f : files) {
    Status s = g.LoadFile(f);
    if (!s.ok()) return s;
  }
  return Make(GraphToQuads(g));
}

}  // namespace presskg
