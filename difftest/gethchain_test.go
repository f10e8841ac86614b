package difftest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/consensus"
	"github.com/ethereum/go-ethereum/consensus/beacon"
	"github.com/ethereum/go-ethereum/consensus/ethash"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/eth/tracers"
	_ "github.com/ethereum/go-ethereum/eth/tracers/native" // registers callTracer, prestateTracer
	"github.com/ethereum/go-ethereum/ethdb"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rlp"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
)

// gethChain is geth's blockchain in memory (archive mode, so every
// block's state stays readable) with what eth/tracers' API needs from a
// node, so debug_trace* is answered by geth's own API code over its own
// JSON-RPC server, as a geth node answers it.
type gethChain struct {
	chain *core.BlockChain
	db    ethdb.Database
	txs   map[common.Hash]txPos
	// order lists the transactions in chain order.
	order []common.Hash
}

type txPos struct {
	block common.Hash
	num   uint64
	index uint64
}

// newGethChain imports a geth genesis file and, when blocks is not empty,
// an RLP stream of blocks (as "geth import" reads it).
func newGethChain(t *testing.T, genesis *core.Genesis, blocks []*types.Block) *gethChain {
	t.Helper()
	db := rawdb.NewMemoryDatabase()
	// beacon wraps ethash: blocks before the terminal total difficulty are
	// checked by ethash's rules (without proof of work), later ones by the
	// proof-of-stake rules, as a geth node with this genesis does.
	engine := beacon.New(ethash.NewFaker())
	bc, err := core.NewBlockChain(db, genesis, engine, core.DefaultConfig().WithArchive(true))
	if err != nil {
		t.Fatalf("geth: %v", err)
	}
	t.Cleanup(bc.Stop)
	if n, err := bc.InsertChain(blocks); err != nil {
		t.Fatalf("geth: inserting block %d: %v", n, err)
	}
	g := &gethChain{chain: bc, db: db, txs: map[common.Hash]txPos{}}
	for _, b := range blocks {
		for i, tx := range b.Transactions() {
			g.txs[tx.Hash()] = txPos{b.Hash(), b.NumberU64(), uint64(i)}
			g.order = append(g.order, tx.Hash())
		}
	}
	return g
}

// readGethGenesis reads a geth genesis file.
func readGethGenesis(t *testing.T, path string) *core.Genesis {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g := new(core.Genesis)
	if err := json.Unmarshal(src, g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// readRLPBlocks decodes a file of concatenated RLP blocks.
func readRLPBlocks(t *testing.T, path string) []*types.Block {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := rlp.NewStream(f, 0)
	var out []*types.Block
	for {
		b := new(types.Block)
		if err := s.Decode(b); errors.Is(err, io.EOF) {
			return out
		} else if err != nil {
			t.Fatalf("%s: block %d: %v", path, len(out), err)
		}
		out = append(out, b)
	}
}

// rpcClient serves geth's debug namespace (eth/tracers.API over this
// chain) on an in-process geth JSON-RPC server.
func (g *gethChain) rpcClient(t *testing.T) *gethrpc.Client {
	srv := gethrpc.NewServer()
	if err := srv.RegisterName("debug", tracers.NewAPI(g)); err != nil {
		t.Fatal(err)
	}
	c := gethrpc.DialInProc(srv)
	t.Cleanup(func() { c.Close(); srv.Stop() })
	return c
}

// The tracers.Backend methods.

func (g *gethChain) HeaderByHash(_ context.Context, h common.Hash) (*types.Header, error) {
	return g.chain.GetHeaderByHash(h), nil
}

func (g *gethChain) HeaderByNumber(_ context.Context, n gethrpc.BlockNumber) (*types.Header, error) {
	if n < 0 {
		return g.chain.CurrentHeader(), nil
	}
	return g.chain.GetHeaderByNumber(uint64(n)), nil
}

func (g *gethChain) CurrentHeader() *types.Header { return g.chain.CurrentHeader() }

func (g *gethChain) BlockByHash(_ context.Context, h common.Hash) (*types.Block, error) {
	return g.chain.GetBlockByHash(h), nil
}

func (g *gethChain) BlockByNumber(_ context.Context, n gethrpc.BlockNumber) (*types.Block, error) {
	if n < 0 {
		return g.chain.GetBlockByNumber(g.chain.CurrentBlock().Number.Uint64()), nil
	}
	return g.chain.GetBlockByNumber(uint64(n)), nil
}

func (g *gethChain) GetCanonicalTransaction(h common.Hash) (bool, *types.Transaction, common.Hash, uint64, uint64) {
	p, ok := g.txs[h]
	if !ok {
		return false, nil, common.Hash{}, 0, 0
	}
	return true, g.chain.GetBlockByHash(p.block).Transactions()[p.index], p.block, p.num, p.index
}

func (g *gethChain) TxIndexDone() bool                { return true }
func (g *gethChain) RPCGasCap() uint64                { return 50_000_000 }
func (g *gethChain) ChainConfig() *params.ChainConfig { return g.chain.Config() }
func (g *gethChain) Engine() consensus.Engine         { return g.chain.Engine() }
func (g *gethChain) ChainDb() ethdb.Database          { return g.db }

func (g *gethChain) StateAtBlock(_ context.Context, b *types.Block, _ *state.StateDB, _, _ bool) (*state.StateDB, tracers.StateReleaseFunc, error) {
	st, err := g.chain.StateAt(b.Root(), b.Number(), b.Time())
	if err != nil {
		return nil, nil, err
	}
	return st, func() {}, nil
}

// StateAtTransaction does what a geth node's does (eth/state_accessor.go):
// the parent's state, the block's pre-execution system calls (EIP-4788
// beacon root, EIP-2935 parent hash), then the block's earlier
// transactions.
func (g *gethChain) StateAtTransaction(ctx context.Context, b *types.Block, txIndex int) (*types.Transaction, vm.BlockContext, *state.StateDB, tracers.StateReleaseFunc, error) {
	parent := g.chain.GetBlock(b.ParentHash(), b.NumberU64()-1)
	if parent == nil {
		return nil, vm.BlockContext{}, nil, nil, fmt.Errorf("parent of block %d not found", b.NumberU64())
	}
	st, release, err := g.StateAtBlock(ctx, parent, nil, true, false)
	if err != nil {
		return nil, vm.BlockContext{}, nil, nil, err
	}
	cfg := g.chain.Config()
	bctx := core.NewEVMBlockContext(b.Header(), g.chain, nil)
	evm := vm.NewEVM(bctx, st, cfg, vm.Config{})
	defer evm.Release()
	core.PreExecution(ctx, b.BeaconRoot(), parent.Header(), cfg, evm, b.Number(), b.Time())
	signer := types.MakeSigner(cfg, b.Number(), b.Time())
	for i, tx := range b.Transactions() {
		if i == txIndex {
			return tx, bctx, st, release, nil
		}
		msg, _ := core.TransactionToMessage(tx, signer, b.BaseFee())
		st.SetTxContext(tx.Hash(), i, uint32(i+1))
		if _, err := core.ApplyMessage(evm, msg, nil); err != nil {
			return nil, vm.BlockContext{}, nil, nil, fmt.Errorf("transaction %#x: %w", tx.Hash(), err)
		}
		st.Finalise(evm.GetRules())
	}
	return nil, vm.BlockContext{}, nil, nil, fmt.Errorf("transaction index %d out of range for block %d", txIndex, b.NumberU64())
}
