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

// validAuthority runs EIP-7702's checks on one authorization tuple, in the
// EIP's order: chain id, nonce below 2^64-1 (EIP-2681: the bump would
// overflow), signature, then (the authority warmed once recovered) its code
// empty or a delegation and its nonce equal to the tuple's. ok is false for
// a tuple to skip; otherwise the authority and its current code.
func validAuthority(db state.StateDB, chain *uint256.Int, auth *types.Authorization) (authority types.Address, code []byte, ok bool) {
	if !auth.ChainID.IsZero() && !auth.ChainID.Eq(chain) {
		return authority, nil, false
	}
	if auth.Nonce == ^uint64(0) {
		return authority, nil, false
	}
	authority, err := auth.Authority()
	if err != nil {
		return authority, nil, false
	}
	db.AddAddressToAccessList(authority)
	code = db.GetCode(authority)
	if len(code) > 0 && !isDelegation(code) {
		return authority, nil, false
	}
	if db.GetNonce(authority) != auth.Nonce {
		return authority, nil, false
	}
	return authority, code, true
}

// applyAuthorizations processes an EIP-7702 authorization list. An invalid
// tuple is skipped, never fatal: the transaction stays valid. Each valid one
// sets (or, delegating to the zero address, clears) the authority's code,
// bumps its nonce and warms it.
func applyAuthorizations(db state.StateDB, chainID uint64, auths []types.Authorization) {
	chain := uint256.NewInt(chainID)
	for i := range auths {
		auth := &auths[i]
		authority, _, ok := validAuthority(db, chain, auth)
		if !ok {
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
