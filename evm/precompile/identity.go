package precompile

import (
	"slices"

	"github.com/goevm/goevm/fork"
)

// identity is precompile 0x04: returns its input (Yellow Paper, Frontier).
type identity struct{}

var identityGas = linearGas{base: 15, perWord: 3}

func init() {
	register(0x04, frontier, func(*fork.Rules) Contract { return identity{} })
}

func (identity) RequiredGas(input []byte) uint64 { return identityGas.cost(input) }

// Run copies, so the caller may reuse its input buffer.
func (identity) Run(input []byte) ([]byte, error) { return slices.Clone(input), nil }
