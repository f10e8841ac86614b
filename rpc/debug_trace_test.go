package rpc

import (
	"testing"
	"time"

	"github.com/goevm/goevm/tracers"
)

// TestTraceTransaction re-runs a mined creation whose initcode is
// SSTORE(1, 42); SLOAD(1); STOP and checks the struct logger's steps and
// gas costs against the EIPs: PUSH1 3 (Yellow Paper G_verylow), SSTORE of a
// fresh slot 22100 (EIP-2929 cold 2100 + EIP-2200 set 20000), SLOAD of the
// now warm slot 100 (EIP-2929); and the callTracer's CREATE frame.
func TestTraceTransaction(t *testing.T) {
	n := newNode(t)
	r := n.send(map[string]any{"from": devAddr0, "input": "0x602a60015560015400"})
	var res tracers.StructLogResult
	n.call(&res, "debug_traceTransaction", r.TransactionHash)
	want := []struct {
		op   string
		cost uint64
	}{{"PUSH1", 3}, {"PUSH1", 3}, {"SSTORE", 22100}, {"PUSH1", 3}, {"SLOAD", 100}, {"STOP", 0}}
	if len(res.StructLogs) != len(want) || res.Failed {
		t.Fatalf("steps %+v failed %v", res.StructLogs, res.Failed)
	}
	for i, w := range want {
		if s := res.StructLogs[i]; s.Op != w.op || s.GasCost != w.cost {
			t.Errorf("step %d: %s cost %d, want %s %d", i, s.Op, s.GasCost, w.op, w.cost)
		}
	}
	if st := res.StructLogs[4].Storage; st["0x0000000000000000000000000000000000000000000000000000000000000001"] != "0x000000000000000000000000000000000000000000000000000000000000002a" {
		t.Errorf("SLOAD storage %v", st)
	}
	var call map[string]any
	n.call(&call, "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "callTracer"})
	if call["type"] != "CREATE" || call["gasUsed"] == nil {
		t.Errorf("callTracer %v", call)
	}
	raw, e := n.do("debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "noSuchTracer"})
	checkErr(t, "unknown tracer", raw, e, codeInvalidParams, "unknown tracer")
}

// TestTraceTimeout: geth's timeout option (a Go duration; 5s when absent).
// A transaction looping until it runs out of gas, traced with the struct
// logger and "100ms", fails promptly with geth's "execution timeout" (the
// EVM is stopped at a jump, trace.Hooks.Interrupt), as do the block trace
// and debug_traceCall with the callTracer (frame hooks only, the checked
// loop) given "1ms"; a timeout that is not a duration is refused naming
// the field, and a generous one changes nothing.
func TestTraceTimeout(t *testing.T) {
	n := newNode(t)
	loop := "0x5b600056" // JUMPDEST PUSH1 0 JUMP, as initcode
	r := n.send(map[string]any{"from": devAddr0, "input": loop, "gas": "0xf00000"})
	if r.Status != "0x0" {
		t.Fatalf("the loop succeeded: %+v", r)
	}
	timed := func(what string, code int, msg string, method string, params ...any) {
		t.Helper()
		start := time.Now()
		raw, e := n.do(method, params...)
		checkErr(t, what, raw, e, code, msg)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: answered after %v", what, d)
		}
	}
	timed("struct logger 100ms", codeServer, "execution timeout", "debug_traceTransaction", r.TransactionHash, map[string]any{"timeout": "100ms"})
	timed("callTracer 1ms", codeServer, "execution timeout", "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "callTracer", "timeout": "1ms"})
	timed("block 100ms", codeServer, "execution timeout", "debug_traceBlockByNumber", "latest", map[string]any{"timeout": "100ms"})
	timed("traceCall 1ms", codeServer, "execution timeout", "debug_traceCall",
		map[string]any{"from": devAddr0, "input": loop, "gas": "0xf00000"}, "latest", map[string]any{"tracer": "callTracer", "timeout": "1ms"})
	timed("zero", codeServer, "execution timeout", "debug_traceTransaction", r.TransactionHash, map[string]any{"tracer": "4byteTracer", "timeout": "0s"})
	timed("malformed", codeInvalidParams, `timeout "5 seconds"`, "debug_traceTransaction", r.TransactionHash, map[string]any{"timeout": "5 seconds"})
	timed("malformed traceCall", codeInvalidParams, "invalid argument 2: timeout", "debug_traceCall",
		map[string]any{"from": devAddr0, "input": "0x00"}, "latest", map[string]any{"timeout": "-"})

	ok := n.send(map[string]any{"from": devAddr0, "input": "0x602a60015560015400"})
	var res tracers.StructLogResult
	n.call(&res, "debug_traceTransaction", ok.TransactionHash, map[string]any{"timeout": "1m"})
	if len(res.StructLogs) != 6 || res.Failed {
		t.Errorf("with a 1m timeout: %d steps, failed %v", len(res.StructLogs), res.Failed)
	}
	var call map[string]any
	n.call(&call, "debug_traceCall", map[string]any{"from": devAddr0, "input": "0x00"}, "latest", map[string]any{"tracer": "callTracer", "timeout": "10s"})
	if call["type"] != "CREATE" {
		t.Errorf("traceCall with a 10s timeout: %v", call)
	}
}
