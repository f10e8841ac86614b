// Differential test helper for goevm's abi package (abi/ethers_test.go):
// reads cases the Go test generated and answers with what ethers v6 makes
// of them, so the Go side can compare both ways.
//
//   node e2e/abi_ethers.mjs CASES.json > RESULTS.json
//
// A case: {name, types: ["uint8", "(string,bytes)[]"], values: [...],
// data: Go's encoding of the values (hex, no selector), indexed: [bool...]
// (optional: also run the values as an event with those parameters indexed),
// topics/logData: Go's encoding of that event log}.
//
// A result, per case: {encoded: ethers' encoding of values, calldata:
// ethers' encodeFunctionData, selector, decoded: ethers' decoding of Go's
// data (normalized: integers as decimal strings, addresses checksummed,
// bytes as lower-case hex, arrays and tuples as arrays), and for events
// topics, logData and logDecoded (indexed dynamic values as their hash)},
// or {error} when ethers throws.
import { readFileSync } from "node:fs";
import { AbiCoder, Interface, ParamType } from "ethers";

const coder = AbiCoder.defaultAbiCoder();

function norm(type, v) {
  if (type.baseType === "array") return Array.from(v, (x) => norm(type.arrayChildren, x));
  if (type.baseType === "tuple") return type.components.map((c, i) => norm(c, v[i]));
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string" && /^0x/.test(v) && type.baseType !== "string") return type.type === "address" ? v : v.toLowerCase();
  return v;
}

function run(c) {
  const out = {};
  const params = c.types.map((t) => ParamType.from(t));
  const fn = `function ${c.name}(${params.map((p, i) => `${p.format("full")} a${i}`).join(", ")})`;
  const iface = new Interface([fn]);
  const frag = iface.getFunction(c.name);
  out.selector = frag.selector;
  out.signature = frag.format("sighash");
  out.encoded = coder.encode(params, c.values);
  out.calldata = iface.encodeFunctionData(frag, c.values);
  try {
    const dec = coder.decode(params, c.data);
    out.decoded = params.map((p, i) => norm(p, dec[i]));
  } catch (e) {
    out.decodeError = String(e.shortMessage || e.message);
  }
  if (c.indexed) {
    const ev = `event E_${c.name}(${params.map((p, i) => `${p.format("full")}${c.indexed[i] ? " indexed" : ""} a${i}`).join(", ")})`;
    const eiface = new Interface([ev]);
    const efrag = eiface.getEvent(`E_${c.name}`);
    const log = eiface.encodeEventLog(efrag, c.values);
    out.topics = log.topics;
    out.logData = log.data;
    try {
      const dec = eiface.decodeEventLog(efrag, c.logData, c.topics);
      out.logDecoded = params.map((p, i) => (c.indexed[i] && dec[i] && dec[i]._isIndexed ? dec[i].hash : norm(p, dec[i])));
    } catch (e) {
      out.logDecodeError = String(e.shortMessage || e.message);
    }
  }
  return out;
}

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = input.cases.map((c) => {
  try {
    return run(c);
  } catch (e) {
    return { error: String(e.shortMessage || e.message) };
  }
});
process.stdout.write(JSON.stringify({ ethers: (await import("ethers")).version, results }));
