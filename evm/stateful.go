package evm

import (
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// StatefulPrecompile is a precompiled contract an embedder registers in
// Config.StatefulPrecompiles: unlike precompile.Contract it sees the call
// (caller, value, static or not, the gas left) and the state, and prices
// itself, since its cost may depend on what it reads.
//
// Run returns the output and the gas left. Whatever it writes through
// env.State is journaled like any other frame's writes, so an error (or a
// revert of an enclosing frame) undoes it. ErrExecutionReverted keeps the
// gas left and the output as revert data; any other error uses all the gas.
type StatefulPrecompile interface {
	Run(env *PrecompileEnv, input []byte) (ret []byte, gasLeft uint64, err error)
}

// StatefulPrecompileFunc adapts a function to StatefulPrecompile.
type StatefulPrecompileFunc func(env *PrecompileEnv, input []byte) ([]byte, uint64, error)

// Run calls f.
func (f StatefulPrecompileFunc) Run(env *PrecompileEnv, input []byte) ([]byte, uint64, error) {
	return f(env, input)
}

// PrecompileEnv is the call a stateful precompile runs in. It is valid only
// during Run.
type PrecompileEnv struct {
	// Kind is the call's kind (trace.KindCall, KindStaticCall,
	// KindDelegateCall, KindCallCode).
	Kind byte
	// Self is the precompile's own address; Address is the frame's
	// ADDRESS, which differs from Self under DELEGATECALL and CALLCODE. A
	// precompile that keeps its own storage should key it by Self.
	Self, Address types.Address
	Caller        types.Address
	Value         *uint256.Int
	// Static is set inside STATICCALL (EIP-214): the precompile must not
	// write. SetState refuses; code writing through State must check.
	Static bool
	// Gas is what the call was given; Run returns what is left of it.
	Gas   uint64
	State state.StateDB
	EVM   *EVM // block and transaction context, rules
}

// SetState writes a slot of Self's storage, refusing with
// ErrWriteProtection inside a static call. A precompile's account has no
// code, so with nonce and balance zero it is empty, and EIP-161 would
// delete it, storage and all, at the end of the transaction: SetState
// gives it nonce 1 first, as EIP-161 gives a new contract.
func (p *PrecompileEnv) SetState(key, value types.Hash) error {
	if p.Static {
		return ErrWriteProtection
	}
	if p.State.Empty(p.Self) {
		p.State.SetNonce(p.Self, 1)
	}
	p.State.SetState(p.Self, key, value)
	return nil
}

// GetState reads a slot of Self's storage.
func (p *PrecompileEnv) GetState(key types.Hash) types.Hash {
	return p.State.GetState(p.Self, key)
}

// UseGas takes cost from *gas, failing with ErrOutOfGas (which uses all the
// gas) when there is not enough; a helper for Run's accounting.
func UseGas(gas *uint64, cost uint64) error {
	if cost > *gas {
		*gas = 0
		return ErrOutOfGas
	}
	*gas -= cost
	return nil
}

// runStateful runs a stateful precompile for call. The caller reverts state
// on error; a gas left above what was given is the precompile's bug and is
// clamped rather than minting gas.
func (e *EVM) runStateful(p StatefulPrecompile, kind byte, caller, target, self types.Address,
	input []byte, gas uint64, value *uint256.Int, static bool) ([]byte, uint64, error) {
	env := PrecompileEnv{Kind: kind, Self: self, Address: target, Caller: caller,
		Value: value, Static: static, Gas: gas, State: e.db, EVM: e}
	ret, left, err := p.Run(&env, input)
	left = min(left, gas)
	if err != nil && err != ErrExecutionReverted {
		return nil, 0, err
	}
	return ret, left, err
}
