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
//   - a block is entered at offset 0, at the JUMPDEST a jump lands on, and
//     after every instruction that ends a block: those whose OpSpec says it
//     halts, jumps, reads the gas left or calls (OpSpec.EndsBlock), every
//     instruction with dynamic gas (copies, cold accesses, ...) and every
//     undefined or custom one (newTable; validateTable checks it). So
//     whatever reads or refunds the gas left, or prices something from it,
//     is the last of its block and sees exactly the gas per-instruction
//     charging gives.
//     Falling into a JUMPDEST does not start a new block (nothing can branch
//     there), so runs of JUMPDESTs cost nothing to walk through.
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
	// blocks[pc] is the cost of running from the instruction at pc to the
	// end of its block, read where a block is entered; blocks[len(code)]
	// is the implicit STOP's (zero). Push data has no entry.
	blocks []blockCost
	// keys[pc] is the fast loop's switch key of the byte at pc (run_fast.go),
	// followed by keyPadding kStop entries for the implicit STOP past the
	// end, where a truncated PUSH can also leave pc: the loop then reads its
	// key with one load and no end-of-code test.
	keys []fastKey
}

// keyPadding covers the furthest pc can go past the code: a PUSH32 whose
// opcode is the last byte.
const keyPadding = 33

// endsBlock reports whether op must be the last instruction of its block.
// inBlock is false for undefined and custom opcodes, for every opcode with
// dynamic gas and for those whose OpSpec.EndsBlock (see newTable).
func (o *operation) endsBlock() bool { return !o.inBlock }

// pops and pushes of a table entry, from its stack bounds.
func (o *operation) pops() int   { return o.minStack }
func (o *operation) pushes() int { return stackLimit + o.minStack - o.maxStack }

// analyseCode finds the jump destinations and, for every instruction, the
// cost of running from it to the end of its block. A JUMPDEST does not end
// the block before it: falling into it needs no check, so the block entered
// at an earlier offset simply runs on through it, while a jump to it enters
// the block there.
func analyseCode(code []byte, t *jumpTable) *codeInfo {
	ci := &codeInfo{
		jumpdests: make(bitvec, (len(code)+63)/64),
		blocks:    make([]blockCost, len(code)+1),
		keys:      make([]fastKey, len(code)+keyPadding),
	}
	ops := dispatchFor(t)
	for i, b := range code {
		ci.keys[i] = ops[b]
	}
	for i := len(code); i < len(ci.keys); i++ {
		ci.keys[i] = kStop
	}
	isOp := make(bitvec, (len(code)+63)/64) // offsets that hold an instruction, not push data
	for pc := 0; pc < len(code); pc++ {
		op := OpCode(code[pc])
		isOp[pc/64] |= 1 << (pc % 64)
		if op == JUMPDEST {
			ci.jumpdests[pc/64] |= 1 << (pc % 64)
		} else if op >= PUSH1 && op <= PUSH32 {
			pc += int(op - PUSH1 + 1)
		}
	}
	fuse(ci.keys, code, isOp)
	// Backwards: the cost from each instruction to the end of its block is
	// its own plus that from the next instruction, unless it ends the block.
	// Code that runs off its end stops there (cost zero, blocks[len(code)]).
	//
	// An EIP-8024 instruction (DUPN, SWAPN, EXCHANGE) continues after its
	// immediate byte, which jump-destination analysis does not skip and
	// which was therefore taken for an instruction just before: its suffix
	// is the one from pc+2, kept in before (an instruction, since a valid
	// immediate is no PUSHn). With an invalid immediate it halts, so
	// nothing follows it.
	type suffix struct {
		gas        uint64
		need, grow int
	}
	var (
		gas        uint64 // the suffix after the current instruction
		need, grow int
		// the suffixes from the last two instructions seen
		last, before suffix
	)
	for pc := len(code) - 1; pc >= 0; pc-- {
		if !isOp.has(uint64(pc)) {
			continue
		}
		o := &t[code[pc]]
		if o.immediate {
			gas, need, grow = 0, 0, 0 // it runs off the end, or halts on an invalid immediate
			if pc+2 < len(code) && ImmediateValid(OpCode(code[pc]), code[pc+1]) {
				// pc+1 and pc+2 are the last two instructions seen: a valid
				// immediate is no PUSHn.
				gas, need, grow = before.gas, before.need, before.grow
			}
		}
		if o.endsBlock() {
			gas, need, grow = 0, 0, 0
		}
		delta := o.pushes() - o.pops()
		gas = satAdd(gas, o.constantGas)
		need = max(o.pops(), need-delta)
		grow = max(0, delta+grow)
		ci.blocks[pc] = blockCost{
			gas:  uint32(min(gas, blockGasTooBig)),
			need: uint16(min(need, blockStackCap)),
			grow: uint16(min(grow, blockStackCap)),
		}
		before, last = last, suffix{gas, need, grow}
	}
	return ci
}

// satAdd adds gas amounts, stopping at the largest uint64.
func satAdd(a, b uint64) uint64 {
	if s := a + b; s >= a {
		return s
	}
	return math.MaxUint64
}

// enterBlock checks the stack bounds of the block b starting here, with n
// items on the stack, and charges its constant gas; false means the block
// fails somewhere (nothing is charged then).
func (f *frame) enterBlock(b blockCost, n int) bool {
	if n < int(b.need) || n+int(b.grow) > stackLimit || b.gas == blockGasTooBig || f.gas < uint64(b.gas) {
		return false
	}
	f.gas -= uint64(b.gas)
	return true
}

// setCode makes code (analysed as ci) the frame's code.
func (f *frame) setCode(code []byte, ci *codeInfo) {
	f.code, f.jumpdests, f.blocks, f.keys = code, ci.jumpdests, ci.blocks, ci.keys
}
