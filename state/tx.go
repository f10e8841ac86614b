package state

import "github.com/goevm/goevm/types"

// AddLog records a log of the current transaction (journaled).
func (m *Memory) AddLog(log *types.Log) {
	m.logs = append(m.logs, log)
	m.journal = append(m.journal, change{kind: chLog})
}

// Logs returns the logs of the current transaction, in order. They stay
// readable after Finalise, until the next BeginTx.
func (m *Memory) Logs() []*types.Log { return m.logs }

func (m *Memory) AddRefund(gas uint64) {
	m.journal = append(m.journal, change{kind: chRefund, prevNonce: m.refund})
	m.refund += gas
}

// SubRefund lowers the refund counter. Going below zero would be an
// interpreter bug; the counter stops at zero rather than wrapping.
func (m *Memory) SubRefund(gas uint64) {
	m.journal = append(m.journal, change{kind: chRefund, prevNonce: m.refund})
	if gas > m.refund {
		m.refund = 0
		return
	}
	m.refund -= gas
}

func (m *Memory) GetRefund() uint64 { return m.refund }

// BeginTx starts a transaction: it clears the logs, the refund counter, the
// warm sets (EIP-2929), transient storage (EIP-1153) and the journal. The
// transaction layer then warms the sender, recipient, precompiles, coinbase
// (EIP-3651) and the access list itself.
func (m *Memory) BeginTx() {
	m.ripemdTouched = false
	m.logs = nil
	m.refund = 0
	clear(m.accessAddrs)
	clear(m.accessSlots)
	clear(m.transient)
	m.resetJournal()
}

// Finalise ends a transaction: self-destructed accounts are deleted (one
// marked by SelfDestructKeepBalance, EIP-8246, keeps a non-zero balance and
// loses the rest), and with deleteEmptyObjects (EIP-161, from Spurious
// Dragon) so is every touched account that is now empty. Storage writes become the committed values that
// GetCommittedState reports in the next transaction. The journal, warm sets,
// transient storage and refund counter are cleared; Logs stays readable.
func (m *Memory) Finalise(deleteEmptyObjects bool) {
	if m.ripemdTouched {
		m.touched[ripemd] = struct{}{}
		m.ripemdTouched = false
	}
	if len(m.touched) > 0 {
		m.gen++
	}
	for addr := range m.touched {
		a := m.accounts[addr]
		if a == nil {
			continue
		}
		if a.selfDestructed && a.keepBalance && !a.balance.IsZero() {
			// EIP-8246: the account keeps only its balance; nonce, code
			// and storage go (a new object, so the storage is wiped).
			kept := newAccount()
			kept.balance = a.balance
			m.setAccount(addr, kept)
			continue
		}
		if a.selfDestructed || (deleteEmptyObjects && a.empty()) {
			m.remove(addr)
			continue
		}
		a.commitStorage()
		a.createdInTx = false
	}
	clear(m.touched)
	m.untouchHot()
	m.refund = 0
	clear(m.accessAddrs)
	clear(m.accessSlots)
	clear(m.transient)
	m.resetJournal()
}

// Commit makes the current state the committed baseline without deleting
// empty accounts: use it after loading a pre-state with SetBalance, SetNonce,
// SetCode and SetState. It is Finalise(false).
func (m *Memory) Commit() { m.Finalise(false) }

func (m *Memory) resetJournal() {
	clear(m.journal)
	m.journal = m.journal[:0]
}

// commitStorage folds this transaction's writes into the committed layer.
func (a *account) commitStorage() {
	if len(a.dirty) == 0 {
		return
	}
	for k, v := range a.dirty {
		old, had := a.origin[k]
		if v.IsZero() {
			if had {
				a.ownStorage()
				delete(a.origin, k)
				a.rootValid = false
			}
			continue
		}
		if !had || old != v {
			a.ownStorage()
			if a.origin == nil {
				a.origin = make(map[types.Hash]types.Hash, len(a.dirty))
			}
			a.origin[k] = v
			a.rootValid = false
		}
	}
	clear(a.dirty)
}
