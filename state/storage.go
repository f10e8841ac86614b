package state

import "github.com/goevm/goevm/types"

func (m *Memory) GetState(addr types.Address, key types.Hash) types.Hash {
	a := m.get(&addr)
	if a == nil {
		return types.Hash{}
	}
	if v, ok := a.dirty[key]; ok {
		return v
	}
	return m.committed(a, addr, key)
}

// GetCommittedState is the value at the start of the current transaction.
// For an account (re-)created in this transaction it is zero, since the new
// account object starts with empty committed storage.
func (m *Memory) GetCommittedState(addr types.Address, key types.Hash) types.Hash {
	if a := m.get(&addr); a != nil {
		return m.committed(a, addr, key)
	}
	return types.Hash{}
}

func (m *Memory) SetState(addr types.Address, key, value types.Hash) {
	a := m.getOrNew(&addr)
	m.touch(&addr)
	prev, had := a.dirty[key]
	if !had {
		prev = m.committed(a, addr, key)
	}
	if prev == value {
		return
	}
	m.journal = append(m.journal, change{kind: chStorage, addr: addr, key: key, prevHash: prev, flag: had})
	if a.dirty == nil {
		a.dirty = make(map[types.Hash]types.Hash)
	}
	a.dirty[key] = value
}

// HasStorage reports whether the account has any non-zero storage slot now
// (EIP-7610 treats such an address as a collision for contract creation).
func (m *Memory) HasStorage(addr types.Address) bool {
	a := m.get(&addr)
	if a == nil {
		return false
	}
	if a.dbHasStorage {
		return true // the store holds slots for it; close enough for EIP-7610's collision test
	}
	for _, v := range a.dirty {
		if !v.IsZero() {
			return true
		}
	}
	for k := range a.origin {
		if v, ok := a.dirty[k]; !ok || !v.IsZero() {
			return true
		}
	}
	return false
}

// GetTransientState reads EIP-1153 transient storage.
func (m *Memory) GetTransientState(addr types.Address, key types.Hash) types.Hash {
	return m.transient[slotKey{addr, key}]
}

// SetTransientState writes EIP-1153 transient storage; it is journaled like
// persistent storage and cleared when the transaction ends.
func (m *Memory) SetTransientState(addr types.Address, key, value types.Hash) {
	sk := slotKey{addr, key}
	prev := m.transient[sk]
	if prev == value {
		return
	}
	m.journal = append(m.journal, change{kind: chTransient, addr: addr, key: key, prevHash: prev})
	m.setTransient(sk, value)
}

func (m *Memory) setTransient(sk slotKey, v types.Hash) {
	if v.IsZero() {
		delete(m.transient, sk)
	} else {
		m.transient[sk] = v
	}
}
