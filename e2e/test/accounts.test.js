// Start-up as issue 12 gives it (anvil's): chain id 31337, the ten dev
// accounts of the "test ... junk" mnemonic, 10,000 ETH each, unlocked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HDNodeWallet, JsonRpcProvider, Mnemonic, getAddress } from 'ethers';
import { createPublicClient, http } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { CHAIN_ID, DEV, DEV_BALANCE, MNEMONIC, RPC, USE, isAnvil, rpc, rpcRaw, show } from '../lib/env.js';

const provider = new JsonRpcProvider(RPC, undefined, { staticNetwork: true, cacheTimeout: -1 });
const client = createPublicClient({ transport: http(RPC) });

test('chain id is 31337 (raw, ethers, viem) and net_version agrees', async () => {
  assert.equal(await rpc('eth_chainId'), '0x7a69');
  assert.equal((await provider.getNetwork()).chainId, BigInt(CHAIN_ID));
  assert.equal(await client.getChainId(), CHAIN_ID);
  assert.equal(await rpc('net_version'), '31337');
});

// hardhat's @nomicfoundation/hardhat-network-helpers tells nodes apart by
// web3_clientVersion: lower-cased, it must contain "hardhat" or "anvil".
// Issue 12: answer in a form it accepts while still naming goevm.
test('web3_clientVersion is one hardhat-network-helpers accepts (and names goevm)', async () => {
  const v = await rpc('web3_clientVersion');
  assert.equal(typeof v, 'string');
  assert.match(v.toLowerCase(), /hardhat|anvil/, show('web3_clientVersion', [], v));
  if (!isAnvil) assert.match(v, /goevm/i, show('web3_clientVersion', [], v));
});

test('dev accounts are the mnemonic m/44\'/60\'/0\'/0/i, in order (ethers and viem derivations)', async () => {
  const m = Mnemonic.fromPhrase(MNEMONIC);
  for (let i = 0; i < 10; i++) {
    const w = HDNodeWallet.fromMnemonic(m, `m/44'/60'/0'/0/${i}`);
    assert.equal(w.address, DEV[i].address, `ethers derivation of account ${i}`);
    assert.equal(w.privateKey, DEV[i].key);
    assert.equal(mnemonicToAccount(MNEMONIC, { addressIndex: i }).address, DEV[i].address, `viem derivation ${i}`);
  }
  const accounts = await rpc('eth_accounts');
  assert.deepEqual(accounts.map((a) => getAddress(a)), DEV.map((d) => d.address), show('eth_accounts', [], accounts));
  assert.deepEqual(await client.request({ method: 'eth_accounts' }).then((a) => a.map(getAddress)), DEV.map((d) => d.address));
  assert.deepEqual((await provider.listAccounts()).map((s) => s.address), DEV.map((d) => d.address));
});

test('each dev account held 10,000 ETH at genesis; an unspent one still does', async () => {
  for (const { address } of DEV) {
    const got = await rpc('eth_getBalance', [address, 'earliest']);
    assert.equal(BigInt(got), DEV_BALANCE, show('eth_getBalance', [address, 'earliest'], got));
    assert.equal(await provider.getBalance(address, 0), DEV_BALANCE, `ethers getBalance(${address}, 0)`);
    assert.equal(await client.getBalance({ address, blockNumber: 0n }), DEV_BALANCE, `viem getBalance(${address}, 0n)`);
  }
  const spare = DEV[USE.untouched].address;
  assert.equal(await provider.getBalance(spare), DEV_BALANCE);
  assert.equal(await client.getBalance({ address: spare }), DEV_BALANCE);
  assert.equal(await provider.getTransactionCount(spare), 0);
});

test('genesis block: number 0, gas limit 30,000,000, base fee 1 gwei', async () => {
  const b = await rpc('eth_getBlockByNumber', ['0x0', false]);
  assert.equal(b.number, '0x0');
  assert.equal(BigInt(b.gasLimit), 30_000_000n, show('eth_getBlockByNumber', ['0x0', false], b.gasLimit));
  assert.equal(BigInt(b.baseFeePerGas), 1_000_000_000n, show('eth_getBlockByNumber', ['0x0', false], b.baseFeePerGas));
  const e = await rpc('eth_getBlockByNumber', ['earliest', false]);
  assert.equal(e.hash, b.hash);
  const vb = await client.getBlock({ blockNumber: 0n });
  assert.equal(vb.hash, b.hash);
  assert.equal(vb.gasLimit, 30_000_000n);
});

test('net_listening, eth_syncing, web3_sha3, eth_coinbase', async () => {
  assert.equal(await rpc('net_listening'), true);
  assert.equal(await rpc('eth_syncing'), false);
  assert.equal(await rpc('web3_sha3', ['0x68656c6c6f']), '0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8'); // keccak256("hello")
  assert.match(await rpc('eth_coinbase'), /^0x[0-9a-fA-F]{40}$/);
});

test('an unknown method is -32601', async () => {
  const r = await rpcRaw('eth_noSuchMethod', []);
  assert.equal(r.error?.code, -32601, show('eth_noSuchMethod', [], r));
});
