package difftest

import (
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	gstate "github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	gtypes "github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The accounts of the SELFDESTRUCT hook comparison.
var (
	sdSender   = types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	sdContract = types.MustHexToAddress("0x00000000000000000000000000000000000000cc") // 1000 wei, the case's code
	sdEmpty    = types.MustHexToAddress("0x00000000000000000000000000000000000000ce") // no balance, PUSH1 0xbb SELFDESTRUCT
	sdCaller   = types.MustHexToAddress("0x00000000000000000000000000000000000000cf") // CALLs sdContract, then STOP
	sdReverter = types.MustHexToAddress("0x00000000000000000000000000000000000000c0") // CALLs sdContract, then REVERT
	sdFunded   = types.MustHexToAddress("0x00000000000000000000000000000000000000dd") // 5 wei, no code
)

// sdCase is a call to one of the accounts above, or a creation running
// code as initcode.
type sdCase struct {
	name   string
	to     types.Address // ignored when create
	create bool
	code   string // sdContract's code, or the initcode
	value  uint64
}

// callCC is CALL(GAS, 0xcc, 0, 0, 0, 0, 0) followed by end.
func callCC(end string) string { return "6000600060006000600060cc5a f1 50" + end }

var sdCases = []sdCase{
	{"to an empty account", sdContract, false, "60bbff", 0},
	{"to itself", sdContract, false, "30ff", 0},
	{"to a funded account", sdContract, false, "60ddff", 0},
	{"with value", sdContract, false, "60bbff", 7},
	{"nothing to move", sdEmpty, false, "", 0},
	{"one call down", sdCaller, false, "60bbff", 0},
	{"one call down, reverted", sdReverter, false, "60bbff", 0},
	{"created", types.Address{}, true, "60bbff", 100},
	{"created, to itself", types.Address{}, true, "30ff", 100},
	{"created, nothing to move", types.Address{}, true, "60bbff", 0},
}

// sdAccount is an account of the pre-state.
type sdAccount struct {
	bal  uint64
	code []byte
}

// sdPre is the pre-state of c.
func sdPre(c sdCase) map[types.Address]sdAccount {
	pre := map[types.Address]sdAccount{
		sdSender:   {1e18, nil},
		sdContract: {1000, nil},
		sdEmpty:    {0, hexCode("60bbff")},
		sdCaller:   {0, hexCode(callCC("00"))},
		sdReverter: {0, hexCode(callCC("60006000fd"))},
		sdFunded:   {5, nil},
	}
	if !c.create {
		a := pre[sdContract]
		a.code = hexCode(c.code)
		pre[sdContract] = a
	}
	return pre
}

func hexCode(s string) []byte {
	b, err := types.DecodeHex("0x" + strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// sdEnter formats an OnEnter call the same way for both clients.
func sdEnter(depth int, kind byte, from, to [20]byte, gas uint64, value string) string {
	return fmt.Sprintf("enter %d %x %x->%x gas=%v %s", depth, kind, from[18:], to[18:], gas != 0, value)
}

// goevmSelfdestructHooks runs c with goevm, its state behind state.Hooked
// as the transaction layer puts it, and returns the hook calls. With steps
// the tracer has OnOpcode (the traced loop), else the fast loop runs.
func goevmSelfdestructHooks(t *testing.T, f fork.Fork, c sdCase, steps bool) []string {
	var got []string
	add := func(format string, a ...any) { got = append(got, fmt.Sprintf(format, a...)) }
	hooks := &trace.Hooks{
		OnEnter: func(depth int, kind byte, from, to types.Address, _ []byte, gas uint64, value *uint256.Int) {
			v := "nil"
			if value != nil {
				v = value.Dec()
			}
			// goevm counts the top frame as depth 1, geth as 0.
			got = append(got, sdEnter(depth-1, kind, from, to, gas, v))
		},
		OnExit: func(depth int, _ []byte, _ uint64, err error, reverted bool) {
			add("exit %d %v %v", depth-1, err != nil, reverted)
		},
		OnBalanceChange: func(a types.Address, prev, next *uint256.Int, why trace.BalanceChangeReason) {
			add("balance %x %s->%s %d", a[18:], prev.Dec(), next.Dec(), why)
		},
		OnLog: func(l *types.Log) { add("log %x %x", l.Address[18:], l.Topics[0][:4]) },
	}
	if steps {
		hooks.OnOpcode = func(*trace.Step) {}
	}
	mem := state.New()
	for addr, a := range sdPre(c) {
		mem.SetBalance(addr, uint256.NewInt(a.bal))
		if a.code != nil {
			mem.SetCode(addr, a.code)
		}
	}
	mem.Commit()
	mem.BeginTx()
	rules := f.Rules()
	e := evm.New(evm.BlockContext{Number: 1, Time: 1, GasLimit: 30_000_000, PrevRandao: types.Hash{31: 1}},
		evm.TxContext{Origin: sdSender}, state.NewHooked(mem, hooks), rules, evm.Config{ChainID: 1, Tracer: hooks})
	mem.AddAddressToAccessList(sdSender)
	var err error
	if c.create {
		_, _, _, err = e.Create(sdSender, hexCode(c.code), 1_000_000, uint256.NewInt(c.value))
	} else {
		mem.AddAddressToAccessList(c.to)
		_, _, err = e.Call(sdSender, c.to, nil, 1_000_000, uint256.NewInt(c.value))
	}
	if err != nil && c.to != sdReverter {
		t.Fatalf("goevm: %v", err)
	}
	return got
}

// gethSelfdestructHooks runs c with go-ethereum, its state behind its
// hooked state as its state processor puts it.
func gethSelfdestructHooks(t *testing.T, f fork.Fork, c sdCase, steps bool) []string {
	var got []string
	add := func(format string, a ...any) { got = append(got, fmt.Sprintf(format, a...)) }
	hooks := &tracing.Hooks{
		OnEnter: func(depth int, kind byte, from, to common.Address, _ []byte, gas uint64, value *big.Int) {
			v := "nil"
			if value != nil {
				v = value.String()
			}
			got = append(got, sdEnter(depth, kind, from, to, gas, v))
		},
		OnExit: func(depth int, _ []byte, _ uint64, err error, reverted bool) {
			add("exit %d %v %v", depth, err != nil, reverted)
		},
		OnBalanceChange: func(a common.Address, prev, next *big.Int, why tracing.BalanceChangeReason) {
			add("balance %x %s->%s %d", a[18:], prev, next, why)
		},
		OnLog: func(l *gtypes.Log) { add("log %x %x", l.Address[18:], l.Topics[0][:4]) },
	}
	if steps {
		hooks.OnOpcode = func(uint64, byte, uint64, uint64, tracing.OpContext, []byte, int, error) {}
	}
	sdb := gstate.NewDatabaseForTesting()
	st, _ := gstate.New(gtypes.EmptyRootHash, sdb)
	for addr, a := range sdPre(c) {
		st.SetBalance(common.Address(addr), uint256.NewInt(a.bal), tracing.BalanceChangeUnspecified)
		if a.code != nil {
			st.SetCode(common.Address(addr), a.code, tracing.CodeChangeUnspecified)
		}
	}
	// Committed and reopened, so no account counts as created in the
	// transaction (EIP-6780).
	root, err := st.Commit(params.Rules{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if st, err = gstate.New(root, sdb); err != nil {
		t.Fatal(err)
	}
	cfg := gethConfig(f.String())
	random := common.Hash{31: 1}
	bctx := vm.BlockContext{
		CanTransfer: core.CanTransfer, Transfer: core.Transfer,
		GetHash:  func(uint64) common.Hash { return common.Hash{} },
		GasLimit: 30_000_000, BlockNumber: big.NewInt(1), Time: 1,
		Difficulty: new(big.Int), BaseFee: new(big.Int), BlobBaseFee: new(big.Int),
		CostPerStateByte: params.CostPerStateByte,
	}
	if f >= fork.Paris {
		bctx.Random = &random
	}
	rules := cfg.Rules(bctx.BlockNumber, bctx.Random != nil, bctx.Time)
	gevm := vm.NewEVM(bctx, gstate.NewHookedState(st, hooks), cfg, vm.Config{Tracer: hooks})
	gevm.SetTxContext(vm.TxContext{Origin: common.Address(sdSender), GasPrice: new(uint256.Int)})
	gas := vm.NewGasBudget(1_000_000, 0)
	if c.create {
		st.Prepare(rules, common.Address(sdSender), common.Address{}, nil, vm.ActivePrecompiles(rules), nil)
		_, _, _, err = gevm.Create(common.Address(sdSender), hexCode(c.code), gas, uint256.NewInt(c.value))
	} else {
		to := common.Address(c.to)
		st.Prepare(rules, common.Address(sdSender), common.Address{}, &to, vm.ActivePrecompiles(rules), nil)
		_, _, err = gevm.Call(common.Address(sdSender), to, nil, gas, uint256.NewInt(c.value))
	}
	if err != nil && c.to != sdReverter {
		t.Fatalf("geth: %v", err)
	}
	return got
}

// TestSelfdestructHooksAgree: a SELFDESTRUCT reaches a tracer's hooks as
// in go-ethereum (core/vm opSelfdestruct, opSelfdestruct6780): the same
// balance changes in the same order, the EIP-7708 log, then the frame of
// its own (OnEnter from the account to the beneficiary with its balance,
// OnExit), with and without step hooks on either side — before EIP-6780,
// with it (an account from before the transaction and one created in it),
// and under Amsterdam (EIP-7708, EIP-8246).
func TestSelfdestructHooksAgree(t *testing.T) {
	for _, f := range []fork.Fork{fork.Berlin, fork.Cancun, fork.Osaka, fork.Amsterdam} {
		for _, c := range sdCases {
			for _, steps := range []bool{false, true} {
				t.Run(fmt.Sprintf("%v/%s/steps=%v", f, c.name, steps), func(t *testing.T) {
					ours := goevmSelfdestructHooks(t, f, c, steps)
					theirs := gethSelfdestructHooks(t, f, c, steps)
					if !reflect.DeepEqual(ours, theirs) {
						t.Errorf("goevm:\n  %s\ngeth:\n  %s", strings.Join(ours, "\n  "), strings.Join(theirs, "\n  "))
					}
					if !strings.Contains(strings.Join(ours, "\n"), " ff ") {
						t.Errorf("no SELFDESTRUCT frame reported:\n  %s", strings.Join(ours, "\n  "))
					}
				})
			}
		}
	}
}
