package precompile

import (
	bls "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/goevm/goevm/fork"
)

// blsMapFpToG1 is precompile 0x10 (EIP-2537, Prague): the simplified SWU map
// of RFC 9380 with its isogeny and cofactor clearing, Fp (64 bytes) to a G1
// point (128 bytes).
type blsMapFpToG1 struct{}

// blsMapFp2ToG2 is precompile 0x11 (EIP-2537, Prague): the same from Fp2
// (128 bytes) to G2 (256 bytes).
type blsMapFp2ToG2 struct{}

func init() {
	register(0x10, 2537, func(*fork.Rules) Contract { return blsMapFpToG1{} })
	register(0x11, 2537, func(*fork.Rules) Contract { return blsMapFp2ToG2{} })
}

func (blsMapFpToG1) RequiredGas([]byte) uint64 { return 5500 }

func (blsMapFpToG1) Run(input []byte) ([]byte, error) {
	if len(input) != blsFpLen {
		return nil, ErrInputLength
	}
	u, err := blsFp(input)
	if err != nil {
		return nil, err
	}
	p := bls.MapToG1(u)
	return blsEncodeG1(&p), nil
}

func (blsMapFp2ToG2) RequiredGas([]byte) uint64 { return 23800 }

func (blsMapFp2ToG2) Run(input []byte) ([]byte, error) {
	if len(input) != 2*blsFpLen {
		return nil, ErrInputLength
	}
	u, err := blsFp2(input)
	if err != nil {
		return nil, err
	}
	p := bls.MapToG2(u)
	return blsEncodeG2(&p), nil
}
