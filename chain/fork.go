package chain

// A forked chain (goevm node --fork-url, anvil's --fork-url) starts from
// another node's state at block N. Locally it holds block N's header (so
// block N+1's parentHash is the remote's hash of N), and from there on the
// same history as any chain; what it has no history for, an account or a
// slot nobody touched here, is the remote's at N, fetched over JSON-RPC the
// first time it is read and kept in the store under prefixFork (see
// rpcdb.Cached), so a restarted node with the same data directory does not
// fetch it again. The remote's history at and below N (blocks,
// transactions, receipts, logs; block N's transactions too, as the chain
// holds only its header) is served from the remote as well: see
// fork_history.go.
//
// State roots: the chain cannot compute the remote's trie without
// fetching all of it. Block N keeps the remote's root; the roots of local
// blocks are those of the tries over the state touched locally (what the
// history holds), as anvil's forks do not verify roots either. They are
// deterministic for the same transactions, but no other client computes
// them. For the same reason eth_getProof is refused on a forked chain
// (ErrForkProof): a proof against such a root proves nothing.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/types"
)

// RemoteFork says which chain to fork: Config.Remote.
type RemoteFork struct {
	// URL is the remote node's JSON-RPC endpoint. A data directory that
	// holds a fork already is reopened with whatever URL is given: any
	// node of the same chain serves the same state at the fork block.
	URL string
	// Block is the block to fork at; nil means the remote's latest when
	// the chain is created (a data directory keeps the block it forked).
	Block *uint64
	// Timeout bounds each request to the remote (zero: rpcdb's default);
	// Retries is how many times a request that failed in transit is sent
	// again.
	Timeout time.Duration
	Retries int
}

// Errors of forked chains, for errors.Is.
var (
	// ErrFork wraps failures to set up a fork from its remote.
	ErrFork = errors.New("fork")
	// ErrForkProof is eth_getProof's answer on a forked chain: its local
	// state roots cover only the state touched locally.
	ErrForkProof = errors.New("no state proofs on a forked chain: its state roots cover only the state changed locally, not the remote's")
)

const prefixFork = 'F' // F blockHash(32) + rpcdb.Cached's key -> the remote's state at that block

var keyFork = []byte("meta:fork") // -> forkMeta (JSON)

// forkMeta is what a data directory remembers of its fork.
type forkMeta struct {
	URL      string     `json:"url"`
	Number   uint64     `json:"number"`
	Hash     types.Hash `json:"hash"`
	ChainID  uint64     `json:"chainId"`
	GasLimit uint64     `json:"gasLimit"`
}

// forkBase is a forked chain's link to its remote.
type forkBase struct {
	number uint64
	hash   types.Hash
	remote *rpcdb.Cached
	// history serves the remote's blocks at and below number (see
	// fork_history.go); it shares remote's client, cache store and guard.
	history *rpcdb.History
	cancel  context.CancelFunc // ends the remote's requests when the chain closes
	meta    forkMeta           // written when the fork is created
}

// Forked reports whether the chain is a fork, and of which block.
func (c *Chain) Forked() (number uint64, hash types.Hash, ok bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.fork == nil {
		return 0, types.Hash{}, false
	}
	return c.fork.number, c.fork.hash, true
}

// RemoteReads is the number of requests a forked chain has made to its
// remote for state (zero for any other chain).
func (c *Chain) RemoteReads() int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.fork == nil {
		return 0
	}
	return c.fork.remote.Reads()
}

// prepareFork reads a fork's set-up: from the data directory if it holds
// the fork already (without asking the remote anything), else from the
// remote: its chain id and the header of the block forked. It fills the
// configuration's chain id and gas limit where they are zero. header is
// nil when the store had the fork.
func prepareFork(s *store, inMemory bool, cfg *Config) (base *forkBase, header *types.Header, err error) {
	r := cfg.Remote
	client := rpcdb.DialOptions(r.URL, rpcdb.Options{Timeout: r.Timeout, Retries: r.Retries})
	raw, err := s.get(keyFork)
	if err != nil {
		return nil, nil, err
	}
	var meta forkMeta
	if raw != nil {
		if err := json.Unmarshal(raw, &meta); err != nil {
			return nil, nil, fmt.Errorf("%w: fork: %w", ErrStore, err)
		}
		if r.Block != nil && *r.Block != meta.Number {
			return nil, nil, fmt.Errorf("%w: it forked %s at block %d, asked for block %d", ErrConfigChanged, meta.URL, meta.Number, *r.Block)
		}
	} else {
		head, err := s.get(keyHead)
		if err != nil {
			return nil, nil, err
		}
		if head != nil {
			return nil, nil, fmt.Errorf("%w: it holds a chain that is not a fork", ErrConfigChanged)
		}
		if header, meta, err = fetchForkBase(context.Background(), client, r.Block); err != nil {
			return nil, nil, fmt.Errorf("%w: %s: %w", ErrFork, r.URL, err)
		}
	}
	if cfg.ChainID == 0 {
		cfg.ChainID = meta.ChainID
	}
	if cfg.GasLimit == 0 {
		cfg.GasLimit = meta.GasLimit
	}
	meta.ChainID, meta.GasLimit = cfg.ChainID, cfg.GasLimit
	base = newForkBase(s, inMemory, client, meta)
	if header == nil {
		// Reopened, perhaps with another URL: before asking it for state
		// (and only then), check that it has the fork block.
		base.remote.Guard(func(ctx context.Context, c *rpcdb.Client) error {
			h, err := c.Header(ctx, "0x"+strconv.FormatUint(meta.Number, 16))
			if err != nil {
				return fmt.Errorf("%w: checking %s serves the forked chain: %w", ErrFork, c.URL(), err)
			}
			if h.Hash() != meta.Hash {
				return fmt.Errorf("%w: %w: %s's block %d is %s, the fork was made from %s (another chain?)",
					ErrFork, ErrConfigChanged, c.URL(), meta.Number, h.Hash(), meta.Hash)
			}
			return nil
		})
	}
	return base, header, nil
}

// newForkBase links a chain to its remote's state at the fork block.
func newForkBase(s *store, inMemory bool, client *rpcdb.Client, meta forkMeta) *forkBase {
	ctx, cancel := context.WithCancel(context.Background())
	var cache rpcdb.Store
	if !inMemory { // in memory, the Cached's own maps are the cache
		cache = forkCache{s, meta.Hash}
	}
	remote := rpcdb.NewCached(ctx, client, meta.Number, cache)
	return &forkBase{number: meta.Number, hash: meta.Hash, cancel: cancel, meta: meta,
		remote: remote, history: remote.NewHistory()}
}

// fetchForkBase asks the remote for its chain id and the header of the
// block to fork (its latest if block is nil).
func fetchForkBase(ctx context.Context, client *rpcdb.Client, block *uint64) (*types.Header, forkMeta, error) {
	var chainID types.Uint64
	found, err := client.Call(ctx, &chainID, "eth_chainId")
	if err == nil && !found {
		err = fmt.Errorf("eth_chainId: %w: null", rpcdb.ErrBadAnswer)
	}
	if err != nil {
		return nil, forkMeta{}, err
	}
	tag := "latest"
	if block != nil {
		tag = "0x" + strconv.FormatUint(*block, 16)
	}
	h, err := client.Header(ctx, tag)
	if err != nil {
		return nil, forkMeta{}, err
	}
	if block != nil && h.Number != *block {
		return nil, forkMeta{}, fmt.Errorf("eth_getBlockByNumber %s: %w: answered block %d", tag, rpcdb.ErrBadAnswer, h.Number)
	}
	return h, forkMeta{URL: client.URL(), Number: h.Number, Hash: h.Hash(), ChainID: uint64(chainID), GasLimit: h.GasLimit}, nil
}

// writeForkBase starts a fork: the remote's header of block N as the head,
// the configured allocation applied over the remote's state at N (as
// anvil funds its dev accounts on a fork: balances set, nonces and code
// kept unless the allocation gives them).
func (c *Chain) writeForkBase(h *types.Header) error {
	if err := prefetchAlloc(c.fork, c.cfg.Alloc); err != nil {
		return err
	}
	mem := state.NewWithDatabase(forkDB{local: historyDB{s: c.store, block: h.Number}, remote: c.fork.remote})
	mem.BeginTx()
	for addr, a := range c.cfg.Alloc {
		mem.SetBalance(addr, &a.Balance)
		if a.Nonce != 0 {
			mem.SetNonce(addr, a.Nonce)
		}
		if len(a.Code) > 0 {
			mem.SetCode(addr, a.Code)
		}
		for k, v := range a.Storage {
			mem.SetState(addr, k, v)
		}
	}
	mem.Commit()
	if err := mem.Err(); err != nil {
		return fmt.Errorf("%w: funding the allocation: %w", ErrFork, err)
	}
	b := c.store.db.NewBatch()
	defer b.Close()
	if _, err := c.writeChanges(b, h.Number, mem.Changes(), nil); err != nil {
		return err
	}
	blk := &types.Block{Header: h, Transactions: [][]byte{}, Ommers: []*types.Header{}}
	if h.WithdrawalsRoot != nil {
		blk.Withdrawals = []*types.Withdrawal{}
	}
	cfgJSON, _ := json.Marshal(storedConfig{ChainID: c.cfg.ChainID, Fork: c.cfg.Fork.String(), Schedule: c.cfg.scheduleString()})
	metaJSON, _ := json.Marshal(c.fork.meta)
	if err := b.Set(keyConfig, cfgJSON, nil); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := b.Set(keyFork, metaJSON, nil); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := c.writeBlock(b, blk, nil, nil); err != nil {
		return err
	}
	if err := b.Commit(c.writeOpts()); err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	c.head, c.headNum = blk, h.Number
	return nil
}

// prefetchAlloc reads the allocated accounts from the remote in one batch
// rather than one request each.
func prefetchAlloc(base *forkBase, alloc map[types.Address]GenesisAccount) error {
	addrs := make([]types.Address, 0, len(alloc))
	for addr := range alloc {
		addrs = append(addrs, addr)
	}
	if err := base.remote.PrefetchAccounts(addrs); err != nil {
		return fmt.Errorf("%w: %w", ErrFork, err)
	}
	return nil
}

// stateDB is the state after block n as state.Memory reads it: the
// history, and on a fork the remote beneath it. c.fork changes only under
// the write lock (New, and resetFork); State calls this without the lock,
// so a State taken while anvil_reset forks races with it, as its reads of
// the store race with the reset's deletions.
func (c *Chain) stateDB(n uint64) state.Database {
	if c.fork == nil {
		return historyDB{s: c.store, block: n}
	}
	return forkDB{local: historyDB{s: c.store, block: n}, remote: c.fork.remote}
}

// forkHash is BLOCKHASH's answer for a block below the fork: the remote's.
func (c *Chain) forkHash(n uint64) (types.Hash, bool) {
	if c.fork == nil || n >= c.fork.number {
		return types.Hash{}, false
	}
	h, err := c.fork.remote.BlockHash(n)
	return h, err == nil
}

// refuseFork refuses a data directory holding a fork when the chain asked
// for is not one: without its remote, untouched state would read as empty.
func refuseFork(s *store) error {
	raw, err := s.get(keyFork)
	if err != nil || raw == nil {
		return err
	}
	var meta forkMeta
	_ = json.Unmarshal(raw, &meta)
	return fmt.Errorf("%w: it holds a fork of %s at block %d; open it with that remote (--fork-url)", ErrConfigChanged, meta.URL, meta.Number)
}

func (c *Chain) closeFork() {
	if c.fork != nil {
		c.fork.cancel()
	}
}

// FirstBlock is the oldest block the chain holds: the fork block on a
// fork (the RPC layer serves the remote's earlier blocks from
// RemoteHistory), else the genesis.
func (c *Chain) FirstBlock() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.fork == nil {
		return 0
	}
	return c.fork.number
}
