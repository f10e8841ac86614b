package transition

import (
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// IntrinsicBase is the base of a transaction's intrinsic gas, what it costs
// before its data, access list and authorizations: G_transaction (21000),
// plus EIP-2's 32000 for a creation from Homestead.
//
// EIP-2780 prices it by the resources the transaction touches instead:
// TX_BASE_COST (12000: the signature, the sender's access and write, the
// transaction's inclusion); the recipient's cold access (COLD_ACCOUNT_ACCESS,
// charged whatever its warmth), or CREATE_ACCESS for a creation, or nothing
// for a transfer to oneself (the sender is already paid for); and
// TX_VALUE_COST (6000) for value moved to another account. The state a
// transaction creates (a new recipient, a delegation) is charged when it
// runs (chargeTxRuntime), not here.
//
// The EIP-7623 calldata floor is anchored on the same base (FloorBase).
func IntrinsicBase(from types.Address, to *types.Address, value *uint256.Int, rules *fork.Rules) uint64 {
	if !rules.Has(2780) {
		if to == nil && rules.Has(2) {
			return fork.TxGas + fork.TxCreateGas
		}
		return fork.TxGas
	}
	gas := uint64(fork.TxBaseCost2780)
	self := to != nil && *to == from
	switch {
	case self:
	case to == nil:
		gas += fork.CreateAccess8038
	default:
		gas += fork.ColdAccountAccess8038
	}
	if value != nil && !value.IsZero() && to != nil && !self {
		gas += fork.TxValueCost2780
	}
	return gas
}

// authorizationGas is the intrinsic gas of one EIP-7702 authorization:
// PER_EMPTY_ACCOUNT_COST (25000), of which an existing authority gets
// 12500 back; under EIP-2780 only REGULAR_PER_AUTH_BASE_COST (7816), the
// state it may create being charged when it is applied.
func authorizationGas(rules *fork.Rules) uint64 {
	if rules.Has(2780) {
		return fork.RegularPerAuthBaseCost
	}
	return fork.PerEmptyAccountCost
}
