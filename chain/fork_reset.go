package chain

import (
	"context"
	"fmt"

	"github.com/goevm/goevm/state/rpcdb"
)

// resetFork replaces the chain with a fork of another remote (anvil_reset
// with {"forking": {"jsonRpcUrl", "blockNumber"}}): every block, state
// entry and index goes, and the chain starts again from the remote's block
// (its latest if none is given), with the dev allocation funded over it,
// as a new --fork-url chain would. The chain id and gas limit stay the
// chain's. The remote is asked for the block and the allocated accounts
// before anything is dropped, so a remote that fails leaves the chain as
// it was. Cached remote state of earlier forks stays in the store: it is
// keyed by block hash, so never wrong.
func (c *Chain) resetFork(f *ResetForking) error {
	if f.URL == "" {
		return fmt.Errorf("%w: forking without a jsonRpcUrl", ErrFork)
	}
	opts := rpcdb.Options{}
	c.mu.RLock()
	if r := c.cfg.Remote; r != nil {
		opts = rpcdb.Options{Timeout: r.Timeout, Retries: r.Retries}
	}
	alloc := c.cfg.Alloc
	c.mu.RUnlock()
	client := rpcdb.DialOptions(f.URL, opts)
	header, meta, err := fetchForkBase(context.Background(), client, f.BlockNumber)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrFork, f.URL, err)
	}
	base := newForkBase(c.store, c.inMemory, client, meta)
	if err := prefetchAlloc(base, alloc); err != nil {
		base.cancel()
		return err
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	base.meta.ChainID, base.meta.GasLimit = c.cfg.ChainID, c.cfg.GasLimit
	b := c.store.db.NewBatch()
	defer b.Close()
	// Everything but the cached remote states: [0, F) and (F..., end).
	if err := b.DeleteRange([]byte{0}, []byte{prefixFork}, nil); err != nil {
		base.cancel()
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := b.DeleteRange([]byte{prefixFork + 1}, []byte{0xff, 0xff}, nil); err != nil {
		base.cancel()
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := b.Commit(c.writeOpts()); err != nil {
		base.cancel()
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	c.closeFork()
	remote := &RemoteFork{URL: f.URL, Block: f.BlockNumber, Timeout: opts.Timeout, Retries: opts.Retries}
	c.cfg.Remote, c.fork = remote, base
	c.tries = newStateTries()
	c.pendingCh, c.devOps = nil, nil
	c.pool = newPool()
	c.snaps = nil
	c.clock = clock{}
	clear(c.impersonated)
	if err := c.writeForkBase(header); err != nil {
		return fmt.Errorf("reset onto %s (the store was emptied; restart the node): %w", f.URL, err)
	}
	return nil
}
