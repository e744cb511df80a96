#!/bin/bash
# SHACL side by side: presskg's validator (bench/shacl_bench.cc) and shacl-engine (npm) on the
# generated 1M-triple graph and ../shared/peers/shapes.ttl. Figures go to docs/benchmarks.md.
#   bench/shacl_bench.sh BUILD_DIR [AGREEMENTS=100000]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: bench/shacl_bench.sh BUILD_DIR [AGREEMENTS]}
n=${2:-100000}
shared=$src/../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$shared/peers/gen_graph.py" "$n" > "$tmp/graph.nt"
echo "input: $(wc -l < "$tmp/graph.nt") N-Triples lines, $(du -m "$tmp/graph.nt" | cut -f1) MB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
bin=$build/bench/shacl_bench
[ -x "$bin" ] || bin=$build/shacl_bench
/usr/bin/time -f "presskg: total %e s wall, %U s user, %S s sys, max RSS %M KB" "$bin" "$tmp/graph.nt" "$shared/peers/shapes.ttl"
ln -s "$src/tests/oracles/node_modules" "$tmp/node_modules"
cp "$src/bench/shacl_bench_peer.mjs" "$tmp/"
(cd "$tmp" && /usr/bin/time -f "shacl-engine: total %e s wall, %U s user, %S s sys, max RSS %M KB" \
  node --max-old-space-size=8192 shacl_bench_peer.mjs graph.nt "$shared/peers/shapes.ttl")
