package evm

import (
	"math/bits"

	"github.com/holiman/uint256"
)

// Fast paths for DIV, MOD and MULMOD on the operand shapes compiled
// Solidity math produces. Uniswap's FullMath.mulDiv (swap_math) computes
// mulmod(a, b, not(0)) and mulmod(a, b, denominator) on amounts and prices
// of 60 to 160 bits whose product fits in 256 bits, and divides such
// products by 20- to 105-bit denominators (counted over the benchmark's
// three cases). holiman/uint256 handles these in its general code: a
// 512-bit product, then a reduction with a reciprocal or a Knuth division
// over slices. Here the product is formed only as wide as it needs to be,
// a modulus of 2^256-1 is a fold, and divisors of one or two 64-bit words
// divide with fixed-size arrays that stay in registers. In isolation a
// 61x95-bit mulmod by 2^256-1 went from 41 to 10 ns and a 156/97-bit DIV
// from 45 to 12 ns. swap_math's cpu/call (spent/received/
// insufficient_liquidity, goevm bench, interleaved runs on a loaded
// 2-core machine): 2.25/2.54/1.61 -> 2.08/2.52/1.53 us, medians of 9 at
// f0ae233; on 5dd2376, whose loop is faster, paired ratios of 30 runs
// 0.98/0.97/0.97 (median), 0.93/0.97/0.93 (fastest runs). Power-of-two
// divisors keep their shortcut in quotient and remainder (run_fast.go).

// divWords sets z to n / d and returns the remainder r = n mod d, for d of
// one or two words (d[2] == d[3] == 0); ok is false for a wider or zero d,
// which the caller hands to the general division. z may alias n or d.
func divWords(z, n, d *uint256.Int) (r uint256.Int, ok bool) {
	if d[3]|d[2] != 0 {
		return r, false
	}
	if d[1] == 0 {
		if d[0] == 0 {
			return r, false
		}
		// One word: the hardware divides 128 by 64 bits, top word first.
		v, w := d[0], *n
		var rem uint64
		switch {
		case w[3] != 0:
			z[3], rem = bits.Div64(0, w[3], v)
			z[2], rem = bits.Div64(rem, w[2], v)
			z[1], rem = bits.Div64(rem, w[1], v)
			z[0], rem = bits.Div64(rem, w[0], v)
		case w[2] != 0:
			z[3] = 0
			z[2], rem = bits.Div64(0, w[2], v)
			z[1], rem = bits.Div64(rem, w[1], v)
			z[0], rem = bits.Div64(rem, w[0], v)
		case w[1] != 0:
			z[3], z[2] = 0, 0
			z[1], rem = bits.Div64(0, w[1], v)
			z[0], rem = bits.Div64(rem, w[0], v)
		default:
			z[3], z[2], z[1] = 0, 0, 0
			z[0], rem = w[0]/v, w[0]%v
		}
		r[0] = rem
		return r, true
	}
	// Two words: Knuth's algorithm D (TAOCP 4.3.1) with a two-word divisor,
	// one quotient word per step. The divisor is shifted left by s so its
	// top bit is set, and n with it into one more word (x>>64 is 0 in Go,
	// so s = 0 needs no special case); the remainder is shifted back.
	s := uint(bits.LeadingZeros64(d[1]))
	dh, dl := d[1]<<s|d[0]>>(64-s), d[0]<<s
	w := *n
	u := [5]uint64{
		w[0] << s,
		w[1]<<s | w[0]>>(64-s),
		w[2]<<s | w[1]>>(64-s),
		w[3]<<s | w[2]>>(64-s),
		w[3] >> (64 - s),
	}
	// Quotient word j comes from u[j+2], u[j+1], u[j]; it is 0 while the
	// words above it are below the divisor, which skips the top steps for
	// a narrow n.
	j := 2
	for j > 0 && u[j+2] == 0 && u[j+1] < dh {
		j--
	}
	var q [4]uint64
	for ; j >= 0; j-- {
		u2, u1, u0 := u[j+2], u[j+1], u[j]
		// The estimate (u2, u1) / dh is at most two too large (Knuth's
		// theorem B, the divisor normalised); step D3 corrects it against
		// dl. With a two-word divisor that test compares qhat*(dh, dl) with
		// (u2, u1, u0) exactly, so qhat leaves it exact and step D6's add
		// back never happens. (Once rhat reaches 2^64 the test would pass
		// anyway.)
		var qhat, rhat, c uint64
		if u2 >= dh { // u2 == dh: the estimate is capped at 2^64-1
			qhat = ^uint64(0)
			rhat, c = bits.Add64(u1, dh, 0)
		} else {
			qhat, rhat = bits.Div64(u2, u1, dh)
		}
		for i := 0; i < 2 && c == 0; i++ {
			ph, pl := bits.Mul64(qhat, dl)
			if ph < rhat || ph == rhat && pl <= u0 {
				break
			}
			qhat--
			rhat, c = bits.Add64(rhat, dh, 0)
		}
		// (u1, u0) = (u2, u1, u0) - qhat*(dh, dl), below the divisor.
		p0h, p0l := bits.Mul64(qhat, dl)
		m1 := p0h + qhat*dh // the product's middle word, mod 2^64
		var b uint64
		u0, b = bits.Sub64(u0, p0l, 0)
		u1, _ = bits.Sub64(u1, m1, b)
		u[j+1], u[j] = u1, u0
		q[j] = qhat
	}
	*z = q
	r[0] = u[0]>>s | u[1]<<(64-s)
	r[1] = u[1] >> s
	return r, true
}

// divide sets z to n / d, 0 for d = 0. z may alias n or d.
func divide(z, n, d *uint256.Int) {
	if n.Lt(d) {
		z.Clear()
		return
	}
	if _, ok := divWords(z, n, d); !ok {
		z.Div(n, d)
	}
}

// modulo sets z to n mod d, 0 for d = 0. z may alias n or d.
func modulo(z, n, d *uint256.Int) {
	if n.Lt(d) {
		*z = *n
		return
	}
	var q uint256.Int
	if r, ok := divWords(&q, n, d); ok {
		*z = r
		return
	}
	z.Mod(n, d)
}

// mulmodShort sets m to a*b mod m (0 for m = 0) and returns true where that
// is cheap: when the product fits in 256 bits, or m is 2^256-1 (allOnes,
// which the caller has tested). Otherwise it leaves m alone and returns
// false.
func mulmodShort(m, a, b *uint256.Int, allOnes bool) bool {
	if a.BitLen()+b.BitLen() <= 256 {
		var p uint256.Int
		p.Mul(a, b)
		if allOnes {
			// p < 2^256-1: (2^k-1)(2^(256-k)-1) is the largest product
			// of a k-bit and a (256-k)-bit number.
			*m = p
			return true
		}
		modulo(m, &p, m)
		return true
	}
	if !allOnes {
		return false
	}
	// 2^256 = 1 mod 2^256-1, so hi*2^256 + lo = hi + lo: add the halves
	// and fold the carry back in. hi + lo < 2^257 - 1, so when there is a
	// carry the sum below it is at most 2^256-2 and adding 1 cannot carry
	// again; 2^256-1 itself is 0.
	var p [8]uint64
	mul512(a, b, &p)
	var c uint64
	m[0], c = bits.Add64(p[0], p[4], 0)
	m[1], c = bits.Add64(p[1], p[5], c)
	m[2], c = bits.Add64(p[2], p[6], c)
	m[3], c = bits.Add64(p[3], p[7], c)
	m[0], c = bits.Add64(m[0], c, 0)
	m[1], c = bits.Add64(m[1], 0, c)
	m[2], c = bits.Add64(m[2], 0, c)
	m[3], _ = bits.Add64(m[3], 0, c)
	if m[0]&m[1]&m[2]&m[3] == ^uint64(0) {
		m.Clear()
	}
	return true
}

// mul512 sets p to the full 512-bit product x*y, least significant word
// first: schoolbook, one row of four products per word of y, each added to
// the row before with its carries.
func mul512(x, y *uint256.Int, p *[8]uint64) {
	var r [8]uint64
	for j := range 4 {
		yj := y[j]
		var carry, c uint64
		var hi, lo uint64
		hi, lo = bits.Mul64(x[0], yj)
		r[j], c = bits.Add64(r[j], lo, 0)
		carry = hi + c
		hi, lo = bits.Mul64(x[1], yj)
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		r[j+1], c = bits.Add64(r[j+1], lo, 0)
		carry = hi + c
		hi, lo = bits.Mul64(x[2], yj)
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		r[j+2], c = bits.Add64(r[j+2], lo, 0)
		carry = hi + c
		hi, lo = bits.Mul64(x[3], yj)
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		r[j+3], c = bits.Add64(r[j+3], lo, 0)
		r[j+4] = hi + c
	}
	*p = r
}

// setLowMask sets z to 2^n - 1 (n < 256), the value of solc's
// PUSH1 1 PUSH1 1 PUSH1 n SHL SUB (fuse.go).
func setLowMask(z *uint256.Int, n uint) {
	z.SetAllOne()
	andLowMask(z, n)
}

// andLowMask keeps the low n bits of z (n < 256): z AND 2^n - 1.
func andLowMask(z *uint256.Int, n uint) {
	i := n / 64
	for j := i + 1; j < 4; j++ {
		z[j] = 0
	}
	z[i&3] &= 1<<(n%64) - 1
}
