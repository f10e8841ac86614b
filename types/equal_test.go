package types

import (
	"math/rand/v2"
	"testing"
)

// equalityCases is bases, each with every byte in turn set to 0, 1 and
// 0xff (so a word-wise compare sees a difference in every word it loads),
// and 200 random values of n bytes whose bytes are 0 or 1 (few distinct
// values: many equal and near-equal pairs).
func equalityCases(rng *rand.Rand, n int, bases ...[]byte) [][]byte {
	var out [][]byte
	for _, base := range bases {
		out = append(out, base)
		for i := range base {
			for _, v := range []byte{0, 1, 0xff} {
				b := append([]byte(nil), base...)
				b[i] = v
				out = append(out, b)
			}
		}
	}
	for range 200 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.IntN(2))
		}
		out = append(out, b)
	}
	return out
}

// TestAddressEqualMatchesEquality compares Address.Equal with ==.
func TestAddressEqualMatchesEquality(t *testing.T) {
	cases := equalityCases(rand.New(rand.NewPCG(5, 6)), AddressLength,
		Address{}.Bytes(), Address{19: 3}.Bytes(), MustHexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b").Bytes())
	for _, x := range cases {
		for _, y := range cases {
			a, b := Address(x), Address(y)
			if got, want := a.Equal(&b), a == b; got != want {
				t.Fatalf("%x.Equal(%x) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestHashEqualMatchesEquality compares Hash.Equal with ==.
func TestHashEqualMatchesEquality(t *testing.T) {
	cases := equalityCases(rand.New(rand.NewPCG(3, 4)), HashLength, Hash{}.Bytes(), Hash{31: 1}.Bytes(), Hash{0: 0xff}.Bytes())
	for _, x := range cases {
		for _, y := range cases {
			a, b := Hash(x), Hash(y)
			if got, want := a.Equal(&b), a == b; got != want {
				t.Fatalf("%x.Equal(%x) = %v, want %v", a, b, got, want)
			}
		}
	}
}
