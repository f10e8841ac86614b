package precompile

import (
	"github.com/consensys/gnark-crypto/ecc/bn254"

	"github.com/goevm/goevm/fork"
)

// bn254Pairing is precompile 0x08 (EIP-197, Byzantium): checks that the
// product of the pairings of k (G1, G2) pairs is one. Input is k 192-byte
// pairs; output is a 32-byte 1 or 0. EIP-1108 (Istanbul) reprices it from
// 100000 + 80000k to 45000 + 34000k.
type bn254Pairing struct{ base, perPair uint64 }

const bn254PairLen = 192

func init() {
	register(0x08, 197, func(r *fork.Rules) Contract {
		if r.Has(1108) {
			return bn254Pairing{base: 45000, perPair: 34000}
		}
		return bn254Pairing{base: 100000, perPair: 80000}
	})
}

func (c bn254Pairing) RequiredGas(input []byte) uint64 {
	return c.base + c.perPair*uint64(len(input)/bn254PairLen)
}

func (bn254Pairing) Run(input []byte) ([]byte, error) {
	if len(input)%bn254PairLen != 0 {
		return nil, ErrInputLength
	}
	k := len(input) / bn254PairLen
	ps := make([]bn254.G1Affine, 0, k)
	qs := make([]bn254.G2Affine, 0, k)
	for i := 0; i < k; i++ {
		pair := input[i*bn254PairLen : (i+1)*bn254PairLen]
		p, err := bn254G1(pair[:64])
		if err != nil {
			return nil, err
		}
		q, err := bn254G2(pair[64:])
		if err != nil {
			return nil, err
		}
		// A pair with infinity contributes a factor of one.
		if p.IsInfinity() || q.IsInfinity() {
			continue
		}
		ps = append(ps, p)
		qs = append(qs, q)
	}
	out := make([]byte, 32)
	if len(ps) == 0 {
		out[31] = 1 // the empty product is one
		return out, nil
	}
	ok, err := bn254.PairingCheck(ps, qs)
	if err != nil {
		return nil, err
	}
	if ok {
		out[31] = 1
	}
	return out, nil
}
