package evm

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	childContract = types.MustHexToAddress("0x00000000000000000000000000000000000000bb")
	emptyAccount  = types.MustHexToAddress("0x00000000000000000000000000000000000000dd")
)

// callChild is CALL(gas, 0xbb, 0, 0, 0, 0, 0) with its result dropped.
const callChild = "6000 6000 6000 6000 6000 60bb 5a f1 50"

// callEmpty is the same call to an account without code: it succeeds and
// leaves empty return data.
const callEmpty = "6000 6000 6000 6000 6000 60dd 5a f1 50"

// mstoreAt is MSTORE(off, 1): memory grows to off+32 bytes.
func mstoreAt(off uint64) string { return fmt.Sprintf("6001 63%08x 52", off) }

// returnMem is RETURN(0, n).
func returnMem(n uint64) string { return fmt.Sprintf("63%08x 6000 f3", n) }

// memLimitRun runs parent at testContract (and child at 0xbb) with the
// given memory limit, traced or not, and checks the budget is back to zero
// afterwards. It reports the error, the bytes allocated and the time taken.
func memLimitRun(t *testing.T, limit uint64, traced bool, gas uint64, parent, child string) (error, uint64, time.Duration) {
	t.Helper()
	db := state.New()
	db.SetBalance(testSender, uint256.NewInt(1e18))
	db.SetCode(testContract, code(parent))
	if child != "" {
		db.SetCode(childContract, code(child))
	}
	db.Commit()
	db.BeginTx()
	cfg := Config{ChainID: 1, MemoryLimit: limit}
	if traced {
		cfg.Tracer = &trace.Hooks{OnOpcode: func(*trace.Step) {}, OnFault: func(*trace.Step) {}}
	}
	e := New(BlockContext{Number: 100, GasLimit: 30_000_000, Time: 1000}, TxContext{Origin: testSender}, db, fork.Cancun.Rules(), cfg)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, err := e.Call(testSender, testContract, nil, gas, new(uint256.Int))
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if e.mem.held != 0 {
		t.Errorf("budget holds %d bytes after the call", e.mem.held)
	}
	return err, after.TotalAlloc - before.TotalAlloc, took
}

// Issue 19: with gas 2^64-1, MSTORE at 2^33 (`goevm run --gas
// 18446744073709551615 --code 0x600164020000000052`) could pay for 8 GiB and
// the process died out of memory. It must end with ErrMemoryLimit, having
// allocated next to nothing, through a nested CALL or CREATE as well (the
// whole call stops: the parent's code after the call never runs, else the
// call would succeed).
func TestMemoryLimitWithHugeGas(t *testing.T) {
	const huge = math.MaxUint64
	initcode := "600164020000000052" // the reproducer, as initcode
	cases := []struct{ name, parent, child string }{
		{"top level", "600164020000000052", ""},
		{"in a CALL", callChild + "6001 6000 55 00", "600164020000000052"},
		{"in a CREATE", "68" + initcode + "6000 52 6009 6017 6000 f0 50 6001 6000 55 00", ""},
	}
	for _, c := range cases {
		for _, traced := range []bool{false, true} {
			err, alloc, took := memLimitRun(t, 0, traced, huge, c.parent, c.child)
			if !errors.Is(err, ErrMemoryLimit) {
				t.Errorf("%s (traced %v): %v, want ErrMemoryLimit", c.name, traced, err)
			}
			if alloc > 16<<20 || took > 2*time.Second {
				t.Errorf("%s (traced %v): allocated %d bytes in %v", c.name, traced, alloc, took)
			}
		}
	}
}

// Issue 19: RETURNDATACOPY of 2^32 bytes past empty return data allocated
// 4 GiB before failing. The execution specs (returndatacopy, Byzantium on)
// charge the gas, then check the bounds, then expand memory: so with the
// gas for it the copy fails with ErrReturnDataOutOfBounds having allocated
// nothing, and without, it is out of gas.
func TestReturnDataCopyChecksBoundsBeforeGrowing(t *testing.T) {
	prog := "640100000000 6000 6000 3e" // RETURNDATACOPY(0, 0, 2^32)
	for _, traced := range []bool{false, true} {
		err, alloc, _ := memLimitRun(t, 0, traced, math.MaxUint64, prog, "")
		if !errors.Is(err, ErrReturnDataOutOfBounds) {
			t.Errorf("traced %v: %v, want ErrReturnDataOutOfBounds", traced, err)
		}
		if alloc > 16<<20 {
			t.Errorf("traced %v: allocated %d bytes", traced, alloc)
		}
		if err, _, _ := memLimitRun(t, 0, traced, 30_000_000, prog, ""); !errors.Is(err, ErrOutOfGas) {
			t.Errorf("traced %v, 30M gas: %v, want ErrOutOfGas", traced, err)
		}
	}
	// Within the return data, the copy works: 32 bytes returned by a child.
	child := mstoreAt(0) + returnMem(32)
	parent := callChild + "6020 6000 6000 3e 6020 6000 f3" // RETURNDATACOPY(0, 0, 32); RETURN(0, 32)
	if err, _, _ := memLimitRun(t, 0, false, 1_000_000, parent, child); err != nil {
		t.Errorf("RETURNDATACOPY in bounds: %v", err)
	}
}

// The limit counts what all live frames hold, memory and return data, and
// nothing else: with a 1 MiB limit (1,048,576 bytes),
func TestMemoryLimitCountsLiveFramesAndReturnData(t *testing.T) {
	const limit = 1 << 20
	const gas = 30_000_000 // 1 MiB of memory costs about 2.2M gas
	kb600 := uint64(600 << 10)
	cases := []struct {
		name          string
		parent, child string
		want          error
	}{
		{"one frame under the limit", mstoreAt(limit - 32), "", nil},
		{"one frame over it", mstoreAt(limit), "", ErrMemoryLimit},
		{"parent and child 600 KiB each", mstoreAt(kb600) + callChild, mstoreAt(kb600), ErrMemoryLimit},
		{"child 600 KiB after the parent's", callChild + mstoreAt(kb600), mstoreAt(kb600), nil},
		// The child's 600 KiB output stays as the parent's return data.
		{"return data and memory", callChild + mstoreAt(kb600), mstoreAt(kb600) + returnMem(kb600), ErrMemoryLimit},
		// A call to an account without code empties it again.
		{"return data dropped", callChild + callEmpty + mstoreAt(kb600), mstoreAt(kb600) + returnMem(kb600), nil},
	}
	for _, c := range cases {
		for _, traced := range []bool{false, true} {
			err, _, _ := memLimitRun(t, limit, traced, gas, c.parent, c.child)
			if !errors.Is(err, c.want) {
				t.Errorf("%s (traced %v): %v, want %v", c.name, traced, err, c.want)
			}
		}
	}
}

// A large output is copied for its caller, not kept in a per-depth buffer
// for the rest of the EVM's life.
func TestLargeOutputsAreNotKept(t *testing.T) {
	e, db := newTestEVM(t, fork.Cancun)
	install(db, testContract, code(callChild+"00"))
	install(db, childContract, code(mstoreAt(100_000)+returnMem(100_000)))
	if _, _, err := e.Call(testSender, testContract, nil, 10_000_000, new(uint256.Int)); err != nil {
		t.Fatal(err)
	}
	for d, buf := range e.fast.outputs {
		if cap(buf) > 2*keptOutputMax {
			t.Errorf("depth %d keeps a buffer of %d bytes", d, cap(buf))
		}
	}
}

// DefaultMemoryLimit's comment, checked: 3075 paid memories sharing 60M
// gas (Yellow Paper C_mem = 3w + w²/512 per frame) hold under an eighth
// of the default; one frame with all of it, 5.6 MB. Up to 2.8 billion gas
// the bound stays under it. static_Call1MB1024Calldepth (ethereum/tests
// stStaticCall) holds 1025 frames of 1,000,000 bytes: under half of it.
func TestDefaultMemoryLimitAboveWhatBlocksBuy(t *testing.T) {
	if one := maxMemoryFor(60_000_000); one < 5_500_000 || one > 5_700_000 {
		t.Errorf("one frame of 60M gas: %d bytes", one)
	}
	if all := 3075 * maxMemoryFor(60_000_000/3075); all >= DefaultMemoryLimit/8 {
		t.Errorf("3075 memories of 60M gas: %d bytes, limit %d", all, DefaultMemoryLimit)
	}
	if all := 3075 * maxMemoryFor(2_800_000_000/3075); all >= DefaultMemoryLimit {
		t.Errorf("3075 memories of 2.8e9 gas: %d bytes, limit %d", all, DefaultMemoryLimit)
	}
	if fixture := uint64(1025 * 1_000_000); fixture >= DefaultMemoryLimit/2 {
		t.Errorf("static_Call1MB1024Calldepth holds %d bytes, limit %d", fixture, DefaultMemoryLimit)
	}
}
