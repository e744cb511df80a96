"""Layout must not change the facts: the dev corpus rewritten as archives store releases — Windows
(CR LF), old Mac (CR) or Unicode paragraph separators, no blank lines between paragraphs,
hard-wrapped at 60/72/80 columns, spaces between Chinese and Latin letters or digits ("第 35 届"),
Chinese cut
every 30/35/40 characters, indented with ideographic spaces, full-width digits, HTML pages,
straight quotes, traditional characters (ICU's uconv, gold converted the same way) — must score
exactly as the corpus itself (micro F1 overall, zh and en). Metamorphic test: no gold is written
for the variants; each is the original release with only its layout changed."""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

presskg = os.environ["PRESSKG"]
dev = os.path.join(os.environ["PRESSKG_SHARED_DIR"], "corpus", "dev")
if not os.path.isfile(os.path.join(dev, "gold.jsonl")):
    print("skipped: no dev corpus at", dev)
    sys.exit(77)


def scores(corpus, tmp):
    out = os.path.join(tmp, "scores.json")
    subprocess.run([presskg, "eval", "--gold", os.path.join(corpus, "gold.jsonl"), corpus, "--json", out],
                   check=True, stdout=subprocess.DEVNULL)
    s = json.load(open(out, encoding="utf-8"))
    return tuple(round(s[k]["micro"]["f1"], 4) for k in ("all", "zh", "en"))


def wrap_words(para, width):
    lines, line = [], ""
    for w in para.split(" "):
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = ""
        line += (" " if line else "") + w
    lines.append(line)
    return "\n".join(lines)


def cut_chars(para, n):
    return "\n".join(para[i:i + n] for i in range(0, len(para), n)) if len(para) > n else para


def per_paragraph(fn, lang=None):
    def f(name, text):
        if lang and not name.startswith(lang):
            return text, ".txt"
        return "\n".join(fn(p) for p in text.split("\n")), ".txt"
    return f


def to_html(name, text):
    paras = [p for p in text.split("\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras[1:])
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(paras[0])}</title></head>"
            f"<body><h1>{html.escape(paras[0])}</h1>\n{body}</body></html>\n"), ".html"


def uconv_hant(text):
    return subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Hans-Hant"], input=text.encode("utf-8"),
                          check=True, capture_output=True).stdout.decode("utf-8")


def hant(name, text):
    return (uconv_hant(text) if name.startswith("zh") else text), ".txt"


def straight_quotes(s):
    return s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")


variants = {
    "crlf": (lambda n, t: (t.replace("\n", "\r\n"), ".txt"), None),
    "cr": (lambda n, t: (t.replace("\n", "\r"), ".txt"), None),
    "paragraph-separator": (lambda n, t: (t.replace("\n", "\u2029"), ".txt"), None),
    "en-wrap-60": (per_paragraph(lambda p: wrap_words(p, 60), "en"), None),
    "en-wrap-72": (per_paragraph(lambda p: wrap_words(p, 72), "en"), None),
    "en-wrap-80-crlf": (lambda n, t: (per_paragraph(lambda p: wrap_words(p, 80), "en")(n, t)[0].replace("\n", "\r\n"), ".txt"), None),
    "zh-cut-30": (per_paragraph(lambda p: cut_chars(p, 30), "zh"), None),
    "zh-cut-35": (per_paragraph(lambda p: cut_chars(p, 35), "zh"), None),
    "zh-cut-40": (per_paragraph(lambda p: cut_chars(p, 40), "zh"), None),
    "single-line-ends": (lambda n, t: (re.sub(r"\n\s*\n", "\n", t), ".txt"), None),
    "zh-spaced-latin-and-digits": (lambda n, t: (re.sub(r"([0-9A-Za-z])([\u4e00-\u9fff])", r"\1 \2",
                                                        re.sub(r"([\u4e00-\u9fff])([0-9A-Za-z])", r"\1 \2", t))
                                                 if n.startswith("zh") else t, ".txt"), None),
    "zh-indent": (per_paragraph(lambda p: ("\u3000\u3000" + p) if p.strip() else p, "zh"), None),
    "zh-fullwidth-digits": (per_paragraph(lambda p: re.sub(r"[0-9]", lambda m: chr(ord(m.group()) + 0xFEE0), p), "zh"), None),
    "html": (to_html, None),
    "straight-quotes": (lambda n, t: (straight_quotes(t), ".txt"),
                        lambda g: straight_quotes(g.replace("\u201c", '\\"').replace("\u201d", '\\"'))),
    "traditional": (hant, uconv_hant if shutil.which("uconv") else None),
}

failures = []
with tempfile.TemporaryDirectory() as tmp:
    base = scores(dev, tmp)
    print(f"original: all {base[0]:.4f}  zh {base[1]:.4f}  en {base[2]:.4f}")
    for name, (fn, gold_fn) in variants.items():
        if name == "traditional" and gold_fn is None:
            print("traditional: skipped (no uconv)")
            continue
        d = os.path.join(tmp, name)
        os.makedirs(os.path.join(d, "docs"))
        shutil.copy(os.path.join(dev, "sources.tsv"), d)
        gold = open(os.path.join(dev, "gold.jsonl"), encoding="utf-8").read()
        open(os.path.join(d, "gold.jsonl"), "w", encoding="utf-8").write(gold_fn(gold) if gold_fn else gold)
        for f in sorted(os.listdir(os.path.join(dev, "docs"))):
            text = open(os.path.join(dev, "docs", f), encoding="utf-8").read()
            out, ext = fn(f, text)
            with open(os.path.join(d, "docs", f.rsplit(".", 1)[0] + ext), "w", encoding="utf-8", newline="") as o:
                o.write(out)
        got = scores(d, tmp)
        ok = got == base
        print(f"{name}: all {got[0]:.4f}  zh {got[1]:.4f}  en {got[2]:.4f}  {'ok' if ok else 'DIFFERS'}")
        if not ok:
            failures.append(name)
for f in failures:
    print("FAIL: layout changed the facts:", f)
sys.exit(1 if failures else 0)
