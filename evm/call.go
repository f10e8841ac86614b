package evm

import (
	"bytes"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Call runs a message call from caller to to at depth 0: it transfers value,
// runs a precompile or the code at to (following an EIP-7702 delegation,
// whose target it warms), and returns the output and the gas left. On any
// error but ErrExecutionReverted the gas is all used; ErrInsufficientBalance
// leaves state untouched and returns all the gas. The output (return or
// revert data) belongs to the caller: later calls on this EVM do not
// change it.
func (e *EVM) Call(caller, to types.Address, input []byte, gas uint64, value *uint256.Int) (ret []byte, gasLeft uint64, err error) {
	e.lastState = stateAcct{}
	ret, gasLeft, err = e.callView(caller, to, input, gas, value)
	e.absorbTop(&gasLeft)
	return e.ownOutput(ret), gasLeft, err
}

// absorbTop merges the depth-0 frame's EIP-8037 account into the
// transaction's, which handed it all its execution gas.
func (e *EVM) absorbTop(gasLeft *uint64) {
	if e.is.eip8037 {
		e.absorbState(gasLeft, &e.txState, e.lastState)
	}
}

// StaticCall runs a read-only call at depth 0 (eth_call style): any state
// modification fails with ErrWriteProtection. Like Call's, the output
// belongs to the caller.
func (e *EVM) StaticCall(caller, to types.Address, input []byte, gas uint64) (ret []byte, gasLeft uint64, err error) {
	e.lastState = stateAcct{}
	ret, gasLeft, err = e.staticCallView(caller, to, input, gas)
	e.absorbTop(&gasLeft)
	return e.ownOutput(ret), gasLeft, err
}

// zeroWei is the value of a call that moves none. It is shared and read
// only (StateDB and tracers take amounts as read-only pointers), so a call
// without value does not allocate one: a fresh one escaped to the heap.
var zeroWei uint256.Int

// ownOutput gives the caller of Call its own copy of a top-level output
// that is a view of the EVM's reused depth-0 buffer (keepOutput); other
// outputs (a precompile's, a large one keepOutput already cloned) are
// fresh and returned as they are. The copy is the public call's only
// allocation (BenchmarkCallOutput).
func (e *EVM) ownOutput(ret []byte) []byte {
	if len(ret) == 0 || len(e.fast.outputs) == 0 {
		return ret
	}
	if kept := e.fast.outputs[0]; cap(kept) > 0 && &kept[:cap(kept)][0] == &ret[:1][0] {
		return bytes.Clone(ret)
	}
	return ret
}

// callView is Call without the copy: the output is valid only until the
// next call on this EVM, which reuses its buffer. It is the zero-allocation
// path, kept inside the package.
func (e *EVM) callView(caller, to types.Address, input []byte, gas uint64, value *uint256.Int) (ret []byte, gasLeft uint64, err error) {
	if value == nil {
		value = &zeroWei
	}
	if !value.IsZero() {
		if bal := e.db.GetBalance(caller); bal.Lt(value) {
			return nil, gas, ErrInsufficientBalance
		}
	}
	if e.is.eip7702 {
		if target, ok := types.ParseDelegation(e.db.GetCode(to)); ok {
			e.db.AddAddressToAccessList(target)
			return e.call(trace.KindCall, caller, to, to, target, input, gas, value, false, true)
		}
	}
	// No local copy of to for the code's address: copying an Address that
	// was just passed in stalls (types.Address.Equal). Without it callView's own
	// time fell from 15% to 6% of a call to a STOP contract (pprof of
	// BenchmarkCallOverhead).
	return e.call(trace.KindCall, caller, to, to, to, input, gas, value, false, false)
}

// staticCallView is StaticCall without the copy (see callView).
func (e *EVM) staticCallView(caller, to types.Address, input []byte, gas uint64) (ret []byte, gasLeft uint64, err error) {
	codeAddr, noPrecompile := to, false
	if e.is.eip7702 {
		if target, ok := types.ParseDelegation(e.db.GetCode(to)); ok {
			e.db.AddAddressToAccessList(target)
			codeAddr, noPrecompile = target, true
		}
	}
	return e.call(trace.KindStaticCall, caller, to, to, codeAddr, input, gas, &zeroWei, true, noPrecompile)
}

// call runs one message-call frame. target is where storage and balance live
// (ADDRESS); codeAddr is whose code (or precompile) runs; named is the
// address the call names (the stack's, before an EIP-7702 delegation is
// followed), which tracers are given. Depth and balance have been checked by
// the caller. value moves only for CALL.
func (e *EVM) call(kind byte, caller, target, named, codeAddr types.Address, input []byte, gas uint64,
	value *uint256.Int, static, noPrecompile bool) (ret []byte, gasLeft uint64, err error) {
	if e.tracer != nil {
		from, to := traceCallAddrs(kind, caller, target, named)
		e.traceEnter(kind, from, to, input, gas, value)
	}
	snap := e.db.Snapshot()
	switch kind {
	case trace.KindCall:
		// A zero-value transfer still touches the target (EIP-161 clears it
		// at the end of the transaction if it is empty).
		e.db.SubBalance(caller, value)
		e.db.AddBalance(target, value)
		e.logTransfer(caller, target, value) // EIP-7708
	case trace.KindStaticCall:
		e.db.AddBalance(target, &zeroWei)
	}

	var (
		sp   StatefulPrecompile
		acct stateAcct // EIP-8037: the frame's state gas
	)
	if e.stateful != nil && !noPrecompile {
		sp = e.stateful[codeAddr] // only embedders who register one pay for this lookup
	}
	if sp != nil {
		own := *value // PrecompileEnv.Value is the embedder's to read; value may be the shared zeroWei
		ret, gasLeft, err = e.runStateful(sp, kind, caller, target, codeAddr, input, gas, &own, static)
	} else if p, ok := e.precompileAt(&codeAddr); ok && !noPrecompile {
		ret, gasLeft, err = runPrecompile(p, input, gas)
		if e.tracer != nil && err == nil {
			e.tracer.GasChange(gas, gasLeft, trace.GasChangeCallPrecompiledContract)
		}
	} else if code := e.db.GetCode(codeAddr); len(code) > 0 {
		f := getFrame()
		f.mem.budget = &e.mem
		e.lendMemory(f)
		hash := e.db.GetCodeHash(codeAddr)
		f.setCode(code, e.codeInfoFor(code, &hash))
		f.caller, f.address, f.value = caller, target, *value
		f.input, f.gas, f.static = input, gas, static
		ret, err = e.run(f)
		ret = e.keepOutput(ret) // it is a view of f's memory
		gasLeft, acct = f.gas, f.state
		e.endFrame(f)
		e.keepMemory(f)
		putFrame(f)
	} else {
		gasLeft = gas
	}
	if err != nil {
		e.db.RevertToSnapshot(snap)
		if err != ErrExecutionReverted {
			if e.tracer != nil {
				e.tracer.GasChange(gasLeft, 0, trace.GasChangeCallFailedExecution)
			}
			ret = nil
		}
		e.exitState(&gasLeft, &acct, err) // a revert gets back the gas it lent to state gas
		if err != ErrExecutionReverted {
			gasLeft = 0
		}
	}
	e.lastState = acct
	if e.tracer != nil {
		e.traceExit(ret, gas, gasLeft, err)
	}
	return ret, gasLeft, err
}

// traceCallAddrs gives OnEnter's from and to as geth's tracing hooks have
// them: the calling contract and the address the call names. For CALL and
// STATICCALL that is the caller and the target; a DELEGATECALL's or
// CALLCODE's frame runs in the calling contract (target), so from is that
// contract (not the DELEGATECALL's inherited caller) and to is the code's
// address, not the storage context.
func traceCallAddrs(kind byte, caller, target, named types.Address) (from, to types.Address) {
	switch kind {
	case trace.KindDelegateCall, trace.KindCallCode:
		return target, named
	}
	return caller, named
}

// runPrecompile charges a precompile's gas and runs it. Failure of either
// uses all the gas.
func runPrecompile(p precompile.Contract, input []byte, gas uint64) ([]byte, uint64, error) {
	cost := p.RequiredGas(input)
	if cost > gas {
		return nil, 0, ErrOutOfGas
	}
	out, err := p.Run(input)
	if err != nil {
		return nil, 0, err
	}
	return out, gas - cost, nil
}
