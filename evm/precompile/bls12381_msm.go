package precompile

import (
	"github.com/consensys/gnark-crypto/ecc"
	bls "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/goevm/goevm/fork"
)

// blsG1MSM is precompile 0x0c (EIP-2537, Prague): multi-scalar multiplication
// over k (G1 point, scalar) pairs of 160 bytes each, k ≥ 1.
type blsG1MSM struct{}

// blsG2MSM is precompile 0x0e (EIP-2537, Prague): the same over G2, 288-byte pairs.
type blsG2MSM struct{}

const (
	blsG1MSMPairLen = blsG1Len + blsScalarLen
	blsG2MSMPairLen = blsG2Len + blsScalarLen
	blsG1MulGas     = 12000
	blsG2MulGas     = 22500
)

func init() {
	register(0x0c, 2537, func(*fork.Rules) Contract { return blsG1MSM{} })
	register(0x0e, 2537, func(*fork.Rules) Contract { return blsG2MSM{} })
}

// msmGas is EIP-2537's k * multiplication_cost * discount(k) / 1000 with k
// the number of whole pairs; a zero k prices at zero (the EIP's rule) and
// Run rejects it.
func msmGas(inputLen, pairLen int, mulGas uint64, discounts []uint64) uint64 {
	k := uint64(inputLen / pairLen)
	if k == 0 {
		return 0
	}
	d := discounts[len(discounts)-1]
	if k <= uint64(len(discounts)) {
		d = discounts[k-1]
	}
	return k * mulGas * d / 1000
}

func (blsG1MSM) RequiredGas(input []byte) uint64 {
	return msmGas(len(input), blsG1MSMPairLen, blsG1MulGas, blsG1Discounts[:])
}

func (blsG1MSM) Run(input []byte) ([]byte, error) {
	if len(input) == 0 || len(input)%blsG1MSMPairLen != 0 {
		return nil, ErrInputLength
	}
	k := len(input) / blsG1MSMPairLen
	points := make([]bls.G1Affine, k)
	scalars := make([]fr.Element, k)
	for i := range k {
		pair := input[i*blsG1MSMPairLen : (i+1)*blsG1MSMPairLen]
		p, err := blsG1(pair[:blsG1Len], true)
		if err != nil {
			return nil, err
		}
		points[i] = p
		scalars[i].SetBigInt(blsScalar(pair[blsG1Len:]))
	}
	var out bls.G1Affine
	if k == 1 {
		out.ScalarMultiplication(&points[0], blsScalar(input[blsG1Len:]))
		return blsEncodeG1(&out), nil
	}
	var acc bls.G1Jac
	if _, err := acc.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
		return nil, err
	}
	out.FromJacobian(&acc)
	return blsEncodeG1(&out), nil
}

func (blsG2MSM) RequiredGas(input []byte) uint64 {
	return msmGas(len(input), blsG2MSMPairLen, blsG2MulGas, blsG2Discounts[:])
}

func (blsG2MSM) Run(input []byte) ([]byte, error) {
	if len(input) == 0 || len(input)%blsG2MSMPairLen != 0 {
		return nil, ErrInputLength
	}
	k := len(input) / blsG2MSMPairLen
	points := make([]bls.G2Affine, k)
	scalars := make([]fr.Element, k)
	for i := range k {
		pair := input[i*blsG2MSMPairLen : (i+1)*blsG2MSMPairLen]
		p, err := blsG2(pair[:blsG2Len], true)
		if err != nil {
			return nil, err
		}
		points[i] = p
		scalars[i].SetBigInt(blsScalar(pair[blsG2Len:]))
	}
	var out bls.G2Affine
	if k == 1 {
		out.ScalarMultiplication(&points[0], blsScalar(input[blsG2Len:]))
		return blsEncodeG2(&out), nil
	}
	var acc bls.G2Jac
	if _, err := acc.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
		return nil, err
	}
	out.FromJacobian(&acc)
	return blsEncodeG2(&out), nil
}
