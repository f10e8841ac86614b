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
	r := f.Rules()
	return blobParamsOf(&r)
}

// blobParamsOf is the blob schedule the EIPs in r set (fork.BlobSchedule:
// EIP-4844, EIP-7691, EIP-7594).
func blobParamsOf(r *fork.Rules) BlobParams { return BlobParams(r.BlobSchedule()) }

// maxPerTx is the per-transaction blob limit.
func (p BlobParams) maxPerTx() uint64 {
	if p.MaxPerTx != 0 {
		return min(p.MaxPerTx, p.Max)
	}
	return p.Max
}

// BlobBaseFee is the price of one unit of blob gas given the block's excess
// blob gas: fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS=1, excess, fraction)
// from EIP-4844, exactly, whenever that value fits in 256 bits. A larger
// value saturates at 2^256-1 (see BlobFeeSaturated for why that is sound),
// and is found in at most a few thousand steps whatever the inputs.
func BlobBaseFee(excessBlobGas, updateFraction uint64) *uint256.Int {
	if updateFraction == 0 {
		// The spec would divide by zero; no fork or fixture schedule has a
		// zero fraction, and the minimum fee is the only sensible answer.
		return uint256.NewInt(1)
	}
	fee, _ := fakeExponential(1, excessBlobGas, updateFraction)
	return fee
}

// BlobFeeSaturated reports whether a blob base fee is the saturated value,
// standing for a true fee of 2^256-1 or more. No max_fee_per_blob_gas (a
// 256-bit field) can pay a fee of 2^256 or more, so callers treat a
// saturated fee as above every cap: every blob transaction then fails the
// max_fee_per_blob_gas check, as the spec's unbounded fee makes it fail.
//
// A true fee of exactly 2^256-1 would be misread (the spec lets a cap of
// 2^256-1 pass that check, then rejects the transaction for insufficient
// funds, since 2^17 blob gas at that price exceeds any balance). It does not
// occur for the fork schedules: TestBlobBaseFeeNeverExactlyMax shows the
// series jumps from below 2^256-1 straight past 2^256 for each of their
// update fractions.
func BlobFeeSaturated(fee *uint256.Int) bool {
	return fee[0]&fee[1]&fee[2]&fee[3] == ^uint64(0)
}

// feeCeiling is 2^256: fake_exponential's sum is divided by the
// denominator at the end, so a running sum of feeCeiling*denominator or more
// already fixes the result at 2^256 or more.
var feeCeiling = new(big.Int).Lsh(big.NewInt(1), 256)

// fakeExponential is EIP-4844's fake_exponential(factor, numerator,
// denominator), the integer Taylor series for factor * e**(numerator /
// denominator), with one change: it stops as soon as the result is known to
// be 2^256 or more, and then returns 2^256-1 and saturated = true.
//
// Why the stop is exact: every term the series adds is >= 0, so the running
// sum never decreases; once it reaches 2^256*denominator, the spec's final
// sum // denominator is >= 2^256 whatever terms follow. Conversely, if the
// spec's result is >= 2^256 the running sum crosses that bound at some step,
// so the stop happens. Results below 2^256 come from the unchanged series.
//
// Why it is fast (denominator >= 1): term i is floor(term(i-1) * n / (d*i)).
// While i <= n/(2d) each term is at least twice the one before, so if
// n/(2d) >= 320 the sum passes 2^320 > 2^256*d within 320 steps. Otherwise
// n/d < 640: the terms up to i = 2n/d number fewer than 1280, and beyond it
// each term is at most half the one before, so a term below 2^320 reaches 0
// within 321 more steps. The literal series, by contrast, runs about e*n/d
// steps over numbers of n/d*1.44 bits: forever for n = 2^64-1.
func fakeExponential(factor, numerator, denominator uint64) (out *uint256.Int, saturated bool) {
	fe, _ := fakeExponentialSteps(factor, numerator, denominator)
	out, overflow := uint256.FromBig(fe)
	if overflow {
		return new(uint256.Int).SetAllOne(), true
	}
	return out, false
}

// fakeExponentialSteps is fakeExponential's series; it also returns the
// number of terms summed, for the tests that bound it. A result of 2^256 or
// more is returned as exactly 2^256.
func fakeExponentialSteps(factor, numerator, denominator uint64) (*big.Int, int) {
	num := new(big.Int).SetUint64(numerator)
	den := new(big.Int).SetUint64(denominator)
	limit := new(big.Int).Mul(feeCeiling, den)
	output := new(big.Int)
	accum := new(big.Int).Mul(new(big.Int).SetUint64(factor), den)
	divisor, i, one := new(big.Int), big.NewInt(1), big.NewInt(1)
	steps := 0
	for ; accum.Sign() > 0; i.Add(i, one) {
		steps++
		output.Add(output, accum)
		if output.Cmp(limit) >= 0 {
			return new(big.Int).Set(feeCeiling), steps
		}
		accum.Mul(accum, num)
		accum.Quo(accum, divisor.Mul(den, i))
	}
	return output.Quo(output, den), steps
}

// execCostAboveBlobCost is EIP-7918's test BLOB_BASE_COST * base_fee >
// GAS_PER_BLOB * blob_base_fee, compared exactly: either product can pass
// 2^256, where uint256 multiplication would wrap. A saturated blob fee gives
// the answer the true one does: GAS_PER_BLOB * (2^256-1) already exceeds
// BLOB_BASE_COST times any 256-bit base fee, so both answers are false.
func execCostAboveBlobCost(baseFee, blobBaseFee *uint256.Int) bool {
	exec := new(big.Int).Mul(big.NewInt(fork.BlobBaseCost), baseFee.ToBig())
	blob := new(big.Int).Mul(big.NewInt(GasPerBlob), blobBaseFee.ToBig())
	return exec.Cmp(blob) > 0
}

// blobFeeString prints a blob base fee for an error message; the saturated
// value is printed as what it stands for.
func blobFeeString(fee *uint256.Int) string {
	if BlobFeeSaturated(fee) {
		return ">= 2^256"
	}
	return fee.Dec()
}
