package chain

import (
	"errors"
	"fmt"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// ErrImport wraps every refusal of a block offered for import.
var ErrImport = errors.New("import")

// chainView is the transition package's view of the stored blocks, for
// header and ommer validation and BLOCKHASH. The caller holds c.mu.
type chainView struct{ c *Chain }

func (v chainView) BlockByHash(h types.Hash) *types.Block {
	b, err := v.c.blockByHash(h)
	if err != nil {
		return nil
	}
	return b
}

// ImportRLP imports concatenated RLP blocks (geth's export format) in
// order with ImportBlock, and returns how many it added. Blocks the chain
// already has are skipped, so importing the same file into a data
// directory twice is harmless. It stops at the first block it refuses.
func (c *Chain) ImportRLP(data []byte) (int, error) {
	added := 0
	for i := 0; len(data) > 0; i++ {
		_, _, rest, err := rlp.Split(data)
		if err != nil {
			return added, fmt.Errorf("%w: item %d of the file: %w", ErrImport, i, err)
		}
		b, err := types.DecodeBlockRLP(data[:len(data)-len(rest)])
		if err != nil {
			return added, fmt.Errorf("%w: item %d of the file: %w", ErrImport, i, err)
		}
		data = rest
		ok, err := c.ImportBlock(b)
		if err != nil {
			return added, err
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// ImportBlock validates block b against the head and applies it with
// transition.ProcessBlock, the code goevm blocktest runs: header rules,
// ommers, every transaction and every commitment (roots, bloom, gas). A
// valid block is stored like a mined one and becomes the head. Proof-of-work
// seals are not verified. A block the chain already has returns false and
// no error.
func (c *Chain) ImportBlock(b *types.Block) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := b.Header
	hash := b.Hash()
	if h.Number <= c.headNum {
		if have, err := c.blockByNumber(h.Number); err == nil && have.Hash() == hash {
			return false, nil
		}
		return false, fmt.Errorf("%w: block %d %s: the chain already has a different block %d (side chains are not imported)", ErrImport, h.Number, hash, h.Number)
	}
	if h.ParentHash != c.head.Hash() {
		return false, fmt.Errorf("%w: block %d %s: its parent %s is not the head %d %s", ErrImport, h.Number, hash, h.ParentHash, c.headNum, c.head.Hash())
	}
	if len(c.pendingCh) > 0 {
		// The block's state root is over the head's state; dev edits made
		// since would make every import fail its root check.
		return false, fmt.Errorf("%w: block %d: the pending state holds edits (anvil_set*, hardhat_set*); import before editing", ErrImport, h.Number)
	}

	tcfg := c.tcfgAt(h.Number, h.Time)
	mem := state.NewWithDatabase(trieDB{c})
	res, err := transition.ProcessBlock(tcfg, chainView{c}, blockState{mem, c}, b)
	if err == nil {
		err = mem.Err()
	}
	if err != nil {
		return false, c.recoverTries(fmt.Errorf("%w: block %d %s: %w", ErrImport, h.Number, hash, err))
	}

	f := tcfg.ForkAt(h.Number, h.Time)
	rules := f.Rules()
	signer := types.Signer{ChainID: c.cfg.ChainID, Homestead: rules.IsHomestead, EIP155: rules.IsSpuriousDragon}
	txs := make([]*PendingTx, len(res.Transactions))
	for i, raw := range res.Transactions {
		tx, err := types.DecodeTx(raw)
		if err == nil {
			var from types.Address
			from, err = signer.Sender(tx)
			txs[i] = &PendingTx{Tx: tx, Raw: raw, Hash: crypto.Keccak256(raw), From: from}
		}
		if err != nil { // ProcessBlock accepted it: unreachable unless the two disagree
			return false, c.recoverTries(fmt.Errorf("%w: block %d transaction %d: %w", ErrImport, h.Number, i, err))
		}
	}

	batch := c.store.db.NewBatch()
	defer batch.Close()
	list, err := c.writeChanges(batch, h.Number, mem.Changes(), nil)
	if err != nil {
		return false, c.recoverTries(err)
	}
	if root := c.tries.root(); root != h.StateRoot {
		return false, c.recoverTries(fmt.Errorf("%w: block %d: stored state root %s, header %s", ErrImport, h.Number, root, h.StateRoot))
	}
	receipts := buildReceipts(h, tcfg.BlobParamsAt(f).UpdateFraction, txs, res)
	if err := c.writeBlock(batch, b, receipts, list); err != nil {
		return false, c.recoverTries(err)
	}
	if err := batch.Commit(c.writeOpts()); err != nil {
		return false, c.recoverTries(fmt.Errorf("%w: %w", ErrStore, err))
	}
	c.head, c.headNum, c.pendingCh, c.devOps = b, h.Number, nil, nil
	for _, t := range txs {
		if p := c.pool.byHash[t.Hash]; p != nil {
			c.pool.remove(p)
		}
	}
	c.events.publish(Event{Block: b, Receipts: receipts})
	return true, nil
}
