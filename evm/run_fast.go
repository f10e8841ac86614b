package evm

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"sync"

	"github.com/goevm/goevm/crypto"
	"github.com/holiman/uint256"
)

// runFast is the untraced interpreter loop. Stack bounds and constant gas
// are checked once per basic block (blocks.go), so most instructions are
// only their body. The common opcodes run inside one switch, which the Go
// compiler turns into a jump table; the rest go through the table with
// their memory and dynamic gas.
//
// Profiles of the evm-benchmarks cases guided the choice of inline
// opcodes: PUSH, DUP, SWAP, POP, jumps, MLOAD/MSTORE/MSTORE8 and the arithmetic
// and bitwise operations make up nearly all instructions executed there.
// Their bodies work on a local stack height, sp, rather than the frame's:
// kept in a register it takes the read-modify-write of f.stack.n off every
// instruction's dependency chain, which measured about a quarter of the
// loop's time. f.stack.n is brought up to date (sync) before anything else
// looks at the stack: table bodies, the checked loop, returns.
// (A closure doing that would capture sp by reference and keep it in
// memory.) Bodies run out of line take pc and sp and give them back
// (run_fast_calls.go), so that neither is live across a call; pairs of
// instructions compiled code runs often run as one step (fuse.go).
//
// Every case ends in its own continue (or a goto or return): the compiler
// then jumps from each straight back to the dispatch. Cases that ran on
// into one "pc++; continue" after the switch took two jumps per
// instruction, the loop's bound on code with no dependencies between
// instructions: bench/ab.sh 0.944-0.956 of the time over the 27
// evm-benchmarks cases, 0.92-0.94 over the micro ones (two runs of 9
// rounds; the build against itself 0.98-0.99).
func (e *EVM) runFast(f *frame) ([]byte, error) {
	var (
		ops  = f.keys
		code = f.code
		st   = &f.stack.data
		sp   = f.stack.n
		pc   uint64
	)
	if !f.enterBlock(f.blocks[0], sp) {
		return e.runChecked(f, 0)
	}
	for {
		switch k := ops[pc]; k {
		case kJumpdest:
			// Its gas was charged with its block's, on entry by a jump or in
			// the block that runs into it; so is that of the JUMPDESTs that
			// may follow, which a scan passes faster than dispatching: eight
			// bytes at a time, then byte by byte. (A loop variable of its own:
			// pc lives on the stack in this large function, and stepping it
			// there ran three times slower.)
			next := pc + 1
			for next+8 <= uint64(len(code)) && binary.LittleEndian.Uint64(code[next:]) == jumpdests8 {
				next += 8
			}
			for next < uint64(len(code)) && OpCode(code[next]) == JUMPDEST {
				next++
			}
			pc = next
			continue
		case kStop:
			f.stack.n = sp
			return nil, nil

		case kPush0:
			st[sp].Clear()
			sp++
			pc++
			continue
		case kPush1:
			pc++
			if pc < uint64(len(code)) {
				st[sp].SetUint64(uint64(code[pc]))
			} else {
				st[sp].Clear()
			}
			sp++
			pc++
			continue
		case kPush2:
			// PUSH2 dest JUMP and PUSH2 dest JUMPI are how compiled code
			// jumps, and PUSH2 offset MLOAD and MSTORE how Huff code reads
			// and writes its variables (13% of blake2b_huff's
			// instructions). Run as one step, they skip a dispatch and the
			// push and pop of the immediate; the pair is in one block
			// (PUSH2 does not end one, nor can a JUMPDEST follow it), so
			// the block's checks covered both. Same errors, same gas.
			if pc+3 >= uint64(len(code)) { // no instruction after it
				pc, sp = pushTop(st, code, pc, sp, 2)
				pc++
				continue
			}
			imm, next := uint64(code[pc+1])<<8|uint64(code[pc+2]), ops[pc+3]
			if next == kMload || next == kMstore {
				// Outside memory, the PUSH2 runs alone and the next
				// instruction grows memory.
				if w, ok := f.mem.wordAt(imm); ok {
					if next == kMload {
						loadWord(&st[sp], w)
						sp++
					} else {
						storeWord(w, &st[sp-1])
						sp--
					}
					pc += 4
					continue
				}
			}
			if next != kJump && next != kJumpi {
				st[sp].SetUint64(imm)
				sp++
				pc += 3
				continue
			}
			// A jump goes on past the JUMPDEST it lands on, as in kJump.
			past := uint64(1)
			if next == kJump {
				if !f.jumpdests.has(imm) {
					f.stack.n = sp
					return nil, ErrInvalidJump
				}
				pc = imm
			} else {
				sp--
				if st[sp].IsZero() {
					pc += 4
					past = 0
				} else if !f.jumpdests.has(imm) {
					f.stack.n = sp
					return nil, ErrInvalidJump
				} else {
					pc = imm
				}
			}
			if !f.enterBlock(f.blocks[pc], sp) {
				f.stack.n = sp
				return e.runChecked(f, pc)
			}
			pc += past
			continue
		case kPushN:
			// Immediates of up to eight bytes (PUSH4 selectors and
			// masks, PUSH8 in blake2b_shifts: 3.6% and 2.7% of
			// sha1_shifts' and blake2b_shifts' instructions) are read
			// as one big-endian word from the code, which an
			// out-of-line call and its reloads cost more than.
			n := uint64(code[pc]-byte(PUSH1)) + 1
			if n <= 8 && pc+9 <= uint64(len(code)) {
				st[sp].SetUint64(binary.BigEndian.Uint64(code[pc+1:pc+9]) >> (64 - 8*n))
				sp++
				pc += n + 1
				continue
			}
			pc, sp = pushTop(st, code, pc, sp, n)
			pc++
			continue
		case kDup1, kDup2, kDup3, kDup4, kDup5, kDup6, kDup7, kDup8,
			kDup9, kDup10, kDup11, kDup12, kDup13, kDup14, kDup15, kDup16:
			copyWord(&st[sp], &st[sp-1-int(k-kDup1)])
			sp++
			pc++
			continue
		case kSwap1, kSwap2, kSwap3, kSwap4, kSwap5, kSwap6, kSwap7, kSwap8,
			kSwap9, kSwap10, kSwap11, kSwap12, kSwap13, kSwap14, kSwap15, kSwap16:
			// Word by word, as copyWord, and one word at a time: swapping
			// all four at once took eight registers, and the loop then
			// reloaded six of its own from the goroutine stack (go tool
			// objdump).
			a, b := &st[sp-1], &st[sp-2-int(k-kSwap1)]
			a[0], b[0] = b[0], a[0]
			a[1], b[1] = b[1], a[1]
			a[2], b[2] = b[2], a[2]
			a[3], b[3] = b[3], a[3]
			pc++
			continue
		case kPop:
			sp--
			pc++
			continue

		// Pairs of instructions run as one step (fuse.go): the second
		// one's dispatch and the first one's push and pop are saved. Both
		// are in one block, so its checks covered both.
		case kPush1Add:
			st[sp-1].AddUint64(&st[sp-1], uint64(code[pc+1]))
			pc += 3
			continue
		case kPush1Shl:
			pc, sp = shlBy(st, pc, sp, uint(code[pc+1]))
			pc++
			continue
		case kPush1Shr:
			pc, sp = shrBy(st, pc, sp, uint(code[pc+1]))
			pc++
			continue
		// DUPn then a binary operation: the operation's top operand, a,
		// is the word DUPn would copy, dupDepth below the top (fuse.go).
		case kDupAdd:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			b.Add(a, b)
			pc += 2
			continue
		case kDupSub:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			b.Sub(a, b)
			pc += 2
			continue
		case kDupLt:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			setBool(b, a.Lt(b))
			pc += 2
			continue
		case kDupGt:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			setBool(b, a.Gt(b))
			pc += 2
			continue
		case kDupEq:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			setBool(b, a.Eq(b))
			pc += 2
			continue
		case kDupAnd:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			b.And(a, b)
			pc += 2
			continue
		case kDupOr:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			b.Or(a, b)
			pc += 2
			continue
		case kDupXor:
			a, b := &st[sp-dupDepth(code, pc)], &st[sp-1]
			b.Xor(a, b)
			pc += 2
			continue
		case kDupShl:
			pc, sp = dupShl(st, pc, sp, dupDepth(code, pc))
			pc += 2
			continue
		case kDupShr:
			pc, sp = dupShr(st, pc, sp, dupDepth(code, pc))
			pc += 2
			continue
		case kDupSignextend:
			pc, sp = dupSignExtend(st, pc, sp, dupDepth(code, pc))
			pc += 2
			continue
		case kPushLowMask:
			setLowMask(&st[sp], uint(code[pc+5]))
			sp++
			pc += 8
			continue
		case kAndLowMask:
			andLowMask(&st[sp-1], uint(code[pc+5]))
			pc += 9
			continue
		case kPush1Dup2Mstore:
			// Where memory cannot grow here (growWord), PUSH1 DUP2 run
			// as a pair and the MSTORE grows memory on its own.
			w, ok := f.mem.word(&st[sp-1])
			if !ok {
				w = f.mem.growWord(&st[sp-1], &f.gas)
			}
			if w != nil {
				storeByte(w, code[pc+1])
				pc += 4
				continue
			}
			fallthrough
		case kPush1Dup2:
			st[sp].SetUint64(uint64(code[pc+1]))
			copyWord(&st[sp+1], &st[sp-1])
			sp += 2
			pc += 3
			continue
		case kSwap1Pop:
			copyWord(&st[sp-2], &st[sp-1])
			sp--
			pc += 2
			continue
		case kPop2:
			sp -= 2
			pc += 2
			continue
		case kIszeroJumpi:
			// ISZERO PUSH2 dest JUMPI: jump when the top is zero. As the
			// PUSH2 case's jumps, past the JUMPDEST it lands on.
			sp--
			next, past := pc+5, uint64(0)
			if st[sp].IsZero() {
				dest := uint64(code[pc+2])<<8 | uint64(code[pc+3])
				if !f.jumpdests.has(dest) {
					f.stack.n = sp
					return nil, ErrInvalidJump
				}
				next, past = dest, 1
			}
			if !f.enterBlock(f.blocks[next], sp) {
				f.stack.n = sp
				return e.runChecked(f, next)
			}
			pc = next + past
			continue

		// EIP-8024: the immediate byte names the depth (instr_stackn.go);
		// the block's checks covered the stack bound the spec line gives,
		// the depth beyond it is checked here.
		case kDupN:
			n, ok := DecodeSingle(immediateAt(code, pc))
			if !ok || sp < n {
				f.stack.n = sp
				return nil, stackNError(ok)
			}
			st[sp] = st[sp-n]
			sp++
			pc += 2
			continue
		case kSwapN:
			n, ok := DecodeSingle(immediateAt(code, pc))
			if !ok || sp < n+1 {
				f.stack.n = sp
				return nil, stackNError(ok)
			}
			st[sp-1], st[sp-1-n] = st[sp-1-n], st[sp-1]
			pc += 2
			continue
		case kExchange:
			n, m, ok := DecodePair(immediateAt(code, pc))
			if !ok || sp < m+1 {
				f.stack.n = sp
				return nil, stackNError(ok)
			}
			st[sp-1-n], st[sp-1-m] = st[sp-1-m], st[sp-1-n]
			pc += 2
			continue

		// Binary operations: a is the top, b below it; the result replaces b.
		case kAdd:
			sp--
			st[sp-1].Add(&st[sp], &st[sp-1])
			pc++
			continue
		case kSub:
			sp--
			st[sp-1].Sub(&st[sp], &st[sp-1])
			pc++
			continue
		case kMul:
			pc, sp = mulTop(st, pc, sp)
			pc++
			continue
		case kDiv:
			pc, sp = divTop(st, pc, sp)
			pc++
			continue
		case kMod:
			pc, sp = modTop(st, pc, sp)
			pc++
			continue
		case kSdiv:
			pc, sp = sdivTop(st, pc, sp)
			pc++
			continue
		case kSmod:
			pc, sp = smodTop(st, pc, sp)
			pc++
			continue
		case kLt:
			sp--
			setBool(&st[sp-1], st[sp].Lt(&st[sp-1]))
			pc++
			continue
		case kGt:
			sp--
			setBool(&st[sp-1], st[sp].Gt(&st[sp-1]))
			pc++
			continue
		case kSlt:
			pc, sp = sltTop(st, pc, sp)
			pc++
			continue
		case kSgt:
			pc, sp = sgtTop(st, pc, sp)
			pc++
			continue
		case kEq:
			sp--
			setBool(&st[sp-1], st[sp].Eq(&st[sp-1]))
			pc++
			continue
		case kAnd:
			sp--
			st[sp-1].And(&st[sp], &st[sp-1])
			pc++
			continue
		case kOr:
			sp--
			st[sp-1].Or(&st[sp], &st[sp-1])
			pc++
			continue
		case kXor:
			sp--
			st[sp-1].Xor(&st[sp], &st[sp-1])
			pc++
			continue
		case kByte:
			pc, sp = byteTop(st, pc, sp)
			pc++
			continue
		case kShl:
			pc, sp = shlTop(st, pc, sp)
			pc++
			continue
		case kShr:
			pc, sp = shrTop(st, pc, sp)
			pc++
			continue
		case kSar:
			pc, sp = sarTop(st, pc, sp)
			pc++
			continue
		case kSignextend:
			pc, sp = signExtendTop(st, pc, sp)
			pc++
			continue
		case kIszero:
			setBool(&st[sp-1], st[sp-1].IsZero())
			pc++
			continue
		case kNot:
			st[sp-1].Not(&st[sp-1])
			pc++
			continue
		case kAddmod:
			pc, sp = addmodTop(st, pc, sp)
			pc++
			continue
		case kMulmod:
			pc, sp = e.mulmodTop(st, pc, sp)
			pc++
			continue

		// Growing memory, the three memory operations run in growAndRun,
		// which prices the growth; MLOAD and MSTORE first try growWord,
		// a word or two within the memory's capacity.
		case kMload:
			z := &st[sp-1]
			w, ok := f.mem.word(z)
			if !ok {
				if w = f.mem.growWord(z, &f.gas); w == nil {
					goto grow
				}
			}
			loadWord(z, w)
			pc++
			continue
		case kMstore:
			off := &st[sp-1]
			w, ok := f.mem.word(off)
			if !ok {
				if w = f.mem.growWord(off, &f.gas); w == nil {
					goto grow
				}
			}
			storeWord(w, &st[sp-2])
			sp -= 2
			pc++
			continue
		case kMstore8:
			off := &st[sp-1]
			b, ok := f.mem.byteAt(off)
			if !ok {
				goto grow
			}
			*b = byte(st[sp-2][0])
			sp -= 2
			pc++
			continue

		// A jump goes on past the JUMPDEST it lands on: that one's gas was
		// charged with the block it begins, and it does nothing else. (Of
		// the instructions the main benchmarks run, 3-4% are JUMPDESTs
		// landed on by a jump: snailtracer, swap_math, blake2b_shifts.)
		case kJump:
			sp--
			dest := &st[sp]
			if !dest.IsUint64() || !f.jumpdests.has(dest.Uint64()) {
				f.stack.n = sp
				return nil, ErrInvalidJump
			}
			pc = dest.Uint64()
			if !f.enterBlock(f.blocks[pc], sp) {
				f.stack.n = sp
				return e.runChecked(f, pc)
			}
			pc++
			continue
		case kJumpi:
			sp -= 2
			past := uint64(0)
			if dest := &st[sp+1]; !st[sp].IsZero() {
				if !dest.IsUint64() || !f.jumpdests.has(dest.Uint64()) {
					f.stack.n = sp
					return nil, ErrInvalidJump
				}
				pc, past = dest.Uint64(), 1
			} else {
				pc++
			}
			if !f.enterBlock(f.blocks[pc], sp) {
				f.stack.n = sp
				return e.runChecked(f, pc)
			}
			pc += past
			continue

		// Keys from 0 up have cases, so the jump table is indexed by the
		// key itself (no subtraction of the lowest key first).
		case kGeneric:
			goto table
		default:
			goto table
		}

	grow:
		{
			var grown bool
			if pc, sp, grown = f.growAndRun(pc, sp); !grown {
				f.stack.n = sp
				return e.bail(f, pc)
			}
		}
		pc++
		continue

	table:
		f.stack.n = sp
		{
			var (
				ret            []byte
				err            error
				done, endBlock bool
			)
			pc, ret, err, done, endBlock = e.generic(f, OpCode(code[pc]), pc)
			if done {
				return ret, err
			}
			sp = f.stack.n
			if endBlock {
				pc++
				if !f.enterBlock(f.blocks[pc], sp) {
					return e.runChecked(f, pc)
				}
				continue
			}
		}
		pc++
	}
}

// generic runs an opcode through the table: memory expansion, dynamic gas
// (only the last instruction of a block has any, so the gas left is exact
// there) and the body. It returns the pc the body leaves; done reports that
// the frame has ended, with ret and err its result. The stack height must
// be synced before. endBlock reports that the opcode ended its block. (pc
// is passed by value: taking the loop's pc by address kept it in memory for
// the whole loop, an extra store and load on every instruction; for the
// same reason op is not needed after the call.)
func (e *EVM) generic(f *frame, op OpCode, pc uint64) (next uint64, ret []byte, err error, done, endBlock bool) {
	o := &e.table[op]
	var memSize uint64
	if o.memorySize != nil {
		size, overflow := o.memorySize(&f.stack)
		if overflow {
			ret, err = e.bail(f, pc)
			return pc, ret, err, true, false
		}
		cost, ok := f.mem.expansionCost(size)
		if !ok || f.gas < cost {
			ret, err = e.bail(f, pc)
			return pc, ret, err, true, false
		}
		f.gas -= cost
		memSize = size
	}
	if o.dynamicGas != nil {
		cost, err := o.dynamicGas(e, f, memSize)
		if err != nil {
			return pc, nil, err, true, false
		}
		if f.gas < cost {
			return pc, nil, ErrOutOfGas, true, false
		}
		f.gas -= cost
	}
	if memSize > 0 {
		if err := e.grow(f, op, memSize); err != nil {
			return pc, nil, err, true, false
		}
	}
	// pc goes through the frame: its address handed to a function value
	// would make a local escape (one allocation per frame).
	f.pc = pc
	ret, err = o.execute(&f.pc, e, f)
	if err != nil {
		if err == errStop {
			err = nil
		}
		return f.pc, ret, err, true, false
	}
	return f.pc, nil, nil, false, !o.inBlock
}

// divTop sets the second word d to n / d, n the top, and modTop to n mod d
// (0 for d = 0), in the stack form of run_fast_calls.go; the table's DIV
// and MOD run them too. Dividing by a power of two is how code from before
// EIP-145 shifts right (sha1_divs does little else), and as a shift or a
// mask it is several times faster than the general division.
//
//go:noinline
func divTop(st *stackData, pc uint64, sp int) (uint64, int) {
	d, n := &st[sp-2], &st[sp-1]
	if k, ok := log2Exact(d); ok {
		d.Rsh(n, k)
	} else {
		divide(d, n, d)
	}
	return pc, sp - 1
}

//go:noinline
func modTop(st *stackData, pc uint64, sp int) (uint64, int) {
	d, n := &st[sp-2], &st[sp-1]
	if _, ok := log2Exact(d); ok {
		d.And(n, d.SubUint64(d, 1)) // 2^k - 1 masks the low k bits
	} else {
		modulo(d, n, d)
	}
	return pc, sp - 1
}

// log2Exact returns k where x = 2^k; false if x is not a power of two.
func log2Exact(x *uint256.Int) (uint, bool) {
	ones := bits.OnesCount64(x[0]) + bits.OnesCount64(x[1]) + bits.OnesCount64(x[2]) + bits.OnesCount64(x[3])
	if ones != 1 {
		return 0, false
	}
	return uint(x.BitLen() - 1), true
}

// bail hands a block that is about to fail inside to the checked loop: it
// gives back the constant gas charged in advance for the instructions from
// pc on, which the checked loop then charges one by one.
func (e *EVM) bail(f *frame, pc uint64) ([]byte, error) {
	f.gas += uint64(f.blocks[pc].gas)
	return e.runChecked(f, pc)
}

// pushImmediate sets v to the n-byte immediate of the PUSHn at pc. Bytes
// past the end of the code read as zero.
//
// Where the code holds whole 8-byte words ending at the immediate's last
// byte, the words are loaded and the bytes before the immediate masked off:
// a few loads instead of SetBytes's byte-length switch, which profiled at
// a tenth of sha1_divs (PUSH4..PUSH32 constants in every round).
func pushImmediate(v *uint256.Int, code []byte, pc, n uint64) {
	end := pc + 1 + n
	words := (n + 7) / 8
	if end <= uint64(len(code)) && end >= 8*words {
		mask := ^uint64(0)
		if r := n % 8; r != 0 {
			mask = 1<<(8*r) - 1
		}
		*v = uint256.Int{}
		for i := range words {
			v[i] = binary.BigEndian.Uint64(code[end-8*(i+1):])
		}
		v[words-1] &= mask
		return
	}
	if end <= uint64(len(code)) {
		v.SetBytes(code[pc+1 : end])
		return
	}
	var buf [32]byte
	copy(buf[:], code[min(pc+1, uint64(len(code))):])
	v.SetBytes(buf[:n])
}

// fastKey is the fast loop's switch key for an opcode, given on its spec
// line in opcodes.go (.inline); validateSpecs checks that no opcode with
// dynamic gas, or that ends a block other than the ones this loop ends
// itself, is given one. The keys are small
// and consecutive so the switch compiles to a jump table: switching on the
// opcodes themselves, sparse over 0x00-0x9f, gave a binary search.
type fastKey uint8

const (
	kGeneric fastKey = iota // through the table: any other, undefined or custom opcode
	kStop
	kJumpdest
	kJump
	kJumpi
	kPush0
	kPush1
	kPush2
	kPushN // PUSH3..PUSH32 (and PUSH2 at the end of the code)
	// DUPn and SWAPn have a key each, in order, so the key gives n without
	// reading the code again.
	kDup1
	kDup2
	kDup3
	kDup4
	kDup5
	kDup6
	kDup7
	kDup8
	kDup9
	kDup10
	kDup11
	kDup12
	kDup13
	kDup14
	kDup15
	kDup16
	kSwap1
	kSwap2
	kSwap3
	kSwap4
	kSwap5
	kSwap6
	kSwap7
	kSwap8
	kSwap9
	kSwap10
	kSwap11
	kSwap12
	kSwap13
	kSwap14
	kSwap15
	kSwap16
	kPop
	kAdd
	kSub
	kMul
	kDiv
	kMod
	kLt
	kGt
	kSlt
	kSgt
	kEq
	kIszero
	kAnd
	kOr
	kXor
	kNot
	kShl
	kShr
	kMload
	kMstore
	kMulmod
	kSar
	kByte
	kSignextend
	kSdiv
	kSmod
	kAddmod
	kDupN     // EIP-8024
	kSwapN    // EIP-8024
	kExchange // EIP-8024
	kMstore8

	// Pairs run as one step (superinstructions, fuse.go).
	kPush1Add
	kPush1Shl
	kPush1Shr
	kPush1Dup2
	kSwap1Pop
	kPop2
	kIszeroJumpi // ISZERO PUSH2 dest JUMPI

	// Longer sequences solc emits (fuse.go).
	kPushLowMask     // PUSH1 1 PUSH1 1 PUSH1 n SHL SUB
	kAndLowMask      // the same, then AND
	kPush1Dup2Mstore // PUSH1 c DUP2 MSTORE

	// DUPn and the binary operation after it (fuse.go).
	kDupAdd
	kDupSub
	kDupLt
	kDupGt
	kDupEq
	kDupAnd
	kDupOr
	kDupXor
	kDupShl
	kDupShr
	kDupSignextend
)

// dispatchFor gives the switch key of every opcode for table t: an inline
// key where the table holds the opcode's standard body, kGeneric where the
// opcode is undefined in the fork or replaced by a custom one, so the inline
// cases never run an opcode the table lacks. Code analysis (analyseCode)
// turns code into these keys.
func dispatchFor(t *jumpTable) *[256]fastKey {
	if d, ok := dispatchCache.Load(t); ok {
		return d.(*[256]fastKey)
	}
	d := new([256]fastKey)
	for i := range d {
		if t[i].standard {
			d[i] = specs[i].fast // set by .inline on the opcode's spec line
		}
	}
	v, _ := dispatchCache.LoadOrStore(t, d)
	return v.(*[256]fastKey)
}

var dispatchCache sync.Map // *jumpTable -> *[256]fastKey

// fastState is what the fast loop keeps on the EVM between frames.
type fastState struct {
	// The last 256-bit MULMOD modulus and its reciprocal: contracts doing
	// field arithmetic use one modulus throughout, and computing the
	// reciprocal was more than half of MULMOD's time (weierstrudel).
	mulmodM  uint256.Int
	mulmodMu [5]uint64
	// outputs[d] holds the output of the last frame that ran at depth d
	// (see keepOutput).
	outputs [][]byte
	keccak  crypto.Hasher // for KECCAK256
	// spareMemory is the largest frame memory this EVM has used, kept
	// across calls (keepMemory, lendMemory).
	spareMemory []byte
}

// keepMemory takes a large memory from a frame that has finished, before
// the frame pool, which drops memories over 1 MiB, gets it back: a
// contract called again on this EVM then grows its memory without
// reallocating and copying (snailtracer grew about 19 MB per call).
func (e *EVM) keepMemory(f *frame) {
	if cap(f.mem.store) > cap(e.fast.spareMemory) {
		e.fast.spareMemory, f.mem.store = f.mem.store, nil
	}
}

// lendMemory gives a fresh frame the kept memory, if that is larger than
// its own. Memory is cleared as it grows (Memory.resize), so old contents
// never show.
func (e *EVM) lendMemory(f *frame) {
	if cap(e.fast.spareMemory) > cap(f.mem.store) {
		f.mem.store, e.fast.spareMemory = e.fast.spareMemory[:0], f.mem.store
	}
}

// keptOutputMax is the largest output keepOutput keeps a buffer for: most
// outputs are a few words, and 1025 buffers of 8 KiB stay under 9 MB.
const keptOutputMax = 8 << 10

// keepOutput copies the output of the frame that just ended at depth
// e.depth, a view of its memory, out of the frame before the frame is
// reused. The copy goes into a buffer kept per depth, so steady-state calls
// do not allocate: the caller holds it as return data only until its next
// call, which is the next use of the same depth's buffer, and at depth 0
// it is the view callView returns, valid until the next call on this EVM
// (the public Call and StaticCall hand their caller a copy).
//
// An output over keptOutputMax gets a copy of its own instead: the buffers
// outlive their frames, and 1025 depths each keeping the largest output
// they ever saw would hold up to 1025 times the memory ceiling.
func (e *EVM) keepOutput(view []byte) []byte {
	if len(view) == 0 {
		return nil
	}
	if len(view) > keptOutputMax {
		return bytes.Clone(view)
	}
	for len(e.fast.outputs) <= e.depth {
		e.fast.outputs = append(e.fast.outputs, nil)
	}
	buf := append(e.fast.outputs[e.depth][:0], view...)
	e.fast.outputs[e.depth] = buf
	return buf
}

// mulmodTop sets the third word m to MULMOD(a, b, m) = a*b mod m (0 when m
// is 0), a the top and b the second, in the stack form of
// run_fast_calls.go (the table's MULMOD runs it too), reusing the
// reciprocal of m when m is the previous 256-bit modulus. Moduli below
// 2^192 and 2^256-1 go to mulmodShort first (arith_fast.go).
//
//go:noinline
func (e *EVM) mulmodTop(st *stackData, pc uint64, sp int) (uint64, int) {
	m, a, b := &st[sp-3], &st[sp-1], &st[sp-2]
	allOnes := m[0]&m[1]&m[2]&m[3] == ^uint64(0)
	switch {
	case m[3] == 0 || allOnes:
		if !mulmodShort(m, a, b, allOnes) {
			m.MulMod(a, b, m) // the library's own path does not use a reciprocal
		}
	default:
		if *m != e.fast.mulmodM {
			e.fast.mulmodM = *m
			e.fast.mulmodMu = uint256.Reciprocal(m)
		}
		m.MulModWithReciprocal(a, b, &e.fast.mulmodM, &e.fast.mulmodMu)
	}
	return pc, sp - 2
}

// copyWord sets d to v word by word, for the fast loop's DUPs: a 16-byte
// load of a value an arithmetic instruction has just stored as four 8-byte
// words cannot be forwarded from those stores and waits for them to retire.
// One word at a time, which takes one register: all four at once took four,
// and the loop reloaded one of its own after each DUP. d and v are distinct
// words.
func copyWord(d, v *uint256.Int) {
	d[0] = v[0]
	d[1] = v[1]
	d[2] = v[2]
	d[3] = v[3]
}

// dupDepth is n of the DUPn at pc: the word it copies is st[sp-n].
func dupDepth(code []byte, pc uint64) int { return int(code[pc]-byte(DUP1)) + 1 }

// jumpdests8 is eight JUMPDEST bytes read as one word.
const jumpdests8 = 0x5b5b5b5b5b5b5b5b
