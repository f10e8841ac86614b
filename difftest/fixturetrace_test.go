package difftest

import (
	"bytes"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rlp"
	"github.com/ethereum/go-ethereum/tests"
	"github.com/goevm/goevm/internal/fixtures"
)

// The sample of ValidBlocks files, in name order: every fixtureStride-th
// file's Cancun test (the newest fork these legacy fixtures are filled
// for, with blob transactions), and half-way between, the test of an
// older fork, the olderForks taking turns. GOEVM_DIFFTEST_ALL=1 takes
// every file's tests of all those forks.
const fixtureStride = 4

var olderForks = []string{"Shanghai", "Paris", "London", "Berlin", "Istanbul"}

// TestFixtureTracesAgree traces the transactions of a sample of the
// Cancun ValidBlocks blockchain tests with callTracer, prestateTracer and
// the struct logger on a goevm node and on geth's tracing API, each chain started from the
// test's genesis (pre-state and genesis header, checked against the
// fixture's genesis hash) with the test's blocks imported.
func TestFixtureTracesAgree(t *testing.T) {
	root := fixtures.Dir(t, "legacytests/Cancun/BlockchainTests/ValidBlocks")
	files, err := filepath.Glob(filepath.Join(root, "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no blockchain tests under %s: %v", root, err)
	}
	sort.Strings(files)
	modes := append(append([]traceMode{}, callTracerModes...), prestateModes...)
	all := os.Getenv("GOEVM_DIFFTEST_ALL") != ""
	tests, txs, structTxs := 0, 0, 0
	for i, f := range files {
		var nets []string
		switch {
		case all:
			nets = append([]string{"Cancun"}, olderForks...)
		case i%fixtureStride == 0:
			nets = []string{"Cancun"}
		case i%fixtureStride == fixtureStride/2:
			nets = []string{olderForks[(i/fixtureStride)%len(olderForks)]}
		default:
			continue
		}
		rel, _ := filepath.Rel(root, f)
		for name, bt := range readFixtureTests(t, f) {
			if !slices.Contains(nets, bt.Network) {
				continue
			}
			t.Run(rel+"/"+name, func(t *testing.T) {
				n, small := traceFixture(t, bt, modes, structLogModes[:1])
				tests++
				txs, structTxs = txs+n, structTxs+small
			})
		}
	}
	t.Logf("%d tests: %d transactions traced with %d callTracer and prestateTracer modes, %d with the struct logger", tests, txs, len(modes), structTxs)
}

// fixtureTest is the part of a blockchain test this comparison reads.
type fixtureTest struct {
	Network string                 `json:"network"`
	Pre     types.GenesisAlloc     `json:"pre"`
	Genesis fixtureHeader          `json:"genesisBlockHeader"`
	Blocks  []struct{ RLP string } `json:"blocks"`
}

type fixtureHeader struct {
	Hash          common.Hash           `json:"hash"`
	Coinbase      common.Address        `json:"coinbase"`
	Difficulty    *math.HexOrDecimal256 `json:"difficulty"`
	ExtraData     hexutil.Bytes         `json:"extraData"`
	GasLimit      math.HexOrDecimal64   `json:"gasLimit"`
	GasUsed       math.HexOrDecimal64   `json:"gasUsed"`
	MixHash       common.Hash           `json:"mixHash"`
	Nonce         hexutil.Bytes         `json:"nonce"`
	Number        math.HexOrDecimal64   `json:"number"`
	ParentHash    common.Hash           `json:"parentHash"`
	Timestamp     math.HexOrDecimal64   `json:"timestamp"`
	BaseFee       *math.HexOrDecimal256 `json:"baseFeePerGas"`
	ExcessBlobGas *math.HexOrDecimal64  `json:"excessBlobGas"`
	BlobGasUsed   *math.HexOrDecimal64  `json:"blobGasUsed"`
}

func readFixtureTests(t *testing.T, path string) map[string]*fixtureTest {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]*fixtureTest
	if err := json.Unmarshal(src, &out); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// gethGenesis is the test's genesis as a geth genesis file describes it.
func (bt *fixtureTest) gethGenesis(t *testing.T) *core.Genesis {
	cfg, ok := tests.Forks[bt.Network]
	if !ok {
		t.Fatalf("geth has no network %q", bt.Network)
	}
	cfg = copyConfig(cfg)
	h := bt.Genesis
	g := &core.Genesis{
		Config: cfg, Coinbase: h.Coinbase, Difficulty: (*big.Int)(h.Difficulty), ExtraData: h.ExtraData,
		GasLimit: uint64(h.GasLimit), GasUsed: uint64(h.GasUsed), Mixhash: h.MixHash, Number: uint64(h.Number),
		ParentHash: h.ParentHash, Timestamp: uint64(h.Timestamp), BaseFee: (*big.Int)(h.BaseFee),
		ExcessBlobGas: (*uint64)(h.ExcessBlobGas), BlobGasUsed: (*uint64)(h.BlobGasUsed), Alloc: bt.Pre,
	}
	if len(h.Nonce) == 8 {
		g.Nonce = new(big.Int).SetBytes(h.Nonce).Uint64()
	}
	return g
}

// copyConfig copies a chain configuration so a test cannot change geth's
// shared one.
func copyConfig(c *params.ChainConfig) *params.ChainConfig {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	out := new(params.ChainConfig)
	if err := json.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

// structLogMaxGas bounds the transactions the struct logger traces in
// the fixtures: DelegateCallSpam's one transaction runs millions of steps,
// hundreds of megabytes of trace. (The limit option cannot bound it on
// both sides: the execution-apis spec and goevm count steps, geth v1.17
// counts bytes of output.)
const structLogMaxGas = 2_000_000

// traceFixture starts both nodes on the test and compares its
// transactions' traces, with the struct logger those that used at most
// structLogMaxGas; it returns how many transactions it traced, and how
// many of them with the struct logger.
func traceFixture(t *testing.T, bt *fixtureTest, modes, structModes []traceMode) (int, int) {
	genesis := bt.gethGenesis(t)
	if h := genesis.ToBlock().Hash(); h != bt.Genesis.Hash {
		t.Skipf("geth's genesis hash %s is not the fixture's %s", h, bt.Genesis.Hash)
	}
	var blocks []*types.Block
	var stream bytes.Buffer
	for i, b := range bt.Blocks {
		raw, err := hexutil.Decode(b.RLP)
		if err != nil {
			t.Fatalf("block %d: %v", i, err)
		}
		blk := new(types.Block)
		if err := rlp.DecodeBytes(raw, blk); err != nil {
			t.Fatalf("block %d: %v", i, err)
		}
		// Side chains make the head a fork-choice question; only linear
		// chains are traced.
		if i > 0 && blk.ParentHash() != blocks[i-1].Hash() {
			t.Skip("blocks do not form one chain")
		}
		blocks = append(blocks, blk)
		stream.Write(raw)
	}
	geth := newGethChain(t, genesis, blocks)
	if len(geth.order) == 0 {
		t.Skip("no transactions")
	}
	genesisJSON, err := json.Marshal(genesis)
	if err != nil {
		t.Fatal(err)
	}
	node := newGoevmNode(t, genesisJSON, stream.Bytes())
	compareTxTraces(t, node, geth, geth.order, modes)
	var small []common.Hash
	for _, b := range blocks {
		for _, r := range geth.chain.GetReceiptsByHash(b.Hash()) {
			if r.GasUsed <= structLogMaxGas {
				small = append(small, r.TxHash)
			}
		}
	}
	compareTxTraces(t, node, geth, small, structModes)
	return len(geth.order), len(small)
}
