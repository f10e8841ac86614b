package state

import (
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// maxAccountRLP bounds the encoding below: a 2-byte list header, nonce
// (up to 9), balance (up to 33) and two 33-byte hashes.
const maxAccountRLP = 2 + 9 + 33 + 33 + 33

// appendAccountRLP appends the state-trie value of an account:
// rlp([nonce, balance, storageRoot, codeHash]) (Yellow Paper 4.1).
func appendAccountRLP(dst []byte, nonce uint64, balance *uint256.Int, storageRoot, codeHash types.Hash) []byte {
	var payload [maxAccountRLP]byte
	p := rlp.AppendUint64(payload[:0], nonce)
	p = rlp.AppendU256(p, balance)
	p = rlp.AppendString(p, storageRoot[:])
	p = rlp.AppendString(p, codeHash[:])
	dst = rlp.AppendList(dst, len(p))
	return append(dst, p...)
}

// appendStorageRLP appends the storage-trie value of a slot: the word as an
// RLP string with leading zero bytes trimmed. Zero words are never stored.
func appendStorageRLP(dst []byte, v types.Hash) []byte {
	i := 0
	for i < len(v) && v[i] == 0 {
		i++
	}
	return rlp.AppendString(dst, v[i:])
}

// AppendStorageRLP appends a slot's storage-trie value (the word as an RLP
// string with leading zero bytes trimmed), for owners of their own tries.
func AppendStorageRLP(dst []byte, v types.Hash) []byte { return appendStorageRLP(dst, v) }
