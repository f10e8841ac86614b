package state

import "github.com/goevm/goevm/types"

// Alloc is a set of accounts with their whole contents: a test's pre-state,
// a genesis allocation, or a Dump of another state.
type Alloc map[types.Address]DumpAccount

// FromAlloc returns a fresh in-memory state holding exactly the accounts of
// alloc, committed as the baseline (so the first transaction sees them as
// its "original" values, EIP-2200). Zero storage values are not stored: a
// zero slot is an absent slot.
func FromAlloc(alloc Alloc) *Memory {
	db := New()
	for addr, a := range alloc {
		db.SetBalance(addr, &a.Balance)
		db.SetNonce(addr, a.Nonce)
		if len(a.Code) > 0 {
			db.SetCode(addr, a.Code)
		}
		for k, v := range a.Storage {
			if !v.IsZero() {
				db.SetState(addr, k, v)
			}
		}
	}
	db.Commit()
	return db
}
