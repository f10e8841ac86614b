package types

import "github.com/goevm/goevm/rlp"

// AppendRLP appends rlp([address, [topic, ...], data]), a log as receipts
// encode it.
func (l *Log) AppendRLP(b []byte) []byte {
	var p []byte
	p = rlp.AppendString(p, l.Address[:])
	p = appendHashList(p, l.Topics)
	p = rlp.AppendString(p, l.Data)
	b = rlp.AppendList(b, len(p))
	return append(b, p...)
}

// EncodeRLP returns the log's RLP encoding.
func (l *Log) EncodeRLP() []byte { return l.AppendRLP(nil) }

// LogsHash is keccak256(rlp(logs)), the "logs" hash state-test fixtures check.
func LogsHash(logs []*Log) Hash {
	var p []byte
	for _, l := range logs {
		p = l.AppendRLP(p)
	}
	return keccak256(rlp.WrapList(p))
}
