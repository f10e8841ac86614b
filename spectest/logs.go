package spectest

import (
	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
)

// LogsHash is the "logs" field of a state test's post entry: the Keccak-256
// of the RLP list of the transaction's logs, each [address, [topics], data].
func LogsHash(logs []*types.Log) types.Hash {
	var payload []byte
	for _, l := range logs {
		payload = appendLog(payload, l)
	}
	return crypto.Keccak256(rlp.WrapList(payload))
}

func appendLog(dst []byte, l *types.Log) []byte {
	topicsLen := len(l.Topics) * (1 + types.HashLength)
	inner := rlp.StringSize(l.Address[:]) + rlp.ListSize(topicsLen) + rlp.StringSize(l.Data)
	dst = rlp.AppendList(dst, inner)
	dst = rlp.AppendString(dst, l.Address[:])
	dst = rlp.AppendList(dst, topicsLen)
	for _, t := range l.Topics {
		dst = rlp.AppendString(dst, t[:])
	}
	return rlp.AppendString(dst, l.Data)
}
