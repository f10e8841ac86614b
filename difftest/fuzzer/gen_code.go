package fuzzer

import (
	"github.com/holiman/uint256"
)

// Memory layout of generated programs: call input is written at inputAt,
// initcode at initcodeAt, and the last CREATE's address is kept at lastNew.
const (
	inputAt    = 0x100
	lastNew    = 0x3e0
	initcodeAt = 0x400
)

// Operations by stack inputs, for the arithmetic and environment fragments.
var (
	arithOps = [][2]byte{ // op, inputs
		{0x01, 2}, {0x02, 2}, {0x03, 2}, {0x04, 2}, {0x05, 2}, {0x06, 2}, {0x07, 2}, {0x08, 3}, {0x09, 3},
		{0x0a, 2}, {0x0b, 2}, {0x10, 2}, {0x11, 2}, {0x12, 2}, {0x13, 2}, {0x14, 2}, {0x15, 1}, {0x16, 2},
		{0x17, 2}, {0x18, 2}, {0x19, 1}, {0x1a, 2}, {0x1b, 2}, {0x1c, 2}, {0x1d, 2}, {0x1e, 1},
	}
	envOps    = []byte{0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3a, 0x3d, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x4a, 0x58, 0x59, 0x5a, 0x5f}
	addrOps   = []byte{0x31, 0x3b, 0x3f} // BALANCE EXTCODESIZE EXTCODEHASH
	callKinds = []byte{opCALL, opCALLCODE, opDELEGATECALL, opSTATICCALL}
)

// program generates a contract's code; level counts the enclosing
// initcodes and loops, so nested programs stay small.
func (g *Gen) program(level int) []byte {
	a := &asm{}
	n := []int{4 + g.r.IntN(14), 1 + g.r.IntN(6), g.r.IntN(3)}[min(level, 2)]
	for range n {
		g.fragment(a, level)
		if g.x.IntN(12) == 0 {
			g.amsterdamOps(a)
		}
	}
	g.terminate(a)
	return a.bytes()
}

// args pushes the operands of an n-input instruction, taking the deeper
// ones from what earlier fragments left on the stack now and then, then
// emits op with the given number of outputs.
func (g *Gen) args(a *asm, op byte, outs int, gen ...func() *uint256.Int) {
	n := len(gen)
	reuse := 0
	if avail := a.depth - a.floor; avail > 0 && g.r.IntN(3) == 0 {
		reuse = g.r.IntN(min(avail, n) + 1)
	}
	for i := n - reuse - 1; i >= 0; i-- {
		a.pushU(gen[i]())
	}
	a.op(op)
	a.depth += outs - n
}

// sink consumes the value on top of the stack so it shows in the outcome:
// stored, logged into memory, or dropped.
func (g *Gen) sink(a *asm) {
	if a.depth <= a.floor {
		return
	}
	switch g.r.IntN(5) {
	case 0:
		a.push(uint64(g.r.IntN(8)))
		a.op(opSSTORE)
		a.depth -= 2
	case 1:
		a.push(uint64(g.r.IntN(8)) * 32)
		a.op(opMSTORE)
		a.depth -= 2
	case 2:
		a.op(opPOP)
		a.depth--
	}
	if a.depth-a.floor > 12 {
		a.settle(a.floor + 4)
	}
}

func (g *Gen) fragment(a *asm, level int) {
	w, off, sz := g.word, g.offset, g.size
	key := func() *uint256.Int { return uint256.NewInt(uint64(g.r.IntN(8))) }
	switch n := g.r.IntN(100); {
	case n < 16:
		o := arithOps[g.r.IntN(len(arithOps))]
		gens := make([]func() *uint256.Int, o[1])
		for i := range gens {
			gens[i] = w
		}
		g.args(a, o[0], 1, gens...)
		g.sink(a)
	case n < 24:
		a.op(envOps[g.r.IntN(len(envOps))])
		a.depth++
		g.sink(a)
	case n < 30:
		g.addrArg(a)
		a.op(addrOps[g.r.IntN(len(addrOps))])
		g.sink(a)
	case n < 36:
		op := []byte{0x35, 0x40, 0x49, 0x54, 0x5c, opMLOAD}[g.r.IntN(6)]
		arg := w
		switch op {
		case 0x40:
			arg = func() *uint256.Int { return uint256.NewInt(uint64(g.r.IntN(1100))) }
		case 0x54, 0x5c:
			arg = key
		case opMLOAD, 0x35:
			arg = off
		}
		g.args(a, op, 1, arg)
		g.sink(a)
	case n < 44: // SSTORE / TSTORE churn
		op := []byte{opSSTORE, opSSTORE, 0x5d}[g.r.IntN(3)]
		g.args(a, op, 0, key, func() *uint256.Int { return uint256.NewInt(uint64(g.r.IntN(4))) })
	case n < 50:
		op := []byte{opMSTORE, 0x53, 0x5e, 0x5e}[g.r.IntN(4)]
		if op == 0x5e { // MCOPY dst src size
			g.args(a, op, 0, off, off, sz)
		} else {
			g.args(a, op, 0, off, w)
		}
	case n < 56: // copies: CALLDATACOPY CODECOPY RETURNDATACOPY EXTCODECOPY, KECCAK256
		switch g.r.IntN(5) {
		case 0:
			g.args(a, 0x37, 0, off, off, sz)
		case 1:
			g.args(a, opCODECOPY, 0, off, off, sz)
		case 2: // RETURNDATACOPY of all of it, or of a drawn range (may be out of bounds)
			if g.r.IntN(2) == 0 {
				a.op(opRDSIZE)
				a.depth++
				a.push(0)
				a.pushU(off())
				a.op(opRDCOPY)
				a.depth -= 3
			} else {
				g.args(a, opRDCOPY, 0, off, func() *uint256.Int { return uint256.NewInt(uint64(g.r.IntN(40))) }, sz)
			}
		case 3:
			g.args(a, opKECCAK, 1, off, sz)
			g.sink(a)
		case 4:
			a.pushU(sz())
			a.pushU(off())
			a.pushU(off())
			g.addrArg(a)
			a.op(0x3c)
			a.depth -= 4
		}
	case n < 62:
		topics := g.r.IntN(5)
		gens := []func() *uint256.Int{off, sz}
		for range topics {
			gens = append(gens, w)
		}
		g.args(a, byte(0xa0+topics), 0, gens...)
	case n < 76:
		g.call(a, level)
	case n < 83:
		if level < 2 {
			g.create(a, level)
		}
	case n < 88:
		if level < 2 {
			g.branch(a, level)
		}
	case n < 91:
		if level < 2 {
			g.loop(a, level)
		}
	case n < 95: // stack shuffling
		if d := a.depth - a.floor; d > 0 {
			switch g.r.IntN(4) {
			case 0:
				a.op(byte(0x80 + g.r.IntN(min(d, 16))))
				a.depth++
				g.sink(a)
			case 1:
				g.fusedSequence(a, d)
			default:
				if d > 1 {
					a.op(byte(0x90 + g.r.IntN(min(d-1, 16))))
				}
			}
		}
	case n < 96 && g.r.IntN(8) == 0: // a stack bomb: push until 1024 overflows
		l := a.label()
		a.push(0)
		a.mark(l)
		a.op(opDUP1)
		a.pushLabel(l)
		a.op(opJUMP)
		a.depth = a.floor
	case n < 96 && g.r.IntN(2) == 0: // a stray byte: anything may happen
		a.op(byte(g.r.IntN(256)))
		a.depth = a.floor // unknown now; assume nothing usable
	case n < 98:
		g.terminateMid(a)
	default:
		// Precompile call with a prepared input.
		g.precompileCall(a)
	}
}

// fusedSequence emits one of the sequences goevm's fast loop runs as one
// step (evm/fuse.go), d values being on the stack: DUPn and a binary
// operation; solc's mask sub(shl(n, 1), 1), left or ANDed; a small constant
// stored at an offset left on top (PUSH1 c DUP2 MSTORE).
func (g *Gen) fusedSequence(a *asm, d int) {
	switch g.r.IntN(3) {
	case 0:
		a.op(byte(0x80+g.r.IntN(min(d, 16))), []byte{0x01, 0x03, 0x10, 0x11, 0x14, 0x16, 0x17, 0x18, 0x1b, 0x1c, 0x0b}[g.r.IntN(11)])
	case 1:
		bits := []int{0, 1, 63, 64, 127, 128, 160, 255, g.r.IntN(256)}[g.r.IntN(9)]
		a.op(0x60, 1, 0x60, 1, 0x60, byte(bits), 0x1b, 0x03)
		a.depth++
		if g.r.IntN(2) == 0 {
			a.op(0x16)
			a.depth--
		}
	case 2:
		a.pushU(g.offset())
		a.op(0x60, byte(g.r.IntN(256)), 0x81, opMSTORE)
		a.depth++
	}
	g.sink(a)
}

// addrArg pushes an address operand.
func (g *Gen) addrArg(a *asm) {
	switch g.r.IntN(10) {
	case 0:
		a.op(0x30) // ADDRESS
		a.depth++
	case 1:
		a.op(0x33) // CALLER
		a.depth++
	case 2:
		a.push(lastNew)
		a.op(opMLOAD)
	default:
		addr := g.address()
		a.pushBytes(trimLeft(addr[:]))
	}
}

// callGas draws the gas operand of a call.
func (g *Gen) callGas(a *asm) {
	switch g.r.IntN(8) {
	case 0, 1, 2:
		a.op(opGAS)
		a.depth++
	case 3:
		a.pushU(new(uint256.Int).SetAllOne())
	case 4:
		a.push(uint64(g.r.IntN(3000)))
	default:
		a.push(uint64(g.r.IntN(200_000)))
	}
}

// call emits one of the four call kinds to a drawn target, with input in
// memory, and sinks the success flag.
func (g *Gen) call(a *asm, level int) {
	if g.r.IntN(4) == 0 {
		g.precompileCall(a)
		return
	}
	kind := callKinds[g.r.IntN(len(callKinds))]
	inSize := g.r.IntN(80)
	if g.r.IntN(3) == 0 {
		a.memWrite(inputAt, g.bytes(inSize))
	}
	a.pushU(g.size())                 // out size
	a.push(uint64(g.r.IntN(16)) * 32) // out offset
	a.push(uint64(inSize))            // in size
	a.push(inputAt)                   // in offset
	if kind == opCALL || kind == opCALLCODE {
		switch g.r.IntN(5) {
		case 0:
			a.push(uint64(g.r.IntN(100)))
		case 1:
			a.push(1_000_000_000_000_000_000)
		default:
			a.push(0)
		}
	}
	g.addrArg(a)
	g.callGas(a)
	a.op(kind)
	a.depth -= 6
	if kind == opCALL || kind == opCALLCODE {
		a.depth--
	}
	g.sink(a)
}

// precompileCall calls a precompile with a random or near-valid input.
func (g *Gen) precompileCall(a *asm) {
	to := g.pick(precompileAddrs)
	in := g.precompileInput(to)
	a.memWrite(inputAt, in)
	a.push(uint64(g.r.IntN(200)))
	a.push(uint64(g.r.IntN(8)) * 32)
	a.push(uint64(len(in)))
	a.push(inputAt)
	if g.r.IntN(2) == 0 {
		a.push(0)
		a.pushBytes(trimLeft(to[:]))
		g.callGas(a)
		a.op(opCALL)
		a.depth -= 6
	} else {
		a.pushBytes(trimLeft(to[:]))
		g.callGas(a)
		a.op(opSTATICCALL)
		a.depth -= 5
	}
	g.sink(a)
}

// create writes generated initcode to memory and runs CREATE or CREATE2
// on it, keeping the new address at lastNew for later calls.
func (g *Gen) create(a *asm, level int) {
	init := g.initcode(level+1, g.r.IntN(3))
	a.memWrite(initcodeAt, init)
	size := uint64(len(init))
	if g.r.IntN(30) == 0 {
		size = 49153 // over the EIP-3860 initcode limit
	}
	if g.r.IntN(2) == 0 {
		a.push(uint64(g.r.IntN(3))) // salt: repeats collide
		a.push(size)
		a.push(initcodeAt)
		a.push(uint64(g.r.IntN(3)) * uint64(g.r.IntN(1000)))
		a.op(opCREATE2)
		a.depth -= 3
	} else {
		a.push(size)
		a.push(initcodeAt)
		a.push(uint64(g.r.IntN(3)) * uint64(g.r.IntN(1000)))
		a.op(opCREATE)
		a.depth -= 2
	}
	if g.r.IntN(4) > 0 {
		a.push(lastNew)
		a.op(opMSTORE)
		a.depth -= 2
	} else {
		g.sink(a)
	}
}

// initcode is code for CREATE: an optional constructor body, then one of
// deploying a generated runtime, reverting, deploying an oversized or
// 0xEF-prefixed runtime, or failing.
func (g *Gen) initcode(level, mode int) []byte {
	a := &asm{}
	for range g.r.IntN(3) {
		g.fragment(a, max(level, 1))
	}
	a.settle(0)
	var runtime []byte
	switch g.r.IntN(12) {
	case 0:
		a.push(uint64(g.r.IntN(64)))
		a.push(0)
		a.op(opREVERT)
		return a.bytes()
	case 10: // self-destruct in the constructor (EIP-6780: created in this tx)
		g.addrArg(a)
		a.op(opSELFDESTRUCT)
		return a.bytes()
	case 11: // deploy code that self-destructs when called
		runtime = []byte{0x33, opSELFDESTRUCT} // CALLER SELFDESTRUCT
	case 1: // code size over the EIP-170 limit, or at it
		a.push([]uint64{24577, 24576}[g.r.IntN(2)])
		a.push(0)
		a.op(opRETURN)
		return a.bytes()
	case 2:
		runtime = []byte{0xef, 0x00}
	case 3:
		a.op(opINVALID)
		return a.bytes()
	default:
		runtime = g.program(level + 1)
	}
	// CODECOPY the runtime that follows this prologue and RETURN it.
	start := len(a.code) + 15
	a.op(opPUSH2, byte(len(runtime)>>8), byte(len(runtime)))
	a.op(opPUSH2, byte(start>>8), byte(start))
	a.op(opPUSH1, 0, opCODECOPY)
	a.op(opPUSH2, byte(len(runtime)>>8), byte(len(runtime)))
	a.op(opPUSH1, 0, opRETURN)
	code := a.bytes()
	return append(code, runtime...)
}

// branch jumps (or conditionally jumps) over a block that leaves the stack
// as it found it.
func (g *Gen) branch(a *asm, level int) {
	d := a.depth
	l := a.label()
	if g.r.IntN(3) == 0 {
		a.pushLabel(l)
		a.op(opJUMP)
		a.depth--
	} else {
		a.op(opGAS) // any word: GAS is never zero here, CALLDATASIZE may be
		if g.r.IntN(2) == 0 {
			a.code[len(a.code)-1] = 0x36
		}
		a.depth++
		a.pushLabel(l)
		a.op(opJUMPI)
		a.depth -= 2
	}
	for range g.r.IntN(4) + 1 {
		g.fragment(a, level+1)
	}
	a.settle(d)
	a.mark(l)
	if g.r.IntN(40) == 0 { // now and then, a jump into the middle of nowhere
		a.push(uint64(g.r.IntN(len(a.code) + 5)))
		a.op(opJUMP)
		a.depth--
	}
}

// loop runs a stack-neutral body a few times with a counter on the stack.
func (g *Gen) loop(a *asm, level int) {
	d := a.depth
	a.push(uint64(g.r.IntN(6) + 1))
	floor := a.floor
	a.floor = a.depth
	l := a.label()
	a.mark(l)
	for range g.r.IntN(3) + 1 {
		g.fragment(a, level+1)
	}
	a.settle(a.floor)
	a.floor = floor
	a.push(1)
	a.op(opSWAP1, opSUB, opDUP1) // counter-1, counter-1
	a.depth++
	a.pushLabel(l)
	a.op(opJUMPI)
	a.depth -= 3
	a.settle(d)
}

// terminate ends a program.
func (g *Gen) terminate(a *asm) {
	switch g.r.IntN(10) {
	case 0, 1, 2:
		g.args(a, opRETURN, 0, g.offsetSmall, g.sizeSmall)
	case 3:
		g.args(a, opREVERT, 0, g.offsetSmall, g.sizeSmall)
	case 4:
		g.addrArg(a)
		a.op(opSELFDESTRUCT)
	case 5:
		a.op(opINVALID)
	case 6:
		a.op(opSTOP)
	}
	// otherwise fall off the end
}

// terminateMid ends the frame halfway (the rest is dead code).
func (g *Gen) terminateMid(a *asm) {
	switch g.r.IntN(3) {
	case 0:
		g.args(a, opREVERT, 0, g.offsetSmall, g.sizeSmall)
	case 1:
		g.addrArg(a)
		a.op(opSELFDESTRUCT)
		a.depth--
	default:
		a.op(opSTOP)
	}
}

func (g *Gen) offsetSmall() *uint256.Int { return uint256.NewInt(uint64(g.r.IntN(8)) * 32) }
func (g *Gen) sizeSmall() *uint256.Int   { return uint256.NewInt(uint64(g.r.IntN(97))) }
