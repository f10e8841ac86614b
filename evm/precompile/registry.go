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
// address: each one whose EIP the rules have, so an EIP switched on with
// Rules.Enable brings its precompile. The map is fresh: callers may add
// their own contracts to it.
func ForFork(rules *fork.Rules) map[types.Address]Contract {
	out := make(map[types.Address]Contract)
	for _, e := range registry {
		if e.eip == frontier || rules.Has(e.eip) {
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

// entry is one row of the registry: a contract, the EIP that added it, and
// a constructor that picks its pricing from the repricing EIPs in force
// (EIP-1108, EIP-2565, EIP-7883, ...).
type entry struct {
	address  types.Address
	eip      int
	contract func(rules *fork.Rules) Contract
}

// frontier marks the four precompiles of the Yellow Paper, which no EIP added.
const frontier = 0

// registry is filled by the per-contract files' init functions.
var registry []entry

// register adds precompile number n, added by EIP eip (frontier for the
// original four).
func register(n uint16, eip int, contract func(rules *fork.Rules) Contract) {
	registry = append(registry, entry{address: addr(n), eip: eip, contract: contract})
}
