package evm

import "github.com/holiman/uint256"

// memoryOverflowError words a memory size the interpreter cannot price (its
// memorySize, built from the same OpSpec.Memory ranges, reported overflow)
// as geth does, for the traced loop: an end
// beyond 2^64 fails while geth sizes memory, a bare "gas uint64 overflow";
// an end that fits 64 bits but lies beyond the largest priceable memory
// (maxMemory) fails while it prices it, "out of gas: gas uint64 overflow".
// Both end the frame as running out of gas does.
func memoryOverflowError(op OpCode, s *Stack) error {
	var end uint64
	for _, r := range specs[op].Memory {
		size := r.Fixed
		if r.Size >= 0 {
			v := s.back(r.Size)
			if v.IsZero() {
				continue // no memory touched, whatever the offset
			}
			if !v.IsUint64() {
				return sizeOverflow
			}
			size = v.Uint64()
		}
		off := s.back(r.Offset)
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
