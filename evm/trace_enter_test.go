package evm

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// OnEnter reports DELEGATECALL and CALLCODE frames as geth's core/tracing
// OnEnter does (core/vm/evm.go, DelegateCall and CallCode's captureBegin;
// opDelegateCall passes scope.Contract.Address() and its value): from is the
// calling contract, to the address on the stack (the code's), and a
// DELEGATECALL's value is the caller's. A CALLCODE refused for want of
// balance is reported the same way (geth opens the frame before the check).
func TestTraceEnterCodeCallsAsGeth(t *testing.T) {
	library := types.MustHexToAddress("0x000000000000000000000000000000000000beef")
	type enter struct {
		depth    int
		kind     byte
		from, to types.Address
		value    uint64
	}
	var got []enter
	hooks := &trace.Hooks{OnEnter: func(depth int, kind byte, from, to types.Address, _ []byte, _ uint64, value *uint256.Int) {
		got = append(got, enter{depth, kind, from, to, value.Uint64()})
	}}
	db := newStateWithCode(t, testContract, code(
		"6000 6000 6000 6000 61beef 61ffff f4 50"+ // DELEGATECALL(0xffff, 0xbeef, 0, 0, 0, 0)
			"6000 6000 6000 6000 6000 61beef 61ffff f2 50"+ // CALLCODE(0xffff, 0xbeef, 0, 0, 0, 0, 0)
			"6000 6000 6000 6000 6103e8 61beef 61ffff f2 50"+ // CALLCODE with 1000 wei: only 5 held
			"00"))
	install(db, library, code("00"))
	e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{Tracer: hooks})
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, uint256.NewInt(5)); err != nil {
		t.Fatal(err)
	}
	want := []enter{
		{1, trace.KindCall, testSender, testContract, 5},
		{2, trace.KindDelegateCall, testContract, library, 5},
		{2, trace.KindCallCode, testContract, library, 0},
		{2, trace.KindCallCode, testContract, library, 1000},
	}
	if len(got) != len(want) {
		t.Fatalf("enters %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("enter %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// A DELEGATECALL refused for depth is reported as one that runs would be:
// geth's DelegateCall calls captureBegin, with the caller's value, before
// its depth check (core/vm/evm.go).
func TestTraceEnterRefusedDelegateCallAsGeth(t *testing.T) {
	library := types.MustHexToAddress("0x000000000000000000000000000000000000beef")
	var from, to types.Address
	var value uint64
	var kinds []byte
	var refused error
	hooks := &trace.Hooks{OnEnter: func(_ int, kind byte, f, tt types.Address, _ []byte, _ uint64, v *uint256.Int) {
		kinds = append(kinds, kind)
		from, to, value = f, tt, v.Uint64()
	}, OnExit: func(_ int, _ []byte, _ uint64, err error, _ bool) {
		if err != nil {
			refused = err
		}
	}}
	db := newStateWithCode(t, testContract, code("6000 6000 6000 6000 61beef 61ffff f4 00")) // DELEGATECALL(0xffff, 0xbeef, 0, 0, 0, 0); STOP
	e := New(BlockContext{}, TxContext{}, db, fork.Cancun.Rules(), Config{Tracer: hooks})
	e.depth = maxCallDepth // the top frame runs as deep as a frame may: its call is refused
	if _, _, err := e.Call(testSender, testContract, nil, 100_000, uint256.NewInt(5)); err != nil {
		t.Fatal(err)
	}
	if len(kinds) != 2 || kinds[1] != trace.KindDelegateCall || from != testContract || to != library || value != 5 {
		t.Errorf("frames %x, last %s -> %s value %d; want DELEGATECALL %s -> %s value 5", kinds, from, to, value, testContract, library)
	}
	if !errors.Is(refused, ErrDepth) {
		t.Errorf("the DELEGATECALL ended with %v, want ErrDepth", refused)
	}
}
