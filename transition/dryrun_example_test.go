package transition_test

import (
	"fmt"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Run a transfer without committing it, look at its result, then commit.
func ExampleDryRun() {
	from := types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	to := types.MustHexToAddress("0x00000000000000000000000000000000000000bb")
	db := state.New()
	db.SetBalance(from, uint256.NewInt(1e18))
	db.Commit()

	env := &transition.Env{Rules: fork.Prague.Rules(), Config: evm.Config{ChainID: 1}}
	env.Block = evm.BlockContext{Number: 1, Time: 1, GasLimit: 30_000_000}
	env.Block.BaseFee.SetUint64(7)
	tx := &types.Transaction{Type: types.DynamicFeeTxType, ChainID: *uint256.NewInt(1), Gas: 21_000, To: &to}
	tx.GasFeeCap.SetUint64(10)
	tx.GasTipCap.SetUint64(1)
	tx.Value.SetUint64(1000)

	dr, err := transition.DryRun(db, env, tx, from)
	if err != nil {
		panic(err)
	}
	bal := db.GetBalance(to)
	fmt.Println("status", dr.Receipt.Status, "gas", dr.GasUsed, "accounts changed", len(dr.Diff))
	fmt.Println("before commit:", &bal)
	if err := dr.Commit(); err != nil {
		panic(err)
	}
	bal = db.GetBalance(to)
	fmt.Println("after commit:", &bal)
	// Output:
	// status true gas 21000 accounts changed 3
	// before commit: 0
	// after commit: 1000
}
