package rpc

import (
	"strconv"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/types"
)

// The debug_getRaw* methods return consensus encodings: a block's RLP, its
// header's RLP, its receipts in their EIP-2718 binary form, and a
// transaction's binary form (execution-apis debug namespace).
func (s *Server) registerDebugRaw() {
	m := s.methods
	block := func(a args) (*types.Block, error) {
		var tag blockTag
		if err := a.need(0, &tag); err != nil {
			return nil, err
		}
		if err := a.count(1, 1); err != nil {
			return nil, err
		}
		return s.resolve(tag)
	}
	m["debug_getRawBlock"] = func(_ *callCtx, a args) (any, error) {
		b, err := block(a)
		if err != nil {
			return nil, err
		}
		return data(b.EncodeRLP()), nil
	}
	m["debug_getRawHeader"] = func(_ *callCtx, a args) (any, error) {
		b, err := block(a)
		if err != nil {
			return nil, err
		}
		return data(b.Header.EncodeRLP()), nil
	}
	m["debug_getRawReceipts"] = func(_ *callCtx, a args) (any, error) {
		b, err := block(a)
		if err != nil {
			return nil, err
		}
		rs, err := s.chain.Receipts(b.Hash())
		if err != nil {
			return nil, err
		}
		out := make([]data, len(rs))
		for i, r := range rs {
			out[i] = consensusReceipt(r).EncodeBinary()
		}
		return out, nil
	}
	m["debug_getRawTransaction"] = func(_ *callCtx, a args) (any, error) {
		var h hash
		if err := a.need(0, &h); err != nil {
			return nil, err
		}
		if p := s.chain.PooledTx(types.Hash(h)); p != nil {
			return data(p.Raw), nil
		}
		blk, i, _, err := s.findTx(types.Hash(h))
		if blk == nil || err != nil {
			return data{}, err // geth answers 0x for an unknown transaction
		}
		return data(blk.Transactions[i]), nil
	}
	m["txpool_status"] = func(*callCtx, args) (any, error) {
		pending, queued := s.chain.PoolContent()
		return map[string]quantity{"pending": quantity(len(pending)), "queued": quantity(len(queued))}, nil
	}
	m["txpool_content"] = func(*callCtx, args) (any, error) {
		pending, queued := s.chain.PoolContent()
		return map[string]any{"pending": poolMap(pending), "queued": poolMap(queued)}, nil
	}
	m["txpool_contentFrom"] = func(_ *callCtx, a args) (any, error) {
		var addr address
		if err := a.need(0, &addr); err != nil {
			return nil, err
		}
		pending, queued := s.chain.PoolContent()
		from := func(l []*chain.PendingTx) []*chain.PendingTx {
			var out []*chain.PendingTx
			for _, t := range l {
				if t.From == types.Address(addr) {
					out = append(out, t)
				}
			}
			return out
		}
		p, q := poolMap(from(pending)), poolMap(from(queued))
		return map[string]any{"pending": p[types.Address(addr)], "queued": q[types.Address(addr)]}, nil
	}
}

// poolMap is txpool_content's shape: sender -> nonce (decimal) -> tx.
func poolMap(txs []*chain.PendingTx) map[types.Address]map[string]*rpcTx {
	out := map[types.Address]map[string]*rpcTx{}
	for _, t := range txs {
		if out[t.From] == nil {
			out[t.From] = map[string]*rpcTx{}
		}
		out[t.From][quantityDecimal(t.Tx.Nonce)] = formatTx(t.Tx, t.Hash, t.From, nil, 0)
	}
	return out
}

func quantityDecimal(n uint64) string { return strconv.FormatUint(n, 10) }

// consensusReceipt is the receipt as the receipts trie commits to it.
func consensusReceipt(r *chain.Receipt) *types.Receipt {
	return &types.Receipt{Type: r.Type, Status: r.Status, PostState: r.PostState, CumulativeGasUsed: r.CumulativeGasUsed, Bloom: r.Bloom, Logs: r.Logs}
}
