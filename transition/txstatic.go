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
// this much (plus the signature, which types.Signer checks). Apply runs the
// same checks (the helpers below) among those that need state and the
// block, in the execution specs' order.
//
// from is the sender, whose own account EIP-2780's intrinsic gas does not
// charge again as the recipient.
func CheckTxStatic(tx *types.Transaction, from types.Address, rules *fork.Rules) error {
	if _, _, err := validateTransaction(tx, from, rules, true, false); err != nil {
		return err
	}
	if err := checkTipCap(tx); err != nil {
		return err
	}
	if mulOverflow(new(uint256.Int), tx.FeeCap(), tx.Gas) {
		return fmt.Errorf("%w: gas %d, price %s", ErrGasLimitPriceProductOverflow, tx.Gas, tx.FeeCap().Dec())
	}
	// The per-transaction blob limit depends on the chain's blob schedule,
	// which a transaction fixture does not give: Apply checks it.
	if err := checkBlobHashes(tx, math.MaxUint64); err != nil {
		return err
	}
	return checkTxShape(tx)
}

// validateTransaction is the specs' validate_transaction: the fork allows
// the type, gas covers the intrinsic cost and the EIP-7623 floor (both
// returned), the nonce is below 2^64-1 (EIP-2681), initcode fits
// (EIP-3860, unless sizeLimit is off: a dev chain's --disable-code-size-limit),
// and gas is within the EIP-7825 cap.
//
// A simulation (Env.Simulation) skips the nonce and gas-cap rules, as geth's
// calls do (SkipNonceChecks, SkipTransactionChecks): its nonce is the
// state's, whatever it is, and the caller bounds its gas.
func validateTransaction(tx *types.Transaction, from types.Address, rules *fork.Rules, sizeLimit, simulation bool) (intrinsic, floor uint64, err error) {
	if err := checkTxType(tx.Type, rules); err != nil {
		return 0, 0, err
	}
	intrinsic, floor, err = intrinsicCost(tx, from, rules)
	if err != nil {
		return 0, 0, err
	}
	if tx.Gas < intrinsic {
		return 0, 0, fmt.Errorf("%w: have %d, want %d", ErrIntrinsicGas, tx.Gas, intrinsic)
	}
	if tx.Gas < floor {
		// The specs reject with the same exception as plain intrinsic gas.
		return 0, 0, fmt.Errorf("%w: have %d, calldata floor %d (EIP-7623)", ErrIntrinsicGas, tx.Gas, floor)
	}
	if err := checkIntrinsicCap(intrinsic, floor, rules, simulation); err != nil { // EIP-8037
		return 0, 0, err
	}
	if tx.Nonce == math.MaxUint64 && !simulation {
		return 0, 0, fmt.Errorf("%w: %d", ErrNonceMax, tx.Nonce)
	}
	if limit := rules.MaxInitCodeSize(); sizeLimit && tx.To == nil && limit > 0 && len(tx.Data) > limit { // EIP-3860
		return 0, 0, fmt.Errorf("%w: %d bytes, limit %d", ErrInitcodeSizeExceeded, len(tx.Data), limit)
	}
	if gasCap := rules.TxGasLimitCap(); gasCap > 0 && tx.Gas > gasCap && !simulation { // EIP-7825
		return 0, 0, fmt.Errorf("%w: %d, cap %d", ErrGasLimitTooHigh, tx.Gas, gasCap)
	}
	return intrinsic, floor, nil
}

// checkTipCap: an EIP-1559-style transaction's tip is at most its fee cap.
func checkTipCap(tx *types.Transaction) error {
	if tx.HasFeeCaps() && tx.GasTipCap.Gt(&tx.GasFeeCap) {
		return fmt.Errorf("%w: tip %s, fee cap %s", ErrTipAboveFeeCap, tx.GasTipCap.Dec(), tx.GasFeeCap.Dec())
	}
	return nil
}

// checkBlobHashes: a blob transaction carries at least one blob and at
// most maxPerTx (EIP-7594), each hash of the KZG version (EIP-4844), checked
// in that order (check_transaction).
func checkBlobHashes(tx *types.Transaction, maxPerTx uint64) error {
	if tx.Type != types.BlobTxType {
		return nil
	}
	if len(tx.BlobHashes) == 0 {
		return ErrBlobTxNoBlobs
	}
	if n := uint64(len(tx.BlobHashes)); n > maxPerTx {
		return fmt.Errorf("%w: %d blobs, limit %d", ErrTooManyBlobs, n, maxPerTx)
	}
	for i, h := range tx.BlobHashes {
		if h[0] != BlobVersionKZG {
			return fmt.Errorf("%w: hash %d has version %#x", ErrBlobVersionedHash, i, h[0])
		}
	}
	return nil
}

// checkTxShape: blob and set-code transactions cannot create, and a
// set-code transaction carries at least one authorization (EIP-7702).
func checkTxShape(tx *types.Transaction) error {
	if tx.To == nil {
		switch tx.Type {
		case types.BlobTxType:
			return ErrBlobTxCreate
		case types.SetCodeTxType:
			return ErrSetCodeTxCreate
		}
	}
	if tx.Type == types.SetCodeTxType && len(tx.AuthList) == 0 {
		return ErrEmptyAuthList
	}
	return nil
}
