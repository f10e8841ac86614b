package evm

// Memory opcodes and KECCAK256. Memory has been expanded (and paid for) by
// the loop before these bodies run, to cover the ranges their OpSpec lists.

func registerMemory(t *[256]behaviour) {
	t[MLOAD].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.peek()
		off := z.Uint64()
		z.SetBytes32(f.mem.store[off : off+32])
		return nil, nil
	}

	t[MSTORE].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		off, val := f.stack.popPtr(), f.stack.popPtr()
		f.mem.set32(off.Uint64(), val)
		return nil, nil
	}

	t[MSTORE8].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		off, val := f.stack.popPtr(), f.stack.popPtr()
		f.mem.store[off.Uint64()] = byte(val.Uint64())
		return nil, nil
	}

	t[MSIZE].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		f.stack.pushN().SetUint64(uint64(f.mem.Len()))
		return nil, nil
	}

	// EIP-5656 MCOPY(dst, src, length): overlapping regions copy as if through
	// a temporary buffer (Go's copy does); memory covers both ranges.
	t[MCOPY].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		dst, src, length := f.stack.pop(), f.stack.pop(), f.stack.pop()
		if n := length.Uint64(); n > 0 {
			copy(f.mem.store[dst.Uint64():dst.Uint64()+n], f.mem.store[src.Uint64():src.Uint64()+n])
		}
		return nil, nil
	}
	t[MCOPY].dynamicGas = gasCopy(2)

	t[KECCAK256].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		off := f.stack.pop()
		z := f.stack.peek()
		e.keccakInto(z, f.mem.view(off.Uint64(), z.Uint64()))
		return nil, nil
	}
	t[KECCAK256].dynamicGas = func(e *EVM, f *frame, _ uint64) (uint64, error) {
		return wordCost(f.stack.back(1), keccakWordGas)
	}
}
