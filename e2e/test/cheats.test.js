// Test-framework methods (issue 12, "Snapshots and mining control"):
// evm_snapshot/evm_revert, evm_mine, evm_increaseTime,
// evm_setNextBlockTimestamp, evm_setAutomine, anvil_/hardhat_ setBalance,
// setCode, setNonce, setStorageAt, impersonateAccount, mine — raw and through
// viem's test client in both its anvil and hardhat modes.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ContractFactory, Interface, JsonRpcProvider, Wallet, getAddress, parseEther, toBeHex, toQuantity } from 'ethers';
import { createTestClient, createPublicClient, http } from 'viem';
import { DEV, RPC, USE, artifacts, isAnvil, receiptNow, rpc, rpcRaw, show } from '../lib/env.js';

const [A] = USE.cheats.map((i) => DEV[i]);
const provider = new JsonRpcProvider(RPC, undefined, { staticNetwork: true, cacheTimeout: -1 });
const anvilClient = createTestClient({ mode: 'anvil', transport: http(RPC) });
const hardhatClient = createTestClient({ mode: 'hardhat', transport: http(RPC) });
const pub = createPublicClient({ transport: http(RPC) });
const probeIface = new Interface(artifacts.Probe.abi);
const tokenIface = new Interface(artifacts.Token.abi);

const latest = () => rpc('eth_getBlockByNumber', ['latest', false]);
const num = (x) => Number(BigInt(x));

async function send(tx) {
  const hash = await rpc('eth_sendTransaction', [tx]);
  const receipt = await receiptNow(hash);
  assert.ok(receipt, `automine: receipt of ${hash} right after eth_sendTransaction`);
  return receipt;
}

describe('snapshots, time and state cheats', () => {
  let probe, token;

  before(async () => {
    const signer = await provider.getSigner(A.address);
    const p = await new ContractFactory(artifacts.Probe.abi, artifacts.Probe.bytecode, signer).deploy();
    probe = await p.getAddress();
    await p.waitForDeployment();
    const t = await new ContractFactory(artifacts.Token.abi, artifacts.Token.bytecode, signer).deploy(parseEther('1000'));
    await t.waitForDeployment();
    token = await t.getAddress();
  });

  test('evm_snapshot / evm_revert restore blocks, balances, nonces, code and storage', async () => {
    const to = Wallet.createRandom().address;
    const head = await latest();
    const nonce = await rpc('eth_getTransactionCount', [A.address, 'latest']);
    const bal = await rpc('eth_getBalance', [A.address, 'latest']);
    const snap = await rpc('evm_snapshot');
    assert.equal(typeof snap, 'string', show('evm_snapshot', [], snap));

    await send({ from: A.address, to, value: toQuantity(parseEther('1')) });
    const deployed = await send({ from: A.address, data: artifacts.Probe.bytecode });
    await send({ from: A.address, to: probe, data: probeIface.encodeFunctionData('stamp') });
    assert.equal(BigInt(await rpc('eth_getBalance', [to, 'latest'])), parseEther('1'));
    assert.notEqual(await rpc('eth_call', [{ to: probe, data: probeIface.encodeFunctionData('stamped') }, 'latest']), toBeHex(0n, 32));

    const reverted = await rpc('evm_revert', [snap]);
    assert.equal(reverted, true, show('evm_revert', [snap], reverted));
    const after = await latest();
    assert.equal(after.hash, head.hash, 'latest block after evm_revert');
    assert.equal(await rpc('eth_getBalance', [to, 'latest']), '0x0');
    assert.equal(await rpc('eth_getBalance', [A.address, 'latest']), bal);
    assert.equal(await rpc('eth_getTransactionCount', [A.address, 'latest']), nonce);
    assert.equal(await rpc('eth_getCode', [deployed.contractAddress, 'latest']), '0x');
    assert.equal(await rpc('eth_call', [{ to: probe, data: probeIface.encodeFunctionData('stamped') }, 'latest']), toBeHex(0n, 32));
    // The reverted transactions are gone.
    assert.equal(await rpc('eth_getTransactionReceipt', [deployed.transactionHash]), null);
    // A snapshot is used up by reverting to it.
    const again = await rpc('evm_revert', [snap]);
    assert.equal(again, false, show('evm_revert', [snap], again));
    // The chain goes on from the restored head.
    const r = await send({ from: A.address, to, value: '0x1' });
    assert.equal(num(r.blockNumber), num(head.number) + 1);
  });

  test('after evm_revert, block numbers are reused: logs, blocks and transactions are those of the new chain', async () => {
    const emitterIface = new Interface(artifacts.Emitter.abi);
    const em = (await send({ from: A.address, data: artifacts.Emitter.bytecode })).contractAddress;
    const snap = await rpc('evm_snapshot');
    const old = await send({ from: A.address, to: em, data: emitterIface.encodeFunctionData('ping', [1n, '0x' + '00'.repeat(32), 'old']) });
    const oldBlock = await rpc('eth_getBlockByNumber', [old.blockNumber, false]);
    assert.equal((await rpc('eth_getLogs', [{ address: em, fromBlock: old.blockNumber, toBlock: old.blockNumber }])).length, 1);
    await rpc('evm_revert', [snap]);
    const fresh = await send({ from: A.address, to: em, data: emitterIface.encodeFunctionData('ping', [2n, '0x' + '00'.repeat(32), 'new']) });
    assert.equal(fresh.blockNumber, old.blockNumber, 'the new transaction takes the reverted block number');
    const logs = await rpc('eth_getLogs', [{ address: em, fromBlock: old.blockNumber, toBlock: old.blockNumber }]);
    assert.deepEqual(logs.map((l) => l.transactionHash), [fresh.transactionHash], show('eth_getLogs', [{ address: em, fromBlock: old.blockNumber }], logs));
    const all = await rpc('eth_getLogs', [{ address: em, fromBlock: '0x0', toBlock: 'latest' }]);
    assert.ok(!all.some((l) => l.transactionHash === old.transactionHash), 'no log of a reverted transaction');
    assert.equal(await rpc('eth_getTransactionByHash', [old.transactionHash]), null);
    assert.equal(await rpc('eth_getBlockByHash', [oldBlock.hash, false]), null, 'the reverted block is gone by hash');
    const b = await rpc('eth_getBlockByNumber', [old.blockNumber, false]);
    assert.deepEqual(b.transactions, [fresh.transactionHash]);
  });

  test('nested snapshots through viem test clients (anvil and hardhat modes)', async () => {
    const to = Wallet.createRandom().address;
    const s1 = await anvilClient.snapshot();
    await send({ from: A.address, to, value: '0x1' });
    const s2 = await hardhatClient.snapshot();
    await send({ from: A.address, to, value: '0x2' });
    assert.equal(await pub.getBalance({ address: to }), 3n);
    await hardhatClient.revert({ id: s2 });
    assert.equal(await pub.getBalance({ address: to }), 1n);
    await anvilClient.revert({ id: s1 });
    assert.equal(await pub.getBalance({ address: to }), 0n);
  });

  test('evm_increaseTime then evm_mine moves block time forward; contracts see it', async () => {
    const before = num((await latest()).timestamp);
    await rpc('evm_increaseTime', [3600]);
    await rpc('evm_mine');
    const t1 = num((await latest()).timestamp);
    assert.ok(t1 >= before + 3600, `timestamp ${t1} after +3600 s from ${before}`);
    assert.ok(t1 < before + 3600 + 120, `timestamp ${t1} not far past ${before} + 3600`);
    await anvilClient.increaseTime({ seconds: 86400 });
    const r = await send({ from: A.address, to: probe, data: probeIface.encodeFunctionData('stamp') });
    const block = await rpc('eth_getBlockByNumber', [r.blockNumber, false]);
    const stamped = BigInt(await rpc('eth_call', [{ to: probe, data: probeIface.encodeFunctionData('stamped') }, 'latest']));
    assert.equal(stamped, BigInt(block.timestamp));
    assert.ok(num(block.timestamp) >= t1 + 86400);
  });

  test('evm_setNextBlockTimestamp and evm_mine with a timestamp set the next block time exactly', async () => {
    const now = num((await latest()).timestamp);
    const t = now + 1000;
    await rpc('evm_setNextBlockTimestamp', [t]);
    const r = await send({ from: A.address, to: probe, data: probeIface.encodeFunctionData('stamp') });
    assert.equal(num((await rpc('eth_getBlockByNumber', [r.blockNumber, false])).timestamp), t);
    await rpc('evm_mine', [t + 50]);
    assert.equal(num((await latest()).timestamp), t + 50, show('evm_mine', [t + 50], await latest()));
    await anvilClient.setNextBlockTimestamp({ timestamp: BigInt(t + 100) });
    await anvilClient.mine({ blocks: 1 });
    assert.equal(num((await latest()).timestamp), t + 100);
  });

  // Issue 12: "every block's timestamp is strictly greater than its
  // parent's, also after evm_setNextBlockTimestamp (hardhat's rule; anvil
  // repeats timestamps ...)". Anvil gives blocks mined within one second,
  // or after evm_setNextBlockTimestamp, the same timestamp, so this runs
  // against goevm only.
  test('block timestamps strictly increase, also right after evm_setNextBlockTimestamp', { skip: isAnvil && 'anvil repeats timestamps (issue 12 follows hardhat here)' }, async () => {
    const t = num((await latest()).timestamp) + 10;
    await rpc('evm_setNextBlockTimestamp', [t]);
    const first = num((await latest()).number) + 1;
    for (let i = 0; i < 3; i++) await rpc('evm_mine');
    for (let i = 0; i < 3; i++) await send({ from: A.address, to: A.address, value: '0x0' });
    const last = num((await latest()).number);
    let prev = null;
    for (let n = first - 1; n <= last; n++) {
      const b = await rpc('eth_getBlockByNumber', [toQuantity(n), false]);
      if (n === first) assert.equal(num(b.timestamp), t, 'the block after evm_setNextBlockTimestamp');
      if (prev) assert.ok(num(b.timestamp) > num(prev.timestamp), `block ${n} timestamp ${num(b.timestamp)} must exceed block ${n - 1}'s ${num(prev.timestamp)}`);
      prev = b;
    }
  });

  test('anvil_mine / hardhat_mine: many blocks at once, with an interval', async (t) => {
    const start = await latest();
    await rpc('hardhat_mine', [toQuantity(5), toQuantity(12)]);
    const end = await latest();
    assert.equal(num(end.number), num(start.number) + 5);
    const prev = await rpc('eth_getBlockByNumber', [toQuantity(num(end.number) - 1), false]);
    assert.equal(num(end.timestamp) - num(prev.timestamp), 12, 'interval between mined blocks');
    assert.equal(end.parentHash, prev.hash);
    // Anvil takes ~15 ms a block here (10,000 blocks: 2.5 minutes), so it
    // mines 100. Issue 12 wants 10,000 "well under a second" from goevm; a
    // timed assertion on a shared 2-core CI machine would flake, so the bound
    // here (E2E_MINE_MS, 10 s by default) only catches a pathological slow
    // down, and the time is reported as a diagnostic.
    const n = isAnvil ? 100 : 10_000;
    const t0 = Date.now();
    await rpc('anvil_mine', [toQuantity(n)]);
    const ms = Date.now() - t0;
    t.diagnostic(`anvil_mine of ${n} blocks: ${ms} ms`);
    assert.equal(num((await latest()).number), num(end.number) + n);
    const bound = Number(process.env.E2E_MINE_MS || 10_000);
    if (!isAnvil) assert.ok(ms < bound, `anvil_mine of ${n} blocks took ${ms} ms (bound ${bound} ms; issue 12: well under a second)`);
    const mid = await rpc('eth_getBlockByNumber', [toQuantity(num(end.number) + Math.floor(n / 2)), false]);
    assert.ok(mid && mid.transactions.length === 0, 'a block in the middle of the mined range');
  });

  test('evm_setAutomine false: transactions wait for evm_mine; true again mines at once', async () => {
    const to = Wallet.createRandom().address;
    await rpc('evm_setAutomine', [false]);
    try {
      const n0 = num(await rpc('eth_blockNumber'));
      const h1 = await rpc('eth_sendTransaction', [{ from: A.address, to, value: '0x5' }]);
      const h2 = await rpc('eth_sendTransaction', [{ from: A.address, to, value: '0x6' }]);
      assert.equal(await rpc('eth_getTransactionReceipt', [h1]), null, 'not mined while automine is off');
      assert.equal(num(await rpc('eth_blockNumber')), n0);
      assert.equal(await rpc('eth_getBalance', [to, 'latest']), '0x0');
      await rpc('evm_mine');
      const r1 = await receiptNow(h1);
      const r2 = await receiptNow(h2);
      assert.ok(r1 && r2, 'both mined by evm_mine');
      assert.equal(r1.blockNumber, r2.blockNumber, 'in one block');
      assert.equal(num(r1.blockNumber), n0 + 1);
      assert.equal(BigInt(await rpc('eth_getBalance', [to, 'latest'])), 11n);
    } finally {
      await rpc('evm_setAutomine', [true]);
    }
    const r = await send({ from: A.address, to, value: '0x1' });
    assert.ok(r);
  });

  test('evm_setIntervalMining: blocks come by themselves; back to automine after', async () => {
    const to = Wallet.createRandom().address;
    await rpc('evm_setAutomine', [false]);
    try {
      // Hardhat takes milliseconds (goevm follows it); anvil takes seconds.
      await rpc('evm_setIntervalMining', [isAnvil ? 1 : 1000]);
      const n0 = num(await rpc('eth_blockNumber'));
      const hash = await rpc('eth_sendTransaction', [{ from: A.address, to, value: '0x7' }]);
      let receipt = null;
      for (let i = 0; i < 60 && !receipt; i++) {
        await new Promise((r) => setTimeout(r, 100));
        receipt = await rpc('eth_getTransactionReceipt', [hash]);
      }
      assert.ok(receipt, 'a transaction is mined by interval mining within 6 s');
      await new Promise((r) => setTimeout(r, 2200));
      const n1 = num(await rpc('eth_blockNumber'));
      assert.ok(n1 >= n0 + 2, `blocks ${n0} -> ${n1} over more than 2 s of 1 s interval mining`);
    } finally {
      await rpc('evm_setIntervalMining', [0]);
      await rpc('evm_setAutomine', [true]);
    }
    const r = await send({ from: A.address, to, value: '0x1' });
    assert.equal(BigInt(await rpc('eth_getBalance', [to, r.blockNumber])), 8n);
  });

  test('anvil_setBalance and hardhat_setBalance (raw and viem)', async () => {
    const x = Wallet.createRandom().address;
    await rpc('anvil_setBalance', [x, toQuantity(parseEther('123'))]);
    assert.equal(BigInt(await rpc('eth_getBalance', [x, 'latest'])), parseEther('123'));
    await rpc('hardhat_setBalance', [x, '0x2a']);
    assert.equal(await pub.getBalance({ address: x }), 42n);
    await hardhatClient.setBalance({ address: x, value: parseEther('7') });
    assert.equal(await pub.getBalance({ address: x }), parseEther('7'));
    await anvilClient.setBalance({ address: x, value: 0n });
    assert.equal(await pub.getBalance({ address: x }), 0n);
  });

  test('impersonation: an account the node has no key for sends through eth_sendTransaction', async () => {
    const holder = getAddress('0x' + 'c0ffee'.padEnd(40, '1'));
    await send({ from: A.address, to: token, data: tokenIface.encodeFunctionData('transfer', [holder, 500n]) });
    await rpc('anvil_setBalance', [holder, toQuantity(parseEther('1'))]);
    // Not impersonated: refused.
    const refused = await rpcRaw('eth_sendTransaction', [{ from: holder, to: A.address, value: '0x1' }]);
    assert.ok(refused.error, show('eth_sendTransaction', [{ from: holder }], refused));

    await rpc('hardhat_impersonateAccount', [holder]);
    const r = await send({ from: holder, to: token, data: tokenIface.encodeFunctionData('transfer', [A.address, 200n]) });
    assert.equal(r.status, '0x1');
    assert.equal(getAddress(r.from), holder);
    const bal = await rpc('eth_call', [{ to: token, data: tokenIface.encodeFunctionData('balanceOf', [holder]) }, 'latest']);
    assert.equal(BigInt(bal), 300n);
    if (!isAnvil) {
      // Issue 12: eth_accounts lists only the configured accounts (anvil adds
      // impersonated ones).
      const accounts = (await rpc('eth_accounts')).map(getAddress);
      assert.ok(!accounts.includes(holder), show('eth_accounts', [], accounts));
    }
    await rpc('hardhat_stopImpersonatingAccount', [holder]);
    const after = await rpcRaw('eth_sendTransaction', [{ from: holder, to: A.address, value: '0x1' }]);
    assert.ok(after.error, `after hardhat_stopImpersonatingAccount: ${show('eth_sendTransaction', [{ from: holder }], after)}`);

    // viem's test client, anvil mode.
    await anvilClient.impersonateAccount({ address: holder });
    await send({ from: holder, to: A.address, value: '0x1' });
    await anvilClient.stopImpersonatingAccount({ address: holder });
  });

  test('evm_revert also reverts impersonation', { skip: isAnvil && 'anvil keeps impersonation across evm_revert (issue 12 follows hardhat)' }, async () => {
    const x = Wallet.createRandom().address;
    await rpc('anvil_setBalance', [x, toQuantity(parseEther('1'))]);
    const snap = await rpc('evm_snapshot');
    await rpc('anvil_impersonateAccount', [x]);
    await send({ from: x, to: A.address, value: '0x1' });
    await rpc('evm_revert', [snap]);
    const r = await rpcRaw('eth_sendTransaction', [{ from: x, to: A.address, value: '0x1' }]);
    assert.ok(r.error, `impersonation survived evm_revert: ${show('eth_sendTransaction', [{ from: x }], r)}`);
  });

  test('anvil_setCode, setNonce, setStorageAt (anvil and hardhat prefixes)', async () => {
    const x = Wallet.createRandom().address;
    await rpc('anvil_setCode', [x, artifacts.Probe.deployedBytecode]);
    assert.equal(await rpc('eth_getCode', [x, 'latest']), artifacts.Probe.deployedBytecode);
    const stamped = probeIface.encodeFunctionData('stamped');
    assert.equal(BigInt(await rpc('eth_call', [{ to: x, data: stamped }, 'latest'])), 0n);
    // Probe.stamped is storage slot 0.
    await rpc('hardhat_setStorageAt', [x, '0x0', toBeHex(0xabcdn, 32)]);
    assert.equal(BigInt(await rpc('eth_call', [{ to: x, data: stamped }, 'latest'])), 0xabcdn);
    assert.equal(await rpc('eth_getStorageAt', [x, '0x0', 'latest']), toBeHex(0xabcdn, 32));
    await rpc('anvil_setStorageAt', [x, '0x0', toBeHex(0n, 32)]);
    assert.equal(BigInt(await rpc('eth_getStorageAt', [x, '0x0', 'latest'])), 0n);
    await rpc('hardhat_setCode', [x, '0x']);
    assert.equal(await rpc('eth_getCode', [x, 'latest']), '0x');

    const y = Wallet.createRandom().address;
    await rpc('anvil_setNonce', [y, '0x10']);
    assert.equal(num(await rpc('eth_getTransactionCount', [y, 'latest'])), 16);
    await rpc('hardhat_setNonce', [y, '0x20']);
    assert.equal(num(await rpc('eth_getTransactionCount', [y, 'latest'])), 32);
  });

  // Issue 12: "eth_call and eth_estimateGas without a gas price run with
  // BASEFEE 0, as geth does". Anvil runs them with the block's base fee.
  test('eth_call without a gas price sees BASEFEE 0 and chain id 31337', async () => {
    const out = await rpc('eth_call', [{ to: probe, data: probeIface.encodeFunctionData('env') }, 'latest']);
    const [number, timestamp, basefee, chainid, , gaslimit] = probeIface.decodeFunctionResult('env', out);
    const head = await latest();
    assert.equal(chainid, 31337n);
    assert.equal(gaslimit, BigInt(head.gasLimit));
    assert.ok(number === BigInt(head.number) || number === BigInt(head.number) + 1n, `block.number ${number} in eth_call at latest ${BigInt(head.number)}`);
    assert.ok(timestamp >= BigInt(head.timestamp));
    if (!isAnvil) assert.equal(basefee, 0n, show('eth_call', [{ to: probe, data: 'env()' }, 'latest'], { basefee }));
  });
});
