package transition

import (
	"fmt"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// Chain is the already-imported history a new block is checked against.
type Chain interface {
	// BlockByHash returns an imported block (genesis included), or nil.
	BlockByHash(h types.Hash) *types.Block
}

// BlockStateDB is the state a block is applied to: a transaction's StateDB
// that can also compute its root.
type BlockStateDB interface {
	StateDB
	// IntermediateRoot is the state root of the current state.
	IntermediateRoot(deleteEmpty bool) types.Hash
}

// historyDepth is how many ancestors a block may read: 256 for BLOCKHASH,
// and MaxOmmerDepth+2 for ommer validation fit inside it.
const historyDepth = 256

// ProcessBlock validates block b against its parent in chain and applies it
// to db, which must hold the parent's post-state (a copy the caller may
// throw away: on error its contents are unspecified). It checks the header
// (ValidateHeader), the body's shape for the fork, the ommers, every
// transaction, and finally the header's commitments: gas used, transactions,
// receipts, withdrawals and state roots, logs bloom, blob gas used and
// requests hash. Errors wrap the BlockError or TxError sentinels.
func ProcessBlock(cfg *ChainConfig, chain Chain, db BlockStateDB, b *types.Block) (*ExecResult, error) {
	h := b.Header
	parent := chain.BlockByHash(h.ParentHash)
	if parent == nil {
		return nil, fmt.Errorf("%w: %s", ErrUnknownParent, h.ParentHash)
	}
	// A Merge at a terminal total difficulty (EIP-3675) becomes a block
	// number on this block's branch.
	cfg = cfg.ForBranch(chain, parent)
	if err := ValidateHeader(cfg, h, parent.Header); err != nil {
		return nil, err
	}
	f := cfg.ForkAt(h.Number, h.Time)
	rules := cfg.rulesOf(f)
	if (b.Withdrawals != nil) != rules.Has(4895) {
		return nil, fmt.Errorf("%w: withdrawals list present=%v at %v", ErrBodyFields, b.Withdrawals != nil, f)
	}
	if err := checkCarriedBAL(&rules, b); err != nil {
		return nil, err
	}

	// ancestors[0] is the parent; walk back by parent hash, so a block on a
	// side branch sees its own history.
	ancestors := []*types.Block{parent}
	for len(ancestors) < historyDepth {
		last := ancestors[len(ancestors)-1]
		if last.Header.Number == 0 {
			break
		}
		p := chain.BlockByHash(last.Header.ParentHash)
		if p == nil {
			break
		}
		ancestors = append(ancestors, p)
	}
	if err := validateOmmers(cfg, b, ancestors); err != nil {
		return nil, err
	}

	env := EnvFromHeader(cfg, b)
	env.GetHash = func(n uint64) types.Hash {
		// BLOCKHASH(n) of block h.Number: ancestors[h.Number-1-n].
		if n >= h.Number {
			return types.Hash{}
		}
		i := h.Number - 1 - n
		if i >= uint64(len(ancestors)) {
			return types.Hash{}
		}
		return ancestors[i].Hash()
	}
	res, err := ExecuteBody(db, env, b.Transactions, false, false)
	if err != nil {
		return nil, err
	}
	if err := checkCommitments(db, h, res); err != nil {
		return res, err
	}
	return res, checkBAL(h, b.AccessList, res)
}

// checkCarriedBAL checks, before execution, the EIP-7928 access list a
// block comes with: absent before the EIP, hashing to the header's
// blockAccessListHash, well ordered, within the size limit (geth's
// ValidateBody).
func checkCarriedBAL(rules *fork.Rules, b *types.Block) error {
	l := b.AccessList
	if l == nil {
		return nil
	}
	if !rules.Has(7928) {
		return fmt.Errorf("%w: block access list before EIP-7928", ErrBodyFields)
	}
	h := b.Header
	if got := l.Hash(); h.BlockAccessListHash == nil || got != *h.BlockAccessListHash {
		return fmt.Errorf("%w: list hashes to %s, header has %v", ErrInvalidBALHash, got, h.BlockAccessListHash)
	}
	if err := l.Validate(uint32(len(b.Transactions))+1, rules.MaxCodeSize()); err != nil {
		return fmt.Errorf("%w: %w", ErrBALShape, err)
	}
	return checkBALSize(l, h.GasLimit)
}

// checkBALSize is EIP-7928's size limit: at most gas_limit / BAL_ITEM_COST
// items.
func checkBALSize(l types.BlockAccessList, gasLimit uint64) error {
	if n, limit := l.ItemCount(), gasLimit/fork.BALItemCost; n > limit {
		return fmt.Errorf("%w: %d items, limit %d (gas limit %d / %d)", ErrBALGasLimitExceeded, n, limit, gasLimit, fork.BALItemCost)
	}
	return nil
}

// checkBAL compares the access list execution recorded with the header's
// hash, last of the commitments as in execution-specs' state_transition;
// when the block came with a list, the error names the first account and
// field that differ.
func checkBAL(h *types.Header, claimed types.BlockAccessList, res *ExecResult) error {
	if res.AccessListHash == nil {
		return nil
	}
	if h.BlockAccessListHash == nil || *res.AccessListHash != *h.BlockAccessListHash {
		detail := ""
		if claimed != nil {
			detail = "; " + res.AccessList.Diff(claimed)
		}
		return fmt.Errorf("%w: computed %s, header %v%s", ErrInvalidBlockAccessList, res.AccessListHash, h.BlockAccessListHash, detail)
	}
	return checkBALSize(res.AccessList, h.GasLimit)
}

// checkCommitments compares what executing the body produced with what the
// header claims, in the order of execution-specs' state_transition.
func checkCommitments(db BlockStateDB, h *types.Header, res *ExecResult) error {
	if res.GasUsed != h.GasUsed {
		return fmt.Errorf("%w: executed %d, header %d", ErrInvalidGasUsed, res.GasUsed, h.GasUsed)
	}
	if res.TxRoot != h.TxRoot {
		return fmt.Errorf("%w: computed %s, header %s", ErrInvalidTxRoot, res.TxRoot, h.TxRoot)
	}
	if root := db.IntermediateRoot(true); root != h.StateRoot {
		return fmt.Errorf("%w: computed %s, header %s", ErrInvalidStateRoot, root, h.StateRoot)
	}
	if res.ReceiptRoot != h.ReceiptRoot {
		return fmt.Errorf("%w: computed %s, header %s", ErrInvalidReceiptsRoot, res.ReceiptRoot, h.ReceiptRoot)
	}
	if res.Bloom != h.Bloom {
		return fmt.Errorf("%w", ErrInvalidLogsBloom)
	}
	if res.WithdrawalsRoot != nil && *res.WithdrawalsRoot != *h.WithdrawalsRoot {
		return fmt.Errorf("%w: computed %s, header %s", ErrInvalidWithdrawalsRoot, res.WithdrawalsRoot, h.WithdrawalsRoot)
	}
	if h.BlobGasUsed != nil && res.BlobGasUsed != *h.BlobGasUsed {
		return fmt.Errorf("%w: executed %d, header %d", ErrInvalidBlobGasUsed, res.BlobGasUsed, *h.BlobGasUsed)
	}
	if res.RequestsHash != nil && *res.RequestsHash != *h.RequestsHash {
		return fmt.Errorf("%w: computed %s, header %s", ErrInvalidRequestsHash, res.RequestsHash, h.RequestsHash)
	}
	return nil
}
