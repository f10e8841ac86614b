package evm

import (
	"math/rand/v2"
	"testing"

	"github.com/holiman/uint256"
)

// arithValues gives edge values (0, 1, 2^256-1, 2^256-2, powers of two and
// their neighbours), words built from edge words (which reach the rare
// corrections of the two-word division), and random values of random
// widths.
func arithValues(rng *rand.Rand, random int) []*uint256.Int {
	vals := []*uint256.Int{
		new(uint256.Int),
		uint256.NewInt(1),
		new(uint256.Int).SetAllOne(),
		new(uint256.Int).SubUint64(new(uint256.Int).SetAllOne(), 1),
	}
	for k := uint(0); k < 256; k++ {
		p := new(uint256.Int).Lsh(uint256.NewInt(1), k)
		vals = append(vals, p, new(uint256.Int).AddUint64(p, 1), new(uint256.Int).SubUint64(p, 1))
	}
	edgeWords := []uint64{0, 1, 2, 1 << 63, 1<<63 - 1, 1<<63 + 1, ^uint64(0), ^uint64(0) - 1}
	word := func() uint64 {
		if rng.IntN(3) == 0 {
			return rng.Uint64()
		}
		return edgeWords[rng.IntN(len(edgeWords))]
	}
	for range random {
		v := &uint256.Int{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
		vals = append(vals, v.Rsh(v, uint(rng.IntN(256))))
		w := &uint256.Int{word(), word(), word(), word()}
		vals = append(vals, w.Rsh(w, 64*uint(rng.IntN(4))))
	}
	return vals
}

// divide and modulo against the library's Div and Mod, every pair of the
// values, with the result in a separate word and in the divisor's (as the
// interpreters call them).
func TestDivideModuloMatchDivMod(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	vals := arithValues(rng, 300)
	for _, n := range vals {
		for _, d := range vals {
			var wantQ, wantR, got uint256.Int
			wantQ.Div(n, d)
			wantR.Mod(n, d)
			if divide(&got, n, d); got != wantQ {
				t.Fatalf("divide(%x, %x) = %x, want %x", n, d, &got, &wantQ)
			}
			if modulo(&got, n, d); got != wantR {
				t.Fatalf("modulo(%x, %x) = %x, want %x", n, d, &got, &wantR)
			}
			got = *d
			if quotient(&got, n); got != wantQ {
				t.Fatalf("quotient(%x, %x) = %x, want %x", d, n, &got, &wantQ)
			}
			got = *d
			if remainder(&got, n); got != wantR {
				t.Fatalf("remainder(%x, %x) = %x, want %x", d, n, &got, &wantR)
			}
		}
	}
}

// The interpreter's MULMOD (mulmodShort and the reciprocal path behind it)
// against the library's MulMod: moduli 2^256-1 (mulDiv's mulmod(a, b,
// not(0))), edge and random values, with every pair of operands from a
// smaller set, and random triples.
func TestMulmodMatchesMulMod(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	e := &EVM{}
	vals := arithValues(rng, 40)
	mods := append(arithValues(rng, 20), new(uint256.Int).SetAllOne())
	check := func(a, b, m *uint256.Int) {
		var want uint256.Int
		want.MulMod(a, b, m)
		got := *m
		if e.mulmod(&got, a, b); got != want {
			t.Fatalf("mulmod(%x, %x, %x) = %x, want %x", a, b, m, &got, &want)
		}
	}
	allOnes := new(uint256.Int).SetAllOne()
	for _, a := range vals {
		for _, b := range vals {
			check(a, b, allOnes)
		}
	}
	for i, a := range vals {
		for _, b := range vals[i%7:][:40] {
			for _, m := range mods {
				check(a, b, m)
			}
		}
	}
	random := func() *uint256.Int {
		v := &uint256.Int{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
		return v.Rsh(v, uint(rng.IntN(256)))
	}
	for range 200000 {
		check(random(), random(), random())
		check(random(), random(), allOnes)
	}
}

// setLowMask and andLowMask against the instructions they replace:
// (1 << n) - 1 by the library's Lsh and Sub (the EVM's SHL and SUB), then
// And, for every n a PUSH1 can give.
func TestLowMaskMatchesShlSub(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vals := arithValues(rng, 20)
	for n := uint(0); n < 256; n++ {
		var want, got uint256.Int
		want.Sub(want.Lsh(uint256.NewInt(1), n), uint256.NewInt(1))
		if setLowMask(&got, n); got != want {
			t.Fatalf("setLowMask(%d) = %x, want %x", n, &got, &want)
		}
		for _, v := range vals {
			var and uint256.Int
			and.And(v, &want)
			got = *v
			if andLowMask(&got, n); got != and {
				t.Fatalf("andLowMask(%x, %d) = %x, want %x", v, n, &got, &and)
			}
		}
	}
}
