package evm

import (
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// maxMemoryFor is the most memory, in bytes, that gas can pay for: the
// largest w with 3w + w²/512 <= gas (Yellow Paper C_mem), times 32.
func maxMemoryFor(gas uint64) uint64 {
	w := uint64(math.Sqrt(512 * float64(gas)))
	for 3*w+w*w/512 > gas {
		w--
	}
	return 32 * w
}

// Hostile programs asking for memory or copies far beyond what the gas pays
// for (2^32 and 2^64 offsets and sizes) must fail without allocating it,
// and affordable ones may allocate what they paid for and little more: the
// bytes allocated during the call stay under twice the memory the gas can
// buy (memory plus a copy of it as return data) plus 4 MiB for the frame
// pool, code analysis and state. Each must also finish quickly.
func TestHostileProgramsAllocateOnlyWhatGasPays(t *testing.T) {
	const gas = 10_000_000
	limit := 2*maxMemoryFor(gas) + 4<<20
	cases := []struct {
		name string
		fork fork.Fork
		code string
	}{
		{"MSTORE at 2^32", fork.Cancun, "6001 640100000000 52"},
		{"MSTORE at 2^64", fork.Cancun, "6001 68010000000000000000 52"},
		{"MSTORE8 at 2^255", fork.Cancun, "6001 7f8000000000000000000000000000000000000000000000000000000000000000 53"},
		{"MLOAD at 2^40", fork.Cancun, "650100000000000051"},
		{"CALLDATACOPY 2^32 bytes", fork.Cancun, "640100000000 6000 6000 37"},
		{"CODECOPY 2^32 bytes", fork.Cancun, "640100000000 6000 6000 39"},
		{"EXTCODECOPY 2^32 bytes", fork.Cancun, "640100000000 6000 6000 30 3c"},
		{"RETURNDATACOPY 2^32 bytes", fork.Cancun, "640100000000 6000 6000 3e"},
		{"MCOPY 2^32 bytes", fork.Cancun, "640100000000 6000 6000 5e"},
		{"MCOPY to 2^32", fork.Cancun, "6020 6000 640100000000 5e"},
		{"KECCAK256 of 2^32 bytes", fork.Cancun, "640100000000 6000 20"},
		{"LOG0 of 2^32 bytes", fork.Cancun, "640100000000 6000 a0"},
		{"LOG4 of 2^64 bytes", fork.Cancun, "6000 6000 6000 6000 68010000000000000000 6000 a4"},
		{"CREATE of 2^32 bytes", fork.Cancun, "640100000000 6000 6000 f0"},
		{"CREATE2 of 2^32 bytes", fork.Cancun, "6000 640100000000 6000 6000 f5"},
		{"CREATE of 2^32 bytes, Frontier", fork.Frontier, "640100000000 6000 6000 f0"},
		{"CALL returning into 2^32 bytes", fork.Cancun, "640100000000 6000 6000 6000 6000 30 5a f1"},
		{"CALL with 2^32 input bytes", fork.Cancun, "6000 6000 640100000000 6000 6000 30 5a f1"},
		{"RETURN of 2^32 bytes", fork.Cancun, "640100000000 6000 f3"},
		{"REVERT of 2^32 bytes", fork.Cancun, "640100000000 6000 fd"},
		{"RETURN at 2^64", fork.Cancun, "6020 68010000000000000000 f3"},
		// Affordable: memory of about 2.2 MB, paid for, and returned.
		{"MSTORE at the largest affordable offset", fork.Cancun, "6001 62222e00 52 62222e00 6000 f3"},
		{"CALLDATACOPY of 2 MB", fork.Cancun, "621e8480 6000 6000 37"},
		{"MCOPY of 1 MB twice over", fork.Cancun, "620f4240 6000 620f4240 5e"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, db := newTestEVM(t, c.fork)
			install(db, testContract, code(c.code))
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, left, err := e.Call(testSender, testContract, nil, gas, new(uint256.Int))
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if left > gas {
				t.Fatalf("gas left %d > %d", left, gas)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > limit {
				t.Errorf("allocated %d bytes, more than %d (gas %d buys %d bytes of memory); err %v",
					alloc, limit, gas, maxMemoryFor(gas), err)
			}
			if elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

// Loops of the instructions that do the most work per unit of gas run out
// of gas in bounded time: 10M gas must not take more than a few seconds
// even on a loaded machine (a quadratic or unmetered path would).
func TestExpensiveLoopsEndWithTheirGas(t *testing.T) {
	const gas = 10_000_000
	loops := []struct {
		name string
		fork fork.Fork
		code string
	}{
		{"JUMP loop", fork.Cancun, "5b 6000 56"},
		{"KECCAK256 of 1 KiB", fork.Cancun, "5b 610400 6000 20 50 6000 56"},
		{"warm BALANCE", fork.Cancun, "5b 30 31 50 6000 56"},
		{"warm EXTCODECOPY of 1 KiB", fork.Cancun, "5b 610400 6000 6000 30 3c 6000 56"},
		{"MCOPY of 1 KiB", fork.Cancun, "5b 610400 6000 610400 5e 6000 56"},
		{"SLOAD warm", fork.Cancun, "5b 6000 54 50 6000 56"},
		{"CALL to identity with 1 KiB", fork.Cancun, "5b 6000 6000 610400 6000 6000 6004 5a f1 50 6000 56"},
		{"EXP with a 32-byte exponent", fork.Frontier, "5b 7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6003 0a 50 6000 56"},
	}
	for _, l := range loops {
		t.Run(l.name, func(t *testing.T) {
			e, db := newTestEVM(t, l.fork)
			install(db, testContract, code(l.code))
			start := time.Now()
			_, left, err := e.Call(testSender, testContract, nil, gas, new(uint256.Int))
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %v for %d gas", took, gas)
			}
			if err == nil || left != 0 {
				t.Errorf("err %v, gas left %d: want out of gas with nothing left", err, left)
			}
		})
	}
}

// A contract that calls itself until the depth limit: frames at depths 0
// to 1024 run (the spec refuses a call from depth 1024), each storing its
// depth + 1, and the chain completes on an ordinary goroutine's stack.
func TestCallChain1024Deep(t *testing.T) {
	// n := calldata[0] + 1; sstore(n, n); mem[0] = n;
	// call(gas - 100, address, 0, 0, 32, 0, 0)
	prog := code("6000 35 6001 01 80 80 55 6000 52 6000 6000 6020 6000 6000 30 6064 5a 03 f1 00")
	for _, c := range []struct {
		fork fork.Fork
		gas  uint64
	}{
		{fork.Frontier, 100_000_000}, // no 63/64 rule: the gas passes down whole
		// Each level spends c ≈ 22,300 gas before passing 63/64 of the rest
		// on, so the gas at depth d is (g + 63c)(63/64)^d - 63c: reaching
		// depth 1024 takes g > 63c / (63/64)^1024 ≈ 1.4e13.
		{fork.Cancun, 1_000_000_000_000_000},
	} {
		t.Run(c.fork.String(), func(t *testing.T) {
			done := make(chan error, 1)
			var db interface {
				GetState(types.Address, types.Hash) types.Hash
			}
			go func() {
				e, mdb := newTestEVM(t, c.fork)
				install(mdb, testContract, prog)
				db = mdb
				_, _, err := e.Call(testSender, testContract, nil, c.gas, new(uint256.Int))
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("top frame failed: %v", err)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("1024-deep chain did not finish in 60s")
			}
			slot := func(n uint64) uint64 {
				v := db.GetState(testContract, types.BytesToHash(uint256.NewInt(n).Bytes()))
				return new(uint256.Int).SetBytes(v[:]).Uint64()
			}
			if got := slot(1025); got != 1025 {
				t.Errorf("slot 1025 (frame at depth 1024) = %d, want 1025", got)
			}
			if got := slot(1026); got != 0 {
				t.Errorf("slot 1026 = %d: a frame ran at depth 1025", got)
			}
		})
	}
}
