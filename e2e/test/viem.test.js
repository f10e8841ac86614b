// viem against the node: the same ground as ethers.test.js — deploy,
// transfer, balances, receipts, past events, revert reasons / custom errors
// / panics decoded on the client, CREATE2 — through a JSON-RPC account
// (eth_sendTransaction) and a local account (eth_sendRawTransaction).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeAbiParameters,
  decodeErrorResult,
  defineChain,
  encodeAbiParameters,
  encodeFunctionData,
  getContract,
  getAddress,
  getContractAddress,
  http,
  keccak256,
  padHex,
  parseAbiItem,
  parseEther,
  parseGwei,
  parseUnits,
  stringToHex,
  toHex,
  concatHex,
  zeroAddress,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { DEV, RPC, USE, artifacts, receiptNow, rpc, rpcRaw, show } from '../lib/env.js';

export const chain = defineChain({
  id: 31337,
  name: 'goevm',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [RPC] } },
});
const transport = http(RPC);
const pub = createPublicClient({ chain, transport, pollingInterval: 100 });
const [A, B, C] = USE.viem.map((i) => DEV[i]);
// A: the node's unlocked account (eth_sendTransaction); B: signed here.
const walletA = createWalletClient({ chain, transport, account: A.address });
const walletB = createWalletClient({ chain, transport, account: privateKeyToAccount(B.key) });
const SUPPLY = parseUnits('1000000', 18);
const { Token, Reverter, Emitter, Factory, Child } = artifacts;

/** Runs fn, which must fail with a contract revert; returns viem's ContractFunctionRevertedError. */
async function reverted(fn, what) {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof BaseError, `${what}: not a viem error: ${e}`);
    const r = e.walk((x) => x instanceof ContractFunctionRevertedError);
    assert.ok(r instanceof ContractFunctionRevertedError, `${what}: no ContractFunctionRevertedError in: ${e.message}`);
    return r;
  }
  assert.fail(`${what}: did not throw`);
}

async function deploy(wallet, art, args = []) {
  const hash = await wallet.deployContract({ abi: art.abi, bytecode: art.bytecode, args });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
  return { address: receipt.contractAddress, receipt, hash };
}

describe('viem', () => {
  let token, reverter, emitter, factory, tokenDeploy;

  before(async () => {
    tokenDeploy = await deploy(walletA, Token, [SUPPLY]);
    token = getContract({ address: tokenDeploy.address, abi: Token.abi, client: { public: pub, wallet: walletA } });
    reverter = getContract({ address: (await deploy(walletA, Reverter)).address, abi: Reverter.abi, client: { public: pub, wallet: walletA } });
    emitter = getContract({ address: (await deploy(walletB, Emitter)).address, abi: Emitter.abi, client: { public: pub, wallet: walletB } });
    factory = getContract({ address: (await deploy(walletA, Factory)).address, abi: Factory.abi, client: { public: pub, wallet: walletA } });
  });

  test('deployment: contractAddress is the CREATE address; code is the runtime code', async () => {
    const tx = await pub.getTransaction({ hash: tokenDeploy.hash });
    assert.equal(tx.to, null);
    assert.equal(getAddress(tokenDeploy.address), getContractAddress({ from: A.address, nonce: BigInt(tx.nonce) }));
    assert.equal(await pub.getCode({ address: token.address }), Token.deployedBytecode);
    assert.equal(tokenDeploy.receipt.from.toLowerCase(), A.address.toLowerCase());
  });

  test('ERC-20 reads', async () => {
    assert.equal(await token.read.name(), 'E2E Token');
    assert.equal(await token.read.symbol(), 'E2E');
    assert.equal(await token.read.decimals(), 18);
    assert.equal(await token.read.totalSupply(), SUPPLY);
    assert.equal(await token.read.balanceOf([A.address]), SUPPLY);
  });

  test('ERC-20 transfer via writeContract (JSON-RPC account and local account): receipt, logs, balances', async () => {
    const amount = parseUnits('500', 18);
    const ethBefore = await pub.getBalance({ address: A.address });
    const hash = await token.write.transfer([B.address, amount]);
    // Automine: the receipt exists as soon as eth_sendTransaction returned.
    const early = await receiptNow(hash);
    assert.ok(early, 'receipt right after eth_sendTransaction');
    const receipt = await pub.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success');
    assert.equal(receipt.logs.length, 1);
    assert.equal(await token.read.balanceOf([B.address]), amount);
    const ethAfter = await pub.getBalance({ address: A.address });
    assert.equal(ethBefore - ethAfter, receipt.gasUsed * receipt.effectiveGasPrice);

    // Local account: viem fills nonce, fees and gas, signs, eth_sendRawTransaction.
    const { request } = await pub.simulateContract({ account: walletB.account, address: token.address, abi: Token.abi, functionName: 'transfer', args: [C.address, 200n] });
    const h2 = await walletB.writeContract(request);
    const r2 = await pub.waitForTransactionReceipt({ hash: h2 });
    assert.equal(r2.status, 'success');
    assert.equal(r2.type, 'eip1559');
    assert.equal(await token.read.balanceOf([C.address]), 200n);
    assert.equal(await token.read.balanceOf([B.address]), amount - 200n);
  });

  test('ETH transfers: eip1559, legacy and eip2930 from a local account, exact balances', async () => {
    const to = privateKeyToAccount(generatePrivateKey()).address;
    const hashes = [
      await walletB.sendTransaction({ to, value: parseEther('1') }),
      await walletB.sendTransaction({ to, value: parseEther('0.5'), type: 'legacy', gasPrice: parseGwei('2') }),
      await walletB.sendTransaction({ to, value: parseEther('0.25'), type: 'eip2930', gasPrice: parseGwei('2'), accessList: [] }),
    ];
    const types = [];
    for (const hash of hashes) {
      const r = await pub.waitForTransactionReceipt({ hash });
      assert.equal(r.status, 'success');
      assert.equal(r.gasUsed, 21000n);
      types.push(r.type);
    }
    assert.deepEqual(types, ['eip1559', 'legacy', 'eip2930']);
    assert.equal(await pub.getBalance({ address: to }), parseEther('1.75'));
    const t = await pub.getTransaction({ hash: hashes[1] });
    assert.equal(t.chainId, 31337, 'legacy transactions are EIP-155 signed for chain 31337');
    // eth_sendTransaction from the node's account with an explicit value.
    const h = await walletA.sendTransaction({ to, value: 1n });
    await pub.waitForTransactionReceipt({ hash: h });
    assert.equal(await pub.getBalance({ address: to }), parseEther('1.75') + 1n);
  });

  test('past events: getContractEvents / getLogs with indexed args, ranges, OR-lists, blockHash, eth_newFilter', async () => {
    const start = await pub.getBlockNumber();
    const tag = padHex(stringToHex('viem'), { dir: 'right', size: 32 });
    const h1 = await emitter.write.ping([1n, tag, 'one']);
    const r1 = await pub.waitForTransactionReceipt({ hash: h1 });
    const h2 = await emitter.write.pingMany([10n, 3n, tag]);
    const r2 = await pub.waitForTransactionReceipt({ hash: h2 });

    const all = await pub.getContractEvents({ address: emitter.address, abi: Emitter.abi, eventName: 'Ping', fromBlock: start + 1n });
    assert.deepEqual(all.map((e) => e.args.id), [1n, 10n, 11n, 12n]);
    assert.equal(all[0].args.note, 'one');
    assert.equal(all[0].args.from.toLowerCase(), B.address.toLowerCase());

    const event = parseAbiItem('event Ping(address indexed from, uint256 indexed id, bytes32 indexed tag, string note)');
    const some = await pub.getLogs({ address: emitter.address, event, args: { id: [1n, 11n] }, fromBlock: start + 1n, toBlock: 'latest' });
    assert.deepEqual(some.map((e) => e.args.id), [1n, 11n]);
    const inR2 = await pub.getLogs({ address: emitter.address, event, fromBlock: r2.blockNumber, toBlock: r2.blockNumber });
    assert.equal(inR2.length, 3);
    assert.deepEqual(inR2.map((l) => l.logIndex), [0, 1, 2]);
    const byHash = await pub.getLogs({ address: emitter.address, blockHash: r1.blockHash });
    assert.equal(byHash.length, 1);
    assert.equal(byHash[0].transactionHash, h1);
    const none = await pub.getLogs({ address: emitter.address, event, args: { from: A.address }, fromBlock: start + 1n });
    assert.equal(none.length, 0);

    // Filters installed on the node.
    const filter = await pub.createContractEventFilter({ address: emitter.address, abi: Emitter.abi, eventName: 'Ping', fromBlock: start + 1n });
    const logs = await pub.getFilterLogs({ filter });
    assert.equal(logs.length, 4);
    const h3 = await emitter.write.ping([2n, tag, 'two']);
    await pub.waitForTransactionReceipt({ hash: h3 });
    const changes = await pub.getFilterChanges({ filter });
    assert.ok(changes.some((l) => l.transactionHash === h3), show('eth_getFilterChanges', [filter.id], changes));
    assert.equal(await pub.uninstallFilter({ filter }), true);

    const blocks = await pub.createBlockFilter();
    const h4 = await walletA.sendTransaction({ to: zeroAddress, value: 0n });
    const r4 = await pub.waitForTransactionReceipt({ hash: h4 });
    const newBlocks = await pub.getFilterChanges({ filter: blocks });
    assert.ok(newBlocks.includes(r4.blockHash), show('eth_getFilterChanges', [blocks.id], newBlocks));
    await pub.uninstallFilter({ filter: blocks });
  });

  test('revert reason string: readContract, simulateContract, estimateContractGas', async () => {
    for (const [what, fn] of [
      ['readContract', () => reverter.read.withReason()],
      ['simulateContract', () => pub.simulateContract({ account: A.address, address: reverter.address, abi: Reverter.abi, functionName: 'withReason' })],
      ['estimateContractGas', () => pub.estimateContractGas({ account: A.address, address: reverter.address, abi: Reverter.abi, functionName: 'withReason' })],
    ]) {
      const r = await reverted(fn, what);
      assert.equal(r.reason, 'Reverter: no way', `${what}: ${r.message}`);
      assert.equal(r.data?.errorName, 'Error', what);
    }
  });

  test('custom error with arguments decoded by viem', async () => {
    for (const [what, fn] of [
      ['readContract', () => pub.readContract({ account: A.address, address: reverter.address, abi: Reverter.abi, functionName: 'withCustomError', args: [7n] })],
      ['simulateContract', () => pub.simulateContract({ account: A.address, address: reverter.address, abi: Reverter.abi, functionName: 'withCustomError', args: [7n] })],
      ['estimateContractGas', () => pub.estimateContractGas({ account: A.address, address: reverter.address, abi: Reverter.abi, functionName: 'withCustomError', args: [7n] })],
    ]) {
      const r = await reverted(fn, what);
      assert.equal(r.data?.errorName, 'Unauthorized', `${what}: ${r.message}`);
      assert.equal(r.data.args[0].toLowerCase(), A.address.toLowerCase());
      assert.deepEqual(r.data.args.slice(1), [7n, 'not the owner']);
    }
  });

  test('panics decoded by viem: 0x12 division by zero, 0x01 assert', async () => {
    const d = await reverted(() => reverter.read.divide([1n, 0n]), 'divide');
    assert.equal(d.data?.errorName, 'Panic');
    assert.equal(d.data.args[0], 0x12n);
    assert.match(d.reason ?? d.message, /divi.*zero/i);
    const a = await reverted(() => reverter.read.withAssert(), 'assert');
    assert.equal(a.data?.errorName, 'Panic');
    assert.equal(a.data.args[0], 0x01n);
    const g = await reverted(() => pub.estimateContractGas({ account: A.address, address: reverter.address, abi: Reverter.abi, functionName: 'bumpOrPanic', args: [0n] }), 'estimate bumpOrPanic');
    assert.equal(g.data?.args[0], 0x12n);
  });

  test('failed sent transactions: status reverted, no state change; eth_call at the parent block gives the error', async () => {
    const before = await reverter.read.counter();
    for (const [wallet, fn, args, check] of [
      [walletA, 'bumpOrRevert', [true], (d) => assert.deepEqual([d.errorName, d.args[0]], ['Error', 'Reverter: bump refused'])],
      [walletA, 'bumpOrCustom', [true], (d) => assert.equal(d.errorName, 'Unauthorized')],
      [walletB, 'bumpOrPanic', [0n], (d) => assert.deepEqual([d.errorName, d.args[0]], ['Panic', 0x12n])],
    ]) {
      const data = encodeFunctionData({ abi: Reverter.abi, functionName: fn, args });
      const hash = await wallet.sendTransaction({ to: reverter.address, data, gas: 150_000n });
      const receipt = await pub.waitForTransactionReceipt({ hash });
      assert.equal(receipt.status, 'reverted', `${fn}: receipt status`);
      assert.equal(receipt.logs.length, 0);
      const account = wallet.account.address;
      let errData;
      try {
        await pub.call({ account, to: reverter.address, data, blockNumber: receipt.blockNumber - 1n });
        assert.fail(`${fn}: replay did not revert`);
      } catch (e) {
        errData = e.walk((x) => typeof x.data === 'string' && x.data.startsWith('0x'))?.data;
      }
      assert.ok(errData, `${fn}: replay error carries revert data`);
      check(decodeErrorResult({ abi: Reverter.abi, data: errData }));
    }
    assert.equal(await reverter.read.counter(), before);
  });

  test('raw eth_call error: code 3, data is the ABI-encoded custom error', async () => {
    const data = encodeFunctionData({ abi: Reverter.abi, functionName: 'withCustomError', args: [3n] });
    const params = [{ from: A.address, to: reverter.address, data }, 'latest'];
    const r = await rpcRaw('eth_call', params);
    assert.equal(r.error?.code, 3, show('eth_call', params, r));
    const d = decodeErrorResult({ abi: Reverter.abi, data: r.error.data });
    assert.equal(d.errorName, 'Unauthorized');
    assert.equal(d.args[1], 3n);
  });

  test('CREATE2: predicted address, deployed child, collision reverts', async () => {
    const salt = keccak256(toHex('e2e-salt-viem'));
    const bytecode = concatHex([Child.bytecode, encodeAbiParameters([{ type: 'uint256' }], [123n])]);
    const want = getContractAddress({ opcode: 'CREATE2', from: factory.address, salt, bytecode });
    assert.equal(await factory.read.predict([salt, 123n]), want);
    const { result, request } = await pub.simulateContract({ account: A.address, address: factory.address, abi: Factory.abi, functionName: 'create', args: [salt, 123n] });
    assert.equal(result, want);
    const r = await pub.waitForTransactionReceipt({ hash: await walletA.writeContract(request) });
    assert.equal(r.status, 'success');
    const [created] = await pub.getContractEvents({ address: factory.address, abi: Factory.abi, eventName: 'Created', args: { salt }, blockHash: r.blockHash });
    assert.equal(created.args.child, want);
    assert.equal(await pub.readContract({ address: want, abi: Child.abi, functionName: 'value' }), 123n);
    assert.equal((await pub.readContract({ address: want, abi: Child.abi, functionName: 'factory' })).toLowerCase(), factory.address.toLowerCase());
    await reverted(() => pub.simulateContract({ account: A.address, address: factory.address, abi: Factory.abi, functionName: 'create', args: [salt, 123n] }), 'CREATE2 collision');
  });

  test('blocks, transactions and receipts agree', async () => {
    const hash = await walletA.sendTransaction({ to: C.address, value: 3n });
    const receipt = await pub.waitForTransactionReceipt({ hash });
    const block = await pub.getBlock({ blockNumber: receipt.blockNumber, includeTransactions: true });
    assert.equal(block.hash, receipt.blockHash);
    assert.equal(block.transactions.length, 1, 'automine: one transaction per block');
    assert.equal(block.transactions[0].hash, hash);
    assert.equal(block.gasUsed, receipt.gasUsed);
    const parent = await pub.getBlock({ blockNumber: receipt.blockNumber - 1n });
    assert.equal(block.parentHash, parent.hash);
    assert.equal(await pub.getBlockTransactionCount({ blockHash: block.hash }), 1);
    const byIndex = await pub.getTransaction({ blockNumber: block.number, index: 0 });
    assert.equal(byIndex.hash, hash);
    const [br] = await rpc('eth_getBlockReceipts', [toHex(block.number)]);
    assert.equal(br.transactionHash, hash);
    assert.equal(BigInt(br.gasUsed), receipt.gasUsed);
    assert.equal(await pub.getTransactionCount({ address: A.address, blockNumber: block.number }), (await pub.getTransaction({ hash })).nonce + 1);
  });

  test('eth_call with state overrides, block overrides, and a deployless call', async () => {
    const { Probe } = artifacts;
    const x = privateKeyToAccount(generatePrivateKey()).address;
    // stateDiff on the token's _balances slot for x (OpenZeppelin 5: slot 0).
    const slot = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [x, 0n]));
    const bal = await pub.readContract({
      address: token.address, abi: Token.abi, functionName: 'balanceOf', args: [x],
      stateOverride: [{ address: token.address, stateDiff: [{ slot, value: padHex('0x2a', { size: 32 }) }] }],
    });
    assert.equal(bal, 42n, 'balanceOf under a stateDiff override');
    assert.equal(await token.read.balanceOf([x]), 0n, 'overrides do not persist');
    // Code and balance overrides at an empty address.
    const env = await pub.readContract({
      address: x, abi: Probe.abi, functionName: 'env',
      stateOverride: [{ address: x, code: Probe.deployedBytecode, balance: 5n }],
    });
    assert.equal(env[3], 31337n, 'chainid from overridden code');
    // Block overrides: number and time.
    const head = await pub.getBlock();
    const bo = await pub.call({
      to: x, data: encodeFunctionData({ abi: Probe.abi, functionName: 'env' }),
      stateOverride: [{ address: x, code: Probe.deployedBytecode }],
      blockOverrides: { number: head.number + 1000n, time: head.timestamp + 5000n },
    });
    const [number, timestamp] = decodeAbiParameters(Probe.abi.find((f) => f.name === 'env').outputs, bo.data);
    assert.equal(number, head.number + 1000n, 'block.number under a block override');
    assert.equal(timestamp, head.timestamp + 5000n, 'block.timestamp under a block override');
    // Deployless: eth_call without "to", creation code that returns the answer (viem's deployless reads).
    const d = await pub.readContract({ code: Probe.bytecode, abi: Probe.abi, functionName: 'env' });
    assert.equal(d[3], 31337n);
  });

  test('EIP-7702: a type-4 transaction delegates an EOA to contract code', async () => {
    const { Probe } = artifacts;
    const probe = (await deploy(walletA, Probe)).address;
    const authority = privateKeyToAccount(generatePrivateKey());
    // Signed by the authority (nonce 0, chain 31337), sent by B.
    const authorization = await createWalletClient({ chain, transport, account: authority }).signAuthorization({ contractAddress: probe });
    assert.equal(authorization.nonce, 0);
    const data = encodeFunctionData({ abi: Probe.abi, functionName: 'stamp' });
    const hash = await walletB.sendTransaction({ to: authority.address, data, authorizationList: [authorization] });
    const r = await pub.waitForTransactionReceipt({ hash });
    assert.equal(r.status, 'success');
    assert.equal(r.type, 'eip7702');
    if (process.env.E2E_PRINT_GAS) console.log(`# gas EIP-7702 stamp: ${r.gasUsed}`);
    // The delegation designator 0xef0100 || address (EIP-7702).
    assert.equal(await pub.getCode({ address: authority.address }), concatHex(['0xef0100', probe.toLowerCase()]));
    const block = await pub.getBlock({ blockNumber: r.blockNumber });
    assert.equal(await pub.readContract({ address: authority.address, abi: Probe.abi, functionName: 'stamped' }), block.timestamp, 'the call ran Probe.stamp in the authority\'s storage');
    assert.equal(await pub.readContract({ address: probe, abi: Probe.abi, functionName: 'stamped' }), 0n, 'the delegate\'s own storage is untouched');
    assert.equal(await pub.getTransactionCount({ address: authority.address }), 1, 'the authorization bumps the authority\'s nonce');
    const tx = await pub.getTransaction({ hash });
    assert.equal(tx.authorizationList?.length, 1);
    assert.equal(tx.authorizationList[0].address.toLowerCase(), probe.toLowerCase());
  });

  test('fees as clients read them: eth_gasPrice, eth_maxPriorityFeePerGas, eth_feeHistory, base fee', async () => {
    const block = await pub.getBlock();
    const fees = await pub.estimateFeesPerGas();
    assert.ok(fees.maxFeePerGas >= block.baseFeePerGas + fees.maxPriorityFeePerGas, `viem estimateFeesPerGas ${fees.maxFeePerGas} covers base fee ${block.baseFeePerGas} + tip ${fees.maxPriorityFeePerGas}`);
    const gasPrice = await pub.getGasPrice();
    assert.ok(gasPrice >= block.baseFeePerGas, `eth_gasPrice ${gasPrice} >= base fee ${block.baseFeePerGas}`);
    const history = await pub.getFeeHistory({ blockCount: 3, rewardPercentiles: [50] });
    assert.equal(history.baseFeePerGas.length, 4);
    assert.equal(history.baseFeePerGas[2], block.baseFeePerGas, 'feeHistory base fee of the newest block');
    assert.equal(history.oldestBlock, block.number - 2n);
    // The next block's base fee follows EIP-1559 from the newest one.
    const target = block.gasLimit / 2n;
    const delta = (block.baseFeePerGas * (block.gasUsed > target ? block.gasUsed - target : target - block.gasUsed)) / target / 8n;
    const next = block.gasUsed > target ? block.baseFeePerGas + (delta > 0n ? delta : 1n) : block.baseFeePerGas - delta;
    assert.equal(history.baseFeePerGas[3], next, 'feeHistory gives the next block\'s base fee by the EIP-1559 rule');
    // A transaction sent now is charged the base fee of its block.
    const hash = await walletB.sendTransaction({ to: C.address, value: 1n });
    const r = await pub.waitForTransactionReceipt({ hash });
    const rb = await pub.getBlock({ blockNumber: r.blockNumber });
    const tx = await pub.getTransaction({ hash });
    const tip = tx.maxPriorityFeePerGas < tx.maxFeePerGas - rb.baseFeePerGas ? tx.maxPriorityFeePerGas : tx.maxFeePerGas - rb.baseFeePerGas;
    assert.equal(r.effectiveGasPrice, rb.baseFeePerGas + tip, 'effectiveGasPrice = base fee + min(tip, fee cap - base fee)');
  });
});
