package evm

import "github.com/holiman/uint256"

// Arithmetic, comparison, bitwise and shift opcodes. Operands are popped top
// first: for SUB(a, b) a is the top of the stack and the result is a - b.

func registerArithmetic(t *[256]behaviour) {
	for op, fn := range map[OpCode]executionFunc{
		ADD: opAdd, MUL: opMul, SUB: opSub, DIV: opDiv, SDIV: opSdiv, MOD: opMod, SMOD: opSmod,
		EXP: opExp, SIGNEXTEND: opSignExtend, LT: opLt, GT: opGt, SLT: opSlt, SGT: opSgt, EQ: opEq,
		AND: opAnd, OR: opOr, XOR: opXor, BYTE: opByte, SHL: opShl, SHR: opShr, SAR: opSar,
		ADDMOD: opAddmod, MULMOD: opMulmod, ISZERO: opIszero, NOT: opNot, CLZ: opClz,
	} {
		t[op].execute = fn
	}
	t[EXP].dynamicGas = gasExp
}

// Bodies are plain functions (not closures over helpers) so each opcode
// costs one indirect call.

func opAdd(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Add(a, b)
	return nil, nil
}

func opMul(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Mul(a, b)
	return nil, nil
}

func opSub(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Sub(a, b)
	return nil, nil
}

func opDiv(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = divTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

func opSdiv(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.SDiv(a, b)
	return nil, nil
}

func opMod(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = modTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

func opSmod(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.SMod(a, b)
	return nil, nil
}

// opExp is EXP(base, exponent).
func opExp(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Exp(a, b)
	return nil, nil
}

// opSignExtend is SIGNEXTEND(b, x): extend the sign bit of byte b (counted
// from the least significant).
func opSignExtend(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = signExtendTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

func opLt(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	setBool(b, a.Lt(b))
	return nil, nil
}

func opGt(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	setBool(b, a.Gt(b))
	return nil, nil
}

func opSlt(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	setBool(b, a.Slt(b))
	return nil, nil
}

func opSgt(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	setBool(b, a.Sgt(b))
	return nil, nil
}

func opEq(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	setBool(b, a.Eq(b))
	return nil, nil
}

func opAnd(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.And(a, b)
	return nil, nil
}

func opOr(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Or(a, b)
	return nil, nil
}

func opXor(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Xor(a, b)
	return nil, nil
}

// opByte is BYTE(i, x): byte i of x, counted from the most significant.
func opByte(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.peek()
	b.Byte(a)
	return nil, nil
}

// opShl, opShr and opSar are EIP-145's SHL/SHR/SAR(shift, value).
func opShl(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = shlTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

func opShr(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = shrTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

func opSar(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = sarTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

// opAddmod and opMulmod are ADDMOD/MULMOD(a, b, N), computed without
// intermediate overflow; N = 0 gives 0.
func opAddmod(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.popPtr()
	b := f.stack.popPtr()
	n := f.stack.peek()
	n.AddMod(a, b, n)
	return nil, nil
}

func opMulmod(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	_, f.stack.n = e.mulmodTop(&f.stack.data, *pc, f.stack.n)
	return nil, nil
}

func opIszero(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.peek()
	setBool(a, a.IsZero())
	return nil, nil
}

func opNot(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.peek()
	a.Not(a)
	return nil, nil
}

// opClz is EIP-7939's count of leading zero bits; 256 for zero.
func opClz(pc *uint64, e *EVM, f *frame) ([]byte, error) {
	a := f.stack.peek()
	a.SetUint64(uint64(256 - a.BitLen()))
	return nil, nil
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
