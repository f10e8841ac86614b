package evm

import (
	"math/rand/v2"
	"testing"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// addrsDifferingByOneByte gives a, and for every byte position and a few
// values, a with that byte changed: the edge cases of a word-wise compare.
func addrsDifferingByOneByte(a types.Address) []types.Address {
	out := []types.Address{a}
	for i := range a {
		for _, v := range []byte{0, 1, 0x80, 0xff} {
			b := a
			b[i] = v
			out = append(out, b)
		}
	}
	return out
}

// TestPrecompileAtMatchesMap: precompileAt finds exactly what the map
// lookup finds, for every fork's precompiles and custom ones at high
// addresses, over edge and random addresses.
func TestPrecompileAtMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var addrs []types.Address
	for _, base := range []types.Address{{}, {19: 1}, {18: 1}, {17: 1}, {0: 1}, types.MustHexToAddress("0xbe7c43a580000000000000000000000000000001")} {
		addrs = append(addrs, addrsDifferingByOneByte(base)...)
	}
	for range 2000 {
		var a types.Address
		for i := range a {
			if rng.IntN(3) == 0 {
				a[i] = byte(rng.Uint32())
			}
		}
		addrs = append(addrs, a)
	}
	high := types.Address{0: 0x42, 19: 7}
	custom := map[types.Address]precompile.Contract{high: nil, {19: 1}: nil}
	for _, f := range []fork.Fork{fork.Frontier, fork.Byzantium, fork.Istanbul, fork.Cancun, fork.Osaka} {
		for _, cfg := range []Config{{}, {Precompiles: custom}} {
			e := New(BlockContext{}, TxContext{}, nil, f.Rules(), cfg)
			if cfg.Precompiles != nil && e.precompilesLow {
				t.Fatalf("%v: custom precompile at %x, yet precompilesLow", f, high)
			}
			for _, a := range append(addrs, high) {
				_, got := e.precompileAt(&a)
				_, want := e.precompiles[a]
				if got != want {
					t.Fatalf("%v (custom %v): precompileAt(%x) = %v, the map says %v", f, cfg.Precompiles != nil, a, got, want)
				}
			}
		}
	}
}
