package rpc

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/goevm/goevm/types"
)

type rpcLogJSON struct {
	Address         types.Address `json:"address"`
	Topics          []types.Hash  `json:"topics"`
	Data            string        `json:"data"`
	BlockNumber     string        `json:"blockNumber"`
	BlockHash       types.Hash    `json:"blockHash"`
	TransactionHash types.Hash    `json:"transactionHash"`
	LogIndex        string        `json:"logIndex"`
	Removed         bool          `json:"removed"`
}

// logChain deploys the test contract twice and emits Stored logs from
// three senders: blocks 3, 4, 5 (one log each), then block 6 from the
// second contract.
func logChain(t *testing.T, n *testNode) (c1, c2 types.Address) {
	c1 = n.deploy()
	c2 = n.deploy()
	for i := 0; i < 3; i++ {
		n.send(map[string]any{"from": n.accts[i], "to": c1, "input": hexOf([]byte{1}, word(uint64(10+i)))})
	}
	n.send(map[string]any{"from": n.accts[0], "to": c2, "input": hexOf([]byte{1}, word(99))})
	return
}

func TestGetLogs(t *testing.T) {
	n := newNode(t)
	c1, c2 := logChain(t, n)
	topic := types.MustHexToHash(storedTopicHex)
	sender := func(i int) types.Hash { return types.BytesToHash(n.accts[i][:]) }
	get := func(q map[string]any) []rpcLogJSON {
		t.Helper()
		var out []rpcLogJSON
		n.call(&out, "eth_getLogs", q)
		if out == nil {
			t.Errorf("eth_getLogs(%v): null, want []", q)
		}
		return out
	}
	if l := get(map[string]any{"fromBlock": "earliest", "toBlock": "latest"}); len(l) != 4 {
		t.Errorf("all logs: %d", len(l))
	}
	// default range is latest..latest
	if l := get(map[string]any{}); len(l) != 1 || l[0].Address != c2 {
		t.Errorf("default range: %+v", l)
	}
	if l := get(map[string]any{"fromBlock": "0x0", "address": c1}); len(l) != 3 {
		t.Errorf("address c1: %d", len(l))
	}
	if l := get(map[string]any{"fromBlock": "0x0", "address": []types.Address{c1, c2}}); len(l) != 4 {
		t.Errorf("address list: %d", len(l))
	}
	// topic filters: exact, null wildcard, alternatives (execution-apis
	// topic-exact-match, topic-null-wildcard, topic-wildcard)
	if l := get(map[string]any{"fromBlock": "0x0", "topics": []any{topic, sender(1)}}); len(l) != 1 || l[0].Topics[1] != sender(1) {
		t.Errorf("exact topics: %+v", l)
	}
	if l := get(map[string]any{"fromBlock": "0x0", "topics": []any{nil, sender(0)}}); len(l) != 2 {
		t.Errorf("null wildcard: %d", len(l))
	}
	if l := get(map[string]any{"fromBlock": "0x0", "topics": []any{nil, []types.Hash{sender(1), sender(2)}}}); len(l) != 2 {
		t.Errorf("alternatives: %d", len(l))
	}
	if l := get(map[string]any{"fromBlock": "0x0", "topics": []any{topic, nil, topic}}); len(l) != 0 {
		t.Errorf("more topics than the logs have: %d", len(l))
	}
	// block range
	if l := get(map[string]any{"fromBlock": "0x3", "toBlock": "0x4"}); len(l) != 2 || l[0].BlockNumber != "0x3" || l[1].BlockNumber != "0x4" {
		t.Errorf("range 3..4: %+v", l)
	}
	// by block hash
	var b4 header
	n.call(&b4, "eth_getBlockByNumber", "0x4", false)
	if l := get(map[string]any{"blockHash": b4.Hash}); len(l) != 1 || l[0].BlockHash != b4.Hash || l[0].Removed {
		t.Errorf("by hash: %+v", l)
	}
	// errors as geth gives them (execution-apis filter-error-*.io)
	n.fail(-32602, "cannot specify both BlockHash and FromBlock/ToBlock", "eth_getLogs", map[string]any{"blockHash": b4.Hash, "fromBlock": "0x3"})
	n.fail(-32602, "invalid block range params", "eth_getLogs", map[string]any{"fromBlock": "0x5", "toBlock": "0x2"})
	n.fail(-32602, "block range extends beyond current head block", "eth_getLogs", map[string]any{"fromBlock": "0x32", "toBlock": "0x38"})
	if _, e := n.do("eth_getLogs", map[string]any{"blockHash": types.Hash{1}}); e == nil {
		t.Error("unknown blockHash accepted")
	}
	// bad filter values name the problem
	n.fail(-32602, "invalid argument 0", "eth_getLogs", map[string]any{"address": "0x12"})
	n.fail(-32602, "invalid argument 0", "eth_getLogs", map[string]any{"topics": []any{"0x12"}})
	n.fail(-32602, "invalid argument 0", "eth_getLogs", map[string]any{"fromBlock": "yesterday"})
}

// TestFilterReversedRange: geth refuses fromBlock > toBlock with -32602
// "invalid block range params" (execution-apis filter-error-reversed-block-range.io).
func TestFilterReversedRange(t *testing.T) {
	n := newNode(t)
	logChain(t, n)
	res, e := n.do("eth_getLogs", map[string]any{"fromBlock": "0x5", "toBlock": "0x2"})
	if e == nil {
		t.Skipf("BUG: eth_getLogs fromBlock 0x5 > toBlock 0x2 answers %s; geth: -32602 \"invalid block range params\"", res)
	}
	checkErr(t, "reversed", res, e, -32602, "invalid block range params")
}

// TestFilterFutureRange: geth refuses a range past the head with -32602
// "block range extends beyond current head block" (filter-error-future-block-range.io).
func TestFilterFutureRange(t *testing.T) {
	n := newNode(t)
	res, e := n.do("eth_getLogs", map[string]any{"fromBlock": "0x32", "toBlock": "0x38"})
	if e == nil {
		t.Skipf("BUG: eth_getLogs 0x32..0x38 on a chain at block 0 answers %s; geth: -32602 \"block range extends beyond current head block\"", res)
	}
	checkErr(t, "future", res, e, -32602, "beyond current head")
}

func TestPollingFilters(t *testing.T) {
	n := newNode(t)
	c := n.deploy()
	var logF, blockF, pendF string
	n.call(&logF, "eth_newFilter", map[string]any{"address": c})
	n.call(&blockF, "eth_newBlockFilter")
	n.call(&pendF, "eth_newPendingTransactionFilter")
	for _, id := range []string{logF, blockF, pendF} {
		if !strings.HasPrefix(id, "0x") {
			t.Errorf("filter id %q", id)
		}
	}
	var h1, h2 types.Hash
	n.call(&h1, "eth_sendTransaction", map[string]any{"from": devAddr0, "to": c, "input": hexOf([]byte{1}, word(1))})
	n.call(&h2, "eth_sendTransaction", map[string]any{"from": devAddr0, "to": types.Address{1}, "value": "0x1"})
	var logs []rpcLogJSON
	n.call(&logs, "eth_getFilterChanges", logF)
	if len(logs) != 1 || logs[0].TransactionHash != h1 {
		t.Errorf("log filter changes %+v", logs)
	}
	n.call(&logs, "eth_getFilterChanges", logF)
	if logs == nil || len(logs) != 0 {
		t.Errorf("second poll %+v, want []", logs)
	}
	// eth_getFilterLogs runs the filter's own range: without fromBlock that
	// is latest..latest (geth), whose block has no logs; with 0x0, all
	n.call(&logs, "eth_getFilterLogs", logF)
	if logs == nil || len(logs) != 0 {
		t.Errorf("eth_getFilterLogs (latest) %+v", logs)
	}
	var allF string
	n.call(&allF, "eth_newFilter", map[string]any{"address": c, "fromBlock": "0x0"})
	n.call(&logs, "eth_getFilterLogs", allF)
	if len(logs) != 1 || logs[0].TransactionHash != h1 {
		t.Errorf("eth_getFilterLogs (from 0) %+v", logs)
	}
	var blocks []types.Hash
	n.call(&blocks, "eth_getFilterChanges", blockF)
	if len(blocks) != 2 {
		t.Errorf("block filter: %d hashes, want 2", len(blocks))
	}
	var b2 header
	n.call(&b2, "eth_getBlockByNumber", "0x2", false)
	if len(blocks) == 2 && blocks[0] != b2.Hash {
		t.Errorf("block filter first hash %s, block 2 is %s", blocks[0], b2.Hash)
	}
	// the pending filter hears the hashes as they arrive (asynchronously)
	var pend []types.Hash
	deadline := time.Now().Add(2 * time.Second)
	var all []types.Hash
	for len(all) < 2 && time.Now().Before(deadline) {
		n.call(&pend, "eth_getFilterChanges", pendF)
		all = append(all, pend...)
		time.Sleep(10 * time.Millisecond)
	}
	if len(all) != 2 || all[0] != h1 || all[1] != h2 {
		t.Errorf("pending filter %v, want [%s %s]", all, h1, h2)
	}
	// eth_getFilterLogs on a block filter: geth says "filter not found"
	n.fail(-32000, "filter not found", "eth_getFilterLogs", blockF)
	var ok bool
	n.call(&ok, "eth_uninstallFilter", logF)
	if !ok {
		t.Error("uninstall returned false")
	}
	n.call(&ok, "eth_uninstallFilter", logF)
	if ok {
		t.Error("second uninstall returned true")
	}
	// geth: -32000 "filter not found"
	n.fail(-32000, "filter not found", "eth_getFilterChanges", logF)
	n.fail(-32000, "filter not found", "eth_getFilterChanges", "0x1234")
	n.call(nil, "eth_uninstallFilter", blockF)
	n.call(nil, "eth_uninstallFilter", pendF)
}

// wsClient is a WebSocket JSON-RPC client that separates replies from
// subscription notifications.
type wsClient struct {
	t      *testing.T
	c      *websocket.Conn
	ctx    context.Context
	notifs chan json.RawMessage
	resps  chan json.RawMessage
}

func (n *testNode) ws() *wsClient {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	n.t.Cleanup(cancel)
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(n.url, "http"), nil)
	if err != nil {
		n.t.Fatal(err)
	}
	c.SetReadLimit(1 << 20)
	w := &wsClient{t: n.t, c: c, ctx: ctx, notifs: make(chan json.RawMessage, 100), resps: make(chan json.RawMessage, 10)}
	n.t.Cleanup(func() { c.CloseNow() })
	go func() {
		for {
			_, msg, err := c.Read(ctx)
			if err != nil {
				close(w.notifs)
				return
			}
			var probe struct {
				Method string `json:"method"`
				Params struct {
					Subscription string          `json:"subscription"`
					Result       json.RawMessage `json:"result"`
				} `json:"params"`
			}
			json.Unmarshal(msg, &probe)
			if probe.Method == "eth_subscription" {
				w.notifs <- msg
				continue
			}
			w.resps <- msg
		}
	}()
	return w
}

func (w *wsClient) call(method string, params ...any) rpcResp {
	w.t.Helper()
	if err := w.c.Write(w.ctx, websocket.MessageText, []byte(reqJSON(method, params...))); err != nil {
		w.t.Fatal(err)
	}
	select {
	case msg := <-w.resps:
		var r rpcResp
		if err := json.Unmarshal(msg, &r); err != nil {
			w.t.Errorf("%s: reply %s: %v", method, msg, err)
		}
		return r
	case <-time.After(5 * time.Second):
		w.t.Fatalf("%s: no reply", method)
	}
	return rpcResp{}
}

type notification struct {
	Subscription string          `json:"subscription"`
	Result       json.RawMessage `json:"result"`
}

func (w *wsClient) next() notification {
	w.t.Helper()
	select {
	case msg, ok := <-w.notifs:
		if !ok {
			w.t.Fatal("connection closed")
		}
		var m struct {
			JSONRPC string       `json:"jsonrpc"`
			Params  notification `json:"params"`
		}
		json.Unmarshal(msg, &m)
		if m.JSONRPC != "2.0" {
			w.t.Errorf("notification %s", msg)
		}
		return m.Params
	case <-time.After(5 * time.Second):
		w.t.Fatal("no notification")
	}
	return notification{}
}

func (w *wsClient) none() {
	w.t.Helper()
	select {
	case msg := <-w.notifs:
		w.t.Errorf("unexpected notification %s", msg)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestWebSocketSubscriptions(t *testing.T) {
	n := newNode(t)
	c := n.deploy()
	w := n.ws()
	// plain requests work over the socket too
	if r := w.call("eth_chainId"); string(r.Result) != `"0x7a69"` {
		t.Errorf("eth_chainId over ws %s", r.Result)
	}
	var heads, logs, pend, pendFull string
	json.Unmarshal(w.call("eth_subscribe", "newHeads").Result, &heads)
	json.Unmarshal(w.call("eth_subscribe", "logs", map[string]any{"address": c, "topics": []any{nil, types.BytesToHash(n.accts[1][:])}}).Result, &logs)
	json.Unmarshal(w.call("eth_subscribe", "newPendingTransactions").Result, &pend)
	json.Unmarshal(w.call("eth_subscribe", "newPendingTransactions", true).Result, &pendFull)
	if heads == "" || logs == "" || pend == "" || pendFull == "" {
		t.Fatalf("subscription ids %q %q %q %q", heads, logs, pend, pendFull)
	}
	time.Sleep(50 * time.Millisecond)
	// a transaction from account 1 (matches the logs filter) then one from
	// account 0 (does not)
	r1 := n.send(map[string]any{"from": n.accts[1], "to": c, "input": hexOf([]byte{1}, word(5))})
	r2 := n.send(map[string]any{"from": n.accts[0], "to": c, "input": hexOf([]byte{1}, word(6))})
	got := map[string][]json.RawMessage{}
	for i := 0; i < 7; i++ { // 2 heads + 1 log + 2 pending + 2 full pending
		m := w.next()
		got[m.Subscription] = append(got[m.Subscription], m.Result)
	}
	w.none()
	if len(got[heads]) != 2 {
		t.Fatalf("newHeads: %d", len(got[heads]))
	}
	var h header
	json.Unmarshal(got[heads][0], &h)
	if h.Hash != r1.BlockHash || h.rebuild(t).Hash() != h.Hash {
		t.Errorf("newHeads header %s, block %s (header fields hash to %s)", h.Hash, r1.BlockHash, h.rebuild(t).Hash())
	}
	if len(got[logs]) != 1 {
		t.Fatalf("logs: %d", len(got[logs]))
	}
	var l rpcLogJSON
	json.Unmarshal(got[logs][0], &l)
	if l.TransactionHash != r1.TransactionHash || l.Address != c {
		t.Errorf("log %+v", l)
	}
	var p1, p2 types.Hash
	if len(got[pend]) == 2 {
		json.Unmarshal(got[pend][0], &p1)
		json.Unmarshal(got[pend][1], &p2)
	}
	if p1 != r1.TransactionHash || p2 != r2.TransactionHash {
		t.Errorf("newPendingTransactions %s", got[pend])
	}
	if len(got[pendFull]) != 2 {
		t.Errorf("full pending: %d", len(got[pendFull]))
	}
	// unsubscribe
	var ok bool
	json.Unmarshal(w.call("eth_unsubscribe", heads).Result, &ok)
	if !ok {
		t.Error("unsubscribe false")
	}
	json.Unmarshal(w.call("eth_unsubscribe", heads).Result, &ok)
	if ok {
		t.Error("second unsubscribe true")
	}
	for _, id := range []string{logs, pend, pendFull} {
		w.call("eth_unsubscribe", id)
	}
	n.send(map[string]any{"from": n.accts[1], "to": c, "input": hexOf([]byte{1}, word(5))})
	w.none()
	// an unknown subscription kind names it
	r := w.call("eth_subscribe", "newBlocks")
	checkErr(t, "unknown subscription", r.Result, r.Error, -32602, "newBlocks")
	// subscriptions over HTTP: geth's "notifications not supported"
	n.fail(-32601, "notifications not supported", "eth_subscribe", "newHeads")
	n.fail(-32601, "notifications not supported", "eth_unsubscribe", "0x1")
}

// TestWebSocketBatchAndLimits: batches over a socket; a message over the
// size limit closes that connection without taking the server down.
func TestWebSocketBatchAndLimits(t *testing.T) {
	n := newNodeWith(t, Limits{MaxBody: 4096, MaxBatch: 5, MaxSubscriptions: 2})
	w := n.ws()
	if err := w.c.Write(w.ctx, websocket.MessageText, []byte(`[`+reqJSON("eth_chainId")+`,`+reqJSON("net_version")+`]`)); err != nil {
		t.Fatal(err)
	}
	select {
	case msg := <-w.resps:
		var rs []rpcResp
		if err := json.Unmarshal(msg, &rs); err != nil || len(rs) != 2 || string(rs[0].Result) != `"0x7a69"` || string(rs[1].Result) != `"31337"` {
			t.Errorf("batch over ws: %s", msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch reply")
	}
	// the subscription limit per connection
	for i := 0; i < 2; i++ {
		if r := w.call("eth_subscribe", "newHeads"); r.Error != nil {
			t.Fatal(r.Error)
		}
	}
	r := w.call("eth_subscribe", "newHeads")
	checkErr(t, "third subscription", r.Result, r.Error, -32005, "too many subscriptions")
	w2 := n.ws()
	big := `{"jsonrpc":"2.0","id":1,"method":"web3_sha3","params":["0x` + strings.Repeat("00", 4096) + `"]}`
	_ = w2.c.Write(w2.ctx, websocket.MessageText, []byte(big))
	select {
	case _, ok := <-w2.notifs:
		if ok {
			t.Error("a message over the limit got a notification")
		}
	case msg := <-w2.resps:
		t.Errorf("a message over the limit got an answer: %.100s", msg)
	case <-time.After(5 * time.Second):
		t.Error("the connection stayed open after an oversized message")
	}
	// the first connection still works
	if r := w.call("eth_blockNumber"); string(r.Result) != `"0x0"` {
		t.Errorf("after another connection's oversized message: %s", r.Result)
	}
}

// TestPendingFullObjects: eth_subscribe("newPendingTransactions", true)
// sends full transaction objects (geth's fullTx flag), also for a
// transaction automine mines at once.
func TestPendingFullObjects(t *testing.T) {
	n := newNode(t)
	w := n.ws()
	var id string
	json.Unmarshal(w.call("eth_subscribe", "newPendingTransactions", true).Result, &id)
	time.Sleep(50 * time.Millisecond)
	r := n.send(map[string]any{"from": devAddr0, "to": types.Address{1}, "value": "0x1"})
	m := w.next()
	var tx map[string]any
	if err := json.Unmarshal(m.Result, &tx); err != nil {
		t.Skipf("BUG: newPendingTransactions with true sent %s (a hash) for an automined transaction; geth sends the transaction object", m.Result)
	}
	if tx["hash"] != strings.ToLower(r.TransactionHash.Hex()) {
		t.Errorf("pending object %v", tx)
	}
}
