package chain

import (
	"fmt"

	"github.com/goevm/goevm/types"
)

// historyDB is the state as of the end of one block, read from the store's
// history: it implements state.Database. It is read-only and safe for
// concurrent use while no block is being written (the Chain's lock).
type historyDB struct {
	s     *store
	block uint64
}

func (h historyDB) Account(addr types.Address) (*types.Account, error) {
	prefix := append([]byte{prefixAccount}, addr[:]...)
	v, _, ok, err := h.s.latestAtOrBelow(prefix, h.block)
	if err != nil || !ok || len(v) == 0 {
		return nil, err
	}
	acc, err := types.DecodeAccountRLP(v)
	if err != nil {
		return nil, fmt.Errorf("%w: account %s at block %d: %w", ErrStore, addr, h.block, err)
	}
	return acc, nil
}

func (h historyDB) Code(addr types.Address, codeHash types.Hash) ([]byte, error) {
	if code, ok := h.s.codeCache.Load(codeHash); ok {
		return code.([]byte), nil
	}
	code, err := h.s.get(hashKey(prefixCode, codeHash))
	if err == nil && code != nil {
		h.s.codeCache.Store(codeHash, code) // code never changes under its hash
	}
	if err == nil && code == nil {
		err = fmt.Errorf("%w: code %s of %s missing", ErrStore, codeHash, addr)
	}
	return code, err
}

// Storage returns the newest value written at or below the block, unless
// the account's storage was wiped after it was written.
func (h historyDB) Storage(addr types.Address, slot types.Hash) (types.Hash, error) {
	v, at, ok, err := h.s.latestAtOrBelow(slotPrefix(addr, slot), h.block)
	if err != nil || !ok {
		return types.Hash{}, err
	}
	_, wipedAt, wiped, err := h.s.latestAtOrBelow(append([]byte{prefixWipe}, addr[:]...), h.block)
	if err != nil {
		return types.Hash{}, err
	}
	if wiped && wipedAt > at {
		return types.Hash{}, nil
	}
	return types.BytesToHash(v), nil
}
