#!/usr/bin/env bash
# Extraction quality on the dev corpus: fails when zh or en micro F1 < 0.90, micro precision < 0.95,
# or any fact type's F1 < 0.80 in either language. The figures are printed either way.
# A shortfall that is understood and recorded in docs/quality.md is listed in KNOWN with a floor:
# it is printed as a shortfall on every run and fails only if it gets worse than the floor.
set -euo pipefail
: "${PRESSKG:?}" "${PRESSKG_SHARED_DIR:?}"
dev="$PRESSKG_SHARED_DIR/corpus/dev"
if [[ ! -f "$dev/gold.jsonl" ]]; then
  echo "skipped: no dev corpus at $dev"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The corpus folder, not only its docs/: its index (sources.tsv) gives the release dates that
# year-less agency datelines ("新华社X月Y日电") need, as an archive's index would.
"$PRESSKG" eval --gold "$dev/gold.jsonl" "$dev" --json "$tmp/scores.json" > /dev/null
/usr/bin/python3 - "$tmp/scores.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
KNOWN = {}  # (lang, type) → floor; none at present
failures = []
for lang in ("zh", "en"):
    m = s[lang]["micro"]
    print(f"{lang}: micro P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}")
    if m["f1"] < 0.90: failures.append(f"{lang} micro F1 {m['f1']:.3f} < 0.90")
    if m["precision"] < 0.95: failures.append(f"{lang} micro precision {m['precision']:.3f} < 0.95")
    for t, v in sorted(s[lang]["types"].items()):
        if v["tp"] + v["fn"] == 0 and v["tp_pred"] + v["fp"] == 0: continue  # nothing to score
        print(f"  {t:10s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}"
              f" (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
        if v["f1"] < 0.80:
            floor = KNOWN.get((lang, t))
            if floor is not None and v["f1"] >= floor:
                print(f"KNOWN SHORTFALL: {lang} {t} F1 {v['f1']:.3f} < 0.80 (floor {floor}; docs/quality.md)")
            else:
                failures.append(f"{lang} {t} F1 {v['f1']:.3f} < 0.80")
for f in failures: print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
