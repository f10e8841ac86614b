// goevm node --fork Amsterdam through ethers: deploy, call, a transfer to a
// new account, receipts and their logs, and the Amsterdam header, on a node
// this file starts itself (the rest of the suite pins Osaka's numbers). The
// expected gas comes from the EIPs' arithmetic, with go-ethereum v1.17.10's
// EIP-8037 constants (COST_PER_STATE_BYTE 1530):
//   EIP-2780  TX_BASE_COST 12000, COLD_ACCOUNT_ACCESS 3000 for the recipient,
//             CREATE_ACCESS 12000 for a creation, TX_VALUE_COST 6000
//   EIP-8037  new account 120 x 1530 = 183600 state gas, code 1530 a byte;
//             the block's gasUsed is the larger of its execution and state
//             gas, the receipt's gasUsed their sum
//   EIP-7708  an ether transfer logs Transfer(from, to, value) from
//             SYSTEM_ADDRESS 0xff..fe
// goevm only: anvil has no Amsterdam.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ContractFactory, JsonRpcProvider, Wallet, encodeRlp, id, keccak256, toBeHex, toQuantity, zeroPadValue } from 'ethers';
import { DEV, artifacts, isAnvil } from '../lib/env.js';
import { call, cannotStart, startNode, stopAll } from '../lib/nodes.js';

const SYSTEM_ADDRESS = '0xfffffffffffffffffffffffffffffffffffffffe';
const TRANSFER = id('Transfer(address,address,uint256)');
const NEW_ACCOUNT_STATE_GAS = 120n * 1530n; // EIP-8037 STATE_BYTES_PER_NEW_ACCOUNT x COST_PER_STATE_BYTE

// Header RLP with Amsterdam's fields after Osaka's: blockAccessListHash
// (EIP-7928) and slotNumber (EIP-7843).
const q = (x) => (BigInt(x) === 0n ? '0x' : toBeHex(BigInt(x)));
function headerRlp(b) {
  const fields = [b.parentHash, b.sha3Uncles, b.miner, b.stateRoot, b.transactionsRoot, b.receiptsRoot, b.logsBloom, q(b.difficulty), q(b.number), q(b.gasLimit), q(b.gasUsed), q(b.timestamp), b.extraData, b.mixHash, b.nonce];
  const raw = (x) => x;
  for (const [k, enc] of [['baseFeePerGas', q], ['withdrawalsRoot', raw], ['blobGasUsed', q], ['excessBlobGas', q], ['parentBeaconBlockRoot', raw], ['requestsHash', raw], ['blockAccessListHash', raw], ['slotNumber', q]]) {
    assert.notEqual(b[k], undefined, `Amsterdam block ${b.number} lacks ${k}`);
    fields.push(enc(b[k]));
  }
  return encodeRlp(fields);
}

describe('Amsterdam (goevm node --fork Amsterdam)', { skip: isAnvil ? 'anvil has no Amsterdam' : cannotStart }, () => {
  let node, provider, wallet;
  after(stopAll);
  before(async () => {
    node = await startNode(['--fork', 'Amsterdam']);
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    wallet = new Wallet(DEV[0].key, provider);
  });

  async function block(n) {
    return call(node.url, 'eth_getBlockByNumber', [toQuantity(n), false]);
  }

  test('transfer to a new account: 12000 + 3000 + 6000 + 183600 state gas, estimated exactly; EIP-7708 log; block gasUsed is the state dimension', async () => {
    const to = Wallet.createRandom().address;
    const tx = { to, value: 1000n };
    const est = await provider.estimateGas({ ...tx, from: wallet.address });
    const want = 12000n + 3000n + 6000n + NEW_ACCOUNT_STATE_GAS;
    assert.equal(est, want, 'eth_estimateGas');
    const before = await provider.getBalance(wallet.address);
    const r = await (await wallet.sendTransaction(tx)).wait();
    assert.equal(r.status, 1);
    assert.equal(r.gasUsed, want, 'receipt gasUsed');
    assert.equal(await provider.getBalance(to), 1000n);
    assert.equal(before - (await provider.getBalance(wallet.address)), 1000n + r.gasUsed * r.gasPrice, 'sender paid value + gasUsed x price');
    assert.equal(r.logs.length, 1, 'one EIP-7708 log');
    const [l] = r.logs;
    assert.equal(l.address.toLowerCase(), SYSTEM_ADDRESS);
    assert.deepEqual(l.topics, [TRANSFER, zeroPadValue(wallet.address, 32).toLowerCase(), zeroPadValue(to, 32).toLowerCase()]);
    assert.equal(BigInt(l.data), 1000n);
    const b = await block(r.blockNumber);
    // EIP-8037: execution 21000, state 183600; the block counts the larger.
    assert.equal(BigInt(b.gasUsed), NEW_ACCOUNT_STATE_GAS, 'block gasUsed');
    // A second transfer to the account, which now exists: no state gas.
    const r2 = await (await wallet.sendTransaction(tx)).wait();
    assert.equal(r2.gasUsed, 21000n, 'transfer to an existing account');
  });

  test('creation returning 256 bytes: intrinsic + new account + code at 1530 a byte', async () => {
    // PUSH2 0x0100 PUSH1 0 RETURN: 256 zero bytes of code.
    const data = '0x6101006000f3';
    // Intrinsic: 12000 + CREATE_ACCESS 12000 + calldata (4 non-zero x 16,
    // 2 zero x 4) + EIP-3860 word 2 = 24074. Execution: 3 + 3 + memory of 8
    // words 24 = 30; code hashing 8 words x 6 = 48 (EIP-8037). State: the
    // account 183600 and the code 256 x 1530 = 391680.
    const exec = 24074n + 30n + 48n;
    const state = NEW_ACCOUNT_STATE_GAS + 256n * 1530n;
    const est = await provider.estimateGas({ from: wallet.address, data });
    assert.equal(est, exec + state, 'eth_estimateGas');
    const r = await (await wallet.sendTransaction({ data })).wait();
    assert.equal(r.status, 1);
    assert.equal(r.gasUsed, exec + state, 'receipt gasUsed');
    assert.equal(await provider.getCode(r.contractAddress), '0x' + '00'.repeat(256));
    assert.equal(BigInt((await block(r.blockNumber)).gasUsed), state, 'block gasUsed: the state dimension');
  });

  test('deploy and call a Solidity contract with ethers (estimated gas); its event decodes beside nothing else', async () => {
    const f = new ContractFactory(artifacts.Emitter.abi, artifacts.Emitter.bytecode, wallet);
    const c = await f.deploy();
    const dr = await c.deploymentTransaction().wait();
    assert.equal(dr.status, 1);
    assert.equal(dr.logs.length, 0, 'a deployment without value logs nothing');
    const tag = keccak256('0x01');
    const r = await (await c.ping(7n, tag, 'hello')).wait();
    assert.equal(r.status, 1);
    assert.equal(r.logs.length, 1);
    const ev = c.interface.parseLog(r.logs[0]);
    assert.equal(ev.name, 'Ping');
    assert.equal(ev.args.from, wallet.address);
    assert.equal(ev.args.id, 7n);
    assert.equal(ev.args.note, 'hello');
    assert.equal(await c.pings(), 1n);
    // eth_call and eth_estimateGas of a call writing a fresh slot: the
    // estimate runs it, and a transaction with exactly that gas succeeds.
    const est = await c.ping.estimateGas(8n, tag, 'again');
    const r2 = await (await c.ping(8n, tag, 'again', { gasLimit: est })).wait();
    assert.equal(r2.status, 1);
    assert.equal(r2.gasUsed, est);
  });

  test('blocks carry blockAccessListHash and slotNumber and hash with them', async () => {
    const head = BigInt(await call(node.url, 'eth_blockNumber'));
    assert.ok(head >= 3n);
    for (let n = 0n; n <= head; n++) {
      const b = await block(n);
      assert.equal(keccak256(headerRlp(b)), b.hash, `keccak(rlp(header)) of block ${n}`);
      assert.equal(BigInt(b.slotNumber), n, `block ${n} slotNumber`);
    }
    const empty = keccak256(encodeRlp([]));
    assert.equal((await block(0n)).blockAccessListHash, empty, 'genesis: the empty access list');
    assert.notEqual((await block(head)).blockAccessListHash, empty);
  });
});
