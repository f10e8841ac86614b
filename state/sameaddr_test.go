package state

import (
	"math/rand/v2"
	"testing"

	"github.com/goevm/goevm/types"
)

// TestSameAddrMatchesEquality compares sameAddr with == over addresses
// that differ in one byte (every position, so every word it loads) and
// random ones.
func TestSameAddrMatchesEquality(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var as []types.Address
	for _, base := range []types.Address{{}, {19: 3}, types.MustHexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")} {
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
		var a types.Address
		for i := range a {
			a[i] = byte(rng.IntN(2))
		}
		as = append(as, a)
	}
	for i := range as {
		for j := range as {
			if got, want := sameAddr(&as[i], &as[j]), as[i] == as[j]; got != want {
				t.Fatalf("sameAddr(%x, %x) = %v, want %v", as[i], as[j], got, want)
			}
		}
	}
}
