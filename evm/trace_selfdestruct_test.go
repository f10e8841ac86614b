package evm

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// selfdestructHooks records frames, balance changes and logs as lines;
// with steps it also sets OnOpcode, which selects the traced loop.
func selfdestructHooks(l *[]string, steps bool) *trace.Hooks {
	add := func(format string, a ...any) { *l = append(*l, fmt.Sprintf(format, a...)) }
	name := func(a types.Address) string { return fmt.Sprintf("%x", a[18:]) }
	h := &trace.Hooks{
		OnEnter: func(depth int, kind byte, from, to types.Address, _ []byte, gas uint64, value *uint256.Int) {
			add("enter %d %x %s->%s %s", depth, kind, name(from), name(to), value.Dec())
			if kind == trace.KindSelfdestruct && gas != 0 {
				add("selfdestruct gas %d", gas)
			}
		},
		OnExit: func(depth int, _ []byte, used uint64, err error, reverted bool) {
			add("exit %d %v %v", depth, err, reverted)
		},
		OnBalanceChange: func(a types.Address, prev, next *uint256.Int, why trace.BalanceChangeReason) {
			add("balance %s %s->%s %s", name(a), prev.Dec(), next.Dec(), why)
		},
		OnLog: func(lg *types.Log) { add("log %x", lg.Topics[0][:4]) },
	}
	if steps {
		h.OnOpcode = func(*trace.Step) {}
	}
	return h
}

// A SELFDESTRUCT is reported as geth v1.17.10 reports it (core/vm
// opSelfdestruct, opSelfdestruct6780): the balance changes (and under
// EIP-7708 the transfer log) first, then a frame of its own one level
// down, from the account to the beneficiary with the balance it held, of
// no gas, that returns at once. A tracer without step hooks (the fast
// loop) sees the same as one with them (the traced loop).
func TestTraceSelfdestructAsGeth(t *testing.T) {
	created := crypto.CreateAddress(testSender, 0)
	c := fmt.Sprintf("%x", created[18:])
	transfer := fmt.Sprintf("log %x", TransferTopic[:4])
	cases := []struct {
		name   string
		rules  fork.Rules
		create bool   // run code as initcode with 100 wei, else call testContract (1000 wei) holding it
		code   string // PUSH1 0xbb SELFDESTRUCT, or ADDRESS SELFDESTRUCT
		want   []string
	}{
		{"London", fork.London.Rules(), false, "60bb ff", []string{
			"enter 1 f1 00aa->00cc 0",
			"balance 00bb 0->1000 IncreaseSelfdestruct",
			"balance 00cc 1000->0 DecreaseSelfdestruct",
			"enter 2 ff 00cc->00bb 1000", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		// Naming itself burns the balance: geth does not credit the
		// account first (AddBalance only for another beneficiary).
		{"London to itself", fork.London.Rules(), false, "30 ff", []string{
			"enter 1 f1 00aa->00cc 0",
			"balance 00cc 1000->0 DecreaseSelfdestruct",
			"enter 2 ff 00cc->00cc 1000", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		// EIP-6780, an account from before the transaction: the balance
		// moves, debit first.
		{"Cancun", fork.Cancun.Rules(), false, "60bb ff", []string{
			"enter 1 f1 00aa->00cc 0",
			"balance 00cc 1000->0 DecreaseSelfdestruct",
			"balance 00bb 0->1000 IncreaseSelfdestruct",
			"enter 2 ff 00cc->00bb 1000", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		{"Cancun to itself", fork.Cancun.Rules(), false, "30 ff", []string{
			"enter 1 f1 00aa->00cc 0",
			"enter 2 ff 00cc->00cc 1000", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		// EIP-6780, created in the transaction: credit, then the account
		// is zeroed.
		{"Cancun created", fork.Cancun.Rules(), true, "60bb ff", []string{
			"enter 1 f0 00aa->" + c + " 100",
			"balance 00aa 1000000000000000000->999999999999999900 Transfer",
			"balance " + c + " 0->100 Transfer",
			"balance 00bb 0->100 IncreaseSelfdestruct",
			"balance " + c + " 100->0 DecreaseSelfdestruct",
			"enter 2 ff " + c + "->00bb 100", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		{"Cancun created to itself", fork.Cancun.Rules(), true, "30 ff", []string{
			"enter 1 f0 00aa->" + c + " 100",
			"balance 00aa 1000000000000000000->999999999999999900 Transfer",
			"balance " + c + " 0->100 Transfer",
			"balance " + c + " 100->0 DecreaseSelfdestruct",
			"enter 2 ff " + c + "->" + c + " 100", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		// EIP-7708 and EIP-8246: the transfer log after the balance
		// changes, before the frame.
		{"7708 8246", rules7708(true), false, "60bb ff", []string{
			"enter 1 f1 00aa->00cc 0",
			"balance 00cc 1000->0 DecreaseSelfdestruct",
			"balance 00bb 0->1000 IncreaseSelfdestruct",
			transfer,
			"enter 2 ff 00cc->00bb 1000", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		{"7708 8246 created", rules7708(true), true, "60bb ff", []string{
			"enter 1 f0 00aa->" + c + " 100",
			"balance 00aa 1000000000000000000->999999999999999900 Transfer",
			"balance " + c + " 0->100 Transfer",
			transfer,
			"balance 00bb 0->100 IncreaseSelfdestruct",
			"balance " + c + " 100->0 DecreaseSelfdestruct",
			transfer,
			"enter 2 ff " + c + "->00bb 100", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
		// EIP-8246: naming itself, the balance stays; no log, no change.
		{"7708 8246 created to itself", rules7708(true), true, "30 ff", []string{
			"enter 1 f0 00aa->" + c + " 100",
			"balance 00aa 1000000000000000000->999999999999999900 Transfer",
			"balance " + c + " 0->100 Transfer",
			transfer,
			"enter 2 ff " + c + "->" + c + " 100", "exit 2 <nil> false",
			"exit 1 <nil> false",
		}},
	}
	for _, tc := range cases {
		for _, steps := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/steps=%v", tc.name, steps), func(t *testing.T) {
				var got []string
				hooks := selfdestructHooks(&got, steps)
				mem := state.New()
				mem.SetBalance(testSender, uint256.NewInt(1e18))
				mem.SetBalance(testContract, uint256.NewInt(1000))
				mem.SetCode(testContract, code(tc.code))
				mem.Commit()
				mem.BeginTx()
				e := New(BlockContext{Number: 100, GasLimit: 30_000_000, Time: 1000}, TxContext{Origin: testSender},
					state.NewHooked(mem, hooks), tc.rules, Config{ChainID: 1, Tracer: hooks})
				var err error
				if tc.create {
					_, _, _, err = e.Create(testSender, code(tc.code), 100_000, uint256.NewInt(100))
				} else {
					_, _, err = e.Call(testSender, testContract, nil, 100_000, new(uint256.Int))
				}
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("hooks:\n%q\nwant\n%q", got, tc.want)
				}
			})
		}
	}
}
