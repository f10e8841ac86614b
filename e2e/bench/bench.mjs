// Load benchmark of a dev node from a client (issue 12, "Done when"):
// eth_sendRawTransaction of pre-signed ERC-20 transfers with automine, and
// eth_call of balanceOf, against goevm node and anvil in the same run.
// Prints transactions/s, calls/s and p50/p99 latency per target as a table.
//
//   node bench/bench.mjs [--targets goevm,anvil] [--txs 2000] [--calls 10000]
//                        [--concurrency 8] [--time-limit 120] [--rounds 1]
//
// With --rounds N the targets take turns N times (goevm, anvil, goevm, ...;
// each round a fresh node) and the table gives each column's median, so a
// machine busy with other work biases neither side.
// goevm: GOEVM_BIN names the binary (bench/run.sh builds it); anvil: the
// binary of the npm package @foundry-rs/anvil-linux-amd64 (--hardfork osaka).
// Every node is started here on a free port of 127.0.0.1 and stopped when
// its runs end; each phase is bounded by count and by --time-limit seconds.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Interface, Wallet, parseUnits } from 'ethers';
import { compile } from '../lib/compile.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opt } = parseArgs({
  options: {
    targets: { type: 'string', default: process.env.BENCH_TARGETS || 'goevm,anvil' },
    txs: { type: 'string', default: '2000' },
    calls: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    'time-limit': { type: 'string', default: '120' },
    rounds: { type: 'string', default: '1' },
  },
});
const TXS = Number(opt.txs);
const CALLS = Number(opt.calls);
const CONC = Number(opt.concurrency);
const LIMIT_MS = Number(opt['time-limit']) * 1000;

const KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
];
const senders = KEYS.slice(0, Math.max(1, Math.min(CONC, KEYS.length))).map((k) => new Wallet(k));

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

let rpcId = 0;
async function call(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

async function startNode(target) {
  const port = await freePort();
  let cmd, args;
  if (target === 'goevm') {
    cmd = process.env.GOEVM_BIN;
    if (!cmd) throw new Error('GOEVM_BIN is not set (bench/run.sh builds goevm and sets it)');
    args = ['node', '--port', String(port)];
  } else if (target === 'anvil') {
    cmd = join(here, '..', 'node_modules', '.bin', 'anvil');
    args = ['--host', '127.0.0.1', '--port', String(port), '--hardfork', 'osaka', '--silent'];
  } else {
    throw new Error(`unknown target ${target}`);
  }
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${target} exited: ${stderr}`);
    try {
      if ((await call(url, 'eth_chainId')) === '0x7a69') break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${target} did not answer eth_chainId in 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await new Promise((r) => child.once('exit', r));
    clearTimeout(t);
  };
  return { url, stop };
}

async function receipt(url, hash, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(url, 'eth_getTransactionReceipt', [hash]);
    if (r) return r;
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Runs jobs (an array of async thunks per worker) with one worker per lane; bounded by LIMIT_MS. */
async function lanes(perLane) {
  const lat = [];
  let done = 0;
  let timedOut = false;
  const start = performance.now();
  await Promise.all(
    perLane.map(async (jobs) => {
      for (const job of jobs) {
        if (performance.now() - start > LIMIT_MS) {
          timedOut = true;
          return;
        }
        const t = performance.now();
        await job();
        lat.push(performance.now() - t);
        done++;
      }
    }),
  );
  return { lat, done, ms: performance.now() - start, timedOut };
}

async function benchTarget(target, artifacts) {
  const node = await startNode(target);
  try {
    const { url } = node;
    const token = new Interface(artifacts.Token.abi);
    const deployer = senders[0];
    // Setup (not timed): deploy the token, give every sender tokens.
    const deployHash = await call(url, 'eth_sendTransaction', [
      { from: deployer.address, data: artifacts.Token.bytecode + token.encodeDeploy([parseUnits('1000000000', 18)]).slice(2) },
    ]);
    const tokenAddr = (await receipt(url, deployHash)).contractAddress;
    for (const s of senders.slice(1)) {
      const h = await call(url, 'eth_sendTransaction', [{ from: deployer.address, to: tokenAddr, data: token.encodeFunctionData('transfer', [s.address, parseUnits('1000000', 18)]) }]);
      await receipt(url, h);
    }
    // Pre-sign the transfers: each sender its own nonce sequence, to a
    // hundred recipients in turn (fresh ones first, then existing).
    const perSender = Math.ceil(TXS / senders.length);
    const maxFee = parseUnits('100', 'gwei');
    const signed = [];
    for (const s of senders) {
      let nonce = Number(await call(url, 'eth_getTransactionCount', [s.address, 'latest']));
      const raws = [];
      for (let i = 0; i < perSender && signed.flat().length + raws.length < TXS; i++) {
        const to = '0x' + (0x1000 + ((i * senders.length + senders.indexOf(s)) % 100)).toString(16).padStart(40, '0');
        raws.push(
          await s.signTransaction({
            type: 2, chainId: 31337, nonce: nonce++, to: tokenAddr, gasLimit: 80_000,
            maxFeePerGas: maxFee, maxPriorityFeePerGas: 1n,
            data: token.encodeFunctionData('transfer', [to, 1000n]),
          }),
        );
      }
      signed.push(raws);
    }
    const hashes = [];
    const firstBlock = Number(await call(url, 'eth_blockNumber'));
    const tx = await lanes(signed.map((raws) => raws.map((raw) => async () => hashes.push(await call(url, 'eth_sendRawTransaction', [raw])))));
    // Throughput counts until every sent transaction is mined (anvil returns
    // the hash before mining; goevm after, so there this adds nothing).
    const t0 = performance.now();
    for (let i = hashes.length - 1, seen = 0; i >= 0 && seen < senders.length; i--, seen++) {
      await receipt(url, hashes[i]);
    }
    const last = await receipt(url, hashes[hashes.length - 1]);
    if (last.status !== '0x1') throw new Error(`${target}: a benchmark transfer failed: ${JSON.stringify(last)}`);
    const txMs = tx.ms + (performance.now() - t0);
    const blocks = Number(await call(url, 'eth_blockNumber')) - firstBlock;

    // eth_call of balanceOf, CONC in flight.
    const data = token.encodeFunctionData('balanceOf', [senders[1 % senders.length].address]);
    const per = Math.ceil(CALLS / CONC);
    const calls = await lanes(
      Array.from({ length: CONC }, () => Array.from({ length: per }, () => () => call(url, 'eth_call', [{ to: tokenAddr, data }, 'latest']))),
    );
    return {
      target,
      txs: tx.done,
      blocks,
      txPerSec: (tx.done / txMs) * 1000,
      txP50: pct(tx.lat, 50),
      txP99: pct(tx.lat, 99),
      calls: calls.done,
      callsPerSec: (calls.done / calls.ms) * 1000,
      callP50: pct(calls.lat, 50),
      callP99: pct(calls.lat, 99),
      timedOut: tx.timedOut || calls.timedOut,
    };
  } finally {
    await node.stop();
  }
}

const artifacts = compile();
const ROUNDS = Math.max(1, Number(opt.rounds));
const targets = opt.targets.split(',').filter(Boolean);
const runs = Object.fromEntries(targets.map((t) => [t, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const target of targets) {
    try {
      const r = await benchTarget(target, artifacts);
      runs[target].push(r);
      if (ROUNDS > 1) console.error(`bench: round ${round + 1} ${target}: ${r.txPerSec.toFixed(1)} tx/s, ${r.callsPerSec.toFixed(1)} calls/s`);
    } catch (e) {
      console.error(`bench: ${target}: ${e.message}`);
      runs[target].push({ target, error: e.message });
    }
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = targets.map((target) => {
  const ok = runs[target].filter((r) => !r.error);
  if (!ok.length) return { target, error: runs[target][0]?.error ?? 'no run' };
  const m = (k) => median(ok.map((r) => r[k]));
  return { target, txs: m('txs'), blocks: m('blocks'), txPerSec: m('txPerSec'), txP50: m('txP50'), txP99: m('txP99'), calls: m('calls'), callsPerSec: m('callsPerSec'), callP50: m('callP50'), callP99: m('callP99'), timedOut: ok.some((r) => r.timedOut), failed: ok.length < runs[target].length };
});

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const header = ['target', 'txs', 'blocks', 'tx/s', 'tx p50 ms', 'tx p99 ms', 'calls', 'calls/s', 'call p50 ms', 'call p99 ms'];
const table = rows.map((r) =>
  r.error
    ? [r.target, 'error', '', '', '', '', '', '', '', '']
    : [r.target + (r.timedOut ? ' (time limit)' : ''), String(r.txs), String(r.blocks), f(r.txPerSec), f(r.txP50, 2), f(r.txP99, 2), String(r.calls), f(r.callsPerSec), f(r.callP50, 2), f(r.callP99, 2)],
);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
console.log(`ERC-20 transfers by eth_sendRawTransaction (automine), ${senders.length} senders one in flight each; eth_call balanceOf, ${CONC} in flight${ROUNDS > 1 ? `; medians of ${ROUNDS} alternating rounds` : ''}`);
console.log(line(header));
console.log('|' + widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|') + '|');
for (const row of table) console.log(line(row));
process.exit(rows.some((r) => r.error || r.failed) ? 1 : 0);
