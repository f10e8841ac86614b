package difftest

import (
	"testing"

	"github.com/goevm/goevm/asm"
	"github.com/goevm/goevm/evm"
)

// The corpus must contain every opcode goevm knows, so the comparison
// covers every instruction's gas and effect in some fork.
func TestCorpusCoversEveryOpcode(t *testing.T) {
	seen := map[evm.OpCode]bool{}
	for _, p := range loadCorpus(t) {
		for _, in := range asm.Disassemble(p.code) {
			seen[in.Op] = true
		}
	}
	for i := range 256 {
		op := evm.OpCode(i)
		if _, ok := evm.Spec(op); ok && !seen[op] {
			t.Errorf("no corpus program uses %s", op)
		}
	}
}
