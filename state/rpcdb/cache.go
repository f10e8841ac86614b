package rpcdb

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Store is a persistent key-value store a Cached writes what it fetched
// to, so another process with the same store does not fetch it again. Its
// values are immutable: the state of one block of a remote chain never
// changes. Get reports found false for a key never put.
type Store interface {
	Get(key []byte) (value []byte, found bool, err error)
	Put(key, value []byte) error
}

// Cached is a state.Database reading the state after block Number from a
// node, keeping every answer: in memory, and in a Store if given. An
// account costs one HTTP request (eth_getProof and eth_getCode in a batch;
// a node without eth_getProof is asked for eth_getBalance,
// eth_getTransactionCount and eth_getCode instead), a slot one
// (eth_getStorageAt). With eth_getProof the account's storage root is
// known, so state.Memory never asks for a slot of an account without
// storage. It is safe for concurrent use.
type Cached struct {
	c      *Client
	ctx    context.Context
	number uint64
	block  string // number as a quantity
	store  Store

	mu       sync.Mutex
	accounts map[types.Address]*types.Account // nil: no account
	slots    map[slotKey]types.Hash
	code     map[types.Hash][]byte
	hashes   map[uint64]types.Hash
	entries  int

	noProof  atomic.Bool // the node refused eth_getProof once: stop asking
	requests atomic.Int64

	guardMu sync.Mutex
	guard   func(context.Context, *Client) error // nil once passed
}

type slotKey struct {
	addr types.Address
	slot types.Hash
}

// maxMemoryEntries bounds the in-memory cache; past it, answers are kept
// only in the Store (and, without one, fetched again when asked again).
const maxMemoryEntries = 1 << 20

// NewCached returns a Database over c reading the state after block number,
// writing what it fetches to store (nil: memory only). ctx bounds every
// request it makes; each attempt is bounded by the client's timeout.
func NewCached(ctx context.Context, c *Client, number uint64, store Store) *Cached {
	return &Cached{
		c: c, ctx: ctx, number: number, block: "0x" + strconv.FormatUint(number, 16), store: store,
		accounts: map[types.Address]*types.Account{}, slots: map[slotKey]types.Hash{},
		code: map[types.Hash][]byte{}, hashes: map[uint64]types.Hash{},
	}
}

// Number is the block whose state is read.
func (d *Cached) Number() uint64 { return d.number }

// Client is the node's client.
func (d *Cached) Client() *Client { return d.c }

// Reads is the number of HTTP requests made so far (a batch is one): zero
// when every answer came from the cache.
func (d *Cached) Reads() int64 { return d.requests.Load() }

// Store keys: a kind byte, then what names the value. The block number is
// part of the key so one Store can hold the state of several blocks.
func (d *Cached) accountKey(addr types.Address) []byte {
	return append(binary.BigEndian.AppendUint64([]byte{'a'}, d.number), addr[:]...)
}

func (d *Cached) slotStoreKey(addr types.Address, slot types.Hash) []byte {
	k := append(binary.BigEndian.AppendUint64([]byte{'s'}, d.number), addr[:]...)
	return append(k, slot[:]...)
}

func codeKey(h types.Hash) []byte { return append([]byte{'c'}, h[:]...) }

func hashKey(n uint64) []byte { return binary.BigEndian.AppendUint64([]byte{'h'}, n) }

// remember puts an answer in memory (within the bound) and the Store.
func (d *Cached) remember(key, value []byte, keep func()) error {
	d.mu.Lock()
	if d.entries < maxMemoryEntries {
		d.entries++
		keep()
	}
	d.mu.Unlock()
	if d.store == nil {
		return nil
	}
	if err := d.store.Put(key, value); err != nil {
		return fmt.Errorf("rpcdb cache: %w", err)
	}
	return nil
}

// Account returns the account at addr in the remote's state, or nil.
func (d *Cached) Account(addr types.Address) (*types.Account, error) {
	d.mu.Lock()
	acc, ok := d.accounts[addr]
	d.mu.Unlock()
	if ok {
		return copyAccount(acc), nil
	}
	key := d.accountKey(addr)
	if d.store != nil {
		v, found, err := d.store.Get(key)
		if err != nil {
			return nil, fmt.Errorf("rpcdb cache: account %s: %w", addr, err)
		}
		if found {
			if len(v) > 0 {
				if acc, err = types.DecodeAccountRLP(v); err != nil {
					return nil, fmt.Errorf("rpcdb cache: account %s: %w", addr, err)
				}
			}
			d.mu.Lock()
			d.accounts[addr] = acc
			d.mu.Unlock()
			return copyAccount(acc), nil
		}
	}
	acc, code, err := d.fetchAccount(addr)
	if err != nil {
		return nil, fmt.Errorf("account %s at block %d of %s: %w", addr, d.number, d.c.url, err)
	}
	if len(code) > 0 {
		if err := d.rememberCode(acc.CodeHash, code); err != nil {
			return nil, err
		}
	}
	var v []byte // an empty value: no account
	if acc != nil {
		v = acc.EncodeRLP()
	}
	if err := d.remember(key, v, func() { d.accounts[addr] = acc }); err != nil {
		return nil, err
	}
	return copyAccount(acc), nil
}

func copyAccount(a *types.Account) *types.Account {
	if a == nil {
		return nil
	}
	c := *a
	return &c
}

// proofAnswer is the part of eth_getProof's answer (EIP-1186) an account
// needs; the proofs themselves are not checked against a root the client
// could not trust any more than the answer.
type proofAnswer struct {
	Balance     *types.U256   `json:"balance"`
	Nonce       *types.Uint64 `json:"nonce"`
	CodeHash    *types.Hash   `json:"codeHash"`
	StorageHash *types.Hash   `json:"storageHash"`
}

// fetchAccount asks the node for the account and its code in one batch.
func (d *Cached) fetchAccount(addr types.Address) (*types.Account, []byte, error) {
	if !d.noProof.Load() {
		var p proofAnswer
		var code types.Bytes
		calls := []BatchElem{
			{Method: "eth_getProof", Params: []any{addr, []string{}, d.block}, Result: &p},
			{Method: "eth_getCode", Params: []any{addr, d.block}, Result: &code},
		}
		if err := d.batch(calls); err != nil {
			return nil, nil, err
		}
		var rpcErr *Error
		switch {
		case errors.As(calls[0].Err, &rpcErr) && (rpcErr.Code == -32601 || rpcErr.Code == -32602):
			// no eth_getProof (method not found, or a node that takes
			// no empty slot list): the three plain reads instead
			d.noProof.Store(true)
		case calls[0].Err != nil:
			return nil, nil, calls[0].Err
		case calls[1].Err != nil:
			return nil, nil, calls[1].Err
		default:
			acc, err := accountFromProof(&p, calls[0].Found, code)
			return acc, code, err
		}
	}
	var bal types.U256
	var nonce types.Uint64
	var code types.Bytes
	calls := []BatchElem{
		{Method: "eth_getBalance", Params: []any{addr, d.block}, Result: &bal},
		{Method: "eth_getTransactionCount", Params: []any{addr, d.block}, Result: &nonce},
		{Method: "eth_getCode", Params: []any{addr, d.block}, Result: &code},
	}
	if err := d.batch(calls); err != nil {
		return nil, nil, err
	}
	for _, c := range calls {
		if c.Err == nil && !c.Found {
			c.Err = fmt.Errorf("%s: %w: null", c.Method, ErrBadAnswer)
		}
		if c.Err != nil {
			return nil, nil, c.Err
		}
	}
	if bal.IsZero() && nonce == 0 && len(code) == 0 {
		return nil, nil, nil
	}
	acc := &types.Account{Nonce: uint64(nonce), Balance: bal.Int, Root: types.EmptyRootHash, CodeHash: types.EmptyCodeHash}
	if len(code) > 0 {
		// without eth_getProof the storage root is unknown: any non-empty
		// value makes state.Memory ask for slots
		acc.CodeHash, acc.Root = crypto.Keccak256(code), nonEmptyRoot
	}
	return acc, code, nil
}

func accountFromProof(p *proofAnswer, found bool, code []byte) (*types.Account, error) {
	if !found || p.Balance == nil || p.Nonce == nil || p.CodeHash == nil || p.StorageHash == nil {
		return nil, fmt.Errorf("eth_getProof: %w: want balance, nonce, codeHash and storageHash", ErrBadAnswer)
	}
	acc := &types.Account{Nonce: uint64(*p.Nonce), Balance: p.Balance.Int, Root: *p.StorageHash, CodeHash: *p.CodeHash}
	if acc.CodeHash == (types.Hash{}) { // older nodes' answer for a missing account
		acc.CodeHash = types.EmptyCodeHash
	}
	if acc.Root == (types.Hash{}) {
		acc.Root = types.EmptyRootHash
	}
	if got := crypto.Keccak256(code); got != acc.CodeHash {
		return nil, fmt.Errorf("eth_getProof: %w: codeHash %s, but eth_getCode's code hashes to %s", ErrBadAnswer, acc.CodeHash, got)
	}
	if acc.Balance.IsZero() && acc.Nonce == 0 && len(code) == 0 && acc.Root == types.EmptyRootHash {
		return nil, nil // EIP-161: empty is missing
	}
	return acc, nil
}

// Guard sets a check run before the first request to the node (and again
// after it fails, until it passes): a forked chain reopened with a URL
// checks that the node serves the same chain. Answers from the cache need
// no request, so no check.
func (d *Cached) Guard(check func(context.Context, *Client) error) {
	d.guardMu.Lock()
	d.guard = check
	d.guardMu.Unlock()
}

func (d *Cached) checkGuard() error {
	d.guardMu.Lock()
	defer d.guardMu.Unlock()
	if d.guard == nil {
		return nil
	}
	d.requests.Add(1)
	if err := d.guard(d.ctx, d.c); err != nil {
		return err
	}
	d.guard = nil
	return nil
}

func (d *Cached) batch(calls []BatchElem) error {
	if err := d.checkGuard(); err != nil {
		return err
	}
	d.requests.Add(1)
	return d.c.BatchCall(d.ctx, calls)
}

func (d *Cached) call(result any, method string, params ...any) error {
	if err := d.checkGuard(); err != nil {
		return err
	}
	d.requests.Add(1)
	found, err := d.c.Call(d.ctx, result, method, params...)
	if err == nil && !found {
		err = fmt.Errorf("%s: %w: null", method, ErrBadAnswer)
	}
	return err
}

func (d *Cached) rememberCode(h types.Hash, code []byte) error {
	return d.remember(codeKey(h), code, func() { d.code[h] = code })
}

// Code returns the code with hash codeHash, fetched with the account
// before or, failing that, now.
func (d *Cached) Code(addr types.Address, codeHash types.Hash) ([]byte, error) {
	d.mu.Lock()
	c, ok := d.code[codeHash]
	d.mu.Unlock()
	if ok {
		return c, nil
	}
	if d.store != nil {
		v, found, err := d.store.Get(codeKey(codeHash))
		if err != nil {
			return nil, fmt.Errorf("rpcdb cache: code %s: %w", codeHash, err)
		}
		if found {
			return v, nil
		}
	}
	var code types.Bytes
	if err := d.call(&code, "eth_getCode", addr, d.block); err != nil {
		return nil, fmt.Errorf("code of %s at block %d of %s: %w", addr, d.number, d.c.url, err)
	}
	if crypto.Keccak256(code) != codeHash {
		return nil, fmt.Errorf("code of %s: %w: %s", addr, ErrCodeUnknown, codeHash)
	}
	return code, d.rememberCode(codeHash, code)
}

// Storage returns a slot's value in the remote's state. An account known
// to have no storage (or no account) answers zero without asking.
func (d *Cached) Storage(addr types.Address, slot types.Hash) (types.Hash, error) {
	k := slotKey{addr, slot}
	d.mu.Lock()
	v, ok := d.slots[k]
	acc, known := d.accounts[addr]
	d.mu.Unlock()
	if ok {
		return v, nil
	}
	if known && (acc == nil || acc.Root == types.EmptyRootHash) {
		return types.Hash{}, nil
	}
	key := d.slotStoreKey(addr, slot)
	if d.store != nil {
		raw, found, err := d.store.Get(key)
		if err != nil {
			return types.Hash{}, fmt.Errorf("rpcdb cache: slot %s of %s: %w", slot, addr, err)
		}
		if found && len(raw) == 32 {
			v = types.BytesToHash(raw)
			d.mu.Lock()
			d.slots[k] = v
			d.mu.Unlock()
			return v, nil
		}
	}
	if err := d.call(&v, "eth_getStorageAt", addr, slot, d.block); err != nil {
		return types.Hash{}, fmt.Errorf("slot %s of %s at block %d of %s: %w", slot, addr, d.number, d.c.url, err)
	}
	return v, d.remember(key, v[:], func() { d.slots[k] = v })
}

// BlockHash returns the hash of remote block n (for BLOCKHASH in blocks
// built on the fork), fetched once.
func (d *Cached) BlockHash(n uint64) (types.Hash, error) {
	d.mu.Lock()
	h, ok := d.hashes[n]
	d.mu.Unlock()
	if ok {
		return h, nil
	}
	if d.store != nil {
		raw, found, err := d.store.Get(hashKey(n))
		if err != nil {
			return types.Hash{}, fmt.Errorf("rpcdb cache: hash of block %d: %w", n, err)
		}
		if found && len(raw) == 32 {
			h = types.BytesToHash(raw)
			d.mu.Lock()
			d.hashes[n] = h
			d.mu.Unlock()
			return h, nil
		}
	}
	var blk struct {
		Hash *types.Hash `json:"hash"`
	}
	if err := d.call(&blk, "eth_getBlockByNumber", "0x"+strconv.FormatUint(n, 16), false); err != nil {
		return types.Hash{}, fmt.Errorf("hash of block %d of %s: %w", n, d.c.url, err)
	}
	if blk.Hash == nil {
		return types.Hash{}, fmt.Errorf("hash of block %d of %s: %w: the block has no hash", n, d.c.url, ErrBadAnswer)
	}
	h = *blk.Hash
	return h, d.remember(hashKey(n), h[:], func() { d.hashes[n] = h })
}
