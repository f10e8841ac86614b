package chain

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// ErrNoStateRoot is a state root the chain cannot compute: one over an old
// block of a chain forked from a remote, whose tries it does not hold.
var ErrNoStateRoot = errors.New("state root not available")

// StateRootWith is the state root of State(n) with changes applied (a
// state.Memory's Changes()), without changing the chain: what a block
// built on that state, but never written, commits to (eth_simulateV1).
// On the newest state (n = head+1) it costs what the changes touch; on an
// older one it rebuilds that block's tries first, which costs the whole
// state.
func (c *Chain) StateRootWith(n uint64, changes []state.AccountChange) (types.Hash, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n == c.headNum+1 {
		if _, err := c.writeChanges(nil, 0, changes, nil); err != nil {
			return types.Hash{}, c.recoverTries(err)
		}
		root := c.tries.root()
		return root, c.undoTrieChanges(changes, true)
	}
	if c.fork != nil {
		return types.Hash{}, fmt.Errorf("%w: block %d of a forked chain", ErrNoStateRoot, n)
	}
	tries, err := c.triesAt(n)
	if err != nil {
		return types.Hash{}, err
	}
	newest := c.tries
	c.tries = tries
	_, err = c.writeChanges(nil, 0, changes, nil)
	root := c.tries.root()
	c.tries = newest
	return root, err
}

// triesAt builds the tries of the state at the end of block n from the
// store. The caller holds c.mu.
func (c *Chain) triesAt(n uint64) (*stateTries, error) {
	t := newStateTries()
	err := c.accountsAt(n, func(addr types.Address, acc *types.Account) error {
		if acc.Root != crypto.EmptyRootHash {
			st, err := c.storageTrieAt(addr, n)
			if err != nil {
				return err
			}
			if st != nil {
				t.storage[addr] = st
			}
		}
		t.setAccount(addr, acc)
		return nil
	})
	return t, err
}
