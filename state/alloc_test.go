package state

import (
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// TestFromAllocRoundTrip: FromAlloc holds exactly the given accounts, with
// a zero storage value left out (a zero slot is an absent slot, as the
// state trie has no entry for it: Yellow Paper, storage root definition).
// TestStateRootsOfBlockchainFixtures checks FromAlloc's roots against
// fixture genesis roots.
func TestFromAllocRoundTrip(t *testing.T) {
	a := types.Address{0xaa}
	b := types.Address{0xbb}
	slot, zeroSlot := types.Hash{1}, types.Hash{2}
	in := Alloc{
		a: {Balance: *uint256.NewInt(7), Nonce: 3, Code: []byte{0x60, 0x00}, Storage: map[types.Hash]types.Hash{slot: {0x42}, zeroSlot: {}}},
		b: {}, // an empty account still exists
	}
	db := FromAlloc(in)
	got := db.Dump()
	if len(got) != 2 {
		t.Fatalf("%d accounts, want 2", len(got))
	}
	ga := got[a]
	if ga.Balance.Uint64() != 7 || ga.Nonce != 3 || len(ga.Code) != 2 {
		t.Errorf("account a = %+v", ga)
	}
	if len(ga.Storage) != 1 || ga.Storage[slot] != (types.Hash{0x42}) {
		t.Errorf("storage %v, want only %s", ga.Storage, slot)
	}
	// The values are the baseline: the committed (original) value is the
	// loaded one.
	if v := db.GetCommittedState(a, slot); v != (types.Hash{0x42}) {
		t.Errorf("committed value %s, want 0x42", v)
	}
}
