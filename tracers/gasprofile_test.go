package tracers_test

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/tracers"
	"github.com/goevm/goevm/types"
)

// The profiler's numbers are the yellow paper's and EIP-2929's prices
// (London): the caller's five PUSH1 (3 each), two PUSH2 (3), a CALL to a
// cold account (2600; the 65535 gas it forwards are the callee's to
// spend), POP (2), STOP; the callee's two PUSH1 and an SSTORE of a zero
// slot, cold (22100).
func TestGasProfiler(t *testing.T) {
	db := newState(t, map[types.Address]account{
		sender: {balance: 1_000_000_000_000_000_000},
		// CALL(gas 0xffff, 0xb0b, value 0, no input, no output); POP; STOP
		contract: {code: "60006000600060006000610b0b61fffff15000"},
		callee:   {code: "600160005500"}, // SSTORE(0, 1); STOP
	})
	p := tracers.NewGasProfiler()
	res := applyTraced(t, db, fork.London, legacyTx(&contract, 100_000, ""), p.Hooks())
	if res.Failed() || res.GasUsed != 45729 {
		t.Fatalf("gas used %d, err %v; want 45729 = 21000 + 2623 + 22106", res.GasUsed, res.Err)
	}
	sameJSON(t, p.Result(), `{
		"gasUsed": 45729, "intrinsicGas": 21000, "refund": 0,
		"opcodes": {
			"PUSH1": {"count": 7, "gas": 21}, "PUSH2": {"count": 2, "gas": 6}, "CALL": {"count": 1, "gas": 2600},
			"POP": {"count": 1, "gas": 2}, "STOP": {"count": 2, "gas": 0}, "SSTORE": {"count": 1, "gas": 22100}
		},
		"contracts": {
			"0x000000000000000000000000000000000000c0de": {"calls": 1, "selfGas": 2623, "totalGas": 24729},
			"0x0000000000000000000000000000000000000b0b": {"calls": 1, "selfGas": 22106, "totalGas": 22106}
		},
		"root": {
			"type": "CALL", "from": "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b", "to": "0x000000000000000000000000000000000000c0de",
			"gas": 79000, "gasUsed": 24729, "selfGas": 2623,
			"calls": [{
				"type": "CALL", "from": "0x000000000000000000000000000000000000c0de", "to": "0x0000000000000000000000000000000000000b0b",
				"gas": 65535, "gasUsed": 22106, "selfGas": 22106
			}]
		}
	}`)
}

// A DELEGATECALL's frame counts under the library whose code ran (OnEnter's
// to, geth's code address), not the contract whose storage it wrote: the
// same prices as TestGasProfiler, with DELEGATECALL (2600 cold, EIP-2929)
// in place of CALL and one PUSH1 fewer (no value operand).
func TestGasProfilerDelegateCallCountsUnderLibrary(t *testing.T) {
	db := newState(t, map[types.Address]account{
		sender: {balance: 1_000_000_000_000_000_000},
		// DELEGATECALL(gas 0xffff, 0xb0b, no input, no output); POP; STOP
		contract: {code: "6000600060006000610b0b61fffff45000"},
		callee:   {code: "600160005500"}, // SSTORE(0, 1) in c0de's storage; STOP
	})
	p := tracers.NewGasProfiler()
	res := applyTraced(t, db, fork.London, legacyTx(&contract, 100_000, ""), p.Hooks())
	if res.Failed() || res.GasUsed != 45726 {
		t.Fatalf("gas used %d, err %v; want 45726 = 21000 + 2620 + 22106", res.GasUsed, res.Err)
	}
	prof := p.Profile()
	if c := prof.Contracts[callee]; c == nil || c.Calls != 1 || c.SelfGas != 22106 {
		t.Errorf("library's gas %+v, want 1 call, self 22106", c)
	}
	if c := prof.Contracts[contract]; c == nil || c.Calls != 1 || c.SelfGas != 2620 {
		t.Errorf("contract's gas %+v, want 1 call, self 2620", c)
	}
	if call := prof.Root.Calls[0]; call.Type != "DELEGATECALL" || call.From != contract || call.To != callee {
		t.Errorf("frame %s %s -> %s, want DELEGATECALL %s -> %s", call.Type, call.From, call.To, contract, callee)
	}
}
