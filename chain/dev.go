package chain

import (
	"fmt"
	"maps"
	"time"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// devOp is one state edit made outside any transaction (anvil_setBalance
// and friends). Edits land in the pending block: reads of "latest" see them
// at once, and the next block's state root includes them.
type devOp func(m *state.Memory)

// Edit applies op to the pending state and records it.
func (c *Chain) Edit(op func(m *state.Memory)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.editLocked(op)
}

func (c *Chain) editLocked(op devOp) error {
	if err := c.applyEditLocked(op); err != nil {
		return err
	}
	c.devOps = append(c.devOps, op)
	return nil
}

// applyEditLocked applies op to the pending state without recording it for
// replay after a revert (LoadState mines its edits into a block at once).
func (c *Chain) applyEditLocked(op devOp) error {
	n := c.headNum + 1
	mem := state.NewWithDatabase(trieDB{c})
	mem.BeginTx()
	op(mem)
	mem.Commit()
	if err := mem.Err(); err != nil {
		return err
	}
	b := c.store.db.NewBatch()
	defer b.Close()
	list, err := c.writeChanges(b, n, mem.Changes(), c.pendingCh)
	if err == nil {
		err = b.Set(u64Key(prefixChanges, n), list, nil)
	}
	if err == nil {
		err = b.Commit(c.writeOpts())
	}
	if err != nil {
		return c.recoverTries(fmt.Errorf("%w: %w", ErrStore, err))
	}
	c.pendingCh = list
	return nil
}

// SetBalance, SetNonce, SetCode and SetStorageAt edit one account of the
// pending state.
func (c *Chain) SetBalance(addr types.Address, v *uint256.Int) error {
	return c.Edit(func(m *state.Memory) { m.SetBalance(addr, v) })
}

func (c *Chain) SetNonce(addr types.Address, n uint64) error {
	return c.Edit(func(m *state.Memory) { m.SetNonce(addr, n) })
}

func (c *Chain) SetCode(addr types.Address, code []byte) error {
	return c.Edit(func(m *state.Memory) { m.SetCode(addr, code) })
}

func (c *Chain) SetStorageAt(addr types.Address, slot, v types.Hash) error {
	return c.Edit(func(m *state.Memory) { m.SetState(addr, slot, v) })
}

// Mine mines count blocks, interval seconds apart (the first at timestamp
// if given); the first takes the ready pooled transactions. It returns the
// first block.
func (c *Chain) Mine(count uint64, interval uint64, timestamp *uint64) (*Mined, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var first *Mined
	for i := uint64(0); i < count; i++ {
		ts := timestamp
		if i > 0 && interval > 0 {
			t := c.head.Header.Time + interval
			ts = &t
		}
		m, err := c.minePendingLocked(ts)
		if err != nil {
			return first, err
		}
		if first == nil {
			first = m
		}
	}
	return first, nil
}

// SetAutomine switches mining of each transaction as it arrives.
func (c *Chain) SetAutomine(on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.automine = on
}

// Automine reports whether automine is on.
func (c *Chain) Automine() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.automine
}

// SetIntervalMining mines a block every interval (zero stops it), with
// whatever the pool holds, as --block-time does; automine goes off while
// it runs.
func (c *Chain) SetIntervalMining(interval time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopInterval != nil {
		close(c.stopInterval)
		c.stopInterval = nil
	}
	if interval <= 0 {
		return
	}
	c.automine = false
	stop := make(chan struct{})
	c.stopInterval = stop
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				c.mu.Lock()
				select {
				case <-stop:
				default:
					_, _ = c.minePendingLocked(nil)
				}
				c.mu.Unlock()
			}
		}
	}()
}

// Impersonate lets transactions claim addr as their sender unsigned
// (hardhat_impersonateAccount); Stop undoes it.
func (c *Chain) Impersonate(addr types.Address, on bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if on {
		c.impersonated[addr] = true
	} else {
		delete(c.impersonated, addr)
	}
}

// Impersonated reports whether addr may send unsigned transactions.
func (c *Chain) Impersonated(addr types.Address) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.impersonated[addr]
}

// snapshot is what evm_revert restores: the head, the pending block's dev
// edits, the clock, the impersonated accounts and the pool.
type snapshot struct {
	head         uint64
	devOps       []devOp
	clock        clock
	impersonated map[types.Address]bool
	pool         []*PendingTx
	automine     bool
}

// Snapshot records the chain's state and returns its id (from 1).
func (c *Chain) Snapshot() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := snapshot{head: c.headNum, devOps: append([]devOp{}, c.devOps...), clock: c.clock,
		impersonated: maps.Clone(c.impersonated), automine: c.automine}
	for _, t := range c.pool.byHash {
		s.pool = append(s.pool, t)
	}
	c.snaps = append(c.snaps, s)
	return uint64(len(c.snaps))
}

// Revert goes back to snapshot id, dropping it and every later one, as
// hardhat and anvil do. It reports false for an unknown id.
func (c *Chain) Revert(id uint64) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id == 0 || id > uint64(len(c.snaps)) {
		return false, nil
	}
	s := c.snaps[id-1]
	c.snaps = c.snaps[:id-1]
	if err := c.dropBlocksAbove(s.head); err != nil {
		return false, err
	}
	c.devOps = nil
	for _, op := range s.devOps {
		if err := c.editLocked(op); err != nil {
			return false, err
		}
	}
	c.clock, c.impersonated, c.automine = s.clock, s.impersonated, s.automine
	c.pool = newPool()
	for _, t := range s.pool {
		c.pool.add(t)
	}
	return true, nil
}
