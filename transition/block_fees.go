package transition

import (
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// CalcBaseFee is the base fee a block must carry given its parent (EIP-1559).
// A parent without a base fee is the last pre-London block, and its child
// starts at fork.InitialBaseFee.
func CalcBaseFee(parent *types.Header) *uint256.Int {
	if parent.BaseFee == nil {
		return uint256.NewInt(fork.InitialBaseFee)
	}
	return NextBaseFee(parent.GasLimit, parent.GasUsed, parent.BaseFee)
}

// NextBaseFee applies the EIP-1559 update rule to a parent's gas limit, gas
// used and base fee.
func NextBaseFee(parentGasLimit, parentGasUsed uint64, parentBaseFee *uint256.Int) *uint256.Int {
	target := parentGasLimit / fork.ElasticityMultiplier
	fee := new(uint256.Int).Set(parentBaseFee)
	if target == 0 || parentGasUsed == target {
		return fee
	}
	if parentGasUsed > target {
		delta := new(uint256.Int).Mul(parentBaseFee, uint256.NewInt(parentGasUsed-target))
		delta.Div(delta, uint256.NewInt(target))
		delta.Div(delta, uint256.NewInt(fork.BaseFeeChangeDenominator))
		if delta.IsZero() {
			delta.SetOne()
		}
		return fee.Add(fee, delta)
	}
	delta := new(uint256.Int).Mul(parentBaseFee, uint256.NewInt(target-parentGasUsed))
	delta.Div(delta, uint256.NewInt(target))
	delta.Div(delta, uint256.NewInt(fork.BaseFeeChangeDenominator))
	if delta.Gt(fee) {
		return fee.Clear()
	}
	return fee.Sub(fee, delta)
}

// CalcExcessBlobGas is the excess blob gas a block at fork f must carry given
// its parent's (EIP-4844; absent fields, before Cancun, count as zero). From
// Osaka, EIP-7918: while the blob base fee is below what fork.BlobBaseCost of
// execution gas would cost, excess grows by the parent's blob gas scaled by
// (max - target) / max instead of shrinking by the target.
func CalcExcessBlobGas(f fork.Fork, params BlobParams, parent *types.Header) uint64 {
	var parentExcess, parentUsed uint64
	if parent.ExcessBlobGas != nil {
		parentExcess = *parent.ExcessBlobGas
	}
	if parent.BlobGasUsed != nil {
		parentUsed = *parent.BlobGasUsed
	}
	target := params.Target * GasPerBlob
	if parentExcess+parentUsed < target {
		return 0
	}
	if r := f.Rules(); r.Has(7918) && parent.BaseFee != nil && params.Max > 0 {
		if execCostAboveBlobCost(parent.BaseFee, BlobBaseFee(parentExcess, params.UpdateFraction)) {
			return parentExcess + parentUsed*(params.Max-params.Target)/params.Max
		}
	}
	return parentExcess + parentUsed - target
}
