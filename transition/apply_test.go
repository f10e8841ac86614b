package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	sender    = types.MustHexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")
	recipient = types.MustHexToAddress("0x1000000000000000000000000000000000000001")
	coinbase  = types.MustHexToAddress("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba")
)

func testEnv(f fork.Fork, baseFee uint64) *Env {
	env := &Env{Rules: f.Rules()}
	env.Block = evm.BlockContext{Coinbase: coinbase, Number: 1, Time: 1000, GasLimit: 30_000_000}
	env.Block.BaseFee.SetUint64(baseFee)
	env.Config.ChainID = 1
	return env
}

func testState(balance uint64) *state.Memory {
	db := state.New()
	db.SetBalance(sender, uint256.NewInt(balance))
	db.Commit()
	return db
}

func TestLegacyTransferPaysFeesAndBumpsNonce(t *testing.T) {
	db := testState(1_000_000_000)
	env := testEnv(fork.London, 7)
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 50_000, To: &recipient}
	tx.GasPrice.SetUint64(10)
	tx.Value.SetUint64(1234)

	res, err := Apply(db, env, tx, sender)
	if err != nil {
		t.Fatal(err)
	}
	if res.GasUsed != 21000 || res.Failed() {
		t.Fatalf("gas used %d, err %v; want 21000, success", res.GasUsed, res.Err)
	}
	// 1e9 - 21000*10 - 1234; the coinbase earns the tip 21000*(10-7).
	checkBalance(t, db, sender, 1_000_000_000-210_000-1234)
	checkBalance(t, db, recipient, 1234)
	checkBalance(t, db, coinbase, 21000*3)
	if n := db.GetNonce(sender); n != 1 {
		t.Errorf("sender nonce %d, want 1", n)
	}
}

// TestRefundIsCapped clears a storage slot under London: 21000 intrinsic +
// 2*3 (PUSH1) + 5000 (cold SSTORE reset) = 26006 used; the 4800 refund is
// below the cap of 26006/5 = 5201, so 21206 is charged.
func TestRefundIsCapped(t *testing.T) {
	db := testState(1_000_000_000)
	db.SetCode(recipient, []byte{0x60, 0x00, 0x60, 0x01, 0x55, 0x00}) // SSTORE(1, 0)
	db.SetState(recipient, types.BytesToHash([]byte{1}), types.BytesToHash([]byte{1}))
	db.Commit()
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 100_000, To: &recipient}
	tx.GasPrice.SetUint64(10)
	res, err := Apply(db, testEnv(fork.London, 0), tx, sender)
	if err != nil {
		t.Fatal(err)
	}
	if res.GasUsed != 21206 || res.Refund != 4800 {
		t.Errorf("gas used %d refund %d, want 21206 and 4800", res.GasUsed, res.Refund)
	}
}

func TestInvalidTransactionsLeaveStateUntouched(t *testing.T) {
	to := recipient
	cases := []struct {
		name  string
		fork  fork.Fork
		tx    types.Transaction
		setup func(*state.Memory)
		want  error
	}{
		{"nonce too high", fork.Cancun, types.Transaction{Nonce: 1, Gas: 21000, To: &to}, nil, ErrNonceTooHigh},
		{"nonce too low", fork.Cancun, types.Transaction{Gas: 21000, To: &to}, func(db *state.Memory) { db.SetNonce(sender, 2) }, ErrNonceTooLow},
		{"nonce max", fork.Cancun, types.Transaction{Nonce: ^uint64(0), Gas: 21000, To: &to}, nil, ErrNonceMax},
		{"intrinsic gas", fork.Cancun, types.Transaction{Gas: 20999, To: &to}, nil, ErrIntrinsicGas},
		{"create intrinsic gas", fork.Cancun, types.Transaction{Gas: 21000}, nil, ErrIntrinsicGas},
		{"block gas", fork.Cancun, types.Transaction{Gas: 30_000_001, To: &to}, nil, ErrGasLimitReached},
		{"funds", fork.Cancun, types.Transaction{Gas: 21000, To: &to, Value: *uint256.NewInt(1_000_000_000)}, nil, ErrInsufficientFunds},
		{"sender has code", fork.Cancun, types.Transaction{Gas: 21000, To: &to}, func(db *state.Memory) { db.SetCode(sender, []byte{0x00}) }, ErrSenderNotEOA},
		{"type 2 before London", fork.Berlin, types.Transaction{Type: types.DynamicFeeTxType, Gas: 21000, To: &to}, nil, ErrType2TxPreFork},
		{"fee cap below base fee", fork.Cancun, types.Transaction{Type: types.DynamicFeeTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(6)}, nil, ErrFeeCapTooLow},
		{"tip above fee cap", fork.Cancun, types.Transaction{Type: types.DynamicFeeTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(8), GasTipCap: *uint256.NewInt(9)}, nil, ErrTipAboveFeeCap},
		{"blob tx without blobs", fork.Cancun, types.Transaction{Type: types.BlobTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(7)}, nil, ErrBlobTxNoBlobs},
		{"blob tx creating", fork.Cancun, types.Transaction{Type: types.BlobTxType, Gas: 60000, GasFeeCap: *uint256.NewInt(7), BlobFeeCap: *uint256.NewInt(1), BlobHashes: []types.Hash{{0x01}}}, nil, ErrBlobTxCreate},
		{"blob hash version", fork.Cancun, types.Transaction{Type: types.BlobTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(7), BlobFeeCap: *uint256.NewInt(1), BlobHashes: []types.Hash{{0x02}}}, nil, ErrBlobVersionedHash},
		{"set-code empty list", fork.Prague, types.Transaction{Type: types.SetCodeTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(7)}, nil, ErrEmptyAuthList},
		{"gas cap", fork.Osaka, types.Transaction{Gas: fork.TxGasLimitCap + 1, To: &to}, nil, ErrGasLimitTooHigh},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := testState(1_000_000_000)
			if c.setup != nil {
				c.setup(db)
				db.Commit()
			}
			before := db.IntermediateRoot(true)
			env := testEnv(c.fork, 7)
			tx := c.tx
			if tx.Type < types.DynamicFeeTxType {
				tx.GasPrice.SetUint64(7)
			}
			_, err := Apply(db, env, &tx, sender)
			if !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if after := db.IntermediateRoot(true); after != before {
				t.Errorf("state changed by an invalid transaction: %s -> %s", before, after)
			}
		})
	}
}

func checkBalance(t *testing.T, db *state.Memory, a types.Address, want uint64) {
	t.Helper()
	if got := db.GetBalance(a); got.Cmp(uint256.NewInt(want)) != 0 {
		t.Errorf("balance of %s = %s, want %d", a, got.Dec(), want)
	}
}
