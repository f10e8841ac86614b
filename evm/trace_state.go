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

// debitSelfdestruct takes a self-destructing account's balance, moved to
// its beneficiary (EIP-8246, after creditSelfdestruct, in geth's order).
func (e *EVM) debitSelfdestruct(from types.Address, bal *uint256.Int) {
	if r, ok := e.db.(balanceReasoner); ok {
		r.SubBalanceReason(from, bal, trace.BalanceDecreaseSelfdestruct)
		return
	}
	e.db.SubBalance(from, bal)
}

// traceSelfdestruct reports a SELFDESTRUCT as a frame of its own, one
// level down, of no input and no gas, moving the balance the account held,
// as geth does. bal is a copy so that only a traced SELFDESTRUCT puts it on
// the heap (a tracer may keep it). Called only with a tracer set.
func (e *EVM) traceSelfdestruct(from, to types.Address, bal uint256.Int) {
	depth := e.depth + 2
	if e.tracer.OnEnter != nil {
		e.tracer.OnEnter(depth, trace.KindSelfdestruct, from, to, nil, 0, &bal)
	}
	if e.tracer.OnExit != nil {
		e.tracer.OnExit(depth, nil, 0, nil, false)
	}
}

// traceEnter reports a frame's start: OnEnter, then the gas it starts
// with (geth's order). Called only with a tracer set.
func (e *EVM) traceEnter(kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
	if e.tracer.OnEnter != nil {
		e.tracer.OnEnter(e.depth+1, kind, from, to, input, gas, value)
	}
	e.tracer.GasChange(0, gas, trace.GasChangeCallInitialBalance)
}

// traceExit reports a frame's end: the gas it hands back, then OnExit.
func (e *EVM) traceExit(ret []byte, gas, gasLeft uint64, err error) {
	e.tracer.GasChange(gasLeft, 0, trace.GasChangeCallLeftOverReturned)
	if e.tracer.OnExit != nil {
		e.tracer.OnExit(e.depth+1, ret, gas-gasLeft, err, err != nil)
	}
}

// createReason is the gas change reason of the gas CREATE or CREATE2
// hands to its initcode.
func createReason(salted bool) trace.GasChangeReason {
	if salted {
		return trace.GasChangeCallContractCreation2
	}
	return trace.GasChangeCallContractCreation
}
