package precompile

import (
	"testing"

	"github.com/goevm/goevm/fork"
)

// TestEnableAddsPrecompile: a precompile arrives with its EIP, so EIP-7951
// switched on over Prague adds P256VERIFY at 0x100 (EIP-7951's address),
// and EIP-2537 over Cancun the BLS12-381 precompiles 0x0b-0x11.
func TestEnableAddsPrecompile(t *testing.T) {
	prague := fork.Prague.Rules()
	if _, ok := ForFork(&prague)[addr(0x100)]; ok {
		t.Fatal("Prague has P256VERIFY")
	}
	withP256 := fork.Prague.Rules()
	withP256.Enable(7951)
	if c, ok := ForFork(&withP256)[addr(0x100)]; !ok {
		t.Fatal("Prague+7951 lacks P256VERIFY")
	} else if g := c.RequiredGas(make([]byte, 160)); g != 6900 { // EIP-7951 (Osaka): 6900 gas
		t.Errorf("P256VERIFY gas %d, want 6900", g)
	}
	cancun := fork.Cancun.Rules()
	cancun.Enable(2537)
	m := ForFork(&cancun)
	for n := uint16(0x0b); n <= 0x11; n++ {
		if _, ok := m[addr(n)]; !ok {
			t.Errorf("Cancun+2537 lacks precompile %#x", n)
		}
	}
	if len(m) != 17 { // 0x01-0x0a, then 0x0b-0x11
		t.Errorf("Cancun+2537 has %d precompiles, want 17", len(m))
	}
}

// TestPrecompileEIPs: each fork has exactly the precompiles its EIPs add.
func TestPrecompileEIPs(t *testing.T) {
	want := map[fork.Fork]int{fork.Homestead: 4, fork.Byzantium: 8, fork.Istanbul: 9, fork.Cancun: 10, fork.Prague: 17, fork.Osaka: 18}
	for f, n := range want {
		r := f.Rules()
		if got := len(ForFork(&r)); got != n {
			t.Errorf("%v: %d precompiles, want %d", f, got, n)
		}
	}
}
