package rpcdb

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/goevm/goevm/types"
)

// historyNode answers single calls from a table keyed by method and
// params; unknown calls answer null. The answers it serves are the
// expected values.
type historyNode struct {
	*httptest.Server
	posts   atomic.Int64
	answers map[string]string
}

func newHistoryNode(t *testing.T, answers map[string]string) *historyNode {
	n := &historyNode{answers: answers}
	n.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.posts.Add(1)
		body, _ := io.ReadAll(r.Body)
		var req struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("bad request %s", body)
		}
		res, ok := n.answers[req.Method+string(req.Params)]
		if !ok {
			res = "null"
		}
		io.WriteString(w, `{"jsonrpc":"2.0","id":`+string(req.ID)+`,"result":`+res+`}`)
	}))
	t.Cleanup(n.Close)
	return n
}

func TestHistoryKeepsOnlyTheForksHistory(t *testing.T) {
	mined := types.Hash{1}    // in block 5, below the fork block 7
	later := types.Hash{2}    // in block 8, after it
	pending := types.Hash{3}  // not mined on the remote
	unknown := types.Hash{4}  // unknown to the remote
	mislabel := types.Hash{5} // answered with another transaction's receipt
	q := func(h types.Hash) string { return `["` + h.Hex() + `"]` }
	tx := func(h types.Hash, block string) string {
		return `{"hash":"` + h.Hex() + `","blockNumber":` + block + `}`
	}
	node := newHistoryNode(t, map[string]string{
		"eth_getTransactionByHash" + q(mined):     tx(mined, `"0x5"`),
		"eth_getTransactionByHash" + q(later):     tx(later, `"0x8"`),
		"eth_getTransactionByHash" + q(pending):   tx(pending, "null"),
		"eth_getTransactionReceipt" + q(mislabel): `{"transactionHash":"` + mined.Hex() + `","blockNumber":"0x5"}`,
	})
	store := &mapStore{m: map[string][]byte{}}
	h := NewHistory(context.Background(), Dial(node.URL), 7, store)

	raw, err := h.Transaction(mined)
	if err != nil || string(raw) != tx(mined, `"0x5"`) {
		t.Fatalf("transaction of block 5: %s, %v", raw, err)
	}
	for _, hash := range []types.Hash{later, pending, unknown} {
		for range 2 { // not kept: asked again each time
			before := node.posts.Load()
			if raw, err := h.Transaction(hash); raw != nil || err != nil {
				t.Errorf("transaction %s: %s, %v; want nil (not in the fork's history)", hash, raw, err)
			}
			if node.posts.Load() != before+1 {
				t.Errorf("transaction %s: answered without asking the remote", hash)
			}
		}
	}
	if _, err := h.Receipt(mislabel); !errors.Is(err, ErrBadAnswer) {
		t.Errorf("receipt of another transaction: %v, want ErrBadAnswer", err)
	}
	before := node.posts.Load()
	if _, err := h.BlockByNumber(8, false); !errors.Is(err, ErrNotHistory) {
		t.Errorf("block 8 of a fork at 7: %v, want ErrNotHistory", err)
	}
	// Kept in memory, and in the store for another History over it.
	again := NewHistory(context.Background(), Dial(node.URL), 7, store)
	for _, hist := range []*History{h, again} {
		if raw, err := hist.Transaction(mined); err != nil || string(raw) != tx(mined, `"0x5"`) {
			t.Errorf("cached transaction: %s, %v", raw, err)
		}
	}
	if n := node.posts.Load() - before; n != 0 {
		t.Errorf("%d requests for block 8 and cached answers, want 0", n)
	}
}
