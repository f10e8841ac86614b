package transition

import (
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/trie"
	"github.com/goevm/goevm/types"
)

// ListRoot is the root of the trie mapping rlp(i) to item(i) for i < n: the
// form of the transactions, receipts and withdrawals roots.
func ListRoot(n int, item func(i int) []byte) types.Hash {
	t := trie.New()
	var key []byte
	for i := 0; i < n; i++ {
		key = rlp.AppendUint64(key[:0], uint64(i))
		t.Put(append([]byte(nil), key...), item(i))
	}
	return t.Hash()
}
