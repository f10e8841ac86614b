package transition

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestBlobCountCheckOrder follows ethereum/execution-specs
// forks/osaka/fork.py check_transaction: the block's blob gas
// (BlobGasLimitExceededError, TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED) is
// checked right after the block's gas, the per-transaction count of EIP-7594
// (BlobCountExceededError, TYPE_3_TX_BLOB_COUNT_EXCEEDED, limit 6) only
// after the fee checks. Osaka blocks take 9 blobs (Prague's schedule), so 10
// blobs break both limits and 7 only the per-transaction one. Before Osaka
// the block's limit is the only one and the fixtures
// (eest cancun/eip4844_blobs invalid_tx_blob_count, 7 blobs at Cancun) name
// the count.
func TestBlobCountCheckOrder(t *testing.T) {
	for _, c := range []struct {
		f     fork.Fork
		blobs int
		want  error
	}{
		{fork.Osaka, 10, ErrBlobGasLimitExceeded},
		{fork.Osaka, 7, ErrTooManyBlobs},
		{fork.Cancun, 7, ErrTooManyBlobs},
		{fork.Prague, 10, ErrTooManyBlobs},
	} {
		to := recipient
		db := testState(1_000_000_000_000)
		env := testEnv(c.f, 7)
		tx := types.Transaction{Type: types.BlobTxType, Gas: 21000, To: &to, GasFeeCap: *uint256.NewInt(7),
			BlobFeeCap: *uint256.NewInt(1), BlobHashes: make([]types.Hash, c.blobs)}
		for i := range tx.BlobHashes {
			tx.BlobHashes[i][0] = BlobVersionKZG
		}
		if _, err := Apply(db, env, &tx, sender); !errors.Is(err, c.want) {
			t.Errorf("%v, %d blobs: error %v, want %v", c.f, c.blobs, err, c.want)
		}
	}
}
