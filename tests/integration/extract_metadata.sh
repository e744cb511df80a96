#!/usr/bin/env bash
# Release metadata: a folder's own index and --metadata give the release date that a year-less
# agency dateline needs; the index is not read as a release; a broken --metadata file stops the run
# with its file, line and column.
set -euo pipefail
: "${PRESSKG:?}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/archive/2024" "$tmp/plain"
# Written for this test, in the style of an agency wire.
release='新华社滨海4月9日电 滨海港务集团与海洋大学9日在滨海签署战略合作协议，双方将在航运人才培养方面开展合作。'
printf '%s\n' "$release" > "$tmp/archive/2024/port-agreement.txt"
printf '%s\n' "$release" > "$tmp/plain/port-agreement.txt"
printf 'doc_id\trelease_date\tlanguage\turl\n2024/port-agreement\t2024-04-09\tzh-Hans\thttps://example.org/port\n' \
  > "$tmp/archive/metadata.tsv"

"$PRESSKG" extract "$tmp/archive" -o "$tmp/a.nq" --report "$tmp/report.jsonl" --quiet
[[ $(grep -c . "$tmp/report.jsonl") == 1 ]] || { echo "the index was read as a release:"; cat "$tmp/report.jsonl"; exit 1; }
grep -q '"2024-04-09"' "$tmp/a.nq" || { echo "no 2024-04-09 date from the folder's index"; exit 1; }
grep -q '<https://example.org/port>' "$tmp/a.nq" || { echo "the index's url is not published"; exit 1; }

# Without an index the year is unknown: no date is invented.
"$PRESSKG" extract "$tmp/plain" -o "$tmp/b.nq" --quiet
if grep -q '"2024-04-09"' "$tmp/b.nq"; then echo "a date without a year was completed from nothing"; exit 1; fi

# --metadata: the same index given explicitly (ids match on the last path segment).
printf 'id,date\nport-agreement,2024-04-09\n' > "$tmp/index.csv"
"$PRESSKG" extract "$tmp/plain" --metadata "$tmp/index.csv" -o "$tmp/c.nq" --quiet
grep -q '"2024-04-09"' "$tmp/c.nq" || { echo "--metadata did not give the release date"; exit 1; }

# A broken --metadata file is a usage error naming file, line and column.
printf 'id,date\nport-agreement,9 April\n' > "$tmp/bad.csv"
set +e
"$PRESSKG" extract "$tmp/plain" --metadata "$tmp/bad.csv" -o "$tmp/d.nq" --quiet 2>"$tmp/err"; rc=$?
set -e
[[ $rc == 2 ]] || { echo "expected exit 2 for a bad --metadata file, got $rc"; exit 1; }
grep -q "bad.csv:2:16: parse error: date '9 April' is not ISO 8601" "$tmp/err" || { cat "$tmp/err"; exit 1; }
echo "ok"
