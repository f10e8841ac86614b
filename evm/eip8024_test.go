package evm

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/trace"
	"github.com/holiman/uint256"
)

// TestEIP8024Decode pins the EIP's decode_single and decode_pair on the
// immediates of its "Assembly/Disassembly" test cases, and checks that
// encode_single and encode_pair invert them over every depth they accept.
func TestEIP8024Decode(t *testing.T) {
	if n, ok := DecodeSingle(0x80); !ok || n != 17 { // e680 is [DUPN 17]
		t.Errorf("decode_single(0x80) = %d, %v", n, ok)
	}
	if n, ok := DecodeSingle(0xdb); !ok || n != 108 { // e7db is [SWAPN 108]
		t.Errorf("decode_single(0xdb) = %d, %v", n, ok)
	}
	for _, x := range []byte{0x5b, 0x5f, 0x60, 0x61} { // e75b, e65f, e6605b, e7610000: INVALID_*
		if _, ok := DecodeSingle(x); ok {
			t.Errorf("decode_single(%#x) valid", x)
		}
	}
	pairs := []struct {
		x    byte
		n, m int
	}{{0x9d, 2, 3}, {0x2f, 1, 19}, {0x50, 14, 16}, {0x51, 14, 15}, {0x8e, 1, 2}, {0x8f, 1, 29}, {0x00, 9, 16}}
	for _, c := range pairs {
		if n, m, ok := DecodePair(c.x); !ok || n != c.n || m != c.m {
			t.Errorf("decode_pair(%#x) = %d, %d, %v; want %d, %d", c.x, n, m, ok, c.n, c.m)
		}
	}
	if _, _, ok := DecodePair(0x52); ok { // e852 is [INVALID_EXCHANGE, MSTORE]
		t.Error("decode_pair(0x52) valid")
	}
	// Every byte outside the forbidden ranges decodes, and encodes back.
	singles, pairsValid := 0, 0
	for x := range 256 {
		if n, ok := DecodeSingle(byte(x)); ok {
			singles++
			if n < 17 || n > 235 {
				t.Errorf("decode_single(%#x) = %d out of 17..235", x, n)
			}
			if y, ok := EncodeSingle(n); !ok || y != byte(x) {
				t.Errorf("encode_single(%d) = %#x, want %#x", n, y, x)
			}
		} else if x <= 90 || x >= 128 {
			t.Errorf("decode_single(%#x) invalid", x)
		}
		if n, m, ok := DecodePair(byte(x)); ok {
			pairsValid++
			if n < 1 || n >= m || n+m > 30 {
				t.Errorf("decode_pair(%#x) = %d, %d", x, n, m)
			}
			if y, ok := EncodePair(n, m); !ok || y != byte(x) {
				t.Errorf("encode_pair(%d, %d) = %#x, want %#x", n, m, y, x)
			}
		} else if x <= 81 || x >= 128 {
			t.Errorf("decode_pair(%#x) invalid", x)
		}
	}
	if singles != 219 || pairsValid != 210 { // depths 17..235; the 210 pairs n < m, n + m <= 30
		t.Errorf("%d single and %d pair immediates", singles, pairsValid)
	}
	if _, ok := EncodeSingle(16); ok {
		t.Error("encode_single(16)")
	}
	if _, ok := EncodePair(15, 16); ok {
		t.Error("encode_pair(15, 16)")
	}
}

// run8024 runs prog as one frame under fk through the fast, checked or
// traced loop and returns the final stack (top first), the gas used and
// the error.
func run8024(t *testing.T, fk fork.Fork, prog []byte, path interpreterPath) (stack []uint256.Int, used uint64, err error) {
	t.Helper()
	const gas = 1_000_000
	e, db := newTestEVM(t, fk)
	if path == pathTraced {
		e.tracer = trace.NoopHooks()
	}
	install(db, testContract, prog)
	f := getFrame()
	defer putFrame(f)
	f.setCode(prog, analyseCode(prog, e.table))
	f.caller, f.address, f.gas = testSender, testContract, gas
	switch path {
	case pathFast:
		_, err = e.runFast(f)
	case pathChecked:
		_, err = e.runChecked(f, 0)
	default:
		_, err = e.runTraced(f)
	}
	items := f.stack.Items()
	for i := len(items) - 1; i >= 0; i-- {
		stack = append(stack, items[i])
	}
	return stack, gas - f.gas, err
}

// TestEIP8024Execution runs the EIP's "Execution" test cases through every
// interpreter loop.
func TestEIP8024Execution(t *testing.T) {
	zeros := func(n int) []uint64 { return make([]uint64, n) }
	with := func(s []uint64, i int, v uint64) []uint64 { s[i] = v; return s }
	cases := []struct {
		code  string
		stack []uint64 // top first; nil when it halts exceptionally
		err   error
	}{
		// 18 items, the top and the bottom 1, the rest 0.
		{"60016000808080808080808080808080808080e680", with(with(zeros(18), 0, 1), 17, 1), nil},
		// 18 items, the top 1, the bottom 2.
		{"600160008080808080808080808080808080806002e780", with(with(zeros(18), 0, 1), 17, 2), nil},
		// EXCHANGE at the end of the code: immediate 0, (9, 16).
		{"600260008080808080600160008080808080808080e8", with(with(zeros(17), 16, 1), 9, 2), nil},
		{"600060016002e88e", []uint64{2, 0, 1}, nil},
		{"600080808080808080808080808080808080808080808080808080808060016002e88f", with(with(zeros(30), 0, 2), 29, 1), nil},
		// "e75b reverts": on an empty stack geth's minimum of two items
		// fails it first (an exceptional halt either way, all gas gone).
		{"e75b", nil, ErrStackUnderflow},
		{"5f5f e75b", nil, ErrInvalidOpcode},
		{"600456e65b", []uint64{}, nil}, // PUSH 04 JUMP INVALID_DUPN JUMPDEST
		{"60008080e88e15", []uint64{1, 0, 0}, nil},
		{"e852", nil, ErrStackUnderflow}, // "e852 reverts", as e75b
		{"5f5f e852", nil, ErrInvalidOpcode},
		{"6000808080808080808080808080808080e680", nil, ErrStackUnderflow}, // 16 items, DUPN 17
		{"e680", nil, ErrStackUnderflow},                                   // geth's minimum: one item
		{"5f" + strings.Repeat("5f", 1023) + "e680", nil, ErrStackOverflow},
	}
	for _, c := range cases {
		for _, path := range []interpreterPath{pathFast, pathChecked, pathTraced} {
			stack, _, err := run8024(t, fork.Amsterdam, code(c.code), path)
			if !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
				t.Errorf("%.80s %v: err %v, want %v", c.code, path, err, c.err)
				continue
			}
			if c.err != nil {
				continue
			}
			got := make([]uint64, len(stack))
			for i := range stack {
				got[i] = stack[i].Uint64()
			}
			if fmt.Sprint(got) != fmt.Sprint(c.stack) {
				t.Errorf("%s %v: stack %v, want %v", c.code, path, got, c.stack)
			}
		}
	}
}

// TestEIP8024Gas: each opcode charges 3 gas (EIP-8024 "Charge 3 gas"), and
// before Amsterdam the bytes are undefined.
func TestEIP8024Gas(t *testing.T) {
	for _, path := range []interpreterPath{pathFast, pathChecked, pathTraced} {
		_, used, err := run8024(t, fork.Amsterdam, code("600060016002e88e"), path) // three PUSH1 and EXCHANGE
		if err != nil || used != 3*3+3 {
			t.Errorf("%v: used %d, err %v", path, used, err)
		}
		_, _, err = run8024(t, fork.Osaka, code("600060016002e88e"), path)
		if !errors.Is(err, ErrInvalidOpcode) {
			t.Errorf("Osaka %v: err %v", path, err)
		}
	}
}

// TestEIP8024TraceErrors: the traced loop words the failures as geth does.
func TestEIP8024TraceErrors(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{"5f5f e75b", "invalid opcode: SWAPN (operand: 0x5b)"},
		{"5f e605", "stack underflow (1 <=> 150)"}, {"5f e65c", "invalid opcode: DUPN (operand: 0x5c)"},
		{"5f5f e852", "invalid opcode: EXCHANGE (operand: 0x52)"},
		{"5f e680", "stack underflow (1 <=> 17)"},
		{"5f5f e780", "stack underflow (2 <=> 18)"},
		{"5f5f e88f", "stack underflow (2 <=> 30)"},
		{"e680", "stack underflow (0 <=> 1)"},
	} {
		_, _, err := run8024(t, fork.Amsterdam, code(c.code), pathTraced)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: %v, want %q", c.code, err, c.want)
		}
	}
}

// TestEIP8024JumpdestAnalysis: "JUMPDEST analysis is unchanged": the byte
// after DUPN, SWAPN or EXCHANGE is a jump destination when it is 0x5b, and
// a valid immediate's next byte starts an instruction.
func TestEIP8024JumpdestAnalysis(t *testing.T) {
	r := fork.Amsterdam.Rules()
	table := tableFor(&r)
	ci := analyseCode(code("e65b e75b e85b"), table)
	for _, pc := range []uint64{1, 3, 5} {
		if !ci.jumpdests.has(pc) {
			t.Errorf("offset %d is no jump destination", pc)
		}
	}
	// e6 61 5b5b: INVALID_DUPN, then PUSH2 whose data hides the JUMPDESTs.
	ci = analyseCode(code("e6615b5b"), table)
	if ci.jumpdests.has(2) || ci.jumpdests.has(3) {
		t.Error("a JUMPDEST inside PUSH2 data")
	}
}

// TestEIP8024Blocks: the fast loop charges a block that holds EIP-8024
// instructions as the checked loop charges each instruction, whatever the
// byte after the immediate and the gas (an immediate byte that would end a
// block as an instruction, STOP or JUMP's 0x56, and one that is an
// expensive opcode's, 0x54 SLOAD).
func TestEIP8024Blocks(t *testing.T) {
	deep := strings.Repeat("5f", 30)
	progs := []string{
		deep + "e680 01 01 00",           // DUPN 17, ADD, ADD
		deep + "e700 01 6000 55",         // SWAPN 145 (underflow)
		deep + "e756 01 6001 6000 55",    // SWAPN 235 (0x56 is JUMP as an instruction)
		deep + "e854 50 50 6001 6000 55", // EXCHANGE with 0x54 (SLOAD) as immediate
		deep + "e880 5b 01 01",           // EXCHANGE, then a JUMPDEST inside the block
		deep + "e65b 00",                 // INVALID_DUPN before a JUMPDEST
		deep + "e6",                      // DUPN with a missing immediate (0: DUPN 145)
		deep + "6000 e6",                 // the same after a push
		strings.Repeat("5f", 150) + "e6", // DUPN 145 succeeds
		strings.Repeat("5f", 150) + "e800 01",
	}
	for _, p := range progs {
		prog := code(p)
		for _, gas := range []uint64{0, 50, 92, 93, 94, 95, 96, 100, 105, 110, 120, 200, 2200, 30000} {
			runBoth(t, fork.Amsterdam, prog, gas)
		}
	}
}
