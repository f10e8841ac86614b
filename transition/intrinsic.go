package transition

import (
	"math"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// IntrinsicGas is the gas a transaction costs before any code runs: the base
// cost, calldata (EIP-2028 from Istanbul), contract creation (EIP-2 from
// Homestead) and its initcode words (EIP-3860 from Shanghai), the access
// list (EIP-2930) and authorizations (EIP-7702). The EIP-7623 calldata floor
// is separate: see FloorDataGas. The sum saturates at MaxUint64 rather than
// wrapping, so an absurd transaction is simply too expensive.
//
// The base is IntrinsicBase's (EIP-2780 prices it by the sender, the
// recipient and the value). It takes the fields rather than a transaction
// so that a types.Transaction and a Message can share it; TxIntrinsicGas is
// the shorthand for the former.
func IntrinsicGas(from types.Address, to *types.Address, value *uint256.Int, data []byte, accessList types.AccessList, authCount int, rules *fork.Rules) uint64 {
	isCreate := to == nil
	gas := IntrinsicBase(from, to, value, rules)
	nonZeroCost := rules.TxDataNonZeroGas() // EIP-2028
	nz := countNonZero(data)
	z := uint64(len(data)) - nz
	gas = addSat(gas, mulSat(nz, nonZeroCost))
	gas = addSat(gas, mulSat(z, fork.TxDataZeroGas))
	if isCreate && rules.Has(3860) {
		words := (uint64(len(data)) + 31) / 32
		gas = addSat(gas, mulSat(words, fork.InitCodeWordGas))
	}
	perAddress, perKey := rules.AccessListGas() // EIP-2930, repriced by EIP-8038
	gas = addSat(gas, mulSat(uint64(len(accessList)), perAddress))
	gas = addSat(gas, mulSat(uint64(accessList.StorageKeyCount()), perKey))
	gas = addSat(gas, mulSat(uint64(authCount), authorizationGas(rules)))
	gas = addSat(gas, accessListDataGas(accessList, rules)) // EIP-7981
	return gas
}

// accessListDataGas is what EIP-7981 adds to the intrinsic gas of an access
// list for its data: its floor tokens (80 an address, 128 a storage key) at
// the floor's price per token, so 1280 an address and 2048 a key with
// EIP-7976. Zero without EIP-7981.
func accessListDataGas(accessList types.AccessList, rules *fork.Rules) uint64 {
	if !rules.Has(7981) {
		return 0
	}
	return mulSat(accessListFloorTokens(accessList), rules.FloorCostPerToken())
}

// accessListFloorTokens counts an access list's EIP-7981 floor tokens: each
// address is 20 bytes and each storage key 32, every byte 4 tokens.
func accessListFloorTokens(accessList types.AccessList) uint64 {
	tokens := mulSat(uint64(len(accessList)), fork.AccessListAddressFloorTokens)
	return addSat(tokens, mulSat(uint64(accessList.StorageKeyCount()), fork.AccessListStorageKeyFloorTokens))
}

// TxIntrinsicGas is IntrinsicGas for a transaction.
func TxIntrinsicGas(tx *types.Transaction, from types.Address, rules *fork.Rules) uint64 {
	return IntrinsicGas(from, tx.To, &tx.Value, tx.Data, tx.AccessList, len(tx.AuthList), rules)
}

// FloorDataGas is the EIP-7623 minimum a transaction pays for its data from
// Prague: base + 10 per token, where a zero calldata byte is one token and a
// non-zero byte four. A transaction whose gas limit is below it is invalid,
// and one that uses less is charged the floor.
//
// EIP-7976 raises the price to 16 a token and counts every calldata byte,
// zero or not, as four tokens (64 gas a byte); EIP-7981 adds the access
// list's tokens: 80 an address (20 bytes), 128 a storage key (32 bytes).
//
// base is what the floor is anchored on: fork.TxGas (21000), or under
// EIP-2780 the transaction's own intrinsic base (FloorBase).
func FloorDataGas(base uint64, data []byte, accessList types.AccessList, rules *fork.Rules) uint64 {
	var tokens uint64
	if rules.Has(7976) {
		tokens = mulSat(uint64(len(data)), fork.FloorTokensPerByte7976)
	} else {
		nz := countNonZero(data)
		tokens = addSat(uint64(len(data))-nz, mulSat(nz, fork.TokensPerNonZeroByte))
	}
	if rules.Has(7981) {
		tokens = addSat(tokens, accessListFloorTokens(accessList))
	}
	return addSat(base, mulSat(tokens, rules.FloorCostPerToken()))
}

// FloorBase is the base the calldata floor is anchored on: G_transaction
// (21000), or under EIP-2780 the transaction's own intrinsic base
// (IntrinsicBase: TX_BASE_COST plus the recipient's and the value's
// charges, as execution-specs' calculate_intrinsic_cost and geth's
// FloorDataGas anchor it).
func FloorBase(tx *types.Transaction, from types.Address, rules *fork.Rules) uint64 {
	if !rules.Has(2780) {
		return fork.TxGas
	}
	return IntrinsicBase(from, tx.To, &tx.Value, rules)
}

func countNonZero(b []byte) uint64 {
	var n uint64
	for _, c := range b {
		if c != 0 {
			n++
		}
	}
	return n
}

func addSat(a, b uint64) uint64 {
	if a > math.MaxUint64-b {
		return math.MaxUint64
	}
	return a + b
}

func mulSat(a, b uint64) uint64 {
	if a != 0 && b > math.MaxUint64/a {
		return math.MaxUint64
	}
	return a * b
}
