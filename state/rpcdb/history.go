package rpcdb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/goevm/goevm/types"
)

// History serves a remote chain's history at and below block Number (a
// forked chain's blocks it has no copy of) as the remote's own JSON:
// blocks, transactions, receipts and logs. Each answer is checked to have
// the shape asked for (an object naming the block or transaction asked
// about, an array of logs) and to lie at or below Number, then kept: in
// memory up to a bound, and in a Store if given, so the same request is
// made once. Answers are raw JSON because the caller (the RPC layer)
// passes them on unchanged; nothing here decodes more than it checks.
// Answers about something after Number, or unknown to the remote, are nil
// and not kept (the remote may learn of a transaction later). It is safe
// for concurrent use.
type History struct {
	c      *Client
	ctx    context.Context
	number uint64
	store  Store
	guard  func() error // the Cached's check that the remote serves the fork; nil: none

	mu       sync.Mutex
	mem      map[string]json.RawMessage
	memBytes int
	requests atomic.Int64
}

// maxHistoryBytes bounds the answers History keeps in memory; past it,
// they are kept only in the Store.
const maxHistoryBytes = 64 << 20

// NewHistory returns the history of c's chain up to block number; ctx
// bounds every request, store (nil: memory only) keeps the answers.
func NewHistory(ctx context.Context, c *Client, number uint64, store Store) *History {
	return &History{c: c, ctx: ctx, number: number, store: store, mem: map[string]json.RawMessage{}}
}

// NewHistory returns the history of d's remote up to d's block, kept in
// d's Store and checked by d's Guard before its first request, as d's
// state reads are.
func (d *Cached) NewHistory() *History {
	h := NewHistory(d.ctx, d.c, d.number, d.store)
	h.guard = d.checkGuard
	return h
}

// Number is the newest block served.
func (h *History) Number() uint64 { return h.number }

// URL is the remote's address.
func (h *History) URL() string { return h.c.url }

// Reads is the number of requests made so far; zero when every answer
// came from the cache.
func (h *History) Reads() int64 { return h.requests.Load() }

// Quantity is n as a JSON-RPC quantity ("0x1f"), the form block numbers
// take as parameters.
func Quantity(n uint64) string { return "0x" + strconv.FormatUint(n, 16) }

// BlockByNumber is eth_getBlockByNumber(n, full) of a block at or below
// Number.
func (h *History) BlockByNumber(n uint64, full bool) (json.RawMessage, error) {
	if n > h.number {
		return nil, fmt.Errorf("block %d: %w: after the fork block %d", n, ErrNotHistory, h.number)
	}
	return h.get(func(raw json.RawMessage) (bool, error) {
		b, err := checkBlock(raw, full)
		if err == nil && b.number != n {
			err = fmt.Errorf("block %d asked, block %d answered", n, b.number)
		}
		return true, err
	}, "eth_getBlockByNumber", Quantity(n), full)
}

// BlockByHash is eth_getBlockByHash(hash, full); nil if the remote has no
// such block at or below Number.
func (h *History) BlockByHash(hash types.Hash, full bool) (json.RawMessage, error) {
	return h.get(func(raw json.RawMessage) (bool, error) {
		b, err := checkBlock(raw, full)
		if err == nil && b.hash != hash {
			err = fmt.Errorf("block %s asked, block %s answered", hash, b.hash)
		}
		return b.number <= h.number, err
	}, "eth_getBlockByHash", hash, full)
}

// Transaction is eth_getTransactionByHash; nil unless the remote mined it
// at or below Number.
func (h *History) Transaction(hash types.Hash) (json.RawMessage, error) {
	return h.get(func(raw json.RawMessage) (bool, error) {
		return h.checkTxAnswer(raw, "hash", hash)
	}, "eth_getTransactionByHash", hash)
}

// Receipt is eth_getTransactionReceipt; nil unless the remote mined the
// transaction at or below Number.
func (h *History) Receipt(hash types.Hash) (json.RawMessage, error) {
	return h.get(func(raw json.RawMessage) (bool, error) {
		return h.checkTxAnswer(raw, "transactionHash", hash)
	}, "eth_getTransactionReceipt", hash)
}

// BlockReceipts is eth_getBlockReceipts of block n at or below Number.
func (h *History) BlockReceipts(n uint64) (json.RawMessage, error) {
	if n > h.number {
		return nil, fmt.Errorf("receipts of block %d: %w: after the fork block %d", n, ErrNotHistory, h.number)
	}
	return h.get(func(raw json.RawMessage) (bool, error) {
		return true, checkEach(raw, func(at uint64) error {
			if at != n {
				return fmt.Errorf("receipts of block %d asked, one of block %d answered", n, at)
			}
			return nil
		})
	}, "eth_getBlockReceipts", Quantity(n))
}

// TransactionByIndex is eth_getTransactionByBlockNumberAndIndex of block
// n at or below Number; nil past the block's last transaction.
func (h *History) TransactionByIndex(n, index uint64) (json.RawMessage, error) {
	if n > h.number {
		return nil, fmt.Errorf("block %d: %w: after the fork block %d", n, ErrNotHistory, h.number)
	}
	return h.get(func(raw json.RawMessage) (bool, error) {
		var tx struct {
			BlockNumber *types.Uint64 `json:"blockNumber"`
			Hash        *types.Hash   `json:"hash"`
		}
		if err := json.Unmarshal(raw, &tx); err != nil {
			return false, fmt.Errorf("want a transaction object: %w", err)
		}
		if tx.Hash == nil || tx.BlockNumber == nil || uint64(*tx.BlockNumber) != n {
			return false, fmt.Errorf("want a transaction with a hash, of block %d", n)
		}
		return true, nil
	}, "eth_getTransactionByBlockNumberAndIndex", Quantity(n), Quantity(index))
}

// BlockReceiptsByHash is eth_getBlockReceipts of the block with this
// hash; nil if the remote has no such block at or below Number.
func (h *History) BlockReceiptsByHash(hash types.Hash) (json.RawMessage, error) {
	n, ok, err := h.BlockNumberOf(hash)
	if !ok || err != nil {
		return nil, err
	}
	return h.BlockReceipts(n)
}

// BlockNumberOf is the number of the remote's block with this hash; ok
// false if it has none at or below Number.
func (h *History) BlockNumberOf(hash types.Hash) (n uint64, ok bool, err error) {
	raw, err := h.BlockByHash(hash, false)
	if raw == nil || err != nil {
		return 0, false, err
	}
	b, err := checkBlock(raw, false) // checked when fetched: cannot fail
	return b.number, err == nil, err
}

// Logs is eth_getLogs with filter (fromBlock and toBlock at or below
// Number, or a blockHash, and the address and topics as the caller was
// given them): an array of logs, each at or below Number.
func (h *History) Logs(filter map[string]any) (json.RawMessage, error) {
	raw, err := h.get(func(raw json.RawMessage) (bool, error) {
		return true, checkEach(raw, func(at uint64) error {
			if at > h.number {
				return fmt.Errorf("a log of block %d, after the fork block %d", at, h.number)
			}
			return nil
		})
	}, "eth_getLogs", filter)
	if err == nil && raw == nil {
		err = fmt.Errorf("eth_getLogs of %s: %w: null, want an array", h.c.url, ErrBadAnswer)
	}
	return raw, err
}

// Genesis returns the hash and time of the remote's block 0 (a fork's
// EIP-2124 fork id starts from it), fetched once.
func (h *History) Genesis() (types.Hash, uint64, error) {
	raw, err := h.BlockByNumber(0, false)
	if err == nil && raw == nil {
		err = fmt.Errorf("genesis block of %s: %w: null", h.c.url, ErrBadAnswer)
	}
	if err != nil {
		return types.Hash{}, 0, err
	}
	var g struct {
		Hash      types.Hash   `json:"hash"`
		Timestamp types.Uint64 `json:"timestamp"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return types.Hash{}, 0, fmt.Errorf("genesis block of %s: %w: %w", h.c.url, ErrBadAnswer, err)
	}
	return g.Hash, uint64(g.Timestamp), nil
}

// get answers method(params) from the cache or the remote. check says
// whether a non-null answer has the right shape (an error otherwise) and
// belongs to the history (keep; otherwise the answer is nil, and not
// kept). A null answer is nil and not kept either.
func (h *History) get(check func(json.RawMessage) (keep bool, err error), method string, params ...any) (json.RawMessage, error) {
	p, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	key := "j" + method + "\x00" + string(p)
	h.mu.Lock()
	raw, ok := h.mem[key]
	h.mu.Unlock()
	if ok {
		return raw, nil
	}
	if h.store != nil {
		v, found, err := h.store.Get([]byte(key))
		if err != nil {
			return nil, fmt.Errorf("rpcdb cache: %s: %w", method, err)
		}
		if found {
			h.keep(key, v)
			return v, nil
		}
	}
	if h.guard != nil {
		if err := h.guard(); err != nil {
			return nil, err
		}
	}
	h.requests.Add(1)
	found, err := h.c.Call(h.ctx, &raw, method, params...)
	if err != nil {
		return nil, fmt.Errorf("%s of %s: %w", method, h.c.url, err)
	}
	if !found {
		return nil, nil
	}
	keep, err := check(raw)
	if err != nil {
		return nil, fmt.Errorf("%s%s of %s: %w: %w (answered %s)", method, p, h.c.url, ErrBadAnswer, err, excerpt(raw))
	}
	if !keep {
		return nil, nil
	}
	h.keep(key, raw)
	if h.store != nil {
		if err := h.store.Put([]byte(key), raw); err != nil {
			return nil, fmt.Errorf("rpcdb cache: %s: %w", method, err)
		}
	}
	return raw, nil
}

func (h *History) keep(key string, raw json.RawMessage) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.memBytes+len(raw) <= maxHistoryBytes {
		h.memBytes += len(raw)
		h.mem[key] = raw
	}
}

// ErrNotHistory: a block after the fork block asked of History.
var ErrNotHistory = fmt.Errorf("not in the remote's history")

// blockAnswer is what checkBlock reads of a block.
type blockAnswer struct {
	number uint64
	hash   types.Hash
}

// checkBlock checks a block object: its number and hash, and its
// transactions as hashes (full false) or objects with a hash.
func checkBlock(raw json.RawMessage, full bool) (blockAnswer, error) {
	var b struct {
		Number       *types.Uint64     `json:"number"`
		Hash         *types.Hash       `json:"hash"`
		Transactions []json.RawMessage `json:"transactions"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return blockAnswer{}, fmt.Errorf("want a block object: %w", err)
	}
	if b.Number == nil || b.Hash == nil || b.Transactions == nil {
		return blockAnswer{}, fmt.Errorf("want a block with number, hash and transactions")
	}
	for i, tx := range b.Transactions {
		var err error
		if full {
			var t struct {
				Hash *types.Hash `json:"hash"`
			}
			if err = json.Unmarshal(tx, &t); err == nil && t.Hash == nil {
				err = fmt.Errorf("no hash")
			}
		} else {
			var t types.Hash
			err = json.Unmarshal(tx, &t)
		}
		if err != nil {
			return blockAnswer{}, fmt.Errorf("transaction %d of the block: %w", i, err)
		}
	}
	return blockAnswer{number: uint64(*b.Number), hash: *b.Hash}, nil
}

// checkTxAnswer checks a transaction or receipt object: its hash field
// names the transaction asked about; it is kept if mined at or below
// Number (a pending transaction has no block number).
func (h *History) checkTxAnswer(raw json.RawMessage, hashField string, want types.Hash) (bool, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return false, fmt.Errorf("want an object: %w", err)
	}
	var got types.Hash
	if err := json.Unmarshal(obj[hashField], &got); err != nil || got != want {
		return false, fmt.Errorf("want %s %s", hashField, want)
	}
	n := obj["blockNumber"]
	if len(n) == 0 || string(n) == "null" {
		return false, nil // pending on the remote: not in the fork's history
	}
	var at types.Uint64
	if err := json.Unmarshal(n, &at); err != nil {
		return false, fmt.Errorf("blockNumber: %w", err)
	}
	return uint64(at) <= h.number, nil
}

// checkEach checks an array of objects (receipts, logs) each with a
// blockNumber, passed to ok.
func checkEach(raw json.RawMessage, ok func(uint64) error) error {
	var items []struct {
		BlockNumber *types.Uint64 `json:"blockNumber"`
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return fmt.Errorf("want an array of objects: %w", err)
	}
	for i, it := range items {
		if it.BlockNumber == nil {
			return fmt.Errorf("item %d has no blockNumber", i)
		}
		if err := ok(uint64(*it.BlockNumber)); err != nil {
			return err
		}
	}
	return nil
}
