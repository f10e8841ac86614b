package transition

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
)

// Bloom is a 2048-bit logs bloom filter (Yellow Paper 4.3.1).
type Bloom = [types.BloomByteLength]byte

// Receipt is the consensus part of a transaction receipt.
type Receipt struct {
	Type byte
	// PostState is the intermediate state root before Byzantium; from
	// Byzantium (EIP-658) Status is encoded instead.
	PostState         []byte
	Status            bool
	CumulativeGasUsed uint64
	Bloom             Bloom
	Logs              []*types.Log
}

// EncodeBinary is the receipt's consensus encoding, the value of the
// receipts trie: rlp([status, cumulativeGas, bloom, logs]), prefixed by the
// type byte for typed transactions (EIP-2718).
func (r *Receipt) EncodeBinary() []byte {
	var p []byte
	switch {
	case r.PostState != nil:
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
		logs = append(logs, encodeLog(l)...)
	}
	p = append(p, rlp.WrapList(logs)...)
	out := rlp.WrapList(p)
	if r.Type != types.LegacyTxType {
		out = append([]byte{r.Type}, out...)
	}
	return out
}

func encodeLog(l *types.Log) []byte {
	var p, topics []byte
	p = rlp.AppendString(p, l.Address[:])
	for _, t := range l.Topics {
		topics = rlp.AppendString(topics, t[:])
	}
	p = append(p, rlp.WrapList(topics)...)
	p = rlp.AppendString(p, l.Data)
	return rlp.WrapList(p)
}

// LogsBloom is the bloom of the logs' addresses and topics: for each, three
// bits chosen by the low 11 bits of the first three byte pairs of its hash.
func LogsBloom(logs []*types.Log) Bloom {
	var b Bloom
	add := func(data []byte) {
		h := crypto.Keccak256(data)
		for i := 0; i < 6; i += 2 {
			bit := (uint(h[i])<<8 | uint(h[i+1])) & 2047
			b[types.BloomByteLength-1-bit/8] |= 1 << (bit % 8)
		}
	}
	for _, l := range logs {
		add(l.Address[:])
		for _, t := range l.Topics {
			add(t[:])
		}
	}
	return b
}
