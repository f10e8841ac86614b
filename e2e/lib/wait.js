// node lib/wait.js URL SECONDS [PID]: waits until URL answers eth_chainId
// (exit 0), the time is up or the process PID has gone (exit 1).
const [url, seconds = '60', pid] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
const alive = () => {
  if (!pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};
while (Date.now() < deadline && alive()) {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(2000),
    });
    const body = await res.json();
    if (body.result) process.exit(0);
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
process.exit(1);
