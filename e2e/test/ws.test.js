// Subscriptions over WebSocket on the same port as HTTP: eth_subscribe
// newHeads and logs, raw and through ethers' WebSocketProvider and viem's
// webSocket transport; transactions are sent over HTTP meanwhile.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import WebSocket from 'ws';
import { Contract, ContractFactory, JsonRpcProvider, WebSocketProvider, encodeBytes32String, id, toBeHex, zeroPadValue } from 'ethers';
import { createPublicClient, createWalletClient, http, webSocket } from 'viem';
import { DEV, RPC, USE, WS, artifacts, rpc, show } from '../lib/env.js';

const [A] = USE.ws.map((i) => DEV[i]);
const http_ = new JsonRpcProvider(RPC, undefined, { staticNetwork: true, cacheTimeout: -1 });
const TIMEOUT = 10_000;

function within(promise, what, ms = TIMEOUT) {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/** A bare JSON-RPC WebSocket client: request/response by id, notifications queued. */
class RawWS {
  constructor(url) {
    this.ws = new WebSocket(url);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.notes = [];
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.ws.on('message', (buf) => {
      const msg = JSON.parse(buf.toString());
      for (const m of Array.isArray(msg) ? msg : [msg]) {
        if (m.id !== undefined && this.pending.has(m.id)) {
          this.pending.get(m.id)(m);
          this.pending.delete(m.id);
        } else if (m.method === 'eth_subscription') {
          this.notes.push(m.params);
          this.waiters.splice(0).forEach((w) => w());
        }
      }
    });
  }
  async call(method, params = []) {
    await this.opened;
    const id = this.nextId++;
    const p = new Promise((resolve) => this.pending.set(id, resolve));
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return within(p, `ws ${method}`);
  }
  /** Waits for a notification of subscription sub that satisfies pred. */
  async next(sub, pred = () => true, what = 'notification') {
    const find = () => {
      const i = this.notes.findIndex((n) => n.subscription === sub && pred(n.result));
      return i >= 0 ? this.notes.splice(i, 1)[0].result : undefined;
    };
    return within(
      (async () => {
        for (;;) {
          const r = find();
          if (r !== undefined) return r;
          await new Promise((resolve) => this.waiters.push(resolve));
        }
      })(),
      what,
    );
  }
  close() {
    this.ws.close();
  }
}

describe('WebSocket subscriptions', () => {
  const closers = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  let emitter;
  const signer = () => http_.getSigner(A.address);
  async function getEmitter() {
    if (!emitter) {
      const f = new ContractFactory(artifacts.Emitter.abi, artifacts.Emitter.bytecode, await signer());
      emitter = await f.deploy();
      await emitter.waitForDeployment();
    }
    return emitter;
  }

  test('raw eth_subscribe newHeads: one head per mined block, matching the block by hash', async () => {
    const ws = new RawWS(WS);
    closers.push(() => ws.close());
    const chain = await ws.call('eth_chainId');
    assert.equal(chain.result, '0x7a69', show('eth_chainId (ws)', [], chain));
    const sub = await ws.call('eth_subscribe', ['newHeads']);
    assert.match(sub.result ?? '', /^0x[0-9a-f]+$/i, show('eth_subscribe', ['newHeads'], sub));
    const tx = await (await signer()).sendTransaction({ to: A.address, value: 1n });
    const receipt = await tx.wait();
    const head = await ws.next(sub.result, (h) => BigInt(h.number) === BigInt(receipt.blockNumber), `newHeads for block ${receipt.blockNumber}`);
    assert.equal(head.hash, receipt.blockHash);
    const block = await rpc('eth_getBlockByNumber', [head.number, false]);
    for (const k of ['parentHash', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'miner', 'gasUsed', 'gasLimit', 'timestamp', 'baseFeePerGas', 'logsBloom']) {
      assert.equal(head[k], block[k], `newHeads field ${k}`);
    }
    const uns = await ws.call('eth_unsubscribe', [sub.result]);
    assert.equal(uns.result, true, show('eth_unsubscribe', [sub.result], uns));
  });

  test('raw eth_subscribe logs with address and topic filters', async () => {
    const em = await getEmitter();
    const addr = await em.getAddress();
    const ws = new RawWS(WS);
    closers.push(() => ws.close());
    const topic0 = id('Ping(address,uint256,bytes32,string)');
    const all = await ws.call('eth_subscribe', ['logs', { address: addr }]);
    const only7 = await ws.call('eth_subscribe', ['logs', { address: addr, topics: [topic0, null, toBeHex(7n, 32)] }]);
    assert.ok(all.result && only7.result, show('eth_subscribe', ['logs', { address: addr }], [all, only7]));
    const tag = encodeBytes32String('ws');
    const r6 = await (await em.ping(6n, tag, 'six')).wait();
    const r7 = await (await em.ping(7n, tag, 'seven')).wait();
    const l6 = await ws.next(all.result, (l) => l.transactionHash === r6.hash, 'log of ping(6) on the address subscription');
    assert.equal(l6.address.toLowerCase(), addr.toLowerCase());
    assert.deepEqual(l6.topics, [topic0, zeroPadValue(A.address, 32).toLowerCase(), toBeHex(6n, 32), tag]);
    assert.equal(l6.blockHash, r6.blockHash);
    assert.equal(BigInt(l6.blockNumber), BigInt(r6.blockNumber));
    assert.equal(l6.removed, false);
    const l7 = await ws.next(only7.result, () => true, 'log of ping(7) on the topic subscription');
    assert.equal(l7.transactionHash, r7.hash);
    // The topic-filtered subscription saw nothing else.
    assert.equal(ws.notes.filter((n) => n.subscription === only7.result).length, 0);
    await ws.call('eth_unsubscribe', [all.result]);
    await ws.call('eth_unsubscribe', [only7.result]);
  });

  test('raw eth_subscribe newPendingTransactions: the hash of a sent transaction', async () => {
    const ws = new RawWS(WS);
    closers.push(() => ws.close());
    const sub = await ws.call('eth_subscribe', ['newPendingTransactions']);
    assert.ok(sub.result, show('eth_subscribe', ['newPendingTransactions'], sub));
    const hash = await rpc('eth_sendTransaction', [{ from: A.address, to: A.address, value: '0x2' }]);
    const got = await ws.next(sub.result, (h) => (typeof h === 'string' ? h : h.hash) === hash, `newPendingTransactions for ${hash}`);
    assert.ok(got);
    await ws.call('eth_unsubscribe', [sub.result]);
  });

  test('ethers WebSocketProvider: block events and contract event listeners', async () => {
    const em = await getEmitter();
    const wsp = new WebSocketProvider(WS, undefined, { staticNetwork: true });
    closers.push(() => wsp.destroy());
    assert.equal((await wsp.getNetwork()).chainId, 31337n);
    const gotBlock = new Promise((resolve) => wsp.once('block', resolve));
    const gotPing = new Promise((resolve) => {
      const c = new Contract(em.target, artifacts.Emitter.abi, wsp);
      // The listener gets the event's arguments, then the payload (for a
      // topic filter, ethers passes the payload alone): use the payload.
      c.on(c.filters.Ping(null, 55n), (...xs) => {
        const ev = xs[xs.length - 1];
        resolve({ from: ev.args[0], id: ev.args[1], note: ev.args[3], ev });
      });
    });
    // Give the provider time to install both subscriptions before mining.
    await new Promise((r) => setTimeout(r, 300));
    const r = await (await em.ping(55n, encodeBytes32String('x'), 'fifty-five')).wait();
    const bn = await within(gotBlock, 'ethers block event');
    assert.ok(bn >= r.blockNumber - 1, `block event ${bn} for a block near ${r.blockNumber}`);
    const p = await within(gotPing, 'ethers contract event');
    assert.equal(p.from, A.address);
    assert.equal(p.id, 55n);
    assert.equal(p.note, 'fifty-five');
    assert.equal(p.ev.log.transactionHash, r.hash);
    await wsp.removeAllListeners();
  });

  test('viem webSocket transport: watchBlocks and watchContractEvent use eth_subscribe', async () => {
    const em = await getEmitter();
    const client = createPublicClient({ transport: webSocket(WS) });
    closers.push(async () => (await client.transport.getRpcClient()).close());
    assert.equal(await client.getChainId(), 31337);
    const wallet = createWalletClient({ transport: http(RPC), account: A.address });
    let unwatchBlocks, unwatchEvents;
    const gotBlock = new Promise((resolve, reject) => {
      unwatchBlocks = client.watchBlocks({ onBlock: resolve, onError: reject, emitOnBegin: false });
    });
    const gotLogs = new Promise((resolve, reject) => {
      unwatchEvents = client.watchContractEvent({ address: em.target, abi: artifacts.Emitter.abi, eventName: 'Ping', args: { id: 77n }, onLogs: resolve, onError: reject });
    });
    await new Promise((r) => setTimeout(r, 300));
    const hash = await wallet.writeContract({ chain: null, address: em.target, abi: artifacts.Emitter.abi, functionName: 'ping', args: [77n, encodeBytes32String('v'), 'seventy-seven'] });
    const receipt = await http_.waitForTransaction(hash);
    const block = await within(gotBlock, 'viem watchBlocks');
    assert.equal(block.hash, receipt.blockHash);
    const logs = await within(gotLogs, 'viem watchContractEvent');
    assert.equal(logs[0].transactionHash, hash);
    assert.equal(logs[0].args.id, 77n);
    assert.equal(logs[0].args.note, 'seventy-seven');
    unwatchBlocks();
    unwatchEvents();
  });
});
