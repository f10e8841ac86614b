package types

import (
	"math/rand/v2"
	"testing"
)

// TestAddressEqualMatchesEquality compares Address.Equal with == over
// addresses that differ in one byte (every position, so every word it
// loads) and random ones.
func TestAddressEqualMatchesEquality(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var as []Address
	for _, base := range []Address{{}, {19: 3}, MustHexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")} {
		as = append(as, base)
		for i := range base {
			for _, v := range []byte{0, 1, 0xff} {
				a := base
				a[i] = v
				as = append(as, a)
			}
		}
	}
	for range 200 {
		var a Address
		for i := range a {
			a[i] = byte(rng.IntN(2))
		}
		as = append(as, a)
	}
	for i := range as {
		for j := range as {
			if got, want := as[i].Equal(&as[j]), as[i] == as[j]; got != want {
				t.Fatalf("%x.Equal(%x) = %v, want %v", as[i], as[j], got, want)
			}
		}
	}
}

// TestHashEqualMatchesEquality compares Hash.Equal with == over hashes
// that differ in one byte and random ones.
func TestHashEqualMatchesEquality(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var hs []Hash
	for _, base := range []Hash{{}, {31: 1}, {0: 0xff}} {
		hs = append(hs, base)
		for i := range base {
			for _, v := range []byte{0, 1, 0xff} {
				h := base
				h[i] = v
				hs = append(hs, h)
			}
		}
	}
	for range 200 {
		var h Hash
		for i := range h {
			h[i] = byte(rng.IntN(2)) // few distinct values: many equal and near-equal pairs
		}
		hs = append(hs, h)
	}
	for i := range hs {
		for j := range hs {
			if got, want := hs[i].Equal(&hs[j]), hs[i] == hs[j]; got != want {
				t.Fatalf("%x.Equal(%x) = %v, want %v", hs[i], hs[j], got, want)
			}
		}
	}
}
