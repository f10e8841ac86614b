package evm

import (
	"encoding/binary"

	"github.com/holiman/uint256"
)

// maxMemory bounds the memory size the interpreter will price: 2^32-1 words.
// Expanding that far costs about 3.6e16 gas, more than any block holds, so
// anything beyond is out of gas without computing (or allocating) more.
const maxMemory = 0x1FFFFFFFE0

// Memory is a frame's byte-addressed memory. It only grows, in 32-byte words,
// after the expansion has been paid for.
type Memory struct {
	store []byte
	cost  uint64 // total expansion gas paid so far
	// budget is the EVM's memory ceiling, shared by its live frames; nil
	// (a Memory outside an EVM) means no ceiling.
	budget *memoryBudget
}

// memoryBudget counts the bytes one EVM's live frames hold, in memory and
// as return data, against Config.MemoryLimit. Gas alone bounds memory only
// as far as the gas given: with 2^64 gas a frame could pay for 128 GiB. The
// ceiling turns that into ErrMemoryLimit instead of a fatal out-of-memory.
// It is checked only where memory grows, never on the instruction fast path.
type memoryBudget struct {
	held, limit uint64
}

// admits reports whether n more bytes stay within the limit. held and n are
// each below 2^40 (maxMemory and copies of it), so the sum cannot wrap.
func (b *memoryBudget) admits(n uint64) bool { return b.held+n <= b.limit }

// Len is the memory size in bytes.
func (m *Memory) Len() int { return len(m.store) }

// Data is the memory contents (aliased; for tracers).
func (m *Memory) Data() []byte { return m.store }

func (m *Memory) reset() { m.store = m.store[:0]; m.cost = 0; m.budget = nil }

// release gives the memory's bytes back to the budget when its frame ends.
func (m *Memory) release() {
	if m.budget != nil {
		m.budget.held -= uint64(len(m.store))
		m.budget = nil
	}
}

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

// fits reports whether growing memory to size bytes stays within the EVM's
// memory ceiling.
func (m *Memory) fits(size uint64) bool {
	n := uint64(len(m.store))
	return size <= n || m.budget == nil || m.budget.admits(size-n)
}

// grow is resize within the ceiling: false, with nothing allocated, if
// growing to size bytes would pass it.
func (m *Memory) grow(size uint64) bool {
	if !m.fits(size) {
		return false
	}
	m.resize(size)
	return true
}

// resize grows memory to size bytes (a multiple of 32) once the cost of
// doing so has been charged, counting the growth against the budget.
func (m *Memory) resize(size uint64) {
	if size <= uint64(len(m.store)) {
		return
	}
	m.extend(size, memoryCost(size/32))
}

// extend grows memory to size bytes, more than it holds, whose total
// expansion cost is total, counting the growth against the budget.
func (m *Memory) extend(size, total uint64) {
	if size <= uint64(cap(m.store)) {
		m.extendWithin(size, total)
		return
	}
	if m.budget != nil {
		m.budget.held += size - uint64(len(m.store))
	}
	m.cost = total
	m.realloc(size)
}

// extendWithin is extend within the capacity, where the new bytes may hold
// an earlier frame's (a pooled or lent memory) and are cleared. Small
// enough to inline into growWord: a call more per growth measured 1.12x
// on memory_grow_mstore/by32 (bench/ab.sh).
func (m *Memory) extendWithin(size, total uint64) {
	n := uint64(len(m.store))
	if m.budget != nil {
		m.budget.held += size - n
	}
	m.cost = total
	m.store = m.store[:size]
	if w := m.store[n:]; len(w) == 32 { // a word at a time, as MSTORE walks up
		*(*[32]byte)(w) = [32]byte{}
	} else {
		clear(w)
	}
}

// realloc moves memory into a larger array holding size bytes, the new
// ones zero.
func (m *Memory) realloc(size uint64) {
	// Doubling makes growth word by word linear overall; it stops at the
	// ceiling, so capacity never outruns what the budget allows.
	c := max(size, 2*uint64(cap(m.store)))
	if m.budget != nil {
		c = max(size, min(c, m.budget.limit))
	}
	grown := make([]byte, size, c)
	copy(grown, m.store)
	m.store = grown
}

// word returns the 32 bytes at off if memory already holds them: the
// MLOAD and MSTORE fast path, where nothing is priced or grown: a test
// for an offset past 64 bits, then wordAt.
func (m *Memory) word(off *uint256.Int) (*[32]byte, bool) {
	if off[1]|off[2]|off[3] == 0 {
		return m.wordAt(off[0])
	}
	return nil, false
}

// wordAt is word for an offset known to fit 64 bits (PUSH2's immediate):
// the offset and its end against the size. Sliced to exactly 32 bytes: the
// open-ended slice store[o:] made the compiler guard the pointer for an
// empty result, and in the fast loop's MLOAD that took a register more, a
// spill and reloads (go tool objdump).
func (m *Memory) wordAt(o uint64) (*[32]byte, bool) {
	if n := uint64(len(m.store)); o < n && n-o >= 32 {
		return (*[32]byte)(m.store[o : o+32]), true
	}
	return nil, false
}

// byteAt is word for the one byte MSTORE8 writes.
func (m *Memory) byteAt(off *uint256.Int) (*byte, bool) {
	if o := off[0]; off[1]|off[2]|off[3] == 0 && o < uint64(len(m.store)) {
		return &m.store[o], true
	}
	return nil, false
}

// growTo grows memory to cover its first end bytes (end at most
// maxMemory), taking the expansion's cost from gas: the fast loop's growth
// (growAndRun), priced once per size change (the new total cost computed
// once, for the charge and the record). False, with nothing charged or
// allocated, if gas does not cover the growth or the memory ceiling is
// passed (the checked loop then says which).
func (m *Memory) growTo(end uint64, gas *uint64) bool {
	if size := (end + 31) / 32 * 32; size > uint64(len(m.store)) {
		total, ok := m.charge(size, gas)
		if !ok {
			return false
		}
		m.extend(size, total)
	}
	return true
}

// growWord is growTo for the word at off within capacity: the growth of
// MSTORE and MLOAD as structarray_alloc and memory_grow_mstore/mload grow
// memory, a word or two at a time. Nil when off passes 64 bits, memory
// already holds the word, the growth needs a larger array, or gas or the
// ceiling do not allow it; growTo then does it or says no.
func (m *Memory) growWord(off *uint256.Int, gas *uint64) *[32]byte {
	o := off[0]
	size := (o + 63) &^ 31
	if off[1]|off[2]|off[3] != 0 || o > maxMemory-32 || size <= uint64(len(m.store)) || size > uint64(cap(m.store)) {
		return nil
	}
	total, ok := m.charge(size, gas)
	if !ok {
		return nil
	}
	m.extendWithin(size, total)
	return (*[32]byte)(m.store[o : o+32])
}

// charge takes from gas the cost of growing memory to size bytes (more
// than it holds, a multiple of 32) and gives the new total cost for
// extend. False, with nothing charged, if gas does not cover it or the
// memory ceiling is passed.
func (m *Memory) charge(size uint64, gas *uint64) (uint64, bool) {
	total := memoryCost(size / 32)
	cost := total - m.cost
	if *gas < cost || !m.fits(size) {
		return 0, false
	}
	*gas -= cost
	return total, true
}

// loadWord sets z to the big-endian word w (MLOAD).
func loadWord(z *uint256.Int, w *[32]byte) {
	z[3] = binary.BigEndian.Uint64(w[0:8])
	z[2] = binary.BigEndian.Uint64(w[8:16])
	z[1] = binary.BigEndian.Uint64(w[16:24])
	z[0] = binary.BigEndian.Uint64(w[24:32])
}

// storeWord writes v into w big-endian (MSTORE).
func storeWord(w *[32]byte, v *uint256.Int) {
	binary.BigEndian.PutUint64(w[0:8], v[3])
	binary.BigEndian.PutUint64(w[8:16], v[2])
	binary.BigEndian.PutUint64(w[16:24], v[1])
	binary.BigEndian.PutUint64(w[24:32], v[0])
}

// storeByte writes the word holding just the byte c (PUSH1 c ... MSTORE)
// into w.
func storeByte(w *[32]byte, c byte) {
	*(*[31]byte)(w[:31]) = [31]byte{}
	w[31] = c
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

// setReturnData replaces f's return data, keeping the budget's count of it.
// It is not checked against the limit: return data is a copy of memory the
// budget admitted (or a small precompile output), and the frame that
// produced it has just given its own memory back.
func (e *EVM) setReturnData(f *frame, data []byte) {
	e.mem.held += uint64(len(data))
	e.mem.held -= uint64(len(f.returnData))
	f.returnData = data
}

// endFrame gives a finished frame's memory and return data back to the
// budget, before its memory is kept for reuse or pooled.
func (e *EVM) endFrame(f *frame) {
	e.mem.held -= uint64(len(f.returnData))
	f.returnData = nil
	f.mem.release()
}

// returnDataCovers reports whether the return data holds the bytes the
// RETURNDATACOPY on top of f's stack reads (EIP-211); stack: memory
// offset, data offset, length.
func returnDataCovers(f *frame) bool {
	end, overflow := new(uint256.Int).AddOverflow(f.stack.back(1), f.stack.back(2))
	return !overflow && end.IsUint64() && end.Uint64() <= uint64(len(f.returnData))
}

// grow makes f's memory size bytes long for op once the step is paid for.
// It fails before allocating anything for a RETURNDATACOPY that reads past
// the return data, which fails anyway (the specs check the bounds after
// charging gas and before expanding memory), and for growth past the
// memory ceiling.
func (e *EVM) grow(f *frame, op OpCode, size uint64) error {
	if op == RETURNDATACOPY && !returnDataCovers(f) {
		return ErrReturnDataOutOfBounds
	}
	if !f.mem.grow(size) {
		return ErrMemoryLimit
	}
	return nil
}
