#!/usr/bin/env bash
# extract → N-Quads → `eval --rdf` must score like the direct pipeline run: the published graph
# (docs/vocabulary.md) loses no facts on the way. Entity labels are per release in RDF, so a fact
# may gain aliases there; the figures must agree within 0.02 per language and type.
set -euo pipefail
: "${PRESSKG:?}" "${PRESSKG_SHARED_DIR:?}"
dev="$PRESSKG_SHARED_DIR/corpus/dev"
if [[ ! -f "$dev/gold.jsonl" ]]; then
  echo "skipped: no dev corpus at $dev"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PRESSKG" extract "$dev/docs" -o "$tmp/dev.nq" --quiet
"$PRESSKG" eval --gold "$dev/gold.jsonl" "$dev/docs" --json "$tmp/direct.json" > /dev/null
"$PRESSKG" eval --gold "$dev/gold.jsonl" --rdf "$tmp/dev.nq" --json "$tmp/rdf.json" | tee "$tmp/rdf.txt"
grep -q "(from RDF)" "$tmp/rdf.txt"
/usr/bin/python3 - "$tmp/direct.json" "$tmp/rdf.json" <<'PY'
import json, sys
direct, rdf = (json.load(open(p)) for p in sys.argv[1:3])
bad = []
for lang in ("all", "zh", "en"):
    for t, d in direct[lang]["types"].items():
        r = rdf[lang]["types"][t]
        for k in ("precision", "recall"):
            if abs(d[k] - r[k]) > 0.02:
                bad.append(f"{lang} {t} {k}: direct {d[k]:.3f} vs rdf {r[k]:.3f}")
print("direct micro F1 %.3f, from RDF %.3f" % (direct["all"]["micro"]["f1"], rdf["all"]["micro"]["f1"]))
for b in bad: print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
