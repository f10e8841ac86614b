#!/usr/bin/env bash
# The debugger's end-to-end test: builds goevm and drives `goevm debug`'s
# page in Debian's headless Chromium through playwright-core (no browser
# download: executablePath). Screenshots go to $DEBUGGER_E2E_OUT (default
# debugger/e2e/out). Without chromium or node_modules it skips with a loud
# message, and fails under CI=true.
set -euo pipefail
cd "$(dirname "$0")"

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
missing=""
[ -n "$chromium" ] || missing="Debian's chromium (apt-get install -y chromium)"
[ -d node_modules/playwright-core ] || missing="${missing:+$missing and }node_modules (npm ci in debugger/e2e)"
if [ -n "$missing" ]; then
  if [ "${CI:-}" = true ]; then
    echo "debugger e2e: FAIL: missing $missing" >&2
    exit 1
  fi
  echo "debugger e2e: SKIPPED: missing $missing" >&2
  exit 0
fi

out=${DEBUGGER_E2E_OUT:-$PWD/out}
mkdir -p "$out"
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd ../.. && go build -o "$bin/goevm" ./cmd/goevm)
GOEVM="$bin/goevm" CHROMIUM="$chromium" OUT="$out" node test.mjs
