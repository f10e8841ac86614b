package chain

import (
	"testing"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestGenesisRoot: the genesis, built straight from the allocation, has
// the state root the state package computes for the same accounts
// (state.Memory, checked against the conformance fixtures' post-states):
// code, storage (a zero value is no slot), an empty account, and the
// Prague system contracts.
func TestGenesisRoot(t *testing.T) {
	cfg := DefaultConfig()
	cfg.GenesisTime = 1_700_000_000
	cfg.Alloc = map[types.Address]GenesisAccount{
		{19: 1}:                          {Balance: *uint256.NewInt(5), Nonce: 3},
		{19: 2}:                          {Code: []byte{0x60, 0x00, 0x54}, Storage: map[types.Hash]types.Hash{{31: 1}: {31: 9}, {31: 2}: {}}},
		{19: 3}:                          {},
		transition.HistoryStorageAddress: {Balance: *uint256.NewInt(1), Code: historyStorageCode},
	}
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	m := state.New()
	for addr, a := range cfg.Alloc {
		m.SetBalance(addr, &a.Balance)
		m.SetNonce(addr, a.Nonce)
		if len(a.Code) > 0 {
			m.SetCode(addr, a.Code)
		}
		for k, v := range a.Storage {
			m.SetState(addr, k, v)
		}
	}
	for addr, code := range map[types.Address][]byte{
		transition.BeaconRootsAddress:          beaconRootsCode,
		transition.WithdrawalRequestAddress:    withdrawalRequestCode,
		transition.ConsolidationRequestAddress: consolidationRequestCode,
	} {
		m.SetNonce(addr, 1)
		m.SetCode(addr, code)
	}
	m.Commit()
	if got, want := c.Head().Header.StateRoot, m.IntermediateRoot(false); got != want {
		t.Fatalf("genesis root %s, state package %s", got, want)
	}
}
