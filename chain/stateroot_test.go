package chain

import (
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestStateRootWith: the root of a state with changes equals the genesis
// root of a chain that starts with those changes in its alloc (computed by
// genesis, independently of the tries' update path), on the newest state
// and on an older block alike, and the chain's own root is untouched.
func TestStateRootWith(t *testing.T) {
	rich := types.Address{19: 0x77}
	oneETH := uint256.MustFromDecimal("1000000000000000000")

	plain, _ := testChain(t, "")
	defer plain.Close()
	with, _ := testChainWith(t, func(cfg *Config) { cfg.Alloc[rich] = GenesisAccount{Balance: *oneETH} })
	defer with.Close()
	want := with.Head().Header.StateRoot
	genesisRoot := plain.Head().Header.StateRoot

	changes := func(n uint64) []state.AccountChange {
		st := plain.State(n)
		st.SetBalance(rich, oneETH)
		st.Finalise(true)
		return st.Changes()
	}
	if got, err := plain.StateRootWith(1, changes(1)); err != nil || got != want {
		t.Fatalf("newest state + balance: %s, %v; want %s", got, err, want)
	}
	if got, err := plain.StateRootWith(1, nil); err != nil || got != genesisRoot {
		t.Fatalf("newest state after: %s, %v; want the untouched genesis root %s", got, err, genesisRoot)
	}
	if _, err := plain.Mine(1, 0, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := plain.StateRootWith(0, changes(0)); err != nil || got != want {
		t.Fatalf("genesis state (now old) + balance: %s, %v; want %s", got, err, want)
	}
	if got, err := plain.StateRootWith(2, nil); err != nil || got != plain.Head().Header.StateRoot {
		t.Fatalf("newest state after: %s, %v; want the head's %s", got, err, plain.Head().Header.StateRoot)
	}
}

// testChainWith is testChain with the configuration edited first.
func testChainWith(t *testing.T, mod func(*Config)) (*Chain, types.Address) {
	t.Helper()
	from, err := crypto.ToAddress(devKey)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Alloc[from] = GenesisAccount{Balance: *uint256.MustFromDecimal("10000000000000000000000")}
	cfg.GenesisTime = 1_700_000_000
	mod(&cfg)
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	return c, from
}
