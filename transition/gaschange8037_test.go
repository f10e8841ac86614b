package transition

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// stateGasEvents runs tx under Amsterdam and returns the gas changes whose
// reason is one of EIP-8037/EIP-2780's (geth v1.17.10's core/tracing
// values 20-25), each as the signed change of execution gas and the reason.
func stateGasEvents(t *testing.T, setup func(db interface {
	SetCode(types.Address, []byte)
}), tx *types.Transaction) []string {
	t.Helper()
	db := testState(1_000_000_000)
	setup(db)
	db.Commit()
	env := testEnv(fork.Amsterdam, 7)
	var got []string
	env.Config.Tracer = &trace.Hooks{OnGasChange: func(old, new uint64, why trace.GasChangeReason) {
		if why >= trace.GasChangeRefundAccountCreation && why <= trace.GasChangeStateGasRepaid {
			got = append(got, fmt.Sprintf("%+d %s", int64(new)-int64(old), why))
		}
	}}
	tx.GasPrice.SetUint64(10)
	if _, err := Apply(db, env, tx, sender); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestGasChangeReasons8037: the state-gas movements a tracer sees, with the
// amounts EIP-8037 sets (a new account 120 x 1530 = 183600, a new slot
// 64 x 1530 = 97920) and geth v1.17.10's reasons for them. Below 2^24 gas
// there is no reservoir, so every state charge is lent by execution gas.
func TestGasChangeReasons8037(t *testing.T) {
	fresh := types.MustHexToAddress("0xdd00000000000000000000000000000000000001")
	helper := types.MustHexToAddress("0xdd00000000000000000000000000000000000002")
	code := func(hex string) func(db interface{ SetCode(types.Address, []byte) }) {
		return func(db interface{ SetCode(types.Address, []byte) }) { db.SetCode(recipient, mustHex(hex)) }
	}
	call := func(gas uint64) *types.Transaction {
		return &types.Transaction{Type: types.LegacyTxType, Gas: gas, To: &recipient}
	}
	for _, c := range []struct {
		name  string
		setup func(db interface{ SetCode(types.Address, []byte) })
		tx    *types.Transaction
		want  []string
	}{
		{"EIP-2780 runtime charge: value to a new account", func(interface{ SetCode(types.Address, []byte) }) {},
			&types.Transaction{Type: types.LegacyTxType, Gas: 1_000_000, To: &fresh, Value: *uint256.NewInt(1)},
			[]string{"-183600 TxRuntimeGas"}},
		{"CREATE's new account", code("5f5f5ff000"), call(1_000_000), // CREATE(0, 0, 0)
			[]string{"-183600 AccountCreation"}},
		{"a reverted frame's new slot", code("60015f555f5ffd"), call(1_000_000), // SSTORE(0, 1) REVERT
			[]string{"+97920 RefundRevertedState"}},
		{"CALL with value to an empty account, refused (no balance)",
			code("5f5f5f5f600173" + fresh.Hex()[2:] + "5af100"), call(1_000_000),
			[]string{"+183600 RefundAccountCreation"}},
		{"a creation transaction whose initcode reverts", func(interface{ SetCode(types.Address, []byte) }) {},
			&types.Transaction{Type: types.LegacyTxType, Gas: 1_000_000, Data: mustHex("5f5ffd")},
			[]string{"-183600 TxRuntimeGas", "+183600 RefundAccountCreation"}},
		// 50000 gas above 2^24 is the reservoir: SSTORE(0, 1) takes it and
		// lends 47920; a DELEGATECALL clearing the slot again refunds 97920
		// to the reservoir (0 -> 1 -> 0), which repays the lent 47920.
		{"a child's refill repays the caller's debt", func(db interface{ SetCode(types.Address, []byte) }) {
			db.SetCode(recipient, mustHex("60015f55"+"5f5f5f5f73"+helper.Hex()[2:]+"5af400"))
			db.SetCode(helper, mustHex("5f5f5500"))
		}, call(fork.TxMaxGas8037 + 50_000),
			[]string{"+47920 StateGasRepaid"}},
	} {
		if got := stateGasEvents(t, c.setup, c.tx); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// Without a tracer the same transactions run as before (the reports cost
// one nil check); under Osaka none of these reasons appear.
func TestGasChangeReasonsOsaka(t *testing.T) {
	db := testState(1_000_000_000)
	db.SetCode(recipient, mustHex("60015f555f5ffd"))
	db.Commit()
	env := testEnv(fork.Osaka, 7)
	env.Config.Tracer = &trace.Hooks{OnGasChange: func(old, new uint64, why trace.GasChangeReason) {
		if why >= trace.GasChangeRefundAccountCreation {
			t.Errorf("Osaka: %d->%d %s", old, new, why)
		}
	}}
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 1_000_000, To: &recipient}
	tx.GasPrice.SetUint64(10)
	if _, err := Apply(db, env, tx, sender); err != nil {
		t.Fatal(err)
	}
}
