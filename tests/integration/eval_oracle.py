#!/usr/bin/env python3
"""An independent scorer as oracle for `presskg eval --rdf`.

presskg extracts the dev corpus (and the samples) to N-Quads; this script reads the quads with
rdflib, rebuilds the facts itself (SPARQL over each release's named graph, docs/vocabulary.md),
scores them with its own implementation of ../shared/corpus/GOLD.md matching (Python's NFKC and
casefold, its own bipartite matching and quote positions), and requires the same tp / tp_pred /
fp / fn / ignored per fact type as `presskg eval --rdf --json`. Exit 77 when there is no corpus.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

import rdflib

PRESSKG = os.environ.get("PRESSKG")
SRC = os.environ.get("PRESSKG_SOURCE_DIR", ".")
SHARED = os.environ.get("PRESSKG_SHARED_DIR", os.path.join(SRC, "..", "shared"))
TYPES = ["agreement", "quote", "role", "event", "dateline"]
PUNCT = set("·•‧・．.-'’\"“”「」（）()《》〈〉:：,，、")
CJK = re.compile("[\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
                 "\u3105-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\u1100-\u11ff\uac00-\ud7af\uf900-\ufaff"
                 "\U00020000-\U0003134f]")


def key(s):
    s = unicodedata.normalize("NFKC", s or "").casefold()
    return "".join(c for c in s if not c.isspace() and c not in PUNCT)


def keys_match(p, g):
    if not p or not g:
        return False
    if p == g:
        return True
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    return len(short) >= (2 if CJK.search(short) else 3) and short in long_


def names_match(pred, gold):
    gk = [key(x) for x in gold]
    return any(keys_match(key(p), g) for p in pred for g in gk)


def opt_names(pred, gold):
    return not pred if not gold else names_match(pred, gold)


def opt_text(pred, gold):
    return not (pred or "").strip() if not (gold or "").strip() else names_match([pred or ""], [gold])


def dates_agree(a, b):
    a, b = (a or "").strip(), (b or "").strip()
    return not a or not b or a.startswith(b) or b.startswith(a)


def max_matching(adj, n_right):
    owner = [-1] * n_right

    def augment(l, seen):
        for r in adj[l]:
            if r in seen:
                continue
            seen.add(r)
            if owner[r] < 0 or augment(owner[r], seen):
                owner[r] = l
                return True
        return False

    for l in range(len(adj)):
        augment(l, set())
    left = [-1] * len(adj)
    for r, l in enumerate(owner):
        if l >= 0:
            left[l] = r
    return left


# ---- facts from RDF ------------------------------------------------------------------------

PREFIXES = """PREFIX pkg: <https://w3id.org/presskg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>"""


def facts_from_rdf(path):
    ds = rdflib.Dataset()
    ds.parse(path, format="nquads")
    kinds = {"Agreement": "agreement", "Quote": "quote", "RoleFact": "role", "EventFact": "event", "Dateline": "dateline"}
    facts = []
    for g in ds.graphs():
        def one(s, p):
            for o in g.objects(s, p):
                return str(o)
            return ""

        def labels(node):
            return sorted({str(o) for o in g.objects(node, rdflib.RDFS.label)})

        pkg = rdflib.Namespace("https://w3id.org/presskg/ontology#")
        sch = rdflib.Namespace("http://schema.org/")
        dct = rdflib.Namespace("http://purl.org/dc/terms/")
        orgns = rdflib.Namespace("http://www.w3.org/ns/org#")

        def iso_of(node):
            return one(node, pkg.isoCode)

        def place_of(node):
            c = iso_of(node)
            if not c:
                for cn in g.objects(node, pkg.country):
                    c = iso_of(cn)
            return labels(node), c

        for cls, t in kinds.items():
            for f in g.subjects(rdflib.RDF.type, pkg[cls]):
                doc = ""
                for d in g.objects(f, pkg.inDocument):
                    doc = one(d, dct.identifier)
                x = {"type": t, "doc": doc, "rule": one(f, pkg.rule)}
                if t == "agreement":
                    x["kind"] = one(f, pkg.kind)
                    x["parties"] = [labels(p) for p in g.objects(f, pkg.party)]
                    x["countries"] = sorted({iso_of(c) for c in g.objects(f, pkg.country)} - {""})
                    x["date"] = one(f, dct.date)
                elif t in ("quote", "role"):
                    sp = pkg.speaker if t == "quote" else orgns.member
                    og = pkg.roleOrganization if t == "quote" else orgns.organization
                    x["person"] = [l for p in g.objects(f, sp) for l in labels(p)]
                    x["org"] = [l for o in g.objects(f, og) for l in labels(o)]
                    x["role"] = one(f, pkg.roleName)
                    x["quote"] = one(f, sch.text)
                elif t == "event":
                    x["name"] = sorted({str(o) for o in g.objects(f, sch.name)})
                    x["start"], x["end"] = one(f, sch.startDate), one(f, sch.endDate)
                    x["place"], x["country"] = [], ""
                    for pl in g.objects(f, sch.location):
                        x["place"], x["country"] = place_of(pl)
                else:
                    x["date"] = one(f, dct.date)
                    x["place"], x["country"] = [], ""
                    for pl in g.objects(f, sch.location):
                        x["place"], x["country"] = place_of(pl)
                facts.append(x)
    return facts


# ---- the GOLD.md matching ------------------------------------------------------------------

def matches(t, g, p):
    if t == "agreement":
        if len(p["parties"]) > len(g["parties"]) + 1:
            return False
        adj = [[j for j, pp in enumerate(p["parties"]) if names_match(pp, gp)] for gp in g["parties"]]
        return all(m >= 0 for m in max_matching(adj, len(p["parties"])))
    if t == "role":
        return names_match(p["person"], g["person"]) and opt_text(p["role"], g.get("role"))
    if t == "event":
        return names_match(p["name"], g["name"]) and dates_agree(p["start"], g.get("start"))
    if t == "dateline":
        return (p["date"] or "").strip() == (g.get("date") or "").strip() and (
            not g.get("place") or names_match(p["place"], g["place"]))
    raise ValueError(t)


def attributes(t, g, p):
    if t == "agreement":
        return [p["kind"] == (g.get("kind") or ""), set(p["countries"]) == set(g.get("countries") or []),
                (p["date"] or "") == (g.get("date") or "")]
    if t == "quote":
        return [opt_text(p["role"], g.get("role")), opt_names(p["org"], g.get("org") or [])]
    if t == "role":
        return [opt_names(p["org"], g.get("org") or [])]
    if t == "event":
        return [(p["end"] or "") == (g.get("end") or ""), opt_names(p["place"], g.get("place") or []),
                p["country"].upper() == (g.get("country") or "").upper()]
    return [p["country"].upper() == (g.get("country") or "").upper()]


def locate(doc_key, q):
    if doc_key is None or not q:
        return []
    n = len(q) if q in doc_key else 0
    if not n:
        lo, hi = 0, len(q)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if q[:mid] in doc_key else (lo, mid)
        n = lo if lo >= 8 else 0
    if not n:
        return []
    return [m.start() for m in re.finditer("(?=" + re.escape(q[:n]) + ")", doc_key)]


def quote_match(pk, pp, gk, gp):
    if not pk or not gk:
        return False
    if len(pk) >= 8 and len(gk) >= 8 and pk[:8] == gk[:8]:
        return True
    if pk in gk or gk in pk:
        return True
    return any(abs(a - b) <= 250 for a in pp for b in gp)


def score(gold, pred, texts):
    out = {t: dict(tp=0, tp_pred=0, fp=0, fn=0, ignored=0) for t in TYPES}
    docs = {g["doc"] for g in gold} | {p["doc"] for p in pred}
    for doc in docs:
        doc_key = key(texts[doc]) if doc in texts else None
        G = [g for g in gold if g["doc"] == doc]
        P = [p for p in pred if p["doc"] == doc]
        gold_quotes = [g for g in G if g["type"] == "quote"]
        for t in TYPES:
            g_t = [g for g in G if g["type"] == t]
            p_t = [p for p in P if p["type"] == t]
            s = out[t]
            if t == "quote":
                gks = [(key(g["quote"]), locate(doc_key, key(g["quote"]))) for g in g_t]
                pks = [(key(p["quote"]), locate(doc_key, key(p["quote"]))) for p in p_t]
                ok = [False] * len(p_t)
                for i, g in enumerate(g_t):
                    found = False
                    for j, p in enumerate(p_t):
                        if names_match(p["person"], g["person"]) and quote_match(*pks[j], *gks[i]):
                            ok[j] = found = True
                    s["tp" if found else "fn"] += 1
                for j, p in enumerate(p_t):
                    if ok[j]:
                        s["tp_pred"] += 1
                    elif pks[j][1] and any(names_match(p["person"], q["person"]) for q in g_t):
                        s["ignored"] += 1
                    else:
                        s["fp"] += 1
                continue
            adj = []
            for g in g_t:
                cand = [(-sum(attributes(t, g, p)), j) for j, p in enumerate(p_t) if matches(t, g, p)]
                adj.append([j for _, j in sorted(cand)])
            m = max_matching(adj, len(p_t))
            used = {r for r in m if r >= 0}
            s["tp"] += len(used)
            s["tp_pred"] += len(used)
            s["fn"] += len(g_t) - len(used)
            for j, p in enumerate(p_t):
                if j in used:
                    continue
                if t == "role" and any(names_match(p["person"], q["person"]) for q in gold_quotes):
                    s["ignored"] += 1
                else:
                    s["fp"] += 1
    return out


def read_texts(root):
    """Release texts by id as presskg reads a folder: .txt as is, JSON Lines by "id", HTML without markup."""
    import html
    texts = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            path = os.path.join(dirpath, f)
            rel, ext = os.path.splitext(os.path.relpath(path, root).replace(os.sep, "/"))
            with open(path, encoding="utf-8-sig", errors="replace") as fh:
                data = fh.read()
            if ext == ".jsonl":
                for line in data.splitlines():
                    if line.strip():
                        d = json.loads(line)
                        if "id" in d and "text" in d:
                            texts[str(d["id"])] = d["text"]
            elif ext in (".html", ".htm"):
                data = re.sub(r"(?is)<(script|style|nav|footer)\b.*?</\1>", " ", data)
                texts[rel] = html.unescape(re.sub(r"<[^>]+>", " ", data))
            else:
                texts[rel] = data
    return texts


def check(name, docs, gold_path, tmp):
    nq = os.path.join(tmp, name + ".nq")
    js = os.path.join(tmp, name + ".json")
    subprocess.run([PRESSKG, "extract", docs, "-o", nq, "--quiet", "--keep-going"], check=True)
    subprocess.run([PRESSKG, "eval", "--gold", gold_path, "--rdf", nq, "--docs", docs, "--json", js],
                   check=True, stdout=subprocess.DEVNULL)
    with open(gold_path, encoding="utf-8") as fh:
        gold = [json.loads(l) for l in fh if l.strip()]
    mine = score(gold, facts_from_rdf(nq), read_texts(docs))
    with open(js, encoding="utf-8") as fh:
        theirs = json.load(fh)["all"]["types"]
    bad = 0
    for t in TYPES:
        want = {k: mine[t][k] for k in ("tp", "tp_pred", "fp", "fn", "ignored")}
        got = {k: theirs[t][k] for k in want}
        print(f"{name} {t:10s} oracle {want}  presskg {got}")
        if want != got:
            print(f"FAIL: {name} {t}: the oracle and presskg eval disagree")
            bad += 1
    return bad


def main():
    dev = os.path.join(SHARED, "corpus", "dev")
    if not PRESSKG or not os.path.exists(PRESSKG):
        print("skipped: no presskg binary")
        return 77
    if not os.path.exists(os.path.join(dev, "gold.jsonl")):
        print("skipped: no dev corpus at " + dev)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        bad = check("dev", os.path.join(dev, "docs"), os.path.join(dev, "gold.jsonl"), tmp)
        bad += check("samples", os.path.join(SRC, "samples"),
                     os.path.join(SRC, "tests", "integration", "eval_samples_gold.jsonl"), tmp)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
