package precompile

import (
	"encoding/binary"

	"github.com/goevm/goevm/fork"
)

// blake2f is precompile 0x09 (EIP-152, Istanbul): the BLAKE2b compression
// function F. Input is exactly 213 bytes:
// rounds (4, big-endian) ‖ h (64) ‖ m (128) ‖ t (16) ‖ f (1), the words of
// h, m and t little-endian. Gas is one per round.
type blake2f struct{}

const blake2fInputLen = 213

func init() {
	register(0x09, 152, func(*fork.Rules) Contract { return blake2f{} })
}

func (blake2f) RequiredGas(input []byte) uint64 {
	if len(input) != blake2fInputLen {
		return 0 // Run rejects it; EIP-152 prices only well-formed input
	}
	return uint64(binary.BigEndian.Uint32(input[:4]))
}

func (blake2f) Run(input []byte) ([]byte, error) {
	if len(input) != blake2fInputLen {
		return nil, ErrInputLength
	}
	var final bool
	switch input[212] {
	case 0:
	case 1:
		final = true
	default:
		return nil, ErrBlake2FFinalFlag
	}
	rounds := binary.BigEndian.Uint32(input[:4])
	var h [8]uint64
	var m [16]uint64
	for i := range h {
		h[i] = binary.LittleEndian.Uint64(input[4+8*i:])
	}
	for i := range m {
		m[i] = binary.LittleEndian.Uint64(input[68+8*i:])
	}
	t := [2]uint64{binary.LittleEndian.Uint64(input[196:]), binary.LittleEndian.Uint64(input[204:])}
	blake2bF(&h, &m, t, final, rounds)
	out := make([]byte, 64)
	for i, w := range h {
		binary.LittleEndian.PutUint64(out[8*i:], w)
	}
	return out, nil
}
