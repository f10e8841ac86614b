package evm

import (
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Environment and block opcodes: what the frame, transaction and block say.

func registerEnvironment(t *[256]behaviour) {
	push := func(op OpCode, fn func(e *EVM, f *frame, z *uint256.Int)) {
		t[op].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			fn(e, f, f.stack.pushN())
			return nil, nil
		}
	}
	push(ADDRESS, func(e *EVM, f *frame, z *uint256.Int) { z.SetBytes20(f.address[:]) })
	push(ORIGIN, func(e *EVM, f *frame, z *uint256.Int) { z.SetBytes20(e.Tx.Origin[:]) })
	push(CALLER, func(e *EVM, f *frame, z *uint256.Int) { z.SetBytes20(f.caller[:]) })
	push(CALLVALUE, func(e *EVM, f *frame, z *uint256.Int) { z.Set(&f.value) })
	push(CALLDATASIZE, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(uint64(len(f.input))) })
	push(CODESIZE, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(uint64(len(f.code))) })
	push(GASPRICE, func(e *EVM, f *frame, z *uint256.Int) { z.Set(&e.Tx.GasPrice) })
	push(RETURNDATASIZE, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(uint64(len(f.returnData))) })
	push(COINBASE, func(e *EVM, f *frame, z *uint256.Int) { z.SetBytes20(e.Block.Coinbase[:]) })
	push(TIMESTAMP, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(e.Block.Time) })
	push(NUMBER, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(e.Block.Number) })
	// EIP-4399: from the Merge, 0x44 is PREVRANDAO.
	push(PREVRANDAO, func(e *EVM, f *frame, z *uint256.Int) {
		if e.is.eip4399 {
			z.SetBytes32(e.Block.PrevRandao[:])
		} else {
			z.Set(&e.Block.Difficulty)
		}
	})
	push(GASLIMIT, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(e.Block.GasLimit) })
	push(CHAINID, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(e.cfg.ChainID) })
	push(SELFBALANCE, func(e *EVM, f *frame, z *uint256.Int) { *z = e.db.GetBalance(f.address) })
	push(BASEFEE, func(e *EVM, f *frame, z *uint256.Int) { z.Set(&e.Block.BaseFee) })
	push(BLOBBASEFEE, func(e *EVM, f *frame, z *uint256.Int) { z.Set(&e.Block.BlobBaseFee) })
	push(SLOTNUM, func(e *EVM, f *frame, z *uint256.Int) { z.SetUint64(e.Block.SlotNumber) }) // EIP-7843

	// Account queries: EIP-2929 adds a cold surcharge to the warm base gas.
	account := func(op OpCode, fn func(e *EVM, a types.Address, z *uint256.Int)) {
		t[op].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			z := f.stack.peek()
			fn(e, addrOf(z), z)
			return nil, nil
		}
		t[op].dynamicGas = gasAccountTop
	}
	account(BALANCE, func(e *EVM, a types.Address, z *uint256.Int) { *z = e.db.GetBalance(a) })
	// EIP-7702: EXTCODE* see a delegation designator itself, not its target.
	account(EXTCODESIZE, func(e *EVM, a types.Address, z *uint256.Int) { z.SetUint64(uint64(e.db.GetCodeSize(a))) })
	// EIP-8038: EXTCODESIZE reads twice (the account, then the code size),
	// the second read a WARM_ACCESS more.
	t[EXTCODESIZE].dynamicGas = func(e *EVM, f *frame, _ uint64) (uint64, error) {
		c := e.accountAccessExtra(addrOf(f.stack.back(0)))
		if e.is.eip8038 {
			c += fork.WarmAccess8038
		}
		return c, nil
	}
	// EIP-1052: zero for an account that does not exist or is empty (EIP-161).
	account(EXTCODEHASH, func(e *EVM, a types.Address, z *uint256.Int) {
		if e.db.Empty(a) {
			z.Clear()
			return
		}
		h := e.db.GetCodeHash(a)
		z.SetBytes32(h[:])
	})

	t[CALLDATALOAD].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.peek()
		var word [32]byte
		if z.IsUint64() && z.Uint64() < uint64(len(f.input)) {
			copy(word[:], f.input[z.Uint64():])
		}
		z.SetBytes32(word[:])
		return nil, nil
	}

	// CALLDATACOPY/CODECOPY(memOffset, dataOffset, length); bytes past the end read as zero.
	copier := func(op OpCode, src func(f *frame) []byte) {
		t[op].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			memOff, dataOff, length := f.stack.pop(), f.stack.pop(), f.stack.pop()
			if length.IsZero() {
				return nil, nil
			}
			f.mem.set(memOff.Uint64(), padded(src(f), &dataOff, length.Uint64(), f.mem.view(memOff.Uint64(), length.Uint64())))
			return nil, nil
		}
		t[op].dynamicGas = gasCopy(2)
	}
	copier(CALLDATACOPY, func(f *frame) []byte { return f.input })
	copier(CODECOPY, func(f *frame) []byte { return f.code })

	t[EXTCODECOPY].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		a, memOff, codeOff, length := f.stack.pop(), f.stack.pop(), f.stack.pop(), f.stack.pop()
		if length.IsZero() {
			return nil, nil
		}
		code := e.db.GetCode(addrOf(&a))
		f.mem.set(memOff.Uint64(), padded(code, &codeOff, length.Uint64(), f.mem.view(memOff.Uint64(), length.Uint64())))
		return nil, nil
	}
	t[EXTCODECOPY].dynamicGas = func(e *EVM, f *frame, _ uint64) (uint64, error) {
		c, err := wordCost(f.stack.back(3), copyWordGas)
		if err != nil {
			return 0, err
		}
		c, overflow := safeAdd(c, e.accountAccessExtra(addrOf(f.stack.back(0))))
		if overflow {
			return 0, ErrGasUintOverflow
		}
		if e.is.eip8038 { // EIP-8038: WARM_ACCESS for the second read, the code
			if c, overflow = safeAdd(c, fork.WarmAccess8038); overflow {
				return 0, ErrGasUintOverflow
			}
		}
		return c, nil
	}

	// EIP-211: reading past the end of the return data is an error, not zeros.
	t[RETURNDATACOPY].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		memOff, dataOff, length := f.stack.pop(), f.stack.pop(), f.stack.pop()
		end, overflow := new(uint256.Int).AddOverflow(&dataOff, &length)
		if overflow || !end.IsUint64() || end.Uint64() > uint64(len(f.returnData)) {
			return nil, ErrReturnDataOutOfBounds
		}
		if !length.IsZero() {
			f.mem.set(memOff.Uint64(), f.returnData[dataOff.Uint64():end.Uint64()])
		}
		return nil, nil
	}
	t[RETURNDATACOPY].dynamicGas = gasCopy(2)

	t[BLOCKHASH].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.peek()
		n, cur := z.Uint64(), e.Block.Number
		if !z.IsUint64() || n >= cur || cur-n > blockhashWindow || e.Block.GetHash == nil {
			z.Clear()
			return nil, nil
		}
		h := e.Block.GetHash(n)
		z.SetBytes32(h[:])
		return nil, nil
	}
	// EIP-4844: the versioned hash at an index, zero past the end.
	t[BLOBHASH].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.peek()
		if z.IsUint64() && z.Uint64() < uint64(len(e.Tx.BlobHashes)) {
			h := e.Tx.BlobHashes[z.Uint64()]
			z.SetBytes32(h[:])
		} else {
			z.Clear()
		}
		return nil, nil
	}
}

// padded returns src[off:off+n], zero-filled past the end of src, using dst
// (length n) as the buffer when padding is needed.
func padded(src []byte, off *uint256.Int, n uint64, dst []byte) []byte {
	if !off.IsUint64() || off.Uint64() >= uint64(len(src)) {
		clear(dst)
		return dst
	}
	start := off.Uint64()
	if end := start + n; end >= start && end <= uint64(len(src)) {
		return src[start:end]
	}
	k := copy(dst, src[start:])
	clear(dst[k:])
	return dst
}

// gasCopy prices copyWordGas per word of the size at stack position sizeAt.
func gasCopy(sizeAt int) dynamicGasFunc {
	return func(e *EVM, f *frame, _ uint64) (uint64, error) {
		return wordCost(f.stack.back(sizeAt), copyWordGas)
	}
}

// gasAccountTop is the EIP-2929 surcharge for the address on top of the stack.
func gasAccountTop(e *EVM, f *frame, _ uint64) (uint64, error) {
	return e.accountAccessExtra(addrOf(f.stack.back(0))), nil
}
