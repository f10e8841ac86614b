#!/usr/bin/env bash
# A/B of goevm builds on the evm-benchmarks cases: the binaries run
# `goevm bench --cpu` in interleaved rounds (A B C, A B C, ...), so that a
# change in the machine's load falls on all of them alike, and the medians
# of each case's CPU time per call are printed with their ratios to the
# first binary and the geometric mean of those ratios.
#
#   go build -o /tmp/a ./cmd/goevm            # at the base commit
#   go build -o /tmp/b ./cmd/goevm            # with the change
#   bench/ab.sh /tmp/a /tmp/b                 # 7 rounds of every case
#   ROUNDS=15 RUN='swap_math|snail' bench/ab.sh /tmp/a /tmp/b
#
# Read small ratios with care: the same code runs up to 1.9x slower or faster
# on some cases depending on where the linker puts the interpreter loop (its
# alignment), so a change shows in the geometric mean over many cases, and a
# per-case swing on code the change does not touch is layout, not the change.
set -euo pipefail
ROUNDS=${ROUNDS:-7}
RUN=${RUN:-.}
TIME=${TIME:-0.3s}
fixtures=${GOEVM_FIXTURES:-$(cd "$(dirname "$0")/.." && pwd)/../shared/fixtures}
SUITE=${SUITE:-$fixtures/evm-benchmarks/benchmarks}
[ $# -ge 2 ] || { echo "usage: bench/ab.sh BIN_A BIN_B [BIN...]" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq "$ROUNDS"); do
	echo "round $r/$ROUNDS" >&2
	for i in $(seq $#); do
		"${!i}" bench --cpu --time "$TIME" --run "$RUN" "$SUITE" |
			awk -v b="$i" '$1 != "case" && $2 != "cases," && NF >= 5 {
				v = $4; u = $5
				if (u == "ns") v /= 1000; else if (u == "ms") v *= 1000; else if (u == "s") v *= 1e6
				print b, $1, v }' >>"$out"
	done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Medians per binary and case (CPU µs per call), then ratios to binary 1.
sort -k1,1n -k2,2 -k3,3g "$out" | awk -v n=$# '
	{ k = $1 SUBSEP $2; vals[k, ++cnt[k]] = $3; if (!($2 in seen)) { seen[$2] = 1; order[++cases] = $2 } }
	END {
		printf "%-42s %12s", "case (cpu µs/call, median)", "1"
		for (b = 2; b <= n; b++) printf " %9s", b "/1"
		print ""
		for (c = 1; c <= cases; c++) {
			name = order[c]
			for (b = 1; b <= n; b++) {
				k = b SUBSEP name; m = cnt[k]
				med[b] = (m % 2) ? vals[k, (m + 1) / 2] : (vals[k, m / 2] + vals[k, m / 2 + 1]) / 2
			}
			printf "%-42s %12.3f", name, med[1]
			for (b = 2; b <= n; b++) { r = med[b] / med[1]; logs[b] += log(r); printf " %9.3f", r }
			print ""
		}
		printf "%-42s %12s", "geometric mean of the ratios", ""
		for (b = 2; b <= n; b++) printf " %9.3f", exp(logs[b] / cases)
		print ""
	}'
