package evm

import "github.com/holiman/uint256"

// The operations runFast runs out of line. Each takes the stack, the pc and
// the height sp and returns the pc and the new height, so that pc and sp
// pass through the call in registers instead of being live across it:
// live across any call in the loop, Go's register allocator spills both at
// the dispatch, two stores on every instruction, and the loop's other
// values get reloaded where the paths meet (go tool objdump of runFast:
// the DUP path went from 41 instructions to 37, with no stores to the
// goroutine stack left on it).
// The shifts and SIGNEXTEND hold their body themselves; the others call
// it, a call more.

type stackData = [stackLimit]uint256.Int

// The operations whose body is a call of a uint256 method, or of one of
// the helpers below. Each is kept out of line (go:noinline): inlined into
// runFast, pc and sp would be live across the call inside.

//go:noinline
func mulTop(st *stackData, pc uint64, sp int) (uint64, int) {
	st[sp-2].Mul(&st[sp-1], &st[sp-2])
	return pc, sp - 1
}

//go:noinline
func sdivTop(st *stackData, pc uint64, sp int) (uint64, int) {
	st[sp-2].SDiv(&st[sp-1], &st[sp-2])
	return pc, sp - 1
}

//go:noinline
func smodTop(st *stackData, pc uint64, sp int) (uint64, int) {
	st[sp-2].SMod(&st[sp-1], &st[sp-2])
	return pc, sp - 1
}

//go:noinline
func sltTop(st *stackData, pc uint64, sp int) (uint64, int) {
	setBool(&st[sp-2], st[sp-1].Slt(&st[sp-2]))
	return pc, sp - 1
}

//go:noinline
func sgtTop(st *stackData, pc uint64, sp int) (uint64, int) {
	setBool(&st[sp-2], st[sp-1].Sgt(&st[sp-2]))
	return pc, sp - 1
}

//go:noinline
func byteTop(st *stackData, pc uint64, sp int) (uint64, int) {
	st[sp-2].Byte(&st[sp-1])
	return pc, sp - 1
}

// addmodTop: the third word receives (top + second) mod it. (divTop, modTop
// and mulmodTop, which do more than call uint256, are in run_fast.go.)
//
//go:noinline
func addmodTop(st *stackData, pc uint64, sp int) (uint64, int) {
	st[sp-3].AddMod(&st[sp-1], &st[sp-2], &st[sp-3])
	return pc, sp - 2
}

// pushTop pushes the n-byte immediate of the PUSHn at pc and returns the
// pc of its last byte and the new height.
//
//go:noinline
func pushTop(st *stackData, code []byte, pc uint64, sp int, n uint64) (uint64, int) {
	pushImmediate(&st[sp], code, pc, n)
	return pc + n, sp + 1
}

// The shifts of EIP-145: the second word shifted by the top one. The
// table's SHL, SHR and SAR run them too.
func shlTop(st *stackData, pc uint64, sp int) (uint64, int) {
	shiftLeft(&st[sp-2], &st[sp-1])
	return pc, sp - 1
}

func shrTop(st *stackData, pc uint64, sp int) (uint64, int) {
	shiftRight(&st[sp-2], &st[sp-1])
	return pc, sp - 1
}

// shiftLeft and shiftRight shift value by shift, which may be value itself.
func shiftLeft(value, shift *uint256.Int) {
	if shift.LtUint64(256) {
		value.Lsh(value, uint(shift.Uint64()))
	} else {
		value.Clear()
	}
}

func shiftRight(value, shift *uint256.Int) {
	if shift.LtUint64(256) {
		value.Rsh(value, uint(shift.Uint64()))
	} else {
		value.Clear()
	}
}

// dupShl, dupShr and dupSignExtend are DUPn followed by SHL, SHR or
// SIGNEXTEND (fuse.go): the shift or the byte index is the word DUPn
// copies, st[sp-n], and the top takes the result.
func dupShl(st *stackData, pc uint64, sp, n int) (uint64, int) {
	shiftLeft(&st[sp-1], &st[sp-n])
	return pc, sp
}

func dupShr(st *stackData, pc uint64, sp, n int) (uint64, int) {
	shiftRight(&st[sp-1], &st[sp-n])
	return pc, sp
}

func dupSignExtend(st *stackData, pc uint64, sp, n int) (uint64, int) {
	signExtend(&st[sp-1], &st[sp-n])
	return pc, sp
}

func sarTop(st *stackData, pc uint64, sp int) (uint64, int) {
	value, shift := &st[sp-2], &st[sp-1]
	switch {
	case shift.LtUint64(256):
		value.SRsh(value, uint(shift.Uint64()))
	case value.Sign() < 0:
		value.SetAllOne()
	default:
		value.Clear()
	}
	return pc, sp - 1
}

// signExtendTop sets the second word x to SIGNEXTEND(b, x), b the top: bit
// 8b+7 copied into every bit above it; b over 30 leaves x as it is. It does
// what uint256's ExtendSign does with the four words in registers: that one
// copies x into z, then reads back the word holding the sign at a variable
// index right after storing it, which held up every SIGNEXTEND (half of the
// signextend benchmark's time). The table's SIGNEXTEND runs it too.
func signExtendTop(st *stackData, pc uint64, sp int) (uint64, int) {
	signExtend(&st[sp-2], &st[sp-1])
	return pc, sp - 1
}

// signExtend sets x to SIGNEXTEND(b, x); b may be x itself.
func signExtend(x, b *uint256.Int) {
	if b[1]|b[2]|b[3] != 0 || b[0] > 30 {
		return
	}
	// s shifts the sign byte to the top of its word; an arithmetic shift
	// back copies its top bit into the bits above.
	i := b[0]
	s := (56 - 8*i) & 63
	switch i / 8 {
	case 0:
		v := int64(x[0]<<s) >> s
		x[0], x[1], x[2], x[3] = uint64(v), uint64(v>>63), uint64(v>>63), uint64(v>>63)
	case 1:
		v := int64(x[1]<<s) >> s
		x[1], x[2], x[3] = uint64(v), uint64(v>>63), uint64(v>>63)
	case 2:
		v := int64(x[2]<<s) >> s
		x[2], x[3] = uint64(v), uint64(v>>63)
	default:
		x[3] = uint64(int64(x[3]<<s) >> s)
	}
}

// growAndRun runs the MLOAD, MSTORE or MSTORE8 at pc whose access
// reaches past the end of memory: it grows memory, charging the growth to
// the frame's gas, and does the access. False if the offset or the gas
// does not allow it (nothing done). pc and sp pass through, as above.
//
//go:noinline
func (f *frame) growAndRun(pc uint64, sp int) (uint64, int, bool) {
	st := &f.stack.data
	off, k := &st[sp-1], f.keys[pc]
	width := uint64(32)
	if k == kMstore8 {
		width = 1
	}
	if !off.IsUint64() || off[0] > maxMemory-32 || !f.mem.growTo(off[0]+width, &f.gas) {
		return pc, sp, false
	}
	w := f.mem.store[off[0]:]
	switch k {
	case kMload:
		loadWord(off, (*[32]byte)(w))
		return pc, sp, true
	case kMstore:
		storeWord((*[32]byte)(w), &st[sp-2])
	default: // kMstore8
		w[0] = byte(st[sp-2][0])
	}
	return pc, sp - 2, true
}

// shlBy and shrBy are PUSH1 n SHL and PUSH1 n SHR (fuse.go): the top word
// shifted by n, less than 256; they return the pc of the shift.
//
//go:noinline
func shlBy(st *stackData, pc uint64, sp int, n uint) (uint64, int) {
	st[sp-1].Lsh(&st[sp-1], n)
	return pc + 2, sp
}

//go:noinline
func shrBy(st *stackData, pc uint64, sp int, n uint) (uint64, int) {
	st[sp-1].Rsh(&st[sp-1], n)
	return pc + 2, sp
}
