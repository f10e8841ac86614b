package evm

// EIP-8024: DUPN, SWAPN and EXCHANGE reach below the top 16 stack items.
// Each carries one immediate byte. Jump-destination analysis does not skip
// it (analyseCode); instead the values that are JUMPDEST (0x5b) or a PUSHn
// (0x60-0x7f) are invalid immediates, so no jump destination of existing
// code appears or disappears: an opcode with one halts exceptionally after
// charging its gas. A missing immediate (the opcode is the last byte of the
// code) reads as 0, as PUSHn's missing bytes do.

func registerStackN(t *[256]behaviour) {
	t[DUPN].execute = opDupN
	t[SWAPN].execute = opSwapN
	t[EXCHANGE].execute = opExchange
}

// DecodeSingle is EIP-8024's decode_single: the depth n (17..235) a DUPN or
// SWAPN immediate x names; false for 90 < x < 128.
func DecodeSingle(x byte) (n int, ok bool) {
	if x > 90 && x < 128 {
		return 0, false
	}
	return (int(x) + 145) % 256, true
}

// DecodePair is EIP-8024's decode_pair: the depths n < m (1 <= n <= 14,
// m <= 30 - n) an EXCHANGE immediate x names; false for 81 < x < 128.
func DecodePair(x byte) (n, m int, ok bool) {
	if x > 81 && x < 128 {
		return 0, 0, false
	}
	k := int(x ^ 143)
	q, r := k/16, k%16
	if q < r {
		return q + 1, r + 1, true
	}
	return r + 1, 29 - q, true
}

// EncodeSingle is EIP-8024's encode_single: the immediate that makes DUPN
// or SWAPN reach depth n; false unless 17 <= n <= 235.
func EncodeSingle(n int) (byte, bool) {
	if n < 17 || n > 235 {
		return 0, false
	}
	return byte((n + 111) % 256), true
}

// EncodePair is EIP-8024's encode_pair: the immediate that makes EXCHANGE
// swap the items at depths n and m; false unless 1 <= n < m, n + m <= 30.
func EncodePair(n, m int) (byte, bool) {
	if n < 1 || m <= n || n+m > 30 {
		return 0, false
	}
	var q, r int
	if m <= 16 {
		q, r = n-1, m-1
	} else {
		q, r = 29-m, n-1
	}
	return byte(16*q+r) ^ 143, true
}

// ImmediateValid reports whether x is an immediate op accepts: any byte
// for PUSHn, the EIP-8024 ranges for DUPN, SWAPN and EXCHANGE; false for an
// opcode without immediates.
func ImmediateValid(op OpCode, x byte) bool {
	switch op {
	case DUPN, SWAPN:
		_, ok := DecodeSingle(x)
		return ok
	case EXCHANGE:
		_, _, ok := DecodePair(x)
		return ok
	}
	return op.IsPush()
}

// immediateAt is the byte after the opcode at pc, 0 past the end of code.
func immediateAt(code []byte, pc uint64) byte {
	if pc+1 < uint64(len(code)) {
		return code[pc+1]
	}
	return 0
}

// immediateNeed is the stack items an EIP-8024 opcode with immediate x
// needs (0 for an invalid immediate): DUPN n needs n, SWAPN n needs n+1,
// EXCHANGE n m needs m+1.
func immediateNeed(op OpCode, x byte) int {
	switch op {
	case DUPN:
		n, _ := DecodeSingle(x)
		return n
	case SWAPN:
		if n, ok := DecodeSingle(x); ok {
			return n + 1
		}
	case EXCHANGE:
		if _, m, ok := DecodePair(x); ok {
			return m + 1
		}
	}
	return 0
}

// stackNError is the failure of an EIP-8024 opcode: an invalid immediate
// (ok false), else a stack too shallow for the depth it names.
func stackNError(ok bool) error {
	if !ok {
		return ErrInvalidOpcode
	}
	return ErrStackUnderflow
}

// opDupN pushes a copy of the n'th item (1 is the top).
func opDupN(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	n, ok := DecodeSingle(immediateAt(f.code, *pc))
	if !ok {
		return nil, ErrInvalidOpcode
	}
	if f.stack.n < n {
		return nil, ErrStackUnderflow
	}
	f.stack.dup(n)
	*pc++
	return nil, nil
}

// opSwapN swaps the top with the (n+1)'th item.
func opSwapN(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	n, ok := DecodeSingle(immediateAt(f.code, *pc))
	if !ok {
		return nil, ErrInvalidOpcode
	}
	if f.stack.n < n+1 {
		return nil, ErrStackUnderflow
	}
	f.stack.swap(n)
	*pc++
	return nil, nil
}

// opExchange swaps the (n+1)'th and (m+1)'th items.
func opExchange(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	n, m, ok := DecodePair(immediateAt(f.code, *pc))
	if !ok {
		return nil, ErrInvalidOpcode
	}
	if f.stack.n < m+1 {
		return nil, ErrStackUnderflow
	}
	a, b := f.stack.back(n), f.stack.back(m)
	*a, *b = *b, *a
	*pc++
	return nil, nil
}

// immediateError is the traced loop's wording of an EIP-8024 opcode's
// failure, as geth's: the invalid immediate named, or the items an
// underflow needed. Other errors pass unchanged.
func immediateError(op OpCode, x byte, items int, err error) error {
	switch err {
	case ErrInvalidOpcode:
		return &InvalidOpcodeError{Op: op, Operand: x, HasOperand: true}
	case ErrStackUnderflow:
		return &StackError{Len: items, Bound: immediateNeed(op, x)}
	}
	return err
}
