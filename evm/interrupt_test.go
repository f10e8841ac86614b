package evm

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// loopForever is JUMPDEST PUSH1 0 JUMP: 12 gas a round, so 2^40 gas would
// take minutes.
const loopForever = "5b 6000 56"

// TestInterruptStopsLoop raises trace.Hooks.Interrupt while a loop runs, for
// a tracer with step hooks (the traced loop) and one with frame hooks only
// (the checked loop): the call ends promptly with ErrInterrupted. The
// outer frame calls a looping contract and loops itself after: the inner
// frame stops at its jump, the outer at its own next one.
func TestInterruptStopsLoop(t *testing.T) {
	inner := types.MustHexToAddress("0x00000000000000000000000000000000000000dd")
	// CALL(GAS, 0xdd, 0, 0, 0, 0, 0) POP, then loop at offset 15.
	outer := "6000 6000 6000 6000 6000 60dd 5a f1 50 5b 600f 56"
	for _, tc := range []struct {
		name  string
		hooks func(exits *[]error) *trace.Hooks
	}{
		{"frame hooks", func(exits *[]error) *trace.Hooks {
			return &trace.Hooks{OnExit: func(_ int, _ []byte, _ uint64, err error, _ bool) { *exits = append(*exits, err) }}
		}},
		{"step hooks", func(exits *[]error) *trace.Hooks {
			return &trace.Hooks{OnOpcode: func(*trace.Step) {},
				OnExit: func(_ int, _ []byte, _ uint64, err error, _ bool) { *exits = append(*exits, err) }}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var exits []error
			hooks := tc.hooks(&exits)
			hooks.Interrupt = new(atomic.Bool)
			db := newStateWithCode(t, testContract, code(outer))
			install(db, inner, code(loopForever))
			e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{Tracer: hooks})
			timer := time.AfterFunc(50*time.Millisecond, func() { hooks.Interrupt.Store(true) })
			defer timer.Stop()
			start := time.Now()
			_, left, err := e.Call(testSender, testContract, nil, 1<<40, new(uint256.Int))
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("stopped after %v", elapsed)
			}
			if !errors.Is(err, ErrInterrupted) || left != 0 {
				t.Fatalf("err %v, gas left %d; want ErrInterrupted, 0", err, left)
			}
			if len(exits) != 2 || !errors.Is(exits[0], ErrInterrupted) || !errors.Is(exits[1], ErrInterrupted) {
				t.Errorf("frame exits %v, want the inner then the outer frame interrupted", exits)
			}
		})
	}
}

// TestInterruptUnraised: an Interrupt that is never raised changes nothing
// (the frame runs in the checked loop instead of the fast one): a loop of
// 100 rounds returns the same value with the same gas as without a tracer.
func TestInterruptUnraised(t *testing.T) {
	// i = 100; do { i-- } while i != 0; return i + 7
	prog := code("6064 5b 6001 90 03 80 6002 57 6007 01" + returnTop)
	run := func(hooks *trace.Hooks) ([]byte, uint64, error) {
		db := newStateWithCode(t, testContract, prog)
		e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{Tracer: hooks})
		return e.Call(testSender, testContract, nil, 100_000, new(uint256.Int))
	}
	wantRet, wantLeft, wantErr := run(nil)
	if wantErr != nil || word(wantRet).Uint64() != 7 {
		t.Fatalf("untraced: %x %v", wantRet, wantErr)
	}
	for _, hooks := range []*trace.Hooks{
		{OnEnter: func(int, byte, types.Address, types.Address, []byte, uint64, *uint256.Int) {}, Interrupt: new(atomic.Bool)},
		{OnOpcode: func(*trace.Step) {}, Interrupt: new(atomic.Bool)},
	} {
		ret, left, err := run(hooks)
		if err != nil || string(ret) != string(wantRet) || left != wantLeft {
			t.Errorf("with an unraised Interrupt: %x, %d left, %v; want %x, %d left", ret, left, err, wantRet, wantLeft)
		}
	}
	// Raised before the call: the first jump stops it.
	raised := new(atomic.Bool)
	raised.Store(true)
	if _, _, err := run(&trace.Hooks{Interrupt: raised}); !errors.Is(err, ErrInterrupted) {
		t.Errorf("raised before the call: %v, want ErrInterrupted", err)
	}
}
