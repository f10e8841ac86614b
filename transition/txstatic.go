package transition

import (
	"fmt"
	"math"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// ErrGasLimitPriceProductOverflow: gas limit × (max) gas price exceeds 256
// bits, so no balance could ever pay for the transaction.
var ErrGasLimitPriceProductOverflow = txErr("GASLIMIT_PRICE_PRODUCT_OVERFLOW", "gas limit times gas price exceeds 2^256")

// CheckTxStatic applies the validity rules that need neither state nor a
// block: the type allowed by the fork, intrinsic gas and the EIP-7623 floor,
// nonce below 2^64-1 (EIP-2681), initcode size (EIP-3860), the EIP-7825 gas
// cap, fee caps (tip <= fee cap, gas × fee cap within 256 bits), and the
// shape of blob and set-code transactions. Transaction fixtures test exactly
// this much (plus the signature, which types.Signer checks); Apply checks it
// all again, with state, in the execution specs' order.
func CheckTxStatic(tx *types.Transaction, rules *fork.Rules) error {
	if err := checkTxType(tx.Type, rules); err != nil {
		return err
	}
	intrinsic, floor, err := intrinsicCost(tx, rules)
	if err != nil {
		return err
	}
	if tx.Gas < intrinsic {
		return fmt.Errorf("%w: have %d, want %d", ErrIntrinsicGas, tx.Gas, intrinsic)
	}
	if tx.Gas < floor {
		return fmt.Errorf("%w: have %d, calldata floor %d (EIP-7623)", ErrIntrinsicGas, tx.Gas, floor)
	}
	if tx.Nonce == math.MaxUint64 {
		return fmt.Errorf("%w: %d", ErrNonceMax, tx.Nonce)
	}
	if tx.To == nil && rules.IsShanghai && len(tx.Data) > maxInitcodeSize {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrInitcodeSizeExceeded, len(tx.Data), maxInitcodeSize)
	}
	if rules.IsOsaka && tx.Gas > TxGasLimitCap {
		return fmt.Errorf("%w: %d, cap %d", ErrGasLimitTooHigh, tx.Gas, TxGasLimitCap)
	}
	if tx.HasFeeCaps() && tx.GasTipCap.Gt(&tx.GasFeeCap) {
		return fmt.Errorf("%w: tip %s, fee cap %s", ErrTipAboveFeeCap, tx.GasTipCap.Dec(), tx.GasFeeCap.Dec())
	}
	if _, overflow := new(uint256.Int).MulOverflow(tx.FeeCap(), uint256.NewInt(tx.Gas)); overflow {
		return fmt.Errorf("%w: gas %d, price %s", ErrGasLimitPriceProductOverflow, tx.Gas, tx.FeeCap().Dec())
	}
	switch tx.Type {
	case types.BlobTxType:
		if tx.To == nil {
			return ErrBlobTxCreate
		}
		if len(tx.BlobHashes) == 0 {
			return ErrBlobTxNoBlobs
		}
		for i, h := range tx.BlobHashes {
			if h[0] != BlobVersionKZG {
				return fmt.Errorf("%w: hash %d has version %#x", ErrBlobVersionedHash, i, h[0])
			}
		}
	case types.SetCodeTxType:
		if tx.To == nil {
			return ErrSetCodeTxCreate
		}
		if len(tx.AuthList) == 0 {
			return ErrEmptyAuthList
		}
	}
	return nil
}
