package asm

import "github.com/goevm/goevm/evm"

// Layout is what the disassembler recognises in a piece of code.
type Layout struct {
	// Constructor is the creation code's own part, code[:RuntimeOffset], when
	// a CODECOPY of a constant range followed by a RETURN of that many bytes
	// reveals that the code deploys a runtime it carries; nil otherwise.
	Constructor   []byte
	RuntimeOffset int
	// Runtime is the deployed code: the copied range for creation code, the
	// whole input otherwise.
	Runtime []byte
	// Args are the bytes after the runtime in creation code: usually
	// ABI-encoded constructor arguments.
	Args []byte
	// Metadata is the runtime's compiler trailer, nil if it has none.
	// MetadataErr says why a trailer-shaped tail did not decode.
	Metadata    *Metadata
	MetadataErr error
}

// Analyze finds the constructor/runtime split and the metadata trailer.
func Analyze(code []byte) Layout {
	l := Layout{Runtime: code}
	if off, size, ok := FindRuntime(code); ok {
		l.Constructor = code[:off]
		l.RuntimeOffset = off
		l.Runtime = code[off : off+size]
		l.Args = code[off+size:]
	}
	md, err := ParseMetadata(l.Runtime)
	if err == nil {
		l.Metadata = md
	} else if err != ErrNoMetadata { //nolint:errorlint // the bare sentinel means "no trailer"; a wrapped one, "malformed"
		l.MetadataErr = err
	}
	return l
}

// Body is the runtime without its metadata trailer: the part that is code.
func (l *Layout) Body() []byte {
	if l.Metadata == nil {
		return l.Runtime
	}
	return l.Runtime[:len(l.Runtime)-l.Metadata.Size]
}

// word is a stack slot in FindRuntime's abstract interpretation: a known
// constant, or unknown.
type word struct {
	v     uint64
	known bool
}

// FindRuntime looks for the deploy pattern compilers emit at the end of a
// constructor: CODECOPY(dest, offset, size) with constant offset and size,
// then RETURN(dest, size) of the same constant size, the copied range lying
// after the RETURN. Solidity writes
//
//	PUSH2 size DUP1 PUSH2 offset PUSH0 CODECOPY PUSH0 RETURN
//
// and variants (immutables are patched in memory between the two). It runs
// the code straight through, tracking which stack slots hold constants;
// jump destinations reset what it knows, since control may arrive from
// anywhere.
func FindRuntime(code []byte) (offset, size int, ok bool) {
	var stack []word
	pop := func() word {
		if len(stack) == 0 {
			return word{}
		}
		w := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return w
	}
	peek := func(i int) word { // i-th from top, 1-based
		if i > len(stack) {
			return word{}
		}
		return stack[len(stack)-i]
	}
	type copied struct{ off, size uint64 }
	var copies []copied
	for _, in := range Disassemble(code) {
		op := in.Op
		switch {
		case op == evm.PUSH0 || op.IsPush():
			w := word{known: true}
			imm := in.Imm
			for len(imm) > 0 && imm[0] == 0 {
				imm = imm[1:]
			}
			if len(imm) > 8 || in.Truncated() {
				w = word{}
			}
			for _, b := range imm {
				w.v = w.v<<8 | uint64(b)
			}
			stack = append(stack, w)
		case op >= evm.DUP1 && op <= evm.DUP16:
			stack = append(stack, peek(int(op-evm.DUP1)+1))
		case op >= evm.SWAP1 && op <= evm.SWAP16:
			n := int(op-evm.SWAP1) + 1
			for len(stack) < n+1 { // materialise unknowns below
				stack = append([]word{{}}, stack...)
			}
			top, other := len(stack)-1, len(stack)-1-n
			stack[top], stack[other] = stack[other], stack[top]
		case op == evm.CODECOPY:
			_, off, sz := pop(), pop(), pop()
			if off.known && sz.known && sz.v > 0 && off.v < uint64(len(code)) && sz.v <= uint64(len(code))-off.v {
				copies = append(copies, copied{off.v, sz.v})
			}
		case op == evm.RETURN:
			_, sz := pop(), pop()
			if sz.known {
				for i := len(copies) - 1; i >= 0; i-- {
					c := copies[i]
					if c.size == sz.v && c.off > uint64(in.Offset) {
						return int(c.off), int(c.size), true
					}
				}
			}
			stack = stack[:0]
		case op == evm.JUMPDEST || !in.Defined():
			stack = stack[:0]
		default:
			spec, _ := evm.Spec(op)
			for range spec.Pops {
				pop()
			}
			for range spec.Pushes {
				stack = append(stack, word{})
			}
			if spec.Halts || op == evm.JUMP {
				stack = stack[:0]
			}
		}
		if len(stack) > 1024 { // keep hostile input bounded
			stack = stack[len(stack)-1024:]
		}
	}
	return 0, 0, false
}
