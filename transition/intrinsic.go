package transition

import (
	"math"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// IntrinsicGas is the gas a transaction costs before any code runs: the base
// cost, calldata (EIP-2028 from Istanbul), contract creation (EIP-2 from
// Homestead) and its initcode words (EIP-3860 from Shanghai), the access
// list (EIP-2930) and authorizations (EIP-7702). The EIP-7623 calldata floor
// is separate: see FloorDataGas. The sum saturates at MaxUint64 rather than
// wrapping, so an absurd transaction is simply too expensive.
//
// It takes the fields rather than a transaction so that a types.Transaction
// and a Message can share it; TxIntrinsicGas is the shorthand for the former.
func IntrinsicGas(data []byte, isCreate bool, accessList types.AccessList, authCount int, rules *fork.Rules) uint64 {
	gas := uint64(fork.TxGas)
	if isCreate && rules.Has(2) {
		gas = addSat(gas, fork.TxCreateGas)
	}
	nonZeroCost := rules.TxDataNonZeroGas() // EIP-2028
	nz := countNonZero(data)
	z := uint64(len(data)) - nz
	gas = addSat(gas, mulSat(nz, nonZeroCost))
	gas = addSat(gas, mulSat(z, fork.TxDataZeroGas))
	if isCreate && rules.Has(3860) {
		words := (uint64(len(data)) + 31) / 32
		gas = addSat(gas, mulSat(words, fork.InitCodeWordGas))
	}
	gas = addSat(gas, mulSat(uint64(len(accessList)), fork.AccessListAddressGas))
	gas = addSat(gas, mulSat(uint64(accessList.StorageKeyCount()), fork.AccessListStorageKeyGas))
	gas = addSat(gas, mulSat(uint64(authCount), fork.PerEmptyAccountCost))
	return gas
}

// TxIntrinsicGas is IntrinsicGas for a transaction.
func TxIntrinsicGas(tx *types.Transaction, rules *fork.Rules) uint64 {
	return IntrinsicGas(tx.Data, tx.IsCreate(), tx.AccessList, len(tx.AuthList), rules)
}

// FloorDataGas is the EIP-7623 minimum a transaction pays for its calldata
// from Prague: 21000 + 10 per token, where a zero byte is one token and a
// non-zero byte four. A transaction whose gas limit is below it is invalid,
// and one that uses less is charged the floor.
func FloorDataGas(data []byte) uint64 {
	nz := countNonZero(data)
	tokens := addSat(uint64(len(data))-nz, mulSat(nz, fork.TokensPerNonZeroByte))
	return addSat(fork.TxGas, mulSat(tokens, fork.TotalCostFloorPerToken))
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
