package spectest

import (
	"bytes"
	"fmt"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

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
	for addr, w := range want {
		g, ok := got[addr]
		if !ok {
			return fmt.Errorf("%w: account %s missing", ErrPostStateMismatch, addr)
		}
		if !g.Balance.Eq(&w.Balance) {
			return fmt.Errorf("%w: %s balance %s, want %s", ErrPostStateMismatch, addr, g.Balance.Dec(), w.Balance.Dec())
		}
		if g.Nonce != w.Nonce {
			return fmt.Errorf("%w: %s nonce %d, want %d", ErrPostStateMismatch, addr, g.Nonce, w.Nonce)
		}
		if !bytes.Equal(g.Code, w.Code) {
			return fmt.Errorf("%w: %s code differs", ErrPostStateMismatch, addr)
		}
		if len(g.Storage) != len(w.Storage) {
			return fmt.Errorf("%w: %s has %d storage slots, want %d", ErrPostStateMismatch, addr, len(g.Storage), len(w.Storage))
		}
		for k, v := range w.Storage {
			if g.Storage[k] != v {
				return fmt.Errorf("%w: %s storage %s = %s, want %s", ErrPostStateMismatch, addr, k, g.Storage[k], v)
			}
		}
		delete(got, addr)
	}
	for addr := range got {
		return fmt.Errorf("%w: unexpected account %s", ErrPostStateMismatch, addr)
	}
	return nil
}
