package evm

import (
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// balanceReasoner is a state that tells its tracer why a balance changes
// (state.Hooked, which the transaction layer puts in front of the state
// only when a state hook is set). The interpreter uses it where the reason
// is not a value transfer: SELFDESTRUCT.
type balanceReasoner interface {
	AddBalanceReason(addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason)
	SubBalanceReason(addr types.Address, amount *uint256.Int, reason trace.BalanceChangeReason)
}

// moveSelfdestructBalance moves a self-destructing account's balance to
// its beneficiary, as geth reports it: a self-destruct decrease and
// increase rather than a transfer.
func (e *EVM) moveSelfdestructBalance(from, to types.Address, bal *uint256.Int) {
	if r, ok := e.db.(balanceReasoner); ok {
		r.SubBalanceReason(from, bal, trace.BalanceDecreaseSelfdestruct)
		r.AddBalanceReason(to, bal, trace.BalanceIncreaseSelfdestruct)
		return
	}
	e.db.SubBalance(from, bal)
	e.db.AddBalance(to, bal)
}

// creditSelfdestruct credits a destroyed account's beneficiary.
func (e *EVM) creditSelfdestruct(to types.Address, bal *uint256.Int) {
	if r, ok := e.db.(balanceReasoner); ok {
		r.AddBalanceReason(to, bal, trace.BalanceIncreaseSelfdestruct)
		return
	}
	e.db.AddBalance(to, bal)
}
