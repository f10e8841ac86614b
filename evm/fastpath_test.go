package evm

import (
	"math/rand/v2"
	"testing"

	"github.com/holiman/uint256"
)

// The word-loading push decoder against the obvious byte-wise reading, for
// every width at every offset of a short code, including immediates cut
// off by the end of the code.
func TestPushImmediateMatchesBytewise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for size := 1; size <= 80; size++ {
		code := make([]byte, size)
		for i := range code {
			code[i] = byte(rng.Uint32())
		}
		for pc := uint64(0); pc < uint64(size); pc++ {
			for n := uint64(1); n <= 32; n++ {
				var want [32]byte
				for i := uint64(0); i < n; i++ {
					if p := pc + 1 + i; p < uint64(size) {
						want[32-n+i] = code[p]
					}
				}
				var got uint256.Int
				pushImmediate(&got, code, pc, n)
				if got.Bytes32() != want {
					t.Fatalf("code size %d, pc %d, PUSH%d: got %x, want %x", size, pc, n, got.Bytes32(), want)
				}
			}
		}
	}
}

// quotient and remainder against the library's Div and Mod, on powers of
// two (their shortcut), their neighbours and random values.
func TestQuotientRemainderMatchDivMod(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func() *uint256.Int {
		v := &uint256.Int{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
		return v.Rsh(v, uint(rng.IntN(256)))
	}
	var divisors []*uint256.Int
	for k := uint(0); k < 256; k++ {
		p := new(uint256.Int).Lsh(uint256.NewInt(1), k)
		divisors = append(divisors, p, new(uint256.Int).AddUint64(p, 1), new(uint256.Int).SubUint64(p, 1))
	}
	for range 200 {
		divisors = append(divisors, random())
	}
	divisors = append(divisors, new(uint256.Int), new(uint256.Int).SetAllOne())
	for _, d := range divisors {
		for range 20 {
			n := random()
			wantQ, wantR := new(uint256.Int).Div(n, d), new(uint256.Int).Mod(n, d)
			q, r := d.Clone(), d.Clone()
			quotient(q, n)
			remainder(r, n)
			if !q.Eq(wantQ) || !r.Eq(wantR) {
				t.Fatalf("%x / %x: got %x rem %x, want %x rem %x", n, d, q, r, wantQ, wantR)
			}
		}
	}
}
