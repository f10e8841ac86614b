package difftest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/goevm/goevm/chain"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/rpc"
)

// traceMode is one set of debug_traceTransaction options.
type traceMode struct {
	name string
	opts string // the options object, as a client sends it
}

var (
	structLogModes = []traceMode{
		{"structLogger", `{}`},
		{"structLogger/memory+returnData", `{"enableMemory":true,"enableReturnData":true}`},
	}
	callTracerModes = []traceMode{
		{"callTracer", `{"tracer":"callTracer"}`},
		{"callTracer/withLog", `{"tracer":"callTracer","tracerConfig":{"withLog":true}}`},
		{"callTracer/onlyTopCall", `{"tracer":"callTracer","tracerConfig":{"onlyTopCall":true}}`},
	}
	prestateModes = []traceMode{
		{"prestateTracer", `{"tracer":"prestateTracer"}`},
		{"prestateTracer/diffMode", `{"tracer":"prestateTracer","tracerConfig":{"diffMode":true}}`},
	}
)

// TestChainTracesAgree traces every transaction of execution-apis'
// chain.rlp (blocks from Frontier rules to Osaka and BPO2: value
// transfers, contract creation, storage, logs, reverts, blobs, EIP-7702)
// with debug_traceTransaction on a goevm node and on geth's own tracing
// API over geth's blockchain, both fed tests/genesis.json and chain.rlp,
// and compares the answers as hive does (whole JSON, key order ignored,
// numbers as numbers).
func TestChainTracesAgree(t *testing.T) {
	dir := fixtures.Dir(t, "execution-apis/tests")
	genesisPath, chainPath := filepath.Join(dir, "genesis.json"), filepath.Join(dir, "chain.rlp")
	genesisJSON, err := os.ReadFile(genesisPath)
	if err != nil {
		t.Fatal(err)
	}
	blocksRLP, err := os.ReadFile(chainPath)
	if err != nil {
		t.Fatal(err)
	}
	blocks := readRLPBlocks(t, chainPath)
	geth := newGethChain(t, readGethGenesis(t, genesisPath), blocks)
	node := newGoevmNode(t, genesisJSON, blocksRLP)
	hashes := geth.order
	if os.Getenv("GOEVM_DIFFTEST_ALL") == "" {
		hashes = withoutRepeats(blocks, 2)
		t.Logf("%d of the chain's %d transactions traced (repeated calls left out; GOEVM_DIFFTEST_ALL=1 traces all)", len(hashes), len(geth.order))
	}
	modes := append(append(append([]traceMode{}, structLogModes...), callTracerModes...), prestateModes...)
	compareTxTraces(t, node, geth, hashes, modes)
}

// withoutRepeats lists the blocks' transactions leaving out, within each
// block, calls to the same address with the same input beyond the first
// keep. Block 2 of chain.rlp holds 56 identical calls that each log 190 KB
// of data; tracing them all costs minutes and covers nothing the first
// ones do not.
func withoutRepeats(blocks []*types.Block, keep int) []common.Hash {
	var out []common.Hash
	for _, b := range blocks {
		seen := map[string]int{}
		for _, tx := range b.Transactions() {
			key := string(tx.Data())
			if tx.To() != nil {
				key = tx.To().Hex() + key
			}
			if seen[key]++; seen[key] <= keep {
				out = append(out, tx.Hash())
			}
		}
	}
	return out
}

// compareTxTraces runs debug_traceTransaction for each hash and mode on
// both nodes and reports every difference with the transaction's hash and
// the JSON path. A mode goevm does not serve yet ("unknown tracer") is
// skipped with a note.
func compareTxTraces(t *testing.T, node *goevmNode, geth *gethChain, hashes []common.Hash, modes []traceMode) {
	client := geth.rpcClient(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			differing := 0
			for _, h := range hashes {
				ours, ourErr := node.call("debug_traceTransaction", h, json.RawMessage(m.opts))
				if ourErr != nil && strings.Contains(ourErr.Error(), "unknown tracer") {
					t.Skipf("goevm: %v", ourErr)
				}
				var theirs json.RawMessage
				theirErr := client.CallContext(context.Background(), &theirs, "debug_traceTransaction", h, json.RawMessage(m.opts))
				if ourErr != nil || theirErr != nil {
					// Every transaction here is mined and traceable.
					differing++
					t.Errorf("tx %s: goevm error %v, geth error %v", h, ourErr, theirErr)
					continue
				}
				diffs, err := jsonDiff(ours, theirs, 8)
				if err != nil {
					t.Fatalf("tx %s: %v", h, err)
				}
				if len(diffs) > 0 {
					differing++
					if differing <= 10 {
						t.Errorf("tx %s differs:\n  %s", h, strings.Join(diffs, "\n  "))
					}
				}
			}
			if differing > 10 {
				t.Errorf("... %d transactions differ in all", differing)
			}
			t.Logf("%s: %d transactions compared, %d differ", m.name, len(hashes), differing)
		})
	}
}

// goevmNode is a goevm node in-process: the chain and its JSON-RPC
// server, called through its HTTP handler as a client calls it.
type goevmNode struct {
	srv *rpc.Server
}

// newGoevmNode starts a node on a geth genesis file with blocks imported.
func newGoevmNode(t *testing.T, genesisJSON, blocksRLP []byte) *goevmNode {
	t.Helper()
	cfg, err := chain.ParseGethGenesis(genesisJSON)
	if err != nil {
		t.Fatalf("goevm: genesis: %v", err)
	}
	c, err := chain.New(cfg, "")
	if err != nil {
		t.Fatalf("goevm: %v", err)
	}
	if _, err := c.ImportRLP(blocksRLP); err != nil {
		c.Close()
		t.Fatalf("goevm: importing blocks: %v", err)
	}
	srv := rpc.NewServer(c, rpc.Options{ClientVersion: "goevm/difftest"})
	t.Cleanup(func() { srv.Close(); c.Close() })
	return &goevmNode{srv: srv}
}

// call sends one JSON-RPC request and returns its result, or its error.
func (n *goevmNode) call(method string, params ...any) (json.RawMessage, error) {
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	if err != nil {
		return nil, err
	}
	req := httptest.NewRequest(http.MethodPost, "http://localhost/", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	n.srv.ServeHTTP(rec, req)
	var resp struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return nil, fmt.Errorf("%s: HTTP %d, undecodable answer %.200q: %w", method, rec.Code, rec.Body.String(), err)
	}
	if resp.Error != nil {
		return nil, fmt.Errorf("%s: error %d: %s", method, resp.Error.Code, resp.Error.Message)
	}
	return resp.Result, nil
}
