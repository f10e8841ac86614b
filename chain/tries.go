package chain

import (
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trie"
	"github.com/goevm/goevm/types"
)

// stateTries holds the state trie and every storage trie in memory, so a
// block's root costs in proportion to what it changed: trie.Trie caches node
// references and re-hashes only the paths a Put or Delete touched. They
// always describe the newest state (the pending block's pre-state).
type stateTries struct {
	accounts trie.Trie
	storage  map[types.Address]*trie.Trie
}

func newStateTries() *stateTries {
	return &stateTries{storage: make(map[types.Address]*trie.Trie)}
}

func (t *stateTries) root() types.Hash { return t.accounts.Hash() }

// storageRoot is the root of addr's storage trie (the empty root if none).
func (t *stateTries) storageRoot(addr types.Address) types.Hash {
	if st := t.storage[addr]; st != nil {
		return st.Hash()
	}
	return crypto.EmptyRootHash
}

func (t *stateTries) wipeStorage(addr types.Address) { delete(t.storage, addr) }

func (t *stateTries) setSlot(addr types.Address, slot, value types.Hash) {
	st := t.storage[addr]
	if st == nil {
		if value.IsZero() {
			return
		}
		st = trie.New()
		t.storage[addr] = st
	}
	k := crypto.Keccak256(slot[:])
	if value.IsZero() {
		st.Delete(k[:])
		return
	}
	st.Put(k[:], state.AppendStorageRLP(nil, value))
}

func (t *stateTries) setAccount(addr types.Address, acc *types.Account) {
	k := crypto.Keccak256(addr[:])
	if acc == nil {
		t.accounts.Delete(k[:])
		delete(t.storage, addr)
		return
	}
	t.accounts.Put(k[:], acc.EncodeRLP())
}

// trieDB reads the newest state from the tries: what mining and dev edits
// read through, under the chain's write lock. It answers without touching
// the store's history, so a block costs the same however long the chain is.
// On a fork it is the fork's view of the newest state instead (fork.go):
// the tries cannot tell a slot never written here from one cleared here.
type trieDB struct{ c *Chain }

func (d trieDB) Account(addr types.Address) (*types.Account, error) {
	if d.c.fork != nil {
		return d.c.stateDB(d.c.headNum + 1).Account(addr)
	}
	k := crypto.Keccak256(addr[:])
	v := d.c.tries.accounts.Get(k[:])
	if v == nil {
		return nil, nil
	}
	return types.DecodeAccountRLP(v)
}

func (d trieDB) Code(addr types.Address, codeHash types.Hash) ([]byte, error) {
	if d.c.fork != nil {
		return d.c.stateDB(d.c.headNum+1).Code(addr, codeHash)
	}
	return historyDB{s: d.c.store}.Code(addr, codeHash)
}

func (d trieDB) Storage(addr types.Address, slot types.Hash) (types.Hash, error) {
	if d.c.fork != nil {
		return d.c.stateDB(d.c.headNum+1).Storage(addr, slot)
	}
	st := d.c.tries.storage[addr]
	if st == nil {
		return types.Hash{}, nil
	}
	k := crypto.Keccak256(slot[:])
	v := st.Get(k[:])
	if v == nil {
		return types.Hash{}, nil
	}
	content, _, err := rlp.SplitString(v)
	if err != nil {
		return types.Hash{}, fmt.Errorf("%w: storage trie of %s: %w", ErrStore, addr, err)
	}
	return types.BytesToHash(content), nil
}
