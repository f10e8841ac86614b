// Nodes a test file starts for itself (durability, command-line flags), on
// free ports of 127.0.0.1: goevm from GOEVM_BIN (run.sh builds it), or anvil
// from its npm package when E2E_TARGET=anvil. stopAll() kills what is left.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { e2eDir } from './compile.js';
import { isAnvil } from './env.js';

export const GOEVM_BIN = process.env.GOEVM_BIN;
export const ANVIL_BIN = join(e2eDir, 'node_modules', '.bin', 'anvil');
/** Why a file that starts nodes of its own cannot run here, or false. */
export const cannotStart = isAnvil ? (existsSync(ANVIL_BIN) ? false : `no ${ANVIL_BIN}`) : GOEVM_BIN ? false : 'GOEVM_BIN not set (run.sh sets it)';

export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

let rid = 0;
/** A JSON-RPC call that must succeed. */
export async function call(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++rid, method, params }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method} ${JSON.stringify(params)}: ${JSON.stringify(body.error)}`);
  return body.result;
}

const live = new Set();

/**
 * Starts the target's node with extra flags and waits until it answers
 * eth_chainId. Returns {url, child, exited, log(), stop()}.
 */
export async function startNode(args = []) {
  const port = await freePort();
  const [cmd, argv] = isAnvil
    ? [ANVIL_BIN, ['--host', '127.0.0.1', '--port', String(port), '--hardfork', 'osaka', ...args]]
    : [GOEVM_BIN, ['node', '--port', String(port), ...args]];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const node = {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
  live.add(node);
  exited.then(() => live.delete(node));
  const what = `${cmd} ${argv.join(' ')}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode}: ${log}`);
    try {
      if (await call(node.url, 'eth_chainId')) return node;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${what} did not answer in 30 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function stopAll() {
  for (const n of live) n.child.kill('SIGKILL');
}
