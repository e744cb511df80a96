#!/usr/bin/env bash
# Instructions a byte of extraction (text in, facts out), deterministic: callgrind over
# extract_bench at --mb 6 minus --mb 2 (set-up, first-use compiles and warm-up cancel out), halved
# (extract_bench makes two timed passes). Counts PrepareText, Extract and ExtractBatch only.
# Usage: bench/ipb.sh BUILD/bench/extract_bench zh|en [TAG]   (needs valgrind; ~3 minutes a language)
set -euo pipefail
bin=$1; lang=$2; tag=${3:-x}
out=${TMPDIR:-/tmp}/presskg-ipb
mkdir -p "$out"
run() {
  valgrind --tool=callgrind --callgrind-out-file="$out/$tag.$lang.$1.out" --toggle-collect='*PrepareText*' \
    --toggle-collect='*RuleExtractor::Extract(*' --toggle-collect='*ExtractBatch*' \
    "$bin" --mb "$1" --reps 0 --lang "$lang" >/dev/null 2>&1
  awk '/^summary:/ {print $2}' "$out/$tag.$lang.$1.out"
}
a=$(run 6); b=$(run 2)
echo "$tag $lang: $a - $b instructions over 4 MB, two passes: $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.1f", (a - b) / (4 * 1048576) / 2}') instructions a byte"
