package evm

import (
	"slices"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// TestEnabledPrecompileIsActive: an EVM under Prague rules with EIP-7951
// enabled has P256VERIFY (0x100) among its precompiles, and one under plain
// Prague rules, built after it, does not: the per-rules cache is keyed by
// the EIPs in force, not the fork.
func TestEnabledPrecompileIsActive(t *testing.T) {
	p256 := types.Address{18: 0x01, 19: 0x00}
	r := fork.Prague.Rules()
	r.Enable(7951)
	withP256 := New(BlockContext{}, TxContext{}, state.New(), r, Config{})
	if !slices.Contains(withP256.ActivePrecompiles(), p256) {
		t.Fatal("Prague+7951 EVM lacks P256VERIFY")
	}
	plain := New(BlockContext{}, TxContext{}, state.New(), fork.Prague.Rules(), Config{})
	if slices.Contains(plain.ActivePrecompiles(), p256) {
		t.Fatal("Prague EVM has P256VERIFY")
	}
}
