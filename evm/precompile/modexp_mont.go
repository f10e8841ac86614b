package precompile

import (
	"encoding/binary"
	"math/big"
	"math/bits"
)

// math/big's Exp uses Montgomery multiplication only for exponents longer
// than one word; an exponent such as 65537 (RSA's usual public exponent)
// takes a square-and-multiply path that divides after every step, which for
// a modulus of a few words costs several times a Montgomery step. expMont
// covers that case: an odd modulus of at most montMaxLimbs 64-bit words and
// a one-word exponent. Everything else stays with math/big.

// montMaxLimbs is the largest modulus, in 64-bit words, expMont takes. Up to
// 64 bytes these pure Go loops take about half math/big's time; by 96 bytes
// math/big's assembly-backed division has caught up (CPU time per call with
// exponent 65537, measured with BenchmarkModExpOneWordExponent's inputs).
const montMaxLimbs = 8

// montModulus is an odd modulus m of n words, least significant first, and
// minv = -m^-1 mod 2^64, the constant of Montgomery reduction.
type montModulus struct {
	m    [montMaxLimbs]uint64
	n    int
	minv uint64
}

// useMont reports whether expMont handles base**exp % mod: odd mod of at
// most montMaxLimbs words, exp at most one word and at least 2 (exp 0 and 1
// are math/big's trivial cases).
func useMont(exp, mod *big.Int) bool {
	return mod.Bit(0) == 1 && mod.BitLen() <= 64*montMaxLimbs &&
		exp.BitLen() <= 64 && exp.Cmp(big.NewInt(1)) > 0
}

// expMont writes base**exp % mod into out (big-endian, left-padded, len(out)
// at least mod's byte length). useMont(exp, mod) must hold.
func expMont(out []byte, base, exp, mod *big.Int) {
	var mm montModulus
	mm.n = (mod.BitLen() + 63) / 64
	var buf [8 * montMaxLimbs]byte
	limbsFromBig(&mm.m, mod, mm.n, &buf)
	// Newton's iteration for m0^-1 mod 2^64: m0 is its own inverse mod 8 (m0
	// odd), and each step doubles the correct low bits (3, 6, ..., 96).
	m0 := mm.m[0]
	inv := m0
	for range 5 {
		inv *= 2 - m0*inv
	}
	mm.minv = -inv

	// x = base * R mod m with R = 2^(64n): Montgomery form, by one division.
	var x, acc [montMaxLimbs]uint64
	xr := new(big.Int).Lsh(base, uint(64*mm.n))
	xr.Mod(xr, mod)
	limbsFromBig(&x, xr, mm.n, &buf)

	// Left-to-right square-and-multiply over the exponent's bits; the top
	// bit starts acc at x.
	e := exp.Uint64()
	acc = x
	for i := bits.Len64(e) - 2; i >= 0; i-- {
		mm.mul(&acc, &acc, &acc)
		if e>>uint(i)&1 == 1 {
			mm.mul(&acc, &acc, &x)
		}
	}
	// Out of Montgomery form: acc * 1 * R^-1.
	var one [montMaxLimbs]uint64
	one[0] = 1
	mm.mul(&acc, &acc, &one)

	clear(out)
	for i := 0; i < mm.n; i++ {
		// Word i covers out's bytes [len-8(i+1), len-8i); the top word may
		// stick out past the start of out only with zero bytes.
		end := len(out) - 8*i
		var w [8]byte
		binary.BigEndian.PutUint64(w[:], acc[i])
		if end >= 8 {
			copy(out[end-8:end], w[:])
		} else {
			copy(out[:end], w[8-end:])
		}
	}
}

// limbsFromBig reads the low n words of v (v < 2^(64n)) into z.
func limbsFromBig(z *[montMaxLimbs]uint64, v *big.Int, n int, buf *[8 * montMaxLimbs]byte) {
	b := buf[:8*n]
	v.FillBytes(b)
	for i := 0; i < n; i++ {
		z[i] = binary.BigEndian.Uint64(b[8*(n-1-i):])
	}
}

// mul sets z = x * y * R^-1 mod m for x, y < m (CIOS Montgomery
// multiplication: each outer step adds x*y[i], then a multiple of m that
// clears the low word, and shifts one word down). z may alias x or y.
func (mm *montModulus) mul(z, x, y *[montMaxLimbs]uint64) {
	n := mm.n
	m := mm.m[:n]
	xs := x[:n]
	var t [montMaxLimbs + 2]uint64
	for i := 0; i < n; i++ {
		yi := y[i]
		// t += x * y[i]
		var c uint64
		for j, xj := range xs {
			hi, lo := bits.Mul64(xj, yi)
			var cc uint64
			lo, cc = bits.Add64(lo, t[j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			t[j] = lo
			c = hi
		}
		var cc uint64
		t[n], cc = bits.Add64(t[n], c, 0)
		t[n+1] = cc
		// t = (t + q*m) / 2^64 with q chosen so the low word cancels.
		q := t[0] * mm.minv
		hi, lo := bits.Mul64(q, m[0])
		_, cc = bits.Add64(lo, t[0], 0)
		c = hi + cc
		for j := 1; j < n; j++ {
			hi, lo := bits.Mul64(q, m[j])
			lo, cc = bits.Add64(lo, t[j], 0)
			hi += cc
			lo, cc = bits.Add64(lo, c, 0)
			hi += cc
			t[j-1] = lo
			c = hi
		}
		t[n-1], cc = bits.Add64(t[n], c, 0)
		t[n] = t[n+1] + cc
	}
	// t < 2m: subtract m once if t >= m.
	var d [montMaxLimbs]uint64
	var borrow uint64
	for j := 0; j < n; j++ {
		d[j], borrow = bits.Sub64(t[j], m[j], borrow)
	}
	// t >= m exactly when the top word absorbs the borrow.
	if t[n] != 0 || borrow == 0 {
		copy(z[:n], d[:n])
	} else {
		copy(z[:n], t[:n])
	}
}
