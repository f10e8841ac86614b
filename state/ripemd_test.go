package state

import (
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The RIPEMD160 exception as the execution specs state it
// (incorporate_child_on_error): an empty 0x03 touched while empty stays
// touched when the call is reverted, so EIP-161 deletes it; a value
// transfer to it is an ordinary change, undone by the revert with its
// touch, so the empty account stays. Found by the differential fuzzer
// (difftest/testdata/regressions): goevm used to keep every touch of 0x03.
func TestRIPEMD160TouchAcrossRevert(t *testing.T) {
	ripemdAddr := types.Address{19: 0x03}
	for _, c := range []struct {
		name    string
		value   uint64
		deleted bool
	}{
		{"zero-value touch survives the revert", 0, true},
		{"value transfer is reverted with its touch", 5, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := New()
			m.SetBalance(ripemdAddr, new(uint256.Int)) // exists, empty
			m.SetBalance(alice, u(100))
			m.Commit()
			m.BeginTx()
			id := m.Snapshot()
			m.SubBalance(alice, u(c.value))
			m.AddBalance(ripemdAddr, u(c.value))
			m.RevertToSnapshot(id)
			m.Finalise(true)
			if got := !m.Exist(ripemdAddr); got != c.deleted {
				t.Fatalf("0x03 deleted = %v, want %v", got, c.deleted)
			}
		})
	}
	// Any other account's touch is reverted: an empty account stays.
	m := New()
	m.SetBalance(bob, new(uint256.Int))
	m.Commit()
	m.BeginTx()
	id := m.Snapshot()
	m.AddBalance(bob, new(uint256.Int))
	m.RevertToSnapshot(id)
	m.Finalise(true)
	if !m.Exist(bob) {
		t.Fatal("a reverted touch deleted an empty account other than 0x03")
	}
}
