package rpcdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// stateNode is a stand-in node answering the state methods, singly or in
// batches, for one contract at block 0x7; it counts HTTP requests and
// calls by method. Expected values are the ones it serves.
type stateNode struct {
	*httptest.Server
	posts   atomic.Int64
	mu      sync.Mutex
	calls   map[string]int
	noProof bool
}

var (
	nodeContract = types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	nodeCode     = []byte{0x60, 0x01, 0x60, 0x00, 0x55}
	nodeRoot     = types.Hash{0xab} // any non-empty storage root
)

func newStateNode(t *testing.T) *stateNode {
	n := &stateNode{calls: map[string]int{}}
	n.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.posts.Add(1)
		body, _ := io.ReadAll(r.Body)
		if len(body) > 0 && body[0] == '[' {
			var reqs []json.RawMessage
			if err := json.Unmarshal(body, &reqs); err != nil {
				t.Errorf("bad batch %s", body)
			}
			out := make([]json.RawMessage, len(reqs))
			for i, req := range reqs {
				out[i] = n.answer(t, req)
			}
			json.NewEncoder(w).Encode(out)
			return
		}
		w.Write(n.answer(t, body))
	}))
	t.Cleanup(n.Close)
	return n
}

func (n *stateNode) answer(t *testing.T, raw []byte) json.RawMessage {
	var req struct {
		ID     json.RawMessage   `json:"id"`
		Method string            `json:"method"`
		Params []json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal(raw, &req); err != nil || len(req.Params) < 2 {
		t.Errorf("bad request %s", raw)
		return nil
	}
	n.mu.Lock()
	n.calls[req.Method]++
	n.mu.Unlock()
	if block := string(req.Params[len(req.Params)-1]); block != `"0x7"` {
		t.Errorf("%s at block %s, want 0x7", req.Method, block)
	}
	var addr types.Address
	json.Unmarshal(req.Params[0], &addr)
	known := addr == nodeContract
	result := `"0x0"`
	switch {
	case req.Method == "eth_getProof" && n.noProof:
		return json.RawMessage(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"error":{"code":-32601,"message":"the method eth_getProof does not exist"}}`)
	case req.Method == "eth_getProof" && known:
		result = fmt.Sprintf(`{"balance":"0x10","nonce":"0x3","codeHash":"%s","storageHash":"%s","accountProof":[],"storageProof":[]}`,
			crypto.Keccak256(nodeCode), nodeRoot)
	case req.Method == "eth_getProof":
		result = fmt.Sprintf(`{"balance":"0x0","nonce":"0x0","codeHash":"%s","storageHash":"%s","accountProof":[],"storageProof":[]}`,
			types.EmptyCodeHash, types.EmptyRootHash)
	case req.Method == "eth_getCode" && known:
		result = `"` + types.EncodeHex(nodeCode) + `"`
	case req.Method == "eth_getCode":
		result = `"0x"`
	case req.Method == "eth_getBalance" && known:
		result = `"0x10"`
	case req.Method == "eth_getTransactionCount" && known:
		result = `"0x3"`
	case req.Method == "eth_getStorageAt":
		result = `"0x0000000000000000000000000000000000000000000000000000000000000042"`
	}
	return json.RawMessage(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":` + result + `}`)
}

// mapStore is a Store in a map, standing in for the chain's Pebble store.
type mapStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *mapStore) Get(k []byte) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[string(k)]
	return v, ok, nil
}

func (s *mapStore) Put(k, v []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[string(k)] = append([]byte{}, v...)
	return nil
}

// readAll reads what a call of the contract would: its account, code and
// a slot, and an empty account.
func readAll(t *testing.T, db state.Database) {
	t.Helper()
	st := state.NewWithDatabase(db)
	if b := st.GetBalance(nodeContract); b.Uint64() != 16 || st.GetNonce(nodeContract) != 3 {
		t.Fatalf("balance %s nonce %d", b.Dec(), st.GetNonce(nodeContract))
	}
	if c := st.GetCode(nodeContract); string(c) != string(nodeCode) {
		t.Fatalf("code %x", c)
	}
	if v := st.GetState(nodeContract, types.Hash{31: 1}); v[31] != 0x42 {
		t.Fatalf("slot %s", v)
	}
	if st.Exist(types.Address{1}) || !st.GetState(types.Address{1}, types.Hash{}).IsZero() {
		t.Fatal("an empty account exists")
	}
	if err := st.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestCachedBatchesAndKeeps(t *testing.T) {
	node := newStateNode(t)
	store := &mapStore{m: map[string][]byte{}}
	db := NewCached(context.Background(), Dial(node.URL), 7, store)
	readAll(t, db)
	// One batch (eth_getProof + eth_getCode) per account, one request for
	// the slot; the empty account's slot is known zero from its proof.
	if got := node.posts.Load(); got != 3 || db.Reads() != 3 {
		t.Fatalf("%d requests (Reads %d), want 3; by method %v", got, db.Reads(), node.calls)
	}
	readAll(t, db)
	if got := node.posts.Load(); got != 3 {
		t.Fatalf("a second read from the same cache made %d requests", got-3)
	}
	again := NewCached(context.Background(), Dial(node.URL), 7, store)
	readAll(t, again)
	if got := node.posts.Load(); got != 3 || again.Reads() != 0 {
		t.Fatalf("a new cache over the same store made %d requests", again.Reads())
	}
}

func TestCachedPrefetch(t *testing.T) {
	node := newStateNode(t)
	db := NewCached(context.Background(), Dial(node.URL), 7, nil)
	addrs := []types.Address{nodeContract}
	for i := range 150 {
		addrs = append(addrs, types.Address{1, byte(i)})
	}
	if err := db.PrefetchAccounts(addrs); err != nil {
		t.Fatal(err)
	}
	// 151 accounts, at most 100 to a batch: two requests, then none.
	if got := node.posts.Load(); got != 2 || node.calls["eth_getProof"] != 151 {
		t.Fatalf("%d requests, by method %v", got, node.calls)
	}
	for _, a := range addrs {
		if _, err := db.Account(a); err != nil {
			t.Fatal(err)
		}
	}
	if acc, _ := db.Account(nodeContract); acc == nil || acc.Nonce != 3 || acc.Root != nodeRoot {
		t.Fatalf("prefetched contract %+v", acc)
	}
	if got := node.posts.Load(); got != 2 {
		t.Fatalf("reading prefetched accounts made %d requests", got-2)
	}
}

func TestBatchRefused(t *testing.T) {
	// A node that refuses batches with one error object (as some hosted
	// endpoints do) is asked one call at a time.
	var posts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		body, _ := io.ReadAll(r.Body)
		if body[0] == '[' {
			w.Write([]byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch requests are not supported"}}`))
			return
		}
		var req struct{ ID json.RawMessage }
		json.Unmarshal(body, &req)
		w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":"0x7"}`))
	}))
	defer srv.Close()
	var a, b types.Uint64
	calls := []BatchElem{{Method: "eth_chainId", Result: &a}, {Method: "eth_blockNumber", Result: &b}}
	if err := Dial(srv.URL).BatchCall(context.Background(), calls); err != nil || calls[0].Err != nil || calls[1].Err != nil {
		t.Fatal(err, calls[0].Err, calls[1].Err)
	}
	if a != 7 || b != 7 || posts.Load() != 3 {
		t.Fatalf("results %d %d after %d requests; want 7 7 after the batch and 2 single calls", a, b, posts.Load())
	}
}

func TestCachedPrefetchStorage(t *testing.T) {
	node := newStateNode(t)
	db := NewCached(context.Background(), Dial(node.URL), 7, nil)
	want := map[types.Address][]types.Hash{nodeContract: {}, {2}: {{1}, {2}}}
	for i := range 600 {
		want[nodeContract] = append(want[nodeContract], types.Hash{31: byte(i), 30: byte(i >> 8)})
	}
	if err := db.PrefetchStorage(want); err != nil {
		t.Fatal(err)
	}
	// One batch for both accounts, two for 600 slots (500 a batch); the
	// empty account's slots are not asked for.
	if got := node.posts.Load(); got != 3 || node.calls["eth_getStorageAt"] != 600 {
		t.Fatalf("%d requests, by method %v", got, node.calls)
	}
	for _, s := range want[nodeContract] {
		if v, err := db.Storage(nodeContract, s); err != nil || v[31] != 0x42 {
			t.Fatalf("slot %s: %s %v", s, v, err)
		}
	}
	if got := node.posts.Load(); got != 3 {
		t.Fatalf("reading prefetched slots made %d requests", got-3)
	}
}

func TestCachedWithoutGetProof(t *testing.T) {
	node := newStateNode(t)
	node.noProof = true
	db := NewCached(context.Background(), Dial(node.URL), 7, nil)
	readAll(t, db)
	readAll(t, db)
	// The first account asks for a proof, is refused, and reads the
	// three plain methods (2 batches); the second goes straight to them;
	// the contract's slot is one request. The empty account's slot is
	// known zero (no account).
	if got := node.posts.Load(); got != 4 || node.calls["eth_getProof"] != 1 {
		t.Fatalf("%d requests, by method %v", got, node.calls)
	}
}

func TestClientFailures(t *testing.T) {
	var mode atomic.Value
	var posts atomic.Int64
	quit := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := posts.Add(1)
		switch mode.Load() {
		case "flaky": // a 503 first, then the answer
			if n == 1 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte(`{"jsonrpc":"2.0","id":1,"result":"0x2a"}`))
		case "garbage":
			w.Write([]byte(`<html>not json</html>`))
		case "hang":
			select {
			case <-r.Context().Done():
			case <-quit:
			}
		case "error":
			w.Write([]byte(`{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"header not found"}}`))
		}
	}))
	defer srv.Close()
	c := DialOptions(srv.URL, Options{Timeout: 200 * time.Millisecond, Retries: 2})
	ctx := context.Background()
	run := func(m string) (types.Uint64, error) {
		mode.Store(m)
		posts.Store(0)
		var v types.Uint64
		_, err := c.Call(ctx, &v, "eth_chainId")
		return v, err
	}
	if v, err := run("flaky"); err != nil || v != 42 || posts.Load() != 2 {
		t.Errorf("flaky: %d, %v after %d requests; want 42 after a retry", v, err, posts.Load())
	}
	if _, err := run("garbage"); !errors.Is(err, ErrBadAnswer) || !strings.Contains(err.Error(), "not json") || posts.Load() != 1 {
		t.Errorf("garbage: %v after %d requests; want ErrBadAnswer quoting it, not retried", err, posts.Load())
	}
	start := time.Now()
	if _, err := run("hang"); !errors.Is(err, ErrTimeout) || posts.Load() != 3 {
		t.Errorf("hang: %v after %d requests; want ErrTimeout after 3 attempts", err, posts.Load())
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("hang: gave up after %v", d)
	}
	var rpcErr *Error
	if _, err := run("error"); !errors.As(err, &rpcErr) || rpcErr.Code != -32000 || posts.Load() != 1 {
		t.Errorf("error: %v after %d requests; want the node's error, not retried", err, posts.Load())
	}
	mode.Store("garbage")
	calls := []BatchElem{{Method: "eth_chainId"}}
	if err := c.BatchCall(ctx, calls); !errors.Is(err, ErrBadAnswer) {
		t.Errorf("batch answered with garbage: %v", err)
	}
	close(quit)
	srv.Close()
	if _, err := run("error"); !errors.Is(err, ErrUnreachable) {
		t.Errorf("closed: %v, want ErrUnreachable", err)
	}
}
