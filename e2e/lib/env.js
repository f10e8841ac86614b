// Where the node under test is and what it should hold at start.
// run.sh sets GOEVM_RPC (http://127.0.0.1:P) and GOEVM_WS (ws://127.0.0.1:P);
// E2E_TARGET is "goevm" (default) or "anvil", for the few assertions where
// issue 12 deliberately differs from anvil.
import { compile } from './compile.js';

export const RPC = process.env.GOEVM_RPC || 'http://127.0.0.1:8545';
export const WS = process.env.GOEVM_WS || RPC.replace(/^http/, 'ws');
export const TARGET = process.env.E2E_TARGET || 'goevm';
export const isAnvil = TARGET === 'anvil';
export const CHAIN_ID = 31337;
export const MNEMONIC = 'test test test test test test test test test test test junk';
export const ETH = 10n ** 18n;
export const DEV_BALANCE = 10_000n * ETH;

// Anvil's and hardhat's well-known dev accounts (m/44'/60'/0'/0/i of the
// mnemonic above); test/accounts.test.js derives them again with ethers.
export const DEV = [
  ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'],
  ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'],
  ['0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'],
  ['0x90F79bf6EB2c4f870365E785982E1f101E93b906', '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6'],
  ['0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65', '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a'],
  ['0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc', '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba'],
  ['0x976EA74026E726554dB657fA54763abd0C3a0aa9', '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e'],
  ['0x14dC79964da2C08b23698B3D3cc7Ca32193d9955', '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356'],
  ['0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f', '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97'],
  ['0xa0Ee7A142d267C1f36714E4a8F75612F20a79720', '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6'],
].map(([address, key]) => ({ address, key }));

// Each test file sends from its own dev accounts, so the files do not depend
// on each other's order; account 9 is never spent from. (ethers.test.js only
// receives into account 2; errors.test.js funds its wallets from it.)
export const USE = {
  ethers: [0, 1, 2],
  errors: [2],
  viem: [3, 4, 5],
  ws: [6],
  blobs: [6], // ws.test.js checks nothing of account 6's nonce or balance
  cheats: [7],
  gas: [8],
  formats: [8], // gas.test.js's numbers do not depend on the sender's nonce or balance
  untouched: 9,
};

export const artifacts = compile();

let id = 0;
/**
 * A raw JSON-RPC call over HTTP. Returns the whole response object
 * ({result} or {error}), so tests can look at error codes and data.
 */
export async function rpcRaw(method, params = []) {
  const body = { jsonrpc: '2.0', id: ++id, method, params };
  const res = await fetch(RPC, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${method}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
}

/** A JSON-RPC call that must succeed; returns its result. */
export async function rpc(method, params = []) {
  const r = await rpcRaw(method, params);
  if (r.error) {
    const e = new Error(`${method}(${JSON.stringify(params)}) -> error ${JSON.stringify(r.error)}`);
    e.rpcError = r.error;
    throw e;
  }
  return r.result;
}

/** Describes a request and what came back, for assertion messages. */
export function show(method, params, got) {
  return `${method} ${JSON.stringify(params, (_, v) => (typeof v === 'bigint' ? v.toString() : v))} -> ${JSON.stringify(got, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
}

/**
 * The receipt of a transaction that eth_sendTransaction/eth_sendRawTransaction
 * has just returned. Issue 12: in automine mode the transaction is mined
 * before the send returns (hardhat's behaviour), so goevm must have the
 * receipt at once. Anvil mines right after returning the hash, so against
 * anvil this waits (up to 5 s) for it.
 */
export async function receiptNow(hash) {
  let r = await rpc('eth_getTransactionReceipt', [hash]);
  for (let i = 0; !r && isAnvil && i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    r = await rpc('eth_getTransactionReceipt', [hash]);
  }
  return r;
}
