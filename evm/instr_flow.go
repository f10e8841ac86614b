package evm

// Control flow and halting: STOP, JUMP, JUMPI, JUMPDEST, PC, GAS, RETURN,
// REVERT, INVALID.

func registerFlow(t *[256]behaviour) {
	t[STOP].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) { return nil, errStop }
	t[JUMPDEST].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) { return nil, nil }
	t[INVALID].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		return nil, ErrInvalidOpcode
	}

	// The jumps' table bodies run in the checked and traced loops only (the
	// fast loop runs them inline), so the interrupt test costs an untraced
	// run nothing (trace.Hooks.Interrupt). A loop cannot go round without
	// a jump, so it is stopped there, as geth's evm.Cancel is.
	t[JUMP].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		if e.interrupt != nil && e.interrupt.Load() {
			return nil, ErrInterrupted
		}
		dest := f.stack.popPtr()
		if !dest.IsUint64() || !f.jumpdests.has(dest.Uint64()) {
			return nil, ErrInvalidJump
		}
		*pc = dest.Uint64() - 1 // the loop steps onto the JUMPDEST
		return nil, nil
	}
	t[JUMPI].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		if e.interrupt != nil && e.interrupt.Load() {
			return nil, ErrInterrupted
		}
		dest, cond := f.stack.popPtr(), f.stack.popPtr()
		if cond.IsZero() {
			return nil, nil
		}
		if !dest.IsUint64() || !f.jumpdests.has(dest.Uint64()) {
			return nil, ErrInvalidJump
		}
		*pc = dest.Uint64() - 1
		return nil, nil
	}
	t[PC].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		f.stack.pushN().SetUint64(*pc)
		return nil, nil
	}
	// GAS is the gas left after paying for GAS itself.
	t[GAS].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		f.stack.pushN().SetUint64(f.gas)
		return nil, nil
	}

	t[RETURN].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		off, size := f.stack.popPtr(), f.stack.popPtr()
		return f.mem.view(off.Uint64(), size.Uint64()), errStop // copied out by call/create
	}
	// EIP-140: REVERT undoes the frame's changes but returns its unused gas and data.
	t[REVERT].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		off, size := f.stack.popPtr(), f.stack.popPtr()
		return f.mem.view(off.Uint64(), size.Uint64()), ErrExecutionReverted
	}
}

// registerStackOps fills POP, PUSH0..PUSH32, DUP1..16 and SWAP1..16.
func registerStackOps(t *[256]behaviour) {
	t[POP].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		f.stack.n--
		return nil, nil
	}
	t[PUSH0].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		f.stack.pushN().Clear()
		return nil, nil
	}
	t[PUSH1].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
		z := f.stack.pushN()
		*pc++
		if *pc < uint64(len(f.code)) {
			z.SetUint64(uint64(f.code[*pc]))
		} else {
			z.Clear()
		}
		return nil, nil
	}
	for n := 2; n <= 32; n++ {
		size := uint64(n)
		t[PUSH1+OpCode(n-1)].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			start := *pc + 1
			z := f.stack.pushN()
			if end := start + size; end <= uint64(len(f.code)) {
				z.SetBytes(f.code[start:end])
			} else {
				// Code ends inside the immediate: the missing bytes read as zero.
				var buf [32]byte
				if start < uint64(len(f.code)) {
					copy(buf[:], f.code[start:])
				}
				z.SetBytes(buf[:size])
			}
			*pc += size
			return nil, nil
		}
	}
	for n := 1; n <= 16; n++ {
		k := n
		t[DUP1+OpCode(n-1)].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			f.stack.dup(k)
			return nil, nil
		}
		t[SWAP1+OpCode(n-1)].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			f.stack.swap(k)
			return nil, nil
		}
	}
}
