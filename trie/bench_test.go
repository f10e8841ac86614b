package trie

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"github.com/goevm/goevm/crypto"
)

// accountLike returns n keccak keys with 70-byte values, the shape of the
// state trie.
func accountLike(n int) []KV {
	items := make([]KV, n)
	for i := range items {
		var idx [8]byte
		binary.BigEndian.PutUint64(idx[:], uint64(i))
		k := crypto.Keccak256(idx[:])
		items[i] = KV{Key: k[:], Value: bytes.Repeat([]byte{byte(i) | 1}, 70)}
	}
	slices.SortFunc(items, func(a, b KV) int { return bytes.Compare(a.Key, b.Key) })
	return items
}

func BenchmarkBuilder100k(b *testing.B) {
	items := accountLike(100_000)
	bl := NewBuilder()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bl.Root(items); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTriePutHash100k(b *testing.B) {
	items := accountLike(100_000)
	b.ReportAllocs()
	for b.Loop() {
		t := New()
		for _, it := range items {
			t.Put(it.Key, it.Value)
		}
		t.Hash()
	}
}

func BenchmarkParallelRoot100k(b *testing.B) {
	items := accountLike(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParallelRoot(items, 2); err != nil {
			b.Fatal(err)
		}
	}
}
