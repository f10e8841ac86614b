package evm

import "github.com/goevm/goevm/types"

// bitvec marks the code positions holding a JUMPDEST opcode (not push data).
type bitvec []uint64

func (b bitvec) has(pos uint64) bool {
	i := pos / 64
	return i < uint64(len(b)) && b[i]&(1<<(pos%64)) != 0
}

// analyse finds the valid jump destinations of code: JUMPDEST bytes that
// are opcodes, not immediates of a PUSH.
func analyse(code []byte) bitvec {
	b := make(bitvec, (len(code)+63)/64)
	for pc := 0; pc < len(code); pc++ {
		op := OpCode(code[pc])
		if op == JUMPDEST {
			b[pc/64] |= 1 << (pc % 64)
		} else if op >= PUSH1 && op <= PUSH32 {
			pc += int(op - PUSH1 + 1)
		}
	}
	return b
}

// jumpdests returns the analysis of code, cached by code hash when the code
// has one (deployed code); initcode (zero hash) is analysed afresh.
func (e *EVM) jumpdests(code []byte, hash types.Hash) bitvec {
	if hash.IsZero() {
		return analyse(code)
	}
	if b, ok := e.jumpdest[hash]; ok {
		return b
	}
	b := analyse(code)
	e.jumpdest[hash] = b
	return b
}
