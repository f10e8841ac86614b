package state

import (
	"errors"
	"maps"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Copies are layered. Copy freezes the accounts the state holds into a
// read-only layer that the original and the copy then share: each reads
// through to it and clones an account (sharing its storage map until the
// first write) the first time it touches it. Copy is thus O(1) in the size
// of the state; what is paid later is one clone per account used.
// Dump, Addresses and Changes first pull every shared account in
// (flatten), which costs as much as the operation itself; IntermediateRoot
// reads the frozen accounts in place.

// maxLayers bounds the chain a lookup walks: past it Copy merges the chain
// into one layer (O(accounts), once every maxLayers copies).
const maxLayers = 8

// layer is a frozen set of accounts. Neither the map nor the accounts in it
// change once frozen; a nil account means "known not to exist".
type layer struct {
	accounts map[types.Address]*account
	next     *layer
	depth    int
}

func (l *layer) find(addr types.Address) (*account, bool) {
	for ; l != nil; l = l.next {
		if a, ok := l.accounts[addr]; ok {
			return a, true
		}
	}
	return nil, false
}

// merged returns one layer holding what the chain from l holds, the
// newest layer winning.
func (l *layer) merged() *layer {
	n := 0
	for x := l; x != nil; x = x.next {
		n += len(x.accounts)
	}
	out := make(map[types.Address]*account, n)
	for x := l; x != nil; x = x.next {
		for addr, a := range x.accounts {
			if _, ok := out[addr]; !ok {
				out[addr] = a
			}
		}
	}
	return &layer{accounts: out, depth: 1}
}

// copyOrigin is where a copy came from, for Diff and Merge.
type copyOrigin struct {
	parent *Memory
	base   *layer // the parent's state when copied
	gen    uint64 // the parent's gen then
}

// ErrMergeStale is returned by Merge when the parent changed after the
// copy was made, or the copy did not come from it.
var ErrMergeStale = errors.New("state: copy is not of this state as it is now")

// Copy returns an independent state equal to m, in time independent of the
// number of accounts. Both m and the copy stay usable, also from different
// goroutines (they share only frozen data). Copy must be called between
// transactions (after Finalise or Commit): it panics, as for any misuse of
// the API, if the current transaction has journaled changes.
func (m *Memory) Copy() *Memory {
	if len(m.journal) > 0 {
		panic("state: Copy inside a transaction (call it after Finalise or Commit)")
	}
	if len(m.accounts) > 0 {
		depth := 1
		if m.base != nil {
			depth += m.base.depth
		}
		m.base = &layer{accounts: m.accounts, next: m.base, depth: depth}
		m.accounts = make(map[types.Address]*account)
		m.resetHot() // its accounts are frozen now: get clones them
	}
	if m.base != nil && m.base.depth > maxLayers {
		m.base = m.base.merged()
	}
	c := New()
	c.base, c.db, c.dbErr = m.base, m.db, m.dbErr
	if m.fromDB != nil {
		c.fromDB = maps.Clone(m.fromDB)
	}
	c.copied = copyOrigin{parent: m, base: m.base, gen: m.gen}
	return c
}

// adopt clones the frozen account src into m, sharing its storage until
// the first write.
func (m *Memory) adopt(addr types.Address, src *account) *account {
	if src == nil {
		m.setAccount(addr, nil)
		return nil
	}
	a := &account{
		balance: src.balance, nonce: src.nonce, code: src.code, codeHash: src.codeHash,
		origin: src.origin, dbSlots: src.dbSlots, sharedStorage: true,
		storageRoot: src.storageRoot, rootValid: src.rootValid,
		backed: src.backed, dbHasStorage: src.dbHasStorage,
		addrHash: src.addrHash, addrHashed: src.addrHashed,
	}
	m.setAccount(addr, a)
	if d, ok := m.fromDB[addr]; ok && d.obj == src {
		d.obj = a // Changes tells a changed account from a re-created one by identity
		m.fromDB[addr] = d
	}
	return a
}

// ownStorage gives a the storage maps it shared with a frozen account.
func (a *account) ownStorage() {
	if !a.sharedStorage {
		return
	}
	a.origin, a.dbSlots = maps.Clone(a.origin), maps.Clone(a.dbSlots)
	a.sharedStorage = false
}

// flatten pulls every account of the base layers into m, for operations
// over the whole state.
func (m *Memory) flatten() {
	if m.base == nil {
		return
	}
	for l := m.base; l != nil; l = l.next {
		for addr, a := range l.accounts {
			if _, ok := m.accounts[addr]; !ok {
				m.adopt(addr, a)
			}
		}
	}
	m.base = nil
}

// appendBaseEntries adds the accounts of the base layers that m does not
// hold itself. A frozen account whose hashes are cached is read in place,
// never written (copies may hash it at the same time); one without is
// cloned into m first, since hashing fills in its caches.
func (m *Memory) appendBaseEntries(entries []rootEntry) []rootEntry {
	for l := m.base; l != nil; l = l.next {
		for addr, a := range l.accounts {
			if _, own := m.accounts[addr]; own {
				continue
			}
			if shadowed(m.base, l, addr) {
				continue
			}
			if a == nil {
				continue
			}
			if !a.rootValid || !a.addrHashed {
				a = m.adopt(addr, a)
			}
			entries = append(entries, rootEntry{addr, a})
		}
	}
	return entries
}

// shadowed reports whether a layer newer than l, from top, holds addr.
func shadowed(top, l *layer, addr types.Address) bool {
	for x := top; x != l; x = x.next {
		if _, ok := x.accounts[addr]; ok {
			return true
		}
	}
	return false
}

// forget undoes the creation of an account. Over a base layer or a
// Database it leaves a nil entry, which hides whatever they hold.
func (m *Memory) forget(addr types.Address) {
	if m.db != nil || m.base != nil {
		m.setAccount(addr, nil)
		return
	}
	m.dropAccount(addr)
}

// Merge makes m equal to c, a copy of m made by Copy with m unchanged since
// (no finalised change, no transaction under way): what c holds moves into
// m, so c must not be used afterwards. It is how a dry run is committed.
func (m *Memory) Merge(c *Memory) error {
	if c.copied.parent != m || c.copied.gen != m.gen || len(m.journal) > 0 || len(c.journal) > 0 {
		return ErrMergeStale
	}
	for addr, d := range c.fromDB {
		m.fromDB[addr] = d // first: adopt below re-points entries at its clones
	}
	for addr, a := range c.accounts {
		m.setAccount(addr, a)
	}
	// Layers c froze after it was made (c.Copy) hold its changes too; they
	// are shared with c's copies, so m clones what it takes from them.
	l := c.base
	for ; l != nil && l != c.copied.base; l = l.next {
		for addr, a := range l.accounts {
			if _, own := c.accounts[addr]; !own && !shadowed(c.base, l, addr) {
				m.adopt(addr, a)
			}
		}
	}
	if l == nil {
		// c no longer reads through the layers m was copied from
		// (flattened or compacted): m now holds all that c saw.
		m.base = nil
	}
	if m.dbErr == nil {
		m.dbErr = c.dbErr
	}
	m.logs = c.logs
	m.gen++
	c.accounts, c.base, c.copied = nil, nil, copyOrigin{}
	return nil
}

// AccountState is an account's fields apart from storage.
type AccountState struct {
	Balance  uint256.Int
	Nonce    uint64
	CodeHash types.Hash
	Code     []byte
}

// SlotDiff is a storage slot's committed value before and after.
type SlotDiff struct{ Before, After types.Hash }

// AccountDiff is how one account differs between a copy and the state it
// was copied from. Before or After is nil where the account does not exist.
type AccountDiff struct {
	Address       types.Address
	Before, After *AccountState
	Storage       map[types.Hash]SlotDiff
}

// Diff lists the accounts whose committed state differs from the state m
// was copied from (as it was then), in no particular order; nil if m is
// not a copy. Call it between transactions, like Copy.
func (m *Memory) Diff() []AccountDiff {
	if m.copied.parent == nil {
		return nil
	}
	var out []AccountDiff
	for addr, a := range m.accounts {
		src, _ := m.copied.base.find(addr)
		if src == nil && a == nil {
			continue
		}
		if src != nil && a != nil && a.sharedStorage && src.balance == a.balance &&
			src.nonce == a.nonce && src.codeHash == a.codeHash {
			continue // a clone nobody changed
		}
		d := AccountDiff{Address: addr, Before: stateOf(src), After: stateOf(a)}
		d.Storage = slotDiffs(src, a)
		if d.Storage == nil && d.Before != nil && d.After != nil && d.Before.same(d.After) {
			continue
		}
		out = append(out, d)
	}
	return out
}

func stateOf(a *account) *AccountState {
	if a == nil {
		return nil
	}
	return &AccountState{Balance: a.balance, Nonce: a.nonce, CodeHash: a.codeHash, Code: a.code}
}

func (s *AccountState) same(o *AccountState) bool {
	return s.Balance == o.Balance && s.Nonce == o.Nonce && s.CodeHash == o.CodeHash
}

// slotDiffs compares committed storage. A slot a Database holds that
// neither side read is the same on both and is not listed.
func slotDiffs(src, a *account) map[types.Hash]SlotDiff {
	var before, after map[types.Hash]types.Hash
	var dbSlots map[types.Hash]types.Hash
	if src != nil {
		before = src.origin
	}
	if a != nil {
		if a.sharedStorage && src != nil {
			return nil
		}
		after, dbSlots = a.origin, a.dbSlots
	}
	valueBefore := func(k types.Hash) types.Hash {
		if v, ok := before[k]; ok {
			return v
		}
		if src != nil && src.backed {
			return dbSlots[k] // read through from the Database by the copy
		}
		return types.Hash{}
	}
	var out map[types.Hash]SlotDiff
	add := func(k, b, v types.Hash) {
		if b == v {
			return
		}
		if out == nil {
			out = make(map[types.Hash]SlotDiff)
		}
		out[k] = SlotDiff{Before: b, After: v}
	}
	for k, v := range after {
		add(k, valueBefore(k), v)
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			add(k, b, types.Hash{})
		}
	}
	if src != nil && src.backed && a != nil {
		for k, b := range dbSlots {
			if _, ok := after[k]; !ok {
				if _, ok := before[k]; !ok {
					add(k, b, types.Hash{})
				}
			}
		}
	}
	return out
}
