#!/usr/bin/python3
"""networkx oracle for presskg network metrics.

usage: nx_oracle.py GRAPHML [--svg SVG] [--sample K]

Reads a GraphML file written by presskg (WriteGraphMl with metrics), recomputes every metric
with networkx 2.8 defaults and compares: floats within 1e-9, integers and flags exactly,
components and bridges as sets. With --svg, also checks that the SVG is well-formed XML with one
<g class="node"> per vertex. With --sample K, betweenness and closeness are the estimates from the
K sources floor(i*n/K) (MetricsOptions::sample_sources): betweenness through networkx's own
single-source accumulation and rescaling (as betweenness_centrality(G, k=K) does for its random
sources), closeness as (m/k')*(m/D) from networkx BFS distances. Exit 0 when everything agrees, 1 otherwise (mismatches on stdout).
"""
import sys
import xml.etree.ElementTree as ET

import networkx as nx

TOL = 1e-9


def sampled(G, k):
    from networkx.algorithms.centrality.betweenness import (
        _accumulate_basic, _rescale, _single_source_shortest_path_basic)
    nodes = list(G.nodes)  # GraphML document order = presskg vertex order
    n = len(nodes)
    sources = [nodes[i * n // k] for i in range(k)]
    bc = dict.fromkeys(G, 0.0)
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        bc, _ = _accumulate_basic(bc, S, P, sigma, s)
    bc = _rescale(bc, n, normalized=True, directed=False, k=k)
    reached = dict.fromkeys(G, 0)
    total = dict.fromkeys(G, 0)
    for s in sources:
        for v, d in nx.single_source_shortest_path_length(G, s).items():
            if v != s:
                reached[v] += 1
                total[v] += d
    source_set = set(sources)
    cl = {}
    for v in G:
        others = k - (1 if v in source_set else 0)
        m = reached[v]
        cl[v] = (m / others) * (m / total[v]) if m and others else 0.0
    return bc, cl


def main(argv):
    path = argv[1]
    svg = argv[argv.index("--svg") + 1] if "--svg" in argv else None
    sample = int(argv[argv.index("--sample") + 1]) if "--sample" in argv else None
    G = nx.read_graphml(path)  # the round trip: presskg GraphML → networkx
    if G.is_directed() or G.is_multigraph():
        print("graph read as directed or multigraph")
        return 1
    problems = []

    def check_float(name, ours, theirs):
        for n in G.nodes:
            a, b = G.nodes[n][ours], theirs[n]
            if abs(a - b) > TOL:
                problems.append(f"{name} {n}: presskg {a!r} networkx {b!r}")

    for n in G.nodes:
        for key in ("label", "iri", "kind", "degree", "weighted_degree", "betweenness",
                    "closeness", "pagerank", "component", "core", "articulation"):
            if key not in G.nodes[n]:
                problems.append(f"node {n} lacks attribute {key}")
    for u, v, d in G.edges(data=True):
        for key in ("weight", "years", "kinds", "docs", "bridge"):
            if key not in d:
                problems.append(f"edge {u}-{v} lacks attribute {key}")
    if problems:
        print("\n".join(problems[:20]))
        return 1

    for n, deg in G.degree():
        if G.nodes[n]["degree"] != deg:
            problems.append(f"degree {n}: presskg {G.nodes[n]['degree']} networkx {deg}")
    check_float("weighted_degree", "weighted_degree", dict(G.degree(weight="weight")))
    if sample:
        bc, cl = sampled(G, sample)
        check_float("betweenness", "betweenness", bc)
        check_float("closeness", "closeness", cl)
    else:
        check_float("betweenness", "betweenness", nx.betweenness_centrality(G))
        check_float("closeness", "closeness", nx.closeness_centrality(G))
    check_float("pagerank", "pagerank", nx.pagerank(G))

    core = nx.core_number(G)
    for n in G.nodes:
        if G.nodes[n]["core"] != core[n]:
            problems.append(f"core {n}: presskg {G.nodes[n]['core']} networkx {core[n]}")

    ours = {}
    for n in G.nodes:
        ours.setdefault(G.nodes[n]["component"], set()).add(n)
    theirs = {frozenset(c) for c in nx.connected_components(G)}
    if {frozenset(c) for c in ours.values()} != theirs:
        problems.append(f"components differ: presskg {len(ours)} networkx {len(theirs)}")

    art = set(nx.articulation_points(G))
    ours_art = {n for n in G.nodes if G.nodes[n]["articulation"]}
    if art != ours_art:
        problems.append(f"articulation points differ: only presskg {sorted(ours_art - art)[:10]}, "
                        f"only networkx {sorted(art - ours_art)[:10]}")

    bridges = {frozenset(e) for e in nx.bridges(G)}
    ours_bridges = {frozenset((u, v)) for u, v, d in G.edges(data=True) if d["bridge"]}
    if bridges != ours_bridges:
        problems.append(f"bridges differ: presskg {len(ours_bridges)} networkx {len(bridges)}")

    if svg:
        root = ET.parse(svg).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        nodes = [g for g in root.iter(ns + "g") if g.get("class") == "node"]
        if len(nodes) != G.number_of_nodes():
            problems.append(f"svg has {len(nodes)} node elements for {G.number_of_nodes()} vertices")
        titles = {g.find(ns + "title").text for g in nodes}
        if titles != set(G.nodes):
            problems.append("svg node titles are not the GraphML node ids")

    if problems:
        print(f"{len(problems)} mismatches")
        print("\n".join(problems[:30]))
        return 1
    print(f"ok: {G.number_of_nodes()} vertices, {G.number_of_edges()} edges agree with networkx "
          f"{nx.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
