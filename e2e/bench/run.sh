#!/usr/bin/env bash
# Load benchmark of goevm node against anvil in one run (see bench.mjs):
#   e2e/bench/run.sh [--txs N] [--calls N] [--concurrency C] [--targets goevm,anvil]
# Builds goevm into a temporary folder, installs node_modules if needed, and
# prints a table. Not a test: nothing is asserted about the numbers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
e2e=$(cd "$here/.." && pwd)
root=$(cd "$e2e/.." && pwd)
cd "$e2e"
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.e2e-lock-sum 2>/dev/null)" != "$lock_sum full" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum full" > node_modules/.e2e-lock-sum
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/goevm-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case " $* ${BENCH_TARGETS:-goevm,anvil}" in
  *goevm*) (cd "$root" && go build -o "$tmp/goevm" ./cmd/goevm); export GOEVM_BIN="$tmp/goevm" ;;
esac
node bench/bench.mjs "$@"
