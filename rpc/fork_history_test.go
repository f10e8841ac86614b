package rpc

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goevm/goevm/types"
)

// A fork answers for the remote's history (blocks, transactions, receipts
// and logs at or below the fork block) with the remote's own answers: the
// remote, another node started here, gives the expected values.

type historyCall struct {
	method string
	params []any
}

func (c historyCall) String() string {
	p, _ := json.Marshal(c.params)
	return c.method + string(p)
}

// decoded is a JSON answer as plain values, to compare answers whatever
// their spacing and key order.
func decoded(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("answer %s: %v", raw, err)
	}
	return v
}

// remoteHistory builds a remote with logs in blocks 3..6 (logChain) and
// returns the calls whose answers a fork at block 6 must share with it.
func remoteHistory(t *testing.T, remote *testNode) (calls []historyCall, c1 types.Address) {
	c1, _ = logChain(t, remote)
	forkAt := remote.blockNumber()
	var b3, b4 struct {
		Hash         types.Hash   `json:"hash"`
		Transactions []types.Hash `json:"transactions"`
	}
	remote.call(&b3, "eth_getBlockByNumber", "0x3", false)
	remote.call(&b4, "eth_getBlockByNumber", "0x4", false)
	var bN struct {
		Transactions []types.Hash `json:"transactions"`
	}
	remote.call(&bN, "eth_getBlockByNumber", fmt.Sprintf("0x%x", forkAt), false)
	if len(b3.Transactions) != 1 || len(bN.Transactions) != 1 {
		t.Fatalf("remote blocks 3 and %d: %+v %+v, want a transaction each", forkAt, b3, bN)
	}
	tag := fmt.Sprintf("0x%x", forkAt)
	for _, n := range []string{"0x0", "0x3", tag} {
		calls = append(calls,
			historyCall{"eth_getBlockByNumber", []any{n, false}},
			historyCall{"eth_getBlockByNumber", []any{n, true}},
			historyCall{"eth_getBlockReceipts", []any{n}})
	}
	for _, tx := range []types.Hash{b3.Transactions[0], bN.Transactions[0]} {
		calls = append(calls,
			historyCall{"eth_getTransactionByHash", []any{tx}},
			historyCall{"eth_getTransactionReceipt", []any{tx}})
	}
	calls = append(calls,
		historyCall{"eth_getBlockByHash", []any{b3.Hash, true}},
		historyCall{"eth_getBlockTransactionCountByNumber", []any{"0x3"}},
		historyCall{"eth_getBlockTransactionCountByHash", []any{b4.Hash}},
		historyCall{"eth_getTransactionByBlockNumberAndIndex", []any{tag, "0x0"}},
		historyCall{"eth_getTransactionByBlockHashAndIndex", []any{b4.Hash, "0x0"}},
		historyCall{"eth_getBlockReceipts", []any{b4.Hash}},
		historyCall{"eth_getLogs", []any{map[string]any{"fromBlock": "0x0", "toBlock": tag}}},
		historyCall{"eth_getLogs", []any{map[string]any{"blockHash": b4.Hash}}},
		historyCall{"eth_getLogs", []any{map[string]any{"fromBlock": "0x3", "toBlock": tag, "address": c1,
			"topics": []any{storedTopicHex, types.BytesToHash(remote.accts[1][:])}}}})
	return calls, c1
}

func TestForkServesRemoteHistory(t *testing.T) {
	remote := newNode(t)
	calls, c1 := remoteHistory(t, remote)
	forkAt := remote.blockNumber()
	want := make([]any, len(calls))
	for i, c := range calls {
		if want[i] = decoded(t, remote.call(nil, c.method, c.params...)); want[i] == nil {
			t.Fatalf("the remote answers %s with %v: nothing to compare", c, want[i])
		}
	}
	// The remote moves on: its next block is not the fork's history.
	after := remote.send(map[string]any{"from": remote.accts[1], "to": c1, "input": hexOf([]byte{1}, word(77))})

	proxy := newCountingProxy(t, remote.srv)
	dir := t.TempDir()
	fork, err := newForkNode(t, proxy.URL, &forkAt, dir)
	if err != nil {
		t.Fatal(err)
	}
	mine := fork.send(map[string]any{"from": fork.accts[2], "to": c1, "input": hexOf([]byte{1}, word(8))})
	compare := func(n *testNode, round string) {
		t.Helper()
		before := proxy.posts.Load()
		for i, c := range calls {
			if got := decoded(t, n.call(nil, c.method, c.params...)); !reflect.DeepEqual(got, want[i]) {
				t.Errorf("%s: fork answers %s\n%v\nthe remote answers\n%v", round, c, got, want[i])
			}
		}
		t.Logf("%s round: %d requests to the remote for %d calls", round, proxy.posts.Load()-before, len(calls))
		if round != "first" {
			if posts := proxy.posts.Load() - before; posts != 0 {
				t.Errorf("%s: %d requests to the remote, want 0 (all cached)", round, posts)
			}
		}
	}
	compare(fork, "first")
	compare(fork, "second")

	// After the fork block: the fork's own blocks; the remote's later
	// transaction and block are not in the fork's history.
	if res := fork.call(nil, "eth_getTransactionByHash", after.TransactionHash); string(res) != "null" {
		t.Errorf("the remote's transaction after the fork block: %s, want null", res)
	}
	if res := fork.call(nil, "eth_getBlockByHash", after.BlockHash, false); string(res) != "null" {
		t.Errorf("the remote's block after the fork block: %s, want null", res)
	}
	if r := fork.receipt(mine.TransactionHash); r == nil || r.BlockHash != mine.BlockHash {
		t.Errorf("the fork's own transaction: %+v", r)
	}
	// A range across the fork block: the remote's logs, then the fork's.
	var remoteLogs, straddling []json.RawMessage
	remote.call(&remoteLogs, "eth_getLogs", map[string]any{"fromBlock": "0x3", "toBlock": fmt.Sprintf("0x%x", forkAt)})
	fork.call(&straddling, "eth_getLogs", map[string]any{"fromBlock": "0x3", "toBlock": "latest"})
	if len(straddling) != len(remoteLogs)+1 {
		t.Fatalf("logs 3..latest on the fork: %d, want the remote's %d and the fork's 1", len(straddling), len(remoteLogs))
	}
	for i := range remoteLogs {
		if !reflect.DeepEqual(decoded(t, straddling[i]), decoded(t, remoteLogs[i])) {
			t.Errorf("log %d: fork %s, remote %s", i, straddling[i], remoteLogs[i])
		}
	}
	var last rpcLogJSON
	if err := json.Unmarshal(straddling[len(straddling)-1], &last); err != nil || last.TransactionHash != mine.TransactionHash {
		t.Errorf("last log %s, want the fork's transaction %s", straddling[len(straddling)-1], mine.TransactionHash)
	}

	// eth_config: the fork id starts from the remote's genesis, as the
	// remote (the same schedule) reports it.
	var fc, rc struct {
		Current struct {
			ForkID string `json:"forkId"`
		} `json:"current"`
	}
	fork.call(&fc, "eth_config")
	remote.call(&rc, "eth_config")
	if fc.Current.ForkID != rc.Current.ForkID || fc.Current.ForkID == "0x00000000" {
		t.Errorf("fork's forkId %s, the remote's %s", fc.Current.ForkID, rc.Current.ForkID)
	}
	fork.close()

	// Reopened: the history comes from the data directory.
	again, err := newForkNode(t, proxy.URL, &forkAt, dir)
	if err != nil {
		t.Fatal(err)
	}
	compare(again, "reopened")
}

// shapeProxy forwards to a node, or while wrong is set answers every
// request with well-formed JSON-RPC carrying a result of the wrong shape
// ("html": an HTML page instead).
type shapeProxy struct {
	*httptest.Server
	wrong atomic.Value // "": forward; "html"; else the raw result to answer
}

func TestForkHistoryBadRemote(t *testing.T) {
	remote := newNode(t)
	calls, _ := remoteHistory(t, remote)
	forkAt := remote.blockNumber()
	p := &shapeProxy{}
	p.wrong.Store("")
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch res := p.wrong.Load().(string); {
		case res == "html":
			io.WriteString(w, "<html>502 upstream gone</html>")
			return
		case res != "":
			io.WriteString(w, `{"jsonrpc":"2.0","id":1,"result":`+res+`}`)
			return
		}
		remote.srv.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	fork, err := newForkNode(t, p.URL, &forkAt, "")
	if err != nil {
		t.Fatal(err)
	}
	cached := fork.call(nil, "eth_getBlockByNumber", "0x3", false)
	for _, tc := range []struct{ result, want string }{
		{`[1,2]`, "want a block object"},
		{`{"number":"0x2","hash":"0x` + strings.Repeat("11", 32) + `","transactions":[]}`, "block 1 asked, block 2 answered"},
		{`"<html>"`, "want a block object"},
		{"html", `answered "<html>502`},
	} {
		p.wrong.Store(tc.result)
		res, e := fork.do("eth_getBlockByNumber", "0x1", false)
		if e == nil || !strings.Contains(e.Message, tc.want) || !strings.Contains(e.Message, "malformed answer") || !strings.Contains(e.Message, p.URL) {
			t.Errorf("remote answering %s: result %s error %v; want an error naming %q and the remote", tc.result, res, e, tc.want)
		}
	}
	// Logs and receipts of the wrong shape are refused too.
	p.wrong.Store(`{"not":"an array"}`)
	fork.fail(-32000, "want an array", "eth_getLogs", map[string]any{"fromBlock": "0x0", "toBlock": "0x1"})
	fork.fail(-32000, "want an array", "eth_getBlockReceipts", "0x2")
	p.wrong.Store(`{"hash":"0x` + strings.Repeat("22", 32) + `","blockNumber":"0x1"}`)
	fork.fail(-32000, "want hash", "eth_getTransactionByHash", types.Hash{0x33})
	// The node keeps serving: its own state, what it cached, and once the
	// remote recovers, the history.
	if got := fork.call(nil, "eth_getBlockByNumber", "0x3", false); string(got) != string(cached) {
		t.Errorf("cached block 3 while the remote fails: %s, before %s", got, cached)
	}
	fork.blockNumber()
	p.wrong.Store("")
	for _, c := range calls[:3] {
		if got, want := decoded(t, fork.call(nil, c.method, c.params...)), decoded(t, remote.call(nil, c.method, c.params...)); !reflect.DeepEqual(got, want) {
			t.Errorf("after the remote recovered, %s: %v, want %v", c, got, want)
		}
	}
}
