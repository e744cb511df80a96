#!/bin/bash
# presskg extract throughput with --jobs 1 and --jobs 2 (and more if asked): the dev corpus is
# replicated at run time into a temp folder of at least MB megabytes (never committed), extracted
# to /dev/null as N-Quads without shapes, best of REPEAT runs per setting. Prints MB/s, CPU time
# and the speed-up over --jobs 1. Figures go to docs/benchmarks.md ("Sources and text preparation").
#   bench/jobs_bench.sh BUILD_DIR [MB=50] [REPEAT=1] [JOBS="1 2"]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: bench/jobs_bench.sh BUILD_DIR [MB=50] [REPEAT=1] [JOBS=\"1 2\"]}
mb=${2:-50}
repeat=${3:-1}
jobs_list=${4:-1 2}
bin=$build/bin/presskg
[ -x "$bin" ] || { echo "no $bin (build the presskg target)" >&2; exit 2; }
corpus=$src/../shared/corpus/dev/docs
[ -d "$corpus" ] || { echo "no dev corpus at $corpus" >&2; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/presskg-jobs-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# One sub-folder per copy keeps document ids unique (the id is the path below the input folder);
# the texts are left as they are so every copy is extracted exactly like the original.
/usr/bin/python3 - "$corpus" "$tmp/in" "$mb" <<'PY'
import os, sys
corpus, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = [(n, open(os.path.join(corpus, n), 'rb').read()) for n in sorted(os.listdir(corpus))]
total, copy = 0, 0
while total < mb << 20:
    d = os.path.join(out, 'c%d' % copy)
    os.makedirs(d)
    for name, body in docs:
        with open(os.path.join(d, name), 'wb') as f:
            f.write(body)
        total += len(body)
    copy += 1
PY
copy=$(ls "$tmp/in" | wc -l)
docs=$(find "$tmp/in" -type f | wc -l)
bytes=$(find "$tmp/in" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
mbytes=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
echo "input: $docs documents, $mbytes MB ($copy copies of the dev corpus); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Warm the page cache (and the OS's file metadata) so the first timed run does not pay for it.
find "$tmp/in" -type f -exec cat {} + > /dev/null

base=""
for j in $jobs_list; do
  best=""
  for ((r = 0; r < repeat; r++)); do
    /usr/bin/time -f "%e %U %S" -o "$tmp/time" \
      "$bin" extract "$tmp/in" -o /dev/null --format nq --jobs "$j" --keep-going --quiet 2> "$tmp/err" > /dev/null ||
      { echo "presskg extract --jobs $j failed:" >&2; cat "$tmp/err" >&2; exit 1; }
    read -r wall user sys < "$tmp/time"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best="$wall $user $sys"; fi
  done
  read -r wall user sys <<< "$best"
  [ -z "$base" ] && base=$wall
  awk -v j="$j" -v w="$wall" -v u="$user" -v s="$sys" -v mb="$mbytes" -v b="$base" 'BEGIN {
    printf "--jobs %-2s wall %6.2f s = %6.1f MB/s   cpu %6.2f s (user %.2f + sys %.2f) = %5.1f MB/s per cpu-second   speed-up %.2fx\n",
           j, w, mb / w, u + s, u, s, mb / (u + s), b / w }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
