// ShapesGraph: keeps the shapes graph as quads; every validation builds its own Sord world (so
// Validate is thread-safe without locks) and compiles the shapes in it (cheap: shapes graphs are small).
#include <dirent.h>

#include <algorithm>

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

class SordShapesGraph : public ShapesGraph {
 public:
  explicit SordShapesGraph(Quads shapes) : shapes_(std::move(shapes)) {}

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
    shacl::World w;
    shacl::Graph shapes(w), graph(w);
    shapes.Add(shapes_);
    graph.Add(data);
    shacl::Engine engine(w, shapes, graph);
    return engine.Run();
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
  Quads shapes_;
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
