package chain

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/rlp"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// execAPIs reads the execution-apis test chain: its genesis.json and the
// blocks of chain.rlp.
func execAPIs(t *testing.T) (genesis []byte, rlpData []byte, blocks []*types.Block) {
	t.Helper()
	dir := fixtures.Dir(t, "execution-apis/tests")
	genesis, err := os.ReadFile(filepath.Join(dir, "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	rlpData, err = os.ReadFile(filepath.Join(dir, "chain.rlp"))
	if err != nil {
		t.Fatal(err)
	}
	for rest := rlpData; len(rest) > 0; {
		_, _, next, err := rlp.Split(rest)
		if err != nil {
			t.Fatal(err)
		}
		b, err := types.DecodeBlockRLP(rest[:len(rest)-len(next)])
		if err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, b)
		rest = next
	}
	return genesis, rlpData, blocks
}

// TestGethGenesisHash: the genesis block built from execution-apis'
// genesis.json is geth's, whose hash block 1 of chain.rlp names as parent.
func TestGethGenesisHash(t *testing.T) {
	genesis, _, blocks := execAPIs(t)
	cfg, err := ParseGethGenesis(genesis)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Fork != fork.Homestead || cfg.ChainID != 3503995874084926 {
		t.Fatalf("base fork %v chain id %d", cfg.Fork, cfg.ChainID)
	}
	if got := cfg.ForkAt(36, 360); got != fork.Paris {
		t.Errorf("block 36 fork %v, want Paris", got)
	}
	if got := cfg.ForkAt(42, 420); got != fork.Cancun {
		t.Errorf("block 42 fork %v, want Cancun", got)
	}
	if p := cfg.BlobParamsAt(54, 540); p.Target != 14 || p.Max != 21 || p.UpdateFraction != 11684671 || p.MaxPerTx != 6 {
		t.Errorf("BPO2 blob params %+v", p)
	}
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got, want := c.Head().Hash(), blocks[0].Header.ParentHash; got != want {
		t.Fatalf("genesis hash %s, geth's %s", got, want)
	}
}

func TestGethGenesisRefusals(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"config":{"chainId":1,"amsterdamTime":0}}`, "config.amsterdamTime without config.osakaTime"},
		{`{"config":{"chainId":1,"bogotaTime":0}}`, "config.bogotaTime: goevm does not implement Bogota"},
		{`{"config":{"chainId":1,"osakaTime":0,"bpo1Time":10}}`, "config.blobSchedule.bpo1"},
		{`{"config":{"chainId":1,"bpo1Time":10,"blobSchedule":{"bpo1":{"target":1,"max":2,"baseFeeUpdateFraction":3}}}}`, "without config.osakaTime"},
		{`{"config":{"chainId":1,"terminalTotalDifficulty":100}}`, "mergeNetsplitBlock"},
		{`{"config":{"chainId":1,"byzantiumBlock":5,"eip150Block":9}}`, "config.byzantiumBlock 5 is before config.eip150Block 9"},
		{`{"config":{"chainId":1},"gasLimit":"0x1","difficulty":"0x1","alloc":{"0x01":{"balance":"1"}}}`, "alloc key"},
		{`{"config":{"chainId":1},"gasLimit":"0x1","difficulty":"0x1","alloc":{"0x00000000000000000000000000000000000000aa":{}}}`, "balance is required"},
		{`{"config":{"chainId":1},"difficulty":"0x1"}`, "gasLimit is required"},
		{`{"config":{"chainId":1},"gasLimit":"0x1"}`, "difficulty is required"},
		{`{"config":{"chainId":1},"gasLimit":"0xzz"}`, "gasLimit"},
		{`{"config":{}}`, "chainId"},
	} {
		_, err := ParseGethGenesis([]byte(tc.json))
		if err == nil || !errors.Is(err, ErrGenesis) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %q", tc.json, err, tc.want)
		}
	}
}

// TestImportExecutionAPIsChain imports the whole execution-apis chain, fork
// transitions from Homestead to BPO2 included, into a data directory, and
// checks the head; reopening and importing again adds nothing.
func TestImportExecutionAPIsChain(t *testing.T) {
	genesis, data, blocks := execAPIs(t)
	cfg, err := ParseGethGenesis(genesis)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c, err := New(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.ImportRLP(data)
	if err != nil {
		t.Fatal(err)
	}
	last := blocks[len(blocks)-1]
	if n != len(blocks) || c.Head().Hash() != last.Hash() || c.Head().Header.StateRoot != last.Header.StateRoot {
		t.Fatalf("imported %d of %d; head %d %s, want %s", n, len(blocks), c.Head().Header.Number, c.Head().Hash(), last.Hash())
	}
	rs, err := c.Receipts(blocks[1].Hash())
	if err != nil || len(rs) != len(blocks[1].Transactions) {
		t.Fatalf("block 2 receipts: %d, %v", len(rs), err)
	}
	c.Close()

	c, err = New(cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, err := c.ImportRLP(data); n != 0 || err != nil {
		t.Fatalf("second import added %d: %v", n, err)
	}
	if c.Head().Hash() != last.Hash() {
		t.Fatal("head moved")
	}
	// A block that does not extend the head is refused by name.
	bad := *blocks[3]
	hdr := *bad.Header
	hdr.Number = last.Header.Number + 1
	bad.Header = &hdr
	if _, err := c.ImportBlock(&bad); !errors.Is(err, ErrImport) || !strings.Contains(err.Error(), "is not the head") {
		t.Fatalf("orphan block: %v", err)
	}
	// Mining on top of the imported chain continues under BPO2.
	if _, err := c.Mine(1, 0, nil); err != nil {
		t.Fatal(err)
	}
}

// TestMineAcrossForks: a chain from a genesis file mines through London
// (block 2), the Merge (block 3), and Shanghai to BPO1 by timestamp; each
// block has its own fork's header, and a second node imports them all
// through the same validation as any other chain's blocks.
func TestMineAcrossForks(t *testing.T) {
	const genesis = `{"config":{"chainId":1337,"homesteadBlock":0,"eip150Block":0,"eip155Block":0,"eip158Block":0,
	  "byzantiumBlock":0,"constantinopleBlock":0,"petersburgBlock":0,"istanbulBlock":0,"berlinBlock":0,
	  "londonBlock":2,"mergeNetsplitBlock":3,"terminalTotalDifficulty":0,
	  "shanghaiTime":100,"cancunTime":200,"pragueTime":300,"osakaTime":400,"bpo1Time":500,
	  "blobSchedule":{"bpo1":{"target":10,"max":15,"baseFeeUpdateFraction":8346193}}},
	  "gasLimit":"0x1c9c380","difficulty":"0x20000","timestamp":"0x0","extraData":"0x",
	  "alloc":{"0x00000000000000000000000000000000000000aa":{"balance":"1000"}}}`
	cfg := genesisWithSystemContracts(t, genesis, false)
	if cfg.Fork != fork.Berlin {
		t.Fatalf("base fork %v", cfg.Fork)
	}
	a, mined := mineAt(t, cfg, 10, 20, 30, 100, 200, 300, 400, 500, 510)
	h := func(i int) *types.Header { return mined[i].Header }
	switch {
	case h(0).BaseFee != nil || h(0).Difficulty.IsZero():
		t.Error("block 1 (Berlin) has a base fee or no difficulty")
	case h(1).BaseFee == nil || h(1).BaseFee.Uint64() != 1_000_000_000 || h(1).GasLimit <= h(0).GasLimit:
		t.Errorf("block 2 (London): base fee %v gas limit %d", h(1).BaseFee, h(1).GasLimit)
	case !h(2).Difficulty.IsZero():
		t.Error("block 3 (Paris) has a difficulty")
	case h(2).WithdrawalsRoot != nil || h(3).WithdrawalsRoot == nil:
		t.Error("withdrawals root not from Shanghai (time 100)")
	case h(3).ExcessBlobGas != nil || h(4).ExcessBlobGas == nil:
		t.Error("blob gas fields not from Cancun (time 200)")
	case h(4).RequestsHash != nil || h(5).RequestsHash == nil:
		t.Error("requests hash not from Prague (time 300)")
	}
	if p := a.BlobParamsAt(h(7).Number, h(7).Time); p.Target != 10 {
		t.Errorf("BPO1 blob target %d", p.Target)
	}
	importAll(t, cfg, mined, a.Head().Hash())
}

// genesisWithSystemContracts parses a geth genesis file and allocates the
// system contracts in it, as a genesis file does: Prague's blocks call
// EIP-7002's and EIP-7251's (a block without them is invalid), and with
// amsterdam Amsterdam's call EIP-8282's builder queues too.
func genesisWithSystemContracts(t *testing.T, genesis string, amsterdam bool) Config {
	t.Helper()
	cfg, err := ParseGethGenesis([]byte(genesis))
	if err != nil {
		t.Fatal(err)
	}
	contracts := map[types.Address][]byte{
		transition.BeaconRootsAddress: beaconRootsCode, transition.HistoryStorageAddress: historyStorageCode,
		transition.WithdrawalRequestAddress: withdrawalRequestCode, transition.ConsolidationRequestAddress: consolidationRequestCode,
	}
	if amsterdam {
		contracts[transition.BuilderDepositRequestAddress] = builderDepositRequestCode
		contracts[transition.BuilderExitRequestAddress] = builderExitRequestCode
	}
	for addr, code := range contracts {
		cfg.Alloc[addr] = GenesisAccount{Nonce: 1, Code: code}
	}
	return cfg
}

// mineAt starts a chain from cfg and mines one block at each timestamp.
func mineAt(t *testing.T, cfg Config, times ...uint64) (*Chain, []*types.Block) {
	t.Helper()
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	var mined []*types.Block
	for _, ts := range times {
		m, err := c.Mine(1, 0, &ts)
		if err != nil {
			t.Fatalf("mining at %d: %v", ts, err)
		}
		mined = append(mined, m.Block)
	}
	return c, mined
}

// importAll imports blocks into a second chain from cfg, through the same
// validation as any other chain's blocks, and checks it ends at head.
func importAll(t *testing.T, cfg Config, blocks []*types.Block, head types.Hash) {
	t.Helper()
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, blk := range blocks {
		if _, err := c.ImportBlock(blk); err != nil {
			t.Fatalf("import block %d: %v", blk.Header.Number, err)
		}
	}
	if c.Head().Hash() != head {
		t.Fatal("heads differ")
	}
}

// TestForkConfigs: the fork id and eth_config view of the execution-apis
// chain at its head (time 540, BPO2) are those its get-config.io expects
// from geth.
func TestForkConfigs(t *testing.T) {
	genesis, _, _ := execAPIs(t)
	cfg, err := ParseGethGenesis(genesis)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cur, next, last := c.ForkConfigsAt(54, 540)
	if cur.ID != [4]byte{0xe2, 0x72, 0xec, 0xbe} || cur.Point.Name != "BPO2" || *cur.Point.Time != 540 || cur.Blobs.Max != 21 {
		t.Errorf("current: %+v id %x", cur.Point, cur.ID)
	}
	if next != nil || last != nil {
		t.Errorf("next %v last %v, want none", next, last)
	}
	cur, next, last = c.ForkConfigsAt(41, 410)
	if cur.Fork != fork.Shanghai || next == nil || next.Fork != fork.Cancun || last == nil || last.Point.Name != "BPO2" || last.ID != [4]byte{0xe2, 0x72, 0xec, 0xbe} {
		t.Errorf("at 410: current %v next %+v last %+v", cur.Fork, next, last)
	}
}
