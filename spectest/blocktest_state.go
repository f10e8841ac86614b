package spectest

import (
	"bytes"
	"fmt"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// copyState returns an independent copy of db's committed state, so a block
// can be tried on top of its parent without disturbing the parent's state.
func copyState(db *state.Memory) *state.Memory {
	out := state.New()
	for addr, a := range db.Dump() {
		out.SetBalance(addr, &a.Balance)
		out.SetNonce(addr, a.Nonce)
		if len(a.Code) > 0 {
			out.SetCode(addr, a.Code)
		}
		for k, v := range a.Storage {
			out.SetState(addr, k, v)
		}
	}
	out.Commit()
	return out
}

// checkPostState compares the head state with the fixture's postState
// (every account, field by field, and no extra accounts) or postStateHash.
func (t *BlockTest) checkPostState(db *state.Memory, root types.Hash) error {
	if t.PostStateHash != nil {
		if root != *t.PostStateHash {
			return fmt.Errorf("%w: root %s, fixture postStateHash %s", ErrPostStateMismatch, root, *t.PostStateHash)
		}
		return nil
	}
	if t.PostState == nil {
		return nil
	}
	want, err := t.PostState.prepare()
	if err != nil {
		return fmt.Errorf("postState: %w", err)
	}
	got := db.Dump()
	for _, w := range want {
		g, ok := got[w.addr]
		if !ok {
			return fmt.Errorf("%w: account %s missing", ErrPostStateMismatch, w.addr)
		}
		if !g.Balance.Eq(&w.balance) {
			return fmt.Errorf("%w: %s balance %s, want %s", ErrPostStateMismatch, w.addr, g.Balance.Dec(), w.balance.Dec())
		}
		if g.Nonce != w.nonce {
			return fmt.Errorf("%w: %s nonce %d, want %d", ErrPostStateMismatch, w.addr, g.Nonce, w.nonce)
		}
		if !bytes.Equal(g.Code, w.code) {
			return fmt.Errorf("%w: %s code differs", ErrPostStateMismatch, w.addr)
		}
		if len(g.Storage) != len(w.storage) {
			return fmt.Errorf("%w: %s has %d storage slots, want %d", ErrPostStateMismatch, w.addr, len(g.Storage), len(w.storage))
		}
		for _, kv := range w.storage {
			if g.Storage[kv[0]] != kv[1] {
				return fmt.Errorf("%w: %s storage %s = %s, want %s", ErrPostStateMismatch, w.addr, kv[0], g.Storage[kv[0]], kv[1])
			}
		}
		delete(got, w.addr)
	}
	for addr := range got {
		return fmt.Errorf("%w: unexpected account %s", ErrPostStateMismatch, addr)
	}
	return nil
}
