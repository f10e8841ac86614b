// ethers v6 against the node: deploy, transfer, balances, receipts, past
// events, revert reasons / custom errors / panics decoded on the client,
// CREATE2. Sends through the node's unlocked accounts (JsonRpcSigner →
// eth_sendTransaction) and through locally signed transactions (Wallet →
// eth_sendRawTransaction).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  Contract,
  ContractFactory,
  Interface,
  JsonRpcProvider,
  Transaction,
  Wallet,
  ZeroAddress,
  encodeBytes32String,
  getAddress,
  getCreate2Address,
  getCreateAddress,
  id,
  keccak256,
  parseEther,
  parseUnits,
  solidityPacked,
  toBeHex,
  zeroPadValue,
  AbiCoder,
} from 'ethers';
import { DEV, RPC, USE, artifacts, receiptNow, rpc, rpcRaw, show } from '../lib/env.js';

const provider = new JsonRpcProvider(RPC, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 100 });
const [A, B, C] = USE.ethers.map((i) => DEV[i]);
const SUPPLY = parseUnits('1000000', 18);

/** Asserts that fn throws an ethers CALL_EXCEPTION and returns the error. */
async function callException(fn, what) {
  try {
    await fn();
  } catch (e) {
    assert.equal(e.code, 'CALL_EXCEPTION', `${what}: expected CALL_EXCEPTION, got ${e.code}: ${e.shortMessage || e.message}`);
    return e;
  }
  assert.fail(`${what}: did not throw`);
}

describe('ethers v6', () => {
  let signerA, walletB, token, reverter, emitter, factory;

  before(async () => {
    signerA = await provider.getSigner(A.address);
    walletB = new Wallet(B.key, provider);
    const deploy = async (name, signer, ...args) => {
      const f = new ContractFactory(artifacts[name].abi, artifacts[name].bytecode, signer);
      const c = await f.deploy(...args);
      await c.waitForDeployment();
      return c;
    };
    token = await deploy('Token', signerA, SUPPLY);
    reverter = await deploy('Reverter', signerA);
    emitter = await deploy('Emitter', walletB); // raw transaction deployment
    factory = await deploy('Factory', signerA);
  });

  test('deployment: receipt gives the CREATE address, the code is the runtime code', async () => {
    const tx = token.deploymentTransaction();
    const receipt = await provider.getTransactionReceipt(tx.hash);
    assert.ok(receipt, 'receipt of the deployment');
    assert.equal(receipt.status, 1);
    assert.equal(receipt.contractAddress, getCreateAddress({ from: A.address, nonce: tx.nonce }));
    assert.equal(receipt.contractAddress, await token.getAddress());
    assert.equal(receipt.to, null);
    assert.equal(await provider.getCode(receipt.contractAddress), artifacts.Token.deployedBytecode);
    // The raw-transaction deployment too.
    const etx = emitter.deploymentTransaction();
    const er = await provider.getTransactionReceipt(etx.hash);
    assert.equal(er.contractAddress, getCreateAddress({ from: B.address, nonce: etx.nonce }));
    assert.equal(await provider.getCode(er.contractAddress), artifacts.Emitter.deployedBytecode);
  });

  test('ERC-20: name, symbol, decimals, supply, balances', async () => {
    assert.equal(await token.name(), 'E2E Token');
    assert.equal(await token.symbol(), 'E2E');
    assert.equal(await token.decimals(), 18n);
    assert.equal(await token.totalSupply(), SUPPLY);
    assert.equal(await token.balanceOf(A.address), SUPPLY);
    assert.equal(await token.balanceOf(B.address), 0n);
  });

  test('ERC-20 transfer: receipt at once, Transfer log decoded, balances moved, ETH paid = gasUsed × price', async () => {
    const amount = parseUnits('1234.5', 18);
    const ethBefore = await provider.getBalance(A.address);
    const tx = await token.transfer(B.address, amount);
    // Automine: the transaction is mined before eth_sendTransaction returns.
    const early = await receiptNow(tx.hash);
    assert.ok(early, `receipt right after eth_sendTransaction: ${show('eth_getTransactionReceipt', [tx.hash], early)}`);
    const receipt = await tx.wait();
    assert.equal(receipt.status, 1);
    assert.equal(receipt.logs.length, 1);
    const ev = token.interface.parseLog(receipt.logs[0]);
    assert.equal(ev.name, 'Transfer');
    assert.equal(ev.args.from, A.address);
    assert.equal(ev.args.to, B.address);
    assert.equal(ev.args.value, amount);
    assert.equal(await token.balanceOf(B.address), amount);
    assert.equal(await token.balanceOf(A.address), SUPPLY - amount);
    const ethAfter = await provider.getBalance(A.address);
    assert.equal(ethBefore - ethAfter, receipt.gasUsed * receipt.gasPrice, 'ETH spent on gas');
    // The transaction as the node reports it.
    const got = await provider.getTransaction(tx.hash);
    assert.equal(got.from, A.address);
    assert.equal(got.to, await token.getAddress());
    assert.equal(got.blockNumber, receipt.blockNumber);
    assert.equal(got.blockHash, receipt.blockHash);
    const block = await provider.getBlock(receipt.blockNumber);
    assert.ok(block.transactions.includes(tx.hash));
    assert.equal(block.hash, receipt.blockHash);
  });

  test('ETH transfer from a local wallet, EIP-1559 (type 2) and legacy (type 0): balances exact', async () => {
    const to = Wallet.createRandom().address;
    const t2 = await walletB.sendTransaction({ to, value: parseEther('1.5') });
    const r2 = await t2.wait();
    assert.equal(r2.status, 1);
    assert.equal(r2.type, 2);
    assert.equal(r2.gasUsed, 21000n);
    const t0 = await walletB.sendTransaction({ to, value: parseEther('0.25'), type: 0, gasPrice: parseUnits('3', 'gwei') });
    const r0 = await t0.wait();
    assert.equal(r0.type, 0);
    assert.equal(r0.gasPrice, parseUnits('3', 'gwei'));
    assert.equal(await provider.getBalance(to), parseEther('1.75'));
    // Round trip: the raw bytes the node returns hash to the transaction hash.
    const raw = await rpc('eth_getRawTransactionByHash', [t2.hash]).catch(() => null);
    if (raw) assert.equal(keccak256(raw), t2.hash);
    const again = Transaction.from(await provider.getTransaction(t2.hash));
    assert.equal(again.hash, t2.hash, 'transaction fields re-serialize to the same hash');
  });

  test('nonces: eth_getTransactionCount follows sent transactions (latest and pending)', async () => {
    const n = await provider.getTransactionCount(B.address, 'latest');
    const p = await provider.getTransactionCount(B.address, 'pending');
    assert.equal(p, n);
    await (await walletB.sendTransaction({ to: C.address, value: 1n })).wait();
    assert.equal(await provider.getTransactionCount(B.address, 'latest'), n + 1);
  });

  test('past events: queryFilter by indexed from/to, block ranges, getLogs with topic OR-lists and blockHash', async () => {
    const tokenAddr = await token.getAddress();
    const first = await provider.getBlockNumber();
    const r1 = await (await token.transfer(C.address, 7n)).wait();
    const r2 = await (await token.transfer(C.address, 8n)).wait();
    const tokenB = token.connect(walletB);
    const r3 = await (await tokenB.transfer(C.address, 9n)).wait();

    const toC = await token.queryFilter(token.filters.Transfer(null, C.address), first);
    assert.deepEqual(toC.map((e) => e.args.value), [7n, 8n, 9n]);
    const fromBtoC = await token.queryFilter(token.filters.Transfer(B.address, C.address), first);
    assert.deepEqual(fromBtoC.map((e) => e.args.value), [9n]);
    assert.equal(fromBtoC[0].transactionHash, r3.hash);
    // Block range holding only r2.
    const only2 = await token.queryFilter(token.filters.Transfer(null, C.address), r2.blockNumber, r2.blockNumber);
    assert.deepEqual(only2.map((e) => e.args.value), [8n]);
    // Topic OR-list: from A or from B.
    const topic0 = id('Transfer(address,address,uint256)');
    const pad = (a) => zeroPadValue(a, 32);
    const filter = { address: tokenAddr, fromBlock: r1.blockNumber, toBlock: r3.blockNumber, topics: [topic0, [pad(A.address), pad(B.address)], pad(C.address)] };
    const logs = await provider.getLogs(filter);
    assert.deepEqual(logs.map((l) => BigInt(l.data)), [7n, 8n, 9n], show('eth_getLogs', [filter], logs));
    for (const l of logs) {
      assert.equal(l.address, tokenAddr);
      assert.equal(l.removed, false);
    }
    // By block hash.
    const byHash = await provider.getLogs({ blockHash: r2.blockHash, address: tokenAddr });
    assert.equal(byHash.length, 1);
    assert.equal(byHash[0].transactionHash, r2.hash);
    assert.equal(byHash[0].blockNumber, r2.blockNumber);
    // An address that logged nothing.
    assert.deepEqual(await provider.getLogs({ address: Wallet.createRandom().address, fromBlock: 0 }), []);
  });

  test('indexed events: address, uint256, bytes32 and string topics; anonymous events', async () => {
    const addr = await emitter.getAddress();
    const tag = encodeBytes32String('e2e-tag');
    const start = await provider.getBlockNumber();
    const r = await (await emitter.connect(signerA).ping(42n, tag, 'hello')).wait();
    assert.equal(r.logs.length, 1);
    const log = r.logs[0];
    assert.deepEqual(log.topics, [
      id('Ping(address,uint256,bytes32,string)'),
      zeroPadValue(A.address, 32),
      toBeHex(42n, 32),
      tag,
    ]);
    const parsed = emitter.interface.parseLog(log);
    assert.equal(parsed.args.note, 'hello');
    await (await emitter.connect(signerA).pingMany(100n, 5n, tag)).wait();
    const byId = await emitter.queryFilter(emitter.filters.Ping(null, 102n), start + 1);
    assert.equal(byId.length, 1);
    assert.equal(byId[0].args.from, A.address);
    const byTag = await emitter.queryFilter(emitter.filters.Ping(A.address, null, tag), start + 1);
    assert.deepEqual(byTag.map((e) => e.args.id), [42n, 100n, 101n, 102n, 103n, 104n]);
    // Log indexes run through the block.
    const many = byTag.slice(1);
    assert.deepEqual(many.map((e) => e.index), [0, 1, 2, 3, 4]);

    await (await emitter.connect(signerA).named('alice', 1n)).wait();
    const named = await emitter.queryFilter(emitter.filters.Named('alice'), start + 1);
    assert.equal(named.length, 1);
    assert.equal(named[0].topics[1], id('alice'));

    const ra = await (await emitter.connect(signerA).anon(77n, 88n)).wait();
    assert.deepEqual(ra.logs[0].topics, [toBeHex(77n, 32)]);
    const anon = await provider.getLogs({ address: addr, topics: [toBeHex(77n, 32)], fromBlock: start + 1 });
    assert.equal(anon.length, 1);
    assert.equal(BigInt(anon[0].data), 88n);
  });

  test('event listener over HTTP (ethers polls eth_newFilter / eth_getFilterChanges)', async () => {
    const listener = new JsonRpcProvider(RPC, undefined, { staticNetwork: true, pollingInterval: 100 });
    const c = new Contract(await emitter.getAddress(), artifacts.Emitter.abi, listener);
    try {
      const got = new Promise((resolve) => c.on(c.filters.Ping(null, 4242n), (...xs) => resolve(xs[xs.length - 1])));
      await new Promise((r) => setTimeout(r, 300)); // the filter is installed on the first poll
      const r = await (await emitter.connect(signerA).ping(4242n, encodeBytes32String('poll'), 'polled')).wait();
      const ev = await Promise.race([got, new Promise((_, rej) => setTimeout(() => rej(new Error('no event within 10 s')), 10_000))]);
      assert.equal(ev.log.transactionHash, r.hash);
      assert.equal(ev.args[3], 'polled');
    } finally {
      await c.removeAllListeners();
      listener.destroy();
    }
  });

  test('revert reason: eth_call and estimateGas give code 3 with Error(string) data; ethers decodes it', async () => {
    const e1 = await callException(() => reverter.withReason.staticCall(), 'staticCall withReason');
    assert.equal(e1.reason, 'Reverter: no way');
    assert.equal(e1.revert?.name, 'Error');
    const e2 = await callException(() => reverter.withReason.estimateGas(), 'estimateGas withReason');
    assert.equal(e2.reason, 'Reverter: no way');

    const data = reverter.interface.encodeFunctionData('withReason');
    const want = new Interface(['function Error(string)']).encodeFunctionData('Error', ['Reverter: no way']);
    const to = await reverter.getAddress();
    for (const method of ['eth_call', 'eth_estimateGas']) {
      const params = method === 'eth_call' ? [{ to, data }, 'latest'] : [{ to, data }];
      const r = await rpcRaw(method, params);
      assert.equal(r.error?.code, 3, show(method, params, r));
      assert.equal(r.error.data, want, show(method, params, r));
      assert.match(r.error.message, /^execution reverted/, show(method, params, r));
      assert.match(r.error.message, /Reverter: no way/, show(method, params, r));
    }
  });

  test('custom error with arguments: decoded by ethers from eth_call and estimateGas', async () => {
    for (const [what, fn] of [
      ['staticCall', () => reverter.connect(signerA).withCustomError.staticCall(5n)],
      ['estimateGas', () => reverter.connect(signerA).withCustomError.estimateGas(5n)],
    ]) {
      const e = await callException(fn, `${what} withCustomError`);
      assert.equal(e.data, reverter.interface.encodeErrorResult('Unauthorized', [A.address, 5n, 'not the owner']), `${what}: revert data`);
      // ethers decodes custom errors itself for calls; estimateGas leaves
      // the data to the contract's interface.
      const desc = e.revert ?? reverter.interface.parseError(e.data);
      assert.equal(desc?.name, 'Unauthorized', `${what}: ${e.shortMessage}`);
      assert.deepEqual([...desc.args], [A.address, 5n, 'not the owner']);
    }
  });

  test('panics: division by zero (0x12) and assert (0x01)', async () => {
    const d = await callException(() => reverter.divide.staticCall(1n, 0n), 'divide by zero');
    assert.equal(d.revert?.name, 'Panic');
    assert.equal(d.revert.args[0], 0x12);
    assert.match(d.reason, /division|zero/i);
    const a = await callException(() => reverter.withAssert.staticCall(), 'assert');
    assert.equal(a.revert?.name, 'Panic');
    assert.equal(a.revert.args[0], 0x01);
    const g = await callException(() => reverter.divide.estimateGas(1n, 0n), 'estimateGas divide by zero');
    assert.equal(g.revert?.args[0], 0x12);
    assert.equal(await reverter.divide(10n, 3n), 3n);
  });

  test('a failed sent transaction is mined with status 0; its reason replays with eth_call at the parent block', async () => {
    const to = await reverter.getAddress();
    const before = await reverter.counter();
    for (const [fn, args, check] of [
      ['bumpOrRevert', [true], (e) => assert.equal(e.reason, 'Reverter: bump refused')],
      ['bumpOrCustom', [true], (e) => assert.equal(e.revert?.name, 'Unauthorized')],
      ['bumpOrPanic', [0n], (e) => assert.equal(e.revert?.args[0], 0x12)],
    ]) {
      // Explicit gas limit, or ethers would estimate and refuse before sending.
      const tx = await reverter.connect(signerA)[fn](...args, { gasLimit: 200_000n });
      const e = await callException(() => tx.wait(), `wait for failed ${fn}`);
      assert.equal(e.receipt?.status, 0, `${fn}: receipt status`);
      const receipt = await provider.getTransactionReceipt(tx.hash);
      assert.equal(receipt.status, 0);
      assert.ok(receipt.gasUsed > 21000n && receipt.gasUsed < 200_000n, `${fn}: gasUsed ${receipt.gasUsed}`);
      assert.equal(receipt.logs.length, 0);
      // Replay at the parent block as a client does to find out why.
      const replay = await callException(
        () => provider.call({ from: A.address, to, data: tx.data, blockTag: receipt.blockNumber - 1 }),
        `replay ${fn}`,
      );
      const decoded = reverter.interface.makeError(replay.data, { data: tx.data, to });
      check(decoded);
    }
    // Failed transactions changed no state.
    assert.equal(await reverter.counter(), before);
    // A locally signed failing transaction is accepted and mined too.
    const wb = reverter.connect(walletB);
    const tx = await wb.bumpOrRevert(true, { gasLimit: 100_000n });
    const e = await callException(() => tx.wait(), 'wait for failed raw tx');
    assert.equal(e.receipt?.status, 0);
    // Success path.
    await (await reverter.connect(signerA).bumpOrRevert(false)).wait();
    assert.equal(await reverter.counter(), before + 1n);
  });

  test('CREATE2 factory: child at the predicted address, code and state as constructed', async () => {
    const salt = id('e2e-salt-ethers');
    const fAddr = await factory.getAddress();
    const predicted = await factory.predict(salt, 99n);
    const initCode = solidityPacked(['bytes', 'bytes'], [artifacts.Child.bytecode, AbiCoder.defaultAbiCoder().encode(['uint256'], [99n])]);
    assert.equal(predicted, getCreate2Address(fAddr, salt, keccak256(initCode)));
    assert.equal(await factory.create.staticCall(salt, 99n), predicted);
    const r = await (await factory.create(salt, 99n)).wait();
    const ev = factory.interface.parseLog(r.logs.find((l) => l.address === fAddr));
    assert.equal(ev.args.child, predicted);
    assert.equal(ev.args.salt, salt);
    const child = new Contract(predicted, artifacts.Child.abi, signerA);
    assert.equal(await child.factory(), fAddr);
    assert.equal(await child.value(), 99n);
    assert.notEqual(await provider.getCode(predicted), '0x');
    await (await child.setValue(5n)).wait();
    assert.equal(await child.value(), 5n);
    // The same salt again collides: the CREATE2 fails, so create reverts.
    await callException(() => factory.create.staticCall(salt, 99n), 'CREATE2 collision');
    // A different salt gives a different address.
    const other = await factory.predict(id('other'), 99n);
    assert.notEqual(other, predicted);
    assert.equal(await provider.getCode(other), '0x');
  });

  test('state at past blocks: balances and calls at an earlier block number', async () => {
    const to = getAddress('0x' + '5e'.repeat(20));
    const b0 = await provider.getBlockNumber();
    const r = await (await token.transfer(to, 1000n)).wait();
    assert.equal(await token.balanceOf(to, { blockTag: r.blockNumber - 1 }), 0n);
    assert.equal(await token.balanceOf(to, { blockTag: r.blockNumber }), 1000n);
    assert.equal(await token.balanceOf(to, { blockTag: b0 }), 0n);
    assert.equal(await provider.getBalance(A.address, 0), parseEther('10000'));
    assert.equal(await provider.getCode(await token.getAddress(), 0), '0x');
    assert.equal(await provider.getBalance(ZeroAddress, 'latest') >= 0n, true);
  });
});
