package chain

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// EIP-7928 on a chain that moves into Amsterdam: blocks mined from the fork
// on carry blockAccessListHash (the hash of the list they come with), those
// before it do not, and another chain imports them, recomputing each list.
// The EIP-8282 contracts are in the genesis allocation, as a genesis file
// holds them.
func TestMineIntoAmsterdamBAL(t *testing.T) {
	const genesis = `{"config":{"chainId":1337,"homesteadBlock":0,"eip150Block":0,"eip155Block":0,"eip158Block":0,
	  "byzantiumBlock":0,"constantinopleBlock":0,"petersburgBlock":0,"istanbulBlock":0,"berlinBlock":0,
	  "londonBlock":0,"mergeNetsplitBlock":0,"terminalTotalDifficulty":0,
	  "shanghaiTime":0,"cancunTime":0,"pragueTime":0,"osakaTime":0,"amsterdamTime":100},
	  "gasLimit":"0x1c9c380","difficulty":"0x0","timestamp":"0x0","extraData":"0x",
	  "alloc":{"0x00000000000000000000000000000000000000aa":{"balance":"1000"}}}`
	cfg, err := ParseGethGenesis([]byte(genesis))
	if err != nil {
		t.Fatal(err)
	}
	for addr, code := range map[types.Address][]byte{
		transition.BeaconRootsAddress: beaconRootsCode, transition.HistoryStorageAddress: historyStorageCode,
		transition.WithdrawalRequestAddress: withdrawalRequestCode, transition.ConsolidationRequestAddress: consolidationRequestCode,
		transition.BuilderDepositRequestAddress: builderDepositRequestCode, transition.BuilderExitRequestAddress: builderExitRequestCode,
	} {
		cfg.Alloc[addr] = GenesisAccount{Nonce: 1, Code: code}
	}
	a, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var mined []*types.Block
	for _, ts := range []uint64{50, 100, 110} {
		m, err := a.Mine(1, 0, &ts)
		if err != nil {
			t.Fatalf("mining at %d: %v", ts, err)
		}
		mined = append(mined, m.Block)
	}
	if f := cfg.ForkAt(2, 100); f != fork.Amsterdam {
		t.Fatalf("fork at time 100: %v", f)
	}
	if mined[0].Header.BlockAccessListHash != nil || mined[0].AccessList != nil {
		t.Error("an Osaka block has an access list")
	}
	for _, b := range mined[1:] {
		h := b.Header.BlockAccessListHash
		if h == nil || b.AccessList == nil || b.AccessList.Hash() != *h {
			t.Fatalf("Amsterdam block %d: hash %v, list %v", b.Header.Number, h, b.AccessList)
		}
		// The system contracts called around an empty block are all there.
		if len(b.AccessList) != 6 {
			t.Errorf("block %d lists %d accounts, want the 6 system contracts", b.Header.Number, len(b.AccessList))
		}
	}
	c, err := New(cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, blk := range mined {
		if _, err := c.ImportBlock(blk); err != nil {
			t.Fatal(err)
		}
	}
	if c.Head().Hash() != a.Head().Hash() {
		t.Fatal("heads differ")
	}
}
