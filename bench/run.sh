#!/usr/bin/env bash
# Compares goevm with go-ethereum's core/vm on the evm-benchmarks cases
# (benchmarks/main and micro): Istanbul rules, one state kept across calls.
#
#   bench/run.sh                 # -count 5, -benchtime 1s
#   COUNT=10 BENCHTIME=2s bench/run.sh
#   RUN='EVM/main' bench/run.sh  # a subset (a -bench pattern)
#
# Raw `go test` output goes to $OUT (default $TMPDIR/evm-bench.txt), ready for
#   benchstat -col /impl evm-bench.txt
# and a table of medians, ratios and geometric means is printed from it.
set -euo pipefail
cd "$(dirname "$0")"
COUNT=${COUNT:-5}
BENCHTIME=${BENCHTIME:-1s}
RUN=${RUN:-EVM}
OUT=${OUT:-${TMPDIR:-/tmp}/evm-bench.txt}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)" >&2
go test -run '^$' -bench "$RUN" -benchtime "$BENCHTIME" -count "$COUNT" -timeout 60m . | tee "$OUT" >&2
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)" >&2
if command -v benchstat >/dev/null; then
	benchstat -col /impl "$OUT"
	echo
fi
go run ./cmd/benchtable "$OUT"
