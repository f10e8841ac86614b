package chain

import (
	"fmt"

	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/types"
)

// A forked chain holds no blocks below the fork block, and its copy of the
// fork block is the remote's header without transactions or receipts.
// That history is the remote's: RemoteHistory hands it to the RPC layer,
// which asks it for blocks, transactions, receipts and logs at or below
// the fork block and passes the remote's JSON on (anvil answers the same
// way). The chain keeps no JSON of its own: rpcdb.History fetches, checks
// and caches the answers (in memory, and in the store under the fork
// block's hash like the remote's state), and its requests take no chain
// lock, so a slow remote holds up only the request waiting for it.

// RemoteHistory is a forked chain's view of its remote's history at and
// below the fork block; nil on any other chain. anvil_reset onto another
// fork replaces it; one taken before keeps serving the old fork until the
// chain closes.
func (c *Chain) RemoteHistory() *rpcdb.History {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.fork == nil {
		return nil
	}
	return c.fork.history
}

// ForkIDErr reports why ForkID cannot be computed: on a fork, the remote
// not answering for its genesis block (asked once, then cached). nil on a
// chain that holds its genesis.
func (c *Chain) ForkIDErr() error {
	_, _, err := c.idGenesis()
	return err
}

// idGenesis is the genesis block EIP-2124's fork id starts from: the
// chain's block 0, or on a fork of a later block the remote's. The fork
// schedule counted on top is the chain's configuration: the remote's fork
// id only if the node was configured with the remote's schedule (a fork
// of mainnet with the default dev schedule, every fork at genesis, reports
// CRC32 of mainnet's genesis hash alone).
func (c *Chain) idGenesis() (types.Hash, uint64, error) {
	c.mu.RLock()
	genesis, err := c.blockByNumber(0)
	base := c.fork
	c.mu.RUnlock()
	if err == nil {
		return genesis.Hash(), genesis.Header.Time, nil
	}
	if base == nil {
		return types.Hash{}, 0, err
	}
	h, t, err := base.history.Genesis() // outside the lock: a request to the remote
	if err != nil {
		return types.Hash{}, 0, fmt.Errorf("%w: fork id: %w", ErrFork, err)
	}
	return h, t, nil
}
