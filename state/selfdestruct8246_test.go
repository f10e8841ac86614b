package state

import (
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// EIP-8246: "During transaction finalization, all accounts marked for
// selfdestruction, instead of being deleted, are modified as follows: nonce
// is reset to 0, balance is unchanged, code is cleared, all storage is
// cleared"; "if the resulting balance is 0, the account is empty and is
// deleted from the state by EIP-161".
func TestSelfDestructKeepBalance(t *testing.T) {
	addr := types.Address{0xcc}
	slot := types.Hash{31: 1}
	setup := func() *Memory {
		m := New()
		m.BeginTx()
		m.CreateAccount(addr)
		m.SetNonce(addr, 1)
		m.SetCode(addr, []byte{0x30, 0xff})
		m.SetState(addr, slot, types.Hash{31: 7})
		m.AddBalance(addr, uint256.NewInt(5))
		return m
	}

	m := setup()
	m.SelfDestructKeepBalance(addr)
	if b := m.GetBalance(addr); b.Uint64() != 5 || !m.HasSelfDestructed(addr) {
		t.Fatalf("after the mark: balance %d, marked %v; want 5, true", b.Uint64(), m.HasSelfDestructed(addr))
	}
	m.AddBalance(addr, uint256.NewInt(2)) // ether received after SELFDESTRUCT is not burned either
	m.Finalise(true)
	if b := m.GetBalance(addr); b.Uint64() != 7 || m.GetNonce(addr) != 0 || m.GetCodeSize(addr) != 0 ||
		m.GetCodeHash(addr) != types.EmptyCodeHash || m.GetState(addr, slot) != (types.Hash{}) || m.HasStorage(addr) || m.HasSelfDestructed(addr) {
		t.Errorf("finalised: balance %d nonce %d code %d state %x; want a balance-only account of 7",
			b.Uint64(), m.GetNonce(addr), m.GetCodeSize(addr), m.GetState(addr, slot))
	}

	// A zero balance: deleted.
	m = setup()
	m.SubBalance(addr, uint256.NewInt(5))
	m.SelfDestructKeepBalance(addr)
	m.Finalise(true)
	if m.Exist(addr) {
		t.Error("a marked account with no balance survived")
	}

	// A reverted mark leaves the account as it was.
	m = setup()
	snap := m.Snapshot()
	m.SelfDestructKeepBalance(addr)
	m.RevertToSnapshot(snap)
	m.Finalise(true)
	if m.GetNonce(addr) != 1 || m.GetCodeSize(addr) != 2 || m.GetState(addr, slot) != (types.Hash{31: 7}) {
		t.Error("a reverted mark still cleared the account")
	}

	// SelfDestruct (before EIP-8246) still burns.
	m = setup()
	m.SelfDestruct(addr)
	m.Finalise(true)
	if m.Exist(addr) {
		t.Error("SelfDestruct no longer deletes")
	}
}
