#!/usr/bin/env bash
# End to end: presskg extract on the samples → Turtle that rdflib parses, the contract queries return
# rows, the run report accounts for every input, and the output does not depend on --jobs.
set -euo pipefail
: "${PRESSKG:?}" "${PRESSKG_SOURCE_DIR:?}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$PRESSKG_SOURCE_DIR"

"$PRESSKG" --version | grep -q '^presskg '
"$PRESSKG" extract --help | grep -q -- '--load-into'

# Usage errors exit 2 and say what is wrong.
set +e
"$PRESSKG" extract 2>"$tmp/err"; rc=$?
set -e
[[ $rc == 2 ]] && grep -q 'no INPUT' "$tmp/err" || { echo "expected exit 2 for no input"; exit 1; }
set +e; "$PRESSKG" extract samples --format xyz -o - 2>"$tmp/err"; rc=$?; set -e
[[ $rc == 2 ]] || { echo "expected exit 2 for a bad --format"; cat "$tmp/err"; exit 1; }

"$PRESSKG" extract samples -o "$tmp/j1.nq" --jobs 1 --report "$tmp/report.jsonl" --quiet
"$PRESSKG" extract samples -o "$tmp/j2.nq" --jobs 2 --quiet
# only the run's metadata (lines naming the run IRI) may differ between runs
diff <(grep -v '/run/' "$tmp/j1.nq") <(grep -v '/run/' "$tmp/j2.nq") >/dev/null \
  || { echo "output differs between --jobs 1 and --jobs 2"; exit 1; }

# Every input document is in the report.
n_inputs=$(find samples -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | wc -l)
n_jsonl=$(cat samples/*.jsonl 2>/dev/null | grep -c . || true)
n_report=$(grep -c . "$tmp/report.jsonl")
[[ $n_report == $((n_inputs + n_jsonl)) ]] || { echo "report has $n_report lines for $((n_inputs + n_jsonl)) documents"; exit 1; }

"$PRESSKG" extract samples -o "$tmp/out.ttl" --quiet
/usr/bin/python3 - "$tmp/out.ttl" "$PRESSKG_SOURCE_DIR/queries" <<'PY'
import sys, pathlib, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="turtle")
assert len(g) > 0, "empty graph"
empty = []
for q in sorted(pathlib.Path(sys.argv[2]).glob("facts-*.rq")):
    rows = list(g.query(q.read_text()))
    print(f"{q.name}: {len(rows)} rows")
    if not rows:
        empty.append(q.name)
assert not empty, f"no rows from {empty}"
PY
echo "cli_extract: ok"
