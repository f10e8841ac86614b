#!/usr/bin/env bash
# Compares goevm's precompiles with go-ethereum's core/vm precompiles on the
# same inputs (BenchmarkPrecompiles), against two builds of geth:
#   geth        the default build (cgo: libsecp256k1 for ECRECOVER)
#   gethnocgo   CGO_ENABLED=0 (decred secp256k1, pure Go like goevm)
# The goevm side is pure Go in both builds, so it is timed in the first.
#
#   bench/precompiles.sh            # -count 6, -benchtime 1s
#   COUNT=10 BENCHTIME=2s bench/precompiles.sh
#   RUN='Precompiles/blake2f' bench/precompiles.sh
#
# The two binaries take turns, one -count at a time, and every other round
# times geth first, so that load changing on a shared machine falls on both
# sides alike. Raw output goes to $OUT (default
# $TMPDIR/precompiles-bench.txt); the table of benchstat medians and ratios
# (wall time and process CPU time per call) is printed from it.
set -euo pipefail
cd "$(dirname "$0")"
COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-1s}
RUN=${RUN:-Precompiles}
OUT=${OUT:-${TMPDIR:-/tmp}/precompiles-bench.txt}
command -v benchstat >/dev/null || {
	echo "benchstat missing: go install golang.org/x/perf/cmd/benchstat@latest" >&2
	exit 1
}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go test -c -o "$bin/cgo.test" .
CGO_ENABLED=0 go test -c -o "$bin/nocgo.test" .

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: >"$OUT"
for i in $(seq "$COUNT"); do
	# Even rounds time geth before goevm on each input.
	first=""
	if ((i % 2 == 0)); then first=1; fi
	PRECOMPILE_GETH_FIRST=$first "$bin/cgo.test" -test.run '^$' -test.bench "$RUN" -test.benchtime "$BENCHTIME" >>"$OUT"
	PRECOMPILE_IMPLS=geth "$bin/nocgo.test" -test.run '^$' -test.bench "$RUN" -test.benchtime "$BENCHTIME" |
		sed 's#/impl=geth-#/impl=gethnocgo-#' >>"$OUT"
	echo "round $i/$COUNT done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

benchstat -col /impl "$OUT"
# A markdown table of the medians: for each unit, goevm, geth, gethnocgo and
# the two ratios goevm/geth.
for unit in sec/op cpu-sec/op; do
	echo
	echo "$unit (median of $COUNT):"
	echo
	echo "| case | goevm | geth | goevm/geth | geth nocgo | goevm/geth nocgo |"
	echo "|---|---:|---:|---:|---:|---:|"
	benchstat -format csv -col /impl "$OUT" 2>/dev/null | awk -F, -v unit="$unit" '
		function human(s) {
			if (s >= 1e-3) return sprintf("%.2f ms", s * 1e3)
			if (s >= 1e-6) return sprintf("%.1f µs", s * 1e6)
			return sprintf("%.0f ns", s * 1e9)
		}
		$2 == unit { on = 1; next }
		on && ($1 == "" || $1 == "geomean") { on = 0 }
		on {
			name = $1; sub(/^Precompiles\//, "", name); sub(/-[0-9]+$/, "", name)
			printf "| %s | %s | %s | %.2f | %s | %.2f |\n", name, human($2), human($4), $2 / $4, human($8), $2 / $8
		}'
done
