package chain

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// EIP-2124's mainnet vectors count the DAO fork's block like a fork's:
// FORK_HASH 0xfc64ec04 from genesis, 0x97c2c34c from Homestead (1,150,000),
// 0x91d1f948 from the DAO fork (1,920,000), 0x7a64da13 from Tangerine
// Whistle (2,463,000).
func TestForkIDDAO(t *testing.T) {
	gh := types.MustHexToHash("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3")
	homestead, tw, dao := uint64(1_150_000), uint64(2_463_000), uint64(1_920_000)
	cfg := Config{Fork: fork.Frontier, DAOForkBlock: &dao, Schedule: []transition.Activation{
		{Fork: fork.Homestead, Block: &homestead}, {Fork: fork.TangerineWhistle, Block: &tw}}}
	for _, c := range []struct {
		head uint64
		want string
	}{{0, "fc64ec04"}, {1_149_999, "fc64ec04"}, {1_150_000, "97c2c34c"}, {1_919_999, "97c2c34c"},
		{1_920_000, "91d1f948"}, {2_462_999, "91d1f948"}, {2_463_000, "7a64da13"}} {
		if got := fmt.Sprintf("%x", forkHash(gh, 0, cfg.forkPoints(), c.head, 0)); got != c.want {
			t.Errorf("head %d: fork hash %s, want %s", c.head, got, c.want)
		}
	}
}

// A geth genesis file with daoForkBlock and daoForkSupport: the mined fork
// block moves a drained account's balance to the refund contract (EIP-779),
// and it and the nine after it carry "dao-hard-fork" as extra data.
func TestGethGenesisDAOFork(t *testing.T) {
	drained := transition.DAODrainList()[7]
	genesis := fmt.Sprintf(`{"config":{"chainId":1,"homesteadBlock":0,"daoForkBlock":2,"daoForkSupport":true},
"gasLimit":"0x1c9c380","difficulty":"0x20000","timestamp":"0x10","alloc":{"%s":{"balance":"0x1234"}}}`, drained)
	cfg, err := ParseGethGenesis([]byte(genesis))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DAOForkBlock == nil || *cfg.DAOForkBlock != 2 {
		t.Fatalf("DAOForkBlock %v", cfg.DAOForkBlock)
	}
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Mine(12, 1, nil); err != nil {
		t.Fatal(err)
	}
	for n := uint64(1); n <= 12; n++ {
		b, err := c.BlockByNumber(n)
		if err != nil {
			t.Fatal(err)
		}
		if want := n >= 2 && n <= 11; bytes.Equal(b.Header.Extra, []byte("dao-hard-fork")) != want {
			t.Errorf("block %d extra data %q", n, b.Header.Extra)
		}
	}
	before, after := c.State(1), c.State(2)
	if b := before.GetBalance(drained); b.Uint64() != 0x1234 {
		t.Errorf("block 1: drained account holds %d", b.Uint64())
	}
	if b, r := after.GetBalance(drained), after.GetBalance(transition.DAORefundContract); !b.IsZero() || r.Uint64() != 0x1234 {
		t.Errorf("block 2: drained account %d, refund contract %d", b.Uint64(), r.Uint64())
	}
	// Without daoForkSupport the chain does not take the fork.
	cfg, err = ParseGethGenesis(bytes.Replace([]byte(genesis), []byte(`"daoForkSupport":true`), []byte(`"daoForkSupport":false`), 1))
	if err != nil || cfg.DAOForkBlock != nil {
		t.Errorf("without support: %v, DAOForkBlock %v", err, cfg.DAOForkBlock)
	}
}
