package spectest

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
	"github.com/holiman/uint256"
)

// bpoBlobs are the blob schedules of the blob-parameter-only forks BPO1-BPO4
// as the fixture networks define them (execution-spec-tests' forks, geth's
// params.DefaultBPO<n>BlobConfig used by its tests/init.go); mainnet's BPO1
// and BPO2 have the same values. EIP-7892 makes a BPO fork's parameters
// network configuration, not a protocol constant: a chain's genesis file
// gives its own (chain.ParseGethGenesis), so they live with the fixture
// networks rather than in fork.
var bpoBlobs = [...]transition.BlobParams{
	{Target: 10, Max: 15, UpdateFraction: 8346193},  // BPO1
	{Target: 14, Max: 21, UpdateFraction: 11684671}, // BPO2
	{Target: 21, Max: 32, UpdateFraction: 20609697}, // BPO3
	{Target: 14, Max: 21, UpdateFraction: 13739630}, // BPO4
}

// namedNetworks are the fixture networks that are not a fork alone: the BPO
// forks (Osaka's rules with a raised blob schedule) and the forks after them,
// which run with every BPO fork the fixtures schedule before them. geth's
// tests/init.go "Amsterdam" is Osaka, BPO1 and BPO2, then Amsterdam, all at
// genesis, so Amsterdam's blob schedule there is BPO2's (named forks after
// Prague inherit the last BPO fork's parameters).
var namedNetworks = map[string]struct {
	fork fork.Fork
	bpos int // BPO1..BPO<bpos> are in force
}{
	"bpo1":      {fork.Osaka, 1},
	"bpo2":      {fork.Osaka, 2},
	"bpo3":      {fork.Osaka, 3},
	"bpo4":      {fork.Osaka, 4},
	"amsterdam": {fork.Amsterdam, 2},
}

// BlobStep replaces a network's blob parameters from a timestamp on: a BPO
// fork.
type BlobStep struct {
	Name   string // "BPO1".."BPO4", as fixtures' config.blobSchedule names it
	Time   uint64
	Params transition.BlobParams
}

// Network is a fixture network: the forks of its chain configuration and
// the BPO forks it passes, which change nothing but the blob schedule.
type Network struct {
	Config *transition.ChainConfig
	// BlobSteps are in time order; the last whose time has come applies.
	BlobSteps []BlobStep
}

// ConfigAt is the chain configuration for a block with this number and
// timestamp: Config, with Blobs set to the BPO fork in force if any (the
// per-transaction cap stays the fork's, EIP-7594).
func (n *Network) ConfigAt(number, time uint64) *transition.ChainConfig {
	var step *BlobStep
	for i := range n.BlobSteps {
		if time >= n.BlobSteps[i].Time {
			step = &n.BlobSteps[i]
		}
	}
	if step == nil {
		return n.Config
	}
	c := *n.Config
	c.Blobs = step.Params
	c.Blobs.MaxPerTx = transition.BlobParamsFor(c.ForkAt(number, time)).MaxPerTx
	return &c
}

// ParseNetwork turns a fixture's network name into the chain configuration
// of its genesis block (ParseFixtureNetwork has the BPO forks a transition
// network passes later). See ParseFixtureNetwork for the names.
func ParseNetwork(name string, chainID uint64) (*transition.ChainConfig, error) {
	n, err := ParseFixtureNetwork(name, chainID)
	if err != nil {
		return nil, err
	}
	return n.ConfigAt(0, 0), nil
}

// ParseFixtureNetwork reads a fixture's network name: a single fork
// ("Cancun", "EIP158"), a BPO fork ("BPO1".."BPO4"), or a transition written
// "<From>To<To>At<Block>" or "<From>To<To>AtTime<Seconds>", where a number
// may end in k for thousands ("ShanghaiToCancunAtTime15k",
// "BPO2ToAmsterdamAtTime15k"), "<From>To<Merge>AtDiff<hex>", the Merge at a
// terminal total difficulty ("ArrowGlacierToParisAtDiffC0000"), or
// "<From>ToDaoAt<Block>", From's rules with
// the DAO fork's state change at Block (EIP-779). In a transition, every fork and BPO fork the
// second network has beyond the first activates at the point given
// ("OsakaToAmsterdamAtTime15k" brings BPO1, BPO2 and Amsterdam at 15000).
// Either may be followed by extra EIPs as geth's t8n takes them,
// "Berlin+3855+3860": they are switched on in every block
// (ChainConfig.ExtraEIPs).
func ParseFixtureNetwork(name string, chainID uint64) (*Network, error) {
	base, extra, err := fork.SplitEIPs(name)
	if err != nil {
		return nil, err
	}
	n, err := parseNetworkForks(base, chainID)
	if err != nil {
		return nil, err
	}
	n.Config.ExtraEIPs = extra
	return n, nil
}

// resolveNetwork is a single network name's fork and how many BPO forks
// it has passed.
func resolveNetwork(name string) (fork.Fork, int, error) {
	if nn, ok := namedNetworks[strings.ToLower(strings.TrimSpace(name))]; ok {
		return nn.fork, nn.bpos, nil
	}
	f, err := fork.Parse(name)
	return f, 0, err
}

// bpoSteps are the blob steps of BPO forks from+1..to, at time t.
func bpoSteps(from, to int, t uint64) []BlobStep {
	var out []BlobStep
	for i := from; i < to; i++ {
		out = append(out, BlobStep{Name: fmt.Sprintf("BPO%d", i+1), Time: t, Params: bpoBlobs[i]})
	}
	return out
}

// parseNetworkForks is ParseFixtureNetwork without the extra EIPs.
func parseNetworkForks(name string, chainID uint64) (*Network, error) {
	n := &Network{Config: &transition.ChainConfig{ChainID: chainID}}
	if f, bpos, err := resolveNetwork(name); err == nil {
		n.Config.Base, n.BlobSteps = f, bpoSteps(0, bpos, 0)
		return n, nil
	}
	from, rest, ok := strings.Cut(name, "To")
	if !ok {
		return nil, fmt.Errorf("network %q: unknown fork", name)
	}
	to, at, ok := strings.Cut(rest, "At")
	if !ok {
		return nil, fmt.Errorf("network %q: transition without At<block> or AtTime<seconds>", name)
	}
	base, baseBPOs, err := resolveNetwork(from)
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	if strings.EqualFold(to, daoNetwork) {
		return daoTransition(n, name, base, baseBPOs, at)
	}
	next, nextBPOs, err := resolveNetwork(to)
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	if next < base || nextBPOs < baseBPOs || (next == base && nextBPOs == baseBPOs) {
		return nil, fmt.Errorf("network %q: %s does not come after %s", name, to, from)
	}
	if ttdHex, ok := strings.CutPrefix(at, "Diff"); ok {
		return ttdTransition(n, name, base, next, baseBPOs, nextBPOs, ttdHex)
	}
	byTime := strings.HasPrefix(at, "Time")
	point, err := parseActivation(strings.TrimPrefix(at, "Time"))
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	if nextBPOs > baseBPOs && !byTime {
		return nil, fmt.Errorf("network %q: BPO forks activate at a timestamp (AtTime<seconds>)", name)
	}
	n.Config.Base = base
	if next != base {
		act := transition.Activation{Fork: next}
		if byTime {
			act.Time = &point
		} else {
			act.Block = &point
		}
		n.Config.Later = []transition.Activation{act}
	}
	n.BlobSteps = append(bpoSteps(0, baseBPOs, 0), bpoSteps(baseBPOs, nextBPOs, point)...)
	return n, nil
}

// daoNetwork is the "fork" of ethereum/tests' HomesteadToDaoAt5: not a
// fork of rules but the DAO hard fork's irregular state change (EIP-779),
// which the chain configuration schedules at a block
// (transition.ChainConfig.DAOForkBlock) while the rules stay the first
// network's.
const daoNetwork = "Dao"

// daoTransition is "<From>ToDaoAt<Block>": From's rules throughout, and the
// DAO fork at Block.
func daoTransition(n *Network, name string, base fork.Fork, bpos int, at string) (*Network, error) {
	if strings.HasPrefix(at, "Time") {
		return nil, fmt.Errorf("network %q: the DAO fork activates at a block (At<block>)", name)
	}
	point, err := parseActivation(at)
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	n.Config.Base = base
	n.Config.DAOForkBlock = &point
	n.BlobSteps = bpoSteps(0, bpos, 0)
	return n, nil
}

// ttdTransition is "<From>To<To>AtDiff<hex>" (ethereum/tests'
// ArrowGlacierToParisAtDiffC0000): To is the Merge, which activates at the
// terminal total difficulty given in hexadecimal (EIP-3675), not at a block.
func ttdTransition(n *Network, name string, base, next fork.Fork, baseBPOs, nextBPOs int, ttdHex string) (*Network, error) {
	nr, br := next.Rules(), base.Rules()
	if !nr.Has(3675) || br.Has(3675) || nextBPOs != baseBPOs {
		return nil, fmt.Errorf("network %q: only the Merge activates at a total difficulty", name)
	}
	digits := strings.TrimLeft(ttdHex, "0") // FromHex refuses leading zeros
	if digits == "" {
		digits = "0"
	}
	ttd, err := uint256.FromHex("0x" + digits)
	if ttdHex == "" || err != nil {
		return nil, fmt.Errorf("network %q: terminal total difficulty %q: not a hexadecimal number", name, ttdHex)
	}
	n.Config.Base = base
	n.Config.Later = []transition.Activation{{Fork: next, TotalDifficulty: ttd}}
	n.BlobSteps = bpoSteps(0, baseBPOs, 0)
	return n, nil
}

// IsBPONetwork reports whether a single network name is a BPO fork or
// passes one (BPO1..BPO4, Amsterdam): its blob schedule is not its fork's
// own.
func IsBPONetwork(name string) bool {
	_, bpos, err := resolveNetwork(name)
	return err == nil && bpos > 0
}

// ParseStateFork reads a state test's fork name: a fork, or a BPO network
// ("BPO1".."BPO4") whose rules are those of the fork returned.
func ParseStateFork(name string) (fork.Fork, error) {
	f, _, err := resolveNetwork(name)
	return f, err
}

func parseActivation(s string) (uint64, error) {
	mult := uint64(1)
	if strings.HasSuffix(s, "k") {
		s, mult = strings.TrimSuffix(s, "k"), 1000
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("activation point %q: %w", s, err)
	}
	if n > math.MaxUint64/mult {
		return 0, fmt.Errorf("activation point %sk does not fit 64 bits", s)
	}
	return n * mult, nil
}
