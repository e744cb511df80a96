#!/usr/bin/python3
"""presskg validate vs rdf-validate-shacl (npm) on the project's shapes and the fixtures in
tests/unit/shacl/fixtures: same sh:conforms and the same multiset of (focus, path, component, value)
results. conforming-*.ttl must conform and violating-*.ttl must not, in both engines. The graph
`presskg extract --keep-invalid` makes from samples/ is compared too (engines must agree; whether it
conforms is the extractor's business)."""
import collections
import glob
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import rdflib
    from rdflib.namespace import RDF
except ImportError:
    print("skipped: rdflib missing (/usr/bin/python3 with python3-rdflib)")
    sys.exit(77)

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
src = os.environ.get("PRESSKG_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
presskg = os.environ.get("PRESSKG")
node_modules = os.path.join(src, "tests/oracles/node_modules")
if not presskg or not os.path.exists(presskg):
    print("skipped: PRESSKG (the built presskg binary) not set")
    sys.exit(77)
if not shutil.which("node") or not os.path.isdir(os.path.join(node_modules, "rdf-validate-shacl")):
    print("skipped: node or tests/oracles/node_modules/rdf-validate-shacl missing")
    sys.exit(77)


def render_path(g, p):
    if isinstance(p, rdflib.URIRef):
        return "<%s>" % p
    if (p, RDF.first, None) in g:
        return "(" + "/".join(render_path(g, x) for x in rdflib.collection.Collection(g, p)) + ")"
    for pred, fmt in ((SH.inversePath, "^%s"), (SH.zeroOrMorePath, "%s*"), (SH.oneOrMorePath, "%s+"),
                      (SH.zeroOrOnePath, "%s?")):
        inner = g.value(p, pred)
        if inner is not None:
            return fmt % render_path(g, inner)
    alt = g.value(p, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(render_path(g, x) for x in rdflib.collection.Collection(g, alt)) + ")"
    return "?"


def results(g):
    reports = list(g.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1, "expected one sh:ValidationReport, got %d" % len(reports)
    conforms = g.value(reports[0], SH.conforms).toPython()
    out = collections.Counter()
    for r in g.objects(reports[0], SH.result):
        path = g.value(r, SH.resultPath)
        value = g.value(r, SH.value)
        out[(g.value(r, SH.focusNode).n3(), render_path(g, path) if path is not None else "",
             g.value(r, SH.sourceConstraintComponent).n3(), value.n3() if value is not None else "")] += 1
    return conforms, out


shapes_dir = os.path.join(src, "shapes")
shapes_files = sorted(glob.glob(os.path.join(shapes_dir, "*.ttl")))
fixtures = sorted(glob.glob(os.path.join(src, "tests/unit/shacl/fixtures/*.ttl")))
failures = 0
with tempfile.TemporaryDirectory() as tmp:
    shapes_all = os.path.join(tmp, "shapes.ttl")
    with open(shapes_all, "w") as f:  # the oracle runner takes one shapes file
        for s in shapes_files:
            f.write(open(s, encoding="utf-8").read() + "\n")
    inputs = [(fx, not os.path.basename(fx).startswith("violating")) for fx in fixtures]
    extracted = os.path.join(tmp, "samples-extracted.nq")
    e = subprocess.run([presskg, "extract", os.path.join(src, "samples"), "-o", extracted, "--keep-invalid"],
                       capture_output=True, text=True)
    if e.returncode == 0 and os.path.exists(extracted):
        inputs.append((extracted, None))
    else:
        print("note: presskg extract samples/ failed (exit %d), extracted graph not compared" % e.returncode)
    for fx, want in inputs:
        name = os.path.basename(fx)
        report = os.path.join(tmp, name + ".report.ttl")
        p = subprocess.run([presskg, "validate", fx, "--shapes", shapes_dir, "--report", report, "--quiet"],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            print("FAIL %s: presskg exit %d: %s" % (name, p.returncode, p.stderr))
            failures += 1
            continue
        ours = rdflib.Graph().parse(report, format="turtle")
        o = subprocess.run(["node", os.path.join(src, "tests/integration/shacl_oracle.mjs"), shapes_all, fx],
                           capture_output=True, text=True, env=dict(os.environ, NODE_PATH=node_modules))
        if o.returncode != 0:
            print("FAIL %s: oracle: %s" % (name, o.stderr))
            failures += 1
            continue
        theirs = rdflib.Graph().parse(data=o.stdout, format="nt")
        c1, r1 = results(ours)
        c2, r2 = results(theirs)
        ok = c1 == c2 and (want is None or c1 == want) and r1 == r2 and (p.returncode == 0) == c1
        print("%s %s: presskg conforms=%s results=%d, rdf-validate-shacl conforms=%s results=%d"
              % ("ok  " if ok else "FAIL", name, c1, sum(r1.values()), c2, sum(r2.values())))
        if not ok:
            failures += 1
            for k in sorted(set(r1) | set(r2)):
                if r1[k] != r2[k]:
                    print("   presskg %d, oracle %d: %s" % (r1[k], r2[k], k))
if len(fixtures) < 2:
    print("FAIL: fixtures missing")
    failures += 1
sys.exit(1 if failures else 0)
