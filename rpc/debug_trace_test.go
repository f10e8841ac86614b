package rpc

import (
	"testing"

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
