package precompile

import (
	bls "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/goevm/goevm/fork"
)

// blsG1Add is precompile 0x0b (EIP-2537, Prague): G1 addition of two points,
// 256 bytes in, 128 out. No subgroup check, as the EIP specifies.
type blsG1Add struct{}

// blsG2Add is precompile 0x0d (EIP-2537, Prague): G2 addition, 512 bytes in,
// 256 out. No subgroup check.
type blsG2Add struct{}

func init() {
	register(0x0b, 2537, func(*fork.Rules) Contract { return blsG1Add{} })
	register(0x0d, 2537, func(*fork.Rules) Contract { return blsG2Add{} })
}

func (blsG1Add) RequiredGas([]byte) uint64 { return 375 }

func (blsG1Add) Run(input []byte) ([]byte, error) {
	if len(input) != 2*blsG1Len {
		return nil, ErrInputLength
	}
	a, err := blsG1(input[:blsG1Len], false)
	if err != nil {
		return nil, err
	}
	b, err := blsG1(input[blsG1Len:], false)
	if err != nil {
		return nil, err
	}
	// Jacobian addition covers doubling and infinity.
	var sum, bj bls.G1Jac
	sum.FromAffine(&a)
	bj.FromAffine(&b)
	sum.AddAssign(&bj)
	var out bls.G1Affine
	out.FromJacobian(&sum)
	return blsEncodeG1(&out), nil
}

func (blsG2Add) RequiredGas([]byte) uint64 { return 600 }

func (blsG2Add) Run(input []byte) ([]byte, error) {
	if len(input) != 2*blsG2Len {
		return nil, ErrInputLength
	}
	a, err := blsG2(input[:blsG2Len], false)
	if err != nil {
		return nil, err
	}
	b, err := blsG2(input[blsG2Len:], false)
	if err != nil {
		return nil, err
	}
	var sum, bj bls.G2Jac
	sum.FromAffine(&a)
	bj.FromAffine(&b)
	sum.AddAssign(&bj)
	var out bls.G2Affine
	out.FromJacobian(&sum)
	return blsEncodeG2(&out), nil
}
