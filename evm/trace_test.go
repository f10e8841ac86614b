package evm

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestTracerSteps checks the step hook reports each opcode with its gas
// before and cost (memory expansion included), and frame enter/exit.
func TestTracerSteps(t *testing.T) {
	type rec struct {
		pc         uint64
		op         string
		gas, cost  uint64
		stack, mem int
		depth      int
	}
	var steps []rec
	var enters, exits int
	var exitUsed uint64
	hooks := &trace.Hooks{
		OnOpcode: func(s *trace.Step) {
			steps = append(steps, rec{s.PC, s.OpName, s.Gas, s.Cost, len(s.Stack), len(s.Memory), s.Depth})
		},
		OnEnter: func(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
			enters++
			if depth != 1 || kind != trace.KindCall || to != testContract || gas != 1000 {
				t.Errorf("enter: depth %d kind %#x to %v gas %d", depth, kind, to, gas)
			}
		},
		OnExit: func(depth int, output []byte, gasUsed uint64, err error, reverted bool) {
			exits++
			exitUsed = gasUsed
		},
	}
	db := newStateWithCode(t, testContract, code("6001 6000 52 00")) // MSTORE(0, 1); STOP
	e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{Tracer: hooks})
	if _, _, err := e.Call(testSender, testContract, nil, 1000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	want := []rec{
		{0, "PUSH1", 1000, 3, 0, 0, 1},
		{2, "PUSH1", 997, 3, 1, 0, 1},
		{4, "MSTORE", 994, 6, 2, 0, 1},
		{5, "STOP", 988, 0, 0, 32, 1},
	}
	if len(steps) != len(want) {
		t.Fatalf("steps %+v", steps)
	}
	for i := range want {
		if steps[i] != want[i] {
			t.Errorf("step %d: %+v, want %+v", i, steps[i], want[i])
		}
	}
	if enters != 1 || exits != 1 || exitUsed != 12 {
		t.Errorf("enter %d exit %d used %d", enters, exits, exitUsed)
	}

	// A fault is reported with its error.
	var faults []error
	hooks = &trace.Hooks{OnFault: func(s *trace.Step) { faults = append(faults, s.Err) }}
	db = newStateWithCode(t, testContract, code("01"))
	e = New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{Tracer: hooks})
	if _, _, err := e.Call(testSender, testContract, nil, 1000, new(uint256.Int)); !errors.Is(err, ErrStackUnderflow) {
		t.Errorf("err %v", err)
	}
	// Traced, the error carries geth's detail: 0 items there, 2 needed.
	if len(faults) != 1 || !errors.Is(faults[0], ErrStackUnderflow) || faults[0].Error() != "stack underflow (0 <=> 2)" {
		t.Errorf("faults %v", faults)
	}
}

// TestExtraEIP: an EIP switched on for an experiment changes the table the
// same way its fork does (CLZ on Cancun).
func TestExtraEIP(t *testing.T) {
	rules := fork.Cancun.Rules()
	rules.Enable(7939)
	db := newStateWithCode(t, testContract, code("6001 1e"+returnTop))
	e := New(BlockContext{}, TxContext{}, db, rules, Config{})
	ret, _, err := e.Call(testSender, testContract, nil, 1000, new(uint256.Int))
	if err != nil || !word(ret).Eq(u(255)) {
		t.Errorf("CLZ with EIP-7939 enabled = %v, %v", word(ret), err)
	}
	// The shared Cancun table is unaffected.
	plain := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{})
	if _, _, err := plain.Call(testSender, testContract, nil, 1000, new(uint256.Int)); err == nil {
		t.Error("CLZ leaked into the plain Cancun table")
	}
}

func newStateWithCode(t *testing.T, addr types.Address, c []byte) *state.Memory {
	_, db := newTestEVM(t, fork.Cancun)
	install(db, addr, c)
	return db
}
