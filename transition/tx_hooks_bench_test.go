package transition

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// BenchmarkApplyHooks applies a call that writes a slot, untraced and
// with the hooks that make Apply wrap the state: what the hooks cost when
// set, against the untraced path they must leave alone.
func BenchmarkApplyHooks(b *testing.B) {
	for _, c := range []struct {
		name  string
		hooks *trace.Hooks
	}{
		{"none", nil},
		{"state", &trace.Hooks{
			OnBalanceChange: func(types.Address, *uint256.Int, *uint256.Int, trace.BalanceChangeReason) {},
			OnStorageChange: func(types.Address, types.Hash, types.Hash, types.Hash) {},
			OnNonceChange:   func(types.Address, uint64, uint64) {},
		}},
		{"tx", &trace.Hooks{
			OnTxStart:   func(*trace.VMContext, *types.Transaction, types.Address) {},
			OnTxEnd:     func(*trace.TxResult, error) {},
			OnGasChange: func(uint64, uint64, trace.GasChangeReason) {},
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			db := testState(1 << 62)
			db.SetCode(recipient, mustHex("43600055")) // SSTORE(0, NUMBER)
			db.Commit()
			env := testEnv(fork.Osaka, 7)
			env.Config.Tracer = c.hooks
			tx := &types.Transaction{Type: types.LegacyTxType, Gas: 100_000, To: &recipient}
			tx.GasPrice.SetUint64(10)
			b.ReportAllocs()
			for b.Loop() {
				tx.Nonce = db.GetNonce(sender)
				env.Block.Number++
				if _, err := Apply(db, env, tx, sender); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
