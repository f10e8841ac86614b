package evm

import "github.com/holiman/uint256"

// Arithmetic, comparison, bitwise and shift opcodes. Operands are popped top
// first: for SUB(a, b) a is the top of the stack and the result is a - b.

func registerArithmetic(t *[256]behaviour) {
	binary := func(op OpCode, fn func(a, b *uint256.Int)) {
		t[op].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			a := f.stack.popPtr()
			fn(a, f.stack.peek())
			return nil, nil
		}
	}
	binary(ADD, func(a, b *uint256.Int) { b.Add(a, b) })
	binary(MUL, func(a, b *uint256.Int) { b.Mul(a, b) })
	binary(SUB, func(a, b *uint256.Int) { b.Sub(a, b) })
	binary(DIV, func(a, b *uint256.Int) { b.Div(a, b) })
	binary(SDIV, func(a, b *uint256.Int) { b.SDiv(a, b) })
	binary(MOD, func(a, b *uint256.Int) { b.Mod(a, b) })
	binary(SMOD, func(a, b *uint256.Int) { b.SMod(a, b) })
	binary(EXP, func(a, b *uint256.Int) { b.Exp(a, b) })
	// SIGNEXTEND(b, x): extend the sign bit of byte b (counted from the right).
	binary(SIGNEXTEND, func(a, b *uint256.Int) { b.ExtendSign(b, a) })
	binary(LT, func(a, b *uint256.Int) { setBool(b, a.Lt(b)) })
	binary(GT, func(a, b *uint256.Int) { setBool(b, a.Gt(b)) })
	binary(SLT, func(a, b *uint256.Int) { setBool(b, a.Slt(b)) })
	binary(SGT, func(a, b *uint256.Int) { setBool(b, a.Sgt(b)) })
	binary(EQ, func(a, b *uint256.Int) { setBool(b, a.Eq(b)) })
	binary(AND, func(a, b *uint256.Int) { b.And(a, b) })
	binary(OR, func(a, b *uint256.Int) { b.Or(a, b) })
	binary(XOR, func(a, b *uint256.Int) { b.Xor(a, b) })
	// BYTE(i, x): byte i of x, counted from the most significant.
	binary(BYTE, func(a, b *uint256.Int) { b.Byte(a) })
	// EIP-145 shifts: SHL/SHR/SAR(shift, value).
	binary(SHL, func(a, b *uint256.Int) {
		if a.LtUint64(256) {
			b.Lsh(b, uint(a.Uint64()))
		} else {
			b.Clear()
		}
	})
	binary(SHR, func(a, b *uint256.Int) {
		if a.LtUint64(256) {
			b.Rsh(b, uint(a.Uint64()))
		} else {
			b.Clear()
		}
	})
	binary(SAR, func(a, b *uint256.Int) {
		switch {
		case a.LtUint64(256):
			b.SRsh(b, uint(a.Uint64()))
		case b.Sign() < 0:
			b.SetAllOne()
		default:
			b.Clear()
		}
	})
	t[EXP].dynamicGas = gasExp

	ternary := func(op OpCode, fn func(a, b, c *uint256.Int)) {
		t[op].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			a := f.stack.popPtr()
			b := f.stack.popPtr()
			fn(a, b, f.stack.peek())
			return nil, nil
		}
	}
	// ADDMOD/MULMOD(a, b, N) compute without intermediate overflow; N = 0 gives 0.
	ternary(ADDMOD, func(a, b, n *uint256.Int) { n.AddMod(a, b, n) })
	ternary(MULMOD, func(a, b, n *uint256.Int) { n.MulMod(a, b, n) })

	unary := func(op OpCode, fn func(a *uint256.Int)) {
		t[op].execute = func(pc *uint64, e *EVM, f *frame) ([]byte, error) {
			fn(f.stack.peek())
			return nil, nil
		}
	}
	unary(ISZERO, func(a *uint256.Int) { setBool(a, a.IsZero()) })
	unary(NOT, func(a *uint256.Int) { a.Not(a) })
	// EIP-7939: count of leading zero bits; 256 for zero.
	unary(CLZ, func(a *uint256.Int) { a.SetUint64(uint64(256 - a.BitLen())) })
}

func setBool(z *uint256.Int, b bool) {
	if b {
		z.SetOne()
	} else {
		z.Clear()
	}
}

// gasExp charges per byte of the exponent: 10 gas, 50 from EIP-160.
func gasExp(e *EVM, f *frame, _ uint64) (uint64, error) {
	perByte := uint64(10)
	if e.is.eip160 {
		perByte = 50
	}
	return perByte * uint64(f.stack.back(1).ByteLen()), nil
}
