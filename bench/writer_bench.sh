#!/usr/bin/env bash
# Writer throughput side by side with serdi on the same 1M triples (docs/benchmarks.md, "Writers").
# Usage: bench/writer_bench.sh [BUILD_DIR (default build-bench)] [N_AGREEMENTS (default 100000 = 1M triples)]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
n=${2:-100000}
data=$(mktemp --suffix=.nt)
trap 'rm -f "$data"' EXIT
/usr/bin/python3 ../shared/peers/gen_graph.py "$n" > "$data"
echo "input: $(wc -l < "$data") triples, $(du -h "$data" | cut -f1)"
"$build/bench/writer_bench" "$data"
for i in 1 2 3; do
  /usr/bin/time -f "serdi nt -> ttl: %e s, peak RSS %M KB" serdi -i ntriples -o turtle "$data" > /dev/null
done
