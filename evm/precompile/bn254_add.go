package precompile

import (
	"github.com/consensys/gnark-crypto/ecc/bn254"

	"github.com/goevm/goevm/fork"
)

// bn254Add is precompile 0x06 (EIP-196, Byzantium): alt_bn128 point addition.
// Input is two points, zero-padded or truncated to 128 bytes. EIP-1108
// (Istanbul) cuts the price from 500 to 150.
type bn254Add struct{ gas uint64 }

func init() {
	register(0x06, 196, func(r *fork.Rules) Contract {
		if r.Has(1108) {
			return bn254Add{gas: 150}
		}
		return bn254Add{gas: 500}
	})
}

func (c bn254Add) RequiredGas([]byte) uint64 { return c.gas }

func (bn254Add) Run(input []byte) ([]byte, error) {
	in := padRight(input, 0, 128)
	a, err := bn254G1(in[:64])
	if err != nil {
		return nil, err
	}
	b, err := bn254G1(in[64:])
	if err != nil {
		return nil, err
	}
	// Jacobian addition handles doubling and infinity, which the affine
	// formula does not.
	var sum, bj bn254.G1Jac
	sum.FromAffine(&a)
	bj.FromAffine(&b)
	sum.AddAssign(&bj)
	var out bn254.G1Affine
	out.FromJacobian(&sum)
	return bn254Encode(&out), nil
}
