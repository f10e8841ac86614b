package fuzzer

import "github.com/goevm/goevm/evm"

// Amsterdam's new opcodes: EIP-7843's SLOTNUM and EIP-8024's DUPN, SWAPN
// and EXCHANGE. They are drawn from the generator's second source (Gen.x)
// and added after the fragments the first one draws, so every seed keeps
// the program it had before these opcodes existed, with these added. A
// case runs on every fork: before Amsterdam the bytes are invalid opcodes,
// in both clients alike.

const (
	opSLOTNUM  = 0x4b
	opDUPN     = 0xe6
	opSWAPN    = 0xe7
	opEXCHANGE = 0xe8
)

// amsterdamOps emits SLOTNUM, or a DUPN, SWAPN or EXCHANGE over items it
// pushes deep enough (now and then a depth past them, or an invalid
// immediate), and stores the top so the result shows in the state; the
// stack is back where it was after.
func (g *Gen) amsterdamOps(a *asm) {
	x := g.x
	key := uint64(x.IntN(8))
	if x.IntN(4) == 0 {
		a.op(opSLOTNUM)
		a.depth++
		a.push(key)
		a.op(opSSTORE)
		a.depth -= 2
		return
	}
	base := a.depth
	for deep := 18 + x.IntN(15); a.depth-a.floor < deep; {
		a.push(uint64(x.IntN(1 << 16)))
	}
	avail := a.depth - a.floor // items the instruction may touch
	var imm byte
	op := []byte{opDUPN, opSWAPN, opEXCHANGE}[x.IntN(3)]
	switch {
	case x.IntN(12) == 0: // anything, often invalid (JUMPDEST, PUSHn, ...)
		imm = byte(x.IntN(256))
	case op == opDUPN:
		imm, _ = evm.EncodeSingle(17 + x.IntN(avail-16))
	case op == opSWAPN:
		imm, _ = evm.EncodeSingle(17 + x.IntN(max(1, avail-17)))
	default:
		m := 2 + x.IntN(min(avail-1, 29)-1) // m+1 <= avail, m <= 29
		n := 1 + x.IntN(min(m-1, 30-m))
		imm, _ = evm.EncodePair(n, m)
	}
	a.op(op, imm)
	if op == opDUPN {
		a.depth++
	}
	a.push(key)
	a.op(opSSTORE)
	a.depth -= 2
	a.settle(base)
}

// withAmsterdamOps inserts a few of the new opcodes, with an immediate
// where they take one, at random places in raw code.
func (g *Gen) withAmsterdamOps(code []byte) []byte {
	x := g.x
	for range x.IntN(3) {
		at := x.IntN(len(code) + 1)
		ins := []byte{[]byte{opSLOTNUM, opDUPN, opSWAPN, opEXCHANGE}[x.IntN(4)]}
		if ins[0] != opSLOTNUM {
			ins = append(ins, byte(x.IntN(256)))
		}
		code = append(code[:at], append(ins, code[at:]...)...)
	}
	return code
}
