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

	entries := make([]rootEntry, 0, len(m.accounts))
	for addr, a := range m.accounts {
		if a == nil {
			continue
		}
		entries = append(entries, rootEntry{addr, a})
	}
	entries = m.appendBaseEntries(entries)
	hashAccounts(entries)
	slices.SortFunc(entries, func(x, y rootEntry) int { return bytes.Compare(x.a.addrHash[:], y.a.addrHash[:]) })

	arena := make([]byte, 0, len(entries)*maxAccountRLP)
	items := make([]trie.KV, len(entries))
	for i, e := range entries {
		a := e.a
		start := len(arena)
		arena = appendAccountRLP(arena, a.nonce, &a.balance, a.storageRoot, a.codeHash)
		items[i] = trie.KV{Key: a.addrHash[:], Value: arena[start:len(arena):len(arena)]}
	}
	root, err := trie.ParallelRoot(items, runtime.GOMAXPROCS(0))
	if err != nil {
		// Keys are distinct keccak digests in sorted order and account
		// encodings are never empty, so the builder cannot refuse them.
		panic("state: " + err.Error())
	}
	return root
}

type rootEntry struct {
	addr types.Address
	a    *account
}

// StorageRoot returns the root of addr's committed storage (as of the last
// Finalise), or the empty root for a missing account.
func (m *Memory) StorageRoot(addr types.Address) types.Hash {
	a := m.get(&addr)
	if a == nil {
		return crypto.EmptyRootHash
	}
	if !a.rootValid {
		a.storageRoot = newStorageHasher().root(a.origin)
		a.rootValid = true
	}
	return a.storageRoot
}

// parallelThreshold is the number of accounts worth spreading over
// several goroutines.
const parallelThreshold = 256

// hashAccounts fills in the trie keys (keccak of the address) and storage
// roots that are not cached yet, on all available cores.
func hashAccounts(entries []rootEntry) {
	workers := min(runtime.GOMAXPROCS(0), 1+len(entries)/parallelThreshold)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sh *storageHasher
			for i := w; i < len(entries); i += workers {
				addr, a := entries[i].addr, entries[i].a
				if !a.addrHashed {
					a.addrHash, a.addrHashed = crypto.Keccak256(addr[:]), true
				}
				if !a.rootValid {
					if sh == nil {
						sh = newStorageHasher()
					}
					a.storageRoot, a.rootValid = sh.root(a.origin), true
				}
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
