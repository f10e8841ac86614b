package chain

import (
	"fmt"
	"maps"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// PendingTx is a transaction waiting to be mined, with its sender.
type PendingTx struct {
	Tx   *types.Transaction
	Raw  []byte // binary form, as the block's body holds it
	Hash types.Hash
	From types.Address
}

// Mined is a block the chain has just added, with its receipts and the
// execution results (revert data, errors) of its transactions.
type Mined struct {
	Block    *types.Block
	Receipts []*Receipt
	Results  []*transition.Result
	// Rejected lists the offered transactions the block left out, and why.
	Rejected []Rejection
}

// Rejection is a transaction a block could not include.
type Rejection struct {
	Tx  *PendingTx
	Err error
}

// blockState is the state a block is built on: the pending state read
// through from the store, with roots from the chain's tries.
type blockState struct {
	*state.Memory
	c *Chain
}

// IntermediateRoot is the state root so far (pre-Byzantium receipts carry
// one per transaction): the changes are applied to the tries, which end in
// the same place when the block's final changes are written.
func (b blockState) IntermediateRoot(deleteEmpty bool) types.Hash {
	b.Finalise(deleteEmpty)
	if _, err := b.c.writeChanges(nil, 0, b.Changes(), nil); err != nil {
		return types.Hash{}
	}
	return b.c.tries.root()
}

// mineLocked builds the next block from txs on the pending state, writes
// it, and makes it the head. Transactions the protocol refuses are left out
// and reported; if every offered transaction is refused and allowEmpty is
// false, no block is written. The caller holds c.mu.
func (c *Chain) mineLocked(txs []*PendingTx, timestamp *uint64, allowEmpty bool) (*Mined, error) {
	parent := c.head.Header
	n := c.headNum + 1

	h := &types.Header{
		ParentHash: parent.Hash(),
		OmmersHash: emptyOmmersHash,
		Coinbase:   c.cfg.Coinbase,
		Number:     n,
		GasLimit:   c.cfg.GasLimit,
		MixDigest:  crypto.Keccak256(uint256.NewInt(n).PaddedBytes(32)), // prevRandao: any value; this one is reproducible
	}
	if timestamp != nil {
		h.Time = max(min(*timestamp, MaxTimestamp), parent.Time+1)
	} else {
		h.Time = c.clock.timestamp(parent.Time)
	}
	// A block forced past the wall clock (parent+1, or a set timestamp)
	// moves the clock with it, so evm_increaseTime counts from there.
	if ahead := int64(h.Time) - int64(now()); ahead > c.clock.offset {
		c.clock.offset = ahead
	}
	// The fork is the new block's own: a schedule may switch forks at its
	// number or its timestamp.
	f := c.cfg.ForkAt(n, h.Time)
	rules := f.Rules()
	tcfg := c.tcfgAt(n, h.Time)
	if tcfg.DAOExtraRequired(n) {
		h.Extra = append([]byte(nil), transition.DAOForkExtra...) // EIP-779
	}
	h.GasLimit = c.gasLimitAfter(parent, rules)
	if !rules.IsParis {
		h.Difficulty = *transition.CalcDifficulty(f, n, h.Time, parent.Time, &parent.Difficulty, false)
		h.MixDigest = types.Hash{}
	}
	var excess uint64
	if rules.IsCancun {
		excess = transition.CalcExcessBlobGas(f, tcfg.BlobParamsAt(f), parent)
	}
	fillForkFields(h, rules.IsLondon, f, transition.CalcBaseFee(parent), excess)
	if rules.Has(7843) {
		h.SlotNumber = nextSlot(parent) // slot.go
	}

	env := c.blockEnv(tcfg, h)
	if rules.IsShanghai {
		env.Withdrawals = []*types.Withdrawal{}
	}
	raws := make([][]byte, len(txs))
	env.Senders = make([]types.Address, len(txs))
	for i, tx := range txs {
		raws[i], env.Senders[i] = tx.Raw, tx.From
	}

	mem := state.NewWithDatabase(trieDB{c})
	res, err := transition.ExecuteBody(blockState{mem, c}, env, raws, true, false)
	if err == nil {
		err = mem.Err()
	}
	if err != nil {
		return nil, c.recoverTries(fmt.Errorf("building block %d: %w", n, err))
	}
	out := &Mined{Results: res.Results}
	rejected := map[int]bool{}
	for _, r := range res.Rejected {
		rejected[r.Index] = true
		out.Rejected = append(out.Rejected, Rejection{Tx: txs[r.Index], Err: r.Err})
	}
	if len(res.Transactions) == 0 && len(txs) > 0 && !allowEmpty {
		if !rules.IsByzantium {
			return out, c.recoverTries(nil) // intermediate roots moved the tries
		}
		return out, nil // nothing was written; the tries were not touched
	}

	batch := c.store.db.NewBatch()
	defer batch.Close()
	list, err := c.writeChanges(batch, n, mem.Changes(), c.pendingCh)
	if err != nil {
		return nil, c.recoverTries(err)
	}
	h.StateRoot = c.tries.root()
	blk := sealBlock(h, env.Withdrawals, res)

	included := make([]*PendingTx, 0, len(res.Transactions))
	for i, ptx := range txs {
		if !rejected[i] {
			included = append(included, ptx)
		}
	}
	out.Receipts = buildReceipts(h, tcfg.BlobParamsAt(f).UpdateFraction, included, res)
	if err := c.writeBlock(batch, blk, out.Receipts, list); err != nil {
		return nil, c.recoverTries(err)
	}
	if err := batch.Commit(c.writeOpts()); err != nil {
		return nil, c.recoverTries(fmt.Errorf("%w: %w", ErrStore, err))
	}
	c.head, c.headNum, c.pendingCh, c.devOps = blk, n, nil, nil
	out.Block = blk
	c.events.publish(Event{Block: blk, Receipts: out.Receipts})
	return out, nil
}

// blockEnv is the environment of a block this chain makes on its head
// (mined, or built for testing_buildBlockV1): its block hashes, its
// code-size setting, and the accounts it impersonates, so that pooled
// impersonated sends apply in either.
func (c *Chain) blockEnv(tcfg *transition.ChainConfig, h *types.Header) *transition.BlockEnv {
	env := transition.EnvFromHeader(tcfg, &types.Block{Header: h})
	env.GetHash = c.GetHashFn()
	env.NoCodeSizeLimit = c.cfg.DisableCodeSizeLimit
	env.Impersonated = maps.Clone(c.impersonated)
	return env
}

// sealBlock fills in the header fields the block's execution decides
// (roots, bloom, gas used, the EIP-7928 list hash, blob gas used where the
// fork has the field) and returns the block: mining and BuildBlock share
// it so that they make the same block from the same inputs.
func sealBlock(h *types.Header, withdrawals []*types.Withdrawal, res *transition.ExecResult) *types.Block {
	h.TxRoot, h.ReceiptRoot, h.Bloom, h.GasUsed = res.TxRoot, res.ReceiptRoot, res.Bloom, res.GasUsed
	h.WithdrawalsRoot, h.RequestsHash = res.WithdrawalsRoot, res.RequestsHash
	h.BlockAccessListHash = res.AccessListHash
	if h.BlobGasUsed != nil {
		used := res.BlobGasUsed
		h.BlobGasUsed = &used
	}
	return &types.Block{Header: h, Transactions: res.Transactions, Ommers: []*types.Header{}, Withdrawals: withdrawals, AccessList: res.AccessList}
}

// recoverTries brings the tries back to the store's newest state after a
// block that was not written had changed them, and returns err.
func (c *Chain) recoverTries(err error) error {
	if rerr := c.rebuildTries(); rerr != nil {
		return fmt.Errorf("%w (and rebuilding the state tries failed: %w)", err, rerr)
	}
	return err
}

// buildReceipts makes the stored receipts of a block from its execution
// result; txs are the included transactions, in block order.
func buildReceipts(h *types.Header, blobUpdateFraction uint64, txs []*PendingTx, res *transition.ExecResult) []*Receipt {
	var blobPrice *uint256.Int
	if h.ExcessBlobGas != nil {
		blobPrice = transition.BlobBaseFee(*h.ExcessBlobGas, blobUpdateFraction)
	}
	baseFee := h.BaseFee
	if baseFee == nil {
		baseFee = new(uint256.Int)
	}
	out := make([]*Receipt, 0, len(txs))
	logIndex, prevGas := 0, uint64(0)
	for i, ptx := range txs {
		cr, r := res.Receipts[i], res.Results[i]
		rc := &Receipt{
			Type: cr.Type, Status: cr.Status, CumulativeGasUsed: cr.CumulativeGasUsed,
			GasUsed: cr.CumulativeGasUsed - prevGas, Logs: cr.Logs, Bloom: cr.Bloom,
			TxHash: ptx.Hash, From: ptx.From, To: ptx.Tx.To, ContractAddress: res.ContractAddresses[i],
			TxIndex: i, FirstLogIndex: logIndex, BlobGasUsed: r.BlobGasUsed, PostState: cr.PostState,
		}
		if !cr.Status {
			rc.ContractAddress = nil
			rc.RevertData = r.ReturnData
		}
		rc.EffectiveGasPrice = *ptx.Tx.EffectiveGasPrice(baseFee)
		if r.BlobGasUsed > 0 {
			rc.BlobGasPrice = blobPrice
		}
		prevGas = cr.CumulativeGasUsed
		logIndex += len(cr.Logs)
		out = append(out, rc)
	}
	return out
}

// gasLimitAfter is the gas limit of a block on parent with these rules:
// the configured one, except on a chain from a genesis file, which keeps to
// the header rules other clients check so its blocks import anywhere: the
// gas limit moves towards the configured one by less than 1/1024 a block,
// from twice the parent's at the London block (EIP-1559).
func (c *Chain) gasLimitAfter(parent *types.Header, rules fork.Rules) uint64 {
	if c.cfg.Genesis == nil {
		return c.cfg.GasLimit
	}
	parentLimit := parent.GasLimit
	if rules.IsLondon && c.cfg.ForkAt(parent.Number, parent.Time) < fork.London {
		parentLimit *= fork.ElasticityMultiplier
	}
	return nextGasLimit(parentLimit, c.cfg.GasLimit)
}

// nextGasLimit is geth's CalcGasLimit: the parent's limit moved towards
// desired by at most parent/1024 - 1, never below 5000.
func nextGasLimit(parent, desired uint64) uint64 {
	delta := parent/transition.GasLimitBoundDivisor - 1
	desired = max(desired, 5000)
	switch {
	case parent < desired:
		return min(parent+delta, desired)
	case parent > desired:
		return max(parent-delta, desired)
	}
	return parent
}
