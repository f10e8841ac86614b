// Regenerates Counter.solc.json, the solc --standard-json output the
// debugger test reads with --sources. It is committed, so the test needs no
// compiler; run this after changing Counter.sol:
//   node compile.mjs /path/to/node_modules/solc   (e.g. ../../../e2e/node_modules/solc)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const solcPath = process.argv[2];
if (!solcPath) {
  console.error("usage: node compile.mjs PATH_TO_SOLC_PACKAGE");
  process.exit(2);
}
const solc = createRequire(import.meta.url)(solcPath);
const input = {
  language: "Solidity",
  sources: { "Counter.sol": { content: readFileSync(new URL("Counter.sol", import.meta.url), "utf8") } },
  settings: {
    optimizer: { enabled: false },
    outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.bytecode.sourceMap", "evm.deployedBytecode.object",
      "evm.deployedBytecode.sourceMap", "evm.deployedBytecode.immutableReferences", "evm.methodIdentifiers"] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
for (const e of out.errors || []) if (e.severity === "error") throw new Error(e.formattedMessage);
writeFileSync(new URL("Counter.solc.json", import.meta.url), JSON.stringify(out, null, 1) + "\n");
console.log("solc", solc.version(), "wrote Counter.solc.json");
