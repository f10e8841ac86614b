// goevm debug: the page. Plain JavaScript, no libraries: it asks the
// server for one step at a time (api/step) and for searches over the whole
// trace (api/find), so a run of a million steps costs the page no more than
// a short one.
"use strict";

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

const state = {
  info: null,
  steps: 0,
  index: -1,     // the step shown
  target: -1,    // the step asked for
  loading: false,
  view: null,
  memOff: -1,    // memory window start; -1: where the step wrote
  codes: new Map(),    // code id -> promise of the disassembly
  sources: new Map(),  // source id -> promise of the file
  shownCode: -1,
  shownSource: -1,
  frames: [],
  bpPCs: new Set(),
};

async function api(path) {
  const r = await fetch(path, { cache: "no-store" });
  const body = await r.json().catch(() => ({ error: `${r.status} ${r.statusText}` }));
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

// reveal scrolls box so row is visible, without the page itself moving
// (scrollIntoView would scroll every scrollable ancestor).
function reveal(box, row) {
  const top = row.offsetTop - box.offsetTop;
  if (top < box.scrollTop || top + row.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}

function showError(msg) {
  const b = $("error");
  b.textContent = msg;
  b.hidden = !msg;
}

function status(msg) { $("status").textContent = msg || ""; }

// ---- loading ----

async function init() {
  let info;
  try {
    info = await api("api/info");
  } catch (e) {
    showError("Cannot reach the debugger's server: " + e.message);
    return;
  }
  state.info = info;
  $("title").textContent = info.title || "";
  document.title = "goevm debug: " + (info.title || "");
  if (info.warnings && info.warnings.length) {
    $("warnings").textContent = info.warnings.join("\n");
    $("warnings").hidden = false;
  }
  if (info.error) {
    showError(info.error);
  }
  $("calldata").textContent = info.calldata;
  if (info.result) {
    const r = info.result;
    let t = `gas used ${r.gasUsed} · `;
    t += r.error ? `failed: ${r.error}` : "success";
    if (r.address) t += ` · created ${r.address}`;
    if (r.note) t += ` · ${r.note}`;
    $("result").textContent = t;
    $("result").className = r.error ? "bad" : "ok";
  }
  state.steps = info.steps;
  $("step-count").textContent = String(Math.max(0, info.steps - 1));
  $("slider").max = String(Math.max(0, info.steps - 1));
  if (!info.steps) {
    if (!info.error) showError("The run executed no instructions (no code at the receiver?).");
    for (const b of document.querySelectorAll("#toolbar button")) b.disabled = true;
    return;
  }
  const fromHash = parseInt(location.hash.slice(1), 10);
  go(Number.isFinite(fromHash) ? fromHash : 0);
  await loadFrames();
  loadProfile();
}

async function loadFrames() {
  try {
    state.frames = await api("api/frames");
  } catch (e) {
    return;
  }
  renderCalls();
  if (state.view) markFrame(state.view.frame);
}

function code(id) {
  if (!state.codes.has(id)) state.codes.set(id, api(`api/code?id=${id}`));
  return state.codes.get(id);
}

function source(id) {
  if (!state.sources.has(id)) state.sources.set(id, api(`api/source?id=${id}`));
  return state.sources.get(id);
}

// go shows step i; requests are made one at a time, and a burst of key
// presses ends on the last step asked for.
function go(i) {
  if (!state.steps) return;
  i = Math.max(0, Math.min(state.steps - 1, i));
  state.target = i;
  pump();
}

async function pump() {
  if (state.loading) return;
  while (state.target !== state.index || state.pendingMem) {
    const i = state.target;
    state.pendingMem = false;
    state.loading = true;
    try {
      const v = await api(`api/step?i=${i}&mem=${state.memOff}`);
      await render(v);
      state.index = i;
    } catch (e) {
      showError(`step ${i}: ${e.message}`);
      state.loading = false;
      return;
    }
    state.loading = false;
  }
}

// from is where a move starts: the step asked for last, so that clicks
// made faster than the page renders each count.
function from() { return state.target >= 0 ? state.target : 0; }

async function find(what, dir, extra) {
  status("searching…");
  try {
    const r = await api(`api/find?from=${from()}&dir=${dir}&what=${what}${extra || ""}`);
    if (r.index < 0) {
      status(`no ${what === "break" ? "breakpoint" : what} ${dir > 0 ? "after" : "before"} this step`);
      return;
    }
    status("");
    go(r.index);
  } catch (e) {
    status(e.message);
  }
}

function breakpointQuery() {
  const pcs = [...state.bpPCs];
  const ops = [];
  for (const part of $("breakpoints").value.split(/[\s,]+/)) {
    if (!part) continue;
    if (/^(0x[0-9a-f]+|\d+)$/i.test(part)) pcs.push(Number(part));
    else ops.push(part.toUpperCase());
  }
  return `&pcs=${encodeURIComponent(pcs.join(","))}&ops=${encodeURIComponent(ops.join(","))}`;
}

function runToBreakpoint(dir) {
  const q = breakpointQuery();
  if (q === "&pcs=&ops=") {
    status("no breakpoints: type a pc or an opcode, or click an instruction");
    return;
  }
  find("break", dir, q);
}

// ---- rendering ----

async function render(v) {
  state.view = v;
  byTestId("step-index").textContent = String(v.index);
  $("slider").value = String(v.index);
  $("pc").textContent = String(v.pc);
  $("op").textContent = v.op;
  $("gas").textContent = v.gas;
  $("cost").textContent = v.cost;
  $("depth").textContent = String(v.depth);
  $("refund").textContent = v.refund;
  $("address").textContent = v.address;
  const se = $("step-error");
  se.textContent = v.error ? "error: " + v.error : "";
  se.hidden = !v.error;
  // The address keeps the step for a reload, written once stepping pauses:
  // browsers slow down pages that rewrite their history on every step.
  clearTimeout(state.hashTimer);
  state.hashTimer = setTimeout(() => history.replaceState(null, "", "#" + v.index), 300);

  const stack = $("stack");
  stack.replaceChildren(...v.stack.map((w) => el("li", { "data-testid": "stack-item" }, w)));
  renderMemory(v);
  renderSlots($("storage"), v.storage);
  renderSlots($("transient"), v.transient);
  $("returndata").textContent = v.returnData || "(none)";
  markFrame(v.frame);
  await renderCode(v);
  await renderSource(v);
}

function renderMemory(v) {
  const box = $("memory");
  const hex = v.memory;
  const n = hex.length / 2;
  const changed = v.memChanged || [0, 0];
  $("mem-info").textContent = v.memSize
    ? `${v.memSize} bytes` + (v.memSize > n ? ` · showing 0x${v.memOff.toString(16)}–0x${(v.memOff + n).toString(16)}` : "")
    : "(empty)";
  $("mem-prev").disabled = v.memOff === 0;
  $("mem-next").disabled = v.memOff + n >= v.memSize;
  const rows = [];
  for (let r = 0; r < n; r += 32) {
    const row = el("div", { class: "row" });
    const off = v.memOff + r;
    row.append(el("span", { class: "off" }, off.toString(16).padStart(6, "0") + "  "));
    let ascii = "";
    for (let b = r; b < Math.min(r + 32, n); b++) {
      const byteHex = hex.substr(b * 2, 2);
      const at = v.memOff + b;
      const span = el("span", {}, byteHex);
      if (at >= changed[0] && at < changed[1]) span.className = "chg";
      row.append(span);
      if (b % 2 === 1) row.append(" ");
      const c = parseInt(byteHex, 16);
      ascii += c >= 32 && c < 127 ? String.fromCharCode(c) : ".";
    }
    row.append(el("span", { class: "asc" }, ascii));
    rows.push(row);
  }
  box.replaceChildren(...rows);
  const first = box.querySelector(".chg");
  if (first) reveal(box, first.parentElement);
}

function renderSlots(table, slots) {
  const rows = slots.map((s) => {
    const tr = el("tr", { class: s.changed ? "changed" : s.dirty ? "dirty" : "", "data-testid": "slot" },
      el("td", {}, s.key), el("td", { "data-testid": "slot-value" }, s.value));
    tr.title = s.dirty ? `was ${s.original} when the run first touched it` : (s.written ? "written, same value" : "read");
    return tr;
  });
  table.replaceChildren(...rows);
}

async function renderCode(v) {
  const box = $("disasm");
  if (v.code < 0) {
    box.replaceChildren(el("div", { class: "muted" }, "(no code)"));
    state.shownCode = -1;
    return;
  }
  if (state.shownCode !== v.code) {
    const c = await code(v.code);
    $("code-name").textContent = (c.contract ? c.contract + " · " : "") + c.address;
    box.replaceChildren(...c.instrs.map((ins) => {
      const text = el("span", { class: "txt" }, ins.op + (ins.imm ? " " + ins.imm : ""));
      text.title = text.textContent;
      return el("div", { class: "ins" + (state.bpPCs.has(ins.pc) ? " bp" : ""), "data-pc": String(ins.pc) },
        el("span", { class: "pc" }, String(ins.pc)), text, el("span", { class: "ln" }, ins.line ? "L" + ins.line : ""));
    }));
    state.shownCode = v.code;
  }
  const prev = box.querySelector(".ins.cur");
  if (prev) prev.classList.remove("cur");
  const cur = box.querySelector(`.ins[data-pc="${v.pc}"]`);
  if (cur) {
    cur.classList.add("cur");
    reveal(box, cur);
  }
}

async function renderSource(v) {
  const boxWrap = $("source-box");
  if (!state.info.sources.length) return;
  boxWrap.hidden = false;
  const box = $("source");
  const loc = v.source;
  if (!loc) {
    const prev = box.querySelectorAll(".sl.cur");
    for (const p of prev) p.classList.remove("cur");
    $("source-name").textContent = "(no source for this instruction)";
    return;
  }
  if (state.shownSource !== loc.file) {
    const f = await source(loc.file);
    const lines = f.text.split("\n");
    box.replaceChildren(...lines.map((l, i) =>
      el("div", { class: "sl", "data-line": String(i + 1) }, el("span", { class: "n" }, String(i + 1)), l)));
    state.shownSource = loc.file;
    state.sourceName = f.name;
  }
  $("source-name").textContent = `${state.sourceName}:${loc.line}`;
  for (const p of box.querySelectorAll(".sl.cur")) {
    p.classList.remove("cur");
    p.removeAttribute("data-testid");
  }
  let first = null;
  for (let l = loc.line; l <= Math.max(loc.line, loc.endLine); l++) {
    const row = box.querySelector(`.sl[data-line="${l}"]`);
    if (!row) continue;
    row.classList.add("cur");
    if (!first) {
      first = row;
      row.setAttribute("data-testid", "source-current");
    }
  }
  if (first) reveal(box, first);
}

function shortAddr(a) { return a.slice(0, 8) + "…" + a.slice(-4); }

function renderCalls() {
  const box = $("calls");
  box.replaceChildren(...state.frames.map((f) => {
    const outcome = f.error ? el("span", { class: "bad" }, f.reverted ? ` ✗ ${f.error}` : ` ✗ ${f.error}`) : el("span", { class: "ok" }, " ✓");
    const row = el("div", { class: "frame", "data-frame": String(f.id), "data-testid": "call" },
      "  ".repeat(f.depth - 1), el("span", { class: "kind" }, f.kind), ` ${shortAddr(f.to)}`,
      f.codeAddress !== f.to ? el("span", { class: "muted" }, ` code ${shortAddr(f.codeAddress)}`) : "",
      el("span", { class: "muted" }, ` gas ${f.gas} used ${f.gasUsed}`), outcome);
    row.title = `from ${f.from}\nto ${f.to}\ncode ${f.codeAddress}\nvalue ${f.value}\ninput ${f.input}\noutput ${f.output}\nsteps ${f.steps}`;
    row.onclick = () => go(f.first >= 0 ? f.first : Math.max(0, f.enter));
    return row;
  }));
}

function markFrame(id) {
  const box = $("calls");
  const prev = box.querySelector(".frame.cur");
  if (prev) prev.classList.remove("cur");
  const cur = box.querySelector(`.frame[data-frame="${id}"]`);
  if (cur) {
    cur.classList.add("cur");
    reveal(box, cur);
  }
}

function bars(title, items) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const grid = el("div", { class: "bars" });
  for (const it of items) {
    const name = el("span", { class: "name" + (it.onclick ? " clickable" : "") }, it.name);
    name.title = it.title || it.name;
    if (it.onclick) name.onclick = it.onclick;
    const bar = el("div", { class: "bar" });
    bar.style.width = (100 * it.value / max) + "%";
    grid.append(name, bar, el("span", { class: "val" }, String(it.value)));
  }
  return [el("h2", {}, el("span", { class: "muted" }, title)), grid];
}

async function loadProfile() {
  let p;
  try {
    p = await api("api/profile");
  } catch (e) {
    return;
  }
  const box = $("profile");
  const ops = p.byOp.slice(0, 15).map((o) => ({ name: o.op, value: o.gas, title: `${o.op}: ${o.gas} gas in ${o.count} steps` }));
  const frames = p.byFrame.map((f) => {
    const fr = state.frames[f.frame];
    const label = fr ? `${fr.kind} ${shortAddr(fr.to)}` : `frame ${f.frame}`;
    return { name: `#${f.frame} ${label}`, value: f.self, title: `${label}: ${f.self} gas itself, ${f.total} with its calls`,
      onclick: fr ? () => go(fr.first >= 0 ? fr.first : Math.max(0, fr.enter)) : null };
  }).sort((a, b) => b.value - a.value).slice(0, 15);
  const multi = state.info.codes.length > 1;
  const pcs = p.topPCs.slice(0, 12).map((x) => ({ name: `${multi ? "code " + x.code + " " : ""}pc ${x.pc} ${x.op}`, value: x.gas, title: `code ${x.code}, pc ${x.pc}: ${x.gas} gas in ${x.count} steps`,
    onclick: () => { $("breakpoints").value = String(x.pc); runToBreakpoint(1); } }));
  box.replaceChildren(el("div", { class: "muted" }, `${p.total} gas in frames`),
    ...bars("by opcode", ops), ...bars("by call frame (own gas)", frames), ...bars("most expensive instructions", pcs));
}

// ---- controls ----

function wire() {
  const on = (id, f) => byTestId(id).addEventListener("click", f);
  on("first", () => go(0));
  on("last", () => go(state.steps - 1));
  on("step-forward", () => go(from() + 1));
  on("step-back", () => go(from() - 1));
  on("next-call", () => find("call", 1));
  on("prev-call", () => find("call", -1));
  on("next-return", () => findReturn(1));
  on("prev-return", () => findReturn(-1));
  on("next-line", () => find("line", 1));
  on("prev-line", () => find("line", -1));
  on("run-to-breakpoint", () => runToBreakpoint(1));
  on("run-back", () => runToBreakpoint(-1));
  $("help-button").onclick = () => { $("help").hidden = !$("help").hidden; };
  $("slider").addEventListener("input", (e) => go(parseInt(e.target.value, 10)));
  $("mem-prev").onclick = () => moveMemory(-4096);
  $("mem-next").onclick = () => moveMemory(4096);
  $("disasm").addEventListener("click", (e) => {
    const row = e.target.closest(".ins");
    if (!row) return;
    const pc = Number(row.dataset.pc);
    if (state.bpPCs.has(pc)) state.bpPCs.delete(pc); else state.bpPCs.add(pc);
    row.classList.toggle("bp", state.bpPCs.has(pc));
  });
  document.addEventListener("keydown", (e) => {
    if (e.target.tagName === "INPUT" && e.target.type !== "range") {
      if (e.key === "Enter") runToBreakpoint(1);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = {
      ArrowRight: () => go(from() + 1), j: () => go(from() + 1),
      ArrowLeft: () => go(from() - 1), k: () => go(from() - 1),
      "]": () => find("call", 1), "[": () => find("call", -1),
      r: () => findReturn(1), R: () => findReturn(-1),
      c: () => runToBreakpoint(1), C: () => runToBreakpoint(-1),
      n: () => find("line", 1), N: () => find("line", -1),
      Home: () => go(0), End: () => go(state.steps - 1),
      "?": () => { $("help").hidden = !$("help").hidden; },
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  });
}

// findReturn stops at the nearer of the next return and the next revert.
async function findReturn(dir) {
  try {
    const [a, b] = await Promise.all([
      api(`api/find?from=${from()}&dir=${dir}&what=return`),
      api(`api/find?from=${from()}&dir=${dir}&what=revert`),
    ]);
    const c = [a.index, b.index].filter((x) => x >= 0);
    if (!c.length) {
      status(`no return or revert ${dir > 0 ? "after" : "before"} this step`);
      return;
    }
    status("");
    go(dir > 0 ? Math.min(...c) : Math.max(...c));
  } catch (e) {
    status(e.message);
  }
}

function moveMemory(delta) {
  if (!state.view) return;
  state.memOff = Math.max(0, state.view.memOff + delta);
  state.pendingMem = true;
  pump();
}

wire();
init();
