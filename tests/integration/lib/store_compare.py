#!/usr/bin/python3
"""Helpers for the store integration tests (run with /usr/bin/python3: Debian's rdflib).

    store_compare.py rdflib-query QUERY.rq DATA.nq...   SPARQL CSV of QUERY over the union of DATA's graphs
    store_compare.py quads [--graph-prefix P] DATA.nq... CSV g,s,p,o of DATA (what a graph dump should give),
                                                        only graphs starting with P if given
    store_compare.py compare NAME A.csv B.csv            exit 1 with a diff unless A and B hold the same rows

Rows are compared as sets: engines differ on how often a row repeats when the same triple sits in
several graphs (Virtuoso and Redland's GRAPH-free union repeat it, rdflib does not), and the
contract queries are not DISTINCT.
"""
import csv
import io
import sys

from rdflib import Dataset


def load(paths):
    ds = Dataset(default_union=True)
    for p in paths:
        ds.parse(p, format="nquads" if p.endswith(".nq") else "trig")
    return ds


def write_rows(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    sys.stdout.write(out.getvalue())


def rdflib_query(query_path, data):
    ds = load(data)
    res = ds.query(open(query_path, encoding="utf-8").read())
    header = [str(v) for v in res.vars]
    rows = [["" if v is None else str(v) for v in row] for row in res]
    write_rows(header, rows)


def quads(data, prefix=""):
    # Filtered here, not with grep on the CSV: a literal may hold a newline (a multi-line record).
    ds = load(data)
    rows = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        if gid is None or str(gid) == "urn:x-rdflib:default" or not str(gid).startswith(prefix):
            continue
        rows.append([str(gid), str(s), str(p), str(o)])
    write_rows(["g", "s", "p", "o"], sorted(rows))


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0] if rows else [], {tuple(r) for r in rows[1:]}


def compare(name, a, b):
    ha, ra = read_rows(a)
    hb, rb = read_rows(b)
    if ha != hb:
        print("%s: headers differ: %s vs %s" % (name, ha, hb))
        return 1
    if ra != rb:
        print("%s: %d vs %d distinct rows; only in %s: %s; only in %s: %s" % (
            name, len(ra), len(rb), a, sorted(ra - rb)[:5], b, sorted(rb - ra)[:5]))
        return 1
    if not ra:
        print("%s: no rows at all (the fixture should produce some)" % name)
        return 1
    print("%s: %d distinct rows agree" % (name, len(ra)))
    return 0


def main():
    cmd = sys.argv[1]
    if cmd == "rdflib-query":
        rdflib_query(sys.argv[2], sys.argv[3:])
    elif cmd == "quads":
        args = sys.argv[2:]
        if args[:1] == ["--graph-prefix"]:
            quads(args[2:], args[1])
        else:
            quads(args)
    elif cmd == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
