package rpc

import (
	"encoding/json"
	"errors"

	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/types"
)

// On a forked chain (goevm node --fork-url) the blocks at and below the
// fork block are the remote's: the chain holds none below it and only the
// header of the fork block. Requests about them are answered as anvil
// answers them, with the remote's own JSON, through chain.RemoteHistory
// (rpcdb.History fetches, checks the shape and caches; this file decides
// which requests go there). Blocks after the fork block, and transactions
// the chain knows, are answered locally as on any chain.

// historyRef names a block of the remote's history: by number, or by hash
// when the chain does not hold it (the remote then says whether it is at
// or below the fork block).
type historyRef struct {
	h      *rpcdb.History
	number uint64
	hash   *types.Hash
}

// historyBlock reports whether tag names a block of a fork's remote
// history, and which.
func (s *Server) historyBlock(tag blockTag) (historyRef, bool) {
	h := s.chain.RemoteHistory()
	if h == nil {
		return historyRef{}, false
	}
	switch {
	case tag.hash != nil:
		blk, err := s.chain.BlockByHash(*tag.hash)
		if errors.Is(err, chain.ErrUnknownBlock) {
			return historyRef{h: h, hash: tag.hash}, true
		}
		if err != nil || blk.Header.Number > h.Number() {
			return historyRef{}, false
		}
		return historyRef{h: h, number: blk.Header.Number}, true
	case tag.tag == "":
		return historyRef{h: h, number: tag.number}, tag.number <= h.Number()
	}
	blk, err := s.resolve(tag) // latest, earliest, ...: the fork block on a fresh fork
	if err != nil || blk.Header.Number > h.Number() {
		return historyRef{}, false
	}
	return historyRef{h: h, number: blk.Header.Number}, true
}

func (r historyRef) block(full bool) (any, error) {
	var raw json.RawMessage
	var err error
	if r.hash != nil {
		raw, err = r.h.BlockByHash(*r.hash, full)
	} else {
		raw, err = r.h.BlockByNumber(r.number, full)
	}
	return orNull(raw), err
}

func (r historyRef) receipts() (any, error) {
	var raw json.RawMessage
	var err error
	if r.hash != nil {
		raw, err = r.h.BlockReceiptsByHash(*r.hash)
	} else {
		raw, err = r.h.BlockReceipts(r.number)
	}
	return orNull(raw), err
}

// orNull keeps a missing answer a JSON null rather than a nil RawMessage
// inside an interface.
func orNull(raw json.RawMessage) any {
	if raw == nil {
		return nil
	}
	return raw
}

// remoteTx answers eth_getTransactionByHash (receipt false) or
// eth_getTransactionReceipt for a transaction the chain does not know:
// the remote's, if it mined it at or below the fork block; else null.
func (s *Server) remoteTx(h types.Hash, receipt bool) (any, error) {
	hist := s.chain.RemoteHistory()
	if hist == nil {
		return nil, nil
	}
	var raw json.RawMessage
	var err error
	if receipt {
		raw, err = hist.Receipt(h)
	} else {
		raw, err = hist.Transaction(h)
	}
	return orNull(raw), err
}

// logs answers a log query over [from, to] (or q.BlockHash): on a fork,
// the part at or below the fork block from the remote, the rest from the
// chain, in block order.
func (s *Server) logs(q *logQuery, from, to uint64) (any, error) {
	if q.BlockHash != nil {
		ref, ok := s.historyBlock(blockTag{hash: (*types.Hash)(q.BlockHash)})
		if !ok {
			return s.getLogs(q, from, to)
		}
		if ref.hash != nil {
			if _, found, err := ref.h.BlockNumberOf(*ref.hash); err != nil || !found {
				if err == nil {
					err = errorf(codeServer, "unknown block")
				}
				return nil, err
			}
		}
		return ref.h.Logs(q.remoteFilter(map[string]any{"blockHash": types.Hash(*q.BlockHash)}))
	}
	h := s.chain.RemoteHistory()
	if h == nil || from > to || from > h.Number() {
		return s.getLogs(q, from, to)
	}
	if to-from >= maxLogRange {
		return nil, errorf(codeLimitExceeded, "block range of %d blocks exceeds the limit of %d", to-from+1, maxLogRange)
	}
	remoteTo := min(to, h.Number())
	raw, err := h.Logs(q.remoteFilter(map[string]any{"fromBlock": rpcdb.Quantity(from), "toBlock": rpcdb.Quantity(remoteTo)}))
	if err != nil || to == remoteTo {
		return raw, err
	}
	var remote []json.RawMessage
	if err := json.Unmarshal(raw, &remote); err != nil { // checked an array when fetched
		return nil, err
	}
	local, err := s.getLogs(q, remoteTo+1, to)
	if err != nil {
		return nil, err
	}
	if len(remote)+len(local) > maxLogResults {
		return nil, errorf(codeLimitExceeded, "query returned more than %d results", maxLogResults)
	}
	out := make([]any, 0, len(remote)+len(local))
	for _, l := range remote {
		out = append(out, l)
	}
	for _, l := range local {
		out = append(out, l)
	}
	return out, nil
}

// remoteFilter is the query's address and topics added to the block
// bounds, as eth_getLogs takes them.
func (q *logQuery) remoteFilter(bounds map[string]any) map[string]any {
	if len(q.Address) > 0 {
		bounds["address"] = []types.Address(q.Address)
	}
	if len(q.Topics) > 0 {
		topics := make([]any, len(q.Topics))
		for i, alts := range q.Topics {
			if len(alts) > 0 {
				topics[i] = []types.Hash(alts)
			}
		}
		bounds["topics"] = topics
	}
	return bounds
}

// numbered is the block's number, asking the remote for a hash the chain
// does not hold; ok false if the remote has no such block in the history.
func (r historyRef) numbered() (n uint64, ok bool, err error) {
	if r.hash == nil {
		return r.number, true, nil
	}
	return r.h.BlockNumberOf(*r.hash)
}

// txCount counts the transactions of the remote's block.
func (r historyRef) txCount() (any, error) {
	n, ok, err := r.numbered()
	if !ok || err != nil {
		return nil, err
	}
	raw, err := r.h.BlockByNumber(n, false)
	if raw == nil || err != nil {
		return nil, err
	}
	var b struct {
		Transactions []json.RawMessage `json:"transactions"`
	}
	if err := json.Unmarshal(raw, &b); err != nil { // checked when fetched
		return nil, err
	}
	return quantity(len(b.Transactions)), nil
}

// txByIndex is the remote's transaction at index of the block.
func (r historyRef) txByIndex(index uint64) (any, error) {
	n, ok, err := r.numbered()
	if !ok || err != nil {
		return nil, err
	}
	raw, err := r.h.TransactionByIndex(n, index)
	return orNull(raw), err
}
