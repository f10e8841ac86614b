// What the node returns has geth's shape (the execution-apis OpenRPC
// schemas: required fields, quantities as minimal hex) and is consistent
// with itself: a block's header RLP hashes to its hash, and for one-
// transaction blocks the transactions and receipts roots are the tries of
// that transaction and receipt as the JSON shows them (issue 12: "block
// headers that hash to the block hash and correct transactions and receipts
// roots").
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Interface, Transaction, concat, encodeRlp, keccak256, toBeArray, toBeHex, toQuantity } from 'ethers';
import { DEV, USE, artifacts, receiptNow, rpc, show } from '../lib/env.js';

const [S] = USE.formats.map((i) => DEV[i]);
const emitterIface = new Interface(artifacts.Emitter.abi);

const QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/;
const DATA = /^0x([0-9a-f]{2})*$/;
const HASH = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

// execution-apis src/schemas: block.yaml Block, receipt.yaml ReceiptInfo,
// transaction.yaml (signed, with the block fields geth adds).
const BLOCK_REQUIRED = ['hash', 'parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce', 'size', 'transactions', 'uncles'];
// Fields of the forks up to Osaka (London, Shanghai, Cancun, Prague).
const BLOCK_OSAKA = ['baseFeePerGas', 'withdrawalsRoot', 'withdrawals', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash'];
const RECEIPT_REQUIRED = ['blockHash', 'blockNumber', 'from', 'cumulativeGasUsed', 'gasUsed', 'logs', 'logsBloom', 'transactionHash', 'transactionIndex', 'effectiveGasPrice', 'type', 'status', 'to', 'contractAddress'];
const TX_COMMON = ['type', 'nonce', 'gas', 'value', 'input', 'hash', 'from', 'blockHash', 'blockNumber', 'transactionIndex', 'r', 's', 'v', 'gasPrice', 'to'];
const TX_BY_TYPE = {
  '0x0': [],
  '0x1': ['chainId', 'accessList', 'yParity'],
  '0x2': ['chainId', 'accessList', 'maxFeePerGas', 'maxPriorityFeePerGas', 'yParity'],
};
const LOG_FIELDS = ['address', 'topics', 'data', 'blockNumber', 'blockHash', 'transactionHash', 'transactionIndex', 'logIndex', 'removed'];

function hasFields(obj, fields, what) {
  const missing = fields.filter((f) => !(f in obj));
  assert.deepEqual(missing, [], `${what}: missing ${missing.join(', ')} in ${JSON.stringify(obj).slice(0, 400)}`);
}

function quantities(obj, fields, what) {
  for (const f of fields) {
    if (obj[f] === undefined || obj[f] === null) continue;
    assert.match(obj[f], QUANTITY, `${what}.${f} = ${obj[f]} is not a minimal hex quantity`);
  }
}

// Header RLP as the Yellow Paper and EIPs 1559/4895/4844/4788/7685 extend it.
const q = (x) => (BigInt(x) === 0n ? '0x' : toBeHex(BigInt(x)));
function headerRlp(b) {
  const fields = [b.parentHash, b.sha3Uncles, b.miner, b.stateRoot, b.transactionsRoot, b.receiptsRoot, b.logsBloom, q(b.difficulty), q(b.number), q(b.gasLimit), q(b.gasUsed), q(b.timestamp), b.extraData, b.mixHash, b.nonce];
  for (const [k, enc] of [['baseFeePerGas', q], ['withdrawalsRoot', (x) => x], ['blobGasUsed', q], ['excessBlobGas', q], ['parentBeaconBlockRoot', (x) => x], ['requestsHash', (x) => x]]) {
    if (b[k] === undefined) break;
    fields.push(enc(b[k]));
  }
  return encodeRlp(fields);
}

// The root of a trie holding one entry under key rlp(0) = 0x80: a leaf node
// [hex-prefix(path 8,0; leaf, even) = 0x2080, value], hashed.
const singleEntryRoot = (value) => keccak256(encodeRlp(['0x2080', value]));

/** The signed transaction the JSON describes, rebuilt with ethers. */
function txFromRpc(tx) {
  const type = Number(tx.type);
  const t = Transaction.from({
    type,
    nonce: Number(tx.nonce),
    gasLimit: BigInt(tx.gas),
    to: tx.to,
    value: BigInt(tx.value),
    data: tx.input,
    chainId: tx.chainId !== undefined ? BigInt(tx.chainId) : undefined,
    ...(type === 2 ? { maxFeePerGas: BigInt(tx.maxFeePerGas), maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas) } : { gasPrice: BigInt(tx.gasPrice) }),
    ...(type >= 1 ? { accessList: tx.accessList } : {}),
    signature: { r: tx.r, s: tx.s, v: type === 0 ? BigInt(tx.v) : 27n + BigInt(tx.yParity ?? tx.v) },
  });
  return t;
}

function receiptEncoding(r) {
  const logs = r.logs.map((l) => [l.address, l.topics, l.data]);
  const body = encodeRlp([r.status === '0x1' ? '0x01' : '0x', q(r.cumulativeGasUsed), r.logsBloom, logs]);
  return BigInt(r.type) === 0n ? body : concat([toBeArray(BigInt(r.type)), body]);
}

describe('formats and roots', () => {
  const sent = {};

  before(async () => {
    const send = async (tx) => receiptNow(await rpc('eth_sendTransaction', [{ from: S.address, ...tx }]));
    sent.deploy = await send({ data: artifacts.Emitter.bytecode });
    const emitter = sent.deploy.contractAddress;
    sent.eip1559 = await send({ to: emitter, data: emitterIface.encodeFunctionData('ping', [5n, '0x' + '11'.repeat(32), 'formats']) });
    sent.legacy = await send({ to: S.address, value: '0x1', gasPrice: toQuantity(2_000_000_000n) });
    sent.accessList = await send({ to: emitter, data: emitterIface.encodeFunctionData('anon', [1n, 2n]), gasPrice: toQuantity(2_000_000_000n), accessList: [{ address: emitter, storageKeys: ['0x' + '00'.repeat(32)] }] });
    await rpc('evm_mine');
  });

  test('blocks: required fields, Osaka header fields, quantities, header RLP hashes to the hash', async () => {
    const head = BigInt(await rpc('eth_blockNumber'));
    const numbers = [0n, BigInt(sent.deploy.blockNumber), BigInt(sent.eip1559.blockNumber), BigInt(sent.legacy.blockNumber), BigInt(sent.accessList.blockNumber), head];
    for (const n of numbers) {
      const params = [toQuantity(n), false];
      const b = await rpc('eth_getBlockByNumber', params);
      assert.equal(keccak256(headerRlp(b)), b.hash, `keccak(rlp(header)) of block ${n} ${show('eth_getBlockByNumber', params, b)}`);
      if (n > 0n) {
        const parent = await rpc('eth_getBlockByNumber', [toQuantity(n - 1n), false]);
        assert.equal(b.parentHash, parent.hash, `block ${n}.parentHash`);
      }
      const byHash = await rpc('eth_getBlockByHash', [b.hash, false]);
      assert.deepEqual(byHash, b, `eth_getBlockByHash(${b.hash}) equals eth_getBlockByNumber(${n})`);
      hasFields(b, [...BLOCK_REQUIRED, ...BLOCK_OSAKA], `block ${n}`);
      quantities(b, ['number', 'gasLimit', 'gasUsed', 'timestamp', 'size', 'baseFeePerGas', 'blobGasUsed', 'excessBlobGas', 'difficulty'], `block ${n}`);
      for (const f of ['hash', 'parentHash', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'mixHash', 'sha3Uncles', 'withdrawalsRoot', 'parentBeaconBlockRoot', 'requestsHash']) {
        assert.match(b[f], HASH, `block ${n}.${f}`);
      }
      assert.match(b.nonce, /^0x[0-9a-f]{16}$/, `block ${n}.nonce`);
      assert.match(b.logsBloom, /^0x[0-9a-f]{512}$/, `block ${n}.logsBloom`);
      assert.match(b.miner, ADDRESS);
      assert.match(b.extraData, DATA);
      assert.deepEqual(b.uncles, []);
      assert.deepEqual(b.withdrawals, []);
    }
  });

  test('transactions: fields by type, quantities, the signed encoding hashes to the hash', async () => {
    for (const [name, r, type] of [['deploy', sent.deploy, '0x2'], ['eip1559', sent.eip1559, '0x2'], ['legacy', sent.legacy, '0x0'], ['accessList', sent.accessList, '0x1']]) {
      const tx = await rpc('eth_getTransactionByHash', [r.transactionHash]);
      assert.equal(tx.type, type, `${name}: type`);
      hasFields(tx, [...TX_COMMON, ...TX_BY_TYPE[type]], `${name} transaction`);
      quantities(tx, ['type', 'nonce', 'gas', 'value', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'chainId', 'v', 'yParity', 'blockNumber', 'transactionIndex'], `${name} transaction`);
      assert.match(tx.input, DATA);
      if (type !== '0x0') assert.equal(tx.chainId, '0x7a69');
      if (type === '0x0') assert.ok([0x7a69n * 2n + 35n, 0x7a69n * 2n + 36n].includes(BigInt(tx.v)), `legacy v ${tx.v} is EIP-155 for 31337`);
      const t = txFromRpc(tx);
      assert.equal(keccak256(t.serialized), tx.hash, `${name}: keccak of the signed encoding ${show('eth_getTransactionByHash', [tx.hash], tx)}`);
      assert.equal(t.from.toLowerCase(), tx.from.toLowerCase(), `${name}: sender recovered from the signature`);
      const byIndex = await rpc('eth_getTransactionByBlockNumberAndIndex', [tx.blockNumber, '0x0']);
      assert.deepEqual(byIndex, tx);
      const byBlockHash = await rpc('eth_getTransactionByBlockHashAndIndex', [tx.blockHash, '0x0']);
      assert.deepEqual(byBlockHash, tx);
    }
  });

  test('receipts and logs: fields, quantities; one-transaction blocks have the roots of their transaction and receipt', async () => {
    for (const [name, r] of Object.entries(sent)) {
      hasFields(r, RECEIPT_REQUIRED, `${name} receipt`);
      quantities(r, ['blockNumber', 'cumulativeGasUsed', 'gasUsed', 'transactionIndex', 'effectiveGasPrice', 'type', 'status'], `${name} receipt`);
      assert.equal(r.cumulativeGasUsed, r.gasUsed, `${name}: cumulativeGasUsed of the only transaction`);
      for (const l of r.logs) {
        hasFields(l, LOG_FIELDS, `${name} log`);
        quantities(l, ['blockNumber', 'transactionIndex', 'logIndex'], `${name} log`);
        assert.equal(l.transactionHash, r.transactionHash);
        assert.equal(l.blockHash, r.blockHash);
      }
      const block = await rpc('eth_getBlockByNumber', [r.blockNumber, true]);
      assert.equal(block.transactions.length, 1, `${name}: automine puts one transaction in a block`);
      const tx = block.transactions[0];
      const raw = txFromRpc(tx).serialized;
      assert.equal(singleEntryRoot(raw), block.transactionsRoot, `${name}: transactionsRoot`);
      assert.equal(singleEntryRoot(receiptEncoding(r)), block.receiptsRoot, `${name}: receiptsRoot ${show('eth_getTransactionReceipt', [r.transactionHash], r)}`);
      const [br] = await rpc('eth_getBlockReceipts', [r.blockNumber]);
      assert.deepEqual(br, r, `eth_getBlockReceipts(${r.blockNumber})[0] equals eth_getTransactionReceipt`);
    }
    assert.equal(sent.deploy.to, null);
    assert.match(sent.deploy.contractAddress, ADDRESS);
    assert.equal(sent.eip1559.contractAddress, null);
    assert.equal(sent.eip1559.logs.length, 1);
  });

  test('quantities and data in simple answers', async () => {
    assert.match(await rpc('eth_blockNumber'), QUANTITY);
    assert.match(await rpc('eth_gasPrice'), QUANTITY);
    assert.match(await rpc('eth_maxPriorityFeePerGas'), QUANTITY);
    assert.match(await rpc('eth_getBalance', [S.address, 'latest']), QUANTITY);
    assert.match(await rpc('eth_getTransactionCount', [S.address, 'latest']), QUANTITY);
    assert.match(await rpc('eth_getStorageAt', [sent.deploy.contractAddress, '0x0', 'latest']), HASH);
    assert.equal(await rpc('eth_getCode', [S.address, 'latest']), '0x');
    assert.equal(await rpc('eth_getBalance', ['0x' + '99'.repeat(20), 'latest']), '0x0');
  });

  test('eth_feeHistory: base fees of blockCount + 1 blocks, rewards per percentile', async () => {
    const fh = await rpc('eth_feeHistory', ['0x4', 'latest', [25, 75]]);
    hasFields(fh, ['oldestBlock', 'baseFeePerGas', 'gasUsedRatio', 'reward'], 'eth_feeHistory');
    assert.equal(fh.baseFeePerGas.length, 5, 'eth_feeHistory baseFeePerGas has blockCount + 1 entries');
    assert.equal(fh.reward.length, 4);
  });

  // Issue 12: OpenZeppelin's trie-proof tests check roots against
  // eth_getProof, so the node serves it. Checked here: the proofs start at
  // the block's state root and the account's storage root, and the account
  // fields agree with the plain getters.
  test('eth_getProof: account and storage proofs hang from the state and storage roots', async () => {
    const addr = sent.deploy.contractAddress;
    const block = await rpc('eth_getBlockByNumber', ['latest', false]);
    const slot = '0x' + '00'.repeat(32);
    const params = [addr, [slot], block.number];
    const p = await rpc('eth_getProof', params);
    hasFields(p, ['address', 'accountProof', 'balance', 'codeHash', 'nonce', 'storageHash', 'storageProof'], 'eth_getProof');
    assert.equal(keccak256(p.accountProof[0]), block.stateRoot, `first account proof node hashes to stateRoot ${show('eth_getProof', params, p)}`);
    assert.equal(keccak256(await rpc('eth_getCode', [addr, block.number])), p.codeHash);
    assert.equal(BigInt(p.balance), BigInt(await rpc('eth_getBalance', [addr, block.number])));
    assert.equal(BigInt(p.nonce), 1n, 'a contract starts at nonce 1 (EIP-161)');
    assert.equal(p.storageProof.length, 1);
    const sp = p.storageProof[0];
    assert.equal(BigInt(sp.value), BigInt(await rpc('eth_getStorageAt', [addr, slot, block.number])));
    assert.equal(keccak256(sp.proof[0]), p.storageHash, 'first storage proof node hashes to storageHash');
    // An account that does not exist: empty code hash and storage root.
    const none = await rpc('eth_getProof', ['0x' + '99'.repeat(20), [], block.number]);
    assert.equal(none.codeHash, keccak256('0x'));
    assert.equal(none.storageHash, '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
    assert.equal(BigInt(none.balance), 0n);
  });
});
