package transition

import (
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// authRefund is PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST (EIP-7702): the
// intrinsic charge assumed a new account, so an existing authority gets the
// difference back through the refund counter.
const authRefund = 25000 - 12500

// isDelegation reports whether code is an EIP-7702 delegation designator.
func isDelegation(code []byte) bool {
	_, ok := types.ParseDelegation(code)
	return ok
}

// applyAuthorizations processes an EIP-7702 authorization list. An invalid
// tuple is skipped, never fatal: the transaction stays valid. Each valid one
// sets (or, delegating to the zero address, clears) the authority's code,
// bumps its nonce and warms it.
func applyAuthorizations(db state.StateDB, chainID uint64, auths []types.Authorization) {
	chain := uint256.NewInt(chainID)
	for i := range auths {
		auth := &auths[i]
		if !auth.ChainID.IsZero() && !auth.ChainID.Eq(chain) {
			continue
		}
		if auth.Nonce == ^uint64(0) { // EIP-2681: the bump would overflow
			continue
		}
		authority, err := auth.Authority()
		if err != nil {
			continue
		}
		db.AddAddressToAccessList(authority)

		code := db.GetCode(authority)
		if len(code) > 0 && !isDelegation(code) {
			continue
		}
		if db.GetNonce(authority) != auth.Nonce {
			continue
		}
		if db.Exist(authority) {
			db.AddRefund(authRefund)
		}
		if auth.Address == (types.Address{}) {
			db.SetCode(authority, nil)
		} else {
			db.SetCode(authority, types.DelegationCode(auth.Address))
		}
		db.SetNonce(authority, auth.Nonce+1)
	}
}
