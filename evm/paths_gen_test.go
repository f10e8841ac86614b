package evm

import (
	"math/rand/v2"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// pathsGen makes programs for the interpreter-path comparison
// (paths_test.go): not random bytes, which mostly stop at the first
// undefined opcode or underflow, but opcodes of the fork with operands
// pushed before them — small memory offsets and sizes, the addresses of
// the world's accounts, edge values — calls to those accounts, creations
// from initcode written to memory, logs, jumps to real JUMPDESTs, and a
// random ending. Now and then an operand is left out, a jump misses, or an
// opcode the fork lacks slips in, so faults are reached too.
type pathsGen struct {
	r     *rand.Rand
	rules fork.Rules
	ops   []OpCode // the opcodes defined in the fork
	addrs []types.Address
	p     []byte
	dests []int // offsets of the JUMPDESTs emitted so far
	// forward are the offsets of PUSH2 immediates of forward jumps, set
	// to a later JUMPDEST when the program ends.
	forward []int
	depth   int // stack height if the code runs straight through, roughly
}

// Memory layout of generated programs: initcode is written at initcodeAt
// and the last created address is kept at lastCreated.
const (
	pathsLastCreated = 0x3e0
	pathsInitcodeAt  = 0x400
)

func newPathsGen(r *rand.Rand, fk fork.Fork, addrs []types.Address) *pathsGen {
	g := &pathsGen{r: r, rules: fk.Rules(), addrs: addrs}
	for op := range 256 {
		if s, ok := Spec(OpCode(op)); ok && s.EnabledIn(&g.rules) {
			g.ops = append(g.ops, OpCode(op))
		}
	}
	return g
}

// program returns a contract's code; level counts the enclosing
// initcodes, so nested programs stay small.
func (g *pathsGen) program(level int) []byte { return g.code(level, true) }

// code is program, with or without an ending.
func (g *pathsGen) code(level int, end bool) []byte {
	saved, savedDests, savedForward, savedDepth := g.p, g.dests, g.forward, g.depth
	g.p, g.dests, g.forward, g.depth = nil, nil, nil, 0
	n := []int{3 + g.r.IntN(25), 1 + g.r.IntN(6), g.r.IntN(3)}[min(level, 2)]
	for range n {
		g.fragment(level)
	}
	if len(g.forward) > 0 {
		g.jumpdest()
		for _, at := range g.forward {
			var later []int
			for _, d := range g.dests {
				if d > at {
					later = append(later, d)
				}
			}
			d := later[g.r.IntN(len(later))]
			g.p[at], g.p[at+1] = byte(d>>8), byte(d)
		}
	}
	if end {
		g.end()
	}
	out := g.p
	g.p, g.dests, g.forward, g.depth = saved, savedDests, savedForward, savedDepth
	return out
}

func (g *pathsGen) op(ops ...OpCode) {
	for _, o := range ops {
		g.p = append(g.p, byte(o))
		if s, ok := Spec(o); ok {
			g.depth = max(0, g.depth+s.Pushes-s.Pops)
		}
	}
}

// push emits the shortest PUSH of v (PUSH0 where the fork has it, a
// PUSH1 0 before).
func (g *pathsGen) push(v *uint256.Int) {
	if v.IsZero() && g.rules.Has(3855) && g.r.IntN(2) == 0 {
		g.op(PUSH0)
		return
	}
	n := max(1, (v.BitLen()+7)/8)
	b := v.Bytes32()
	g.p = append(g.p, byte(PUSH1)+byte(n-1))
	g.p = append(g.p, b[32-n:]...)
	g.depth++
}

func (g *pathsGen) pushU(v uint64) { g.push(uint256.NewInt(v)) }

func (g *pathsGen) pushAddr() {
	if g.r.IntN(6) == 0 {
		g.pushU(pathsLastCreated)
		g.op(MLOAD)
		return
	}
	a := g.addrs[g.r.IntN(len(g.addrs))]
	g.push(new(uint256.Int).SetBytes(a[:]))
}

// word is an operand: mostly small, sometimes an edge of the 256-bit range.
func (g *pathsGen) word() *uint256.Int {
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return uint256.NewInt(uint64(g.r.IntN(70)))
	case 4:
		return uint256.NewInt(uint64(g.r.IntN(40)) * 32)
	case 5:
		a := g.addrs[g.r.IntN(len(g.addrs))]
		return new(uint256.Int).SetBytes(a[:])
	case 6:
		edges := []*uint256.Int{
			new(uint256.Int).Lsh(uint256.NewInt(1), 255), new(uint256.Int).SetAllOne(),
			uint256.NewInt(1 << 32), uint256.NewInt(1<<32 - 1), uint256.NewInt(1 << 63), uint256.NewInt(1<<64 - 1),
			new(uint256.Int).Lsh(uint256.NewInt(1), 64), uint256.NewInt(255), uint256.NewInt(256), uint256.NewInt(24577),
		}
		return edges[g.r.IntN(len(edges))]
	case 7:
		return uint256.NewInt(g.r.Uint64N(100_000))
	case 8:
		var v uint256.Int
		v.SetBytes(randBytes(g.r, 1+g.r.IntN(32)))
		return &v
	}
	return uint256.NewInt(uint64(g.r.IntN(3)))
}

// size is a memory length: mostly within a few words, rarely large.
func (g *pathsGen) size() uint64 {
	switch g.r.IntN(12) {
	case 0:
		return 0
	case 1:
		return uint64(g.r.IntN(4000))
	case 2:
		return []uint64{1 << 16, 1<<20 + 1, 1 << 32, 1<<64 - 1}[g.r.IntN(4)]
	}
	return uint64(g.r.IntN(100))
}

func (g *pathsGen) fragment(level int) {
	switch k := g.r.IntN(100); {
	case k < 40:
		g.anyOp()
	case k < 48:
		g.call(level)
	case k < 52 && level < 2:
		g.create(level)
	case k < 58:
		g.jumpdest()
	case k < 64:
		g.jump()
	case k < 72: // store something that shows in the state
		g.push(g.word())
		g.pushU(uint64(g.r.IntN(6)))
		g.op(SSTORE)
	case k < 76:
		g.log()
	case k < 80: // a fresh word in memory for later copies, hashes, logs
		g.push(g.word())
		g.pushU(uint64(g.r.IntN(8)) * 32)
		g.op(MSTORE)
	case k < 84: // stack shuffling on what is there (or, rarely, is not)
		n := g.r.IntN(min(g.depth, 16) + 1)
		if n == 0 || g.r.IntN(15) == 0 {
			n = 1 + g.r.IntN(16)
		}
		g.op(OpCode(byte(DUP1) + byte(n-1)))
		if g.r.IntN(2) == 0 {
			g.op(OpCode(byte(SWAP1) + byte(n-1)))
		}
		if g.rules.Has(8024) && g.r.IntN(3) == 0 { // deeper: fill the stack, then DUPN, SWAPN or EXCHANGE
			for range 17 + g.r.IntN(16) - min(g.depth, 17) {
				g.push(g.word())
			}
			op := []OpCode{DUPN, SWAPN, EXCHANGE}[g.r.IntN(3)]
			g.op(op)
			g.stackNImmediate(op)
		}
		if g.depth > 12 {
			g.op(POP, POP, POP)
		}
	case k < 85: // an opcode the fork may not have, without operands
		g.p = append(g.p, byte(g.r.IntN(256)))
	default:
		g.push(g.word())
	}
}

// anyOp emits one opcode of the fork with its operands, sometimes fewer,
// and sometimes keeps what it leaves on the stack in storage.
func (g *pathsGen) anyOp() {
	op := g.ops[g.r.IntN(len(g.ops))]
	s, _ := Spec(op)
	if s.Halts || (op >= PUSH1 && op <= PUSH1+31) {
		g.push(g.word()) // endings come last; pushes come from push
		return
	}
	pops := s.Pops
	if g.r.IntN(12) == 0 {
		pops = g.r.IntN(pops + 1)
	}
	for i := range pops {
		switch {
		case isAddressOperand(op, i) && g.r.IntN(4) > 0:
			g.pushAddr()
		case isSizeOperand(op, i) && g.r.IntN(15) > 0:
			g.pushU(g.size())
		default:
			g.push(g.word())
		}
	}
	g.op(op)
	if s.Immediates > 0 { // EIP-8024's DUPN, SWAPN, EXCHANGE
		g.stackNImmediate(op)
	}
	if s.Pushes > 0 && g.r.IntN(3) == 0 {
		g.pushU(uint64(g.r.IntN(6)))
		g.op(SSTORE)
	}
}

// stackNImmediate emits the immediate of an EIP-8024 opcode just emitted:
// mostly a depth the stack has, sometimes any byte (invalid immediates,
// depths past the stack).
func (g *pathsGen) stackNImmediate(op OpCode) {
	if g.r.IntN(6) == 0 {
		g.p = append(g.p, byte(g.r.IntN(256)))
		return
	}
	var x byte
	if op == EXCHANGE {
		m := 2 + g.r.IntN(max(1, min(g.depth, 29)-2)+1) // 2..28
		n := 1 + g.r.IntN(min(m-1, 30-m))
		x, _ = EncodePair(n, m)
	} else {
		x, _ = EncodeSingle(17 + g.r.IntN(max(1, g.depth-17+1)))
	}
	g.p = append(g.p, x)
}

// isAddressOperand: the i-th operand (0 = top) of op names an account.
func isAddressOperand(op OpCode, i int) bool {
	switch op {
	case BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, SELFDESTRUCT:
		return i == 0
	}
	return false
}

// isSizeOperand: the i-th operand of op is a memory length or offset,
// kept small so most copies and hashes succeed.
func isSizeOperand(op OpCode, i int) bool {
	switch op {
	case KECCAK256, RETURN, REVERT, MLOAD, MSTORE8:
		return true
	case MSTORE, LOG0, LOG0 + 1, LOG0 + 2, LOG0 + 3, LOG4:
		return i <= 1
	case CALLDATACOPY, CODECOPY, RETURNDATACOPY, MCOPY:
		return true
	case EXTCODECOPY:
		return i >= 1
	}
	return false
}

// call emits a CALL-family opcode to one of the world's accounts (or a
// precompile, an empty account, the last created one) with the gas left
// or a fixed amount, a small input and output window, and now and then a
// value.
func (g *pathsGen) call(level int) {
	kinds := []OpCode{CALL, CALLCODE}
	if g.rules.Has(7) {
		kinds = append(kinds, DELEGATECALL)
	}
	if g.rules.Has(214) {
		kinds = append(kinds, STATICCALL)
	}
	kind := kinds[g.r.IntN(len(kinds))]
	if g.r.IntN(20) == 0 { // a window no gas pays for, or past 64 bits
		g.pushU(g.size())
	} else {
		g.pushU(uint64(g.r.IntN(64))) // out size
	}
	g.pushU(uint64(g.r.IntN(4)) * 32)     // out offset
	g.pushU(uint64(g.r.IntN(200)))        // in size
	g.pushU(uint64(g.r.IntN(8)) * 16)     // in offset
	if kind == CALL || kind == CALLCODE { // value
		switch g.r.IntN(6) {
		case 0:
			g.pushU(1 + g.r.Uint64N(1000))
		case 1:
			g.op(CALLVALUE)
		default:
			g.pushU(0)
		}
	}
	switch g.r.IntN(8) {
	case 0:
		g.pushU(uint64(1 + g.r.IntN(0x11))) // a precompile
	default:
		g.pushAddr()
	}
	switch g.r.IntN(4) {
	case 0:
		g.pushU(g.r.Uint64N(30_000))
	case 1:
		g.push(new(uint256.Int).SetAllOne())
	default:
		g.op(GAS)
	}
	g.op(kind)
	if g.r.IntN(2) == 0 {
		g.pushU(uint64(6 + level))
		g.op(SSTORE) // the call's success shows in the state
	}
}

// create writes initcode to memory and runs CREATE or CREATE2 on it. The
// initcode runs a short program, then returns runtime code appended to it
// (or, rarely, memory past the EIP-170 limit); the new address is kept at
// pathsLastCreated for later calls.
func (g *pathsGen) create(level int) {
	runtime := g.program(level + 1)
	if g.r.IntN(10) == 0 {
		runtime = append([]byte{0xef}, runtime...) // EIP-3541
	}
	prefix := g.code(level+1, false)
	var tail []byte
	if g.r.IntN(12) == 0 {
		tail = []byte{byte(PUSH1 + 1), 0x60, 0x01, byte(PUSH1), 0, byte(RETURN)} // 24577 bytes
	} else {
		// PUSH2 len PUSH2 at PUSH1 0 CODECOPY PUSH2 len PUSH1 0 RETURN runtime
		n, at := len(runtime), len(prefix)+15
		tail = append([]byte{byte(PUSH1 + 1), byte(n >> 8), byte(n), byte(PUSH1 + 1), byte(at >> 8), byte(at),
			byte(PUSH1), 0, byte(CODECOPY), byte(PUSH1 + 1), byte(n >> 8), byte(n), byte(PUSH1), 0, byte(RETURN)}, runtime...)
	}
	initcode := append(prefix, tail...)
	for i := 0; i < len(initcode); i += 32 {
		var chunk [32]byte
		copy(chunk[:], initcode[i:])
		g.push(new(uint256.Int).SetBytes32(chunk[:]))
		g.pushU(uint64(pathsInitcodeAt + i))
		g.op(MSTORE)
	}
	if g.rules.Has(1014) && g.r.IntN(2) == 0 {
		g.pushU(uint64(g.r.IntN(3))) // salt; repeats collide
		g.pushU(uint64(len(initcode)))
		g.pushU(pathsInitcodeAt)
		g.pushU(uint64(g.r.IntN(2)))
		g.op(CREATE2)
	} else {
		g.pushU(uint64(len(initcode)))
		g.pushU(pathsInitcodeAt)
		g.pushU(uint64(g.r.IntN(2)))
		g.op(CREATE)
	}
	g.pushU(pathsLastCreated)
	g.op(MSTORE)
}

func (g *pathsGen) jumpdest() {
	g.dests = append(g.dests, len(g.p))
	g.op(JUMPDEST)
}

// jump emits JUMP or JUMPI: mostly forward, to a JUMPDEST emitted later;
// back to one emitted before under a condition (a loop that ends when the
// gas left falls under some amount, or runs until it does not); and now
// and then to an offset that may not be a JUMPDEST at all.
func (g *pathsGen) jump() {
	kind := []OpCode{JUMP, JUMPI}[g.r.IntN(2)]
	switch k := g.r.IntN(20); {
	case k == 0:
		g.pushU(uint64(g.r.IntN(len(g.p) + 8)))
	case k < 6 && len(g.dests) > 0:
		kind = JUMPI
		switch g.r.IntN(4) {
		case 0:
			g.push(g.word())
		case 1:
			g.op(CALLDATASIZE)
		default:
			g.op(GAS)
			g.pushU(uint64(g.r.IntN(100_000)))
			g.op(LT)
		}
		g.pushU(uint64(g.dests[g.r.IntN(len(g.dests))]))
	default:
		if kind == JUMPI {
			g.push(g.word())
		}
		g.op(PUSH1 + 1)
		g.forward = append(g.forward, len(g.p))
		g.p = append(g.p, 0, 0)
		g.depth++
	}
	g.op(kind)
}

func (g *pathsGen) log() {
	n := g.r.IntN(5)
	for range n {
		g.push(g.word())
	}
	g.pushU(g.size())
	g.pushU(uint64(g.r.IntN(8)) * 16)
	g.op(LOG0 + OpCode(n))
}

// end emits how the program stops: falling off the end, STOP, RETURN or
// REVERT of some memory, INVALID, or SELFDESTRUCT to one of the accounts.
func (g *pathsGen) end() {
	switch g.r.IntN(8) {
	case 0:
	case 1:
		g.op(STOP)
	case 2, 3:
		g.pushU(uint64(g.r.IntN(70)))
		g.pushU(uint64(g.r.IntN(4)) * 16)
		g.op(RETURN)
	case 4:
		if g.rules.Has(140) {
			g.pushU(uint64(g.r.IntN(70)))
			g.pushU(uint64(g.r.IntN(4)) * 16)
			g.op(REVERT)
			return
		}
		g.op(INVALID)
	case 5:
		g.op(INVALID)
	default:
		g.pushAddr()
		g.op(SELFDESTRUCT)
	}
}
