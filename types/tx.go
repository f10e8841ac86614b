package types

import (
	"github.com/holiman/uint256"
)

// Transaction type bytes (EIP-2718 envelopes). Legacy transactions have no
// envelope; LegacyTxType is their Type in this package.
const (
	LegacyTxType     = 0x00
	AccessListTxType = 0x01 // EIP-2930
	DynamicFeeTxType = 0x02 // EIP-1559
	BlobTxType       = 0x03 // EIP-4844
	SetCodeTxType    = 0x04 // EIP-7702
)

// Transaction is every transaction type in one struct. Type says which fields
// are meaningful:
//
//	legacy (0):      Nonce GasPrice Gas To Value Data V R S
//	access list (1): ChainID + legacy fields + AccessList
//	dynamic fee (2): ChainID Nonce GasTipCap GasFeeCap Gas To Value Data AccessList V R S
//	blob (3):        dynamic fee fields + BlobFeeCap BlobHashes (To is required)
//	set code (4):    dynamic fee fields + AuthList (To is required)
//
// A state test or a library user may build one as a plain struct literal;
// DecodeTx builds one from the wire. Amounts are values, not pointers, so the
// zero Transaction is usable.
type Transaction struct {
	Type uint8

	// ChainID is the chain a typed transaction is signed for. For a legacy
	// transaction DecodeTx fills it from V when V carries an EIP-155 chain
	// id, and leaves it zero otherwise; signing and sender recovery of
	// legacy transactions use the Signer's chain id instead.
	ChainID uint256.Int

	Nonce     uint64
	GasPrice  uint256.Int // legacy and access-list transactions
	GasTipCap uint256.Int // max_priority_fee_per_gas, EIP-1559 and later
	GasFeeCap uint256.Int // max_fee_per_gas, EIP-1559 and later
	Gas       uint64
	To        *Address // nil creates a contract
	Value     uint256.Int
	Data      []byte

	AccessList AccessList      // EIP-2930, type 1 and later
	BlobFeeCap uint256.Int     // max_fee_per_blob_gas, EIP-4844
	BlobHashes []Hash          // blob_versioned_hashes, EIP-4844
	AuthList   []Authorization // EIP-7702

	// Signature. For legacy transactions V is 27/28 or, with EIP-155,
	// 35 + 2·chainID + parity; for typed transactions it is the y parity (0/1).
	V, R, S uint256.Int
}

// AccessTuple is one entry of an EIP-2930 access list.
type AccessTuple struct {
	Address     Address `json:"address"`
	StorageKeys []Hash  `json:"storageKeys"`
}

// AccessList is an EIP-2930 access list.
type AccessList []AccessTuple

// StorageKeyCount is the number of storage keys over all entries.
func (al AccessList) StorageKeyCount() int {
	n := 0
	for _, t := range al {
		n += len(t.StorageKeys)
	}
	return n
}

// IsCreate reports whether the transaction creates a contract.
func (tx *Transaction) IsCreate() bool { return tx.To == nil }

// HasFeeCaps reports whether the transaction prices gas with EIP-1559 caps
// rather than a single gas price.
func (tx *Transaction) HasFeeCaps() bool { return tx.Type >= DynamicFeeTxType }

// FeeCap is the most the sender pays per gas: GasFeeCap for EIP-1559-style
// transactions, GasPrice for legacy and access-list ones.
func (tx *Transaction) FeeCap() *uint256.Int {
	if tx.HasFeeCaps() {
		return &tx.GasFeeCap
	}
	return &tx.GasPrice
}

// TipCap is the most the sender pays the block producer per gas: GasTipCap
// for EIP-1559-style transactions, GasPrice for legacy and access-list ones.
func (tx *Transaction) TipCap() *uint256.Int {
	if tx.HasFeeCaps() {
		return &tx.GasTipCap
	}
	return &tx.GasPrice
}

// EffectiveGasPrice is the price per gas paid under baseFee (EIP-1559):
// min(feeCap, baseFee + tipCap). The caller checks feeCap >= baseFee first.
// For legacy and access-list transactions it is GasPrice.
func (tx *Transaction) EffectiveGasPrice(baseFee *uint256.Int) *uint256.Int {
	if !tx.HasFeeCaps() || baseFee == nil {
		return new(uint256.Int).Set(tx.FeeCap())
	}
	price, overflow := new(uint256.Int).AddOverflow(baseFee, &tx.GasTipCap)
	if overflow || price.Gt(&tx.GasFeeCap) {
		price.Set(&tx.GasFeeCap)
	}
	return price
}

// BlobGas is the blob gas the transaction uses (EIP-4844: 2^17 per blob).
func (tx *Transaction) BlobGas() uint64 { return uint64(len(tx.BlobHashes)) * BlobGasPerBlob }

// BlobGasPerBlob is GAS_PER_BLOB from EIP-4844.
const BlobGasPerBlob = 1 << 17
