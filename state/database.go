package state

import (
	"errors"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Database is the backing store a Memory reads through to: the narrow
// interface a backend implements (DESIGN.md lesson 7). A Memory built with
// NewWithDatabase asks it for an account, code or slot the first time one is
// read and keeps the answer; it never writes to it. What changed is read
// back with Changes, and the owner of the Database decides how to store it.
type Database interface {
	// Account returns the account at addr, or nil if there is none.
	Account(addr types.Address) (*types.Account, error)
	// Code returns the code whose keccak hash is codeHash.
	Code(addr types.Address, codeHash types.Hash) ([]byte, error)
	// Storage returns the committed value of a slot, zero if unset.
	Storage(addr types.Address, slot types.Hash) (types.Hash, error)
}

// ErrDatabase wraps every failure of the backing Database. The StateDB
// methods cannot return errors (the interpreter has no use for them), so
// the first failure is kept and reported by Err; a caller that sees one
// must throw the state away.
var ErrDatabase = errors.New("state database")

// NewWithDatabase returns an empty journaled state over db.
func NewWithDatabase(db Database) *Memory {
	m := New()
	m.db = db
	m.fromDB = make(map[types.Address]dbAccount)
	return m
}

// Err returns the first error the backing Database gave, or nil.
func (m *Memory) Err() error { return m.dbErr }

func (m *Memory) fail(err error) {
	if m.dbErr == nil {
		m.dbErr = errors.Join(ErrDatabase, err)
	}
}

// dbAccount is an account as the Database gave it, kept so Changes can tell
// what a block changed: obj is the object made from it (nil if the account
// did not exist); the values are copies, since obj is mutated in place.
type dbAccount struct {
	obj      *account
	nonce    uint64
	balance  uint256.Int
	codeHash types.Hash
}

// get returns the cached account at addr, loading it from the Database on
// first access. A nil entry in m.accounts means "known not to exist".
func (m *Memory) get(addr *types.Address) *account {
	if h := m.hotFor(addr); h != nil {
		return h.a
	}
	a := m.find(*addr)
	if a != nil {
		m.remember(*addr, a)
	}
	return a
}

// find is get without the hot accounts.
func (m *Memory) find(addr types.Address) *account {
	a, ok := m.accounts[addr]
	if ok || (m.db == nil && m.base == nil) {
		return a
	}
	if m.base != nil {
		if src, ok := m.base.find(addr); ok {
			return m.adopt(addr, src)
		}
		if m.db == nil {
			return nil
		}
	}
	return m.load(addr)
}

func (m *Memory) load(addr types.Address) *account {
	acc, err := m.db.Account(addr)
	if err != nil {
		m.fail(err)
	}
	if acc == nil {
		m.setAccount(addr, nil)
		m.fromDB[addr] = dbAccount{}
		return nil
	}
	a := newAccount()
	a.nonce, a.balance, a.codeHash = acc.Nonce, acc.Balance, acc.CodeHash
	if acc.CodeHash != types.EmptyCodeHash && acc.CodeHash != (types.Hash{}) {
		code, err := m.db.Code(addr, acc.CodeHash)
		if err != nil {
			m.fail(err)
		}
		a.code = code
	}
	a.backed = true
	a.dbHasStorage = acc.Root != types.EmptyRootHash && acc.Root != (types.Hash{})
	a.storageRoot, a.rootValid = acc.Root, false
	m.setAccount(addr, a)
	m.fromDB[addr] = dbAccount{obj: a, nonce: a.nonce, balance: a.balance, codeHash: a.codeHash}
	return a
}

// remove drops an account at the end of a transaction. Over a Database it
// leaves a nil entry, so the deleted account is not read back from the store.
func (m *Memory) remove(addr types.Address) {
	if m.db != nil || m.base != nil {
		m.setAccount(addr, nil)
		return
	}
	m.dropAccount(addr)
}

// committed returns the committed value of key, reading it from the
// Database the first time for an account that came from there.
func (m *Memory) committed(a *account, addr types.Address, key types.Hash) types.Hash {
	if v, ok := a.origin[key]; ok || !a.backed {
		return v
	}
	if _, read := a.dbSlots[key]; read {
		return a.origin[key] // read before: origin holds it unless it is now zero
	}
	v, err := m.db.Storage(addr, key)
	if err != nil {
		m.fail(err)
	}
	a.ownStorage()
	if a.dbSlots == nil {
		a.dbSlots = make(map[types.Hash]types.Hash)
	}
	a.dbSlots[key] = v
	if !v.IsZero() {
		if a.origin == nil {
			a.origin = make(map[types.Hash]types.Hash)
		}
		a.origin[key] = v
	}
	return v
}

// AccountChange is the final value of one account that differs from what
// the Database holds. A deleted account has Deleted set and nothing else.
// StorageWiped means the account was deleted or re-created, so every slot
// the Database holds for it is gone before Storage is applied. Code is set
// only when the code changed.
type AccountChange struct {
	Address      types.Address
	Deleted      bool
	Nonce        uint64
	Balance      uint256.Int
	CodeHash     types.Hash
	Code         []byte
	CodeChanged  bool
	StorageWiped bool
	// Storage holds every changed slot; a zero value deletes the slot.
	Storage map[types.Hash]types.Hash
}

// Changes lists what differs from the Database after the last Finalise, in
// no particular order. Without a Database every account is a change.
func (m *Memory) Changes() []AccountChange {
	m.flatten()
	var out []AccountChange
	for addr, a := range m.accounts {
		orig, known := m.fromDB[addr]
		if a == nil {
			if known && orig.obj != nil {
				out = append(out, AccountChange{Address: addr, Deleted: true, StorageWiped: true})
			}
			continue
		}
		ch := AccountChange{Address: addr, Nonce: a.nonce, Balance: a.balance, CodeHash: a.codeHash, Code: a.code}
		same := known && orig.obj == a
		if !same {
			ch.StorageWiped = known && orig.obj != nil
			ch.CodeChanged = !known || orig.obj == nil || orig.codeHash != a.codeHash
			ch.Storage = make(map[types.Hash]types.Hash, len(a.origin))
			for k, v := range a.origin {
				ch.Storage[k] = v
			}
			out = append(out, ch)
			continue
		}
		ch.CodeChanged = orig.codeHash != a.codeHash
		for k, v := range a.origin {
			if a.dbSlots[k] != v {
				if ch.Storage == nil {
					ch.Storage = make(map[types.Hash]types.Hash)
				}
				ch.Storage[k] = v
			}
		}
		for k, v := range a.dbSlots {
			if _, ok := a.origin[k]; !ok && !v.IsZero() {
				if ch.Storage == nil {
					ch.Storage = make(map[types.Hash]types.Hash)
				}
				ch.Storage[k] = types.Hash{}
			}
		}
		if ch.CodeChanged || ch.Storage != nil || a.nonce != orig.nonce || a.balance != orig.balance {
			out = append(out, ch)
		}
	}
	return out
}
