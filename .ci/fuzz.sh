#!/usr/bin/env bash
# Runs every fuzz target of the main module for a short, fixed budget: a
# smoke test that the targets still build and find nothing quickly, not a
# search (run one with a long -fuzztime for that). A failure leaves the
# input under the package's testdata/fuzz/ and fails the job.
#
#   FUZZTIME      time per target (default 10s)
#   FUZZ_MINTIME  time to minimize a new input (default 5s; Go's 60s
#                 default stalls a short run on slow targets)
#   FUZZ_FILTER   only targets whose "dir Name" matches this regex
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10s}
mintime=${FUZZ_MINTIME:-5s}
filter=${FUZZ_FILTER:-.}

# Targets from the sources: "dir FuzzName" per line. bench/ and difftest/
# are separate modules with their own harnesses.
targets=$(git ls-files '*_test.go' | grep -v -e '^bench/' -e '^difftest/' |
  xargs grep -H -o '^func Fuzz[A-Za-z0-9_]*' |
  sed -E 's#^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)$#\1 \2#; s#^[^ /]*_test\.go:func #. #' |
  sort -u | grep -E -- "$filter" || true)

if [ -z "$targets" ]; then
  echo "fuzz.sh: no fuzz targets match $filter" >&2
  exit 1
fi
n=0
while read -r dir name; do
  echo "== $dir $name ($fuzztime)"
  # Go's fuzzer can end a run with "context deadline exceeded" when the
  # time budget runs out while a worker is mid-input; it writes no failing
  # input then, so that is the budget ending, not a finding. A real failure
  # always writes its input under testdata/fuzz/ and fails the job.
  if ! out=$(go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$mintime" "./$dir" 2>&1); then
    echo "$out"
    if grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
      echo "fuzz.sh: $name: budget ended mid-input (Go's 'context deadline exceeded'), no failing input"
    else
      exit 1
    fi
  else
    echo "$out" | tail -n 2
  fi
  n=$((n + 1))
done <<<"$targets"
echo "fuzz.sh: $n targets, $fuzztime each, no failure"
