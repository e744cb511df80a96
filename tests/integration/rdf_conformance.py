#!/usr/bin/env python3
"""RDF conformance of presskg's writers, checked by independent tools.

A fixture of hostile strings (quotes, backslashes, newlines, control characters, invalid UTF-8,
characters IRIs exclude) is built through the library by `test_write "[.fixture]"` and written in
every format. Then:
  1. every format parses in rdflib, and Turtle/N-Triples/N-Quads/TriG in N3.js, JSON-LD in jsonld.js
     (toRDF), and all of them give the same quads as the TriG (graphs dropped for triple-only
     formats; for RDF/XML, with the control characters XML cannot carry replaced by U+FFFD);
  2. the same input built again (another run), or split into two shards whose outputs are
     concatenated, gives the same set of quads, run metadata aside;
  3. queries/facts-*.rq return the same rows in rdflib (Dataset, default_union), Oxigraph and
     Redland (roqet), and the rows the fixture states;
  4. docs/ontology.md is up to date with ontology/presskg.ttl (scripts/gen-ontology-doc --check),
     and every pkg: term the graph or the JSON-LD context uses is defined in the ontology;
  5. with the presskg binary: the fixture conforms to shapes/ (presskg validate), and presskg's
     output for samples/ parses in rdflib in every format, all formats agreeing.
Exit 77 (skipped) when test_write is not built or node/roqet are missing.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import rdflib
from rdflib import BNode, Literal, URIRef

rdflib.NORMALIZE_LITERALS = False  # compare lexical forms exactly
# rdflib 6.1 decodes N-Triples/N-Quads escapes with sequential str.replace calls, so an escaped
# backslash followed by "n" ("\\\\n") comes out as a backslash and a newline (its validating mode
# rejects non-ASCII literals instead). The oracle gets a one-pass decoder; everything else in
# rdflib's parser is used as is.
import rdflib.plugins.parsers.ntriples as _rdflib_nt  # noqa: E402

_NT_ESC = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_NT_CHARS = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _decode_nt_escapes(text):
    if "\\" not in text:
        return text
    return _NT_ESC.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                       else _NT_CHARS.get(m.group(3), "\\" + m.group(3)), text)


_rdflib_nt.decodeUnicodeEscape = _decode_nt_escapes
if hasattr(rdflib.term, "_NORMALIZE_LITERALS"):
    rdflib.term._NORMALIZE_LITERALS = False

SRC = os.environ.get("PRESSKG_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUILD = os.environ.get("PRESSKG_BUILD_DIR", os.path.join(SRC, "build"))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
PROV = "http://www.w3.org/ns/prov#"
PKG = "https://w3id.org/presskg/ontology#"
NONE = ("", "", "", "")
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}
TRIPLE_ONLY = {"ttl", "nt", "rdfxml"}

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)
    return cond


def term(t):
    if t is None:
        return NONE
    if isinstance(t, URIRef):
        return ("iri", str(t), "", "")
    if isinstance(t, BNode):
        return ("blank", str(t), "", "")
    if isinstance(t, Literal):
        dt = str(t.datatype) if t.datatype is not None else ""
        if dt in (XSD_STRING, RDF_LANGSTRING):
            dt = ""
        return ("literal", str(t), dt, (t.language or "").lower())
    return ("iri", str(t), "", "")


def rdflib_quads(path, fmt):
    """Quads of a file as a set of term tuples; the default graph is NONE."""
    if fmt in TRIPLE_ONLY:
        g = rdflib.Graph()
        g.parse(path, format=RDFLIB_FORMATS[fmt])
        return {(term(s), term(p), term(o), NONE) for s, p, o in g}
    ds = rdflib.Dataset()
    ds.parse(path, format=RDFLIB_FORMATS[fmt])
    out = set()
    for s, p, o, ctx in ds.quads((None, None, None, None)):
        gid = ctx.identifier if hasattr(ctx, "identifier") else ctx
        # rdflib names the default graph of a parsed file after the file.
        default = gid is None or str(gid) == str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID) or str(gid).startswith("file://")
        gterm = NONE if default else term(gid)
        out.add((term(s), term(p), term(o), gterm))
    return out


def as_tuples(quads):
    return {tuple(tuple(x) for x in q) for q in quads}


def drop_graphs(quads):
    return {(s, p, o, NONE) for s, p, o, _ in quads}


XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(quads):
    out = set()
    for s, p, o, g in quads:
        if o[0] == "literal":
            o = (o[0], XML_BAD.sub("\ufffd", o[1]), o[2], o[3])
        out.add((s, p, o, g))
    return out


def diff(a, b, limit=5):
    lines = ["  only in first:  %r" % (x,) for x in list(a - b)[:limit]]
    lines += ["  only in second: %r" % (x,) for x in list(b - a)[:limit]]
    return "\n".join(lines)


def without_runs(quads, runs):
    """Run metadata aside: the run nodes, what points at them, the agent they name."""
    out = set()
    for s, p, o, g in quads:
        if s[1] in runs or o[1] in runs:
            continue
        if s[1].startswith(SRC) or "/agent/" in s[1]:
            continue
        out.add((s, p, o, g))
    return out


def node(*args):
    env = dict(os.environ, PRESSKG_SOURCE_DIR=SRC)
    r = subprocess.run(["node", os.path.join(SRC, "tests", "integration", "rdf_conformance.mjs"), *args],
                       capture_output=True, text=True, env=env, timeout=240)
    if r.returncode != 0:
        check(False, "node %s failed: %s" % (args[0], r.stderr[-2000:]))
        return {}
    return json.loads(r.stdout)


def rows_rdflib(data, query):
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data, format="nquads")
    res = ds.query(query)
    return [{str(v): (None if row[i] is None else str(row[i])) for i, v in enumerate(res.vars)} for row in res]




def tsv_value(field):
    """The value of one SPARQL TSV term (<iri>, _:b, "lex" with escapes, optionally ^^<dt> or @lang)."""
    if field == "":
        return None
    if field.startswith("<") and field.endswith(">"):
        return _decode_nt_escapes(field[1:-1])
    if field.startswith("_:"):
        return field[2:]
    if field.startswith('"'):
        end = field.rindex('"')
        return _decode_nt_escapes(field[1:end])
    return field  # bare numbers and booleans


def rows_roqet(data, qfile):
    # TSV: roqet's JSON writer is not built in Debian's rasqal, and its XML writer cannot carry
    # control characters; TSV escapes every character.
    r = subprocess.run(["roqet", "-q", "-i", "sparql", "-D", data, "-r", "tsv", qfile],
                       capture_output=True, timeout=120)
    if r.returncode != 0:
        check(False, "roqet failed on %s: %s" % (qfile, r.stderr.decode("utf-8", "replace")[-2000:]))
        return []
    lines = r.stdout.decode("utf-8").split("\n")
    names = [v.lstrip("?") for v in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        if not line:
            continue
        fields = line.split("\t")
        rows.append({n: tsv_value(fields[i]) if i < len(fields) else None for i, n in enumerate(names)})
    return rows


def canon_rows(rows, names):
    return sorted(tuple("\x00unbound" if r.get(n) is None else r[n] for n in names) for r in rows)


def main():
    test_write = os.path.join(BUILD, "tests", "test_write")
    if not os.path.exists(test_write):
        print("skipped: %s not built" % test_write)
        return 77
    for tool in ("node", "roqet"):
        if shutil.which(tool) is None:
            print("skipped: %s not installed" % tool)
            return 77

    tmp = tempfile.mkdtemp(prefix="presskg_rdfconf_")
    try:
        r = subprocess.run([test_write, "[.fixture]"], env=dict(os.environ, PRESSKG_FIXTURE_DIR=tmp),
                           capture_output=True, text=True, timeout=120)
        if not check(r.returncode == 0, "fixture writer failed:\n" + r.stdout[-3000:]):
            return 1
        run_check(tmp)
        check_ontology(tmp)
        run_shapes(tmp)
        run_samples(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("rdf_conformance: all checks passed")
    return 0


def run_check(tmp):
    f = lambda name: os.path.join(tmp, name)
    # 1. rdflib parses every format; all agree with the TriG.
    ref = rdflib_quads(f("all.trig"), "trig")
    check(len(ref) > 150, "fixture too small: %d quads" % len(ref))
    check(all(q[0][0] != "blank" for q in ref), "fixture unexpectedly has blank nodes")
    named = {q[3] for q in ref if q[3] != NONE}
    check(len(named) == 2, "expected 2 release graphs, got %d" % len(named))
    # Hostile text survived: invalid UTF-8 became U+FFFD, control characters and quotes kept.
    texts = [q[2][1] for q in ref if q[2][0] == "literal"]
    check(any("\ufffd" in t for t in texts), "no U+FFFD for the invalid UTF-8")
    check(any("\x01\x02" in t for t in texts), "control characters lost")
    check(any('"glad"' in t for t in texts), "quotes lost")
    check(any("Line one\nline two \\ end" == t for t in texts), "newline/backslash quote lost")
    check(not any(re.search("[\ud800-\udfff]", t) for t in texts), "surrogates in output")
    for fmt in ("ttl", "nt", "nq", "jsonld", "rdfxml"):
        try:
            got = rdflib_quads(f("all." + fmt), fmt)
        except Exception as e:  # noqa: BLE001 - any parser error is a failure to report
            check(False, "rdflib cannot parse all.%s: %s" % (fmt, e))
            continue
        want = drop_graphs(ref) if fmt in TRIPLE_ONLY else ref
        if fmt == "rdfxml":
            want = xml_safe(want)
        check(got == want, "rdflib: all.%s differs from all.trig\n%s" % (fmt, diff(got, want)))

    # N3.js and jsonld.js agree with rdflib's reading of the TriG.
    parsed = node("parse", *[f("all." + x) for x in ("ttl", "nt", "nq", "trig", "jsonld")])
    for fmt in ("ttl", "nt", "nq", "trig", "jsonld"):
        key = f("all." + fmt)
        if not check(key in parsed, "node did not parse all.%s" % fmt):
            continue
        got = as_tuples(parsed[key])
        want = drop_graphs(ref) if fmt in TRIPLE_ONLY else ref
        tool = "jsonld.js toRDF" if fmt == "jsonld" else "N3.js"
        check(got == want, "%s: all.%s differs from rdflib's all.trig\n%s" % (tool, fmt, diff(got, want)))

    # 2. Determinism: another run, and two shards, give the same quads (run metadata aside).
    runs = {q[0][1] for q in rdflib_quads(f("runs.nt"), "nt")}
    base = without_runs(rdflib_quads(f("all.nq"), "nq"), runs)
    again = without_runs(rdflib_quads(f("again.nq"), "nq"), runs)
    check(again == base, "second run differs\n" + diff(again, base))
    shards = without_runs(rdflib_quads(f("shard1.nq"), "nq") | rdflib_quads(f("shard2.trig"), "trig"), runs)
    check(shards == base, "two shards differ from one run\n" + diff(shards, base))
    check(len(base) < len(rdflib_quads(f("all.nq"), "nq")), "run metadata not found")

    # 3. The query contract: same rows in rdflib, Oxigraph and Redland; the rows the fixture states.
    qdir = os.path.join(SRC, "queries")
    qfiles = sorted(os.path.join(qdir, q) for q in os.listdir(qdir) if re.match(r"facts-.*\.rq$", q))
    check(len(qfiles) == 5, "expected 5 contract queries, found %d" % len(qfiles))
    oxi = node("query", f("all.nq"), *qfiles)
    results = {}
    for q in qfiles:
        text = open(q, encoding="utf-8").read()
        names = re.search(r"SELECT\s+(.*?)\s+WHERE", text, re.S | re.I).group(1).replace("?", "").split()
        a = canon_rows(rows_rdflib(f("all.nq"), text), names)
        b = canon_rows(oxi.get(q, []), names)
        c = canon_rows(rows_roqet(f("all.nq"), q), names)
        name = os.path.basename(q)
        check(len(a) > 0, "%s: no rows" % name)
        check(a == b, "%s: rdflib and Oxigraph differ\n%s" % (name, diff(set(a), set(b))))
        check(a == c, "%s: rdflib and Redland differ\n%s" % (name, diff(set(a), set(c))))
        results[name] = [dict(zip(names, r)) for r in a]

    def has(qname, **want):
        ok = any(all(r.get(k) == v for k, v in want.items()) for r in results.get(qname, []))
        check(ok, "%s: no row with %r" % (qname, want))

    en = 'en/hostile a b>c"d{e}|^`\\'
    zh = "zh/新闻稿 2013#1"
    has("facts-agreements.rq", doc=en, kind="mou", party="Ghana", country="GH", date="2013-05")
    has("facts-agreements.rq", doc=en, party='International "Union" <of> Tele\\coms', country="CH")
    has("facts-agreements.rq", doc=zh, kind="agreement", party="国际电信联盟", country="\x00unbound", date="2013-09-09")
    has("facts-quotes.rq", doc=en, person="Brahima Sanou", role="Director\tof the Bureau \x01\x02",
        org="Bureau {x} | y ^ z `w`", quote='We are "glad"')
    has("facts-quotes.rq", doc=en, person="Sanou", quote="Line one\nline two \\ end", role="\x00unbound")
    has("facts-roles.rq", doc=en, role="Director", org="<the> {team}")
    has("facts-events.rq", doc=en, name="WSIS Forum", start="2013-05-13", end="2013-05-17", place="Geneva", country="CH")
    has("facts-datelines.rq", doc=en, date="2013-05-16", place="GENEVA", country="CH")
    has("facts-datelines.rq", doc=zh, date="2013-09-09", place="北京", country="CN")
    has("facts-events.rq", doc=zh, name="中国数字经济论坛", start="2013-09", end="\x00unbound", place="中国", country="CN")


def check_ontology(tmp):
    """docs/ontology.md is generated from the ontology and up to date; every pkg: term the graph
    uses is defined there; the JSON-LD context names only defined pkg: terms."""
    r = subprocess.run([os.path.join(SRC, "scripts", "gen-ontology-doc"), "--check"], capture_output=True, text=True)
    check(r.returncode == 0, "gen-ontology-doc --check: " + r.stderr.strip())
    onto = rdflib.Graph()
    onto.parse(os.path.join(SRC, "ontology", "presskg.ttl"), format="turtle")
    defined = {str(s) for s in onto.subjects() if str(s).startswith(PKG)}
    used = set()
    for q in rdflib_quads(os.path.join(tmp, "all.trig"), "trig"):
        for t in (q[1], q[2]):
            if t[0] == "iri" and t[1].startswith(PKG):
                used.add(t[1])
    check(used and used <= defined, "pkg: terms used but not in the ontology: %s" % sorted(used - defined))
    ctx = json.load(open(os.path.join(SRC, "ontology", "context.jsonld"), encoding="utf-8"))["@context"]
    for key, value in ctx.items():
        iri = value if isinstance(value, str) else value.get("@id", "") if isinstance(value, dict) else ""
        if iri.startswith("pkg:"):
            check(PKG + iri[4:] in defined, "context term %s names undefined %s" % (key, iri))


def run_shapes(tmp):
    """The fixture (every fact family, hostile text) conforms to shapes/ (presskg validate)."""
    presskg = os.environ.get("PRESSKG", "")
    if not (presskg and os.path.exists(presskg) and os.path.isdir(os.path.join(SRC, "shapes"))):
        print("note: shapes check skipped (no presskg binary or no shapes/)")
        return
    r = subprocess.run([presskg, "validate", os.path.join(tmp, "all.nq"), "--shapes", os.path.join(SRC, "shapes")],
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, "fixture does not conform to shapes/ (exit %d):\n%s" % (r.returncode, (r.stdout + r.stderr)[-3000:]))


def run_samples(tmp):
    """presskg extract over samples/ in every format, when the binary and samples exist."""
    presskg = os.environ.get("PRESSKG", "")
    samples = os.path.join(SRC, "samples")
    if not (presskg and os.path.exists(presskg) and os.path.isdir(samples) and os.listdir(samples)):
        print("note: samples check skipped (no presskg binary or no samples/)")
        return
    outs = {}
    for fmt in ("trig", "ttl", "nt", "nq", "jsonld"):
        out = os.path.join(tmp, "samples." + fmt)
        r = subprocess.run([presskg, "extract", samples, "-o", out, "--format", fmt, "--keep-going"],
                           capture_output=True, text=True, timeout=300)
        if r.returncode not in (0, 1) or not os.path.exists(out):
            print("note: samples check skipped (presskg extract exit %d: %s)" % (r.returncode, r.stderr[-500:]))
            return
        try:
            outs[fmt] = rdflib_quads(out, fmt)
        except Exception as e:  # noqa: BLE001
            check(False, "rdflib cannot parse samples.%s: %s" % (fmt, e))
            return
    # Run metadata differs between the five runs: compare the release graphs only; triple-only
    # formats must hold exactly the release triples plus run metadata.
    def releases(qs):
        return {q for q in qs if q[3] != NONE}

    def is_run_metadata(q):
        return "/run/" in q[0][1] or "/agent/" in q[0][1] or q[1][1] == PROV + "wasGeneratedBy"

    ref = releases(outs["trig"])
    check(len(ref) > 0, "samples: no release graphs in samples.trig")
    check(all(is_run_metadata(q) for q in outs["trig"] - ref), "samples.trig: default-graph quads beyond run metadata")
    for fmt in ("nq", "jsonld"):
        check(releases(outs[fmt]) == ref, "samples.%s differs from samples.trig\n%s" % (fmt, diff(releases(outs[fmt]), ref)))
    for fmt in ("ttl", "nt"):
        got = {q for q in outs[fmt] if not is_run_metadata(q)}
        check(got == drop_graphs(ref), "samples.%s differs from samples.trig\n%s" % (fmt, diff(got, drop_graphs(ref))))
    print("samples: %d quads in %d release graphs" % (len(ref), len({q[3] for q in ref})))

    # The same files as one run or as two shards (concatenated N-Quads): the same release quads.
    files = sorted(os.path.join(samples, f) for f in os.listdir(samples) if f.endswith(".txt"))
    if len(files) >= 2:
        half = len(files) // 2
        parts = {}
        for name, inputs in (("whole", files), ("shard1", files[:half]), ("shard2", files[half:])):
            out = os.path.join(tmp, "samples-%s.nq" % name)
            r = subprocess.run([presskg, "extract", *inputs, "-o", out, "--keep-going"],
                               capture_output=True, text=True, timeout=300)
            if not check(r.returncode in (0, 1) and os.path.exists(out), "extract %s failed: %s" % (name, r.stderr[-500:])):
                return
            parts[name] = releases(rdflib_quads(out, "nq"))
        check(parts["shard1"] | parts["shard2"] == parts["whole"],
              "two shards differ from one run\n" + diff(parts["shard1"] | parts["shard2"], parts["whole"]))


if __name__ == "__main__":
    sys.exit(main())
