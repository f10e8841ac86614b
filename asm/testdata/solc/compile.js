// Compiles the .sol files in a folder with solc-js and writes, per contract,
// NAME.json {compiler, bytecode, deployedBytecode} (hex without 0x).
const solc = require('solc');
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const sources = {};
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.sol'))) {
  sources[f] = { content: fs.readFileSync(path.join(dir, f), 'utf8') };
}
const input = {
  language: 'Solidity', sources,
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object'] } } },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of out.errors || []) { console.error(e.formattedMessage); if (e.severity === 'error') process.exit(1); }
for (const file of Object.keys(out.contracts)) {
  for (const name of Object.keys(out.contracts[file])) {
    const c = out.contracts[file][name];
    fs.writeFileSync(path.join(dir, name + '.json'), JSON.stringify({
      compiler: solc.version(), source: file,
      bytecode: c.evm.bytecode.object, deployedBytecode: c.evm.deployedBytecode.object,
    }, null, 1) + '\n');
  }
}
