// Package rpcdb reads world state from a node over JSON-RPC: a
// state.Database answering accounts, code and slots as they were at one
// block, for re-executing a transaction (goevm debug --rpc), and Cached,
// the same with a cache in memory and on disk, which a forked chain
// (goevm node --fork-url) reads its remote's state through. It holds a
// small JSON-RPC client too (client.go), with batches, retries and timeouts.
package rpcdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// DB is a state.Database reading the state after block Number from a node.
// It caches code by hash; state.Memory caches accounts and slots itself.
type DB struct {
	c     *Client
	block string // the block number as a JSON-RPC quantity
	ctx   context.Context
	mu    sync.Mutex
	code  map[types.Hash][]byte
	reads atomic.Int64
}

// New returns a Database over c reading the state at block number (the
// state after that block).
func New(ctx context.Context, c *Client, number uint64) *DB {
	return &DB{c: c, ctx: ctx, block: "0x" + strconv.FormatUint(number, 16), code: map[types.Hash][]byte{}}
}

// Reads is the number of requests made so far.
func (d *DB) Reads() int64 { return d.reads.Load() }

func (d *DB) call(result any, method string, params ...any) error {
	d.reads.Add(1)
	found, err := d.c.Call(d.ctx, result, method, params...)
	if err == nil && !found {
		err = fmt.Errorf("%s: the node answered null", method)
	}
	return err
}

// hexBig decodes a JSON-RPC quantity into a uint256.
type hexBig struct{ uint256.Int }

func (h *hexBig) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := types.ParseU256(s)
	if err != nil {
		return fmt.Errorf("quantity %q: %w", s, err)
	}
	h.Int = *v
	return nil
}

// nonEmptyRoot stands for "may have storage": the nodes' JSON-RPC gives no
// storage root without eth_getProof, and state.Memory asks the Database
// for a slot only when the account's root is not the empty one. A slot
// read costs one request either way.
var nonEmptyRoot = types.Hash{1}

// Account reads balance, nonce and code; an account with none of them is
// reported missing, which EIP-161 makes the same as empty.
func (d *DB) Account(addr types.Address) (*types.Account, error) {
	var bal, nonce hexBig
	var code types.Bytes
	if err := d.call(&bal, "eth_getBalance", addr, d.block); err != nil {
		return nil, fmt.Errorf("account %s: %w", addr, err)
	}
	if err := d.call(&nonce, "eth_getTransactionCount", addr, d.block); err != nil {
		return nil, fmt.Errorf("account %s: %w", addr, err)
	}
	if err := d.call(&code, "eth_getCode", addr, d.block); err != nil {
		return nil, fmt.Errorf("account %s: %w", addr, err)
	}
	if !nonce.IsUint64() {
		return nil, fmt.Errorf("account %s: nonce %s does not fit 64 bits", addr, nonce.Dec())
	}
	if bal.IsZero() && nonce.IsZero() && len(code) == 0 {
		return nil, nil
	}
	acc := &types.Account{Nonce: nonce.Uint64(), Balance: bal.Int, Root: nonEmptyRoot, CodeHash: types.EmptyCodeHash}
	if len(code) > 0 {
		acc.CodeHash = crypto.Keccak256(code)
		d.mu.Lock()
		d.code[acc.CodeHash] = []byte(code)
		d.mu.Unlock()
	}
	return acc, nil
}

// ErrCodeUnknown is a code hash asked for that no account read gave.
var ErrCodeUnknown = errors.New("code hash not seen")

// Code returns code read with an account before.
func (d *DB) Code(addr types.Address, codeHash types.Hash) ([]byte, error) {
	d.mu.Lock()
	c, ok := d.code[codeHash]
	d.mu.Unlock()
	if ok {
		return c, nil
	}
	var code types.Bytes
	if err := d.call(&code, "eth_getCode", addr, d.block); err != nil {
		return nil, fmt.Errorf("code of %s: %w", addr, err)
	}
	if crypto.Keccak256(code) != codeHash {
		return nil, fmt.Errorf("code of %s: %w: %s", addr, ErrCodeUnknown, codeHash)
	}
	return code, nil
}

// Storage reads one slot.
func (d *DB) Storage(addr types.Address, slot types.Hash) (types.Hash, error) {
	var v types.Hash
	if err := d.call(&v, "eth_getStorageAt", addr, slot, d.block); err != nil {
		return types.Hash{}, fmt.Errorf("slot %s of %s: %w", slot, addr, err)
	}
	return v, nil
}
