package chain

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// ErrNotHead is returned by BuildBlock for a parent other than the head:
// blocks are only built on the newest state (geth's testing_buildBlockV1
// refuses the same way).
var ErrNotHead = errors.New("parent is not the current head")

// ErrBuild is returned by BuildBlock for attributes the new block's fork
// does not allow.
var ErrBuild = errors.New("cannot build block")

// BuildAttrs are the engine API's payload attributes (PayloadAttributesV3):
// what the consensus layer decides about a block.
type BuildAttrs struct {
	Timestamp    uint64
	PrevRandao   types.Hash
	FeeRecipient types.Address
	// Withdrawals are required from Shanghai on (nil means none) and
	// refused before it.
	Withdrawals []*types.Withdrawal
	// ParentBeaconRoot is required from Cancun on and refused before it.
	ParentBeaconRoot *types.Hash
	// SlotNumber is the beacon chain slot (EIP-7843); nil takes the
	// parent's plus one (slot.go). Refused before EIP-7843.
	SlotNumber *uint64
}

// Built is a block BuildBlock made without adding it to the chain.
type Built struct {
	Block *types.Block
	// Value is what the fee recipient earns from the transactions: the
	// priority fees (geth's blockValue).
	Value uint256.Int
	// Requests are the block's EIP-7685 requests (nil before Prague).
	Requests [][]byte
}

// BuildBlock builds, without adding it to the chain, a block on the head
// with the given attributes and extra data (testing_buildBlockV1). txs are
// the raw transactions to include, in order, each of which must apply; nil
// takes the pool's ready transactions instead, leaving out those that do
// not apply. Neither the chain, its pool nor its clock changes.
func (c *Chain) BuildBlock(parentHash types.Hash, a BuildAttrs, txs [][]byte, extra []byte) (*Built, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	parent := c.head.Header
	if h := c.head.Hash(); h != parentHash {
		return nil, fmt.Errorf("%w: parent %s, head %s", ErrNotHead, parentHash, h)
	}
	if a.Timestamp <= parent.Time {
		return nil, fmt.Errorf("%w: timestamp %d is not after the parent's %d", ErrBuild, a.Timestamp, parent.Time)
	}
	n := c.headNum + 1
	f := c.cfg.ForkAt(n, a.Timestamp)
	rules := f.Rules()
	if err := checkBuildAttrs(a, rules.IsShanghai, rules.IsCancun); err != nil {
		return nil, err
	}
	h := &types.Header{
		ParentHash: parent.Hash(),
		OmmersHash: emptyOmmersHash,
		Coinbase:   a.FeeRecipient,
		Number:     n,
		GasLimit:   c.gasLimitAfter(parent, rules),
		Time:       a.Timestamp,
		Extra:      extra,
		MixDigest:  a.PrevRandao,
	}
	tcfg := c.tcfgAt(n, h.Time)
	var excess uint64
	if rules.IsCancun {
		excess = transition.CalcExcessBlobGas(f, tcfg.BlobParamsAt(f), parent)
	}
	if !rules.IsParis {
		h.Difficulty = *transition.CalcDifficulty(f, n, h.Time, parent.Time, &parent.Difficulty, false)
	}
	fillForkFields(h, rules.IsLondon, f, transition.CalcBaseFee(parent), excess)
	if rules.IsCancun {
		root := *a.ParentBeaconRoot
		h.ParentBeaconBlockRoot = &root
	}
	switch {
	case !rules.Has(7843) && a.SlotNumber != nil:
		return nil, fmt.Errorf("%w: slotNumber is not a field before EIP-7843 (Amsterdam)", ErrBuild)
	case rules.Has(7843) && a.SlotNumber != nil:
		slot := *a.SlotNumber
		h.SlotNumber = &slot
	case rules.Has(7843):
		h.SlotNumber = nextSlot(parent)
	}

	env := c.blockEnv(tcfg, h)
	env.Withdrawals = a.Withdrawals
	if rules.IsShanghai && env.Withdrawals == nil {
		env.Withdrawals = []*types.Withdrawal{}
	}
	fromPool := txs == nil
	if fromPool {
		ready := c.pool.ready(c.State(n).GetNonce)
		txs = make([][]byte, len(ready))
		env.Senders = make([]types.Address, len(ready))
		for i, t := range ready {
			txs[i], env.Senders[i] = t.Raw, t.From
		}
	}

	mem := state.NewWithDatabase(trieDB{c})
	res, err := transition.ExecuteBody(blockState{mem, c}, env, txs, fromPool, false)
	if err == nil {
		err = mem.Err()
	}
	if err != nil {
		if !rules.IsByzantium {
			return nil, c.recoverTries(err) // intermediate roots moved the tries
		}
		return nil, err
	}
	changes := mem.Changes()
	if _, err := c.writeChanges(nil, n, changes, nil); err != nil {
		return nil, c.recoverTries(err)
	}
	h.StateRoot = c.tries.root()
	if err := c.undoTrieChanges(changes, rules.IsByzantium); err != nil {
		return nil, err
	}
	out := &Built{Block: sealBlock(h, env.Withdrawals, res)}
	if rules.IsPrague {
		out.Requests = res.Requests
		if out.Requests == nil {
			out.Requests = [][]byte{}
		}
	}
	if err := priorityFees(&out.Value, h.BaseFee, res); err != nil {
		return nil, err
	}
	return out, nil
}

// checkBuildAttrs refuses withdrawals before Shanghai and a missing or
// early parent beacon root, as the engine API's payload attributes
// versions do.
func checkBuildAttrs(a BuildAttrs, shanghai, cancun bool) error {
	if !shanghai && a.Withdrawals != nil {
		return fmt.Errorf("%w: withdrawals before Shanghai", ErrBuild)
	}
	if cancun && a.ParentBeaconRoot == nil {
		return fmt.Errorf("%w: parentBeaconBlockRoot is required from Cancun on", ErrBuild)
	}
	if !cancun && a.ParentBeaconRoot != nil {
		return fmt.Errorf("%w: parentBeaconBlockRoot before Cancun", ErrBuild)
	}
	return nil
}

// undoTrieChanges brings the tries back to the store's newest state after
// a block that was not written changed them: account by account for the
// changed ones, or all of them before Byzantium, where intermediate roots
// may have moved accounts the final change set no longer names.
func (c *Chain) undoTrieChanges(changes []state.AccountChange, byzantium bool) error {
	if !byzantium {
		return c.rebuildTries()
	}
	for _, ch := range changes {
		if err := c.reloadAccount(ch.Address); err != nil {
			return c.recoverTries(err)
		}
	}
	return nil
}

// priorityFees sums what each included transaction paid the fee recipient
// beyond the base fee: gas used times the effective tip.
func priorityFees(sum *uint256.Int, baseFee *uint256.Int, res *transition.ExecResult) error {
	if baseFee == nil {
		baseFee = new(uint256.Int)
	}
	prev := uint64(0)
	for i, raw := range res.Transactions {
		tx, err := types.DecodeTx(raw)
		if err != nil {
			return fmt.Errorf("transaction %d (%s): %w", i, crypto.Keccak256(raw), err)
		}
		used := res.Receipts[i].CumulativeGasUsed - prev
		prev = res.Receipts[i].CumulativeGasUsed
		tip := new(uint256.Int).Sub(tx.EffectiveGasPrice(baseFee), baseFee)
		sum.Add(sum, tip.Mul(tip, uint256.NewInt(used)))
	}
	return nil
}
