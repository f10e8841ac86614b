package transition

import (
	"math/big"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// GasPerBlob is the blob gas one blob consumes (EIP-4844).
const GasPerBlob = types.BlobGasPerBlob

// BlobVersionKZG is the only valid first byte of a blob versioned hash (EIP-4844).
const BlobVersionKZG = 0x01

// BlobParams is a fork's blob schedule: how many blobs a block may carry and
// how fast the blob base fee reacts to excess blob gas.
type BlobParams struct {
	Target, Max    uint64 // blobs per block
	MaxPerTx       uint64 // blobs per transaction (EIP-7594); 0 means Max
	UpdateFraction uint64 // BLOB_BASE_FEE_UPDATE_FRACTION
}

// BlobParamsFor returns the blob schedule of fork f; zero before Cancun.
func BlobParamsFor(f fork.Fork) BlobParams {
	switch {
	case f >= fork.Osaka:
		// EIP-7594 caps a single transaction at 6 blobs; the block schedule
		// stays Prague's until the blob-parameter-only forks.
		return BlobParams{Target: 6, Max: 9, MaxPerTx: 6, UpdateFraction: 5007716}
	case f >= fork.Prague: // EIP-7691
		return BlobParams{Target: 6, Max: 9, UpdateFraction: 5007716}
	case f >= fork.Cancun: // EIP-4844
		return BlobParams{Target: 3, Max: 6, UpdateFraction: 3338477}
	}
	return BlobParams{}
}

// maxPerTx is the per-transaction blob limit.
func (p BlobParams) maxPerTx() uint64 {
	if p.MaxPerTx != 0 {
		return min(p.MaxPerTx, p.Max)
	}
	return p.Max
}

// BlobBaseFee is the price of one unit of blob gas given the block's excess
// blob gas: fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS=1, excess, fraction)
// from EIP-4844. A fee beyond 256 bits saturates, which no fee cap can meet.
func BlobBaseFee(excessBlobGas, updateFraction uint64) *uint256.Int {
	if updateFraction == 0 {
		return uint256.NewInt(1)
	}
	f := fakeExponential(big.NewInt(1), new(big.Int).SetUint64(excessBlobGas), new(big.Int).SetUint64(updateFraction))
	out, overflow := uint256.FromBig(f)
	if overflow {
		return new(uint256.Int).SetAllOne()
	}
	return out
}

// fakeExponential approximates factor * e ** (numerator / denominator) with
// the Taylor expansion EIP-4844 specifies, in integer arithmetic.
func fakeExponential(factor, numerator, denominator *big.Int) *big.Int {
	i := int64(1)
	output := new(big.Int)
	accum := new(big.Int).Mul(factor, denominator)
	for accum.Sign() > 0 {
		output.Add(output, accum)
		accum.Mul(accum, numerator)
		accum.Div(accum, new(big.Int).Mul(denominator, big.NewInt(i)))
		i++
	}
	return output.Div(output, denominator)
}
