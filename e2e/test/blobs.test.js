// Blob transactions (EIP-4844) sent by eth_sendRawTransaction in their
// network form (body, blobs, commitments, proofs), signed by viem. The blobs
// are all zero: their KZG commitment and proof are the point at infinity
// (0xc0 followed by zeros), valid without a KZG library here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createPublicClient, defineChain, fromRlp, http, keccak256, parseGwei, sha256, toRlp } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV, RPC, USE, receiptNow, rpc, rpcRaw, show } from '../lib/env.js';

const chain = defineChain({ id: 31337, name: 'goevm', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [RPC] } } });
const pub = createPublicClient({ chain, transport: http(RPC) });
const account = privateKeyToAccount(DEV[USE.blobs[0]].key);

const BLOB = '0x' + '00'.repeat(131072);
const INFINITY = '0xc0' + '00'.repeat(47); // commitment and proof of the zero blob
const G1 = '0x97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb'; // a valid point, the wrong proof
const versionedHash = (c) => '0x01' + sha256(c).slice(4);
const zeroSidecar = { blob: BLOB, commitment: INFINITY, proof: INFINITY };

async function blobTx(extra) {
  return account.signTransaction({
    chainId: 31337,
    type: 'eip4844',
    nonce: await pub.getTransactionCount({ address: account.address }),
    to: account.address,
    gas: 21000n,
    maxFeePerGas: parseGwei('10'),
    maxPriorityFeePerGas: 1n,
    maxFeePerBlobGas: parseGwei('1'),
    blobVersionedHashes: [versionedHash(INFINITY)],
    sidecars: [zeroSidecar],
    ...extra,
  });
}

async function refused(raw, what, pattern) {
  const head = await rpc('eth_blockNumber');
  const r = await rpcRaw('eth_sendRawTransaction', [raw]);
  assert.ok(r.error, `${what}: accepted as ${r.result} (geth and anvil refuse it)`);
  if (pattern) assert.match(r.error.message, pattern, `${what}: ${JSON.stringify(r.error)}`);
  assert.equal(await rpc('eth_blockNumber'), head, `${what}: the chain moved`);
}

describe('blob transactions', () => {
  test('one zero blob: mined, blob gas charged at the blob base fee, the canonical form hashes to the hash', async () => {
    const blobBaseFee = BigInt(await rpc('eth_blobBaseFee'));
    const balance = await pub.getBalance({ address: account.address });
    const raw = await blobTx({});
    const hash = await rpc('eth_sendRawTransaction', [raw]);
    const receipt = await receiptNow(hash);
    assert.equal(receipt.status, '0x1');
    assert.equal(receipt.type, '0x3');
    assert.equal(BigInt(receipt.gasUsed), 21000n);
    assert.equal(BigInt(receipt.blobGasUsed), 131072n, show('eth_getTransactionReceipt', [hash], receipt));
    assert.equal(BigInt(receipt.blobGasPrice), blobBaseFee, 'blobGasPrice is the blob base fee of the block');
    const block = await rpc('eth_getBlockByNumber', [receipt.blockNumber, false]);
    assert.equal(BigInt(block.blobGasUsed), 131072n);
    const tx = await rpc('eth_getTransactionByHash', [hash]);
    assert.deepEqual(tx.blobVersionedHashes, [versionedHash(INFINITY)]);
    assert.equal(BigInt(tx.maxFeePerBlobGas), parseGwei('1'));
    // The network form is 0x03 || rlp([body, blobs, commitments, proofs]);
    // the hash is that of the canonical form 0x03 || rlp(body).
    const [body] = fromRlp('0x' + raw.slice(4));
    assert.equal(hash, keccak256('0x03' + toRlp(body).slice(2)));
    const paid = balance - (await pub.getBalance({ address: account.address }));
    assert.equal(paid, BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice) + 131072n * blobBaseFee, 'execution gas plus blob gas');
  });

  test('six blobs are accepted, seven refused (EIP-7594 per-transaction limit)', async () => {
    const hash = await rpc('eth_sendRawTransaction', [await blobTx({ blobVersionedHashes: Array(6).fill(versionedHash(INFINITY)), sidecars: Array(6).fill(zeroSidecar) })]);
    const receipt = await receiptNow(hash);
    assert.equal(BigInt(receipt.blobGasUsed), 6n * 131072n);
    await refused(await blobTx({ blobVersionedHashes: Array(7).fill(versionedHash(INFINITY)), sidecars: Array(7).fill(zeroSidecar) }), 'seven blobs', /blob/i);
  });

  test('a commitment that does not hash to its versioned hash is refused', async () => {
    await refused(await blobTx({ blobVersionedHashes: [versionedHash(G1)] }), 'commitment/versioned hash mismatch', /hash/i);
  });

  test('max fee per blob gas below the blob base fee is refused', async () => {
    await refused(await blobTx({ maxFeePerBlobGas: 0n }), 'maxFeePerBlobGas 0', /blob/i);
  });

  test('a KZG proof that does not prove the blob is refused', async () => {
    await refused(await blobTx({ sidecars: [{ ...zeroSidecar, proof: G1 }] }), 'wrong KZG proof', /proof|kzg/i);
  });

  test('a blob transaction without its sidecar is refused', async () => {
    await refused(await blobTx({ sidecars: undefined }), 'blob transaction without sidecar', /sidecar|blob/i);
  });
});
