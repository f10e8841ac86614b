package state

import (
	"bytes"
	"slices"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// DumpAccount is a snapshot of one account for tools and post-state output.
type DumpAccount struct {
	Balance uint256.Int
	Nonce   uint64
	Code    []byte
	Storage map[types.Hash]types.Hash // non-zero slots only
}

// Addresses returns the addresses of all existing accounts, sorted.
func (m *Memory) Addresses() []types.Address {
	m.flatten()
	out := make([]types.Address, 0, len(m.accounts))
	for addr, a := range m.accounts {
		if a == nil {
			continue // known absent (read through a Database)
		}
		out = append(out, addr)
	}
	slices.SortFunc(out, func(a, b types.Address) int { return bytes.Compare(a[:], b[:]) })
	return out
}

// ForEachStorage calls fn for every non-zero storage slot of addr, current
// values (uncommitted writes included), in no particular order; fn returns
// false to stop.
func (m *Memory) ForEachStorage(addr types.Address, fn func(key, value types.Hash) bool) {
	a := m.get(&addr)
	if a == nil {
		return
	}
	for k, v := range a.origin {
		if _, ok := a.dirty[k]; ok {
			continue // reported below from the dirty layer
		}
		if !fn(k, v) {
			return
		}
	}
	for k, v := range a.dirty {
		if !v.IsZero() && !fn(k, v) {
			return
		}
	}
}

// Dump returns every account with its current values, keyed by address.
func (m *Memory) Dump() map[types.Address]DumpAccount {
	m.flatten()
	out := make(map[types.Address]DumpAccount, len(m.accounts))
	for addr, a := range m.accounts {
		if a == nil {
			continue
		}
		d := DumpAccount{Balance: a.balance, Nonce: a.nonce, Code: a.code, Storage: map[types.Hash]types.Hash{}}
		m.ForEachStorage(addr, func(k, v types.Hash) bool {
			d.Storage[k] = v
			return true
		})
		out[addr] = d
	}
	return out
}
