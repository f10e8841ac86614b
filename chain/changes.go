package chain

import (
	"fmt"

	"github.com/cockroachdb/pebble"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// A block's change list names every history entry it wrote, so undoing the
// block (evm_revert) deletes exactly those. Records are a kind byte, the
// address and, for slots, the slot.
const (
	changeAccount byte = 1
	changeSlot    byte = 2
	changeWipe    byte = 3
)

// writeChanges records a state change set as the history of block n in the
// batch, updates the tries, and returns the accounts as stored (the RPC
// layer's eth_getProof and the tries agree on them). list is the block's
// change list so far, extended and returned.
func (c *Chain) writeChanges(b *pebble.Batch, n uint64, changes []state.AccountChange, list []byte) ([]byte, error) {
	for _, ch := range changes {
		addr := ch.Address
		if ch.StorageWiped {
			c.tries.wipeStorage(addr)
			if err := set(b, wipeKey(addr, n), []byte{1}); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrStore, err)
			}
			list = append(append(list, changeWipe), addr[:]...)
		}
		if ch.Deleted {
			c.tries.setAccount(addr, nil)
			if err := set(b, accountKey(addr, n), nil); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrStore, err)
			}
			list = append(append(list, changeAccount), addr[:]...)
			continue
		}
		for slot, v := range ch.Storage {
			c.tries.setSlot(addr, slot, v)
			if err := set(b, slotKeyAt(addr, slot, n), v[:]); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrStore, err)
			}
			list = append(append(append(list, changeSlot), addr[:]...), slot[:]...)
		}
		if ch.CodeChanged && len(ch.Code) > 0 {
			if err := set(b, hashKey(prefixCode, ch.CodeHash), ch.Code); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrStore, err)
			}
		}
		acc := &types.Account{Nonce: ch.Nonce, Balance: ch.Balance, Root: c.tries.storageRoot(addr), CodeHash: ch.CodeHash}
		c.tries.setAccount(addr, acc)
		if err := set(b, accountKey(addr, n), acc.EncodeRLP()); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrStore, err)
		}
		list = append(append(list, changeAccount), addr[:]...)
	}
	return list, nil
}

// set adds a key to the batch; a nil batch (a pre-Byzantium intermediate
// root, which only needs the tries) writes nothing.
func set(b *pebble.Batch, k, v []byte) error {
	if b == nil {
		return nil
	}
	return b.Set(k, v, nil)
}

// forEachChange walks a change list.
func forEachChange(list []byte, fn func(kind byte, addr types.Address, slot types.Hash)) error {
	for len(list) > 0 {
		kind := list[0]
		size := 1 + 20
		if kind == changeSlot {
			size += 32
		}
		if len(list) < size || kind < changeAccount || kind > changeWipe {
			return fmt.Errorf("%w: corrupt change list", ErrStore)
		}
		var slot types.Hash
		if kind == changeSlot {
			slot = types.BytesToHash(list[21:53])
		}
		fn(kind, types.BytesToAddress(list[1:21]), slot)
		list = list[size:]
	}
	return nil
}
