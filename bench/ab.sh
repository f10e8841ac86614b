#!/usr/bin/env bash
# A/B of goevm builds on the evm-benchmarks cases. Each round runs every
# case on its own with each binary in turn (`goevm bench --cpu --run
# '^case$'`), in the opposite order every other round, so that the two
# measurements of a pair are seconds apart and a change in the machine's
# load falls on both. Printed per case: the first binary's median CPU time
# per call and, for each other binary, the median over rounds of its
# paired ratio to the first; then the geometric means of those ratios over
# all cases, main and micro (bench-anchors.sh's sets).
#
#   go build -o /tmp/a ./cmd/goevm            # at the base commit
#   go build -o /tmp/b ./cmd/goevm            # with the change
#   bench/ab.sh /tmp/a /tmp/b                 # 7 rounds of every case
#   ROUNDS=15 RUN='swap_math|snail' bench/ab.sh /tmp/a /tmp/b
#   bench/ab.sh /tmp/a /tmp/a                 # the noise floor: ratios of a build to itself
#
# Why per case: with whole-suite rounds (all cases with A, then all with B)
# the two times of a pair were up to a minute apart, and load from elsewhere
# on this shared 2-core machine could fall on one binary only. Even paired,
# the noise floor is wide on the short cases: the same binary against itself
# gave swap_math ratios 0.86-0.97 in 5 rounds (2026-12-06), so judge a
# change by more rounds and by the geometric means. Also: the same code
# runs up to 1.9x slower or faster on some cases depending on where the
# linker puts the interpreter loop (its alignment), so a per-case swing on
# code the change does not touch is layout, not the change.
set -euo pipefail
ROUNDS=${ROUNDS:-7}
RUN=${RUN:-.}
TIME=${TIME:-0.2s}
fixtures=${GOEVM_FIXTURES:-$(cd "$(dirname "$0")/.." && pwd)/../shared/fixtures}
SUITE=${SUITE:-$fixtures/evm-benchmarks/benchmarks}
[ $# -ge 2 ] || { echo "usage: bench/ab.sh BIN_A BIN_B [BIN...]" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# cpu_us BIN CASE prints BIN's CPU µs per call on CASE alone.
cpu_us() {
	local rx
	rx=$(printf '%s' "$2" | sed 's/[][\.*^$(){}+?|]/\\&/g')
	"$1" bench --cpu --time "$TIME" --run "^$rx\$" "$SUITE" |
		awk -v c="$2" '$1 == c {
			v = $4; u = $5
			if (u == "ns") v /= 1000; else if (u == "ms") v *= 1000; else if (u == "s") v *= 1e6
			print v }'
}

mapfile -t cases < <("$1" bench --time 1ms --run "$RUN" "$SUITE" | awk '$1 != "case" && $2 != "cases," && NF >= 5 { print $1 }')
[ ${#cases[@]} -gt 0 ] || { echo "bench/ab.sh: no case matches $RUN in $SUITE" >&2; exit 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); ${#cases[@]} cases, $# binaries, $ROUNDS rounds" >&2
for r in $(seq "$ROUNDS"); do
	echo "round $r/$ROUNDS" >&2
	order=$(seq $#)
	((r % 2)) || order=$(seq $# -1 1)
	for c in "${cases[@]}"; do
		for i in $order; do
			echo "$r $c $i $(cpu_us "${!i}" "$c")" >>"$out"
		done
	done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Per case: the median of binary 1's times, the medians of the paired
# ratios; then their geometric means.
sort -k2,2 -k1,1n -k3,3n "$out" | awk -v n=$# '
	function median(a, m,   i, j, t) {
		for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	{ t[$2, $1, $3] = $4; if (!($2 in seen)) { seen[$2] = 1; order[++cases] = $2 }; if ($1 > rounds) rounds = $1 }
	END {
		printf "%-42s %12s", "case (cpu µs/call, median)", "1"
		for (b = 2; b <= n; b++) printf " %9s", b "/1"
		print ""
		for (c = 1; c <= cases; c++) {
			name = order[c]
			set = (name ~ /^(blake2b|sha1|snailtracer|structarray|swap_math|weierstrudel)/) ? "main" : "micro"
			for (r = 1; r <= rounds; r++) base[r] = t[name, r, 1]
			printf "%-42s %12.3f", name, median(base, rounds)
			for (b = 2; b <= n; b++) {
				for (r = 1; r <= rounds; r++) ratio[r] = t[name, r, b] / t[name, r, 1]
				m = median(ratio, rounds)
				logs[b, "all"] += log(m); logs[b, set] += log(m)
				printf " %9.3f", m
			}
			count["all"]++; count[set]++
			print ""
		}
		split("all main micro", sets, " ")
		for (s = 1; s <= 3; s++) {
			if (!count[sets[s]]) continue
			printf "%-42s %12s", "geometric mean, " sets[s] " (" count[sets[s]] ")", ""
			for (b = 2; b <= n; b++) printf " %9.3f", exp(logs[b, sets[s]] / count[sets[s]])
			print ""
		}
	}'
