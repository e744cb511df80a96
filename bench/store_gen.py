#!/usr/bin/python3
"""Synthetic release graphs in the shape of docs/vocabulary.md, as N-Quads, for store tests and
benchmarks. Deterministic: the same arguments give the same bytes.

    bench/store_gen.py RELEASES [--seed N] [--version V] > out.nq

Each release gets its own named graph with a document node, one fact of each kind (agreement,
quote, role, event, dateline), entity labels in English or Chinese, and NIF evidence spans:
about 50 triples per release, so 20000 releases ~ 1M triples. --version changes the content of
every third release (a "new version" of those releases) to test graph replacement.
"""
import argparse
import hashlib
import random
import sys

BASE = "https://w3id.org/presskg/id/"
PKG = "https://w3id.org/presskg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "http://schema.org/"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"

ORGS = [("itu", "ITU", "国际电信联盟"), ("unesco", "UNESCO", "联合国教科文组织"),
        ("who", "World Health Organization", "世界卫生组织"), ("huawei", "Huawei", "华为"),
        ("gsma", "GSMA", "全球移动通信系统协会"), ("undp", "UNDP", "联合国开发计划署"),
        ("apt", "Asia-Pacific Telecommunity", "亚太电信组织"), ("wb", "World Bank", "世界银行")]
COUNTRIES = [("GH", "Ghana", "加纳"), ("CN", "China", "中国"), ("KE", "Kenya", "肯尼亚"),
             ("BR", "Brazil", "巴西"), ("FR", "France", "法国"), ("TH", "Thailand", "泰国")]
CITIES = [("geneva", "CH", "Geneva", "日内瓦"), ("beijing", "CN", "Beijing", "北京"),
          ("nairobi", "KE", "Nairobi", "内罗毕"), ("bangkok", "TH", "Bangkok", "曼谷"),
          ("accra", "GH", "Accra", "阿克拉")]
PEOPLE = [("Amina Diallo", "Diallo"), ("Chen Wei", "Chen"), ("李明", "李明"), ("Maria Souza", "Souza"),
          ("王芳", "王芳"), ("John Mensah", "Mensah")]
ROLES = [("Secretary-General", "秘书长"), ("Director", "主任"), ("Minister", "部长")]
EVENTS = [("Digital Forum {y}", "数字论坛{y}"), ("Broadband Summit {y}", "宽带峰会{y}"),
          ("Spectrum Workshop {y}", "频谱研讨会{y}")]
KINDS = ["agreement", "mou", "partnership"]


def iri(x):
    return "<" + x + ">"


def lit(v, dt=None, lang=None):
    s = v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return '"%s"@%s' % (s, lang)
    if dt:
        return '"%s"^^<%s>' % (s, dt)
    return '"%s"' % s


def release(i, version, rnd, out):
    docid = "rel-%06d" % i
    zh = i % 2 == 1
    idx = 1 if not zh else 2
    g = iri(BASE + "graph/" + docid)
    doc = iri(BASE + "doc/" + docid)
    bump = version if i % 3 == 0 else 0
    year = 2010 + (i + bump) % 12
    month = 1 + (i * 7 + bump) % 12
    day = 1 + (i * 11) % 27

    def t(s, p, o):
        out.append("%s %s %s %s .\n" % (s, p, o, g))

    t(doc, iri(RDF + "type"), iri(SCHEMA + "NewsArticle"))
    t(doc, iri(DCT + "identifier"), lit(docid))
    t(doc, iri(DCT + "language"), lit("zh" if zh else "en"))
    t(doc, iri(DCT + "source"), lit("archive.tar.gz!" + docid + ".html"))
    t(doc, iri(SCHEMA + "datePublished"), lit("%d-%02d-%02d" % (year, month, day), XSD + "date"))
    span_no = [0]

    def fact(kind_name, cls_list, rule):
        h = hashlib.sha256(("%s|%s|%d" % (docid, kind_name, bump)).encode()).hexdigest()[:16]
        f = iri(BASE + "fact/%s/%s-%s" % (docid, kind_name, h))
        for c in cls_list:
            t(f, iri(RDF + "type"), iri(c))
        t(f, iri(PKG + "inDocument"), doc)
        t(f, iri(PKG + "rule"), lit(rule))
        t(f, iri(PKG + "confidence"), lit("0.9", XSD + "decimal"))
        span_no[0] += 1
        b = span_no[0] * 100
        span = iri(BASE + "doc/%s#char=%d,%d" % (docid, b, b + 60))
        t(f, iri(PKG + "evidence"), span)
        t(span, iri(RDF + "type"), iri(NIF + "OffsetBasedString"))
        t(span, iri(NIF + "referenceContext"), doc)
        t(span, iri(NIF + "beginIndex"), lit(str(b), XSD + "nonNegativeInteger"))
        t(span, iri(NIF + "endIndex"), lit(str(b + 60), XSD + "nonNegativeInteger"))
        return f

    def org(o):
        node = iri(BASE + "org/" + o[0])
        t(node, iri(RDF + "type"), iri(SCHEMA + "Organization"))
        t(node, iri(RDFS + "label"), lit(o[idx]))
        return node

    def country(c):
        node = iri(BASE + "country/" + c[0])
        t(node, iri(RDF + "type"), iri(SCHEMA + "Country"))
        t(node, iri(RDFS + "label"), lit(c[idx]))
        t(node, iri(PKG + "isoCode"), lit(c[0]))
        return node

    def place(c):
        node = iri(BASE + "place/" + c[0])
        t(node, iri(RDF + "type"), iri(SCHEMA + "Place"))
        t(node, iri(RDFS + "label"), lit(c[idx + 1]))
        cnode = iri(BASE + "country/" + c[1])
        t(node, iri(PKG + "country"), cnode)
        t(cnode, iri(PKG + "isoCode"), lit(c[1]))
        return node

    lang = "zh" if zh else "en"
    # agreement
    a, b = rnd.sample(ORGS, 2)
    c = COUNTRIES[(i + bump) % len(COUNTRIES)]
    f = fact("agreement", [PKG + "Agreement"], lang + ".agreement.signed")
    t(f, iri(PKG + "kind"), lit(KINDS[(i + bump) % 3]))
    t(f, iri(PKG + "party"), org(a))
    t(f, iri(PKG + "party"), org(b))
    t(f, iri(PKG + "country"), country(c))
    t(f, iri(DCT + "date"), lit("%d-%02d" % (year, month), XSD + "gYearMonth"))
    # quote
    full, short = PEOPLE[i % len(PEOPLE)]
    person = iri(BASE + "person/" + full.lower().replace(" ", "%20"))
    t(person, iri(RDF + "type"), iri(SCHEMA + "Person"))
    t(person, iri(RDFS + "label"), lit(full))
    if short != full:
        t(person, iri(RDFS + "label"), lit(short))
    role = ROLES[i % len(ROLES)][idx - 1]
    ro = ORGS[(i * 3) % len(ORGS)]
    f = fact("quote", [PKG + "Quote"], lang + ".quote.said")
    t(f, iri(PKG + "speaker"), person)
    text = ("合作将推动%s的数字发展，第%d号。" % (c[2], i)) if zh else \
        ("This cooperation will bring broadband to \"every\" school in %s (%d)." % (c[1], i))
    t(f, iri(SCHEMA + "text"), lit(text))
    t(f, iri(PKG + "roleName"), lit(role))
    t(f, iri(PKG + "roleOrganization"), org(ro))
    # role
    full2, _ = PEOPLE[(i + 1) % len(PEOPLE)]
    person2 = iri(BASE + "person/" + full2.lower().replace(" ", "%20"))
    t(person2, iri(RDF + "type"), iri(SCHEMA + "Person"))
    t(person2, iri(RDFS + "label"), lit(full2))
    f = fact("role", [PKG + "RoleFact", ORG + "Membership"], lang + ".role.title")
    t(f, iri(ORG + "member"), person2)
    t(f, iri(PKG + "roleName"), lit(ROLES[(i + 1) % len(ROLES)][idx - 1]))
    t(f, iri(ORG + "organization"), org(ORGS[(i + 5) % len(ORGS)]))
    # event
    city = CITIES[(i + bump) % len(CITIES)]
    ev = EVENTS[i % len(EVENTS)][idx - 1].format(y=year)
    f = fact("event", [PKG + "EventFact", SCHEMA + "Event"], lang + ".event.held")
    t(f, iri(SCHEMA + "name"), lit(ev))
    t(f, iri(SCHEMA + "startDate"), lit("%d-%02d-%02d" % (year, month, day), XSD + "date"))
    t(f, iri(SCHEMA + "endDate"), lit("%d-%02d-%02d" % (year, month, day + 2), XSD + "date"))
    t(f, iri(SCHEMA + "location"), place(city))
    # dateline
    f = fact("dateline", [PKG + "Dateline"], lang + ".dateline")
    t(f, iri(DCT + "date"), lit("%d-%02d-%02d" % (year, month, day), XSD + "date"))
    t(f, iri(SCHEMA + "location"), place(CITIES[i % len(CITIES)]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("releases", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--version", type=int, default=0)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    out = []
    w = sys.stdout
    for i in range(args.releases):
        release(i, args.version, rnd, out)
        if len(out) > 100000:
            w.write("".join(out))
            out.clear()
    w.write("".join(out))


if __name__ == "__main__":
    main()
