// The debugger's end-to-end test: for a few programs it starts
// `goevm debug --no-open`, drives the page in headless Chromium the way a
// person would (buttons, breakpoint field), and checks every step, forward
// and backward, against the EIP-3155 lines `goevm run --trace` prints for
// the same run. It also debugs a reverted transaction on a `goevm node`,
// checks the Solidity line shown, and checks that bad input shows a clear
// message. Screenshots go to $OUT.
//
// Environment: GOEVM (the binary), CHROMIUM (its executable), OUT (folder
// for screenshots). run.sh sets them.
import { chromium } from "playwright-core";
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const GOEVM = process.env.GOEVM;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const OUT = process.env.OUT || "out";
const here = new URL(".", import.meta.url).pathname;
const prog = (f) => join(here, "programs", f);
mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "goevm-debug-e2e-"));

const asm = (file) => execFileSync(GOEVM, ["asm", prog(file)]).toString().trim();
const solc = JSON.parse(readFileSync(prog("Counter.solc.json"), "utf8"));
const counter = solc.contracts["Counter.sol"].Counter.evm;
const selector = (sig) => "0x" + counter.methodIdentifiers[sig];
const word = (n) => BigInt(n).toString(16).padStart(64, "0");
const counterSrc = readFileSync(prog("Counter.sol"), "utf8").split("\n");
const lineOf = (text) => 1 + counterSrc.findIndex((l) => l.includes(text));

const children = [];
function cleanup() {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
}
process.on("exit", cleanup);

// The EIP-3155 step lines of `goevm run --trace` (frame summaries left out).
function traceLines(args) {
  const r = spawnSync(GOEVM, ["run", "--trace", ...args], { maxBuffer: 1 << 28 });
  return r.stderr.toString().split("\n").filter((l) => l.startsWith('{"pc"')).map((l) => JSON.parse(l));
}

// startDebugger runs goevm debug and resolves with its URL and output.
function startDebugger(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(GOEVM, ["debug", "--no-open", "--port", "0", ...args]);
    children.push(p);
    let out = "", err = "";
    p.stderr.on("data", (d) => { err += d; });
    p.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/\S+)/);
      if (m) resolve({ url: m[1], proc: p, stderr: () => err });
    });
    p.on("exit", (code) => reject(new Error(`goevm debug exited with ${code}: ${err}`)));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const testid = (id) => `[data-testid="${id}"]`;

async function readStep(page) {
  return page.evaluate(() => {
    const t = (id) => document.querySelector(`[data-testid="${id}"]`).textContent;
    return {
      index: t("step-index"), pc: t("pc"), op: t("op"), gas: t("gas"), depth: t("depth"),
      stack: [...document.querySelectorAll('[data-testid="stack"] [data-testid="stack-item"]')].map((e) => e.textContent),
    };
  });
}

async function waitIndex(page, i) {
  await page.waitForFunction((i) => document.querySelector('[data-testid="step-index"]').textContent === String(i), i, { timeout: 10000 });
}

function expected(line) {
  return { pc: String(line.pc), op: line.opName, gas: BigInt(line.gas).toString(), depth: String(line.depth), stack: [...line.stack].reverse() };
}

function same(name, i, got, line) {
  const want = expected(line);
  // geth's logger names 0x44 DIFFICULTY in every fork; the page gives the fork's name.
  const opOK = got.op === want.op || (want.op === "DIFFICULTY" && got.op === "PREVRANDAO");
  if (got.index !== String(i) || got.pc !== want.pc || !opOK || got.gas !== want.gas || got.depth !== want.depth ||
      got.stack.join(",") !== want.stack.join(",")) {
    throw new Error(`${name}: step ${i} differs from goevm run --trace\n page:  ${JSON.stringify(got)}\n trace: ${JSON.stringify(want)}`);
  }
}

// clickAndRead clicks a button in the page and reads the step once the
// page shows step want: one round trip a step, so a few thousand steps
// take seconds.
async function clickAndRead(page, button, want) {
  return page.evaluate(async ([button, want]) => {
    document.querySelector(`[data-testid="${button}"]`).click();
    const t = (id) => document.querySelector(`[data-testid="${id}"]`).textContent;
    for (let k = 0; t("step-index") !== String(want); k++) {
      if (k > 1000) throw new Error(`step ${want} not shown after ${button}: the page shows ${t("step-index")}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return {
      index: t("step-index"), pc: t("pc"), op: t("op"), gas: t("gas"), depth: t("depth"),
      stack: [...document.querySelectorAll('[data-testid="stack"] [data-testid="stack-item"]')].map((e) => e.textContent),
    };
  }, [button, want]);
}

// walk steps through every step forward, then back to the first, with the
// buttons, comparing each with the trace; the last stretch back uses the
// keyboard.
async function walk(page, name, lines, shots) {
  const n = lines.length;
  assert.equal(await page.textContent(testid("step-count")), String(n - 1), `${name}: step count`);
  await waitIndex(page, 0);
  same(name, 0, await readStep(page), lines[0]);
  for (let i = 1; i < n; i++) {
    same(name, i, await clickAndRead(page, "step-forward", i), lines[i]);
    if (shots.includes(i)) await page.screenshot({ path: join(OUT, `${name}-step${i}.png`) });
  }
  const keysFrom = Math.min(n - 1, 5);
  for (let i = n - 2; i >= keysFrom; i--) {
    same(name, i, await clickAndRead(page, "step-back", i), lines[i]);
  }
  for (let i = keysFrom - 1; i >= 0; i--) {
    await page.keyboard.press("ArrowLeft");
    await waitIndex(page, i);
    same(name, i, await readStep(page), lines[i]);
  }
  console.log(`ok   ${name}: ${n} steps forward and back match goevm run --trace`);
}

async function openPage(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  page.on("pageerror", (e) => { throw new Error(`page error: ${e.message}`); });
  await page.goto(url);
  return page;
}

async function program(browser, name, args, more) {
  const lines = traceLines(args);
  assert.ok(lines.length > 0, `${name}: goevm run --trace printed no steps`);
  const d = await startDebugger(args);
  const page = await openPage(browser, d.url);
  await waitIndex(page, 0);
  await page.screenshot({ path: join(OUT, `${name}-step0.png`) });
  await walk(page, name, lines, [Math.floor(lines.length / 2), lines.length - 1]);
  if (more) await more(page, lines, d);
  await page.close();
  d.proc.kill("SIGTERM");
}

// runTo types a breakpoint and runs to it, expecting trace line want.
async function runTo(page, name, bp, lines, want) {
  await page.fill(testid("breakpoints"), bp);
  await page.click(testid("run-to-breakpoint"));
  await waitIndex(page, want);
  same(name, want, await readStep(page), lines[want]);
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    await program(browser, "add", ["--code", "0x600660070160005260206000f3"]);

    const callsArgs = ["--prestate", prog("calls.json"), "--code", asm("calls.asm")];
    await program(browser, "calls", callsArgs, async (page, lines) => {
      const firstDeeper = (from) => lines.findIndex((l, i) => i > from && l.depth > lines[i - 1].depth);
      const c1 = firstDeeper(0), c2 = firstDeeper(c1);
      await page.click(testid("first"));
      await waitIndex(page, 0);
      await page.click(testid("next-call"));
      await waitIndex(page, c1);
      same("calls next-call", c1, await readStep(page), lines[c1]);
      await page.click(testid("next-call"));
      await waitIndex(page, c2);
      await page.screenshot({ path: join(OUT, "calls-second-call.png") });
      await page.click(testid("prev-call"));
      await waitIndex(page, c1);
      same("calls prev-call", c1, await readStep(page), lines[c1]);
      await page.click(testid("step-back"));
      await waitIndex(page, c1 - 1);
      assert.equal(await page.textContent(testid("op")), "CALL", "the step before a call's first is the CALL");
      console.log("ok   calls: next call, next call, previous call, step back to the CALL");

      const sstore = lines.findIndex((l) => l.opName === "SSTORE");
      await page.click(testid("first"));
      await waitIndex(page, 0);
      await runTo(page, "calls breakpoint", "SSTORE", lines, sstore);
      const secondSstore = lines.findIndex((l, i) => i > sstore && l.opName === "SSTORE");
      await page.click(testid("run-to-breakpoint"));
      await waitIndex(page, secondSstore);
      const create = lines.findIndex((l) => l.opName === "CREATE");
      await runTo(page, "calls pc breakpoint", String(lines[create].pc), lines, create);
      // The storage panel marks the slot the SSTORE just wrote.
      await page.click(testid("first"));
      await waitIndex(page, 0);
      await runTo(page, "calls breakpoint", "SSTORE", lines, sstore);
      await page.click(testid("step-forward"));
      await waitIndex(page, sstore + 1);
      assert.ok(await page.isVisible(`${testid("storage")} tr.changed`), "the written slot is highlighted");
      await page.screenshot({ path: join(OUT, "calls-after-sstore.png") });
      console.log("ok   calls: breakpoints by opcode and by pc, changed slot highlighted");
    });

    await program(browser, "loop-out-of-gas", ["--gas", "700", "--code", asm("loop.asm")]);

    const addInput = selector("add(uint256)") + word(5);
    const solArgs = ["--code", "0x" + counter.deployedBytecode.object, "--input", addInput];
    const solLines = traceLines(solArgs);
    {
      const d = await startDebugger([...solArgs, "--sources", prog("Counter.solc.json")]);
      const page = await openPage(browser, d.url);
      await waitIndex(page, 0);
      await walk(page, "counter-add", solLines, []);
      // The first SSTORE is `count += doubled`, the second the credit.
      const first = solLines.findIndex((l) => l.opName === "SSTORE");
      await runTo(page, "counter-add", "SSTORE", solLines, first);
      const cur = await page.getAttribute(testid("source-current"), "data-line");
      assert.equal(Number(cur), lineOf("count += doubled"), "source line of the first SSTORE");
      await page.screenshot({ path: join(OUT, "counter-add-sstore.png") });
      // Stepping by source line moves to another line.
      await page.click(testid("next-line"));
      await page.waitForFunction((l) => document.querySelector('[data-testid="source-current"]')?.dataset.line !== String(l), cur);
      console.log(`ok   counter-add: the SSTORE maps to Counter.sol:${cur}; next line moves on`);
      await page.close();
      d.proc.kill("SIGTERM");
    }

    await nodeScenario(browser);
    await badInput(browser);
  } finally {
    await browser.close();
    cleanup();
  }
}

async function rpc(url, method, params) {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const j = await r.json();
  if (j.error) throw new Error(`${method}: ${j.error.message}`);
  return j.result;
}

// nodeScenario: a reverted transaction on goevm node, opened in the
// debugger, shows the require line at its REVERT.
async function nodeScenario(browser) {
  const port = await freePort();
  const node = spawn(GOEVM, ["node", "--port", String(port)]);
  children.push(node);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await rpc(url, "eth_chainId", []);
      break;
    } catch (e) {
      if (i > 100) throw new Error("goevm node did not start: " + e.message);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const [from] = await rpc(url, "eth_accounts", []);
  const send = async (tx) => {
    const h = await rpc(url, "eth_sendTransaction", [{ from, gas: "0x200000", ...tx }]);
    return { hash: h, receipt: await rpc(url, "eth_getTransactionReceipt", [h]) };
  };
  const deploy = await send({ data: "0x" + counter.bytecode.object });
  const to = deploy.receipt.contractAddress;
  await send({ to, data: selector("add(uint256)") + word(3) });
  const bad = await send({ to, data: selector("take(uint256)") + word(100) });
  assert.equal(bad.receipt.status, "0x0", "take(100) reverts");

  const d = await startDebugger(["--rpc", url, "--tx", bad.hash, "--sources", prog("Counter.solc.json")]);
  const page = await openPage(browser, d.url);
  await waitIndex(page, 0);
  assert.equal(await page.isVisible(testid("error")), false, "no error for a mined transaction");
  const warnings = await page.isVisible(testid("warnings")) ? await page.textContent(testid("warnings")) : "";
  assert.ok(!warnings.includes("differs"), `the re-execution matches the receipt: ${warnings}`);
  await page.fill(testid("breakpoints"), "REVERT");
  await page.click(testid("run-to-breakpoint"));
  await page.waitForFunction(() => document.querySelector('[data-testid="op"]').textContent === "REVERT");
  const cur = await page.getAttribute(testid("source-current"), "data-line");
  assert.equal(Number(cur), lineOf("require(have >= amount"), "the REVERT maps to the require line");
  await page.screenshot({ path: join(OUT, "node-revert.png") });
  // Back to where `have` was read: the SLOAD of credit[msg.sender].
  await page.fill(testid("breakpoints"), "SLOAD");
  await page.click(testid("run-back"));
  await page.waitForFunction(() => document.querySelector('[data-testid="op"]').textContent === "SLOAD");
  const sload = await page.getAttribute(testid("source-current"), "data-line");
  assert.equal(Number(sload), lineOf("uint256 have = credit[msg.sender]"), "stepping back finds the read of the bad value");
  await page.screenshot({ path: join(OUT, "node-revert-sload.png") });
  console.log(`ok   node: reverted tx ${bad.hash.slice(0, 10)}… opens, REVERT at Counter.sol:${cur}, run back to the SLOAD at line ${sload}`);

  // The node's recent transactions, each opening the debugger.
  const list = await startDebugger(["--rpc", url, "--sources", prog("Counter.solc.json")]);
  const lp = await openPage(browser, list.url);
  await lp.waitForSelector(testid("tx-link"));
  await lp.screenshot({ path: join(OUT, "node-transactions.png") });
  await lp.click(`${testid("tx-link")}:text("${bad.hash}")`);
  await waitIndex(lp, 0);
  await lp.click(testid("last"));
  await lp.waitForFunction(() => document.querySelector('[data-testid="op"]').textContent === "REVERT");
  console.log("ok   node: the list of recent transactions opens the reverted one");
  await lp.close();
  list.proc.kill("SIGTERM");

  // An unknown transaction on the same node.
  const unknown = "0x" + "ab".repeat(32);
  const u = await startDebugger(["--rpc", url, "--tx", unknown]);
  const up = await openPage(browser, u.url);
  await up.waitForSelector(`${testid("error")}:visible`);
  const msg = await up.textContent(testid("error"));
  assert.match(msg, /not found/, "unknown tx message");
  assert.match(u.stderr(), /not found/, "unknown tx in the terminal");
  await up.screenshot({ path: join(OUT, "error-unknown-tx.png") });
  console.log(`ok   unknown transaction: "${msg}"`);
  for (const p of [page, up]) await p.close();
  for (const p of [d.proc, u.proc, node]) p.kill("SIGTERM");
}

async function badInput(browser) {
  const port = await freePort(); // nothing listens there
  const d = await startDebugger(["--rpc", `http://127.0.0.1:${port}`, "--tx", "0x" + "11".repeat(32)]);
  const page = await openPage(browser, d.url);
  await page.waitForSelector(`${testid("error")}:visible`);
  const msg = await page.textContent(testid("error"));
  assert.match(msg, /unreachable/, "unreachable node message");
  assert.match(d.stderr(), /unreachable/, "unreachable node in the terminal");
  await page.screenshot({ path: join(OUT, "error-unreachable.png") });
  console.log(`ok   unreachable node: "${msg.slice(0, 100)}…"`);
  await page.close();
  d.proc.kill("SIGTERM");

  const badSources = join(tmp, "bad.json");
  writeFileSync(badSources, '{"contracts": {"A.sol": ');
  const b = await startDebugger(["--code", "0x600160020100", "--sources", badSources]);
  const bp = await openPage(browser, b.url);
  await bp.waitForSelector(`${testid("warnings")}:visible`);
  const w = await bp.textContent(testid("warnings"));
  assert.match(w, /not valid JSON/, "malformed --sources message");
  assert.match(b.stderr(), /not valid JSON/, "malformed --sources in the terminal");
  await waitIndex(bp, 0); // the trace is still there
  await bp.screenshot({ path: join(OUT, "error-bad-sources.png") });
  console.log(`ok   malformed --sources: "${w}"`);
  await bp.close();
  b.proc.kill("SIGTERM");
}

main().then(() => {
  console.log(`debugger e2e: all passed; screenshots in ${OUT}`);
  process.exit(0);
}, (e) => {
  console.error("debugger e2e FAILED:", e.stack || e);
  process.exit(1);
});
