package fuzzer

import (
	"github.com/holiman/uint256"
)

// Opcodes the generators name.
const (
	opSTOP         = 0x00
	opADD          = 0x01
	opSUB          = 0x03
	opISZERO       = 0x15
	opKECCAK       = 0x20
	opCALLDATALOAD = 0x35
	opCODECOPY     = 0x39
	opRDSIZE       = 0x3d
	opRDCOPY       = 0x3e
	opPOP          = 0x50
	opMLOAD        = 0x51
	opMSTORE       = 0x52
	opSSTORE       = 0x55
	opJUMP         = 0x56
	opJUMPI        = 0x57
	opGAS          = 0x5a
	opJUMPDEST     = 0x5b
	opPUSH0        = 0x5f
	opPUSH1        = 0x60
	opPUSH2        = 0x61
	opPUSH32       = 0x7f
	opDUP1         = 0x80
	opSWAP1        = 0x90
	opCREATE       = 0xf0
	opCALL         = 0xf1
	opCALLCODE     = 0xf2
	opRETURN       = 0xf3
	opDELEGATECALL = 0xf4
	opCREATE2      = 0xf5
	opSTATICCALL   = 0xfa
	opREVERT       = 0xfd
	opINVALID      = 0xfe
	opSELFDESTRUCT = 0xff
)

// asm builds bytecode and tracks the stack height the code leaves, so
// structured generators keep their programs mostly well formed.
type asm struct {
	code   []byte
	depth  int
	floor  int // operands below this height belong to an enclosing loop
	fixes  []fixup
	labels []int
}

// fixup is a PUSH2 whose operand is the position of a later label.
type fixup struct{ at, label int }

func (a *asm) op(ops ...byte) { a.code = append(a.code, ops...) }

// pushU pushes v with the shortest PUSH (PUSH1 0 for zero, so the code
// runs before Shanghai too).
func (a *asm) pushU(v *uint256.Int) {
	n := max(1, (v.BitLen()+7)/8)
	b := v.Bytes32()
	a.code = append(a.code, byte(opPUSH1+n-1))
	a.code = append(a.code, b[32-n:]...)
	a.depth++
}

func (a *asm) push(v uint64) { a.pushU(uint256.NewInt(v)) }

func (a *asm) pushBytes(b []byte) {
	a.code = append(a.code, byte(opPUSH1+len(b)-1))
	a.code = append(a.code, b...)
	a.depth++
}

// pushLabel pushes the position of label l, filled in by resolve.
func (a *asm) pushLabel(l int) {
	a.fixes = append(a.fixes, fixup{at: len(a.code) + 1, label: l})
	a.code = append(a.code, opPUSH2, 0, 0)
	a.depth++
}

// label makes a label to be placed later with mark.
func (a *asm) label() int {
	a.labels = append(a.labels, 0)
	return len(a.labels) - 1
}

// mark places JUMPDEST for label l.
func (a *asm) mark(l int) {
	a.labels[l] = len(a.code)
	a.code = append(a.code, opJUMPDEST)
}

// bytes fills in the label operands and returns the code.
func (a *asm) bytes() []byte {
	for _, f := range a.fixes {
		pos := a.labels[f.label]
		a.code[f.at], a.code[f.at+1] = byte(pos>>8), byte(pos)
	}
	return a.code
}

// settle pops or pushes zeros until the stack is back at height d.
func (a *asm) settle(d int) {
	for a.depth > d {
		a.op(opPOP)
		a.depth--
	}
	for a.depth < d {
		a.push(0)
	}
}

// memWrite stores data at memory offset off with PUSH32/MSTORE chunks (the
// last chunk's zero padding may overwrite up to 31 bytes after it).
func (a *asm) memWrite(off uint64, data []byte) {
	for i := 0; i < len(data); i += 32 {
		var w [32]byte
		copy(w[:], data[i:])
		a.pushBytes(trimLeft(w[:]))
		a.push(off + uint64(i))
		a.op(opMSTORE)
		a.depth -= 2
	}
}

func trimLeft(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	return b
}
