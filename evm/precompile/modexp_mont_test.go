package precompile

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// randOdd returns a random odd modulus of exactly bytes bytes (top byte
// non-zero), sometimes with every bit set, the carry-heavy extreme.
func randOdd(r *rand.Rand, bytes int) *big.Int {
	b := make([]byte, bytes)
	allOnes := r.IntN(8) == 0
	for i := range b {
		b[i] = byte(r.Uint32())
		if allOnes {
			b[i] = 0xff
		}
	}
	if b[0] == 0 {
		b[0] = 1
	}
	b[len(b)-1] |= 1
	return new(big.Int).SetBytes(b)
}

// checkExpMont compares expMont with math/big's Exp, an independent
// implementation, for one input.
func checkExpMont(t *testing.T, base, exp, mod *big.Int, outLen int) {
	t.Helper()
	if !useMont(exp, mod) {
		return
	}
	want := new(big.Int).Exp(base, exp, mod).FillBytes(make([]byte, outLen))
	got := make([]byte, outLen)
	for i := range got {
		got[i] = 0xaa // expMont must overwrite every byte
	}
	expMont(got, base, exp, mod)
	if string(got) != string(want) {
		t.Fatalf("%x ** %x mod %x:\n got %x\nwant %x", base, exp, mod, got, want)
	}
}

func TestExpMontMatchesMathBig(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 13))
	for bytes := 1; bytes <= 8*montMaxLimbs; bytes++ {
		for trial := 0; trial < 30; trial++ {
			mod := randOdd(r, bytes)
			if mod.Cmp(big.NewInt(1)) == 0 {
				continue
			}
			var base *big.Int
			switch trial % 6 {
			case 0:
				base = big.NewInt(0)
			case 1:
				base = new(big.Int).Sub(mod, big.NewInt(1)) // -1
			case 2:
				base = new(big.Int).Add(mod, big.NewInt(int64(r.IntN(5)))) // above m
			default:
				base = randBytes(r, bytes+r.IntN(10)) // often above m
			}
			var exp *big.Int
			switch trial % 5 {
			case 0:
				exp = big.NewInt(65537)
			case 1:
				exp = big.NewInt(2)
			case 2:
				exp = new(big.Int).SetUint64(^uint64(0))
			default:
				exp = new(big.Int).SetUint64(r.Uint64() >> uint(r.IntN(64)))
			}
			checkExpMont(t, base, exp, mod, bytes+r.IntN(3))
		}
	}
}

// Through the precompile: odd moduli with one-word exponents take the
// Montgomery path, and its output equals math/big's.
func TestModExpMontgomeryPathThroughRun(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	c := modexp{pricing: modexpEIP7883, bounded: true}
	for _, n := range []int{1, 7, 8, 31, 32, 64, 100, 128, 129} {
		mod := randOdd(r, n)
		base := randOdd(r, n+3)
		exp := []byte{1, 0, 1}
		in := modexpInput(big.NewInt(int64(n+3)), big.NewInt(3), big.NewInt(int64(n)),
			append(append(base.FillBytes(make([]byte, n+3)), exp...), mod.FillBytes(make([]byte, n))...))
		out, err := c.Run(in)
		want := new(big.Int).Exp(base, big.NewInt(65537), mod).FillBytes(make([]byte, n))
		if err != nil || string(out) != string(want) {
			t.Errorf("%d-byte modulus: %x, %v; want %x", n, out, err, want)
		}
	}
}

func FuzzExpMont(f *testing.F) {
	f.Add([]byte{3}, uint64(65537), []byte{0xff, 0xff, 0xff, 0xfd})
	f.Add([]byte{0}, uint64(2), []byte{3})
	f.Add(make([]byte, 200), uint64(1<<63), []byte{0x80, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte, e uint64, m []byte) {
		if len(m) > 8*montMaxLimbs || len(b) > 1024 {
			return
		}
		checkExpMont(t, new(big.Int).SetBytes(b), new(big.Int).SetUint64(e), new(big.Int).SetBytes(m), len(m))
	})
}

// randBytes is a random integer of up to n bytes.
func randBytes(r *rand.Rand, n int) *big.Int {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return new(big.Int).SetBytes(b)
}

// BenchmarkModExpOneWordExponent is base**65537 % m for odd m of several
// sizes, Montgomery against math/big's Exp: it sets montMaxLimbs.
func BenchmarkModExpOneWordExponent(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	exp := big.NewInt(65537)
	for _, n := range []int{8, 32, 64, 96, 128, 256} {
		mod := randOdd(r, n)
		base := randOdd(r, n)
		out := make([]byte, n)
		if n <= 8*montMaxLimbs {
			b.Run(fmt.Sprintf("%dB/mont", n), func(b *testing.B) {
				for b.Loop() {
					expMont(out, base, exp, mod)
				}
			})
		}
		b.Run(fmt.Sprintf("%dB/big", n), func(b *testing.B) {
			for b.Loop() {
				new(big.Int).Exp(base, exp, mod).FillBytes(out)
			}
		})
	}
}
