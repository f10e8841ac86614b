package precompile

import (
	"crypto/sha256"

	"github.com/goevm/goevm/fork"
)

// sha256Hash is precompile 0x02: SHA-256 of the input (Yellow Paper, Frontier).
type sha256Hash struct{}

var sha256Gas = linearGas{base: 60, perWord: 12}

func init() {
	register(0x02, frontier, func(*fork.Rules) Contract { return sha256Hash{} })
}

func (sha256Hash) RequiredGas(input []byte) uint64 { return sha256Gas.cost(input) }

func (sha256Hash) Run(input []byte) ([]byte, error) {
	h := sha256.Sum256(input)
	return h[:], nil
}
