package state

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Memory is an in-memory, journaled world state implementing StateDB.
//
// Storage is kept in two layers per account: the committed values as of the
// start of the current transaction (the EIP-1283/2200 "original" values) and
// the writes made since. Finalise folds the writes into the committed layer
// at the end of every transaction. Every mutation appends a typed undo entry
// to the journal; Snapshot returns the journal length and RevertToSnapshot
// undoes entries back to it.
type Memory struct {
	accounts map[types.Address]*account

	journal []change
	// touched holds the accounts modified in the current transaction, so that
	// Finalise can delete self-destructed and (EIP-161) empty ones.
	touched map[types.Address]struct{}
	// ripemdTouched is set when 0x03 is touched while empty; unlike other
	// touches it survives a revert (see ripemd in journal.go).
	ripemdTouched bool

	accessAddrs map[types.Address]struct{}
	accessSlots map[slotKey]struct{}
	transient   map[slotKey]types.Hash
	logs        []*types.Log
	refund      uint64

	// db, when set, is read through on a cache miss (see database.go);
	// fromDB keeps each account as the Database gave it.
	db     Database
	fromDB map[types.Address]dbAccount
	dbErr  error

	// base, when set, holds frozen accounts shared with copies (copy.go):
	// a miss in accounts falls through to it and clones what it finds.
	base   *layer
	copied copyOrigin
	// gen counts finalised transactions that changed something, so Merge
	// can tell whether a copy's parent moved on.
	gen uint64

	// hot holds the two accounts get found last, in front of the accounts
	// map: a call reads its caller and target several times (balance,
	// code, code hash, touch), and hashing a 20-byte key was half of a
	// short call's time outside its code. Every write of an entry of
	// accounts goes through setAccount or dropAccount, and a new accounts
	// map through resetHot, which forget what hot holds; every removal
	// from touched clears the touched marks (untouchHot).
	hot     [2]hotAccount
	hotNext uint8
}

type hotAccount struct {
	addr    types.Address
	a       *account // nil: empty entry
	touched bool     // addr is in m.touched
}

// hotFor returns the hot entry of addr, or nil. It, get, getOrNew and
// touch take the address by pointer: a load straight after a copy of an
// Address stalls (types.Address.Equal).
func (m *Memory) hotFor(addr *types.Address) *hotAccount {
	if h := &m.hot[0]; h.a != nil && h.addr.Equal(addr) {
		return h
	}
	if h := &m.hot[1]; h.a != nil && h.addr.Equal(addr) {
		return h
	}
	return nil
}

// remember puts a in hot, replacing the older entry.
func (m *Memory) remember(addr types.Address, a *account) {
	m.hot[m.hotNext] = hotAccount{addr: addr, a: a}
	m.hotNext ^= 1
}

// resetHot forgets the hot accounts (see hot).
func (m *Memory) resetHot() { m.hot = [2]hotAccount{} }

// untouchHot clears the touched marks of the hot accounts (see hot).
func (m *Memory) untouchHot() { m.hot[0].touched, m.hot[1].touched = false, false }

// setAccount writes the accounts entry of addr (nil: known not to exist).
func (m *Memory) setAccount(addr types.Address, a *account) {
	m.accounts[addr] = a
	m.resetHot()
}

// dropAccount deletes the accounts entry of addr.
func (m *Memory) dropAccount(addr types.Address) {
	delete(m.accounts, addr)
	m.resetHot()
}

type slotKey struct {
	addr types.Address
	key  types.Hash
}

// account is one account object. CreateAccount replaces the object in the
// map (the journal keeps the old one), so a re-created account starts with
// empty committed storage, as EIP-1283 original values require.
type account struct {
	balance  uint256.Int
	nonce    uint64
	code     []byte
	codeHash types.Hash

	origin map[types.Hash]types.Hash // committed storage (non-zero values only)
	dirty  map[types.Hash]types.Hash // writes in this transaction; zero means deleted

	selfDestructed bool
	keepBalance    bool // EIP-8246: the self-destruct mark leaves the balance
	createdInTx    bool

	// storageRoot caches the root of origin; valid until origin changes.
	storageRoot types.Hash
	rootValid   bool

	// backed marks an account loaded from a Database: slots missing from
	// origin are read from there (dbSlots keeps what was read).
	backed       bool
	dbHasStorage bool
	dbSlots      map[types.Hash]types.Hash

	// sharedStorage marks origin and dbSlots as shared with a frozen
	// account of a base layer: copy them before writing (ownStorage).
	sharedStorage bool

	// addrHash caches keccak(address), the account's state-trie key.
	addrHash   types.Hash
	addrHashed bool
}

func newAccount() *account {
	return &account{codeHash: crypto.EmptyCodeHash}
}

// empty is the EIP-161 definition: no code, zero nonce, zero balance.
func (a *account) empty() bool {
	return a.nonce == 0 && a.balance.IsZero() && a.codeHash == crypto.EmptyCodeHash
}

// New returns an empty world state.
func New() *Memory {
	return &Memory{
		accounts:    make(map[types.Address]*account),
		touched:     make(map[types.Address]struct{}),
		accessAddrs: make(map[types.Address]struct{}),
		accessSlots: make(map[slotKey]struct{}),
		transient:   make(map[slotKey]types.Hash),
	}
}

var _ StateDB = (*Memory)(nil)

// getOrNew returns the account at addr, creating an empty one (journaled) if
// there is none: any write to a missing account brings it into existence.
func (m *Memory) getOrNew(addr *types.Address) *account {
	if a := m.get(addr); a != nil {
		return a
	}
	a := newAccount()
	m.setAccount(*addr, a)
	m.journal = append(m.journal, change{kind: chAccountAdded, addr: *addr})
	return a
}

// touch records that addr was modified in this transaction (EIP-161).
func (m *Memory) touch(addr *types.Address) {
	h := m.hotFor(addr)
	if h != nil && h.touched {
		return
	}
	if h != nil {
		h.touched = true
	}
	if _, ok := m.touched[*addr]; ok {
		return
	}
	m.touched[*addr] = struct{}{}
	m.journal = append(m.journal, change{kind: chTouched, addr: *addr})
}

func (m *Memory) Exist(addr types.Address) bool { return m.get(&addr) != nil }

func (m *Memory) Empty(addr types.Address) bool {
	a := m.get(&addr)
	return a == nil || a.empty()
}

func (m *Memory) CreateAccount(addr types.Address) {
	prev := m.get(&addr)
	a := newAccount()
	a.createdInTx = true
	if prev != nil {
		a.balance = prev.balance
	}
	m.setAccount(addr, a)
	m.journal = append(m.journal, change{kind: chAccountReplaced, addr: addr, prevAccount: prev})
	m.touch(&addr)
}

func (m *Memory) GetBalance(addr types.Address) uint256.Int {
	if a := m.get(&addr); a != nil {
		return a.balance
	}
	return uint256.Int{}
}

// AddBalance credits addr. A zero amount still creates and touches the
// account: a zero-value transfer is a touch under EIP-161.
func (m *Memory) AddBalance(addr types.Address, amount *uint256.Int) {
	a := m.getOrNew(&addr)
	m.touch(&addr)
	if amount.IsZero() {
		if addr.Equal(&ripemd) && a.empty() {
			m.ripemdTouched = true
		}
		return
	}
	m.journal = append(m.journal, change{kind: chBalance, addr: addr, prevBalance: a.balance})
	a.balance.Add(&a.balance, amount)
}

// SubBalance debits addr; the caller has checked the balance suffices.
func (m *Memory) SubBalance(addr types.Address, amount *uint256.Int) {
	a := m.getOrNew(&addr)
	m.touch(&addr)
	if amount.IsZero() {
		return
	}
	m.journal = append(m.journal, change{kind: chBalance, addr: addr, prevBalance: a.balance})
	a.balance.Sub(&a.balance, amount)
}

// SetBalance overwrites the balance, for loading pre-state and for tools.
func (m *Memory) SetBalance(addr types.Address, amount *uint256.Int) {
	a := m.getOrNew(&addr)
	m.touch(&addr)
	m.journal = append(m.journal, change{kind: chBalance, addr: addr, prevBalance: a.balance})
	a.balance = *amount
}

func (m *Memory) GetNonce(addr types.Address) uint64 {
	if a := m.get(&addr); a != nil {
		return a.nonce
	}
	return 0
}

func (m *Memory) SetNonce(addr types.Address, nonce uint64) {
	a := m.getOrNew(&addr)
	m.touch(&addr)
	m.journal = append(m.journal, change{kind: chNonce, addr: addr, prevNonce: a.nonce})
	a.nonce = nonce
}

// GetCode returns the account's code; callers must not modify it.
func (m *Memory) GetCode(addr types.Address) []byte {
	if a := m.get(&addr); a != nil {
		return a.code
	}
	return nil
}

func (m *Memory) GetCodeHash(addr types.Address) types.Hash {
	if a := m.get(&addr); a != nil {
		return a.codeHash
	}
	return types.Hash{}
}

func (m *Memory) GetCodeSize(addr types.Address) int {
	if a := m.get(&addr); a != nil {
		return len(a.code)
	}
	return 0
}

// SetCode stores code at addr. The slice is retained; callers must not
// modify it afterwards.
func (m *Memory) SetCode(addr types.Address, code []byte) {
	a := m.getOrNew(&addr)
	m.touch(&addr)
	m.journal = append(m.journal, change{kind: chCode, addr: addr, prevCode: a.code, prevHash: a.codeHash})
	if len(code) == 0 {
		a.code, a.codeHash = nil, crypto.EmptyCodeHash
		return
	}
	a.code, a.codeHash = code, crypto.Keccak256(code)
}

// SelfDestruct zeroes the balance and marks the account for deletion when
// the transaction is finalised. A missing account is left alone.
func (m *Memory) SelfDestruct(addr types.Address) {
	if a := m.markSelfDestructed(addr); a != nil {
		a.balance.Clear()
	}
}

// SelfDestructKeepBalance marks the account self-destructed without
// touching its balance (EIP-8246): Finalise leaves it a balance-only
// account, or deletes it if the balance is then zero. A missing account is
// left alone.
func (m *Memory) SelfDestructKeepBalance(addr types.Address) {
	if a := m.markSelfDestructed(addr); a != nil {
		a.keepBalance = true
	}
}

// markSelfDestructed is what both self-destructs share: touch the account,
// journal its balance and flag, and flag it; nil for a missing account.
func (m *Memory) markSelfDestructed(addr types.Address) *account {
	a := m.get(&addr)
	if a == nil {
		return nil
	}
	m.touch(&addr)
	m.journal = append(m.journal, change{kind: chSelfDestruct, addr: addr, prevBalance: a.balance, flag: a.selfDestructed})
	a.selfDestructed = true
	return a
}

func (m *Memory) HasSelfDestructed(addr types.Address) bool {
	a := m.get(&addr)
	return a != nil && a.selfDestructed
}

// CreatedInTx reports whether CreateAccount ran for addr in the current
// transaction (EIP-6780).
func (m *Memory) CreatedInTx(addr types.Address) bool {
	a := m.get(&addr)
	return a != nil && a.createdInTx
}

// Touch marks addr as touched for EIP-161 without changing it. The execution
// specs touch the target of a top-level message call that is an existing
// empty account even when the call fails (process_message_call); the
// transaction layer can call Touch after reverting to reproduce that.
func (m *Memory) Touch(addr types.Address) {
	if m.get(&addr) != nil {
		m.touch(&addr)
	}
}
