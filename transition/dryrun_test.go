package transition

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// dryRunInitcode stores 1 in slot 0, logs LOG0(), and deploys a runtime
// that reverts with 0xdead: 61dead 6000 52 6002 601e fd (11 bytes, copied
// from offset 0x16).
var dryRunInitcode, _ = hex.DecodeString("6001600055" + "60006000a0" + "600b6016600039" + "600b6000f3" + "61dead6000526002601efd")

func deployTx(nonce uint64) *types.Transaction {
	tx := &types.Transaction{Type: types.LegacyTxType, Nonce: nonce, Gas: 200_000, Data: dryRunInitcode}
	tx.GasPrice.SetUint64(10)
	return tx
}

func TestDryRunLeavesStateAndCommits(t *testing.T) {
	db := testState(1_000_000_000)
	env := testEnv(fork.Cancun, 7)
	rootBefore := db.Copy().IntermediateRoot(true)

	dr, err := DryRun(db, env, deployTx(0), sender)
	if err != nil {
		t.Fatal(err)
	}
	if dr.Failed() || dr.ContractAddress == nil || !dr.Receipt.Status || len(dr.Receipt.Logs) != 1 {
		t.Fatalf("dry run: err %v address %v receipt %+v; want a successful creation with one log", dr.Err, dr.ContractAddress, dr.Receipt)
	}
	if got := db.Copy().IntermediateRoot(true); got != rootBefore {
		t.Fatal("the dry run changed the state it ran on")
	}
	// The expected values come from Apply on an identical state.
	ref := testState(1_000_000_000)
	want, err := Apply(ref, env, deployTx(0), sender)
	if err != nil {
		t.Fatal(err)
	}
	if dr.GasUsed != want.GasUsed || *dr.ContractAddress != *want.ContractAddress || dr.Receipt.CumulativeGasUsed != want.GasUsed {
		t.Fatalf("gas %d address %s, Apply gives %d %s", dr.GasUsed, dr.ContractAddress, want.GasUsed, want.ContractAddress)
	}
	changed := map[types.Address]state.AccountDiff{}
	for _, d := range dr.Diff {
		changed[d.Address] = d
	}
	c, ok := changed[*want.ContractAddress]
	if !ok || c.Before != nil || c.After == nil || c.Storage[types.Hash{}].After != (types.Hash{31: 1}) {
		t.Fatalf("diff for the new contract %+v, want created with slot 0 = 1", c)
	}
	if _, ok := changed[sender]; !ok {
		t.Error("diff leaves out the sender (nonce and fee)")
	}
	if _, ok := changed[coinbase]; !ok {
		t.Error("diff leaves out the coinbase (tip)")
	}

	if err := dr.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := db.IntermediateRoot(true), ref.IntermediateRoot(true); got != want {
		t.Fatalf("root after commit %s, after Apply %s", got, want)
	}
	if err := dr.Commit(); !errors.Is(err, state.ErrMergeStale) {
		t.Fatalf("second commit: %v, want ErrMergeStale", err)
	}
}

func TestDryRunRevertDataAndStaleCommit(t *testing.T) {
	db := testState(1_000_000_000)
	env := testEnv(fork.Cancun, 7)
	res, err := Apply(db, env, deployTx(0), sender)
	if err != nil || res.Failed() {
		t.Fatal(err, res.Err)
	}
	call := &types.Transaction{Type: types.LegacyTxType, Nonce: 1, Gas: 100_000, To: res.ContractAddress}
	call.GasPrice.SetUint64(10)
	dr, err := DryRun(db, env, call, sender)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(dr.Err, evm.ErrExecutionReverted) || hex.EncodeToString(dr.ReturnData) != "dead" || dr.Receipt.Status {
		t.Fatalf("err %v data %x status %v, want a revert with 0xdead", dr.Err, dr.ReturnData, dr.Receipt.Status)
	}
	// A transaction applied to db after the dry run makes its result stale.
	if _, err := Apply(db, env, call, sender); err != nil {
		t.Fatal(err)
	}
	if err := dr.Commit(); !errors.Is(err, state.ErrMergeStale) {
		t.Fatalf("commit after db moved on: %v, want ErrMergeStale", err)
	}
	// An invalid transaction is refused as Apply refuses it.
	if _, err := DryRun(db, env, call, sender); !errors.Is(err, ErrNonceTooLow) {
		t.Fatalf("replayed nonce: %v, want ErrNonceTooLow", err)
	}
}
