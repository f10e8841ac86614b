package asm

import "github.com/goevm/goevm/evm"

// Instruction is one decoded opcode and its immediate data.
type Instruction struct {
	Offset int        // byte offset of the opcode in the code
	Op     evm.OpCode // the byte itself; may be undefined (Defined false)
	// Imm is the immediate data present in the code. For a PUSHn cut short
	// by the end of the code it is shorter than n: Missing says by how much
	// (the EVM reads the missing bytes as zeros).
	Imm     []byte
	Missing int
	// BadImmediate: an EIP-8024 DUPN, SWAPN or EXCHANGE whose next byte is
	// no valid immediate (JUMPDEST, a PUSHn, ...). Executing it halts; the
	// next byte is an instruction of its own, as the EIP requires
	// disassemblers to show it.
	BadImmediate bool
}

// Defined reports whether the byte is an opcode in some fork.
func (in Instruction) Defined() bool {
	_, _, ok := evm.OpInfo(in.Op)
	return ok
}

// Size is the number of code bytes the instruction occupies.
func (in Instruction) Size() int { return 1 + len(in.Imm) }

// Truncated reports whether push data runs past the end of the code.
func (in Instruction) Truncated() bool { return in.Missing > 0 }

// Disassemble splits code into instructions, in order, covering every byte.
// It never fails: undefined bytes are instructions with Defined false.
func Disassemble(code []byte) []Instruction {
	out := make([]Instruction, 0, len(code)/2+1)
	for pc := 0; pc < len(code); {
		op := evm.OpCode(code[pc])
		in := Instruction{Offset: pc, Op: op}
		if n := op.Immediates(); n > 0 && !op.IsPush() && pc+1 < len(code) && !evm.ImmediateValid(op, code[pc+1]) {
			in.BadImmediate = true
		} else if n > 0 {
			end := pc + 1 + n
			if end > len(code) {
				in.Missing = end - len(code)
				end = len(code)
			}
			in.Imm = code[pc+1 : end]
		}
		out = append(out, in)
		pc += in.Size()
	}
	return out
}
