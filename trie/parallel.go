package trie

import (
	"sync"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/types"
)

// parallelMin is the size below which spreading the work is not worth the
// goroutines.
const parallelMin = 4096

// ParallelRoot is Builder.Root with the sixteen subtries under the root
// branch encoded and hashed on up to workers goroutines. For small inputs, or
// when the root is not a plain branch (all keys share a first nibble, or a
// key is empty), it falls back to one Builder.
func ParallelRoot(items []KV, workers int) (types.Hash, error) {
	if err := checkSorted(items); err != nil {
		return types.Hash{}, err
	}
	if len(items) == 0 {
		return crypto.EmptyRootHash, nil
	}
	if workers < 2 || len(items) < parallelMin || len(items[0].Key) == 0 ||
		nibble(items[0].Key, 0) == nibble(items[len(items)-1].Key, 0) {
		b := NewBuilder()
		return b.hashRoot(b.encode(items, 0, 0)), nil
	}

	// Split by first nibble; each group is one child of the root branch.
	var groups [16][]KV
	for rest := items; len(rest) > 0; {
		d := nibble(rest[0].Key, 0)
		n := 1
		for n < len(rest) && nibble(rest[n].Key, 0) == d {
			n++
		}
		groups[d], rest = rest[:n], rest[n:]
	}

	var refs [16][]byte
	next := make(chan int, 16)
	for d := range groups {
		next <- d
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, 16); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := NewBuilder()
			for d := range next {
				if len(groups[d]) > 0 {
					refs[d] = b.appendRef(nil, groups[d], 1, 0)
				}
			}
		}()
	}
	wg.Wait()

	payload := make([]byte, 0, 16*33+1)
	for _, r := range refs {
		if r == nil {
			payload = append(payload, 0x80)
		} else {
			payload = append(payload, r...)
		}
	}
	payload = append(payload, 0x80) // no key ends at the root
	return crypto.Keccak256(rlp.WrapList(payload)), nil
}
