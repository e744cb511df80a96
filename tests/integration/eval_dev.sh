#!/usr/bin/env bash
# presskg eval on the dev corpus (and on samples/): the command works and prints its table.
# Quality thresholds are asserted separately (eval_quality.sh), so this one shows the figures.
set -euo pipefail
: "${PRESSKG:?}" "${PRESSKG_SOURCE_DIR:?}" "${PRESSKG_SHARED_DIR:?}"
dev="$PRESSKG_SHARED_DIR/corpus/dev"
if [[ ! -f "$dev/gold.jsonl" ]]; then
  echo "skipped: no dev corpus at $dev"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$PRESSKG" eval --gold "$dev/gold.jsonl" "$dev/docs" --by-rule --json "$tmp/dev.json" | tee "$tmp/dev.txt"
for section in "== all ==" "== zh (" "== en (" "micro" "== precision by rule =="; do
  grep -qF -- "$section" "$tmp/dev.txt" || { echo "FAIL: no '$section' in the table"; exit 1; }
done
# Every gold fact is accounted for: tp + fn per type equals the gold file's count.
/usr/bin/python3 - "$tmp/dev.json" "$dev/gold.jsonl" <<'PY'
import collections, json, sys
scores = json.load(open(sys.argv[1]))
gold = collections.Counter(json.loads(l)["type"] for l in open(sys.argv[2]) if l.strip())
for t, n in gold.items():
    got = scores["all"]["types"][t]
    assert got["tp"] + got["fn"] == n, (t, got, n)
    for lang in ("zh", "en"):
        assert scores[lang]["types"][t]["tp"] + scores[lang]["types"][t]["fn"] <= n
print("gold accounted for:", dict(gold))
PY

# The corpus folder form finds docs/ and gold.jsonl by itself; --lang keeps one language.
"$PRESSKG" eval "$dev" --lang zh --errors > "$tmp/zh.txt"
grep -q "^micro" "$tmp/zh.txt"
if grep -q " en-" "$tmp/zh.txt"; then echo "FAIL: --lang zh listed English documents"; exit 1; fi

# The project's own samples (their gold is kept out of samples/, which holds releases only).
"$PRESSKG" eval --gold "$PRESSKG_SOURCE_DIR/tests/integration/eval_samples_gold.jsonl" "$PRESSKG_SOURCE_DIR/samples" \
  | tee "$tmp/samples.txt"
grep -q "presskg eval: 9 documents" "$tmp/samples.txt" || { echo "FAIL: samples/ should give 9 documents"; exit 1; }
grep -q "^micro" "$tmp/samples.txt"

# Usage errors exit 2.
set +e
"$PRESSKG" eval --gold "$tmp/none.jsonl" "$dev/docs" > /dev/null 2>&1; rc=$?
set -e
[[ $rc == 2 ]] || { echo "FAIL: missing gold file gave exit $rc, want 2"; exit 1; }
echo "eval_dev: ok"
