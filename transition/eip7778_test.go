package transition

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// refundingTx clears a storage slot under London: 21000 intrinsic + 2*3
// (PUSH1) + 5000 (cold SSTORE reset) = 26006 used before the 4800 refund,
// 21206 after it (TestRefundIsCapped).
func refundingTx(t *testing.T) (*types.Transaction, func() StateDB) {
	tx := &types.Transaction{Type: types.LegacyTxType, Gas: 100_000, To: &recipient}
	tx.GasPrice.SetUint64(10)
	return tx, func() StateDB {
		db := testState(1_000_000_000)
		db.SetCode(recipient, []byte{0x60, 0x00, 0x60, 0x01, 0x55, 0x00}) // SSTORE(1, 0)
		db.SetState(recipient, types.BytesToHash([]byte{1}), types.BytesToHash([]byte{1}))
		db.Commit()
		return db
	}
}

// EIP-7778: "when calculating the block gas used, the refund is not
// considered" (block.evm_gas_used += evm_gas_used), while the sender is still
// charged tx.evm_gas_used = evm_gas_used - evm_gas_refund.
func TestBlockGasBeforeRefundEIP7778(t *testing.T) {
	tx, newState := refundingTx(t)
	env := testEnv(fork.London, 0)
	env.Rules.Enable(7778)
	res, err := Apply(newState(), env, tx, sender)
	if err != nil {
		t.Fatal(err)
	}
	if res.GasUsed != 21206 || res.BlockGasUsed != 26006 {
		t.Errorf("gas used %d, block gas %d; want 21206 charged, 26006 for the block", res.GasUsed, res.BlockGasUsed)
	}

	res, err = Apply(newState(), testEnv(fork.London, 0), tx, sender)
	if err != nil {
		t.Fatal(err)
	}
	if res.GasUsed != 21206 || res.BlockGasUsed != 21206 {
		t.Errorf("without EIP-7778: gas used %d, block gas %d; want both 21206", res.GasUsed, res.BlockGasUsed)
	}

	// The floor still binds the block's figure: 21000 + 10*4 a byte of 1000
	// non-zero bytes (EIP-7623) is above the 26006 + 16000 calldata used.
	data := make([]byte, 1000)
	for i := range data {
		data[i] = 1
	}
	ftx := *tx
	ftx.Data = data
	prague := testEnv(fork.Prague, 0)
	prague.Rules.Enable(7778)
	res, err = Apply(newState(), prague, &ftx, sender)
	if err != nil {
		t.Fatal(err)
	}
	if floor := uint64(21000 + 40*1000); res.GasUsed != floor || res.BlockGasUsed != floor {
		t.Errorf("floor-bound: gas used %d, block gas %d; want both %d", res.GasUsed, res.BlockGasUsed, floor)
	}
}

// In a block the header's gasUsed sums the gas before refunds, while the
// receipts' cumulativeGasUsed sums what the senders paid (geth's
// cumulativeUsed, execution-specs' cumulative_gas_used).
func TestBlockGasUsedAndReceiptsEIP7778(t *testing.T) {
	tx, newState := refundingTx(t)
	raw, err := tx.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	tx2 := *tx
	tx2.Nonce = 1
	raw2, _ := tx2.MarshalBinary() // the slot is clear now: 21000 + 6 + 100 (warm no-op), no refund
	for _, eips := range [][]int{nil, {7778}} {
		env := &BlockEnv{Config: &ChainConfig{ChainID: 1, ExtraEIPs: eips}, Fork: fork.London, Number: 1, GasLimit: 30_000_000,
			Coinbase: coinbase, BaseFee: uint256.NewInt(0), Senders: []types.Address{sender, sender}}
		db := newState().(BlockStateDB)
		res, err := ExecuteBody(db, env, [][]byte{raw, raw2}, false, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Receipts) != 2 {
			t.Fatalf("%d receipts", len(res.Receipts))
		}
		second := uint64(21000 + 6 + 2100 + 100) // cold slot read, then a no-op write
		wantBlock, wantCum := uint64(21206+second), []uint64{21206, 21206 + second}
		if len(eips) > 0 {
			wantBlock = 26006 + second
		}
		if res.GasUsed != wantBlock || res.Receipts[0].CumulativeGasUsed != wantCum[0] || res.Receipts[1].CumulativeGasUsed != wantCum[1] {
			t.Errorf("EIPs %v: block gas %d, cumulative %d, %d; want %d, %v", eips, res.GasUsed,
				res.Receipts[0].CumulativeGasUsed, res.Receipts[1].CumulativeGasUsed, wantBlock, wantCum)
		}
	}
}
