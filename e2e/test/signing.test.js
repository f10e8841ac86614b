// Signing with the node's unlocked dev accounts: personal_sign, eth_sign and
// eth_signTypedData_v4, as ethers' JsonRpcSigner and viem's JSON-RPC account
// call them; each signature must equal the one the account's key makes
// locally (RFC 6979 signatures are deterministic) and recover to the account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonRpcProvider, Wallet, hexlify, toUtf8Bytes, verifyMessage, verifyTypedData } from 'ethers';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEV, RPC, rpc, show } from '../lib/env.js';

const D = DEV[9]; // signing spends nothing
const provider = new JsonRpcProvider(RPC, undefined, { staticNetwork: true, cacheTimeout: -1 });
const local = new Wallet(D.key);

const domain = { name: 'goevm e2e', version: '1', chainId: 31337, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' };
const types = {
  Person: [
    { name: 'name', type: 'string' },
    { name: 'wallet', type: 'address' },
  ],
  Mail: [
    { name: 'from', type: 'Person' },
    { name: 'to', type: 'Person' },
    { name: 'contents', type: 'string' },
  ],
};
const message = {
  from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
  to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
  contents: 'Hello, Bob!',
};

test('personal_sign and eth_sign (ethers JsonRpcSigner, raw)', async () => {
  const signer = await provider.getSigner(D.address);
  const sig = await signer.signMessage('hello goevm');
  assert.equal(sig, await local.signMessage('hello goevm'), 'personal_sign through ethers');
  assert.equal(verifyMessage('hello goevm', sig), D.address);
  const data = hexlify(toUtf8Bytes('raw bytes'));
  const viaEthSign = await rpc('eth_sign', [D.address, data]);
  assert.equal(viaEthSign, await local.signMessage(toUtf8Bytes('raw bytes')), show('eth_sign', [D.address, data], viaEthSign));
  const viaPersonal = await rpc('personal_sign', [data, D.address]);
  assert.equal(viaPersonal, viaEthSign, 'personal_sign [data, address] and eth_sign [address, data] sign the same EIP-191 message');
});

test('eth_signTypedData_v4 (ethers JsonRpcSigner): the EIP-712 example mail', async () => {
  const signer = await provider.getSigner(D.address);
  const sig = await signer.signTypedData(domain, types, message);
  assert.equal(sig, await local.signTypedData(domain, types, message));
  assert.equal(verifyTypedData(domain, types, message, sig), D.address);
});

test('viem JSON-RPC account: signMessage and signTypedData', async () => {
  const w = createWalletClient({ transport: http(RPC), account: D.address });
  const acct = privateKeyToAccount(D.key);
  assert.equal(await w.signMessage({ message: 'hi from viem' }), await acct.signMessage({ message: 'hi from viem' }));
  assert.equal(await w.signMessage({ message: { raw: '0xdeadbeef' } }), await acct.signMessage({ message: { raw: '0xdeadbeef' } }));
  const typed = { domain, types, primaryType: 'Mail', message };
  assert.equal(await w.signTypedData(typed), await acct.signTypedData(typed));
});
