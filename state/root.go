package state

import (
	"bytes"
	"runtime"
	"slices"
	"sync"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/trie"
	"github.com/goevm/goevm/types"
)

// IntermediateRoot finalises the current transaction (see Finalise) and
// returns the state root: the trie of rlp([nonce, balance, storageRoot,
// codeHash]) under keccak(address). Storage roots of accounts whose storage
// did not change since the last call are reused.
func (m *Memory) IntermediateRoot(deleteEmptyObjects bool) types.Hash {
	m.Finalise(deleteEmptyObjects)
	m.updateStorageRoots()

	type entry struct {
		key types.Hash
		a   *account
	}
	entries := make([]entry, 0, len(m.accounts))
	k := crypto.NewKeccak()
	for addr, a := range m.accounts {
		if !a.addrHashed {
			k.Reset()
			k.Write(addr[:])
			k.Read(a.addrHash[:])
			a.addrHashed = true
		}
		entries = append(entries, entry{a.addrHash, a})
	}
	slices.SortFunc(entries, func(x, y entry) int { return bytes.Compare(x.key[:], y.key[:]) })

	arena := make([]byte, 0, len(entries)*maxAccountRLP)
	items := make([]trie.KV, len(entries))
	for i := range entries {
		a := entries[i].a
		start := len(arena)
		arena = appendAccountRLP(arena, a.nonce, &a.balance, a.storageRoot, a.codeHash)
		items[i] = trie.KV{Key: entries[i].key[:], Value: arena[start:len(arena):len(arena)]}
	}
	root, err := trie.SortedRoot(items)
	if err != nil {
		// Keys are distinct keccak digests in sorted order and account
		// encodings are never empty, so the builder cannot refuse them.
		panic("state: " + err.Error())
	}
	return root
}

// StorageRoot returns the root of addr's committed storage (as of the last
// Finalise), or the empty root for a missing account.
func (m *Memory) StorageRoot(addr types.Address) types.Hash {
	a := m.accounts[addr]
	if a == nil {
		return crypto.EmptyRootHash
	}
	if !a.rootValid {
		a.storageRoot = newStorageHasher().root(a.origin)
		a.rootValid = true
	}
	return a.storageRoot
}

// parallelThreshold is the number of stale storage tries worth spreading
// over several goroutines.
const parallelThreshold = 64

// updateStorageRoots recomputes the storage roots that are stale.
func (m *Memory) updateStorageRoots() {
	var stale []*account
	for _, a := range m.accounts {
		if !a.rootValid {
			stale = append(stale, a)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(stale)/parallelThreshold)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh := newStorageHasher()
			for i := w; i < len(stale); i += workers {
				a := stale[i]
				a.storageRoot = sh.root(a.origin)
				a.rootValid = true
			}
		}()
	}
	wg.Wait()
}

// storageHasher computes storage roots, reusing its buffers between accounts.
type storageHasher struct {
	b     *trie.Builder
	k     crypto.KeccakState
	slots []hashedSlot
	items []trie.KV
	arena []byte
}

type hashedSlot struct {
	key   types.Hash
	value types.Hash
}

func newStorageHasher() *storageHasher {
	return &storageHasher{b: trie.NewBuilder(), k: crypto.NewKeccak()}
}

// root is the trie of RLP-trimmed values under keccak(slot). storage holds
// non-zero values only.
func (s *storageHasher) root(storage map[types.Hash]types.Hash) types.Hash {
	if len(storage) == 0 {
		return crypto.EmptyRootHash
	}
	s.slots = s.slots[:0]
	for k, v := range storage {
		var hs hashedSlot
		s.k.Reset()
		s.k.Write(k[:])
		s.k.Read(hs.key[:])
		hs.value = v
		s.slots = append(s.slots, hs)
	}
	slices.SortFunc(s.slots, func(x, y hashedSlot) int { return bytes.Compare(x.key[:], y.key[:]) })

	s.items = s.items[:0]
	s.arena = slices.Grow(s.arena[:0], 33*len(s.slots))
	for i := range s.slots {
		start := len(s.arena)
		s.arena = appendStorageRLP(s.arena, s.slots[i].value)
		s.items = append(s.items, trie.KV{Key: s.slots[i].key[:], Value: s.arena[start:len(s.arena)]})
	}
	root, err := s.b.Root(s.items)
	if err != nil {
		panic("state: " + err.Error()) // sorted distinct digests, non-empty values: unreachable
	}
	return root
}
