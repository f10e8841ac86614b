package state

import (
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

var (
	alice = types.Address{0xaa}
	bob   = types.Address{0xbb}
	key1  = types.Hash{31: 1}
	key2  = types.Hash{31: 2}
	val1  = types.Hash{31: 0x11}
	val2  = types.Hash{31: 0x22}
)

func u(v uint64) *uint256.Int { return uint256.NewInt(v) }

// preState is alice: balance 100, nonce 1, code 0x60, slot1 = val1; committed.
func preState() *Memory {
	m := New()
	m.SetBalance(alice, u(100))
	m.SetNonce(alice, 1)
	m.SetCode(alice, []byte{0x60})
	m.SetState(alice, key1, val1)
	m.Commit()
	return m
}

func TestNestedSnapshotsRevertEveryKindOfChange(t *testing.T) {
	m := preState()
	m.BeginTx()
	m.AddAddressToAccessList(alice)
	m.AddRefund(10)

	outer := m.Snapshot()
	m.AddBalance(alice, u(5))
	m.SetState(alice, key1, val2)
	m.SetTransientState(alice, key1, val1)
	m.AddLog(&types.Log{Address: alice})
	m.AddSlotToAccessList(bob, key2) // warms bob as well

	inner := m.Snapshot()
	m.SubBalance(alice, u(50))
	m.SetNonce(alice, 7)
	m.SetCode(alice, []byte{1, 2, 3})
	m.SetState(alice, key2, val2)
	m.SetTransientState(alice, key1, val2)
	m.AddLog(&types.Log{Address: bob})
	m.AddRefund(5)
	m.SubRefund(3)
	m.CreateAccount(bob)
	m.AddBalance(bob, u(9))
	m.SelfDestruct(alice)

	if !m.HasSelfDestructed(alice) || !isZero(m.GetBalance(alice)) {
		t.Fatal("self-destruct should mark alice and zero her balance")
	}
	if !m.CreatedInTx(bob) {
		t.Fatal("bob should be created in this tx")
	}

	m.RevertToSnapshot(inner)
	if b := m.GetBalance(alice); b.Uint64() != 105 {
		t.Errorf("balance after inner revert = %d, want 105", b.Uint64())
	}
	if m.HasSelfDestructed(alice) {
		t.Error("self-destruct mark survived revert")
	}
	if m.GetNonce(alice) != 1 || len(m.GetCode(alice)) != 1 || m.GetCodeHash(alice) != crypto.Keccak256([]byte{0x60}) {
		t.Error("nonce or code not reverted")
	}
	if m.GetState(alice, key1) != val2 || m.GetState(alice, key2) != (types.Hash{}) {
		t.Error("storage not reverted to the outer snapshot's values")
	}
	if m.GetTransientState(alice, key1) != val1 {
		t.Error("transient storage not reverted")
	}
	if len(m.Logs()) != 1 || m.GetRefund() != 10 {
		t.Errorf("logs=%d refund=%d, want 1 and 10", len(m.Logs()), m.GetRefund())
	}
	if m.Exist(bob) || m.CreatedInTx(bob) {
		t.Error("bob's creation not reverted")
	}
	if a, s := m.SlotInAccessList(bob, key2); !a || !s {
		t.Error("outer access-list entries lost by inner revert")
	}

	m.RevertToSnapshot(outer)
	if b := m.GetBalance(alice); b.Uint64() != 100 {
		t.Errorf("balance after outer revert = %d", b.Uint64())
	}
	if m.GetState(alice, key1) != val1 || m.GetTransientState(alice, key1) != (types.Hash{}) {
		t.Error("storage or transient not reverted to pre-state")
	}
	if len(m.Logs()) != 0 || m.GetRefund() != 10 {
		t.Error("log or refund not reverted")
	}
	if a, s := m.SlotInAccessList(bob, key2); a || s {
		t.Error("access list not reverted")
	}
	if !m.AddressInAccessList(alice) {
		t.Error("warm-up from before the snapshot was reverted")
	}
}

func TestCommittedVersusCurrentStorage(t *testing.T) {
	m := preState()
	m.BeginTx()
	m.SetState(alice, key1, val2)
	m.SetState(alice, key2, val1)
	if got := m.GetCommittedState(alice, key1); got != val1 {
		t.Errorf("committed key1 = %x, want original", got)
	}
	if got := m.GetCommittedState(alice, key2); got != (types.Hash{}) {
		t.Errorf("committed key2 = %x, want zero", got)
	}
	if m.GetState(alice, key1) != val2 {
		t.Error("current value not visible")
	}
	m.Finalise(true)

	// Next transaction: the previous one's writes are now the originals.
	m.BeginTx()
	m.SetState(alice, key1, types.Hash{})
	if m.GetCommittedState(alice, key1) != val2 || m.GetCommittedState(alice, key2) != val1 {
		t.Error("finalised writes are not the new committed values")
	}
	if !m.HasStorage(alice) {
		t.Error("alice still has key2")
	}
	m.SetState(alice, key2, types.Hash{})
	if m.HasStorage(alice) {
		t.Error("all slots zeroed, HasStorage should be false")
	}
}

func TestCreateAccountKeepsBalanceAndClearsTheRest(t *testing.T) {
	m := preState()
	m.BeginTx()
	m.CreateAccount(alice)
	if b := m.GetBalance(alice); b.Uint64() != 100 {
		t.Errorf("balance = %d, want 100 carried over", b.Uint64())
	}
	if m.GetNonce(alice) != 0 || m.GetCodeSize(alice) != 0 || m.GetCodeHash(alice) != crypto.EmptyCodeHash {
		t.Error("nonce/code not reset")
	}
	if m.GetState(alice, key1) != (types.Hash{}) || m.GetCommittedState(alice, key1) != (types.Hash{}) {
		t.Error("storage of a re-created account must read zero, committed included")
	}
	if !m.CreatedInTx(alice) {
		t.Error("CreatedInTx false")
	}
	m.Finalise(true)
	if m.CreatedInTx(alice) {
		t.Error("CreatedInTx survives the transaction")
	}
	if m.GetState(alice, key1) != (types.Hash{}) {
		t.Error("old storage came back after finalise")
	}
}

func TestFinaliseDeletesSelfDestructedAndTouchedEmpty(t *testing.T) {
	empty := types.Address{0xee}
	untouched := types.Address{0xef}
	m := New()
	m.CreateAccount(empty)     // exists but empty
	m.CreateAccount(untouched) // exists but empty
	m.Commit()                 // pre-state keeps empty accounts
	if !m.Exist(empty) || !m.Empty(empty) {
		t.Fatal("pre-state empty account should exist")
	}

	m.BeginTx()
	m.AddBalance(empty, u(0)) // a zero-value transfer touches
	m.Finalise(false)
	if !m.Exist(empty) {
		t.Error("before EIP-161 a touched empty account stays")
	}

	m.BeginTx()
	m.AddBalance(empty, u(0))
	m.Finalise(true)
	if m.Exist(empty) {
		t.Error("EIP-161: touched empty account must be deleted")
	}
	if !m.Exist(untouched) {
		t.Error("an untouched empty account must stay")
	}

	m = preState()
	m.BeginTx()
	m.SelfDestruct(alice)
	if !m.Exist(alice) {
		t.Error("a self-destructed account exists until the transaction ends")
	}
	m.Finalise(false)
	if m.Exist(alice) || m.GetState(alice, key1) != (types.Hash{}) {
		t.Error("self-destructed account not deleted at finalise")
	}
}

func TestRevertedTouchDoesNotDeleteExceptRipemd(t *testing.T) {
	empty := types.Address{0xee}
	m := New()
	m.CreateAccount(empty)
	m.CreateAccount(ripemd)
	m.Commit()

	m.BeginTx()
	snap := m.Snapshot()
	m.AddBalance(empty, u(0))
	m.AddBalance(ripemd, u(0))
	m.RevertToSnapshot(snap)
	m.Finalise(true)
	if !m.Exist(empty) {
		t.Error("a reverted touch must not delete the account")
	}
	if m.Exist(ripemd) {
		t.Error("0x03 touched in a failed call is still deleted (mainnet block 2675119)")
	}
}

func TestTransientStorageClearedPerTransaction(t *testing.T) {
	m := preState()
	m.BeginTx()
	m.SetTransientState(alice, key1, val1)
	if m.GetTransientState(alice, key1) != val1 {
		t.Fatal("transient write not visible")
	}
	if m.GetState(alice, key1) != val1 || m.GetTransientState(bob, key1) != (types.Hash{}) {
		t.Error("transient storage leaks into persistent storage or other accounts")
	}
	m.Finalise(true)
	if m.GetTransientState(alice, key1) != (types.Hash{}) {
		t.Error("transient storage survives the transaction")
	}
}

func TestExistEmptyAndCodeHashOfMissingAccount(t *testing.T) {
	m := New()
	if m.Exist(bob) || !m.Empty(bob) || m.GetCodeHash(bob) != (types.Hash{}) {
		t.Error("missing account: Exist false, Empty true, code hash zero")
	}
	m.AddBalance(bob, u(1))
	if !m.Exist(bob) || m.Empty(bob) || m.GetCodeHash(bob) != crypto.EmptyCodeHash {
		t.Error("funded account: exists, not empty, empty-code hash")
	}
}

func TestRevertToBadSnapshotIsIgnored(t *testing.T) {
	m := preState()
	m.BeginTx()
	m.AddBalance(alice, u(1))
	m.RevertToSnapshot(1000)
	m.RevertToSnapshot(-1)
	if b := m.GetBalance(alice); b.Uint64() != 101 {
		t.Error("out-of-range snapshot id changed state")
	}
}

func isZero(v uint256.Int) bool { return v.IsZero() }

func TestTouchMarksExistingAccountForEIP161(t *testing.T) {
	empty := types.Address{0xee}
	m := New()
	m.CreateAccount(empty)
	m.Commit()
	m.BeginTx()
	m.Touch(empty)
	m.Touch(bob) // missing: nothing to touch, nothing created
	m.Finalise(true)
	if m.Exist(empty) || m.Exist(bob) {
		t.Error("Touch: empty account should be deleted, missing one not created")
	}
}
