package rpc

import (
	"errors"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
)

func (s *Server) registerBlocks() {
	m := s.methods
	m["eth_getBlockByNumber"] = func(_ *callCtx, a args) (any, error) {
		var tag blockTag
		if err := a.need(0, &tag); err != nil {
			return nil, err
		}
		return s.blockResult(a, tag)
	}
	m["eth_getBlockByHash"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		hh := types.Hash(h)
		return s.blockResult(a, blockTag{hash: &hh})
	}
	m["eth_getBlockTransactionCountByNumber"] = func(_ *callCtx, a args) (any, error) {
		var tag blockTag
		if err := a.need(0, &tag); err != nil {
			return nil, err
		}
		return s.txCount(tag)
	}
	m["eth_getBlockTransactionCountByHash"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		hh := types.Hash(h)
		return s.txCount(blockTag{hash: &hh})
	}
	m["eth_getUncleCountByBlockNumber"] = func(*callCtx, args) (any, error) { return quantity(0), nil }
	m["eth_getUncleCountByBlockHash"] = func(*callCtx, args) (any, error) { return quantity(0), nil }
	m["eth_getUncleByBlockNumberAndIndex"] = func(*callCtx, args) (any, error) { return nil, nil }
	m["eth_getUncleByBlockHashAndIndex"] = func(*callCtx, args) (any, error) { return nil, nil }
	m["eth_getTransactionByBlockNumberAndIndex"] = func(_ *callCtx, a args) (any, error) {
		var tag blockTag
		if err := a.need(0, &tag); err != nil {
			return nil, err
		}
		return s.txByIndex(a, tag)
	}
	m["eth_getTransactionByBlockHashAndIndex"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		hh := types.Hash(h)
		return s.txByIndex(a, blockTag{hash: &hh})
	}
	m["eth_getTransactionByHash"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		if err := a.count(1, 1); err != nil {
			return nil, err
		}
		if p := s.chain.PooledTx(types.Hash(h)); p != nil {
			return formatTx(p.Tx, p.Hash, p.From, nil, 0), nil
		}
		blk, i, r, err := s.findTx(types.Hash(h))
		if err != nil {
			return nil, err
		}
		if blk == nil {
			return s.remoteTx(types.Hash(h), false) // a fork's remote history, else null
		}
		tx, err := types.DecodeTx(blk.Transactions[i])
		if err != nil {
			return nil, err
		}
		return formatTx(tx, r.TxHash, r.From, blk, i), nil
	}
	m["eth_getTransactionReceipt"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		if err := a.count(1, 1); err != nil {
			return nil, err
		}
		blk, _, r, err := s.findTx(types.Hash(h))
		if err != nil {
			return nil, err
		}
		if blk == nil {
			return s.remoteTx(types.Hash(h), true) // a fork's remote history, else null
		}
		return formatReceipt(r, blk.Header.Time), nil
	}
	m["eth_getBlockReceipts"] = func(_ *callCtx, a args) (any, error) {
		var tag blockTag
		if err := a.need(0, &tag); err != nil {
			return nil, err
		}
		if ref, ok := s.historyBlock(tag); ok {
			return ref.receipts() // a fork's remote history: fork_history.go
		}
		blk, err := s.resolve(tag)
		if err != nil {
			return nil, nilIfUnknown(err)
		}
		rs, err := s.chain.Receipts(blk.Hash())
		if err != nil {
			return nil, err
		}
		out := make([]*rpcReceipt, 0, len(rs))
		for _, r := range rs {
			out = append(out, formatReceipt(r, blk.Header.Time))
		}
		return out, nil
	}
}

// nilIfUnknown turns "no such block" into a null result, as geth answers
// block look-ups; other errors stay.
func nilIfUnknown(err error) error {
	var e *Error
	if errors.Is(err, chain.ErrUnknownBlock) || (errors.As(err, &e) && e.Code == codeServer) {
		return nil
	}
	return err
}

func (s *Server) blockResult(a args, tag blockTag) (any, error) {
	var full bool // required, as geth requires it
	if err := a.need(1, &full); err != nil {
		return nil, err
	}
	if err := a.count(2, 2); err != nil {
		return nil, err
	}
	if ref, ok := s.historyBlock(tag); ok {
		return ref.block(full) // a fork's remote history: fork_history.go
	}
	blk, err := s.resolve(tag)
	if err != nil {
		return nil, nilIfUnknown(err)
	}
	out := formatHeader(blk)
	var rs []*chain.Receipt
	if full && len(blk.Transactions) > 0 {
		if rs, err = s.chain.Receipts(blk.Hash()); err != nil {
			return nil, err
		}
	}
	for i, raw := range blk.Transactions {
		if !full {
			out.Transactions = append(out.Transactions, hashOf(raw))
			continue
		}
		tx, err := types.DecodeTx(raw)
		if err != nil {
			return nil, err
		}
		out.Transactions = append(out.Transactions, formatTx(tx, rs[i].TxHash, rs[i].From, blk, i))
	}
	return out, nil
}

func hashOf(raw []byte) types.Hash {
	tx, err := types.DecodeTx(raw)
	if err != nil {
		return types.Hash{}
	}
	return tx.Hash()
}

func (s *Server) txCount(tag blockTag) (any, error) {
	if ref, ok := s.historyBlock(tag); ok {
		return ref.txCount() // a fork's remote history: fork_history.go
	}
	blk, err := s.resolve(tag)
	if err != nil {
		return nil, nilIfUnknown(err)
	}
	return quantity(len(blk.Transactions)), nil
}

func (s *Server) txByIndex(a args, tag blockTag) (any, error) {
	var idx quantity
	if err := a.need(1, &idx); err != nil {
		return nil, err
	}
	if ref, ok := s.historyBlock(tag); ok {
		return ref.txByIndex(uint64(idx)) // a fork's remote history: fork_history.go
	}
	blk, err := s.resolve(tag)
	if err != nil {
		return nil, nilIfUnknown(err)
	}
	if uint64(idx) >= uint64(len(blk.Transactions)) {
		return nil, nil
	}
	rs, err := s.chain.Receipts(blk.Hash())
	if err != nil {
		return nil, err
	}
	tx, err := types.DecodeTx(blk.Transactions[idx])
	if err != nil {
		return nil, err
	}
	return formatTx(tx, rs[idx].TxHash, rs[idx].From, blk, int(idx)), nil
}

// findTx locates a mined transaction and its receipt; blk is nil when
// there is none.
func (s *Server) findTx(h types.Hash) (*types.Block, int, *chain.Receipt, error) {
	blk, i, rs, err := s.locateTx(h)
	if blk == nil || err != nil {
		return nil, 0, nil, err
	}
	return blk, i, rs[i], nil
}

// locateTx locates a mined transaction with all its block's receipts
// (which a trace needs: the senders of the transactions before it).
func (s *Server) locateTx(h types.Hash) (*types.Block, int, []*chain.Receipt, error) {
	n, i, ok, err := s.chain.TxLocation(h)
	if !ok || err != nil {
		return nil, 0, nil, err
	}
	blk, err := s.chain.BlockByNumber(n)
	if err != nil {
		return nil, 0, nil, nilIfUnknown(err) // reverted in between
	}
	rs, err := s.chain.Receipts(blk.Hash())
	if err != nil || i >= len(rs) {
		return nil, 0, nil, err
	}
	return blk, i, rs, nil
}
