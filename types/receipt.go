package types

import (
	"github.com/goevm/goevm/rlp"
)

// Receipt is the outcome of a transaction as the receipts trie commits to it.
type Receipt struct {
	Type uint8
	// PostState is the state root after the transaction, which receipts
	// carried before Byzantium. When it is set, Status is not encoded.
	PostState []byte
	// Status is true for success (EIP-658, Byzantium on).
	Status            bool
	CumulativeGasUsed uint64
	Bloom             Bloom
	Logs              []*Log
}

// EncodeBinary returns the receipt's binary form (EIP-2718): rlp([status or
// post-state root, cumulative gas used, bloom, logs]) for a legacy
// transaction, type || that for a typed one.
func (r *Receipt) EncodeBinary() []byte {
	var p []byte
	switch {
	case len(r.PostState) > 0:
		p = rlp.AppendString(p, r.PostState)
	case r.Status:
		p = rlp.AppendUint64(p, 1)
	default:
		p = rlp.AppendUint64(p, 0)
	}
	p = rlp.AppendUint64(p, r.CumulativeGasUsed)
	p = rlp.AppendString(p, r.Bloom[:])
	var logs []byte
	for _, l := range r.Logs {
		logs = l.AppendRLP(logs)
	}
	p = rlp.AppendList(p, len(logs))
	p = append(p, logs...)
	out := make([]byte, 0, 1+rlp.ListSize(len(p)))
	if r.Type != LegacyTxType {
		out = append(out, r.Type)
	}
	out = rlp.AppendList(out, len(p))
	return append(out, p...)
}

// MarshalBinary is EncodeBinary for encoding.BinaryMarshaler.
func (r *Receipt) MarshalBinary() ([]byte, error) { return r.EncodeBinary(), nil }
