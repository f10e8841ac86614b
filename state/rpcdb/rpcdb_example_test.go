package rpcdb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/goevm/goevm/crypto"
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

	// Output:
	// slot 0 = 42, requests so far 4
	// slot 0 = 42, requests so far 4
}

// A cached remote state, as a forked chain reads its remote through: the
// first run fetches each account (its proof and code in one batched
// request) and slot once; a second run over the same Store (goevm node
// keeps it in its Pebble data directory) fetches nothing. The stand-in
// node knows one contract with slot 0 = 42.
func ExampleCached() {
	node := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var batch []struct {
			ID     json.RawMessage
			Method string
			Params []json.RawMessage
		}
		body, _ := io.ReadAll(r.Body)
		single := !bytes.HasPrefix(body, []byte("["))
		if single {
			body = append(append([]byte("["), body...), ']')
		}
		if err := json.Unmarshal(body, &batch); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var out []string
		for _, req := range batch {
			contract := strings.Contains(string(req.Params[0]), "cc")
			result := `"0x0000000000000000000000000000000000000000000000000000000000000000"`
			switch {
			case req.Method == "eth_getProof" && contract:
				result = `{"balance":"0x0","nonce":"0x1","codeHash":"` + crypto.Keccak256(mustHex("5f545f5260205ff3")).Hex() +
					`","storageHash":"0x1111111111111111111111111111111111111111111111111111111111111111"}`
			case req.Method == "eth_getProof":
				result = `{"balance":"0x0","nonce":"0x0","codeHash":"` + types.EmptyCodeHash.Hex() + `","storageHash":"` + types.EmptyRootHash.Hex() + `"}`
			case req.Method == "eth_getCode" && contract:
				result = `"0x5f545f5260205ff3"` // SLOAD(0), return it
			case req.Method == "eth_getCode":
				result = `"0x"`
			case req.Method == "eth_getStorageAt":
				result = `"0x000000000000000000000000000000000000000000000000000000000000002a"`
			}
			out = append(out, fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":%s}`, req.ID, result))
		}
		if single {
			fmt.Fprint(w, out[0])
			return
		}
		fmt.Fprintf(w, "[%s]", strings.Join(out, ","))
	}))
	defer node.Close()

	store := memStore{} // any rpcdb.Store: a map here
	contract := types.MustHexToAddress("0x00000000000000000000000000000000000000cc")
	for run := 1; run <= 2; run++ {
		remote := rpcdb.NewCached(context.Background(), rpcdb.Dial(node.URL), 7, store)
		db := state.NewWithDatabase(remote)
		vm := evm.New(evm.BlockContext{Number: 8, GasLimit: 30_000_000}, evm.TxContext{}, db, fork.Osaka.Rules(), evm.Config{ChainID: 1})
		out, _, err := vm.StaticCall(types.Address{}, contract, nil, 100_000)
		if err != nil || db.Err() != nil {
			panic(fmt.Sprint(err, db.Err()))
		}
		fmt.Printf("run %d: slot 0 = %d, requests %d\n", run, new(big.Int).SetBytes(out), remote.Reads())
	}
	// Output:
	// run 1: slot 0 = 42, requests 2
	// run 2: slot 0 = 42, requests 0
}

type memStore map[string][]byte

func (m memStore) Get(k []byte) ([]byte, bool, error) { v, ok := m[string(k)]; return v, ok, nil }
func (m memStore) Put(k, v []byte) error              { m[string(k)] = append([]byte{}, v...); return nil }

func mustHex(s string) []byte {
	b, err := types.DecodeHex("0x" + s)
	if err != nil {
		panic(err)
	}
	return b
}
