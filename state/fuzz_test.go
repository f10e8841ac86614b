package state

import (
	"bytes"
	"testing"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// journalOps applies the operations encoded in prog to m, one per 3 bytes
// (op, account, argument), over a handful of accounts and slots, so that
// operations pile up on the same state.
func journalOps(m *Memory, prog []byte) {
	addrs := []types.Address{{0x01}, {0x02}, {0x03}, {0x04}}
	for i := 0; i+2 < len(prog); i += 3 {
		op, addr, arg := prog[i], addrs[int(prog[i+1])%len(addrs)], prog[i+2]
		key := types.Hash{31: arg % 4}
		val := types.Hash{31: arg / 4 % 4} // zero now and then
		switch op % 16 {
		case 0:
			m.AddBalance(addr, uint256.NewInt(uint64(arg)))
		case 1:
			if b := m.GetBalance(addr); b.Uint64() >= uint64(arg) {
				m.SubBalance(addr, uint256.NewInt(uint64(arg)))
			}
		case 2:
			m.SetNonce(addr, uint64(arg))
		case 3:
			m.SetCode(addr, bytes.Repeat([]byte{arg}, int(arg%3)))
		case 4, 5:
			m.SetState(addr, key, val)
		case 6:
			m.SetTransientState(addr, key, val)
		case 7:
			m.CreateAccount(addr)
		case 8:
			m.SelfDestruct(addr)
		case 9:
			m.AddLog(&types.Log{Address: addr, Data: []byte{arg}})
		case 10:
			m.AddRefund(uint64(arg))
		case 11:
			if m.GetRefund() >= uint64(arg) {
				m.SubRefund(uint64(arg))
			}
		case 12:
			m.AddAddressToAccessList(addr)
		case 13:
			m.AddSlotToAccessList(addr, key)
		case 14:
			m.Touch(addr)
		case 15:
			m.AddBalance(addr, new(uint256.Int)) // touch through a zero transfer
		}
	}
}

// fuzzPre is a committed pre-state: some accounts with balance, code and
// storage, one empty account (EIP-161 deletes it when touched).
func fuzzPre(seed []byte) *Memory {
	m := New()
	journalOps(m, seed)
	m.SetNonce(types.Address{0x04}, 0)
	m.Commit()
	m.BeginTx()
	return m
}

// FuzzJournalRevert: reverting to a snapshot restores the exact state the
// snapshot saw: the same accounts, storage, transient storage, warm sets,
// refund and logs, and so the same state root, whether or not empty
// accounts are deleted afterwards. The reference is a second state that
// ran only the operations before the snapshot.
func FuzzJournalRevert(f *testing.F) {
	f.Add([]byte{0, 0, 9, 4, 1, 5, 3, 2, 7}, []byte{8, 0, 0, 4, 0, 1, 0, 1, 200}, []byte{7, 1, 0, 14, 3, 0})
	f.Add([]byte{}, []byte{15, 3, 0, 9, 2, 2}, []byte{5, 0, 1, 6, 0, 2, 10, 0, 50})
	f.Fuzz(func(t *testing.T, pre, before, after []byte) {
		if len(pre)+len(before)+len(after) > 600 {
			return
		}
		for _, deleteEmpty := range []bool{false, true} {
			ref := fuzzPre(pre)
			journalOps(ref, before)
			refDump, refRefund, refLogs := ref.Dump(), ref.GetRefund(), len(ref.Logs())
			refT := ref.GetTransientState(types.Address{0x01}, types.Hash{31: 1})

			m := fuzzPre(pre)
			journalOps(m, before)
			id := m.Snapshot()
			journalOps(m, after)
			inner := m.Snapshot()
			journalOps(m, before) // nested: a second layer reverted with the first
			m.RevertToSnapshot(inner)
			m.RevertToSnapshot(id)

			if got := m.GetRefund(); got != refRefund {
				t.Fatalf("refund %d after revert, want %d", got, refRefund)
			}
			if got := len(m.Logs()); got != refLogs {
				t.Fatalf("%d logs after revert, want %d", got, refLogs)
			}
			if got := m.GetTransientState(types.Address{0x01}, types.Hash{31: 1}); got != refT {
				t.Fatalf("transient slot %s after revert, want %s", got, refT)
			}
			for _, a := range []types.Address{{0x01}, {0x02}, {0x03}, {0x04}} {
				if m.AddressInAccessList(a) != ref.AddressInAccessList(a) {
					t.Fatalf("%s warm %v after revert, want %v", a, m.AddressInAccessList(a), ref.AddressInAccessList(a))
				}
			}
			if !dumpsEqual(m.Dump(), refDump) {
				t.Fatalf("accounts after revert:\n%v\nwant:\n%v", m.Dump(), refDump)
			}
			if got, want := m.IntermediateRoot(deleteEmpty), ref.IntermediateRoot(deleteEmpty); got != want {
				t.Fatalf("root after revert %s, want %s (deleteEmpty %v)", got, want, deleteEmpty)
			}
		}
	})
}

func dumpsEqual(a, b map[types.Address]DumpAccount) bool {
	if len(a) != len(b) {
		return false
	}
	for addr, x := range a {
		y, ok := b[addr]
		if !ok || x.Balance != y.Balance || x.Nonce != y.Nonce || !bytes.Equal(x.Code, y.Code) || len(x.Storage) != len(y.Storage) {
			return false
		}
		for k, v := range x.Storage {
			if y.Storage[k] != v {
				return false
			}
		}
	}
	return true
}
