package crypto

import (
	"sync"

	"github.com/goevm/goevm/types"
)

// Hasher computes Keccak-256 digests without allocating. The legacy
// Keccak state is only reachable through an interface, and anything handed
// to an interface method escapes: a caller's array would move to the heap
// and the digest buffer would be allocated on every call. So Hasher feeds
// the state from a scratch buffer of its own (one extra copy, a few
// nanoseconds per 136-byte block beside the permutation) and reads the
// digest into another. The zero value is ready to use.
type Hasher struct {
	h       KeccakState
	scratch [136]byte // the Keccak-256 rate: one permutation's input
	out     types.Hash
}

// Reset starts a new digest.
func (k *Hasher) Reset() {
	if k.h == nil {
		k.h = NewKeccak()
	}
	k.h.Reset()
}

// Write adds data to the digest.
func (k *Hasher) Write(data []byte) {
	for len(data) > 0 {
		n := copy(k.scratch[:], data)
		k.h.Write(k.scratch[:n])
		data = data[n:]
	}
}

// Sum returns the digest of what was written since Reset.
func (k *Hasher) Sum() types.Hash {
	k.h.Read(k.out[:])
	return k.out
}

// Sum256 is Reset, Write(data), Sum.
func (k *Hasher) Sum256(data []byte) types.Hash {
	k.Reset()
	k.Write(data)
	return k.Sum()
}

var hasherBufPool = sync.Pool{New: func() any { return new(Hasher) }}
