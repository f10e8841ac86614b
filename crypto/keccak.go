// Package crypto holds the hashing and signature primitives the EVM needs:
// Keccak-256 with the original (pre-SHA3) padding, secp256k1 signing and
// public-key recovery, and address derivation.
package crypto

import (
	"hash"

	"github.com/goevm/goevm/types"
	"golang.org/x/crypto/sha3"
)

// KeccakState is a Keccak-256 hasher that can read its digest without the
// copy hash.Hash.Sum makes.
type KeccakState interface {
	hash.Hash
	Read([]byte) (int, error)
}

// NewKeccak returns a fresh legacy Keccak-256 hasher (Ethereum's "sha3").
func NewKeccak() KeccakState { return sha3.NewLegacyKeccak256().(KeccakState) }

// Keccak256 hashes the concatenation of data with a pooled Hasher: no
// allocation, and data does not escape.
func Keccak256(data ...[]byte) types.Hash {
	h := hasherBufPool.Get().(*Hasher)
	h.Reset()
	for _, b := range data {
		h.Write(b)
	}
	out := h.Sum()
	hasherBufPool.Put(h)
	return out
}

// EmptyCodeHash is Keccak256 of nothing, the code hash of an account without code.
var EmptyCodeHash = Keccak256()

// EmptyRootHash is the root of an empty trie, Keccak256(rlp("")).
var EmptyRootHash = Keccak256([]byte{0x80})
