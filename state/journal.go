package state

import (
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

type changeKind uint8

const (
	chAccountAdded    changeKind = iota + 1 // a missing account was brought into existence
	chAccountReplaced                       // CreateAccount swapped in a fresh object
	chTouched
	chBalance
	chNonce
	chCode
	chStorage
	chTransient
	chSelfDestruct
	chAccessAddr
	chAccessSlot
	chLog
	chRefund
)

// change is one typed undo entry. It is a plain struct rather than an
// interface so appending to the journal does not allocate per entry; each
// kind uses only the fields it needs.
type change struct {
	kind        changeKind
	flag        bool // chStorage: key had a dirty entry; chSelfDestruct: previous mark
	addr        types.Address
	key         types.Hash
	prevHash    types.Hash // chStorage, chTransient: value; chCode: code hash
	prevBalance uint256.Int
	prevNonce   uint64 // chNonce: nonce; chRefund: refund counter
	prevCode    []byte
	prevAccount *account
}

// ripemd is the RIPEMD-160 precompile. In mainnet block 2675119 an empty
// account at 0x03 was deleted although the call that touched it ran out of
// gas; the clients' behaviour became consensus (EIP-716 discussion). The
// execution specs keep that touch across a failed call only when 0x03 was
// touched while empty (incorporate_child_on_error: 0x03 in the failed
// child's touched_accounts, which holds only accounts that were empty when
// touched). A zero-value transfer to an empty 0x03 is such a touch and sets
// Memory.ripemdTouched, which no revert clears; any other touch of 0x03 (a
// value transfer, which leaves it non-empty) is reverted like every other.
var ripemd = types.Address{19: 0x03}

// Snapshot returns an id for the current point in the journal.
func (m *Memory) Snapshot() int { return len(m.journal) }

// RevertToSnapshot undoes every change made since Snapshot returned id.
// Ids from before the last BeginTx/Finalise, or otherwise out of range, are ignored.
func (m *Memory) RevertToSnapshot(id int) {
	if id < 0 || id > len(m.journal) {
		return
	}
	for i := len(m.journal) - 1; i >= id; i-- {
		m.undo(&m.journal[i])
		m.journal[i] = change{} // drop references
	}
	m.journal = m.journal[:id]
}

func (m *Memory) undo(c *change) {
	switch c.kind {
	case chAccountAdded:
		m.forget(c.addr)
	case chAccountReplaced:
		if c.prevAccount == nil {
			m.forget(c.addr)
		} else {
			m.setAccount(c.addr, c.prevAccount)
		}
	case chTouched:
		delete(m.touched, c.addr)
		m.untouchHot()
	case chBalance:
		m.accounts[c.addr].balance = c.prevBalance
	case chNonce:
		m.accounts[c.addr].nonce = c.prevNonce
	case chCode:
		a := m.accounts[c.addr]
		a.code, a.codeHash = c.prevCode, c.prevHash
	case chStorage:
		a := m.accounts[c.addr]
		if c.flag {
			a.dirty[c.key] = c.prevHash
		} else {
			delete(a.dirty, c.key)
		}
	case chTransient:
		m.setTransient(slotKey{c.addr, c.key}, c.prevHash)
	case chSelfDestruct:
		a := m.accounts[c.addr]
		a.selfDestructed, a.balance = c.flag, c.prevBalance
		a.keepBalance = a.keepBalance && c.flag // a mark is of one kind within a transaction
	case chAccessAddr:
		delete(m.accessAddrs, c.addr)
	case chAccessSlot:
		delete(m.accessSlots, slotKey{c.addr, c.key})
	case chLog:
		m.logs[len(m.logs)-1] = nil
		m.logs = m.logs[:len(m.logs)-1]
	case chRefund:
		m.refund = c.prevNonce
	}
}
