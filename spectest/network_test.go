package spectest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
)

func TestParseNetwork(t *testing.T) {
	cases := []struct {
		name         string
		number, time uint64
		want         fork.Fork
	}{
		{"Cancun", 0, 0, fork.Cancun},
		{"EIP158", 5, 0, fork.SpuriousDragon},
		{"ShanghaiToCancunAtTime15k", 3, 14_999, fork.Shanghai},
		{"ShanghaiToCancunAtTime15k", 3, 15_000, fork.Cancun},
		{"BerlinToLondonAt5", 4, 100, fork.Berlin},
		{"BerlinToLondonAt5", 5, 100, fork.London},
	}
	for _, c := range cases {
		cfg, err := ParseNetwork(c.name, 1)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := cfg.ForkAt(c.number, c.time); got != c.want {
			t.Errorf("%s at block %d, time %d: %v, want %v", c.name, c.number, c.time, got, c.want)
		}
	}
	for _, bad := range []string{"Atlantis", "CancunToAtlantisAt5", "BerlinToLondon", "BerlinToLondonAtx"} {
		if _, err := ParseNetwork(bad, 1); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// TestParseNetworkBPO: the BPO fixture networks and the transitions through
// them, as geth's tests/init.go defines them: BPO<n> is Osaka's rules with
// BPO<n>'s blob schedule; "Amsterdam" passes BPO1 and BPO2 at genesis, so
// its blob schedule is BPO2's (geth's "Amsterdam" config: BPO1Time and
// BPO2Time 0, BlobScheduleConfig up to BPO2); in a transition the second
// network's BPO forks beyond the first's activate at its time.
func TestParseNetworkBPO(t *testing.T) {
	prague := transition.BlobParams{Target: 6, Max: 9, UpdateFraction: 5007716, MaxPerTx: 6}
	bpo := func(n int) transition.BlobParams {
		p := bpoBlobs[n-1]
		p.MaxPerTx = 6 // EIP-7594's MAX_BLOBS_PER_TX, Osaka's and after
		return p
	}
	cases := []struct {
		name  string
		time  uint64
		fork  fork.Fork
		blobs transition.BlobParams
	}{
		{"Osaka", 0, fork.Osaka, prague},
		{"BPO1", 0, fork.Osaka, transition.BlobParams{Target: 10, Max: 15, UpdateFraction: 8346193, MaxPerTx: 6}},
		{"BPO2", 0, fork.Osaka, transition.BlobParams{Target: 14, Max: 21, UpdateFraction: 11684671, MaxPerTx: 6}},
		{"BPO3", 0, fork.Osaka, transition.BlobParams{Target: 21, Max: 32, UpdateFraction: 20609697, MaxPerTx: 6}},
		{"BPO4", 0, fork.Osaka, transition.BlobParams{Target: 14, Max: 21, UpdateFraction: 13739630, MaxPerTx: 6}},
		{"Amsterdam", 0, fork.Amsterdam, bpo(2)},
		{"OsakaToBPO1AtTime15k", 14_999, fork.Osaka, prague},
		{"OsakaToBPO1AtTime15k", 15_000, fork.Osaka, bpo(1)},
		{"BPO1ToBPO2AtTime15k", 14_999, fork.Osaka, bpo(1)},
		{"BPO1ToBPO2AtTime15k", 15_000, fork.Osaka, bpo(2)},
		{"BPO2ToBPO3AtTime15k", 15_000, fork.Osaka, bpo(3)},
		{"BPO3ToBPO4AtTime15k", 14_999, fork.Osaka, bpo(3)},
		{"BPO3ToBPO4AtTime15k", 15_000, fork.Osaka, bpo(4)},
		{"BPO2ToAmsterdamAtTime15k", 14_999, fork.Osaka, bpo(2)},
		{"BPO2ToAmsterdamAtTime15k", 15_000, fork.Amsterdam, bpo(2)},
		{"OsakaToAmsterdamAtTime15k", 14_999, fork.Osaka, prague},
		{"OsakaToAmsterdamAtTime15k", 15_000, fork.Amsterdam, bpo(2)},
	}
	for _, c := range cases {
		n, err := ParseFixtureNetwork(c.name, 1)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		cfg := n.ConfigAt(1, c.time)
		f := cfg.ForkAt(1, c.time)
		if got := cfg.BlobParamsAt(f); f != c.fork || got != c.blobs {
			t.Errorf("%s at time %d: %v %+v, want %v %+v", c.name, c.time, f, got, c.fork, c.blobs)
		}
	}
	for _, bad := range []string{"BPO5", "BPO2ToBPO1AtTime15k", "AmsterdamToBPO2AtTime15k", "BPO1ToBPO1AtTime15k", "OsakaToBPO1At5", "OsakaToBPO1AtTime99999999999999999999k"} {
		if _, err := ParseFixtureNetwork(bad, 1); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// TestStateTestBPOFork: a state test's "BPO1" post runs (it is no unknown
// fork) with Osaka's rules and BPO1's blob schedule: BLOBBASEFEE stored at
// a large excess blob gas gives the root of the Osaka post run with BPO1's
// parameters as its config.blobSchedule, not the plain Osaka post's.
func TestStateTestBPOFork(t *testing.T) {
	const tmpl = `{"t": {
  "env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x1000000",
    "currentNumber": "0x01", "currentTimestamp": "0x03e8", "currentBaseFee": "0x0a",
    "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000020000",
    "currentExcessBlobGas": "0x2faf080"},
  "pre": {
    "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x3b9aca00", "nonce": "0x00", "code": "0x", "storage": {}},
    "0x1000000000000000000000000000000000000000": {"balance": "0x00", "nonce": "0x00", "code": "0x4a5f5500", "storage": {}}},
  "transaction": {"nonce": "0x00", "gasPrice": "0x0a", "gasLimit": ["0x0186a0"], "to": "0x1000000000000000000000000000000000000000",
    "value": ["0x00"], "data": ["0x"], "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"},
  "post": {%s},
  "config": {%s}}}`
	post := func(forks ...string) string {
		var parts []string
		for _, f := range forks {
			parts = append(parts, `"`+f+`": [{"hash": "0x0000000000000000000000000000000000000000000000000000000000000000", "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", "indexes": {"data": 0, "gas": 0, "value": 0}}]`)
		}
		return strings.Join(parts, ", ")
	}
	roots := func(post, config string) map[string]StateResult {
		tests, err := ParseStateTests([]byte(fmt.Sprintf(tmpl, post, config)))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]StateResult{}
		for _, r := range tests["t"].Run("t", nil) {
			if !strings.Contains(r.Error, ErrRootMismatch.Error()) {
				t.Fatalf("%s: %s, want only a root mismatch (the post hash is a placeholder)", r.Fork, r.Error)
			}
			out[r.Fork] = r
		}
		return out
	}
	got := roots(post("Osaka", "BPO1"), "")
	want := roots(post("Osaka"), `"blobSchedule": {"Osaka": {"target": "0x0a", "max": "0x0f", "baseFeeUpdateFraction": "0x7f5a51"}}`)
	if got["BPO1"].StateRoot == got["Osaka"].StateRoot {
		t.Error("BPO1 and Osaka posts have the same root: BLOBBASEFEE did not see BPO1's update fraction")
	}
	if got["BPO1"].StateRoot != want["Osaka"].StateRoot {
		t.Errorf("BPO1 root %s, want %s (Osaka with BPO1's blob schedule)", got["BPO1"].StateRoot, want["Osaka"].StateRoot)
	}

	// --fork Osaka (StateRunConfig.Fork) leaves the BPO1 post out;
	// ForkName selects it.
	tests, _ := ParseStateTests([]byte(fmt.Sprintf(tmpl, post("Osaka", "BPO1"), "")))
	osaka := fork.Osaka
	if rs := tests["t"].Run("t", &StateRunConfig{Fork: &osaka}); len(rs) != 1 || rs[0].Fork != "Osaka" {
		t.Errorf("Fork Osaka ran %+v", rs)
	}
	if rs := tests["t"].Run("t", &StateRunConfig{ForkName: "bpo1"}); len(rs) != 1 || rs[0].Fork != "BPO1" {
		t.Errorf("ForkName bpo1 ran %+v", rs)
	}
}

// TestBlockTestBlobScheduleOverrides: a blockchain fixture's
// config.blobSchedule replaces the BPO forks' parameters by name, and an
// entry for Amsterdam applies from Amsterdam on (genesis, or the
// transition's time), after the BPO forks.
func TestBlockTestBlobScheduleOverrides(t *testing.T) {
	sched := map[string]stBlobSchedule{
		"BPO1":      {Target: 1, Max: 2, UpdateFraction: 3},
		"BPO2":      {Target: 4, Max: 5, UpdateFraction: 6},
		"Amsterdam": {Target: 7, Max: 8, UpdateFraction: 9},
	}
	for _, c := range []struct {
		network string
		time    uint64
		want    uint64 // Target
	}{
		{"BPO1", 0, 1},
		{"BPO2", 0, 4},
		{"Amsterdam", 0, 7},
		{"OsakaToBPO1AtTime15k", 15_000, 1},
		{"BPO2ToAmsterdamAtTime15k", 14_999, 4},
		{"BPO2ToAmsterdamAtTime15k", 15_000, 7},
		{"OsakaToAmsterdamAtTime15k", 15_000, 7},
	} {
		bt := &BlockTest{Network: c.network, Config: &btConfig{BlobSchedule: sched}}
		n, err := bt.chainConfig()
		if err != nil {
			t.Fatalf("%s: %v", c.network, err)
		}
		cfg := n.ConfigAt(1, c.time)
		if got := cfg.BlobParamsAt(cfg.ForkAt(1, c.time)); got.Target != c.want {
			t.Errorf("%s at %d: %+v, want target %d", c.network, c.time, got, c.want)
		}
	}
}

// ethereum/tests' HomesteadToDaoAt5: Homestead's rules throughout, with the
// DAO fork's state change (EIP-779) at block 5; the DAO fork is at a block,
// never a timestamp.
func TestParseDAONetwork(t *testing.T) {
	cfg, err := ParseNetwork("HomesteadToDaoAt5", 1)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Base != fork.Homestead || len(cfg.Later) != 0 || cfg.DAOForkBlock == nil || *cfg.DAOForkBlock != 5 {
		t.Errorf("base %v, later %v, DAO block %v", cfg.Base, cfg.Later, cfg.DAOForkBlock)
	}
	if !cfg.DAOExtraRequired(5) || cfg.DAOExtraRequired(4) || cfg.DAOExtraRequired(15) {
		t.Error("dao-hard-fork extra data range is not blocks 5..14")
	}
	for _, bad := range []string{"HomesteadToDaoAtTime5", "HomesteadToDaoAt", "AtlantisToDaoAt5"} {
		if _, err := ParseNetwork(bad, 1); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// A fixture may name the fault inside an invalid ommer (its header's DAO
// extra data) rather than INVALID_UNCLE: every error in the tree counts.
func TestErrorNamedNested(t *testing.T) {
	err := fmt.Errorf("%w: ommer 0: %w", transition.ErrInvalidOmmer, fmt.Errorf("wrapped: %w", transition.ErrDAOExtra))
	for _, name := range []string{"BlockException.INVALID_UNCLE", "BlockException.EXTRA_DATA_INVALID_DAO"} {
		if !errorNamed(err, name) {
			t.Errorf("%s not found in %v", name, err)
		}
	}
	if errorNamed(err, "BlockException.INVALID_GASLIMIT") {
		t.Error("INVALID_GASLIMIT found")
	}
	if ok, _ := exceptionMatches(err, "ExtraDataIncorrectDAO"); !ok {
		t.Error("ExtraDataIncorrectDAO does not match")
	}
}

// "ArrowGlacierToParisAtDiffC0000": the Merge at terminal total difficulty
// 0xC0000 (EIP-3675); only the Merge can activate that way.
func TestParseTTDNetwork(t *testing.T) {
	cfg, err := ParseNetwork("ArrowGlacierToParisAtDiffC0000", 1)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Base != fork.ArrowGlacier || len(cfg.Later) != 1 || cfg.Later[0].Fork != fork.Paris ||
		cfg.Later[0].TotalDifficulty == nil || cfg.Later[0].TotalDifficulty.Uint64() != 0xC0000 {
		t.Errorf("base %v, later %+v", cfg.Base, cfg.Later)
	}
	for _, bad := range []string{"BerlinToLondonAtDiffC0000", "ArrowGlacierToParisAtDiff", "ArrowGlacierToParisAtDiffXYZ", "ParisToShanghaiAtDiff10"} {
		if _, err := ParseNetwork(bad, 1); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
