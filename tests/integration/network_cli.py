#!/usr/bin/python3
"""presskg network end to end: N-Quads written here (docs/vocabulary.md shape) → GraphML, CSV, DOT,
SVG; checked against an independent computation of the edges in Python and against networkx for
every metric (tests/unit/network/nx_oracle.py), on a hand-written archive and on a generated one
of more than 1,000 vertices; views, filters, labels, --store.
"""
import csv
import os
import random
import subprocess
import sys
import tempfile

SRC = os.environ.get("PRESSKG_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PRESSKG = os.environ.get("PRESSKG")
sys.path.insert(0, os.path.join(SRC, "tests", "unit", "network"))

try:
    import networkx as nx
    import nx_oracle
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)

if not PRESSKG or not os.access(PRESSKG, os.X_OK):
    print("skipped: PRESSKG (the presskg binary) not set or not built")
    sys.exit(77)

B = "https://w3id.org/presskg/id/"
PKG = "https://w3id.org/presskg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "http://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(s, dt=None):
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"' + (f"^^<{dt}>" if dt else "")


class Archive:
    """Releases with agreement facts; also records the agreements for the expected edges."""

    def __init__(self):
        self.lines = []
        self.agreements = []  # (fact iri, kind, year, parties, concerned, doc id)

    def release(self, doc_id, lang, published):
        self.doc, self.doc_id = B + "doc/" + doc_id, doc_id
        self.graph = B + "graph/" + doc_id
        self.published = published
        self.add(self.doc, RDF_TYPE, f"<{SCHEMA}NewsArticle>")
        self.add(self.doc, DCT + "identifier", lit(doc_id))
        self.add(self.doc, DCT + "language", lit(lang))
        self.add(self.doc, SCHEMA + "datePublished", lit(published, XSD + "date"))

    def add(self, s, p, o):
        self.lines.append(f"<{s}> <{p}> {o} <{self.graph}> .")

    def org(self, key, label):
        iri = B + "org/" + key
        self.add(iri, RDF_TYPE, f"<{SCHEMA}Organization>")
        self.add(iri, LABEL, lit(label))
        return iri

    def country(self, iso, label):
        iri = B + "country/" + iso
        self.add(iri, RDF_TYPE, f"<{SCHEMA}Country>")
        self.add(iri, LABEL, lit(label))
        self.add(iri, PKG + "isoCode", lit(iso))
        return iri

    def agreement(self, key, kind, parties, concerned, date):
        f = f"{B}fact/{self.doc_id}/agreement-{key}"
        self.add(f, RDF_TYPE, f"<{PKG}Agreement>")
        self.add(f, PKG + "inDocument", f"<{self.doc}>")
        self.add(f, PKG + "kind", lit(kind))
        for p in parties:
            self.add(f, PKG + "party", f"<{p}>")
        for c in concerned:
            self.add(f, PKG + "country", f"<{c}>")
        if date:
            self.add(f, DCT + "date", lit(date, XSD + "gYearMonth"))
        year = (date or self.published)[:4]
        self.agreements.append((f, kind, year, sorted(set(parties)), sorted(set(concerned)), self.doc_id))

    def write(self, path):
        with open(path, "w", encoding="utf-8") as out:
            out.write("\n".join(self.lines) + "\n")


def hand_written():
    a = Archive()
    a.release("itu-2013-0516", "en", "2013-05-16")
    itu = a.org("itu", "ITU")
    a.org("itu", "International Telecommunication Union")
    gsma = a.org("gsma", "GSMA")
    gh = a.country("GH", "Ghana")
    a.agreement("1", "mou", [itu, gsma], [gh], "2013-05")
    a.release("itu-2014-0201", "en", "2014-02-01")
    unesco = a.org("unesco", "UNESCO")
    ke = a.country("KE", "Kenya")
    a.org("itu", "ITU")
    a.agreement("1", "partnership", [itu, unesco, ke], [], None)
    a.release("itu-2015-0909", "zh", "2015-09-09")
    a.org("itu", "国际电联")
    a.org("gsma", "全球移动通信系统协会")
    cn = a.country("CN", "中国")
    a.agreement("1", "agreement", [itu, gsma, cn], [], "2015-09")
    a.release("wb-2016-0301", "en", "2016-03-01")
    wb = a.org("worldbank", "World Bank")
    sn = a.country("SN", "Senegal")
    a.agreement("1", "agreement", [wb, sn], [], "2016-03")
    a.agreement("2", "mou", [wb, unesco], [sn, gh], "2016-02")
    return a


def generated(n_orgs=1100, n_countries=60, n_facts=1800, seed=2013):
    rnd = random.Random(seed)
    a = Archive()
    orgs = [B + f"org/g{i}" for i in range(n_orgs)]
    countries = [B + f"country/{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(n_countries)]
    for i in range(n_facts):
        a.release(f"gen-{i:05d}", "en" if i % 3 else "zh", f"{2010 + i % 8}-01-15")
        k = 2 if rnd.random() < 0.7 else 3
        # Mostly near neighbours, sometimes far: long chains (bridges) and a few hubs.
        base = rnd.randrange(n_orgs)
        parties = {orgs[(base + rnd.randrange(4)) % n_orgs] for _ in range(k)}
        if rnd.random() < 0.2:
            parties.add(orgs[rnd.randrange(40)])
        if rnd.random() < 0.15:
            parties.add(countries[rnd.randrange(n_countries)])
        concerned = [countries[rnd.randrange(n_countries)]] if rnd.random() < 0.5 else []
        for p in parties | set(concerned):
            if "/country/" in p:
                a.country(p.rsplit("/", 1)[1], "Land " + p.rsplit("/", 1)[1])
            else:
                a.org(p.rsplit("/", 1)[1], ("组织 " if i % 3 == 0 else "Org ") + p.rsplit("/", 1)[1])
        a.agreement("1", rnd.choice(["agreement", "mou", "partnership"]), sorted(parties), concerned,
                    f"{2010 + i % 8}-{1 + i % 12:02d}" if i % 5 else None)
    return a


def expected_edges(a, view="full", year_from=None, year_to=None, kinds=None):
    """Edges computed here, independently of presskg: {(iri, iri): set of fact iris}."""
    edges = {}

    def join(x, y, f):
        if x != y:
            edges.setdefault(tuple(sorted((x, y))), set()).add(f)

    for f, kind, year, parties, concerned, _ in a.agreements:
        if kinds and kind not in kinds:
            continue
        if year_from and int(year) < year_from or year_to and int(year) > year_to:
            continue
        orgs = [p for p in parties if "/org/" in p]
        pc = [p for p in parties if "/country/" in p]
        if view == "full":
            for i, x in enumerate(parties):
                for y in parties[i + 1:]:
                    join(x, y, f)
                for c in concerned:
                    join(x, c, f)
        elif view == "org-country":
            for o in orgs:
                for c in set(pc) | set(concerned):
                    join(o, c, f)
        else:
            for i, x in enumerate(orgs):
                for y in orgs[i + 1:]:
                    join(x, y, f)
    return edges


failures = []


def check(cond, message):
    if not cond:
        failures.append(message)
        print("FAIL:", message)


def run(*args):
    r = subprocess.run([PRESSKG, "network", *args], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr)
    return r


def graph_edges(path):
    G = nx.read_graphml(path)
    iri = {n: d["iri"] for n, d in G.nodes(data=True)}
    return G, {tuple(sorted((iri[u], iri[v]))): d for u, v, d in G.edges(data=True)}


with tempfile.TemporaryDirectory() as tmp:
    for name, archive in (("hand", hand_written()), ("generated", generated())):
        nq = os.path.join(tmp, name + ".nq")
        archive.write(nq)
        gml = os.path.join(tmp, name + ".graphml")
        metrics_csv = os.path.join(tmp, name + "-metrics.csv")
        r = run(nq, "-o", gml, "--metrics", metrics_csv)
        check(r.returncode == 0, f"{name}: graphml exit {r.returncode}")
        G, got = graph_edges(gml)
        want = expected_edges(archive)
        check(set(got) == set(want), f"{name}: edge set differs ({len(got)} vs {len(want)} expected)")
        for e, facts in want.items():
            if e in got:
                check(got[e]["weight"] == len(facts), f"{name}: weight of {e}")
                check(got[e]["agreements"] == ";".join(sorted(facts)), f"{name}: agreements of {e}")
        if name == "generated":
            check(G.number_of_nodes() >= 1000, f"generated network has {G.number_of_nodes()} vertices")
        # Every metric against networkx, and the picture.
        svg = os.path.join(tmp, name + ".svg")
        r = run(nq, "--format", "svg", "-o", svg)
        check(r.returncode == 0, f"{name}: svg exit {r.returncode}")
        check(nx_oracle.main(["nx_oracle.py", gml] + (["--svg", svg] if os.path.exists(svg) else [])) == 0,
              f"{name}: networkx oracle")
        # The CSV metrics are the GraphML metrics.
        with open(metrics_csv, encoding="utf-8") as fh:
            rows = {row["id"]: row for row in csv.DictReader(fh)}
        check(len(rows) == G.number_of_nodes(), f"{name}: metrics csv rows")
        for n, d in G.nodes(data=True):
            row = rows.get(n)
            if row is None or float(row["betweenness"]) != d["betweenness"] or \
                    float(row["pagerank"]) != d["pagerank"] or int(row["core"]) != d["core"]:
                check(False, f"{name}: csv metrics of {n} differ from graphml")
                break
        # DOT parses in Graphviz; CSV edges file sits next to the nodes file.
        dot = os.path.join(tmp, name + ".dot")
        check(run(nq, "-o", dot).returncode == 0, f"{name}: dot")
        g = subprocess.run(["gc", "-n", "-e", dot], capture_output=True, text=True)  # parse, no layout
        counts = g.stdout.split()[:2]
        check(g.returncode == 0 and counts == [str(G.number_of_nodes()), str(G.number_of_edges())],
              f"{name}: graphviz reads the DOT: {g.stdout[:100]} {g.stderr[:200]}")
        edges_csv = os.path.join(tmp, name + "-edges.csv")
        check(run(nq, "--format", "csv", "-o", edges_csv).returncode == 0, f"{name}: csv")
        with open(edges_csv, encoding="utf-8") as fh:
            check(sum(1 for _ in csv.DictReader(fh)) == len(want), f"{name}: edges csv rows")
        check(os.path.exists(os.path.join(tmp, name + "-edges.nodes.csv")), f"{name}: nodes csv beside edges")

        # Views and filters, against the independent computation.
        for view in ("org-country", "org-org"):
            out = os.path.join(tmp, f"{name}-{view}.graphml")
            check(run(nq, "--view", view, "-o", out).returncode == 0, f"{name}: view {view}")
            Gv, got = graph_edges(out)
            check(set(got) == set(expected_edges(archive, view)), f"{name}: edges of view {view}")
            if view == "org-org":
                check(all(d["kind"] == "organization" for _, d in Gv.nodes(data=True)), "org-org kinds")
            if name == "hand":  # metrics on large graphs: the full view above and the unit tests
                check(nx_oracle.main(["nx_oracle.py", out]) == 0, f"{name}: oracle on view {view}")
        out = os.path.join(tmp, name + "-filtered.graphml")
        check(run(nq, "--from", "2014", "--to", "2015", "--kind", "agreement,partnership", "-o", out).returncode == 0,
              f"{name}: filters")
        _, got = graph_edges(out)
        check(set(got) == set(expected_edges(archive, "full", 2014, 2015, {"agreement", "partnership"})),
              f"{name}: filtered edges")

    # Labels: the most used label by default, the release language when asked.
    nq = os.path.join(tmp, "hand.nq")
    for lang, want in (("", "ITU"), ("zh", "国际电联")):
        out = os.path.join(tmp, f"labels{lang}.graphml")
        run(nq, "-o", out, *(["--lang", lang] if lang else []))
        G = nx.read_graphml(out)
        got = [d["label"] for _, d in G.nodes(data=True) if d["iri"] == B + "org/itu"]
        check(got == [want], f"label with --lang '{lang}': {got}")
        check(any("International Telecommunication Union" in d["labels"] for _, d in G.nodes(data=True)),
              "all labels kept")
    svg = os.path.join(tmp, "zh.svg")
    run(nq, "--lang", "zh", "-o", svg)
    with open(svg, encoding="utf-8") as fh:
        check("国际电联" in fh.read(), "Chinese label in the SVG")

    # Country filter and errors.
    out = os.path.join(tmp, "sn.graphml")
    run(nq, "--country", "SN", "-o", out)
    G = nx.read_graphml(out)
    check(sorted(d["iri"].rsplit("/", 1)[1] for _, d in G.nodes(data=True)) == ["GH", "SN", "unesco", "worldbank"],
          "country filter")
    check(run(nq, "--view", "nope").returncode == 2, "bad view is a usage error")
    check(run(nq, "--kind", "treaty").returncode == 2, "bad kind is an error")
    check(run(os.path.join(tmp, "missing.nq")).returncode == 2, "missing input is an error")

    # The same network from an embedded store.
    store = os.path.join(tmp, "store")
    r = subprocess.run([PRESSKG, "load", nq, "--store", store], capture_output=True, text=True)
    if r.returncode != 0:
        print("store not checked: presskg load failed:", r.stderr.strip()[:300])
    else:
        a = os.path.join(tmp, "from-file.graphml")
        b = os.path.join(tmp, "from-store.graphml")
        run(nq, "-o", a)
        check(run("--store", store, "-o", b).returncode == 0, "network --store")
        with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
            check(fa.read() == fb.read(), "network from the store equals network from the file")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("ok")
