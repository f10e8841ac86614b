package evm

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 and SELFDESTRUCT.

func registerSystem(t *[256]behaviour) {
	// CALL/CALLCODE(gas, addr, value, inOff, inSize, outOff, outSize);
	// DELEGATECALL/STATICCALL(gas, addr, inOff, inSize, outOff, outSize).
	// Their memory ranges are in their OpSpec.
	for _, op := range []OpCode{CALL, CALLCODE, DELEGATECALL, STATICCALL} {
		t[op].dynamicGas = gasCallFamily(op)
		t[op].execute = execCall(op)
	}

	t[CREATE].dynamicGas = gasCreate(false)
	t[CREATE].execute = execCreate(false)
	t[CREATE2].dynamicGas = gasCreate(true)
	t[CREATE2].execute = execCreate(true)

	t[SELFDESTRUCT].dynamicGas = gasSelfdestruct
	t[SELFDESTRUCT].execute = execSelfdestruct
}

// gasCallFamily prices a call beyond its base (warm) cost: EIP-2929 cold
// surcharge, EIP-7702 access to the delegation target, value transfer, new
// account, and the gas handed to the callee — all but one 64th of what is
// left from EIP-150, exactly the requested amount before it.
func gasCallFamily(op OpCode) dynamicGasFunc {
	return func(e *EVM, f *frame, _ uint64) (uint64, error) {
		// A CALL with value in a static frame is priced, then fails in its
		// body (EIP-214, in the specs' order); geth's order is the traced
		// loop's business (OpSpec.GethChecksStatic).
		addr := addrOf(f.stack.back(1))
		extra := e.accountAccessExtra(addr)
		if e.is.eip150 && e.rules.Has(7928) {
			// EIP-7928: the target is accessed, and so in the block access
			// list, only once the cold-access and value costs are affordable:
			// they are checked before its code or emptiness is read (geth's
			// makeCallVariantGasCallEIP8037 order).
			pre := extra
			if (op == CALL || op == CALLCODE) && !f.stack.back(2).IsZero() {
				pre += e.is.callValueGas
			}
			if f.gas < pre {
				return pre, nil // out of gas in the loop
			}
		}

		f.callCodeAddr, f.callNoPrecompile = addr, false
		if e.is.eip7702 {
			if target, ok := types.ParseDelegation(e.db.GetCode(addr)); ok {
				if e.db.AddressInAccessList(target) {
					extra += warmAccessCost
				} else {
					e.db.AddAddressToAccessList(target)
					extra += e.is.coldAccountCost
				}
				f.callCodeAddr, f.callNoPrecompile = target, true
			}
		}
		var state uint64 // EIP-8037: a new account is state gas
		if op == CALL || op == CALLCODE {
			value := f.stack.back(2)
			if !value.IsZero() {
				extra += e.is.callValueGas // EIP-8038: CALL_VALUE
			}
			if op == CALL {
				// EIP-161: only a value transfer to an empty account creates
				// one; before it, any call to a non-existent account did.
				if e.is.eip158 {
					if !value.IsZero() && e.db.Empty(addr) {
						if e.is.eip8037 {
							state = fork.StateGasNewAccount
						} else {
							extra += callNewAccountGas
						}
					}
				} else if !e.db.Exist(addr) {
					extra += callNewAccountGas
				}
			}
		}

		requested := f.stack.back(0)
		if e.is.eip150 {
			if f.gas < extra {
				return extra, nil // out of gas in the loop
			}
			if f.callNoPrecompile && e.rules.Has(7928) {
				// EIP-7928: a delegation target whose access is paid for is
				// in the block access list even if the call is then refused
				// (balance, depth); reading it puts it there (geth's
				// recordDelegationAccess, after the same gas check).
				e.db.GetCodeSize(f.callCodeAddr)
			}
			if state > 0 {
				// Charged after the execution part, before the 63/64 rule
				// applies to what is left (geth's order).
				f.gas -= extra
				ok := e.chargeStateGas(&f.gas, &f.state, state)
				f.gas += extra
				if !ok {
					return 0, ErrOutOfGas
				}
			}
			avail := f.gas - extra
			avail -= avail / 64
			if requested.IsUint64() && requested.Uint64() < avail {
				avail = requested.Uint64()
			}
			f.callGas = avail
		} else {
			if !requested.IsUint64() {
				return 0, ErrGasUintOverflow
			}
			f.callGas = requested.Uint64()
		}
		total, overflow := safeAdd(extra, f.callGas)
		if overflow {
			return 0, ErrGasUintOverflow
		}
		return total, nil
	}
}

func execCall(op OpCode) executionFunc {
	withValue := op == CALL || op == CALLCODE
	kind := byte(op)
	return func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		f.stack.popPtr() // requested gas: already turned into f.callGas
		addr := addrOf(f.stack.popPtr())
		var value uint256.Int
		if withValue {
			value = f.stack.pop()
		}
		inOff, inSize := f.stack.pop(), f.stack.pop()
		outOff, outSize := f.stack.pop(), f.stack.pop()
		result := f.stack.pushN()
		result.Clear()

		if op == CALL && f.static && !value.IsZero() {
			return nil, ErrWriteProtection // EIP-214
		}
		gas := f.callGas
		if !value.IsZero() {
			gas += callStipend
		}
		e.setReturnData(f, nil)
		if e.depth+1 > maxCallDepth {
			f.gas += gas
			e.traceRefusedCall(kind, f, addr, gas, &value, ErrDepth)
			e.refundCallAccount(op, f, addr, &value)
			return nil, nil
		}
		if withValue && !value.IsZero() {
			if bal := e.db.GetBalance(f.address); bal.Lt(&value) {
				f.gas += gas
				e.traceRefusedCall(kind, f, addr, gas, &value, ErrInsufficientBalance)
				e.refundCallAccount(op, f, addr, &value)
				return nil, nil
			}
		}
		input := f.mem.view(inOff.Uint64(), inSize.Uint64())

		caller, target, static := f.address, addr, f.static
		switch op {
		case CALLCODE:
			target = f.address
		case DELEGATECALL:
			caller, target, value = f.caller, f.address, f.value
		case STATICCALL:
			static = true
		}
		e.depth++
		ret, left, err := e.call(kind, caller, target, addr, f.callCodeAddr, input, gas, &value, static, f.callNoPrecompile)
		e.depth--
		f.gas += left
		if e.tracer != nil {
			e.tracer.GasChange(f.gas-left, f.gas, trace.GasChangeCallLeftOverRefunded)
		}
		if e.is.eip8037 {
			e.absorbState(&f.gas, &f.state, e.lastState)
			if err != nil {
				e.refundCallAccount(op, f, addr, &value)
			}
		}
		if err == nil {
			result.SetOne()
		} else if err == ErrMemoryLimit {
			return nil, err // not the callee's failure: the whole call stops
		}
		e.setReturnData(f, ret)
		if n := min(outSize.Uint64(), uint64(len(ret))); n > 0 {
			f.mem.set(outOff.Uint64(), ret[:n])
		}
		return nil, nil
	}
}

// refundCallAccount gives back EIP-8037's new-account state gas of a CALL
// with value to an empty account that did not happen (refused, reverted or
// halted: the account is still empty).
func (e *EVM) refundCallAccount(op OpCode, f *frame, addr types.Address, value *uint256.Int) {
	if e.is.eip8037 && op == CALL && !value.IsZero() && e.db.Empty(addr) {
		before := f.gas
		e.refundStateGas(&f.gas, &f.state, fork.StateGasNewAccount)
		if e.tracer != nil {
			e.tracer.GasChange(before, f.gas, trace.GasChangeRefundAccountCreation)
		}
	}
}

// gasCreate prices what CREATE/CREATE2 add to their base: EIP-3860's
// initcode words (and size cap) and CREATE2's hashing of the initcode.
func gasCreate(salted bool) dynamicGasFunc {
	return func(e *EVM, f *frame, _ uint64) (uint64, error) {
		size := f.stack.back(2) // a static frame fails in the body, after pricing (EIP-214)
		var cost uint64
		if e.is.eip3860 {
			if limit := uint64(e.is.maxInitCodeSize); !size.IsUint64() || (limit > 0 && size.Uint64() > limit) {
				return 0, ErrMaxInitCodeSizeExceeded
			}
			cost = toWordSize(size.Uint64()) * fork.InitCodeWordGas
		}
		if salted {
			c, err := wordCost(size, keccakWordGas)
			if err != nil {
				return 0, err
			}
			if cost, err = addGas(cost, c); err != nil {
				return 0, err
			}
		}
		return cost, nil
	}
}

func addGas(a, b uint64) (uint64, error) {
	s, overflow := safeAdd(a, b)
	if overflow {
		return 0, ErrGasUintOverflow
	}
	return s, nil
}

func execCreate(salted bool) executionFunc {
	kind := trace.KindCreate
	if salted {
		kind = trace.KindCreate2
	}
	return func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		if f.static {
			return nil, ErrWriteProtection
		}
		value, off, size := f.stack.pop(), f.stack.pop(), f.stack.pop()
		var salt uint256.Int
		if salted {
			salt = f.stack.pop()
		}
		result := f.stack.pushN()
		result.Clear()
		initcode := f.mem.copyOut(off.Uint64(), size.Uint64())

		if e.is.eip8037 {
			return e.create8037(kind, f, salted, result, &value, &salt, initcode)
		}
		gas := f.gas
		if e.is.eip150 {
			gas -= gas / 64
		}
		f.gas -= gas
		if e.tracer != nil {
			e.tracer.GasChange(f.gas+gas, f.gas, createReason(salted))
		}
		e.setReturnData(f, nil)
		if e.depth+1 > maxCallDepth {
			f.gas += gas
			return nil, nil
		}
		var addr types.Address
		if salted {
			addr = crypto.CreateAddress2(f.address, types.Hash(salt.Bytes32()), crypto.Keccak256(initcode))
		} else {
			addr = crypto.CreateAddress(f.address, e.db.GetNonce(f.address))
		}
		e.depth++
		ret, left, err := e.create(kind, f.address, initcode, gas, &value, addr)
		e.depth--
		f.gas += left
		if e.tracer != nil {
			e.tracer.GasChange(f.gas-left, f.gas, trace.GasChangeCallLeftOverRefunded)
		}
		if err == nil {
			result.SetBytes20(addr[:])
		} else if err == ErrExecutionReverted {
			e.setReturnData(f, ret)
		} else if err == ErrMemoryLimit {
			return nil, err // not the initcode's failure: the whole call stops
		}
		return nil, nil
	}
}

// create8037 is CREATE/CREATE2 under EIP-8037: the checks that refuse a
// creation before it starts (depth, balance, nonce) come first, in the
// creating frame, so a refused one charges nothing; then a new account (an
// empty address) is charged in state gas, before the 63/64 rule applies to
// the execution gas left; a creation that fails gets it back.
func (e *EVM) create8037(kind byte, f *frame, salted bool, result, value, salt *uint256.Int, initcode []byte) ([]byte, error) {
	e.setReturnData(f, nil)
	var addr types.Address
	if salted {
		addr = crypto.CreateAddress2(f.address, types.Hash(salt.Bytes32()), crypto.Keccak256(initcode))
	} else {
		addr = crypto.CreateAddress(f.address, e.db.GetNonce(f.address))
	}
	if e.depth+1 > maxCallDepth {
		return nil, nil
	}
	if bal := e.db.GetBalance(f.address); bal.Lt(value) {
		return nil, nil
	}
	if nonce := e.db.GetNonce(f.address); nonce+1 < nonce {
		return nil, nil
	}
	charged := false
	if e.db.Empty(addr) {
		before := f.gas
		if !e.chargeStateGas(&f.gas, &f.state, fork.StateGasNewAccount) {
			f.stack.n-- // the result was never pushed (a trace shows the stack as geth's)
			return nil, ErrOutOfGas
		}
		if e.tracer != nil {
			e.tracer.GasChange(before, f.gas, trace.GasChangeAccountCreation)
		}
		charged = true
	}
	gas := f.gas - f.gas/64
	f.gas -= gas
	if e.tracer != nil {
		e.tracer.GasChange(f.gas+gas, f.gas, createReason(salted))
	}
	e.depth++
	ret, left, err := e.create(kind, f.address, initcode, gas, value, addr)
	e.depth--
	f.gas += left
	if e.tracer != nil {
		e.tracer.GasChange(f.gas-left, f.gas, trace.GasChangeCallLeftOverRefunded)
	}
	e.absorbState(&f.gas, &f.state, e.lastState)
	if charged && err != nil {
		before := f.gas
		e.refundStateGas(&f.gas, &f.state, fork.StateGasNewAccount)
		if e.tracer != nil {
			e.tracer.GasChange(before, f.gas, trace.GasChangeRefundAccountCreation)
		}
	}
	if err == nil {
		result.SetBytes20(addr[:])
	} else if err == ErrExecutionReverted {
		e.setReturnData(f, ret)
	} else if err == ErrMemoryLimit {
		return nil, err
	}
	return nil, nil
}

// gasSelfdestruct: EIP-150's 5000 base (in the table) plus 25000 for
// sending to a new account (EIP-161: only a non-zero balance to an empty
// one), plus EIP-2929's cold access of the beneficiary.
func gasSelfdestruct(e *EVM, f *frame, _ uint64) (uint64, error) {
	bene := addrOf(f.stack.back(0)) // a static frame fails in the body, after pricing (EIP-214)
	var cost uint64
	if e.is.eip2929 && !e.db.AddressInAccessList(bene) {
		e.db.AddAddressToAccessList(bene)
		cost += e.is.coldAccountCost
		if f.gas < cost {
			return 0, ErrOutOfGas // short of the cold access: stop pricing (and refunding) here, as geth does
		}
	}
	if e.is.eip8038 {
		// EIP-8038: ACCOUNT_WRITE for funding an empty account, and
		// EIP-8037's new-account state gas.
		if bal := e.db.GetBalance(f.address); !bal.IsZero() && e.db.Empty(bene) {
			return e.chargeWithState(f, cost+fork.AccountWrite8038, fork.StateGasNewAccount)
		}
		return cost, nil
	}
	if e.is.eip150 {
		if e.is.eip158 {
			if bal := e.db.GetBalance(f.address); !bal.IsZero() && e.db.Empty(bene) {
				cost += selfdestructNewGas
			}
		} else if !e.db.Exist(bene) {
			cost += selfdestructNewGas
		}
	}
	// Before EIP-3529 the refund is granted while pricing, before the gas
	// is charged, in the execution specs' order (so a trace shows it on the
	// SELFDESTRUCT step, as geth's does). Only the transaction's end reads
	// it, and a frame that then fails undoes it with its journal.
	if !e.is.eip3529 && !e.db.HasSelfDestructed(f.address) {
		e.db.AddRefund(selfdestructRefund)
	}
	return cost, nil
}

func execSelfdestruct(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	if f.static {
		return nil, ErrWriteProtection
	}
	bene := addrOf(f.stack.popPtr())
	bal := e.db.GetBalance(f.address)
	e.selfdestruct(f.address, bene, &bal)
	if e.tracer != nil {
		// After the balance changes and the EIP-7708 log, as geth reports
		// it (opSelfdestruct, opSelfdestruct6780), on either loop.
		e.traceSelfdestruct(f.address, bene, bal)
	}
	return nil, errStop
}

// selfdestruct moves a self-destructing account's balance bal to bene
// and marks the account, under the rules in force.
func (e *EVM) selfdestruct(self, bene types.Address, bal *uint256.Int) {
	// EIP-6780: only an account created in this transaction is deleted;
	// otherwise its balance just moves (and stays if it names itself).
	if e.is.eip6780 && !e.db.CreatedInTx(self) {
		if bene != self {
			e.moveSelfdestructBalance(self, bene, bal)
			e.logTransfer(self, bene, bal) // EIP-7708
		}
		return
	}
	if e.is.eip8246 {
		// EIP-8246: nothing burns. The balance goes to another beneficiary
		// and otherwise stays; ending the transaction leaves the account
		// with only its balance, or deletes it if that is zero.
		if bene != self {
			e.creditSelfdestruct(bene, bal)
			e.debitSelfdestruct(self, bal)
			e.logTransfer(self, bene, bal) // EIP-7708
		}
		e.db.SelfDestructKeepBalance(self)
		return
	}
	// Credit another beneficiary, then destroy, which zeroes the balance:
	// naming itself as beneficiary burns it. The account is not credited
	// itself first, so its balance hooks show only the decrease, as geth's.
	if bene != self {
		e.creditSelfdestruct(bene, bal)
	}
	e.db.SelfDestruct(self)
	if e.is.eip7708 {
		if bene != self {
			e.logTransfer(self, bene, bal)
		} else if !bal.IsZero() {
			e.db.AddLog(BurnLog(self, bal)) // EIP-7708's burn log, without EIP-8246
		}
	}
}
