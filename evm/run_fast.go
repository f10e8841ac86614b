package evm

import (
	"sync"

	"github.com/holiman/uint256"
)

// runFast is the untraced interpreter loop. Stack bounds and constant gas
// are checked once per basic block (blocks.go), so most instructions are
// only their body. The common opcodes run inside one switch, which the Go
// compiler turns into a jump table, calling the arithmetic bodies directly
// (small enough to be inlined) instead of through the function table; the
// rest go through the table with their memory and dynamic gas.
//
// Profiles of the evm-benchmarks cases guided the choice of inline
// opcodes: PUSH, DUP, SWAP, POP, jumps, MLOAD/MSTORE and the arithmetic
// and bitwise operations make up nearly all instructions executed there.
func (e *EVM) runFast(f *frame) ([]byte, error) {
	var (
		ops       = e.dispatch()
		table     = e.table
		code      = f.code
		blocks    = f.blocks
		jumpdests = f.jumpdests
		s         = &f.stack
		pc        uint64
	)
	if len(code) == 0 || OpCode(code[0]) != JUMPDEST {
		if !f.enterBlock(blocks[0]) {
			return e.runChecked(f, 0)
		}
	}
	for {
		var op OpCode
		if pc < uint64(len(code)) {
			op = OpCode(code[pc])
		}
		switch ops[op] {
		case JUMPDEST:
			if !f.enterBlock(blocks[pc]) {
				return e.runChecked(f, pc)
			}
		case STOP:
			return nil, nil

		case PUSH0:
			s.pushN().Clear()
		case PUSH1:
			pc++
			v := s.pushN()
			if pc < uint64(len(code)) {
				v.SetUint64(uint64(code[pc]))
			} else {
				v.Clear()
			}
		case PUSH1 + 1, PUSH1 + 2, PUSH1 + 3, PUSH1 + 4, PUSH1 + 5, PUSH1 + 6, PUSH1 + 7, PUSH1 + 8,
			PUSH1 + 9, PUSH1 + 10, PUSH1 + 11, PUSH1 + 12, PUSH1 + 13, PUSH1 + 14, PUSH1 + 15,
			PUSH1 + 16, PUSH1 + 17, PUSH1 + 18, PUSH1 + 19, PUSH1 + 20, PUSH1 + 21, PUSH1 + 22,
			PUSH1 + 23, PUSH1 + 24, PUSH1 + 25, PUSH1 + 26, PUSH1 + 27, PUSH1 + 28, PUSH1 + 29,
			PUSH1 + 30, PUSH32:
			n := uint64(op-PUSH1) + 1
			v := s.pushN()
			if end := pc + 1 + n; end <= uint64(len(code)) {
				v.SetBytes(code[pc+1 : end])
			} else {
				pushTruncated(v, code[min(pc+1, uint64(len(code))):], n)
			}
			pc += n
		case DUP1, DUP1 + 1, DUP1 + 2, DUP1 + 3, DUP1 + 4, DUP1 + 5, DUP1 + 6, DUP1 + 7,
			DUP1 + 8, DUP1 + 9, DUP1 + 10, DUP1 + 11, DUP1 + 12, DUP1 + 13, DUP1 + 14, DUP16:
			s.dup(int(op-DUP1) + 1)
		case SWAP1, SWAP1 + 1, SWAP1 + 2, SWAP1 + 3, SWAP1 + 4, SWAP1 + 5, SWAP1 + 6, SWAP1 + 7,
			SWAP1 + 8, SWAP1 + 9, SWAP1 + 10, SWAP1 + 11, SWAP1 + 12, SWAP1 + 13, SWAP1 + 14, SWAP16:
			s.swap(int(op-SWAP1) + 1)
		case POP:
			s.n--

		// The arithmetic bodies ignore pc; called directly they are inlined.
		case ADD:
			opAdd(nil, e, f)
		case SUB:
			opSub(nil, e, f)
		case MUL:
			opMul(nil, e, f)
		case DIV:
			opDiv(nil, e, f)
		case MOD:
			opMod(nil, e, f)
		case LT:
			opLt(nil, e, f)
		case GT:
			opGt(nil, e, f)
		case SLT:
			opSlt(nil, e, f)
		case SGT:
			opSgt(nil, e, f)
		case EQ:
			opEq(nil, e, f)
		case ISZERO:
			opIszero(nil, e, f)
		case AND:
			opAnd(nil, e, f)
		case OR:
			opOr(nil, e, f)
		case XOR:
			opXor(nil, e, f)
		case NOT:
			opNot(nil, e, f)
		case SHL:
			opShl(nil, e, f)
		case SHR:
			opShr(nil, e, f)

		case MLOAD:
			z := s.peek()
			if !f.growMemory(z, 32) {
				return e.bail(f, pc)
			}
			off := z.Uint64()
			z.SetBytes32(f.mem.store[off : off+32])
		case MSTORE:
			off := s.back(0)
			if !f.growMemory(off, 32) {
				return e.bail(f, pc)
			}
			f.mem.set32(off.Uint64(), s.back(1))
			s.n -= 2

		case JUMP:
			dest := s.popPtr()
			if !dest.IsUint64() || !jumpdests.has(dest.Uint64()) {
				return nil, ErrInvalidJump
			}
			pc = dest.Uint64() // a JUMPDEST, which enters its block
			continue
		case JUMPI:
			dest, cond := s.popPtr(), s.popPtr()
			if !cond.IsZero() {
				if !dest.IsUint64() || !jumpdests.has(dest.Uint64()) {
					return nil, ErrInvalidJump
				}
				pc = dest.Uint64()
				continue
			}
			pc++
			if !f.enterNextBlock(pc) {
				return e.runChecked(f, pc)
			}
			continue

		default:
			o := &table[op]
			var memSize uint64
			if o.memorySize != nil {
				size, overflow := o.memorySize(s)
				if overflow {
					return e.bail(f, pc)
				}
				cost, ok := f.mem.expansionCost(size)
				if !ok || f.gas < cost {
					return e.bail(f, pc)
				}
				f.gas -= cost
				memSize = size
			}
			// Only the last instruction of a block has dynamic gas, so the
			// gas left is exact here.
			if o.dynamicGas != nil {
				cost, err := o.dynamicGas(e, f, memSize)
				if err != nil {
					return nil, err
				}
				if f.gas < cost {
					return nil, ErrOutOfGas
				}
				f.gas -= cost
			}
			if memSize > 0 {
				f.mem.resize(memSize)
			}
			// pc goes through the frame: its address handed to a function
			// value would make the local escape (one allocation per frame).
			f.pc = pc
			ret, err := o.execute(&f.pc, e, f)
			pc = f.pc
			if err != nil {
				if err == errStop {
					return ret, nil
				}
				return ret, err
			}
			if !o.inBlock {
				pc++
				if !f.enterNextBlock(pc) {
					return e.runChecked(f, pc)
				}
				continue
			}
		}
		pc++
	}
}

// enterNextBlock enters the block starting at pc after an instruction that
// ended one. A JUMPDEST there enters it itself.
func (f *frame) enterNextBlock(pc uint64) bool {
	if pc < uint64(len(f.code)) && OpCode(f.code[pc]) == JUMPDEST {
		return true
	}
	return f.enterBlock(f.blocks[pc])
}

// bail hands a block that is about to fail inside to the checked loop: it
// gives back the constant gas charged in advance for the instructions from
// pc on, which the checked loop then charges one by one.
func (e *EVM) bail(f *frame, pc uint64) ([]byte, error) {
	f.gas += restOfBlockGas(f.code, e.table, pc)
	return e.runChecked(f, pc)
}

// growMemory prices and makes room for an access of n bytes at off; false
// if the gas left does not cover the expansion.
func (f *frame) growMemory(off *uint256.Int, n uint64) bool {
	if !off.IsUint64() || off.Uint64() > maxMemory {
		return false
	}
	size := (off.Uint64() + n + 31) / 32 * 32
	if size <= uint64(len(f.mem.store)) {
		return true
	}
	cost, ok := f.mem.expansionCost(size)
	if !ok || f.gas < cost {
		return false
	}
	f.gas -= cost
	f.mem.resize(size)
	return true
}

// pushTruncated sets v to a PUSHn immediate cut short by the end of the
// code: the missing bytes read as zero.
func pushTruncated(v *uint256.Int, rest []byte, n uint64) {
	var buf [32]byte
	copy(buf[:], rest)
	v.SetBytes(buf[:n])
}

// dispatch is the switch key of every opcode for this EVM's table: the
// opcode itself where the table holds its standard body, and INVALID (run
// through the table) where the opcode is undefined in the fork or replaced
// by a custom one, so the inline cases never run an opcode the table lacks.
func (e *EVM) dispatch() *[256]OpCode {
	if e.ops == nil {
		if d, ok := dispatchCache.Load(e.table); ok {
			e.ops = d.(*[256]OpCode)
		} else {
			d := new([256]OpCode)
			for i := range d {
				d[i] = INVALID
				if e.table[i].standard {
					d[i] = OpCode(i)
				}
			}
			v, _ := dispatchCache.LoadOrStore(e.table, d)
			e.ops = v.(*[256]OpCode)
		}
	}
	return e.ops
}

var dispatchCache sync.Map // *jumpTable -> *[256]OpCode
