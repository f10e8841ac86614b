#!/usr/bin/env bash
# End-to-end suite of `goevm node` through ethers v6 and viem (issue 12,
# "Tested with the clients people use").
#
#   e2e/run.sh                    build goevm, start `goevm node`, run the suite
#   E2E_TARGET=anvil e2e/run.sh   the same suite against anvil (npm package)
#   e2e/run.sh test/gas.test.js   only some files (paths relative to e2e/)
#
# Installs node_modules with `npm ci` from package-lock.json when it is
# missing or stale, starts the node on a free port of 127.0.0.1, waits for
# eth_chainId, runs `node --test` with GOEVM_RPC/GOEVM_WS set, always stops
# the node, and exits with the tests' status. GOEVM_NODE_ARGS adds flags to
# the node's command line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
target=${E2E_TARGET:-goevm}
cd "$here"

# node_modules is stale when package-lock.json changed since the last npm ci.
# Against goevm the devDependency (anvil's binary, most of the download) is
# left out unless it is there already.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
installed=$(cat node_modules/.e2e-lock-sum 2>/dev/null || true)
if [ "$installed" != "$lock_sum full" ] && { [ "$target" = anvil ] || [ "$installed" != "$lock_sum prod" ]; }; then
  if [ "$target" = anvil ]; then mode=full; omit=(); else mode=prod; omit=(--omit=dev); fi
  echo "e2e: npm ci ($mode)" >&2
  npm ci "${omit[@]}" --no-audit --no-fund --loglevel=error
  echo "$lock_sum $mode" > node_modules/.e2e-lock-sum
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/goevm-e2e.XXXXXX")
node_pid=
cleanup() {
  status=$?
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$node_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$tmp/node.log" ]; then
    echo "e2e: last lines of the $target node's log:" >&2
    tail -n 40 "$tmp/node.log" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

case "$target" in
  goevm)
    (cd "$root" && go build -o "$tmp/goevm" ./cmd/goevm)
    export GOEVM_BIN="$tmp/goevm" # test/durability.test.js starts nodes of its own
    # shellcheck disable=SC2086
    "$tmp/goevm" node --port "$port" ${GOEVM_NODE_ARGS:-} >"$tmp/node.log" 2>&1 &
    node_pid=$!
    ;;
  anvil)
    # The binary the npm package ships; Osaka, the fork goevm node runs by
    # default (anvil's own default is a later blob-parameter fork).
    # shellcheck disable=SC2086
    ./node_modules/.bin/anvil --host 127.0.0.1 --port "$port" --hardfork osaka ${GOEVM_NODE_ARGS:-} >"$tmp/node.log" 2>&1 &
    node_pid=$!
    ;;
  *)
    echo "e2e: E2E_TARGET must be goevm or anvil, not $target" >&2
    exit 2
    ;;
esac

export GOEVM_RPC="http://127.0.0.1:$port"
export GOEVM_WS="ws://127.0.0.1:$port"
export E2E_TARGET="$target"

# Wait (at most 60 s) until the node answers eth_chainId.
if ! node lib/wait.js "$GOEVM_RPC" 60 "$node_pid"; then
  echo "e2e: the $target node did not answer eth_chainId on $GOEVM_RPC" >&2
  exit 1
fi
echo "e2e: $target node at $GOEVM_RPC" >&2

files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=(test/*.test.js); fi
set +e
node --test --test-concurrency=1 "${files[@]}"
status=$?
set -e
exit "$status"
