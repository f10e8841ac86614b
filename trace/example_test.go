package trace_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/tracers"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Trace a transaction with hooks of your own: frames, gas changes with
// their reason, and state changes as they happen. Set only the hooks you
// need; a nil Hooks (or nil field) costs nothing. Built-in tracers
// (package tracers) are made of the same hooks.
func ExampleHooks() {
	var (
		user     = types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
		counter  = types.MustHexToAddress("0x00000000000000000000000000000000000000cc")
		coinbase = types.MustHexToAddress("0x00000000000000000000000000000000000000fe")
	)
	// counter adds one to slot 0 and logs the new value.
	code, err := asm.Assemble("PUSH0 SLOAD PUSH1 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH1 32 PUSH0 LOG0 STOP")
	if err != nil {
		panic(err)
	}
	db := state.New()
	db.SetBalance(user, uint256.NewInt(1e18))
	db.SetCode(counter, code)
	db.Commit()

	hooks := &trace.Hooks{
		OnTxStart: func(vm *trace.VMContext, tx *types.Transaction, from types.Address) {
			bal := vm.StateDB.GetBalance(from)
			fmt.Printf("tx start: %s sends to %s, balance %s\n", from.Hex(), tx.To.Hex(), bal.Dec())
		},
		OnEnter: func(depth int, kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
			fmt.Printf("enter depth %d, %d gas\n", depth, gas)
		},
		OnExit: func(depth int, output []byte, gasUsed uint64, err error, reverted bool) {
			fmt.Printf("exit depth %d, %d gas used\n", depth, gasUsed)
		},
		OnGasChange: func(old, new uint64, reason trace.GasChangeReason) {
			fmt.Printf("gas %d -> %d (%s)\n", old, new, reason)
		},
		OnBalanceChange: func(addr types.Address, prev, new *uint256.Int, reason trace.BalanceChangeReason) {
			fmt.Printf("balance of %s: %s -> %s (%s)\n", addr.Hex(), prev.Dec(), new.Dec(), reason)
		},
		OnStorageChange: func(addr types.Address, slot, prev, next types.Hash) {
			word := func(h types.Hash) string { return new(uint256.Int).SetBytes(h[:]).Dec() }
			fmt.Printf("slot %s of %s: %s -> %s\n", word(slot), addr.Hex(), word(prev), word(next))
		},
		OnLog: func(l *types.Log) { fmt.Printf("log: %x\n", l.Data[31:]) },
		OnTxEnd: func(res *trace.TxResult, err error) {
			fmt.Printf("tx end: %d gas used, failed %v\n", res.GasUsed, res.Failed())
		},
	}

	env := &transition.Env{Rules: fork.Osaka.Rules(), Config: evm.Config{ChainID: 1, Tracer: hooks}}
	env.Block = evm.BlockContext{Coinbase: coinbase, Number: 1, Time: 1, GasLimit: 30_000_000}
	env.Block.BaseFee.SetUint64(1)
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 100_000, To: &counter}
	tx.GasPrice.SetUint64(2)
	if _, err := transition.Apply(db, env, tx, user); err != nil {
		panic(err)
	}

	// A built-in tracer on the same hooks: geth's prestateTracer in diff mode.
	prestate, err := tracers.NewPrestateTracer(tracers.PrestateTracerConfig{DiffMode: true, DisableCode: true})
	if err != nil {
		panic(err)
	}
	env.Config.Tracer = prestate.Hooks()
	tx.Nonce = 1
	if _, err := transition.Apply(db, env, tx, user); err != nil {
		panic(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, prestate.Result(), "", "  "); err != nil {
		panic(err)
	}
	fmt.Println(out.String())
	// Output:
	// tx start: 0x00000000000000000000000000000000000000aa sends to 0x00000000000000000000000000000000000000cc, balance 1000000000000000000
	// balance of 0x00000000000000000000000000000000000000aa: 1000000000000000000 -> 999999999999800000 (GasBuy)
	// gas 0 -> 100000 (TxInitialBalance)
	// gas 100000 -> 79000 (TxIntrinsicGas)
	// enter depth 1, 79000 gas
	// gas 0 -> 79000 (CallInitialBalance)
	// slot 0 of 0x00000000000000000000000000000000000000cc: 0 -> 1
	// log: 01
	// gas 56243 -> 0 (CallLeftOverReturned)
	// exit depth 1, 22757 gas used
	// gas 56243 -> 0 (TxLeftOverReturned)
	// balance of 0x00000000000000000000000000000000000000aa: 999999999999800000 -> 999999999999912486 (GasReturn)
	// balance of 0x00000000000000000000000000000000000000fe: 0 -> 43757 (RewardTransactionFee)
	// tx end: 43757 gas used, failed false
	// {
	//   "post": {
	//     "0x00000000000000000000000000000000000000aa": {
	//       "balance": "0xde0b6b3a761d9e4",
	//       "nonce": 2
	//     },
	//     "0x00000000000000000000000000000000000000cc": {
	//       "storage": {
	//         "0x0000000000000000000000000000000000000000000000000000000000000000": "0x0000000000000000000000000000000000000000000000000000000000000002"
	//       }
	//     },
	//     "0x00000000000000000000000000000000000000fe": {
	//       "balance": "0x1130e"
	//     }
	//   },
	//   "pre": {
	//     "0x00000000000000000000000000000000000000aa": {
	//       "balance": "0xde0b6b3a762aa26",
	//       "nonce": 1
	//     },
	//     "0x00000000000000000000000000000000000000cc": {
	//       "balance": "0x0",
	//       "codeHash": "0x851ece5bf4d87ef59dfbfb967dcd70af21d77be45b2de71ecae52047689e6fd5",
	//       "storage": {
	//         "0x0000000000000000000000000000000000000000000000000000000000000000": "0x0000000000000000000000000000000000000000000000000000000000000001"
	//       }
	//     },
	//     "0x00000000000000000000000000000000000000fe": {
	//       "balance": "0xaaed"
	//     }
	//   }
	// }
}
