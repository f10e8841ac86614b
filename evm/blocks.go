package evm

import "math"

// Basic-block gas and stack checks (the "advanced" analysis of evmone).
//
// A basic block is a run of instructions entered only at its first one and
// left only after its last. The fast loop (run_fast.go) checks the stack
// bounds and charges the constant gas of a whole block when it enters it,
// instead of instruction by instruction. Profiles of the evm-benchmarks
// cases showed these per-instruction checks as most of the dispatch cost.
//
// It gives the same results as per-instruction checking because:
//   - a block starts at offset 0, at every JUMPDEST and after every
//     instruction that ends one, and ends at: halting instructions, JUMP,
//     JUMPI, GAS, and every instruction with dynamic gas (calls, creates,
//     SSTORE, copies, cold accesses, ...) or a custom body. So whatever reads
//     or refunds the gas left, or prices something from it, is the last of
//     its block and sees exactly the gas per-instruction charging gives.
//   - a block whose entry check fails must fail somewhere inside (it cannot
//     leave early), so the loop then runs it instruction by instruction with
//     the precise checks (runChecked), to report the same error at the same
//     instruction. A failing memory expansion inside a block does the same,
//     after handing back the constant gas charged for the rest of the block.

// blockCost is what entering the block at one code offset costs and needs.
type blockCost struct {
	gas  uint32 // the constant gas of its instructions; blockGasTooBig if it does not fit
	need uint16 // stack items it needs at entry; more than stackLimit if it always underflows
	grow uint16 // most items above the entry height it reaches; more than stackLimit if it always overflows
}

const (
	blockGasTooBig = math.MaxUint32
	blockStackCap  = stackLimit + 1 // need/grow beyond this fail the same way
)

// codeInfo is the analysis of one code for one jump table, cached by code
// hash (analysis.go).
type codeInfo struct {
	jumpdests bitvec
	// blocks[pc] is the cost of the block starting at pc; it has an entry
	// for len(code) (the implicit STOP) and is zero where no block starts.
	blocks []blockCost
}

// endsBlock reports whether op must be the last instruction of its block.
// inBlock is false for undefined and custom opcodes and for every opcode
// with dynamic gas (see newTable).
func (o *operation) endsBlock() bool { return !o.inBlock }

// pops and pushes of a table entry, from its stack bounds.
func (o *operation) pops() int   { return o.minStack }
func (o *operation) pushes() int { return stackLimit + o.minStack - o.maxStack }

// analyseCode finds the jump destinations and the cost of every block.
func analyseCode(code []byte, t *jumpTable) *codeInfo {
	ci := &codeInfo{
		jumpdests: make(bitvec, (len(code)+63)/64),
		blocks:    make([]blockCost, len(code)+1),
	}
	var (
		start      int    // where the current block starts
		gas        uint64 // its constant gas so far
		need, grow int    // as in blockCost, relative to the entry height
		height     int    // stack height relative to entry
	)
	closeBlock := func(next int) {
		b := blockCost{gas: blockGasTooBig, need: blockStackCap, grow: blockStackCap}
		if gas < blockGasTooBig {
			b.gas = uint32(gas)
		}
		if need < blockStackCap {
			b.need = uint16(need)
		}
		if grow < blockStackCap {
			b.grow = uint16(grow)
		}
		ci.blocks[start] = b
		start, gas, need, grow, height = next, 0, 0, 0, 0
	}
	for pc := 0; pc < len(code); pc++ {
		op := OpCode(code[pc])
		if op == JUMPDEST {
			ci.jumpdests[pc/64] |= 1 << (pc % 64)
			if pc != start {
				closeBlock(pc)
			}
		}
		o := &t[op]
		need = max(need, o.pops()-height)
		height += o.pushes() - o.pops()
		grow = max(grow, height)
		gas = min(gas+o.constantGas, blockGasTooBig) // constantGas may be a custom op's any uint64
		if op >= PUSH1 && op <= PUSH32 {
			pc += int(op - PUSH1 + 1)
		}
		if o.endsBlock() {
			closeBlock(pc + 1)
		}
	}
	if start <= len(code) {
		closeBlock(len(code) + 1)
	}
	return ci
}

// restOfBlockGas is the constant gas of the instructions from pc to the end
// of pc's block: what entering the block charged for them in advance.
func restOfBlockGas(code []byte, t *jumpTable, pc uint64) uint64 {
	var gas uint64
	for q := pc; ; q++ {
		var op OpCode
		if q < uint64(len(code)) {
			op = OpCode(code[q])
		}
		if op == JUMPDEST && q != pc {
			return gas
		}
		o := &t[op]
		gas += o.constantGas
		if o.endsBlock() || q >= uint64(len(code)) {
			return gas
		}
		if op >= PUSH1 && op <= PUSH32 {
			q += uint64(op - PUSH1 + 1)
		}
	}
}

// enterBlock checks the stack bounds of the block b starting here and
// charges its constant gas; false means the block fails somewhere (nothing
// is charged then).
func (f *frame) enterBlock(b blockCost) bool {
	n := f.stack.n
	if n < int(b.need) || n+int(b.grow) > stackLimit || b.gas == blockGasTooBig || f.gas < uint64(b.gas) {
		return false
	}
	f.gas -= uint64(b.gas)
	return true
}

// endsBlockAlways lists the opcodes that end a block although they have no
// dynamic gas in some table: jumps, and whatever reads the gas left.
func endsBlockAlways(op OpCode) bool {
	switch op {
	case JUMP, JUMPI, GAS, SSTORE, CREATE, CREATE2, CALL, CALLCODE, DELEGATECALL, STATICCALL, SELFDESTRUCT:
		return true
	}
	return false
}

// setCode makes code (analysed as ci) the frame's code.
func (f *frame) setCode(code []byte, ci *codeInfo) {
	f.code, f.jumpdests, f.blocks = code, ci.jumpdests, ci.blocks
}
