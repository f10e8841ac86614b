package fork

import (
	"slices"
	"sync"
)

// eipsByFork lists the EIPs each fork activates, as DESIGN.md records them.
// A fork's rules are the previous fork's plus these.
var eipsByFork = map[Fork][]int{
	Homestead:        {2, 7},
	TangerineWhistle: {150},
	SpuriousDragon:   {155, 160, 161, 170},
	Byzantium:        {100, 140, 196, 197, 198, 211, 214, 649, 658},
	Constantinople:   {145, 1014, 1052, 1234, 1283},
	Petersburg:       {},
	Istanbul:         {152, 1108, 1344, 1884, 2028, 2200},
	MuirGlacier:      {2384},
	Berlin:           {2565, 2929, 2718, 2930},
	London:           {1559, 3198, 3529, 3541, 3554},
	ArrowGlacier:     {4345},
	GrayGlacier:      {5133},
	Paris:            {3675, 4399},
	Shanghai:         {3651, 3855, 3860, 4895},
	Cancun:           {1153, 4788, 4844, 5656, 6780, 7516},
	Prague:           {2537, 2935, 6110, 7002, 7251, 7623, 7685, 7691, 7702, 7840},
	Osaka:            {7594, 7823, 7825, 7883, 7918, 7934, 7939, 7951},
	// Amsterdam's EIPs as EIP-7773 lists them; each is added here as it is
	// implemented, so the fork's rules never claim one goevm lacks.
	Amsterdam: {2780, 7708, 7778, 7843, 7928, 7954, 7976, 7981, 7997, 8024, 8037, 8038, 8246, 8282},
}

// eipsRemovedByFork lists EIPs a fork switches off again.
var eipsRemovedByFork = map[Fork][]int{
	Petersburg: {1283}, // EIP-1283 net gas metering was withdrawn
}

// Rules says which EIPs are in force. Consensus code (evm, evm/precompile,
// transition) asks Has(EIP) and reads the parameters the EIPs set
// (params.go), never the fork, so an extra EIP switched on with Enable takes
// effect everywhere: opcodes, gas, precompiles, transaction and block
// checks. The Is* booleans say only which fork's rules these started from
// (Enable does not change them); they serve tools and RPC, not consensus.
type Rules struct {
	Fork Fork
	eips []int

	IsHomestead, IsTangerineWhistle, IsSpuriousDragon, IsByzantium bool
	IsConstantinople, IsPetersburg, IsIstanbul, IsBerlin, IsLondon bool
	IsParis, IsShanghai, IsCancun, IsPrague, IsOsaka, IsAmsterdam  bool
}

// Rules returns the rules in force at fork f. They are built once per fork
// (a block's execution asks for them many times: every system call and
// transaction); the EIP list is clipped, so Enable on a copy reallocates
// instead of writing into the shared one.
func (f Fork) Rules() Rules {
	if f < 0 || int(f) >= len(rulesCache) {
		return f.buildRules()
	}
	rulesOnce.Do(func() {
		for g := range rulesCache {
			rulesCache[g] = Fork(g).buildRules()
		}
	})
	return rulesCache[f]
}

var (
	rulesOnce  sync.Once
	rulesCache [Latest + 1]Rules
)

func (f Fork) buildRules() Rules {
	r := Rules{Fork: f}
	for g := Frontier; g <= f; g++ {
		r.eips = append(r.eips, eipsByFork[g]...)
		for _, gone := range eipsRemovedByFork[g] {
			r.eips = slices.DeleteFunc(r.eips, func(e int) bool { return e == gone })
		}
	}
	slices.Sort(r.eips)
	r.IsHomestead = f >= Homestead
	r.IsTangerineWhistle = f >= TangerineWhistle
	r.IsSpuriousDragon = f >= SpuriousDragon
	r.IsByzantium = f >= Byzantium
	r.IsConstantinople = f >= Constantinople
	r.IsPetersburg = f >= Petersburg
	r.IsIstanbul = f >= Istanbul
	r.IsBerlin = f >= Berlin
	r.IsLondon = f >= London
	r.IsParis = f >= Paris
	r.IsShanghai = f >= Shanghai
	r.IsCancun = f >= Cancun
	r.IsPrague = f >= Prague
	r.IsOsaka = f >= Osaka
	r.IsAmsterdam = f >= Amsterdam
	r.eips = slices.Clip(r.eips)
	return r
}

// Has reports whether EIP number eip is in force.
func (r *Rules) Has(eip int) bool {
	_, ok := slices.BinarySearch(r.eips, eip)
	return ok
}

// EIPs lists the EIPs in force, ascending.
func (r *Rules) EIPs() []int { return slices.Clone(r.eips) }

// Enable switches on extra EIPs beyond the fork's own, for experiments.
func (r *Rules) Enable(eips ...int) {
	for _, e := range eips {
		if !r.Has(e) {
			r.eips = append(r.eips, e)
		}
	}
	slices.Sort(r.eips)
}
