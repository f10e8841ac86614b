package precompile

import (
	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // the EVM fixes RIPEMD-160; deprecation is about new designs

	"github.com/goevm/goevm/fork"
)

// ripemd160Hash is precompile 0x03: RIPEMD-160 of the input, left-padded to
// 32 bytes (Yellow Paper, Frontier).
type ripemd160Hash struct{}

var ripemd160Gas = linearGas{base: 600, perWord: 120}

func init() {
	register(0x03, frontier, func(*fork.Rules) Contract { return ripemd160Hash{} })
}

func (ripemd160Hash) RequiredGas(input []byte) uint64 { return ripemd160Gas.cost(input) }

func (ripemd160Hash) Run(input []byte) ([]byte, error) {
	h := ripemd160.New()
	h.Write(input)
	// The digest is appended after 12 zero bytes: one allocation.
	return h.Sum(make([]byte, 12, 32)), nil
}
