package chain

import "fmt"

// ResetOptions say what Reset resets to. The zero value is the chain's own
// genesis.
type ResetOptions struct {
	// Forking, when set, asks to reset onto a remote chain (anvil_reset's
	// {"forking": {"jsonRpcUrl", "blockNumber"}}).
	Forking *ResetForking
}

// ResetForking is the remote chain a reset forks.
type ResetForking struct {
	URL         string
	BlockNumber *uint64 // nil: the remote's latest
}

// Reset takes the chain back to its genesis (anvil_reset, hardhat_reset
// without parameters), or a forked chain to the block it forked at: every
// later block, its transactions and receipts, and the pending dev edits are
// dropped; the genesis block and its state stay, so the configuration and
// the genesis hash are unchanged. With opts.Forking it forks that remote
// instead (fork_reset.go). The pool,
// snapshots, impersonated accounts and the clock's offset are cleared too;
// the mining mode is kept.
func (c *Chain) Reset(opts ResetOptions) error {
	if opts.Forking != nil {
		return c.resetFork(opts.Forking) // fork_reset.go
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.devOps = nil
	// A forked chain's first block is the remote's block it forked at.
	first := uint64(0)
	if c.fork != nil {
		first = c.fork.number
	}
	if err := c.dropBlocksAbove(first); err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	c.pool = newPool()
	c.snaps = nil
	c.clock = clock{}
	clear(c.impersonated)
	return nil
}
