package bench

import (
	"fmt"
	"testing"

	gethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/goevm/goevm/crypto"
)

// keccakSizes are the inputs Keccak-256 meets most: a 32-byte word and a
// 64-byte pair (KECCAK256 of a mapping slot, trie nodes' children), an
// address-sized key, one full 136-byte block and a short trie node, and a
// kilobyte of code or calldata.
var keccakSizes = []int{20, 32, 64, 136, 532, 1024}

// TestSameKeccak guards BenchmarkKeccak: both implementations must agree.
func TestSameKeccak(t *testing.T) {
	for _, n := range keccakSizes {
		in := keccakInput(n)
		if ours, theirs := crypto.Keccak256(in), gethcrypto.Keccak256Hash(in); ours != [32]byte(theirs) {
			t.Errorf("%d bytes: goevm %x, geth %x", n, ours, theirs)
		}
	}
}

// BenchmarkKeccak times goevm's Keccak-256 (golang.org/x/crypto/sha3's
// legacy Keccak, pure Go) against geth's (its crypto/keccak, with amd64
// assembly), as sub-benchmarks impl=goevm|geth for benchstat -col /impl
// (issue 18 asks whether the x/crypto permutation lags).
func BenchmarkKeccak(b *testing.B) {
	for _, n := range keccakSizes {
		in := keccakInput(n)
		b.Run(fmt.Sprintf("size=%d/impl=goevm", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				_ = crypto.Keccak256(in)
			}
		})
		b.Run(fmt.Sprintf("size=%d/impl=geth", n), func(b *testing.B) {
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				_ = gethcrypto.Keccak256Hash(in)
			}
		})
	}
}

func keccakInput(n int) []byte {
	in := make([]byte, n)
	for i := range in {
		in[i] = byte(i*7 + 1)
	}
	return in
}
