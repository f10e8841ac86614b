package evm

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/holiman/uint256"
)

// The traced loop allocates nothing per step. A balance read for
// SELFDESTRUCT, declared for every step, once put a heap allocation on
// each of them: the state tests ran 20 times slower traced than untraced
// (VMTests' loops: 4 minutes against 8 seconds of CPU), 8 times without it.
func TestTracedLoopAllocatesNothingPerStep(t *testing.T) {
	// A countdown from 1000: PUSH2 1000, then JUMPDEST PUSH1 1 SWAP1 SUB
	// DUP1 PUSH1 3 JUMPI, seven steps a round, STOP: about 7000 steps.
	prog := code("6103e8 5b 6001 90 03 80 6003 57 00")
	e, db := newTestEVM(t, fork.Cancun)
	install(db, testContract, prog)
	steps := 0
	e.tracer = &trace.Hooks{OnOpcode: func(*trace.Step) { steps++ }}
	allocs := testing.AllocsPerRun(5, func() {
		if _, _, err := e.Call(testSender, testContract, nil, 1_000_000, new(uint256.Int)); err != nil {
			t.Fatal(err)
		}
	})
	if steps < 6*7000 { // AllocsPerRun runs it once more to warm up
		t.Fatalf("%d steps traced, want about 7000 a run: is the loop right?", steps)
	}
	if allocs > 50 {
		t.Errorf("%.0f allocations for a call of about 7000 traced steps, want a handful", allocs)
	}
}
