package evm

import (
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-8037 state gas. Creating state (a storage slot, an account, deployed
// code, a delegation) is paid in a second dimension, state gas, drawn first
// from the transaction's reservoir (gas above the execution cap) and, once
// that is empty, from the frame's execution gas ("spilled"). The interpreter
// keeps its one gas counter (frame.gas, execution gas): the reservoir is the
// EVM's (a call hands all of it to its callee and gets back what is left, so
// one value serves every frame), and each frame keeps a stateAcct of what it
// charged, so that a frame that fails can give it back. Only the operations
// that create state and the call/create paths touch any of this.

// stateAcct is a frame's EIP-8037 account: what it (and its children that
// succeeded) charged in state gas, net of inline refunds, and how much of
// that its execution gas lent while the reservoir was empty.
type stateAcct struct {
	spilled uint64
	used    int64
}

// errStateGasShort: the execution gas left cannot cover the part of an
// opcode's state gas the reservoir does not hold. It is running out of gas,
// as geth reports it; the traced loop adds the opcode's execution cost to
// the step (geth charges both dimensions together after pricing).
var errStateGasShort error = &causeError{text: "out of gas", is: ErrOutOfGas}

// chargeStateGas charges s state gas to the account a whose execution gas is
// *gas: from the reservoir, and what it lacks from *gas. False (nothing
// charged) if *gas cannot cover the lack.
func (e *EVM) chargeStateGas(gas *uint64, a *stateAcct, s uint64) bool {
	if s <= e.reservoir {
		e.reservoir -= s
	} else {
		spill := s - e.reservoir
		if spill > *gas {
			return false
		}
		*gas -= spill
		e.reservoir = 0
		a.spilled += spill
	}
	a.used += int64(s)
	return true
}

// refundStateGas gives back s state gas charged by a (an inline refund, or
// a creation that did not happen): first to the execution gas it borrowed,
// the rest to the reservoir.
func (e *EVM) refundStateGas(gas *uint64, a *stateAcct, s uint64) {
	repay := min(s, a.spilled)
	*gas += repay
	a.spilled -= repay
	e.reservoir += s - repay
	a.used -= int64(s)
}

// chargeWithState is the dynamic gas of an opcode costing exec execution
// gas and state state gas: it charges the state gas now, if both can be
// paid, and returns exec for the loop to charge.
func (e *EVM) chargeWithState(f *frame, exec, state uint64) (uint64, error) {
	if !e.is.eip8037 || state == 0 || f.gas < exec {
		return exec, nil // without state gas, or short of exec: the loop decides
	}
	f.gas -= exec
	ok := e.chargeStateGas(&f.gas, &f.state, state)
	f.gas += exec
	if !ok {
		return exec, errStateGasShort
	}
	return exec, nil
}

// exitState settles a finished frame's state gas: a success keeps its
// charges (its parent absorbs them); a frame that reverts or halts undid
// its state changes, so what they cost goes back — the execution gas it
// lent returns to the gas left on a revert (a halt burns the gas left
// anyway), the rest refills the reservoir.
func (e *EVM) exitState(gasLeft *uint64, a *stateAcct, err error) {
	if err == nil || !e.is.eip8037 {
		return
	}
	r := int64(e.reservoir) + a.used - int64(a.spilled)
	e.reservoir = uint64(max(r, 0)) // never negative: it is the reservoir the frame started with, or more
	if err == ErrExecutionReverted {
		*gasLeft += a.spilled
		if e.tracer != nil {
			e.tracer.GasChange(*gasLeft-a.spilled, *gasLeft, trace.GasChangeRefundRevertedState)
		}
	}
	*a = stateAcct{}
}

// absorbState merges a finished child's account into its parent's (whose
// execution gas is *gas and already holds the child's gas left). If the
// reservoir now holds gas while the parent still owes execution gas it lent
// (a child that failed refilled it), the debt is repaid from it.
func (e *EVM) absorbState(gas *uint64, a *stateAcct, child stateAcct) {
	a.used += child.used
	a.spilled += child.spilled
	if d := min(e.reservoir, a.spilled); d > 0 {
		*gas += d
		e.reservoir -= d
		a.spilled -= d
		if e.tracer != nil {
			e.tracer.GasChange(*gas-d, *gas, trace.GasChangeStateGasRepaid)
		}
	}
}

// The transaction's side (EIP-8037, EIP-2780): transition runs the
// transaction's own charges on the depth-0 account before the first frame
// and settles it after.

// SetStateGasReservoir starts a transaction's state-gas accounting with
// reservoir (EIP-8037's state_gas_reservoir: the gas limit above the
// execution cap).
func (e *EVM) SetStateGasReservoir(reservoir uint64) {
	e.reservoir, e.txState = reservoir, stateAcct{}
}

// StateGasReservoir is the state gas left in the reservoir.
func (e *EVM) StateGasReservoir() uint64 { return e.reservoir }

// StateGasUsed is the transaction's net state gas so far (EIP-8037's
// tx_state_gas once the transaction ends): what its frames that succeeded
// and its own charges created.
func (e *EVM) StateGasUsed() int64 { return e.txState.used }

// ChargeStateGas charges s state gas at the transaction level, lending from
// the execution gas *gas what the reservoir lacks; false if it cannot.
func (e *EVM) ChargeStateGas(gas *uint64, s uint64) bool {
	return e.chargeStateGas(gas, &e.txState, s)
}

// RefundStateGas gives back s state gas charged at the transaction level.
func (e *EVM) RefundStateGas(gas *uint64, s uint64) {
	e.refundStateGas(gas, &e.txState, s)
}

// HaltStateGas ends the transaction's accounting as an exceptional halt
// before or after its frame: the execution gas is burned (*gas = 0), every
// state charge is undone and what the reservoir paid returns to it.
func (e *EVM) HaltStateGas(gas *uint64) {
	r := int64(e.reservoir) + e.txState.used - int64(e.txState.spilled)
	e.reservoir = uint64(max(r, 0))
	*gas = 0
	e.txState = stateAcct{}
}

// TraceGasChange reports a change of the transaction's execution gas that
// happens outside the interpreter (EIP-2780's runtime charges, EIP-8037's
// refunds at the transaction level) to the tracer, if one is set.
func (e *EVM) TraceGasChange(old, new uint64, reason trace.GasChangeReason) {
	if e.tracer != nil {
		e.tracer.GasChange(old, new, reason)
	}
}

// TraceHaltedFrame reports to the tracer a depth-0 frame that halts out of
// gas before its first instruction: a transaction whose gas cannot pay the
// charges EIP-2780 makes when it starts (geth's haltTopFrame shows it so).
// gas is what the frame would have been given.
func (e *EVM) TraceHaltedFrame(kind byte, from, to types.Address, input []byte, gas uint64, value *uint256.Int) {
	if e.tracer == nil {
		return
	}
	e.traceEnter(kind, from, to, input, gas, value)
	e.tracer.GasChange(gas, 0, trace.GasChangeCallFailedExecution)
	e.traceExit(nil, gas, 0, ErrOutOfGas)
}
