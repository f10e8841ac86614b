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

// signExtend against the Yellow Paper's bitwise definition (bit i of the
// result is bit t = 8b+7 of x for i > t, bit i of x otherwise; x unchanged
// for b > 30) and against the library's ExtendSign it replaces, for every
// byte position, operands above 30 and past 64 bits, and random words with
// the sign bit both set and clear.
func TestSignExtendMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var positions []*uint256.Int
	for b := uint64(0); b <= 40; b++ {
		positions = append(positions, uint256.NewInt(b))
	}
	for _, k := range []uint{64, 65, 128, 192, 255} {
		p := new(uint256.Int).Lsh(uint256.NewInt(1), k)
		positions = append(positions, p, new(uint256.Int).AddUint64(p, 3))
	}
	positions = append(positions, uint256.NewInt(1<<63), new(uint256.Int).SetAllOne())
	for _, b := range positions {
		for i := range 200 {
			x := &uint256.Int{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()}
			if i%4 == 0 {
				x.Rsh(x, uint(rng.IntN(256)))
			}
			want := x.Clone()
			if b.LtUint64(31) {
				top := uint(8*b.Uint64() + 7)
				sign := new(uint256.Int).Rsh(x, top)[0] & 1
				for bit := top + 1; bit < 256; bit++ {
					w := &want[bit/64]
					*w = *w&^(1<<(bit%64)) | sign<<(bit%64)
				}
			}
			lib := new(uint256.Int).ExtendSign(x, b)
			got := x.Clone()
			signExtend(got, b)
			if !got.Eq(want) || !lib.Eq(want) {
				t.Fatalf("SIGNEXTEND(%x, %x): got %x, library %x, want %x", b, x, got, lib, want)
			}
		}
	}
}
