package rpcdb

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/types"
)

// maxPrefetch bounds the accounts one batch asks for (two calls each),
// well under the usual batch limits (geth's and goevm's 1000 calls).
const maxPrefetch = 100

// PrefetchAccounts fetches the accounts not cached yet, many to a batch,
// so reading them later costs no request. Without eth_getProof it does
// nothing: Account fetches each on its own.
func (d *Cached) PrefetchAccounts(addrs []types.Address) error {
	var todo []types.Address
	for _, a := range addrs {
		d.mu.Lock()
		_, ok := d.accounts[a]
		d.mu.Unlock()
		if ok {
			continue
		}
		if d.store != nil {
			if _, found, err := d.store.Get(d.accountKey(a)); err != nil || found {
				continue // Account reads it from the store (or reports the error)
			}
		}
		todo = append(todo, a)
	}
	for len(todo) > 0 && !d.noProof.Load() {
		n := min(len(todo), maxPrefetch)
		if err := d.prefetch(todo[:n]); err != nil {
			return err
		}
		todo = todo[n:]
	}
	return nil
}

func (d *Cached) prefetch(addrs []types.Address) error {
	proofs := make([]proofAnswer, len(addrs))
	codes := make([]types.Bytes, len(addrs))
	calls := make([]BatchElem, 0, 2*len(addrs))
	for i, a := range addrs {
		calls = append(calls,
			BatchElem{Method: "eth_getProof", Params: []any{a, []string{}, d.block}, Result: &proofs[i]},
			BatchElem{Method: "eth_getCode", Params: []any{a, d.block}, Result: &codes[i]})
	}
	if err := d.batch(calls); err != nil {
		return fmt.Errorf("accounts at block %d of %s: %w", d.number, d.c.url, err)
	}
	for i, a := range addrs {
		pc, cc := calls[2*i], calls[2*i+1]
		var rpcErr *Error
		if errors.As(pc.Err, &rpcErr) && (rpcErr.Code == -32601 || rpcErr.Code == -32602) {
			d.noProof.Store(true)
			return nil
		}
		err := errors.Join(pc.Err, cc.Err)
		var acc *types.Account
		if err == nil {
			acc, err = accountFromProof(&proofs[i], pc.Found, codes[i])
		}
		if err != nil {
			return fmt.Errorf("account %s at block %d of %s: %w", a, d.number, d.c.url, err)
		}
		if len(codes[i]) > 0 {
			if err := d.rememberCode(acc.CodeHash, codes[i]); err != nil {
				return err
			}
		}
		var v []byte
		if acc != nil {
			v = acc.EncodeRLP()
		}
		if err := d.remember(d.accountKey(a), v, func() { d.accounts[a] = acc }); err != nil {
			return err
		}
	}
	return nil
}

// maxSlotBatch bounds the slots one batch asks for.
const maxSlotBatch = 500

// PrefetchStorage fetches the given slots not cached yet, their accounts
// first (a slot of an account without storage is not asked for), many to
// a batch: what a caller about to read many slots at once (eth_getStorageValues)
// calls first.
func (d *Cached) PrefetchStorage(want map[types.Address][]types.Hash) error {
	addrs := make([]types.Address, 0, len(want))
	for a := range want {
		addrs = append(addrs, a)
	}
	if err := d.PrefetchAccounts(addrs); err != nil {
		return err
	}
	type todo struct {
		k slotKey
		v types.Hash
	}
	var list []todo
	for a, slots := range want {
		acc, err := d.Account(a) // cached by now
		if err != nil {
			return err
		}
		if acc == nil || acc.Root == types.EmptyRootHash {
			continue
		}
		for _, s := range slots {
			k := slotKey{a, s}
			d.mu.Lock()
			_, ok := d.slots[k]
			d.mu.Unlock()
			if ok {
				continue
			}
			if d.store != nil {
				if _, found, err := d.store.Get(d.slotStoreKey(a, s)); err != nil || found {
					continue // Storage reads it from the store (or reports the error)
				}
			}
			list = append(list, todo{k: k})
		}
	}
	for len(list) > 0 {
		n := min(len(list), maxSlotBatch)
		chunk := list[:n]
		calls := make([]BatchElem, n)
		for i := range chunk {
			calls[i] = BatchElem{Method: "eth_getStorageAt", Params: []any{chunk[i].k.addr, chunk[i].k.slot, d.block}, Result: &chunk[i].v}
		}
		if err := d.batch(calls); err != nil {
			return fmt.Errorf("slots at block %d of %s: %w", d.number, d.c.url, err)
		}
		for i, c := range calls {
			if c.Err == nil && !c.Found {
				c.Err = fmt.Errorf("%s: %w: null", c.Method, ErrBadAnswer)
			}
			if c.Err != nil {
				return fmt.Errorf("slot %s of %s at block %d of %s: %w", chunk[i].k.slot, chunk[i].k.addr, d.number, d.c.url, c.Err)
			}
			k, v := chunk[i].k, chunk[i].v
			if err := d.remember(d.slotStoreKey(k.addr, k.slot), v[:], func() { d.slots[k] = v }); err != nil {
				return err
			}
		}
		list = list[n:]
	}
	return nil
}
