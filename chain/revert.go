package chain

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/cockroachdb/pebble"
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/trie"
	"github.com/goevm/goevm/types"
)

// dropBlocksAbove undoes every block above n, and the pending block's dev
// edits: their history entries, block data and indexes go, in one batch,
// and the tries are brought back for the accounts they touched. n must not
// be above the head.
func (c *Chain) dropBlocksAbove(n uint64) error {
	b := c.store.db.NewBatch()
	defer b.Close()
	touched := map[types.Address]bool{}
	for num := n + 1; num <= c.headNum+1; num++ {
		list, err := c.store.get(u64Key(prefixChanges, num))
		if err != nil {
			return err
		}
		err = forEachChange(list, func(kind byte, addr types.Address, slot types.Hash) {
			touched[addr] = true
			switch kind {
			case changeAccount:
				_ = b.Delete(accountKey(addr, num), nil)
			case changeSlot:
				_ = b.Delete(slotKeyAt(addr, slot, num), nil)
			case changeWipe:
				_ = b.Delete(wipeKey(addr, num), nil)
			}
		})
		if err != nil {
			return err
		}
		_ = b.Delete(u64Key(prefixChanges, num), nil)
		if num > c.headNum {
			continue // the pending block has no block data
		}
		blk, err := c.blockByNumber(num)
		if err != nil {
			return err
		}
		hash := blk.Hash()
		for _, raw := range blk.Transactions {
			_ = b.Delete(hashKey(prefixTxIndex, crypto.Keccak256(raw)), nil)
		}
		_ = b.Delete(u64Key(prefixNumber, num), nil)
		_ = b.Delete(hashKey(prefixBlock, hash), nil)
		_ = b.Delete(hashKey(prefixReceipt, hash), nil)
	}
	if err := b.Set(keyHead, headValue(n), nil); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := b.Commit(c.writeOpts()); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if n != c.headNum {
		head, err := c.blockByNumber(n)
		if err != nil {
			return err
		}
		c.head, c.headNum = head, n
	}
	c.pendingCh = nil
	for addr := range touched {
		if err := c.reloadAccount(addr); err != nil {
			return err
		}
	}
	return nil
}

// reloadAccount sets addr's entries in the tries from the store's newest
// history.
func (c *Chain) reloadAccount(addr types.Address) error {
	acc, err := historyDB{s: c.store, block: c.headNum + 1}.Account(addr)
	if err != nil {
		return err
	}
	if acc == nil {
		c.tries.setAccount(addr, nil)
		return nil
	}
	st, err := c.storageTrie(addr)
	if err != nil {
		return err
	}
	if st == nil {
		delete(c.tries.storage, addr)
	} else {
		c.tries.storage[addr] = st
	}
	c.tries.setAccount(addr, acc)
	return nil
}

// storageTrie builds addr's storage trie of the newest state.
func (c *Chain) storageTrie(addr types.Address) (*trie.Trie, error) {
	return c.storageTrieAt(addr, c.headNum+1)
}

// storageTrieAt builds addr's storage trie as of the end of block n (n =
// head+1 is the newest state) from the newest value of each of its slots at
// or below n, skipping slots written before the account's last wipe. It
// returns nil if the storage is empty.
func (c *Chain) storageTrieAt(addr types.Address, n uint64) (*trie.Trie, error) {
	_, wipedAt, wiped, err := c.store.latestAtOrBelow(append([]byte{prefixWipe}, addr[:]...), n)
	if err != nil {
		return nil, err
	}
	prefix := append([]byte{prefixSlot}, addr[:]...)
	it, err := c.store.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: prefixEnd(prefix)})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer it.Close()
	var st *trie.Trie
	var last []byte // slot key of the newest entry seen so far
	var lastVal []byte
	var lastAt uint64
	flush := func() {
		if last == nil || (wiped && wipedAt > lastAt) {
			return
		}
		v := types.BytesToHash(lastVal)
		if v.IsZero() {
			return
		}
		if st == nil {
			st = trie.New()
		}
		k := crypto.Keccak256(last)
		st.Put(k[:], state.AppendStorageRLP(nil, v))
	}
	for it.First(); it.Valid(); it.Next() {
		k := it.Key()
		if len(k) != 1+20+32+8 {
			continue
		}
		at := binary.BigEndian.Uint64(k[53:])
		if at > n {
			continue
		}
		slot := k[21:53]
		if last != nil && !bytes.Equal(slot, last) {
			flush()
		}
		last = append(last[:0], slot...)
		lastVal = append(lastVal[:0], it.Value()...)
		lastAt = at
	}
	flush()
	return st, it.Error()
}

// accountsAt calls fn with every account that exists at the end of block n
// (n = head+1 is the newest state): the newest entry of each address at or
// below n, in address order.
func (c *Chain) accountsAt(n uint64, fn func(addr types.Address, acc *types.Account) error) error {
	prefix := []byte{prefixAccount}
	it, err := c.store.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: prefixEnd(prefix)})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer it.Close()
	var pending types.Address
	var val []byte
	have := false
	emit := func() error {
		if !have || len(val) == 0 {
			return nil
		}
		acc, err := types.DecodeAccountRLP(val)
		if err != nil {
			return fmt.Errorf("%w: account %s: %w", ErrStore, pending, err)
		}
		return fn(pending, acc)
	}
	for it.First(); it.Valid(); it.Next() {
		k := it.Key()
		if len(k) != 1+20+8 || binary.BigEndian.Uint64(k[21:]) > n {
			continue
		}
		addr := types.BytesToAddress(k[1:21])
		if have && addr != pending {
			if err := emit(); err != nil {
				return err
			}
		}
		pending, have = addr, true
		val = append(val[:0], it.Value()...)
	}
	if err := emit(); err != nil {
		return err
	}
	return it.Error()
}

// rebuildTries builds the tries of the newest state from the store: the
// newest entry of every account, and the storage of those that have any.
func (c *Chain) rebuildTries() error {
	c.tries = newStateTries()
	err := c.accountsAt(c.headNum+1, func(addr types.Address, acc *types.Account) error {
		if acc.Root != crypto.EmptyRootHash {
			st, err := c.storageTrie(addr)
			if err != nil {
				return err
			}
			if st != nil {
				c.tries.storage[addr] = st
			}
		}
		c.tries.setAccount(addr, acc)
		return nil
	})
	if err != nil {
		return err
	}
	atForkBase := c.fork != nil && c.headNum == c.fork.number // the remote's root: see fork.go
	if root := c.tries.root(); c.pendingCh == nil && !atForkBase && root != c.head.Header.StateRoot {
		return fmt.Errorf("%w: rebuilt state root %s, head block %d says %s", ErrStore, root, c.headNum, c.head.Header.StateRoot)
	}
	return nil
}

// prefixEnd is the smallest key above every key with this prefix.
func prefixEnd(prefix []byte) []byte {
	end := append([]byte{}, prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}
