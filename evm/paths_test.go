package evm

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The interpreter exists three times: runFast (block checks, the default),
// runChecked (checks per instruction; the fast loop's fallback) and
// runTraced (with the tracer's step hooks, for --trace and
// debug_traceTransaction). Nothing but their agreement keeps a trace
// honest, so these tests run the same transaction through each, on a
// fresh copy of the same world, and require the same gas left, output,
// outcome, refund, logs and resulting state. The reference is the
// checked loop: the plain reading of the rules.

// interpreterPath is how an EVM runs its frames.
type interpreterPath int

const (
	pathFast    interpreterPath = iota // the default
	pathChecked                        // runChecked throughout
	pathTraced                         // runTraced, with no-op hooks of every kind
)

func (p interpreterPath) String() string { return [...]string{"fast", "checked", "traced"}[p] }

// pathsWorld is a transaction to run: the accounts' code, the call.
type pathsWorld struct {
	fork  fork.Fork
	code  map[types.Address][]byte
	input []byte
	gas   uint64
	value uint64
}

// The world's accounts: the called contract, two more that programs call,
// one delegated to pathsB by an EIP-7702 designator (plain code starting
// with 0xef before Prague), and an empty one.
var (
	pathsA         = testContract
	pathsB         = types.MustHexToAddress("0x00000000000000000000000000000000000000bb")
	pathsC         = types.MustHexToAddress("0x00000000000000000000000000000000000000dd")
	pathsDelegated = types.MustHexToAddress("0x00000000000000000000000000000000000000de")
	pathsEmpty     = types.MustHexToAddress("0x000000000000000000000000000000000000dead")
)

// pathsTargets are what generated programs call and query.
var pathsTargets = []types.Address{pathsA, pathsB, pathsC, pathsDelegated, pathsEmpty, testSender,
	types.MustHexToAddress("0x0000000000000000000000000000000000000004")}

// newPathsWorld generates a world for fk from rng.
func newPathsWorld(rng *rand.Rand, fk fork.Fork) *pathsWorld {
	g := newPathsGen(rng, fk, pathsTargets)
	w := &pathsWorld{fork: fk, code: map[types.Address][]byte{
		pathsA:         g.program(0),
		pathsB:         g.program(0),
		pathsC:         g.program(1),
		pathsDelegated: append([]byte{0xef, 0x01, 0x00}, pathsB[:]...),
	}}
	w.input = randBytes(rng, rng.IntN(80))
	// Gas mostly enough to finish, sometimes tight: a fault part-way is
	// where the loops' checks differ most.
	w.gas = []uint64{rng.Uint64N(100), rng.Uint64N(3_000), rng.Uint64N(30_000), 100_000, 300_000, 1_000_000, 3_000_000}[rng.IntN(7)]
	if rng.IntN(4) == 0 {
		w.value = rng.Uint64N(1000)
	}
	return w
}

// pathsOutcome is everything a transaction's execution decides.
type pathsOutcome struct {
	Ret     []byte
	GasLeft uint64
	Err     string // the sentinel the error matches; detail aside
	ErrAlt  string // out of gas, for a failure while pricing
	Refund  uint64
	Logs    []*types.Log
	State   map[types.Address]state.DumpAccount
	Root    types.Hash
}

// run executes w's call on a fresh state through path.
func (w *pathsWorld) run(path interpreterPath) pathsOutcome {
	db := state.New()
	db.SetBalance(testSender, uint256.NewInt(1e18))
	for addr, c := range w.code {
		db.SetCode(addr, c)
		db.SetBalance(addr, uint256.NewInt(1000))
		// Slots 0..5 are what programs write: non-zero originals make
		// the SSTORE refund cases (EIP-1283/2200/3529) reachable.
		for slot := byte(1); slot < 4; slot++ {
			db.SetState(addr, types.Hash{31: slot}, types.Hash{31: slot})
		}
	}
	db.Commit()
	db.BeginTx()
	cfg := Config{ChainID: 1}
	if path == pathTraced {
		cfg.Tracer = trace.NoopHooks()
	}
	e := New(BlockContext{Number: 100, GasLimit: 30_000_000, Time: 1000, BaseFee: *uint256.NewInt(7), BlobBaseFee: *uint256.NewInt(1),
		PrevRandao: types.Hash{31: 9}, Coinbase: pathsC},
		TxContext{Origin: testSender, GasPrice: *uint256.NewInt(10), BlobHashes: []types.Hash{{0: 1, 31: 2}}}, db, w.fork.Rules(), cfg)
	e.checkedOnly = path == pathChecked
	e.db.AddAddressToAccessList(testSender)
	e.db.AddAddressToAccessList(pathsA)
	ret, left, err := e.Call(testSender, pathsA, w.input, w.gas, uint256.NewInt(w.value))
	o := pathsOutcome{Ret: ret, GasLeft: left, Refund: db.GetRefund(), Logs: db.Logs()}
	o.Err, o.ErrAlt = errorClass(err)
	eip161 := e.Rules().Has(161)
	db.Finalise(eip161)
	o.State, o.Root = db.Dump(), db.IntermediateRoot(eip161)
	return o
}

// errorClass names the sentinel err matches. The traced loop returns
// errors with geth's detail (errors_detail.go) that match the untraced
// loops' sentinels. A failure while pricing (a GasError from the traced
// loop) is out of gas as well as its cause: the traced loop asks the
// dynamic gas before charging memory, as geth does, so an opcode short of
// its memory gas whose pricing also fails (an oversized initcode, a value
// call in a static frame) reports the cause there and out of gas in the
// untraced loops — the same halt, all gas gone, in other words.
func errorClass(err error) (class, alt string) {
	if err == nil {
		return "", ""
	}
	var ge *GasError
	if errors.As(err, &ge) {
		alt = ErrOutOfGas.Error()
	}
	if errors.Is(err, ErrGasUintOverflow) { // checked: bare; traced: a GasError
		return ErrOutOfGas.Error(), alt
	}
	for _, s := range []error{
		ErrExecutionReverted, ErrStackUnderflow, ErrStackOverflow, ErrInvalidJump, ErrInvalidOpcode,
		ErrWriteProtection, ErrReturnDataOutOfBounds, ErrDepth, ErrInsufficientBalance,
		ErrContractAddressCollision, ErrMaxCodeSizeExceeded, ErrMaxInitCodeSizeExceeded, ErrInvalidCode,
		ErrCodeStoreOutOfGas, ErrNonceUintOverflow, ErrMemoryLimit, ErrOutOfGas,
	} {
		if errors.Is(err, s) {
			return s.Error(), alt
		}
	}
	return "unclassified: " + err.Error(), alt
}

// comparePaths runs w through the three paths and describes the first
// difference from the checked loop, or returns "".
func (w *pathsWorld) comparePaths() string {
	want := w.run(pathChecked)
	for _, p := range []interpreterPath{pathFast, pathTraced} {
		got := w.run(p)
		if d := diffOutcome(got, want); d != "" {
			return fmt.Sprintf("%v: %s path differs from checked: %s\n%s", w.fork, p, d, w)
		}
	}
	return ""
}

func diffOutcome(got, want pathsOutcome) string {
	switch {
	case got.Err != want.Err && got.ErrAlt != want.Err && got.Err != want.ErrAlt:
		return fmt.Sprintf("error %q, want %q", got.Err, want.Err)
	case got.GasLeft != want.GasLeft:
		return fmt.Sprintf("gas left %d, want %d", got.GasLeft, want.GasLeft)
	case !bytes.Equal(got.Ret, want.Ret):
		return fmt.Sprintf("output %x, want %x", got.Ret, want.Ret)
	case got.Refund != want.Refund:
		return fmt.Sprintf("refund %d, want %d", got.Refund, want.Refund)
	case !reflect.DeepEqual(got.Logs, want.Logs):
		return fmt.Sprintf("logs %v, want %v", got.Logs, want.Logs)
	case got.Root != want.Root || !reflect.DeepEqual(got.State, want.State):
		return fmt.Sprintf("state root %v, want %v\n got %+v\nwant %+v", got.Root, want.Root, got.State, want.State)
	}
	return ""
}

func (w *pathsWorld) String() string {
	return fmt.Sprintf("gas %d value %d input %x\nA  %x\nB  %x\nC  %x", w.gas, w.value, w.input,
		w.code[pathsA], w.code[pathsB], w.code[pathsC])
}

// TestInterpreterPaths compares the paths on generated programs, the same
// ones every run, cycling through every fork.
func TestInterpreterPaths(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewPCG(16, 3))
	forks := fork.All()
	for i := range n {
		w := newPathsWorld(rng, forks[i%len(forks)])
		if d := w.comparePaths(); d != "" {
			t.Fatalf("program %d: %s", i, d)
		}
	}
}

// FuzzInterpreterPaths compares the paths on programs generated from the
// fuzzer's seed, under the fork it picks; raw code, if given, replaces
// the called contract's, so byte-level mutations reach the loops too.
func FuzzInterpreterPaths(f *testing.F) {
	f.Add(uint64(1), byte(0), []byte(nil))
	f.Add(uint64(2), byte(fork.Osaka), []byte(nil))
	f.Add(uint64(3), byte(fork.Istanbul), code("6001 6000 55 6000 54 6002 55 00"))
	f.Add(uint64(4), byte(fork.Cancun), code("5b 6000 56"))
	f.Add(uint64(5), byte(fork.Prague), code("38 6000 6000 39 38 6000 6000 f0"))
	f.Add(uint64(6), byte(fork.Byzantium), code("6000 6000 6000 6000 6000 30 5a f1"))
	f.Add(uint64(7), byte(fork.Homestead), code("6020 6000 6000 3e 6001 ff"))
	// EIP-8024: 20 items, DUPN 17, SWAPN 18, EXCHANGE 2 3, EXCHANGE 1 19;
	// a jump onto the JUMPDEST after an INVALID_DUPN; SWAPN 0x5b.
	f.Add(uint64(8), byte(fork.Amsterdam), code(strings.Repeat("5f", 20)+"e680 e781 e89d e82f 4b 01 6000 55"))
	f.Add(uint64(9), byte(fork.Amsterdam), code("600456e65b 5f5f e75b"))
	f.Fuzz(func(t *testing.T, seed uint64, forkByte byte, raw []byte) {
		fk := fork.Fork(int(forkByte) % (int(fork.Latest) + 1))
		w := newPathsWorld(rand.New(rand.NewPCG(seed, uint64(forkByte))), fk)
		if len(raw) > 0 {
			w.code[pathsA] = raw
		}
		if d := w.comparePaths(); d != "" {
			t.Fatal(d)
		}
	})
}
