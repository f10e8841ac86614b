package evm

import (
	"bytes"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Create runs a contract creation from caller at depth 0. The address comes
// from caller's current nonce, which Create increments (as the CREATE
// opcode does). ret is the deployed code, or the revert data, and belongs
// to the caller.
func (e *EVM) Create(caller types.Address, initcode []byte, gas uint64, value *uint256.Int) (ret []byte, addr types.Address, gasLeft uint64, err error) {
	if value == nil {
		value = new(uint256.Int)
	}
	if limit := e.is.maxInitCodeSize; limit > 0 && len(initcode) > limit {
		return nil, addr, 0, ErrMaxInitCodeSizeExceeded
	}
	addr = crypto.CreateAddress(caller, e.db.GetNonce(caller))
	e.lastState = stateAcct{}
	ret, gasLeft, err = e.create(trace.KindCreate, caller, initcode, gas, value, addr)
	e.absorbTop(&gasLeft)
	return ownCode(ret, err), addr, gasLeft, err
}

// Create2 runs a CREATE2-style creation at depth 0 (EIP-1014 address), and
// increments caller's nonce.
func (e *EVM) Create2(caller types.Address, initcode []byte, gas uint64, value *uint256.Int, salt types.Hash) (ret []byte, addr types.Address, gasLeft uint64, err error) {
	if value == nil {
		value = new(uint256.Int)
	}
	if limit := e.is.maxInitCodeSize; limit > 0 && len(initcode) > limit {
		return nil, addr, 0, ErrMaxInitCodeSizeExceeded
	}
	addr = crypto.CreateAddress2(caller, salt, crypto.Keccak256(initcode))
	e.lastState = stateAcct{}
	ret, gasLeft, err = e.create(trace.KindCreate2, caller, initcode, gas, value, addr)
	e.absorbTop(&gasLeft)
	return ownCode(ret, err), addr, gasLeft, err
}

// ownCode gives the caller of Create its own copy of the deployed code:
// the state keeps the slice it was given (StateDB.SetCode), so a caller
// writing to it would change the contract under its code hash. Revert data
// is a copy already (createFrame).
func ownCode(ret []byte, err error) []byte {
	if err != nil {
		return ret
	}
	return bytes.Clone(ret)
}

// create runs a creation frame at addr. The checks that fail before the
// frame starts (balance, nonce overflow) return all the gas; an address
// collision uses it all. The caller's nonce is incremented in every case
// that gets past those checks.
func (e *EVM) create(kind byte, caller types.Address, initcode []byte, gas uint64, value *uint256.Int, addr types.Address) (ret []byte, gasLeft uint64, err error) {
	if e.tracer != nil {
		e.traceEnter(kind, caller, addr, initcode, gas, value)
	}
	ret, gasLeft, err = e.createFrame(caller, initcode, gas, value, addr)
	if e.tracer != nil {
		e.traceExit(ret, gas, gasLeft, err)
	}
	return ret, gasLeft, err
}

func (e *EVM) createFrame(caller types.Address, initcode []byte, gas uint64, value *uint256.Int, addr types.Address) ([]byte, uint64, error) {
	e.lastState = stateAcct{}
	if bal := e.db.GetBalance(caller); bal.Lt(value) {
		return nil, gas, ErrInsufficientBalance
	}
	nonce := e.db.GetNonce(caller)
	if nonce+1 < nonce {
		return nil, gas, ErrNonceUintOverflow
	}
	e.db.SetNonce(caller, nonce+1)
	if e.is.eip2929 {
		e.db.AddAddressToAccessList(addr)
	}
	// EIP-7610 (retroactive to Frontier): an address with code, nonce or
	// storage cannot be created over.
	if e.db.GetNonce(addr) != 0 || e.db.GetCodeSize(addr) != 0 || e.db.HasStorage(addr) {
		return nil, 0, ErrContractAddressCollision
	}

	snap := e.db.Snapshot()
	e.db.CreateAccount(addr)
	if e.is.eip158 {
		e.db.SetNonce(addr, 1) // EIP-161: contracts start at nonce 1
	}
	e.db.SubBalance(caller, value)
	e.db.AddBalance(addr, value)
	e.logTransfer(caller, addr, value) // EIP-7708

	var (
		ret  []byte
		err  error
		acct stateAcct // EIP-8037: the frame's state gas
	)
	gasLeft := gas
	// Empty initcode deploys empty code without running: the result is the
	// same as a lone STOP, and a tracer sees no step, as in geth's (the call
	// path skips empty code the same way, call.go).
	if len(initcode) > 0 {
		f := getFrame()
		f.mem.budget = &e.mem
		f.setCode(initcode, e.codeInfoFor(initcode, &types.Hash{}))
		f.caller, f.address, f.value = caller, addr, *value
		f.input, f.gas, f.static = nil, gas, false
		ret, err = e.run(f)
		ret = bytes.Clone(ret) // a view of f's memory; deployed code or revert data kept
		gasLeft, acct = f.gas, f.state
		e.endFrame(f)
		putFrame(f)
	}

	if err == nil {
		ret, gasLeft, err = e.depositCode(addr, ret, gasLeft, &acct)
	}
	if err != nil {
		e.db.RevertToSnapshot(snap)
		e.exitState(&gasLeft, &acct, err)
		if err != ErrExecutionReverted {
			if e.tracer != nil {
				e.tracer.GasChange(gasLeft, 0, trace.GasChangeCallFailedExecution)
			}
			e.lastState = acct
			return nil, 0, err
		}
	}
	e.lastState = acct
	return ret, gasLeft, err
}

// depositCode stores the code a successful initcode returned, charging
// 200 gas a byte. EIP-170 caps its size, EIP-3541 rejects a leading 0xEF.
// Before Homestead (EIP-2) a creation that cannot pay for its code succeeds
// with empty code; from Homestead it fails.
func (e *EVM) depositCode(addr types.Address, code []byte, gas uint64, acct *stateAcct) ([]byte, uint64, error) {
	// The order of the specs' process_create_message: the prefix first, so
	// oversized code with a leading 0xEF fails as invalid code (all three
	// failures consume the gas alike; only the reported error differs).
	if e.is.eip3541 && len(code) > 0 && code[0] == 0xef {
		return nil, 0, ErrInvalidCode
	}
	if limit := e.is.maxCodeSize; limit > 0 && len(code) > limit {
		return nil, 0, ErrMaxCodeSizeExceeded
	}
	if e.is.eip8037 {
		return e.depositCode8037(addr, code, gas, acct)
	}
	cost := uint64(len(code)) * codeDepositGas
	if gas < cost {
		if e.is.homestead {
			return nil, 0, ErrCodeStoreOutOfGas
		}
		return nil, gas, nil
	}
	e.db.SetCode(addr, code)
	if e.tracer != nil {
		e.tracer.GasChange(gas, gas-cost, trace.GasChangeCallCodeStorage)
	}
	return code, gas - cost, nil
}

// depositCode8037 charges a deployment as EIP-8037 prices it: hashing the
// code (6 gas a word) in execution gas, then its bytes in state gas
// (COST_PER_STATE_BYTE each) instead of 200 gas a byte.
func (e *EVM) depositCode8037(addr types.Address, code []byte, gas uint64, acct *stateAcct) ([]byte, uint64, error) {
	hash := toWordSize(uint64(len(code))) * keccakWordGas
	if gas < hash {
		return nil, gas, ErrCodeStoreOutOfGas
	}
	left := gas - hash
	if !e.chargeStateGas(&left, acct, uint64(len(code))*fork.CostPerStateByte) {
		return nil, left, ErrCodeStoreOutOfGas
	}
	e.db.SetCode(addr, code)
	if e.tracer != nil {
		e.tracer.GasChange(gas, left, trace.GasChangeCallCodeStorage)
	}
	return code, left, nil
}
