package transition

import (
	"fmt"

	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// DryRunResult is what a transaction would do, computed on a copy of the
// state: Commit applies it, Discard (or dropping it) forgets it.
type DryRunResult struct {
	*Result
	// Receipt is the transaction's receipt as the only transaction of its
	// block (CumulativeGasUsed is its own gas). Before Byzantium it carries
	// no post-state root: computing one would hash the whole state.
	Receipt *types.Receipt
	// Diff is every account the transaction changed, with the changed
	// storage slots, before and after.
	Diff []state.AccountDiff
	// State is the state after the transaction (a copy; db is untouched
	// until Commit).
	State *state.Memory

	parent *state.Memory
}

// DryRun applies tx, signed by from, to a copy of db (state.Memory.Copy,
// O(1)) and returns its full result without changing db. Like Apply, an
// invalid transaction returns an error wrapping a TxError sentinel. db
// must be between transactions.
func DryRun(db *state.Memory, env *Env, tx *types.Transaction, from types.Address) (*DryRunResult, error) {
	c := db.Copy()
	res, err := Apply(c, env, tx, from)
	if err != nil {
		return nil, fmt.Errorf("dry run: %w", err)
	}
	receipt := &types.Receipt{
		Type:              tx.Type,
		Status:            !res.Failed(),
		CumulativeGasUsed: res.GasUsed,
		Logs:              res.Logs,
		Bloom:             types.LogsBloom(res.Logs),
	}
	return &DryRunResult{Result: res, Receipt: receipt, Diff: c.Diff(), State: c, parent: db}, nil
}

// Commit makes the dry run's state the state of the db it ran on. It fails
// with state.ErrMergeStale if db changed since, or the dry run was
// committed or discarded already.
func (d *DryRunResult) Commit() error {
	if d.State == nil {
		return fmt.Errorf("dry run already committed or discarded: %w", state.ErrMergeStale)
	}
	if err := d.parent.Merge(d.State); err != nil {
		return fmt.Errorf("committing dry run: %w", err)
	}
	d.State = nil
	return nil
}

// Discard drops the dry run's state. Dropping the result does the same;
// Discard only makes a later Commit fail.
func (d *DryRunResult) Discard() { d.State = nil }
