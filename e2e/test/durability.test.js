// Durability of `goevm node --datadir` (issue 12, "Tested with the clients
// people use"): start with a data directory, mine, stop (cleanly, and with
// kill -9 in the middle of a stream of transactions), restart on the same
// directory, and find every mined block, receipt, log and balance again; the
// chain then goes on from where it stopped.
//
// This file starts nodes of its own (the binary run.sh built, GOEVM_BIN) in
// temporary directories, on free ports of 127.0.0.1; it does not use the
// node the rest of the suite talks to. Against anvil it is skipped (anvil
// keeps state with --state/--dump-state, a different design).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Interface, toQuantity } from 'ethers';
import { DEV, artifacts, isAnvil } from '../lib/env.js';
import { call, cannotStart, startNode as start, stopAll } from '../lib/nodes.js';

const skip = isAnvil ? 'goevm only (--datadir)' : cannotStart;
const A = DEV[0].address; // this file's own chains: any account will do
const X = '0x' + 'd0'.repeat(20);
const emitterIface = new Interface(artifacts.Emitter.abi);
const startNode = (datadir) => start(['--datadir', datadir]);

/** Everything a client could have seen of the chain: blocks, receipts, balances, logs. */
async function snapshotChain(url) {
  const head = Number(await call(url, 'eth_blockNumber'));
  const blocks = [];
  const receipts = {};
  for (let n = 0; n <= head; n++) {
    const b = await call(url, 'eth_getBlockByNumber', [toQuantity(n), false]);
    blocks.push(b);
    for (const h of b.transactions) receipts[h] = await call(url, 'eth_getTransactionReceipt', [h]);
  }
  return {
    head,
    blocks,
    receipts,
    balanceX: await call(url, 'eth_getBalance', [X, 'latest']),
    balanceA: await call(url, 'eth_getBalance', [A, 'latest']),
    nonceA: await call(url, 'eth_getTransactionCount', [A, 'latest']),
    logs: await call(url, 'eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }]),
  };
}

function sameChain(before, after, what) {
  assert.ok(after.head >= before.head, `${what}: head ${after.head} after restart, ${before.head} before`);
  for (let n = 0; n <= before.head; n++) {
    assert.deepEqual(after.blocks[n], before.blocks[n], `${what}: block ${n} after restart`);
  }
  for (const [h, r] of Object.entries(before.receipts)) {
    assert.deepEqual(after.receipts[h], r, `${what}: receipt ${h} after restart`);
  }
}

describe('durability of --datadir', { skip }, () => {
  const dirs = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'goevm-e2e-datadir-'));
    dirs.push(d);
    return d;
  };
  after(async () => {
    stopAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a clean stop (SIGTERM) and restart keep every block, receipt, log and balance', async () => {
    const dir = tmp();
    let node = await startNode(dir);
    const hash = await call(node.url, 'eth_sendTransaction', [{ from: A, data: artifacts.Emitter.bytecode }]);
    const emitter = (await call(node.url, 'eth_getTransactionReceipt', [hash])).contractAddress;
    for (let i = 1; i <= 5; i++) {
      await call(node.url, 'eth_sendTransaction', [{ from: A, to: X, value: toQuantity(i) }]);
      await call(node.url, 'eth_sendTransaction', [{ from: A, to: emitter, data: emitterIface.encodeFunctionData('ping', [BigInt(i), '0x' + '00'.repeat(32), 'durable']) }]);
    }
    await call(node.url, 'evm_mine');
    const before = await snapshotChain(node.url);
    assert.equal(BigInt(before.balanceX), 15n);
    assert.equal(before.logs.length, 5);
    node.child.kill('SIGTERM');
    const { code, signal } = await node.exited;
    assert.ok(code === 0 || signal === 'SIGTERM', `exit after SIGTERM: code ${code}, signal ${signal}: ${node.log()}`);

    node = await startNode(dir);
    const afterRestart = await snapshotChain(node.url);
    assert.equal(afterRestart.head, before.head, 'head after a clean restart');
    sameChain(before, afterRestart, 'clean restart');
    assert.deepEqual(afterRestart.logs, before.logs);
    assert.equal(afterRestart.balanceX, before.balanceX);
    assert.equal(afterRestart.balanceA, before.balanceA);
    assert.equal(afterRestart.nonceA, before.nonceA);
    // The chain goes on from the stored head.
    const h2 = await call(node.url, 'eth_sendTransaction', [{ from: A, to: X, value: '0x1' }]);
    const r2 = await call(node.url, 'eth_getTransactionReceipt', [h2]);
    assert.equal(Number(r2.blockNumber), before.head + 1);
    const b2 = await call(node.url, 'eth_getBlockByNumber', [r2.blockNumber, false]);
    assert.equal(b2.parentHash, before.blocks[before.head].hash);
    node.child.kill('SIGTERM');
    await node.exited;
  });

  test('kill -9 during a stream of transactions: every acknowledged transaction survives, the store opens and goes on', async () => {
    const dir = tmp();
    let acknowledged = [];
    let seen = null;
    for (let round = 0; round < 3; round++) {
      const node = await startNode(dir);
      const now = await snapshotChain(node.url);
      if (seen) sameChain(seen, now, `restart after kill -9 (round ${round})`);
      for (const h of acknowledged) {
        assert.ok(now.receipts[h], `round ${round}: acknowledged transaction ${h} lost by kill -9`);
      }
      // Balance of X counts the transfers that were mined: all acknowledged
      // ones, and at most the one being mined when the process died.
      const mined = BigInt(now.balanceX);
      assert.ok(mined >= BigInt(acknowledged.length) && mined <= BigInt(acknowledged.length) + 1n, `round ${round}: X holds ${mined} wei, ${acknowledged.length} transfers acknowledged`);
      // From here on, every transfer on the chain counts as acknowledged.
      acknowledged = Object.keys(now.receipts).filter((h) => now.receipts[h].to?.toLowerCase() === X.toLowerCase());
      seen = now;

      // Send transfers one after another; kill -9 at a random moment.
      let stop = false;
      const sender = (async () => {
        while (!stop) {
          try {
            acknowledged.push(await call(node.url, 'eth_sendTransaction', [{ from: A, to: X, value: '0x1' }]));
          } catch {
            return; // the node is gone
          }
        }
      })();
      // Kill once this round has a few acknowledged transfers, at a random
      // moment after that.
      const base = acknowledged.length;
      for (let i = 0; i < 200 && acknowledged.length < base + 3; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 500)));
      node.child.kill('SIGKILL');
      stop = true;
      await node.exited;
      await sender;
      assert.ok(acknowledged.length >= base + 3, 'transactions were mined in this round before the kill');
    }
    const node = await startNode(dir);
    const last = await snapshotChain(node.url);
    for (const h of acknowledged) assert.ok(last.receipts[h], `acknowledged transaction ${h} lost by kill -9`);
    for (let n = 1; n <= last.head; n++) assert.equal(last.blocks[n].parentHash, last.blocks[n - 1].hash, `block ${n} links to its parent`);
    const h = await call(node.url, 'eth_sendTransaction', [{ from: A, to: X, value: '0x1' }]);
    assert.ok(await call(node.url, 'eth_getTransactionReceipt', [h]), 'a transaction mines after the last restart');
    node.child.kill('SIGTERM');
    await node.exited;
  });
});
