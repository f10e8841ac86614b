package rpcdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/state"
	"github.com/goevm/goevm/state/rpcdb"
	"github.com/goevm/goevm/types"
)

// Fork a chain: run a call against the state of a remote node at block 7,
// reading accounts and slots as the call needs them. The node here is an
// in-process stand-in that knows one contract, which returns its slot 0.
func Example() {
	node := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			ID     json.RawMessage
			Method string
			Params []string
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Params) == 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		contract := strings.EqualFold(req.Params[0], "0x00000000000000000000000000000000000000cc")
		result := `"0x0"`
		switch {
		case req.Method == "eth_getCode" && contract:
			result = `"0x5f545f5260205ff3"` // SLOAD(0), return it
		case req.Method == "eth_getCode":
			result = `"0x"`
		case req.Method == "eth_getStorageAt" && contract:
			result = `"0x000000000000000000000000000000000000000000000000000000000000002a"`
		}
		fmt.Fprintf(w, `{"jsonrpc":"2.0","id":%s,"result":%s}`, req.ID, result)
	}))
	defer node.Close()

	remote := rpcdb.New(context.Background(), rpcdb.Dial(node.URL), 7)
	db := state.NewWithDatabase(remote)
	vm := evm.New(evm.BlockContext{Number: 8, GasLimit: 30_000_000}, evm.TxContext{}, db, fork.Osaka.Rules(), evm.Config{ChainID: 1})
	contract := types.MustHexToAddress("0x00000000000000000000000000000000000000cc")
	for range 2 {
		out, _, err := vm.StaticCall(types.Address{}, contract, nil, 100_000)
		if err != nil || db.Err() != nil {
			panic(fmt.Sprint(err, db.Err()))
		}
		fmt.Printf("slot 0 = %d, requests so far %d\n", new(big.Int).SetBytes(out), remote.Reads())
	}
	// Three requests read the contract's account (balance, nonce, code) and
	// one its slot; the second call is served from the state's cache.
	//
	// Output:
	// slot 0 = 42, requests so far 4
	// slot 0 = 42, requests so far 4
}
