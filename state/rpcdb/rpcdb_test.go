package rpcdb

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/types"
)

// fakeNode answers the state methods for one account at block 0x7 and
// counts the requests.
func fakeNode(t *testing.T, calls map[string]int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params []string        `json:"params"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("bad request %s", body)
		}
		calls[req.Method]++
		if block := req.Params[len(req.Params)-1]; block != "0x7" {
			t.Errorf("%s at block %s, want 0x7", req.Method, block)
		}
		known := strings.EqualFold(req.Params[0], "0x00000000000000000000000000000000000000aa")
		var result string
		switch {
		case !strings.HasPrefix(req.Method, "eth_get"):
			w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"error":{"code":-32601,"message":"no such method"}}`))
			return
		case !known && req.Method == "eth_getCode":
			result = `"0x"`
		case !known:
			result = `"0x0"`
		case req.Method == "eth_getBalance":
			result = `"0x10"`
		case req.Method == "eth_getTransactionCount":
			result = `"0x3"`
		case req.Method == "eth_getCode":
			result = `"0x6001600055"`
		case req.Method == "eth_getStorageAt":
			result = `"0x0000000000000000000000000000000000000000000000000000000000000042"`
		default:
			w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"error":{"code":-32601,"message":"no such method"}}`))
			return
		}
		w.Write([]byte(`{"jsonrpc":"2.0","id":` + string(req.ID) + `,"result":` + result + `}`))
	}))
}

func TestDatabaseThroughState(t *testing.T) {
	calls := map[string]int{}
	srv := fakeNode(t, calls)
	defer srv.Close()
	db := New(context.Background(), Dial(srv.URL), 7)
	st := state.NewWithDatabase(db)
	addr := types.MustHexToAddress("0x00000000000000000000000000000000000000aa")
	if b := st.GetBalance(addr); b.Uint64() != 16 {
		t.Fatalf("balance %s", b.Dec())
	}
	if n := st.GetNonce(addr); n != 3 {
		t.Fatalf("nonce %d", n)
	}
	if c := st.GetCode(addr); len(c) != 5 || st.GetCodeHash(addr) != crypto.Keccak256(c) {
		t.Fatalf("code %x", c)
	}
	if v := st.GetState(addr, types.Hash{31: 1}); v[31] != 0x42 {
		t.Fatalf("slot %s", v)
	}
	st.GetState(addr, types.Hash{31: 1}) // cached by the state
	if calls["eth_getStorageAt"] != 1 || calls["eth_getBalance"] != 1 {
		t.Fatalf("requests %v", calls)
	}
	if st.Exist(types.Address{1}) {
		t.Fatal("an empty account exists")
	}
	if err := st.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestErrors(t *testing.T) {
	calls := map[string]int{}
	srv := fakeNode(t, calls)
	c := Dial(srv.URL)
	if _, err := c.Call(context.Background(), nil, "eth_nothing", "0x7"); err == nil || !strings.Contains(err.Error(), "no such method") {
		t.Fatalf("node error: %v", err)
	}
	srv.Close()
	db := New(context.Background(), c, 7)
	if _, err := db.Account(types.Address{}); err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("closed node: %v", err)
	}
}
