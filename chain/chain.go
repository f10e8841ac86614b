// Package chain is a development blockchain: a genesis, blocks built by the
// transition package and linked by parent hash, their receipts and indexes,
// the state of every block (archive), a transaction pool, and the controls
// test frameworks need (mining on demand, snapshots, time travel, state
// edits). It keeps everything in a Pebble store, on disk or in memory. It
// holds no JSON-RPC and no consensus rules: the rpc package translates
// requests into calls here, and transition decides what a block does.
//
// A Chain is safe for concurrent use: reads share a lock, and every write
// (mining, reverting, editing state) holds it alone.
package chain

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/cockroachdb/pebble"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// Sentinel errors for callers that need errors.Is.
var (
	ErrUnknownBlock  = errors.New("unknown block")
	ErrConfigChanged = errors.New("the data directory holds a chain with another configuration")
)

// Chain is a running development chain.
type Chain struct {
	mu    sync.RWMutex
	cfg   Config
	tcfg  *transition.ChainConfig
	store *store
	tries *stateTries
	fork  *forkBase // nil unless the chain forks a remote one (fork.go)

	head      *types.Block
	headNum   uint64
	pendingCh []byte  // change list of the pending block: dev edits made since head
	devOps    []devOp // those edits, to replay after reverting to a snapshot

	pool   *pool
	clock  clock
	snaps  []snapshot
	events *feed

	impersonated map[types.Address]bool
	automine     bool
	inMemory     bool
	stopInterval chan struct{}
}

// New opens the chain in dir (created with a genesis from cfg if empty), or
// an in-memory chain when dir is "". A data directory remembers its chain:
// reopening it with a different chain id or fork is refused.
func New(cfg Config, dir string) (*Chain, error) {
	s, err := openStore(dir)
	if err != nil {
		return nil, err
	}
	var base *forkBase
	var forkHeader *types.Header
	if cfg.Remote != nil {
		if base, forkHeader, err = prepareFork(s, dir == "", &cfg); err != nil {
			s.close()
			return nil, err
		}
	} else if err = refuseFork(s); err != nil {
		s.close()
		return nil, err
	}
	c := &Chain{
		fork:         base,
		cfg:          cfg,
		tcfg:         &transition.ChainConfig{ChainID: cfg.ChainID, Base: cfg.Fork, Later: cfg.Schedule, DAOForkBlock: cfg.DAOForkBlock},
		store:        s,
		tries:        newStateTries(),
		pool:         newPool(),
		events:       newFeed(),
		impersonated: map[types.Address]bool{},
		automine:     true,
		inMemory:     dir == "",
	}
	head, err := s.get(keyHead)
	if err == nil && forkHeader != nil {
		err = c.writeForkBase(forkHeader)
	} else if err == nil && head == nil {
		err = c.writeGenesis()
	} else if err == nil {
		err = c.reopen(binary.BigEndian.Uint64(head))
	}
	if err != nil {
		c.closeFork()
		s.close()
		return nil, err
	}
	return c, nil
}

// Close flushes and closes the store.
func (c *Chain) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events.close()
	c.closeFork()
	return c.store.close()
}

// Config returns the chain's configuration.
func (c *Chain) Config() Config { return c.cfg }

// Head returns the newest block.
func (c *Chain) Head() *types.Block {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.head
}

// BlockByNumber returns the canonical block n, or ErrUnknownBlock.
func (c *Chain) BlockByNumber(n uint64) (*types.Block, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.blockByNumber(n)
}

func (c *Chain) blockByNumber(n uint64) (*types.Block, error) {
	if n > c.headNum {
		return nil, fmt.Errorf("%w: number %d (head is %d)", ErrUnknownBlock, n, c.headNum)
	}
	if n == c.headNum {
		return c.head, nil
	}
	h, err := c.store.get(u64Key(prefixNumber, n))
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, fmt.Errorf("%w: number %d", ErrUnknownBlock, n)
	}
	return c.blockByHash(types.BytesToHash(h))
}

// BlockByHash returns the canonical block with hash h, or ErrUnknownBlock.
func (c *Chain) BlockByHash(h types.Hash) (*types.Block, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.blockByHash(h)
}

func (c *Chain) blockByHash(h types.Hash) (*types.Block, error) {
	raw, err := c.store.get(hashKey(prefixBlock, h))
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, fmt.Errorf("%w: hash %s", ErrUnknownBlock, h)
	}
	b, err := types.DecodeBlockRLP(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: block %s: %w", ErrStore, h, err)
	}
	return b, nil
}

// Receipts returns the receipts of the block with hash h.
func (c *Chain) Receipts(h types.Hash) ([]*Receipt, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.receipts(h)
}

// TxLocation finds a mined transaction: its block number and index.
func (c *Chain) TxLocation(txHash types.Hash) (block uint64, index int, ok bool, err error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, err := c.store.get(hashKey(prefixTxIndex, txHash))
	if err != nil || len(v) != 12 {
		return 0, 0, false, err
	}
	return binary.BigEndian.Uint64(v), int(binary.BigEndian.Uint32(v[8:])), true, nil
}

// State returns a private, journaled view of the state after block n; n =
// head+1 is the pending state: the head's plus dev edits made since. The
// caller may change it freely: nothing it does reaches the chain.
func (c *Chain) State(n uint64) *state.Memory {
	return state.NewWithDatabase(c.stateDB(n))
}

// ReadLatest runs fn on a private state over the newest state (the head's
// plus dev edits since), read from the in-memory tries under the chain's
// read lock, held until fn returns (a fork's from its history view,
// without the lock: see fork_prefetch.go). fn must not call back into the
// chain.
func (c *Chain) ReadLatest(fn func(st *state.Memory, head *types.Block) error) error {
	c.mu.RLock()
	if c.fork != nil {
		// A fork's newest state is the history's and the remote's (what
		// trieDB reads on a fork too): read without the lock, which a
		// hung remote would hold for minutes (fork_prefetch.go).
		db, head := c.stateDB(c.headNum+1), c.head
		c.mu.RUnlock()
		return fn(state.NewWithDatabase(db), head)
	}
	defer c.mu.RUnlock()
	return fn(state.NewWithDatabase(trieDB{c}), c.head)
}

// PendingNumber is the number of the block that will be mined next.
func (c *Chain) PendingNumber() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.headNum + 1
}

// GetHashFn answers BLOCKHASH for a block built on top of the head.
func (c *Chain) GetHashFn() func(uint64) types.Hash {
	return func(n uint64) types.Hash {
		if h, ok := c.forkHash(n); ok {
			return h
		}
		h, err := c.store.get(u64Key(prefixNumber, n))
		if err != nil || h == nil {
			return types.Hash{}
		}
		return types.BytesToHash(h)
	}
}

// TransitionConfig is the transition package's view of the chain. Its
// blob parameters are the forks' own; BlobParamsAt has the chain's.
func (c *Chain) TransitionConfig() *transition.ChainConfig { return c.tcfg }

// TransitionConfigAt is the transition package's view of the chain for the
// block with this number and timestamp, blob schedule included.
func (c *Chain) TransitionConfigAt(number, time uint64) *transition.ChainConfig {
	return c.tcfgAt(number, time)
}

// tcfgAt is the transition package's view of the chain for one block: the
// shared one, unless the chain's blob schedule replaces the fork's blob
// parameters, which transition.ChainConfig holds one set of.
func (c *Chain) tcfgAt(number, time uint64) *transition.ChainConfig {
	if len(c.cfg.BlobSchedule) == 0 {
		return c.tcfg
	}
	tc := *c.tcfg
	tc.Blobs = c.cfg.BlobParamsAt(number, time)
	return &tc
}

// ForkAt is the fork in force for a block with this number and timestamp.
func (c *Chain) ForkAt(number, time uint64) fork.Fork { return c.cfg.ForkAt(number, time) }

// BlobParamsAt is the blob schedule in force for a block with this number
// and timestamp.
func (c *Chain) BlobParamsAt(number, time uint64) transition.BlobParams {
	return c.cfg.BlobParamsAt(number, time)
}

// PendingFork is the fork of the block that will be mined next, if it were
// mined now: what admission checks and calls on the pending state use.
func (c *Chain) PendingFork() fork.Fork {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, t := c.pendingNumTime()
	return c.cfg.ForkAt(n, t)
}

// PendingBlobParams is the blob schedule of the block that will be mined
// next, if it were mined now.
func (c *Chain) PendingBlobParams() transition.BlobParams {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, t := c.pendingNumTime()
	return c.cfg.BlobParamsAt(n, t)
}

// pendingNumTime is the next block's number and the timestamp it would get
// now. The caller holds c.mu.
func (c *Chain) pendingNumTime() (uint64, uint64) {
	return c.headNum + 1, c.clock.peek(c.head.Header.Time)
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s[2:])
	if err != nil {
		panic(err)
	}
	return b
}

// writeOpts: on disk every block's batch is synced before the block is
// announced, so a killed process (or machine) loses at most the block being
// mined; in memory there is nothing to sync.
func (c *Chain) writeOpts() *pebble.WriteOptions {
	if c.inMemory {
		return pebble.NoSync
	}
	return pebble.Sync
}

// now is the wall clock in seconds, replaceable in tests.
var now = func() uint64 { return uint64(time.Now().Unix()) }
