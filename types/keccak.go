package types

import (
	"sync"

	"golang.org/x/crypto/sha3"
)

// keccakPool serves transaction, authorization and bloom hashing. types
// cannot import crypto (crypto imports types), hence this small pool.
var keccakPool = sync.Pool{New: func() any { return sha3.NewLegacyKeccak256() }}

type keccakState interface {
	Write([]byte) (int, error)
	Read([]byte) (int, error)
	Reset()
}

// keccak256 is Keccak-256 of the concatenation of data.
func keccak256(data ...[]byte) Hash {
	h := keccakPool.Get().(keccakState)
	h.Reset()
	for _, b := range data {
		h.Write(b)
	}
	var out Hash
	h.Read(out[:])
	keccakPool.Put(h)
	return out
}
