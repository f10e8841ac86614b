package evm

import (
	"bytes"
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// echoWord returns (or with revert, reverts with) its first calldata word:
// PUSH1 0 CALLDATALOAD, then MSTORE at 0 and RETURN/REVERT 32 bytes.
const (
	echoWord       = "6000 35" + returnTop
	revertEchoWord = "6000 35 600052 6020 6000 fd"
)

func wordOf(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

// TestCallOutputOwned: what Call and StaticCall return is not overwritten
// by a later call on the same EVM, for return and revert data alike,
// whereas the internal view path does reuse its buffer (so this test
// would see a regression to handing out the view).
func TestCallOutputOwned(t *testing.T) {
	e, db := newTestEVM(t, fork.Osaka)
	install(db, testContract, code(echoWord))

	first, _, err := e.Call(testSender, testContract, wordOf(0x11), 100_000, nil)
	if err != nil {
		t.Fatal(err)
	}
	static, _, err := e.StaticCall(testSender, testContract, wordOf(0x22), 100_000)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Call(testSender, testContract, wordOf(0x33), 100_000, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, wordOf(0x11)) || !bytes.Equal(static, wordOf(0x22)) {
		t.Fatalf("outputs overwritten by later calls: %x, %x", first, static)
	}

	view, _, _ := e.callView(testSender, testContract, wordOf(0x44), 100_000, new(uint256.Int))
	if _, _, err := e.callView(testSender, testContract, wordOf(0x55), 100_000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(view, wordOf(0x55)) {
		t.Fatalf("the view path no longer reuses its buffer (%x): this test checks nothing", view)
	}

	install(db, testContract, code(revertEchoWord))
	reverted, _, err := e.Call(testSender, testContract, wordOf(0x66), 100_000, nil)
	if !errors.Is(err, ErrExecutionReverted) {
		t.Fatalf("err = %v, want revert", err)
	}
	if _, _, err := e.Call(testSender, testContract, wordOf(0x77), 100_000, nil); !errors.Is(err, ErrExecutionReverted) {
		t.Fatalf("err = %v, want revert", err)
	}
	if !bytes.Equal(reverted, wordOf(0x66)) {
		t.Fatalf("revert data overwritten by a later call: %x", reverted)
	}
}

// TestCallAllocatesOnlyItsOutput: a steady-state public Call returning 32
// bytes makes one allocation, its output; the internal view path none.
func TestCallAllocatesOnlyItsOutput(t *testing.T) {
	e, db := newTestEVM(t, fork.Osaka)
	install(db, testContract, code(echoWord))
	in, zero := wordOf(0x11), new(uint256.Int)
	public := testing.AllocsPerRun(100, func() { e.Call(testSender, testContract, in, 100_000, zero) })
	noValue := testing.AllocsPerRun(100, func() { e.Call(testSender, testContract, in, 100_000, nil) })
	static := testing.AllocsPerRun(100, func() { e.StaticCall(testSender, testContract, in, 100_000) })
	view := testing.AllocsPerRun(100, func() { e.callView(testSender, testContract, in, 100_000, zero) })
	if public != 1 || noValue != 1 || static != 1 || view != 0 {
		t.Fatalf("allocations per call: Call %v, Call with nil value %v, StaticCall %v (want 1 each, the output), view %v (want 0)",
			public, noValue, static, view)
	}
}

// BenchmarkCallOutput measures a call returning 32 bytes through the public
// Call (which copies the output for the caller) and the internal view.
func BenchmarkCallOutput(b *testing.B) {
	for _, c := range []struct {
		name string
		call func(e *EVM, in []byte) ([]byte, uint64, error)
	}{
		{"public", func(e *EVM, in []byte) ([]byte, uint64, error) {
			return e.Call(testSender, testContract, in, 100_000, zeroValue)
		}},
		{"view", func(e *EVM, in []byte) ([]byte, uint64, error) {
			return e.callView(testSender, testContract, in, 100_000, zeroValue)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			e, db := newTestEVM(b, fork.Osaka)
			install(db, testContract, code(echoWord))
			in := wordOf(0x11)
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := c.call(e, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var zeroValue = new(uint256.Int)

// TestCreateOutputOwned: the deployed code Create returns is the caller's;
// writing to it does not change the contract the state holds.
func TestCreateOutputOwned(t *testing.T) {
	e, db := newTestEVM(t, fork.Osaka)
	// Initcode returning the 1-byte runtime 0x00 (STOP): MSTORE8(0, 0) RETURN(0, 1).
	ret, addr, _, err := e.Create(testSender, code("6000 6000 53 6001 6000 f3"), 100_000, nil)
	if err != nil || !bytes.Equal(ret, []byte{0x00}) {
		t.Fatalf("Create: %x, %v", ret, err)
	}
	ret[0] = 0xfe
	if got := db.GetCode(addr); !bytes.Equal(got, []byte{0x00}) {
		t.Fatalf("state code %x changed with the returned slice", got)
	}
}
