package spectest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/transition"
)

// ParseNetwork turns a fixture's network name into a chain configuration:
// a single fork ("Cancun", "EIP158") or a transition written
// "<From>To<To>At<Block>" or "<From>To<To>AtTime<Seconds>", where a number
// may end in k for thousands ("ShanghaiToCancunAtTime15k"). Either may be
// followed by extra EIPs as geth's t8n takes them, "Berlin+3855+3860": they
// are switched on in every block (ChainConfig.ExtraEIPs).
func ParseNetwork(name string, chainID uint64) (*transition.ChainConfig, error) {
	base, extra, err := fork.SplitEIPs(name)
	if err != nil {
		return nil, err
	}
	cfg, err := parseNetworkForks(base, chainID)
	if err != nil {
		return nil, err
	}
	cfg.ExtraEIPs = extra
	return cfg, nil
}

// parseNetworkForks is ParseNetwork without the extra EIPs.
func parseNetworkForks(name string, chainID uint64) (*transition.ChainConfig, error) {
	cfg := &transition.ChainConfig{ChainID: chainID}
	if f, err := fork.Parse(name); err == nil {
		cfg.Base = f
		return cfg, nil
	}
	from, rest, ok := strings.Cut(name, "To")
	if !ok {
		return nil, fmt.Errorf("network %q: unknown fork", name)
	}
	to, at, ok := strings.Cut(rest, "At")
	if !ok {
		return nil, fmt.Errorf("network %q: transition without At<block> or AtTime<seconds>", name)
	}
	base, err := fork.Parse(from)
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	next, err := fork.Parse(to)
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	byTime := strings.HasPrefix(at, "Time")
	n, err := parseActivation(strings.TrimPrefix(at, "Time"))
	if err != nil {
		return nil, fmt.Errorf("network %q: %w", name, err)
	}
	act := transition.Activation{Fork: next}
	if byTime {
		act.Time = &n
	} else {
		act.Block = &n
	}
	cfg.Base, cfg.Later = base, []transition.Activation{act}
	return cfg, nil
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
	return n * mult, nil
}
