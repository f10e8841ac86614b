package chain

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/goevm/goevm/types"
)

// sepoliaConfig is Sepolia's chain config as geth v1.17.10 ships it
// (params/chainspecs/sepolia.json): Amsterdam at 1791294816, after BPO2,
// with no blobSchedule entry of its own.
const sepoliaConfig = `{
  "chainId": 11155111,
  "homesteadBlock": 0, "daoForkSupport": true, "eip150Block": 0, "eip155Block": 0, "eip158Block": 0,
  "byzantiumBlock": 0, "constantinopleBlock": 0, "petersburgBlock": 0, "istanbulBlock": 0,
  "muirGlacierBlock": 0, "berlinBlock": 0, "londonBlock": 0,
  "terminalTotalDifficulty": 17000000000000000, "mergeNetsplitBlock": 1735371,
  "shanghaiTime": 1677557088, "cancunTime": 1706655072, "pragueTime": 1741159776,
  "osakaTime": 1760427360, "bpo1Time": 1761017184, "bpo2Time": 1761607008,
  "amsterdamTime": 1791294816,
  "blobSchedule": {
    "cancun": {"target": 3, "max": 6, "baseFeeUpdateFraction": 3338477},
    "prague": {"target": 6, "max": 9, "baseFeeUpdateFraction": 5007716},
    "bpo1": {"target": 10, "max": 15, "baseFeeUpdateFraction": 8346193},
    "bpo2": {"target": 14, "max": 21, "baseFeeUpdateFraction": 11684671}
  },
  "depositContractAddress": "0x7f02c3e3c98b133055b8b348b2ac625669ed295d",
  "ethash": {}
}`

// gethGenesisWith is a genesis file with this config object and no
// allocation.
func gethGenesisWith(config string) []byte {
	return []byte(`{"config":` + config + `,"gasLimit":"0x1c9c380","difficulty":"0x20000","timestamp":"0x6159af19","alloc":{}}`)
}

// TestGethGenesisAmsterdam: amsterdamTime schedules Amsterdam by timestamp,
// and Amsterdam keeps the blob schedule of the last BPO fork before it
// (geth's ChainConfig.BlobConfig walks down from the fork to the last
// configured BPO entry; consensus/misc/eip4844 latestBlobConfig picks the
// last BPO whose time has come).
func TestGethGenesisAmsterdam(t *testing.T) {
	cfg, err := ParseGethGenesis(gethGenesisWith(sepoliaConfig))
	if err != nil {
		t.Fatal(err)
	}
	const at = 1791294816
	if f := cfg.ForkAt(9_000_000, at-1); f != fork.Osaka {
		t.Errorf("before amsterdamTime: %v, want Osaka", f)
	}
	if f := cfg.ForkAt(9_000_000, at); f != fork.Amsterdam {
		t.Errorf("at amsterdamTime: %v, want Amsterdam", f)
	}
	bpo2 := transition.BlobParams{Target: 14, Max: 21, UpdateFraction: 11684671, MaxPerTx: 6}
	for _, ts := range []uint64{1761607008, at, at + 1e6} {
		if p := cfg.BlobParamsAt(9_000_000, ts); p != bpo2 {
			t.Errorf("blob params at %d: %+v, want BPO2's %+v", ts, p, bpo2)
		}
	}
	var names []string
	for _, p := range cfg.forkPoints() {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, " "); got != "Paris Shanghai Cancun Prague Osaka BPO1 BPO2 Amsterdam" {
		t.Errorf("fork points %s", got)
	}
}

// TestForkIDAmsterdam: EIP-2124 fork hashes of Sepolia through BPO2 and
// Amsterdam, geth v1.17.10's core/forkid TestCreation vectors (Sepolia
// genesis hash 0x25a5cc10..., timestamp 1633267481).
func TestForkIDAmsterdam(t *testing.T) {
	cfg, err := ParseGethGenesis(gethGenesisWith(sepoliaConfig))
	if err != nil {
		t.Fatal(err)
	}
	gh, err := types.HexToHash("0x25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9")
	if err != nil {
		t.Fatal(err)
	}
	points := cfg.forkPoints()
	for _, c := range []struct {
		head, time uint64
		want       uint32
	}{
		{0, 0, 0xfe3366e7},                // unsynced
		{1735371, 0, 0xb96cbd13},          // first MergeNetsplit block
		{1735372, 1677557088, 0xf7f9bc08}, // first Shanghai block
		{1735372, 1706655072, 0x88cf81d9}, // first Cancun block
		{1735372, 1741159776, 0xed88b5fd}, // first Prague block
		{1735372, 1760427360, 0xe2ae4999}, // first Osaka block
		{1735372, 1761017184, 0x56078a1e}, // first BPO1 block
		{1735372, 1761607008, 0x268956b6}, // first BPO2 block
		{1735372, 1791294815, 0x268956b6}, // last BPO2 block
		{1735372, 1791294816, 0x6c1d9423}, // first Amsterdam block
		{1735372, 2000000000, 0x6c1d9423}, // future Amsterdam block
	} {
		got := forkHash(gh, 1633267481, points, c.head, c.time)
		if binary.BigEndian.Uint32(got[:]) != c.want {
			t.Errorf("head %d time %d: fork hash %x, want %08x", c.head, c.time, got, c.want)
		}
	}
}

// TestGethGenesisAmsterdamOrder: geth's fork order for timestamps
// (CheckConfigForkOrder: ... osaka, bpo1, bpo2, amsterdam, bpo3, bpo4,
// bpo5), Amsterdam after Osaka, a blobSchedule entry named amsterdam
// ignored as geth's BlobScheduleConfig ignores it, and the forks after
// Amsterdam refused rather than run as Amsterdam.
func TestGethGenesisAmsterdamOrder(t *testing.T) {
	const head = `{"chainId": 7, "londonBlock": 0, "terminalTotalDifficulty": 0, "shanghaiTime": 0, "cancunTime": 0, "pragueTime": 0`
	const blobs = `"blobSchedule": {"cancun": {"target": 3, "max": 6, "baseFeeUpdateFraction": 3338477}, "prague": {"target": 6, "max": 9, "baseFeeUpdateFraction": 5007716}, "bpo1": {"target": 10, "max": 15, "baseFeeUpdateFraction": 8346193}, "bpo2": {"target": 14, "max": 21, "baseFeeUpdateFraction": 11684671}, "bpo3": {"target": 21, "max": 32, "baseFeeUpdateFraction": 20609697}, "amsterdam": {"target": 1, "max": 2, "baseFeeUpdateFraction": 3}}`
	for _, c := range []struct{ name, forks, err string }{
		{"amsterdam before bpo2", `"osakaTime": 0, "bpo1Time": 10, "bpo2Time": 30, "amsterdamTime": 20`, "amsterdamTime 20 is before config.bpo2Time 30"},
		{"bpo3 before amsterdam", `"osakaTime": 0, "bpo1Time": 10, "bpo2Time": 20, "bpo3Time": 25, "amsterdamTime": 30`, "bpo3Time 25 is before config.amsterdamTime 30"},
		{"amsterdam before osaka", `"osakaTime": 20, "amsterdamTime": 10`, "amsterdamTime 10 is before config.osakaTime 20"},
		{"no osaka", `"amsterdamTime": 10`, "amsterdamTime without config.osakaTime"},
		{"bogota", `"osakaTime": 0, "amsterdamTime": 10, "bogotaTime": 20`, "config.bogotaTime"},
		{"ubt", `"osakaTime": 0, "ubtTime": 20`, "config.ubtTime"},
	} {
		_, err := ParseGethGenesis(gethGenesisWith(head + ", " + c.forks + ", " + blobs + "}"))
		if !errors.Is(err, ErrGenesis) || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: %v, want %q", c.name, err, c.err)
		}
	}

	// Amsterdam at genesis, BPO3 after it: BPO2's parameters, then BPO3's;
	// the amsterdam entry changes nothing.
	cfg, err := ParseGethGenesis(gethGenesisWith(head + `, "osakaTime": 0, "bpo1Time": 0, "bpo2Time": 0, "amsterdamTime": 0, "bpo3Time": 40, ` + blobs + "}"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Fork != fork.Amsterdam {
		t.Errorf("genesis fork %v, want Amsterdam", cfg.Fork)
	}
	if p := cfg.BlobParamsAt(1, 39); p.Target != 14 || p.Max != 21 {
		t.Errorf("before BPO3: %+v, want BPO2's", p)
	}
	if p := cfg.BlobParamsAt(1, 40); p.Target != 21 || p.Max != 32 || p.MaxPerTx != 6 {
		t.Errorf("BPO3: %+v", p)
	}
	if pts := cfg.forkPoints(); len(pts) != 3 || pts[2].Name != "BPO3" || pts[2].Fork != fork.Amsterdam {
		t.Errorf("fork points %+v, want BPO3 running Amsterdam's rules", pts)
	}

	// Osaka then Amsterdam with no BPO fork: Prague's parameters throughout.
	cfg, err = ParseGethGenesis(gethGenesisWith(head + `, "osakaTime": 0, "amsterdamTime": 50, ` + blobs + "}"))
	if err != nil {
		t.Fatal(err)
	}
	prague := transition.BlobParams{Target: 6, Max: 9, UpdateFraction: 5007716, MaxPerTx: 6}
	if p := cfg.BlobParamsAt(1, 50); p != prague || cfg.ForkAt(1, 50) != fork.Amsterdam {
		t.Errorf("at Amsterdam: %v %+v, want Amsterdam with Prague's %+v", cfg.ForkAt(1, 50), p, prague)
	}
}

// TestForkConfigsAmsterdam: eth_config's view (EIP-7910) of the
// execution-apis chain with Amsterdam scheduled after its BPO2: next and
// last are Amsterdam, with BPO2's blob schedule (geth's BlobConfig for
// Amsterdam) and a fork hash extended by the Amsterdam time (EIP-2124).
func TestForkConfigsAmsterdam(t *testing.T) {
	genesis, _, _ := execAPIs(t)
	genesis = bytes.Replace(genesis, []byte(`"bpo2Time": 540,`), []byte(`"bpo2Time": 540, "amsterdamTime": 570,`), 1)
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
	if cur.Point.Name != "BPO2" || next == nil || last == nil {
		t.Fatalf("current %+v next %v last %v", cur.Point, next, last)
	}
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], 570)
	var want [4]byte
	binary.BigEndian.PutUint32(want[:], crc32.Update(binary.BigEndian.Uint32(cur.ID[:]), crc32.IEEETable, ts[:]))
	for _, fc := range []*ForkConfig{next, last} {
		if fc.Point.Name != "Amsterdam" || fc.Fork != fork.Amsterdam || *fc.Point.Time != 570 || fc.ID != want ||
			fc.Blobs.Target != 14 || fc.Blobs.Max != 21 || fc.Blobs.UpdateFraction != 11684671 {
			t.Errorf("Amsterdam config %+v blobs %+v id %x, want id %x", fc.Point, fc.Blobs, fc.ID, want)
		}
	}
}

// TestMineAcrossAmsterdam: a chain from a genesis file with amsterdamTime
// mines from Osaka through BPO1 and BPO2 into Amsterdam; Amsterdam's blocks
// carry the EIP-7928 access list hash and EIP-7843 slot number, the blob
// schedule stays BPO2's, and a second node imports every block through
// the same validation as any other chain's.
func TestMineAcrossAmsterdam(t *testing.T) {
	const genesis = `{"config":{"chainId":1337,"homesteadBlock":0,"eip150Block":0,"eip155Block":0,"eip158Block":0,
	  "byzantiumBlock":0,"constantinopleBlock":0,"petersburgBlock":0,"istanbulBlock":0,"berlinBlock":0,"londonBlock":0,
	  "mergeNetsplitBlock":0,"terminalTotalDifficulty":0,
	  "shanghaiTime":0,"cancunTime":0,"pragueTime":0,"osakaTime":0,"bpo1Time":100,"bpo2Time":150,"amsterdamTime":200,
	  "blobSchedule":{"cancun":{"target":3,"max":6,"baseFeeUpdateFraction":3338477},"prague":{"target":6,"max":9,"baseFeeUpdateFraction":5007716},
	    "bpo1":{"target":10,"max":15,"baseFeeUpdateFraction":8346193},"bpo2":{"target":14,"max":21,"baseFeeUpdateFraction":11684671}}},
	  "gasLimit":"0x1c9c380","difficulty":"0x0","timestamp":"0x0","extraData":"0x",
	  "alloc":{"0x00000000000000000000000000000000000000aa":{"balance":"1000"}}}`
	cfg := genesisWithSystemContracts(t, genesis, true)
	if cfg.Fork != fork.Osaka {
		t.Fatalf("base fork %v", cfg.Fork)
	}
	a, mined := mineAt(t, cfg, 50, 120, 199, 200, 210)
	for i, b := range mined {
		h := b.Header
		amsterdam := h.Time >= 200
		if f := cfg.ForkAt(h.Number, h.Time); (f == fork.Amsterdam) != amsterdam {
			t.Errorf("block %d (time %d): fork %v", h.Number, h.Time, f)
		}
		if (h.BlockAccessListHash != nil) != amsterdam || (h.SlotNumber != nil) != amsterdam {
			t.Errorf("block %d (time %d): access list hash %v slot number %v, want them from Amsterdam (200) on", i+1, h.Time, h.BlockAccessListHash, h.SlotNumber)
		}
	}
	if p := a.BlobParamsAt(mined[4].Header.Number, mined[4].Header.Time); p.Target != 14 || p.Max != 21 {
		t.Errorf("Amsterdam blob params %+v, want BPO2's", p)
	}
	importAll(t, cfg, mined, a.Head().Hash())
}

// TestGethGenesisOsakaEntryIgnored: geth v1.17.10's BlobScheduleConfig has
// no osaka entry (named forks after Prague inherit the last BPO fork's or
// Prague's parameters), so a genesis file's blobSchedule.osaka changes
// nothing, in geth and here.
func TestGethGenesisOsakaEntryIgnored(t *testing.T) {
	cfg, err := ParseGethGenesis(gethGenesisWith(`{"chainId": 7, "londonBlock": 0, "terminalTotalDifficulty": 0, "shanghaiTime": 0, "cancunTime": 0, "pragueTime": 0, "osakaTime": 10,
	  "blobSchedule": {"cancun": {"target": 3, "max": 6, "baseFeeUpdateFraction": 3338477}, "prague": {"target": 6, "max": 9, "baseFeeUpdateFraction": 5007716}, "osaka": {"target": 1, "max": 2, "baseFeeUpdateFraction": 3}}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := transition.BlobParams{Target: 6, Max: 9, UpdateFraction: 5007716, MaxPerTx: 6}
	if p := cfg.BlobParamsAt(1, 10); p != want || cfg.BlobSchedule != nil {
		t.Errorf("at Osaka: %+v (schedule %+v), want Prague's %+v", p, cfg.BlobSchedule, want)
	}
}
