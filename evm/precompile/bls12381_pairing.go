package precompile

import (
	bls "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/goevm/goevm/fork"
)

// blsPairing is precompile 0x0f (EIP-2537, Prague): checks that the product
// of the pairings of k ≥ 1 (G1, G2) pairs, 384 bytes each, is one. Both
// points must be in their order-q subgroups. Output is a 32-byte 1 or 0.
type blsPairing struct{}

const blsPairLen = blsG1Len + blsG2Len

func init() {
	register(0x0f, 2537, func(*fork.Rules) Contract { return blsPairing{} })
}

func (blsPairing) RequiredGas(input []byte) uint64 {
	return 32600*uint64(len(input)/blsPairLen) + 37700
}

func (blsPairing) Run(input []byte) ([]byte, error) {
	if len(input) == 0 || len(input)%blsPairLen != 0 {
		return nil, ErrInputLength
	}
	k := len(input) / blsPairLen
	ps := make([]bls.G1Affine, 0, k)
	qs := make([]bls.G2Affine, 0, k)
	for i := range k {
		pair := input[i*blsPairLen : (i+1)*blsPairLen]
		p, err := blsG1(pair[:blsG1Len], true)
		if err != nil {
			return nil, err
		}
		q, err := blsG2(pair[blsG1Len:], true)
		if err != nil {
			return nil, err
		}
		if p.IsInfinity() || q.IsInfinity() {
			continue // contributes a factor of one
		}
		ps = append(ps, p)
		qs = append(qs, q)
	}
	out := make([]byte, 32)
	if len(ps) == 0 {
		out[31] = 1
		return out, nil
	}
	ok, err := bls.PairingCheck(ps, qs)
	if err != nil {
		return nil, err
	}
	if ok {
		out[31] = 1
	}
	return out, nil
}
