// Compiles e2e/contracts/*.sol with solc-js (standard JSON, optimizer on).
// No network: solc's npm package carries its compiler, and imports of
// @openzeppelin/... resolve to node_modules. The result is cached under
// e2e/build/ keyed by the sources, solc's version and the settings, so the
// test files (each its own process under node --test) compile only once.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const e2eDir = join(here, '..');
const contractsDir = join(e2eDir, 'contracts');
const buildDir = join(e2eDir, 'build');

export const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'osaka', // goevm node's default fork; run anvil with --hardfork osaka
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function findImport(path) {
  for (const base of [join(e2eDir, 'node_modules'), contractsDir]) {
    const p = join(base, path);
    if (existsSync(p)) return { contents: readFileSync(p, 'utf8') };
  }
  return { error: `not found: ${path}` };
}

function readSources() {
  const sources = {};
  for (const f of readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[f] = { content: readFileSync(join(contractsDir, f), 'utf8') };
  }
  return sources;
}

/** Returns { Name: { abi, bytecode, deployedBytecode } } for every contract. */
export function compile() {
  const sources = readSources();
  // solc's package version names its compiler; loading solc itself takes a
  // second, so it is loaded only on a cache miss.
  const solcVersion = require('solc/package.json').version;
  const key = createHash('sha256')
    .update(solcVersion)
    .update(JSON.stringify(settings))
    .update(JSON.stringify(sources))
    .digest('hex')
    .slice(0, 16);
  const cache = join(buildDir, `artifacts-${key}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));

  const solc = require('solc');
  const input = { language: 'Solidity', sources, settings };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  if (errors.length) {
    throw new Error('solc: ' + errors.map((e) => e.formattedMessage).join('\n'));
  }
  const artifacts = {};
  for (const file of Object.keys(sources)) {
    for (const [name, c] of Object.entries(output.contracts[file] || {})) {
      artifacts[name] = {
        abi: c.abi,
        bytecode: '0x' + c.evm.bytecode.object,
        deployedBytecode: '0x' + c.evm.deployedBytecode.object,
      };
    }
  }
  mkdirSync(buildDir, { recursive: true });
  const tmp = `${cache}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(artifacts));
  renameSync(tmp, cache); // atomic: a parallel run never reads half a file
  return artifacts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = Date.now();
  const a = compile();
  console.log(`compiled ${Object.keys(a).join(', ')} with solc ${require('solc/package.json').version} in ${Date.now() - t} ms`);
}
