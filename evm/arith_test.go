package evm

import (
	"fmt"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

func push32(v *uint256.Int) string {
	b := v.Bytes32()
	return fmt.Sprintf("7f%x", b[:])
}

// binop runs PUSH b, PUSH a, OP (so a is on top) and returns the result.
func binop(t *testing.T, f fork.Fork, op OpCode, a, b *uint256.Int) *uint256.Int {
	t.Helper()
	ret, _, err, _ := runAt(t, f, push32(b)+push32(a)+fmt.Sprintf("%02x", byte(op))+returnTop, 100000)
	if err != nil {
		t.Fatalf("%v: %v", op, err)
	}
	return word(ret)
}

var maxU256 = new(uint256.Int).SetAllOne()

func u(x uint64) *uint256.Int { return uint256.NewInt(x) }

// neg is two's complement -x.
func neg(x uint64) *uint256.Int { return new(uint256.Int).Neg(u(x)) }

func TestArithmetic(t *testing.T) {
	cases := []struct {
		op         OpCode
		a, b, want *uint256.Int
	}{
		{ADD, maxU256, u(1), u(0)},
		{SUB, u(0), u(1), maxU256},
		{MUL, u(1 << 32), u(1 << 32), u(0).Lsh(u(1), 64)},
		{DIV, u(7), u(2), u(3)},
		{DIV, u(7), u(0), u(0)},
		{SDIV, neg(7), u(2), neg(3)}, // truncates toward zero
		{SDIV, new(uint256.Int).Lsh(u(1), 255), maxU256, new(uint256.Int).Lsh(u(1), 255)}, // -2^255 / -1 overflows to itself
		{MOD, u(7), u(0), u(0)},
		{SMOD, neg(7), u(3), neg(1)}, // sign of the dividend
		{EXP, u(2), u(255), new(uint256.Int).Lsh(u(1), 255)},
		{EXP, u(2), u(256), u(0)},
		{SIGNEXTEND, u(0), u(0xff), maxU256},
		{SIGNEXTEND, u(0), u(0x7f), u(0x7f)},
		{SIGNEXTEND, u(31), u(0xff), u(0xff)},
		{LT, u(1), u(2), u(1)},
		{GT, u(1), u(2), u(0)},
		{SLT, neg(1), u(0), u(1)},
		{SGT, neg(1), u(0), u(0)},
		{EQ, u(5), u(5), u(1)},
		{BYTE, u(31), u(0x1234), u(0x34)},
		{BYTE, u(30), u(0x1234), u(0x12)},
		{BYTE, u(32), maxU256, u(0)},
		{AND, u(0xf0f0), u(0xff00), u(0xf000)},
		{OR, u(0xf0), u(0x0f), u(0xff)},
		{XOR, u(0xff), u(0x0f), u(0xf0)},
	}
	for _, c := range cases {
		if got := binop(t, fork.Osaka, c.op, c.a, c.b); !got.Eq(c.want) {
			t.Errorf("%v(%s, %s) = %s, want %s", c.op, c.a.Hex(), c.b.Hex(), got.Hex(), c.want.Hex())
		}
	}
}

func TestAddModMulMod(t *testing.T) {
	// ADDMOD(max, 2, 3): (2^256-1+2) mod 3 = (2^256+1) mod 3 = 2 (2^256 ≡ 1 mod 3).
	ret, _, err, _ := runAt(t, fork.Cancun, "6003 6002"+push32(maxU256)+"08"+returnTop, 100000)
	if err != nil || !word(ret).Eq(u(2)) {
		t.Errorf("ADDMOD = %v, %v", word(ret), err)
	}
	// MULMOD(max, max, 12): (2^256-1)^2 mod 12; 2^256-1 ≡ 3 mod 12, 9 mod 12.
	ret, _, err, _ = runAt(t, fork.Cancun, "600c"+push32(maxU256)+push32(maxU256)+"09"+returnTop, 100000)
	if err != nil || !word(ret).Eq(u(9)) {
		t.Errorf("MULMOD = %v, %v", word(ret), err)
	}
}

// TestShiftEIP145 runs the test vectors listed in EIP-145.
func TestShiftEIP145(t *testing.T) {
	h := mustHex256
	cases := []struct {
		op           OpCode
		value, shift string
		want         string
	}{
		{SHL, "0x1", "0x0", "0x1"},
		{SHL, "0x1", "0x1", "0x2"},
		{SHL, "0x1", "0xff", "0x8000000000000000000000000000000000000000000000000000000000000000"},
		{SHL, "0x1", "0x100", "0x0"},
		{SHL, "0x1", "0x101", "0x0"},
		{SHL, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SHL, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x1", "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"},
		{SHL, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0x8000000000000000000000000000000000000000000000000000000000000000"},
		{SHL, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x100", "0x0"},
		{SHL, "0x0", "0x1", "0x0"},
		{SHL, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x1", "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"},
		{SHR, "0x1", "0x0", "0x1"},
		{SHR, "0x1", "0x1", "0x0"},
		{SHR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0x1", "0x4000000000000000000000000000000000000000000000000000000000000000"},
		{SHR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0xff", "0x1"},
		{SHR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0x100", "0x0"},
		{SHR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0x101", "0x0"},
		{SHR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SHR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x1", "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SHR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0x1"},
		{SHR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x100", "0x0"},
		{SHR, "0x0", "0x1", "0x0"},
		{SAR, "0x1", "0x0", "0x1"},
		{SAR, "0x1", "0x1", "0x0"},
		{SAR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0x1", "0xc000000000000000000000000000000000000000000000000000000000000000"},
		{SAR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0xff", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0x100", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0x8000000000000000000000000000000000000000000000000000000000000000", "0x101", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x0", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x1", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x100", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
		{SAR, "0x0", "0x1", "0x0"},
		{SAR, "0x4000000000000000000000000000000000000000000000000000000000000000", "0xfe", "0x1"},
		{SAR, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xf8", "0x7f"},
		{SAR, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xfe", "0x1"},
		{SAR, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0xff", "0x0"},
		{SAR, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "0x100", "0x0"},
	}
	for _, c := range cases {
		got := binop(t, fork.Constantinople, c.op, h(c.shift), h(c.value))
		if !got.Eq(h(c.want)) {
			t.Errorf("%v value=%s shift=%s: got %s want %s", c.op, c.value, c.shift, got.Hex(), c.want)
		}
	}
	// Before Constantinople the shifts are undefined opcodes.
	if _, _, err, _ := runAt(t, fork.Byzantium, "6001 6001 1b", 100000); err == nil {
		t.Error("SHL ran before Constantinople")
	}
}

// TestCLZ uses the EIP-7939 vectors and checks the opcode arrives in Osaka.
func TestCLZ(t *testing.T) {
	cases := []struct{ in, want *uint256.Int }{
		{u(0), u(256)},
		{new(uint256.Int).Lsh(u(1), 255), u(0)},
		{maxU256, u(0)},
		{new(uint256.Int).Lsh(u(1), 254), u(1)},
		{new(uint256.Int).Sub(new(uint256.Int).Lsh(u(1), 255), u(1)), u(1)},
		{u(1), u(255)},
	}
	for _, c := range cases {
		ret, gasLeft, err, _ := runAt(t, fork.Osaka, push32(c.in)+"1e"+returnTop, 100000)
		if err != nil || !word(ret).Eq(c.want) {
			t.Errorf("CLZ(%s) = %v, %v; want %v", c.in.Hex(), word(ret), err, c.want)
		}
		// PUSH32 3 + CLZ 5 + PUSH1 3 + MSTORE 3+3 (memory) + 2×PUSH1 6 + RETURN 0 = 23.
		if used := 100000 - gasLeft; used != 23 {
			t.Errorf("CLZ program used %d gas, want 23", used)
		}
	}
	if _, _, err, _ := runAt(t, fork.Prague, "6001 1e", 100000); err == nil {
		t.Error("CLZ ran before Osaka")
	}
}
