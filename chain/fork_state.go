package chain

import (
	"fmt"

	"github.com/cockroachdb/pebble"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/types"
)

// forkDB reads a forked chain's state after a block: the local history
// where it has an entry (a deletion or a storage wipe included), the
// remote's state at the fork block where it has none.
type forkDB struct {
	local  historyDB
	remote *rpcdb.Cached
}

func (d forkDB) Account(addr types.Address) (*types.Account, error) {
	v, _, ok, err := d.local.s.latestAtOrBelow(append([]byte{prefixAccount}, addr[:]...), d.local.block)
	if err != nil {
		return nil, err
	}
	if !ok {
		return d.remote.Account(addr)
	}
	if len(v) == 0 {
		return nil, nil // deleted here
	}
	acc, err := types.DecodeAccountRLP(v)
	if err != nil {
		return nil, fmt.Errorf("%w: account %s at block %d: %w", ErrStore, addr, d.local.block, err)
	}
	if acc.Root != crypto.EmptyRootHash {
		return acc, nil
	}
	// The local root covers local slots only: the remote's slots show
	// through unless the storage was wiped here.
	wiped, err := d.wiped(addr)
	if err != nil || wiped {
		return acc, err
	}
	r, err := d.remote.Account(addr)
	if err != nil {
		return nil, err
	}
	if r != nil {
		acc.Root = r.Root
	}
	return acc, nil
}

func (d forkDB) wiped(addr types.Address) (bool, error) {
	_, _, wiped, err := d.local.s.latestAtOrBelow(append([]byte{prefixWipe}, addr[:]...), d.local.block)
	return wiped, err
}

func (d forkDB) Code(addr types.Address, codeHash types.Hash) ([]byte, error) {
	if code, ok := d.local.s.codeCache.Load(codeHash); ok {
		return code.([]byte), nil
	}
	code, err := d.local.s.get(hashKey(prefixCode, codeHash))
	if err != nil {
		return nil, err
	}
	if code != nil {
		d.local.s.codeCache.Store(codeHash, code)
		return code, nil
	}
	return d.remote.Code(addr, codeHash)
}

func (d forkDB) Storage(addr types.Address, slot types.Hash) (types.Hash, error) {
	v, at, ok, err := d.local.s.latestAtOrBelow(slotPrefix(addr, slot), d.local.block)
	if err != nil {
		return types.Hash{}, err
	}
	_, wipedAt, wiped, err := d.local.s.latestAtOrBelow(append([]byte{prefixWipe}, addr[:]...), d.local.block)
	if err != nil {
		return types.Hash{}, err
	}
	switch {
	case ok && !(wiped && wipedAt > at):
		return types.BytesToHash(v), nil
	case wiped:
		return types.Hash{}, nil
	}
	return d.remote.Storage(addr, slot)
}

// forkCache keeps the remote's answers in the chain's store, under
// prefixFork and the fork block's hash: the state of a block with that
// hash is the same whichever node answers, so entries stay valid across
// restarts and resets onto another fork. Writes are not synced: losing
// some in a crash only means fetching them again.
type forkCache struct {
	s     *store
	block types.Hash
}

func (f forkCache) key(k []byte) []byte {
	return append(append([]byte{prefixFork}, f.block[:]...), k...)
}

func (f forkCache) Get(key []byte) ([]byte, bool, error) {
	v, err := f.s.get(f.key(key))
	return v, v != nil, err
}

func (f forkCache) Put(key, value []byte) error {
	if err := f.s.db.Set(f.key(key), value, pebble.NoSync); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	return nil
}
