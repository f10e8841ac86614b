package tracers_test

import (
	"encoding/json"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/tracers"
	"github.com/goevm/goevm/types"
)

// These pin the differences from geth that difftest's comparison over
// chain.rlp and the blockchain fixtures found (difftest/chaintrace_test.go,
// fixturetrace_test.go); the expected values are geth v1.17's output there.

var library = types.MustHexToAddress("0x000000000000000000000000000000000000beef")

// geth's callTracer shows a DELEGATECALL running from the calling contract
// to the code's address, with the caller's value, and ends a failed frame
// with the step's detailed error (core/vm's ErrInvalidOpCode wording).
func TestCallTracerDelegateCallAsGeth(t *testing.T) {
	// c0de: DELEGATECALL(gas 0xffff, 0xbeef, no input, no output); STOP.
	// beef: INVALID.
	db := newState(t, map[types.Address]account{
		sender:   {balance: 1e18},
		contract: {code: "600060006000600061beef61fffff400"},
		library:  {code: "fe"},
	})
	tr := tracers.NewCallTracer(tracers.CallTracerConfig{})
	res := applyTraced(t, db, fork.London, legacyTx(&contract, 100_000, ""), tr.Hooks())
	var top struct {
		Calls []struct{ Type, From, To, Value, Error string }
	}
	if err := json.Unmarshal(tr.Result(100_000, res.GasUsed), &top); err != nil {
		t.Fatal(err)
	}
	if len(top.Calls) != 1 {
		t.Fatalf("want one call, got %+v", top)
	}
	want := struct{ Type, From, To, Value, Error string }{
		"DELEGATECALL", contract.Hex(), library.Hex(), "0x0", "invalid opcode: INVALID"}
	if top.Calls[0] != want {
		t.Errorf("got  %+v\nwant %+v", top.Calls[0], want)
	}
}

// geth's struct logger has no fault hook: a step failing while it runs
// (INVALID) is logged once, without an error; a step failing before it
// runs (ADD on an empty stack) is logged with the error. 0x44 is
// DIFFICULTY in every fork.
func TestStructLoggerFaultsAsGeth(t *testing.T) {
	for _, c := range []struct {
		name, code string
		want       []tracers.StructLog
	}{
		{"invalid", "fe", []tracers.StructLog{{Op: "INVALID"}}},
		{"underflow", "01", []tracers.StructLog{{Op: "ADD", Error: "stack underflow (0 <=> 2)"}}},
		{"difficulty", "4400", []tracers.StructLog{{Op: "DIFFICULTY"}, {Op: "STOP"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := newState(t, map[types.Address]account{sender: {balance: 1e18}, contract: {code: c.code}})
			l := tracers.NewStructLogger(tracers.StructLogConfig{DisableStack: true}, db)
			res := applyTraced(t, db, fork.Cancun, legacyTx(&contract, 100_000, ""), l.Hooks())
			var out tracers.StructLogResult
			if err := json.Unmarshal(l.Result(res.GasUsed, res.Failed(), res.ReturnData), &out); err != nil {
				t.Fatal(err)
			}
			if len(out.StructLogs) != len(c.want) {
				t.Fatalf("got %d steps %+v, want %d", len(out.StructLogs), out.StructLogs, len(c.want))
			}
			for i, w := range c.want {
				if g := out.StructLogs[i]; g.Op != w.Op || g.Error != w.Error {
					t.Errorf("step %d: got %s %q, want %s %q", i, g.Op, g.Error, w.Op, w.Error)
				}
			}
		})
	}
}
