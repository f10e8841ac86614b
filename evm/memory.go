package evm

import "github.com/holiman/uint256"

// maxMemory bounds the memory size the interpreter will price: 2^32-1 words.
// Expanding that far costs about 3.6e16 gas, more than any block holds, so
// anything beyond is out of gas without computing (or allocating) more.
const maxMemory = 0x1FFFFFFFE0

// Memory is a frame's byte-addressed memory. It only grows, in 32-byte words,
// after the expansion has been paid for.
type Memory struct {
	store []byte
	cost  uint64 // total expansion gas paid so far
}

// Len is the memory size in bytes.
func (m *Memory) Len() int { return len(m.store) }

// Data is the memory contents (aliased; for tracers).
func (m *Memory) Data() []byte { return m.store }

func (m *Memory) reset() { m.store = m.store[:0]; m.cost = 0 }

// memoryCost is the Yellow Paper's C_mem for a memory of words words:
// 3·a + a²/512. words is at most maxMemory/32, so nothing overflows.
func memoryCost(words uint64) uint64 { return 3*words + words*words/512 }

// expansionCost is the gas to grow memory to cover size bytes (already
// word-rounded by memSize), or 0 if it is big enough. ok is false when size
// is beyond maxMemory: out of gas.
func (m *Memory) expansionCost(size uint64) (uint64, bool) {
	if size <= uint64(len(m.store)) {
		return 0, true
	}
	if size > maxMemory {
		return 0, false
	}
	return memoryCost(size/32) - m.cost, true
}

// resize grows memory to size bytes (a multiple of 32) once the cost of
// doing so has been charged.
func (m *Memory) resize(size uint64) {
	if size <= uint64(len(m.store)) {
		return
	}
	m.cost = memoryCost(size / 32)
	if size <= uint64(cap(m.store)) {
		old := len(m.store)
		m.store = m.store[:size]
		clear(m.store[old:])
		return
	}
	grown := make([]byte, size, max(size, 2*uint64(cap(m.store))))
	copy(grown, m.store)
	m.store = grown
}

// set copies value into memory at offset; memory must already be big enough.
func (m *Memory) set(offset uint64, value []byte) { copy(m.store[offset:], value) }

// set32 writes v as 32 big-endian bytes at offset (MSTORE), straight into
// memory rather than through a [32]byte (a tenth of blake2b_huff's time).
func (m *Memory) set32(offset uint64, v *uint256.Int) {
	v.PutUint256(m.store[offset : offset+32])
}

// view returns memory[offset:offset+size] without copying; size 0 gives nil
// whatever the offset.
func (m *Memory) view(offset, size uint64) []byte {
	if size == 0 {
		return nil
	}
	return m.store[offset : offset+size]
}

// copyOut returns a fresh copy of memory[offset:offset+size].
func (m *Memory) copyOut(offset, size uint64) []byte {
	if size == 0 {
		return nil
	}
	out := make([]byte, size)
	copy(out, m.store[offset:offset+size])
	return out
}

// memSize is the word-rounded memory size an access of size bytes at offset
// needs. An access of zero bytes needs nothing, whatever the offset. overflow
// is true if the end does not fit in 64 bits (which is out of gas).
func memSize(offset, size *uint256.Int) (uint64, bool) {
	if size.IsZero() {
		return 0, false
	}
	if !offset.IsUint64() || !size.IsUint64() {
		return 0, true
	}
	end := offset.Uint64() + size.Uint64()
	if end < offset.Uint64() || end > maxMemory {
		return 0, true
	}
	return (end + 31) / 32 * 32, false
}

// toWordSize is ceil(size/32), for per-word copy and hashing costs.
func toWordSize(size uint64) uint64 {
	if size > ^uint64(0)-31 {
		return (^uint64(0))/32 + 1
	}
	return (size + 31) / 32
}
