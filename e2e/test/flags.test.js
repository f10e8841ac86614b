// Start-up flags that goevm node shares with anvil (issue 12: "--chain-id",
// "--mnemonic", "--accounts", "--balance", "--gas-limit", "--base-fee",
// "--block-time", "--disable-code-size-limit"), each on a node this file
// starts itself — goevm (GOEVM_BIN) or, with E2E_TARGET=anvil, anvil with the
// same flags.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { HDNodeWallet, Mnemonic, getAddress, parseEther, toQuantity } from 'ethers';
import { call, cannotStart, startNode, stopAll } from '../lib/nodes.js';

const OTHER = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const initCode = (size) => '0x62' + size.toString(16).padStart(6, '0') + '6000f3';

async function receipt(url, hash, ms = 0) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await call(url, 'eth_getTransactionReceipt', [hash]);
    if (r || Date.now() >= deadline) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('start-up flags', { skip: cannotStart }, () => {
  after(stopAll);

  test('--chain-id, --mnemonic, --accounts, --balance', async () => {
    const node = await startNode(['--chain-id', '1337', '--mnemonic', OTHER, '--accounts', '3', '--balance', '5']);
    try {
      assert.equal(await call(node.url, 'eth_chainId'), '0x539');
      const m = Mnemonic.fromPhrase(OTHER);
      const want = [0, 1, 2].map((i) => HDNodeWallet.fromMnemonic(m, `m/44'/60'/0'/0/${i}`).address);
      const got = (await call(node.url, 'eth_accounts')).map(getAddress);
      assert.deepEqual(got, want);
      for (const a of want) assert.equal(BigInt(await call(node.url, 'eth_getBalance', [a, 'latest'])), parseEther('5'));
      // A legacy transaction from the node is EIP-155 signed for chain 1337.
      const h = await call(node.url, 'eth_sendTransaction', [{ from: want[0], to: want[1], value: '0x1', gasPrice: toQuantity(10n ** 10n) }]);
      const r = await receipt(node.url, h, 5000);
      assert.equal(r.status, '0x1');
      const tx = await call(node.url, 'eth_getTransactionByHash', [h]);
      if (tx.type === '0x0') assert.ok([1337n * 2n + 35n, 1337n * 2n + 36n].includes(BigInt(tx.v)), `v ${tx.v}`);
      else assert.equal(tx.chainId, '0x539');
    } finally {
      await node.stop();
    }
  });

  test('--gas-limit and --base-fee set the genesis block', async () => {
    const node = await startNode(['--gas-limit', '50000000', '--base-fee', '7']);
    try {
      const b = await call(node.url, 'eth_getBlockByNumber', ['0x0', false]);
      assert.equal(BigInt(b.gasLimit), 50_000_000n);
      assert.equal(BigInt(b.baseFeePerGas), 7n);
    } finally {
      await node.stop();
    }
  });

  test('--disable-code-size-limit lets a 24577-byte contract deploy', async () => {
    const node = await startNode(['--disable-code-size-limit']);
    try {
      const [from] = await call(node.url, 'eth_accounts');
      const h = await call(node.url, 'eth_sendTransaction', [{ from, data: initCode(24577), gas: toQuantity(6_000_000) }]);
      const r = await receipt(node.url, h, 5000);
      assert.equal(r.status, '0x1', `deployment beyond EIP-170 with --disable-code-size-limit: ${JSON.stringify(r)}`);
      assert.equal((await call(node.url, 'eth_getCode', [r.contractAddress, 'latest'])).length, 2 + 2 * 24577);
    } finally {
      await node.stop();
    }
  });

  test('--block-time 1: blocks come each second, transactions wait for them', async () => {
    const node = await startNode(['--block-time', '1']);
    try {
      const [from, to] = await call(node.url, 'eth_accounts');
      const n0 = Number(await call(node.url, 'eth_blockNumber'));
      const h = await call(node.url, 'eth_sendTransaction', [{ from, to, value: '0x1' }]);
      const r = await receipt(node.url, h, 5000);
      assert.ok(r, 'mined within 5 s');
      await new Promise((res) => setTimeout(res, 2500));
      const n1 = Number(await call(node.url, 'eth_blockNumber'));
      assert.ok(n1 >= n0 + 2, `blocks ${n0} -> ${n1} in over 2.5 s with --block-time 1`);
      const t1 = Number((await call(node.url, 'eth_getBlockByNumber', [toQuantity(n1), false])).timestamp);
      const t0 = Number((await call(node.url, 'eth_getBlockByNumber', [toQuantity(n1 - 1), false])).timestamp);
      assert.ok(t1 > t0, 'timestamps advance block to block');
    } finally {
      await node.stop();
    }
  });
});
