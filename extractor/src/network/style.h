// network/style.h — how the partnership network is drawn (DOT attributes for Graphviz).
//
// Choice (docs/network.md): sfdp (multilevel force-directed, scales to thousands of vertices),
// overlap=prism (removes node overlaps while keeping the layout's shape), splines=false (straight
// edges: cheaper and calmer at a few hundred vertices), edges drawn first so labels stay on top.
// Labels sit inside the nodes, so removing overlaps also keeps labels apart; font size and node
// size grow with degree, so hubs read first and leaves stay small. Colour by kind (organization
// blue, country orange); brokers (articulation points) and bridges are outlined in red.
#ifndef PRESSKG_NETWORK_STYLE_H
#define PRESSKG_NETWORK_STYLE_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "presskg/network.h"

namespace presskg::network_style {

inline constexpr const char* kGraphAttributes =
    "overlap=prism, overlap_scaling=-2, splines=false, outputorder=edgesfirst, "
    "sep=\"+4\", pad=0.3, bgcolor=white, fontname=\"Noto Sans CJK SC,Noto Sans,DejaVu Sans,sans-serif\"";
inline constexpr const char* kNodeAttributes =
    "shape=box, style=\"rounded,filled\", margin=\"0.05,0.02\", color=\"#555555\", penwidth=0.6, "
    "fontname=\"Noto Sans CJK SC,Noto Sans,DejaVu Sans,sans-serif\"";
inline constexpr const char* kEdgeAttributes = "color=\"#8c8c8c90\"";

inline std::string Fixed(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", d);
  return buf;
}

// ", fontsize=…, fillcolor=…" for one vertex.
inline std::string NodeStyle(const NetworkVertex& v, const VertexMetrics* m) {
  const int degree = m ? m->degree : 0;
  const double font = std::min(24.0, 8.0 + 3.0 * std::log2(1.0 + degree));
  std::string s = ", fontsize=" + Fixed(font);
  s += v.kind == "country" ? ", fillcolor=\"#fdae6b\"" : ", fillcolor=\"#9ecae1\"";
  if (m && m->articulation) s += ", color=\"#d62728\", penwidth=2";
  return s;
}

// ", penwidth=…" for one edge.
inline std::string EdgeStyle(const NetworkEdge& e, bool bridge) {
  std::string s = ", penwidth=" + Fixed(0.6 + std::log2(std::max(1.0, e.weight)));
  if (bridge) s += ", color=\"#d62728a0\"";
  return s;
}

}  // namespace presskg::network_style

#endif  // PRESSKG_NETWORK_STYLE_H
