package evm

import "github.com/holiman/uint256"

// memRange is one memory range an opcode touches: the stack positions of
// its offset and size, or a fixed size (MLOAD, MSTORE, MSTORE8).
type memRange struct {
	off, size int
	fixed     uint64 // used when size < 0
}

// memRanges lists the ranges of every opcode with a memory size, for
// wording a size that cannot be priced (memoryOverflowError).
var memRanges = map[OpCode][]memRange{
	MLOAD: {{0, -1, 32}}, MSTORE: {{0, -1, 32}}, MSTORE8: {{0, -1, 1}},
	KECCAK256: {{0, 1, 0}}, RETURN: {{0, 1, 0}}, REVERT: {{0, 1, 0}},
	LOG0: {{0, 1, 0}}, LOG0 + 1: {{0, 1, 0}}, LOG0 + 2: {{0, 1, 0}}, LOG0 + 3: {{0, 1, 0}}, LOG4: {{0, 1, 0}},
	CALLDATACOPY: {{0, 2, 0}}, CODECOPY: {{0, 2, 0}}, RETURNDATACOPY: {{0, 2, 0}},
	EXTCODECOPY: {{1, 3, 0}}, MCOPY: {{0, 2, 0}, {1, 2, 0}},
	CREATE: {{1, 2, 0}}, CREATE2: {{1, 2, 0}},
	CALL: {{3, 4, 0}, {5, 6, 0}}, CALLCODE: {{3, 4, 0}, {5, 6, 0}},
	DELEGATECALL: {{2, 3, 0}, {4, 5, 0}}, STATICCALL: {{2, 3, 0}, {4, 5, 0}},
}

// memoryOverflowError words a memory size the interpreter cannot price (its
// memorySize reported overflow) as geth does, for the traced loop: an end
// beyond 2^64 fails while geth sizes memory, a bare "gas uint64 overflow";
// an end that fits 64 bits but lies beyond the largest priceable memory
// (maxMemory) fails while it prices it, "out of gas: gas uint64 overflow".
// Both end the frame as running out of gas does.
func memoryOverflowError(op OpCode, s *Stack) error {
	var end uint64
	for _, r := range memRanges[op] {
		size := r.fixed
		if r.size >= 0 {
			v := s.back(r.size)
			if v.IsZero() {
				continue // no memory touched, whatever the offset
			}
			if !v.IsUint64() {
				return sizeOverflow
			}
			size = v.Uint64()
		}
		off := s.back(r.off)
		e, overflow := new(uint256.Int).AddOverflow(off, uint256.NewInt(size))
		if overflow || !off.IsUint64() || !e.IsUint64() {
			return sizeOverflow
		}
		end = max(end, e.Uint64())
	}
	if end > ^uint64(0)-31 { // rounding up to a word overflows
		return sizeOverflow
	}
	return &GasError{Cause: ErrGasUintOverflow}
}

// sizeOverflow is geth's bare "gas uint64 overflow" for a memory end beyond
// 2^64; it is running out of gas here.
var sizeOverflow error = &causeError{text: ErrGasUintOverflow.Error(), is: ErrOutOfGas}
