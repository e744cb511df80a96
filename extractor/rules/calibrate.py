#!/usr/bin/python3
"""Sets each rule's `confidence` in the packs to its measured precision on a gold corpus.

    extractor/rules/calibrate.py PRESSKG GOLD.jsonl DOCS_DIR [--check]

Runs `presskg eval --json` and, for every rule with predictions, writes
confidence = (correct + 1) / (correct + wrong + 2): the precision on the corpus, Laplace-smoothed
so that a rule right 3 times out of 3 is not called certain. Rules with no scored prediction keep
0.5 (no evidence either way). With --check nothing is written; the exit status is 1 when a stored
confidence is more than 0.05 away from the measured one.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    presskg, gold, docs = sys.argv[1:4]
    check = "--check" in sys.argv[4:]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "scores.json")
        subprocess.run([presskg, "eval", "--gold", gold, docs, "--json", out], check=True, stdout=subprocess.DEVNULL)
        by_rule = json.load(open(out))["by_rule"]
    here = os.path.dirname(os.path.abspath(__file__))
    off = 0
    for lang in sorted(os.listdir(here)):
        folder = os.path.join(here, lang)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            blocks = re.split(r"(?m)^(?=\[\[rule\]\])", text)
            for i, b in enumerate(blocks):
                m = re.search(r'(?m)^id = "([^"]+)"', b)
                if not m:
                    continue
                r = by_rule.get(m.group(1), {})
                n = r.get("correct", 0) + r.get("wrong", 0)
                conf = round((r.get("correct", 0) + 1) / (n + 2), 2) if n else 0.5
                old = re.search(r"(?m)^confidence = ([0-9.]+)", b)
                if old and abs(float(old.group(1)) - conf) > 0.05:
                    off += 1
                    print(f"{m.group(1)}: stored {old.group(1)}, measured {conf} ({r.get('correct', 0)}/{n})")
                if old:
                    b = b[:old.start()] + f"confidence = {conf}" + b[old.end():]
                else:
                    b = re.sub(r'(?m)^(id = "[^"]+"\n)', rf"\1confidence = {conf}\n", b, count=1)
                blocks[i] = b
            if not check:
                open(path, "w", encoding="utf-8").write("".join(blocks))
    return 1 if check and off else 0

if __name__ == "__main__":
    sys.exit(main())
