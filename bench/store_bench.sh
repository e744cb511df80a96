#!/usr/bin/env bash
# Store benchmarks (docs/benchmarks.md, "Stores"):
#   bench/store_bench.sh embedded [RELEASES]   load + queries in the embedded store (11000 releases ~ 1M triples)
#   bench/store_bench.sh virtuoso [RELEASES]   Virtuoso: GSP PUT per graph, SPARQL Update batches, bulk loader
#     (METHODS="gsp update bulk" picks methods, BATCH=N triples per Update request)
# PRESSKG: the presskg binary (default build/bin/presskg). Figures are wall-clock seconds.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
PRESSKG=${PRESSKG:-$SRC/build/bin/presskg}
mode=${1:-embedded}
T=$(mktemp -d /tmp/presskg-store-bench-XXXXXX)
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

if [[ $mode == embedded ]]; then
  n=${2:-11000}
  trap 'rm -rf "$T"' EXIT
  /usr/bin/python3 "$SRC/bench/store_gen.py" "$n" >"$T/data.nq"
  echo "data: $n releases, $(wc -l <"$T/data.nq") quads"
  quads=$(wc -l <"$T/data.nq")
  t0=$(now); "$PRESSKG" load "$T/data.nq" --store "$T/store"; t1=$(now)
  echo "embedded load: $(secs "$t0" "$t1") s, $(echo "$quads / ($t1 - $t0)" | bc) quads/s (includes parsing)"
  for q in agreements-per-country-year most-quoted events-per-city-year; do
    t0=$(now); "$PRESSKG" query --store "$T/store" -f "$SRC/queries/$q.rq" --format csv >/dev/null; t1=$(now)
    echo "query $q: $(secs "$t0" "$t1") s (a new process: opens the store, builds the de-duplicated union)"
  done
  t0=$(now); "$PRESSKG" load "$T/data.nq" --store "$T/store" --quiet; t1=$(now)
  echo "embedded reload (unchanged): $(secs "$t0" "$t1") s"
  exit 0
fi

n=${2:-1000}
source "$SRC/tests/integration/lib/virtuoso.sh"
cleanup() { virtuoso_stop; rm -rf "$T"; }
trap cleanup EXIT
mkdir -p "$T/data"
/usr/bin/python3 "$SRC/bench/store_gen.py" "$n" >"$T/data/data.nq"
quads=$(wc -l <"$T/data/data.nq")
echo "data: $n releases, $quads quads"
printf 'machine 127.0.0.1\nlogin dba\npassword dba\n' >"$T/netrc"; chmod 600 "$T/netrc"
export PRESSKG_NETRC="$T/netrc"
gsp() { "$PRESSKG" load "$T/data/data.nq" --endpoint "$VIRT_HTTP/sparql-graph-crud-auth" --quiet; }
update() { "$PRESSKG" load "$T/data/data.nq" --endpoint "$VIRT_HTTP/sparql-auth" --protocol update --batch "${BATCH:-20000}" --quiet; }
bulk() {  # Virtuoso's own bulk loader, as its documentation describes it
  virtuoso_isql "ld_dir('$T/data', '*.nq', 'urn:presskg:bulk'); rdf_loader_run(); checkpoint;"
}
count() {
  "$PRESSKG" query --endpoint "$VIRT_HTTP/sparql" 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/presskg/id/graph/")) }' --format csv | tail -1 | tr -d '\r'
}
for method in ${METHODS:-gsp update bulk}; do
  virtuoso_start "$T/v-$method" >/dev/null
  t0=$(now); $method; t1=$(now)
  echo "virtuoso $method: $(secs "$t0" "$t1") s, $(echo "$quads / ($t1 - $t0)" | bc) quads/s, $(count) triples in the release graphs"
  virtuoso_stop
done
