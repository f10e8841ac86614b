package evm

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/holiman/uint256"
)

// runBoth runs code as one frame through the fast loop (block checks) and,
// on a fresh state, through runChecked (checks per instruction, the plain
// reading of the rules), and fails on any difference in output, gas left
// or error.
func runBoth(t *testing.T, fk fork.Fork, prog []byte, gas uint64) {
	t.Helper()
	type outcome struct {
		ret  []byte
		gas  uint64
		err  error
		mem  int
		refd uint64
	}
	run := func(fast bool) outcome {
		e, db := newTestEVM(t, fk)
		install(db, testContract, prog)
		f := getFrame()
		defer putFrame(f)
		f.setCode(prog, analyseCode(prog, e.table))
		f.caller, f.address, f.gas = testSender, testContract, gas
		var o outcome
		if fast {
			o.ret, o.err = e.runFast(f)
		} else {
			o.ret, o.err = e.runChecked(f, 0)
		}
		// The output is in the frame's memory, which the pool hands to
		// the next run: keep a copy.
		o.ret = bytes.Clone(o.ret)
		o.gas, o.mem, o.refd = f.gas, f.mem.Len(), db.GetRefund()
		if o.err != nil && !errors.Is(o.err, ErrExecutionReverted) {
			o.gas, o.mem = 0, 0 // an exceptional halt consumes all gas; memory is dropped
		}
		return o
	}
	fast, checked := run(true), run(false)
	sameErr := (fast.err == nil) == (checked.err == nil) &&
		(fast.err == nil || fast.err.Error() == checked.err.Error())
	if !sameErr || fast.gas != checked.gas || !bytes.Equal(fast.ret, checked.ret) || fast.mem != checked.mem || fast.refd != checked.refd {
		t.Fatalf("%v gas %d code %x:\nfast    %x gas %d err %v mem %d\nchecked %x gas %d err %v mem %d",
			fk, gas, prog, fast.ret, fast.gas, fast.err, fast.mem, checked.ret, checked.gas, checked.err, checked.mem)
	}
}

// Hand-made cases where block checks and per-instruction checks could part:
// a block that runs out of gas midway, a memory expansion inside a block
// with too little gas for the rest of it, an underflow after an expensive
// prefix, a jump into push data, GAS inside a block, and a truncated PUSH.
func TestFastLoopEdgeCases(t *testing.T) {
	progs := []string{
		"6001 6002 01 6003 02 00",                // arithmetic block
		"6001 6002 01 50 50 00",                  // underflow at the second POP
		"60ff 51 6001 6002 01 00",                // MLOAD expanding memory, then more instructions
		"6000 600052 6001 6002 01 5a 6000 52 00", // GAS mid-program
		"6004 56 5b 00",                          // jump to offset 4 (not a JUMPDEST: 0x00)
		"6003 56 5b 6001 00",                     // jump to the JUMPDEST
		"6001 6007 57 fe 5b 00",                  // JUMPI taken
		"6000 6007 57 6001 5b 00",                // JUMPI not taken into a JUMPDEST
		"5b 6001 6000 55 6000 54 00",             // JUMPDEST first, SSTORE/SLOAD
		"61ff",                                   // truncated PUSH2
		"7f0102",                                 // truncated PUSH32
		"6001 6000 52 6020 6000 f3",              // RETURN
		"6001 6000 52 6020 6000 fd",              // REVERT
		"6001 6001 0a 6003 6005 09 00",           // EXP (dynamic gas), MULMOD
		"600a 5b 6001 90 03 80 6002 57 00",       // countdown loop
		"5f 5f fd",                               // PUSH0 (undefined before Shanghai)
		"1b",                                     // SHL underflow / undefined before Constantinople
		// Fused pairs (fuse.go), their results returned: PUSH1 ADD with a
		// carry through all four words, PUSH1 SHL and SHR across a word,
		// PUSH1 DUP2, SWAP1 POP, POP POP; one at the end of the code, and
		// ones whose block underflows.
		"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6001 01" + returnTop,
		"7f8000000000000000000000000000000000000000000000000000000000000001 6041 1b 6003 1c" + returnTop,
		"6005 6007 81 01 01" + returnTop,
		"6001 6002 90 50" + returnTop,
		"6001 6002 6003 50 50" + returnTop,
		"6001 6002 90 50",
		"6001 81 00",
		"6001 90 50 00",
		"50 50",
		// PUSH2 offset MLOAD and MSTORE (runFast's PUSH2 case): outside
		// memory (the PUSH2 alone, then the growth), inside it, at its
		// last word, and one byte past it.
		"61 0000 51" + returnTop,
		"6007 61 0000 52 61 0000 51" + returnTop,
		"6000 6020 52 6009 61 0020 52 61 0020 51 61 0021 51 01" + returnTop,
		"6000 61 0040 52 6009 61 0021 52 61 0000 51" + returnTop,
		"61 ffff 51 00",
		"6000 6000 52 6001 6007 61 0000 52" + returnTop, // the word below the stored one
		// ISZERO PUSH2 dest JUMPI: taken (to a JUMPDEST followed by
		// another), not taken, taken to no JUMPDEST, and at the end.
		"6009 6000 15 610009 57 fe 5b 5b 6001 01" + returnTop,
		"6009 6001 15 610009 57 6005 01" + returnTop,
		"6000 15 610008 57 00 00",
		"6000 15 610001 57",
		"15 610000 57",
		// solc's mask PUSH1 1 PUSH1 1 PUSH1 n SHL SUB (fuse.go), pushed
		// and ANDed, for masks ending inside a word, at a word's end and
		// none at all; at the end of the code; one whose block underflows
		// at the AND; one whose immediates are not 1 (not fused).
		"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6001 6001 60a0 1b 03 16" + returnTop,
		"6001 6001 6080 1b 03" + returnTop,
		"6001 6001 60ff 1b 03 6001 01" + returnTop,
		"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6001 6001 6040 1b 03 16" + returnTop,
		"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6001 6001 6000 1b 03 16" + returnTop,
		"6001 6001 60a0 1b 03",
		"6001 6001 60a0 1b 03 16 00",
		"6002 6001 60a0 1b 03 16" + returnTop,
		// PUSH1 c DUP2 MSTORE (fuse.go): inside memory, at its last word,
		// one byte past it (the pair, then the growth), at an offset past
		// 64 bits, and over a word that held other bytes.
		"6040 6000 52 6020 6007 81 52 51" + returnTop,
		"6000 6020 52 6020 6009 81 52 6001 01 51" + returnTop,
		"6000 6020 52 6021 6009 81 52 51" + returnTop,
		"68 010000000000000000 6009 81 52 00",
		"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6000 52 6000 6005 81 52 51" + returnTop,
		// PUSH3..PUSH8 read as one word (runFast's kPushN): followed by
		// code, the last instruction (its eight bytes ending the code),
		// and cut short.
		"63 deadbeef 67 0102030405060708 01" + returnTop,
		"62 ffffff 6001 01" + returnTop,
		"6000 6000 f3 67 0102030405060708",
		"65 0102",
		// DUPn then a binary operation (fuse.go), each operation with
		// operands in both orders (SUB, LT, GT take the copied word as
		// their top operand), DUP1 (both operands one word), DUP16, and a
		// DUP2 whose block underflows.
		"6003 6009 81 03" + returnTop,
		"6009 6003 81 03" + returnTop,
		"6003 6009 81 10 6009 6003 81 10 01" + returnTop,
		"6003 6009 81 11 6009 6003 81 11 01" + returnTop,
		"6003 6003 81 14 6003 6004 81 14 01" + returnTop,
		"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 6001 81 01" + returnTop,
		"600c 600a 81 16 600c 600a 81 17 600c 600a 81 18 01 01" + returnTop,
		"6005 80 01" + returnTop,
		"6001 6002 6003 6004 6005 6006 6007 6008 6009 600a 600b 600c 600d 600e 600f 6010 6011 8f 18" + returnTop,
		"6001 81 01 00",
		// DUPn SHL, SHR, SIGNEXTEND: the shift or byte index is the
		// copied word; shifts of 256 and more; DUP1 (the value shifts or
		// extends by itself).
		"6004 60ff 81 1b 6004 60ff 81 1c 01" + returnTop,
		"610100 60ff 81 1b 610100 60ff 81 1c 01" + returnTop,
		"6000 60ff 81 0b 6001 61ff80 81 0b 01" + returnTop,
		"6003 80 1b 6002 80 1c 6000 80 0b 01 01" + returnTop,
		"7f8000000000000000000000000000000000000000000000000000000000000001 601f 81 0b 601e 82 0b 01" + returnTop,
		// MSTORE growing memory in runFast's case (Memory.growWord): by
		// one word, by two from an unaligned offset, with gas for the
		// growth but not the rest of the block, and at an offset past 64
		// bits.
		"6007 6000 52 6009 6020 52 6000 51 6020 51 01" + returnTop,
		"6007 6031 52 6031 51" + returnTop,
		"6007 6040 52 6001 6002 01 6003 01 00",
		"6007 68 010000000000000000 52 00",
		// MLOAD growing memory the same way: by a word, from an unaligned
		// offset, and with gas for the growth but not the rest.
		"6000 51 6020 51 01" + returnTop,
		"6031 51 6007 01" + returnTop,
		"6040 51 6001 6002 01 6003 01 00",
		// Runs of JUMPDESTs, which the kJumpdest case scans eight bytes
		// at a time: shorter than a word, one, more, into the end of the
		// code, and a run a jump lands in.
		"5b5b5b5b5b5b5b 6001" + returnTop,
		"5b5b5b5b5b5b5b5b 6001" + returnTop,
		"5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b 6001" + returnTop,
		"6001 5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b",
		"6004 56 00 5b5b5b5b5b5b5b5b5b5b 6001" + returnTop,
	}
	for _, fk := range []fork.Fork{fork.Frontier, fork.Istanbul, fork.Osaka} {
		for _, p := range progs {
			for _, gas := range []uint64{0, 1, 2, 3, 5, 6, 8, 9, 10, 12, 15, 20, 21, 30, 50, 100, 1000, 30000, 100000} {
				runBoth(t, fk, code(p), gas)
			}
		}
	}
}

// TestFastLoopRandom runs random programs made mostly of the opcodes the
// fast loop handles itself, with jumps to real JUMPDESTs and memory
// offsets small enough to succeed sometimes, at every gas amount from
// plenty down to where they run out.
func TestFastLoopRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 400
	if testing.Short() {
		n = 100
	}
	for range n {
		prog := randomProgram(rng)
		fk := []fork.Fork{fork.Frontier, fork.Istanbul, fork.Osaka}[rng.IntN(3)]
		for _, gas := range []uint64{rng.Uint64N(60), rng.Uint64N(400), rng.Uint64N(3000), rng.Uint64N(30000), 1_000_000} {
			runBoth(t, fk, prog, gas)
		}
	}
}

func randomProgram(rng *rand.Rand) []byte {
	var p []byte
	var dests []int
	common := []OpCode{ADD, SUB, MUL, DIV, MOD, LT, GT, SLT, SGT, EQ, ISZERO, AND, OR, XOR, NOT, SHL, SHR,
		POP, MLOAD, MSTORE, MSTORE8, DUP1, DUP1 + 1, DUP1 + 2, SWAP1, SWAP1 + 1, PUSH0, GAS, MULMOD, ADDMOD, EXP,
		SLOAD, SSTORE, KECCAK256, CALLDATALOAD, MSIZE, PC, BYTE, SAR, SIGNEXTEND}
	size := 4 + rng.IntN(40)
	for len(p) < size {
		switch r := rng.IntN(10); {
		case r < 3:
			n := 1 + rng.IntN(3)
			if rng.IntN(8) == 0 {
				n = 1 + rng.IntN(32)
			}
			p = append(p, byte(PUSH1)+byte(n-1))
			for range n {
				p = append(p, byte(rng.IntN(3)*rng.IntN(256)/2))
			}
		case r == 3:
			dests = append(dests, len(p))
			p = append(p, byte(JUMPDEST))
		case r == 4 && len(dests) > 0:
			d := dests[rng.IntN(len(dests))]
			if rng.IntN(6) == 0 {
				d = rng.IntN(len(p) + 2) // perhaps not a JUMPDEST
			}
			p = append(p, byte(PUSH1+1), byte(d>>8), byte(d))
			if rng.IntN(2) == 0 {
				p = append(p, byte(JUMP))
			} else {
				p = append(p, byte(JUMPI))
			}
		case r == 5 && rng.IntN(3) == 0:
			// The sequences fuse.go runs as one step.
			p = append(p, [][]byte{
				{byte(PUSH1), 1, byte(PUSH1), 1, byte(PUSH1), byte(rng.IntN(256)), byte(SHL), byte(SUB), byte(AND)},
				{byte(PUSH1), 1, byte(PUSH1), 1, byte(PUSH1), byte(rng.IntN(256)), byte(SHL), byte(SUB)},
				{byte(PUSH1), byte(rng.IntN(256)), byte(DUP1 + 1), byte(MSTORE)},
			}[rng.IntN(3)]...)
		case r == 5 && rng.IntN(4) == 0:
			p = append(p, []byte{byte(STOP), byte(RETURN), byte(REVERT), byte(INVALID), 0x0c}[rng.IntN(5)])
		default:
			p = append(p, byte(common[rng.IntN(len(common))]))
		}
	}
	if rng.IntN(3) == 0 {
		p = p[:len(p)-1] // may cut a PUSH short
	}
	return p
}

// MULMOD with a cached reciprocal gives the library's MulMod results,
// including after the modulus changes.
func TestMulmodReciprocalCache(t *testing.T) {
	e, _ := newTestEVM(t, fork.Osaka)
	rng := rand.New(rand.NewPCG(3, 4))
	mods := []*uint256.Int{
		mustHex256("0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"),
		mustHex256("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
		uint256.NewInt(7),
	}
	for i := range 300 {
		m := mods[i%len(mods)]
		if i%7 == 0 {
			m = new(uint256.Int).SetBytes32(randBytes(rng, 32))
		}
		a, b := new(uint256.Int).SetBytes32(randBytes(rng, 32)), new(uint256.Int).SetBytes32(randBytes(rng, 32))
		got := *m
		e.mulmod(&got, a, b)
		want := new(uint256.Int).MulMod(a, b, m)
		if !got.Eq(want) {
			t.Fatalf("mulmod(%v, %v, %v) = %v, want %v", a, b, m, got, want)
		}
	}
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// BenchmarkNew is the setup of an EVM for one transaction plus a 3-opcode
// call: what `goevm run --bench` and every state-test case pay per run.
func BenchmarkNew(b *testing.B) {
	db := state.New()
	db.SetCode(testContract, code("6001 6002 01 00"))
	db.Commit()
	rules := fork.Osaka.Rules()
	b.ReportAllocs()
	for b.Loop() {
		e := New(BlockContext{Number: 1}, TxContext{Origin: testSender}, db, rules, Config{ChainID: 1})
		if _, _, err := e.Call(testSender, testContract, nil, 100000, new(uint256.Int)); err != nil {
			b.Fatal(err)
		}
	}
}

// The sequences fuse.go names get their keys, so the edge cases above run
// the fused steps: solc's mask pushed and ANDed, PUSH1 DUP2 MSTORE, DUPn
// and an operation; and not before Constantinople, where SHL is undefined.
func TestFuseKeys(t *testing.T) {
	cases := []struct {
		fk   fork.Fork
		code string
		want fastKey
	}{
		{fork.Osaka, "6001 6001 60a0 1b 03 16", kAndLowMask},
		{fork.Osaka, "6001 6001 6080 1b 03 80", kPushLowMask},
		{fork.Osaka, "6001 6001 6080 1b 03", kPushLowMask},
		{fork.Osaka, "6002 6001 6080 1b 03 16", kPush1},
		{fork.Byzantium, "6001 6001 60a0 1b 03 16", kPush1},
		{fork.Osaka, "6000 81 52", kPush1Dup2Mstore},
		{fork.Osaka, "6000 81 51", kPush1Dup2},
		{fork.Osaka, "81 01", kDupAdd},
		{fork.Osaka, "8f 18", kDupXor},
		{fork.Osaka, "80 02", kDup1},
		{fork.Osaka, "89 1c", kDupShr},
		{fork.Osaka, "81 0b", kDupSignextend},
		{fork.Byzantium, "81 1b", kDup2},
	}
	for _, c := range cases {
		e, _ := newTestEVM(t, c.fk)
		if got := analyseCode(code(c.code), e.table).keys[0]; got != c.want {
			t.Errorf("%v %s: key %d, want %d", c.fk, c.code, got, c.want)
		}
	}
}
