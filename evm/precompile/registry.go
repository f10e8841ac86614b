package precompile

import (
	"slices"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

// addr makes the address of precompile number n (0x01, 0x02, ..., 0x100).
func addr(n uint16) types.Address {
	var a types.Address
	a[18], a[19] = byte(n>>8), byte(n)
	return a
}

// ForFork returns the precompiled contracts active under rules, keyed by
// address. The map is fresh: callers may add their own contracts to it.
func ForFork(rules *fork.Rules) map[types.Address]Contract {
	out := make(map[types.Address]Contract)
	for _, e := range registry {
		if rules.Fork >= e.since && (e.until == nil || rules.Fork < *e.until) {
			out[e.address] = e.contract(rules)
		}
	}
	return out
}

// Addresses lists the active precompiles' addresses in ascending order, the
// set that EIP-2929 makes warm at the start of every transaction.
func Addresses(rules *fork.Rules) []types.Address {
	m := ForFork(rules)
	out := make([]types.Address, 0, len(m))
	for a := range m {
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y types.Address) int { return slices.Compare(x[:], y[:]) })
	return out
}

// entry is one row of the registry: a contract, the fork it arrives in, and a
// constructor that picks the fork's pricing.
type entry struct {
	address  types.Address
	since    fork.Fork
	until    *fork.Fork
	contract func(rules *fork.Rules) Contract
}

// registry is filled by the per-contract files' init functions.
var registry []entry

func register(n uint16, since fork.Fork, contract func(rules *fork.Rules) Contract) {
	registry = append(registry, entry{address: addr(n), since: since, contract: contract})
}
