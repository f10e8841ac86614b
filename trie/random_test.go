package trie

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMutableTrieMatchesBuilder cross-checks the two implementations on
// random inserts, overwrites and deletes of variable-length keys (prefixes of
// one another included), hashing at intermediate points to exercise the
// cached references.
func TestMutableTrieMatchesBuilder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 50; round++ {
		tr := New()
		want := map[string][]byte{}
		for op := 0; op < 300; op++ {
			key := make([]byte, rng.IntN(4))
			for i := range key {
				key[i] = byte(rng.IntN(4)) * 0x11 // few distinct nibbles: deep shared paths
			}
			if rng.IntN(3) == 0 {
				tr.Delete(key)
				delete(want, string(key))
			} else {
				val := bytes.Repeat([]byte{byte(op)}, 1+rng.IntN(40))
				tr.Put(key, val)
				want[string(key)] = val
			}
			if op%37 == 0 {
				checkAgainstBuilder(t, tr, want)
			}
		}
		checkAgainstBuilder(t, tr, want)
	}
}

func checkAgainstBuilder(t *testing.T, tr *Trie, want map[string][]byte) {
	t.Helper()
	items := make([]KV, 0, len(want))
	for k, v := range want {
		items = append(items, KV{[]byte(k), v})
	}
	slices.SortFunc(items, func(a, b KV) int { return bytes.Compare(a.Key, b.Key) })
	root, err := SortedRoot(items)
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.Hash(); got != root {
		t.Fatalf("mutable trie %s, builder %s, %d keys", got, root, len(items))
	}
	n := 0
	tr.ForEach(func(k, v []byte) bool {
		if n >= len(items) || !bytes.Equal(k, items[n].Key) || !bytes.Equal(v, items[n].Value) {
			t.Fatalf("ForEach item %d = %x, want %x", n, k, items[n].Key)
		}
		n++
		return true
	})
	if n != len(items) {
		t.Fatalf("ForEach saw %d items, want %d", n, len(items))
	}
}

func TestBuilderRejectsBadInput(t *testing.T) {
	b := NewBuilder()
	if _, err := b.Root([]KV{{[]byte("b"), []byte("1")}, {[]byte("a"), []byte("2")}}); !errors.Is(err, ErrUnsortedKeys) {
		t.Errorf("unsorted: %v", err)
	}
	if _, err := b.Root([]KV{{[]byte("a"), []byte("1")}, {[]byte("a"), []byte("2")}}); !errors.Is(err, ErrUnsortedKeys) {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := b.Root([]KV{{[]byte("a"), nil}}); !errors.Is(err, ErrEmptyValue) {
		t.Errorf("empty value: %v", err)
	}
}

func TestParallelRootMatchesBuilder(t *testing.T) {
	for _, n := range []int{0, 1, 100, parallelMin, 3 * parallelMin} {
		items := accountLike(n)
		want, err := SortedRoot(items)
		if err != nil {
			t.Fatal(err)
		}
		for _, workers := range []int{1, 2, 5} {
			if got, err := ParallelRoot(items, workers); err != nil || got != want {
				t.Errorf("n=%d workers=%d: %s (%v), want %s", n, workers, got, err, want)
			}
		}
	}
	// All keys under one first nibble: the root is an extension.
	items := accountLike(2 * parallelMin)
	for i := range items {
		items[i].Key = append([]byte{0x70}, items[i].Key...)
	}
	want, _ := SortedRoot(items)
	if got, _ := ParallelRoot(items, 2); got != want {
		t.Errorf("shared first nibble: %s, want %s", got, want)
	}
	if _, err := ParallelRoot([]KV{{[]byte("b"), []byte("1")}, {[]byte("a"), []byte("1")}}, 2); !errors.Is(err, ErrUnsortedKeys) {
		t.Errorf("unsorted input accepted: %v", err)
	}
}
