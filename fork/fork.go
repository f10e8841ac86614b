// Package fork names Ethereum's protocol upgrades in order and says, as data,
// which rules each one brings:
//   - rules.go: the EIPs each fork switches on; Rules.Has asks for one, and
//     Rules.Enable switches on more (t8n's "Berlin+3855", see SplitEIPs);
//   - params.go: the parameters each EIP sets (gas constants, limits, the
//     blob schedule, bomb delays, block rewards), written once;
//   - eips.go: the index of every EIP goevm implements and where its code is.
//
// Consensus code (evm, evm/precompile, transition) asks a Rules value for
// an EIP or a parameter, never compares forks, so an enabled EIP takes
// effect everywhere.
package fork

import (
	"fmt"
	"strings"
)

// Fork is a protocol upgrade. The constants are in activation order, so
// f >= Berlin means "Berlin rules or later".
type Fork int

const (
	Frontier Fork = iota
	Homestead
	TangerineWhistle // EIP-150; fixtures say "EIP150"
	SpuriousDragon   // EIP-155/158; fixtures say "EIP158"
	Byzantium
	Constantinople
	Petersburg // fixtures say "ConstantinopleFix"
	Istanbul
	MuirGlacier
	Berlin
	London
	ArrowGlacier
	GrayGlacier
	Paris // the Merge
	Shanghai
	Cancun
	Prague
	Osaka
	Amsterdam // Glamsterdam's execution side (EIP-7773)

	// Latest is the newest fork goevm implements.
	Latest = Amsterdam

	// Mainnet is the fork Ethereum mainnet runs today: the default of the
	// node and of goevm run, where users expect what their transactions
	// would meet on chain.
	Mainnet = Osaka
)

var names = [...]string{
	Frontier:         "Frontier",
	Homestead:        "Homestead",
	TangerineWhistle: "TangerineWhistle",
	SpuriousDragon:   "SpuriousDragon",
	Byzantium:        "Byzantium",
	Constantinople:   "Constantinople",
	Petersburg:       "Petersburg",
	Istanbul:         "Istanbul",
	MuirGlacier:      "MuirGlacier",
	Berlin:           "Berlin",
	London:           "London",
	ArrowGlacier:     "ArrowGlacier",
	GrayGlacier:      "GrayGlacier",
	Paris:            "Paris",
	Shanghai:         "Shanghai",
	Cancun:           "Cancun",
	Prague:           "Prague",
	Osaka:            "Osaka",
	Amsterdam:        "Amsterdam",
}

// aliases are the other spellings found in ethereum/tests and execution-spec-tests.
var aliases = map[string]Fork{
	"eip150":            TangerineWhistle,
	"eip158":            SpuriousDragon,
	"constantinoplefix": Petersburg,
	"merge":             Paris,
}

// All lists every fork in activation order.
func All() []Fork {
	out := make([]Fork, 0, len(names))
	for f := Frontier; f <= Latest; f++ {
		out = append(out, f)
	}
	return out
}

func (f Fork) String() string {
	if f < 0 || int(f) >= len(names) {
		return fmt.Sprintf("Fork(%d)", int(f))
	}
	return names[f]
}

// Parse reads a fork name as the fixtures and geth write it, case-insensitively.
func Parse(name string) (Fork, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if f, ok := aliases[key]; ok {
		return f, nil
	}
	for f, n := range names {
		if strings.ToLower(n) == key {
			return Fork(f), nil
		}
	}
	return 0, fmt.Errorf("unknown fork %q", name)
}
