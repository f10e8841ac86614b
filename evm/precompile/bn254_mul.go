package precompile

import (
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"

	"github.com/goevm/goevm/fork"
)

// bn254Mul is precompile 0x07 (EIP-196, Byzantium): alt_bn128 scalar
// multiplication. Input is a point and a 256-bit scalar, zero-padded or
// truncated to 96 bytes. EIP-1108 (Istanbul) cuts the price from 40000 to 6000.
type bn254Mul struct{ gas uint64 }

func init() {
	register(0x07, 196, func(r *fork.Rules) Contract {
		if r.Has(1108) {
			return bn254Mul{gas: 6000}
		}
		return bn254Mul{gas: 40000}
	})
}

// bn254Order is the group order r, read once (fr.Modulus returns a fresh copy
// on every call).
var bn254Order = fr.Modulus()

func (c bn254Mul) RequiredGas([]byte) uint64 { return c.gas }

func (bn254Mul) Run(input []byte) ([]byte, error) {
	in := padRight(input, 0, 96)
	p, err := bn254G1(in[:64])
	if err != nil {
		return nil, err
	}
	// The group has prime order r, so reducing the scalar first is exact and
	// keeps the GLV decomposition within its bounds.
	k := new(big.Int).SetBytes(in[64:96])
	if k.Cmp(bn254Order) >= 0 {
		k.Mod(k, bn254Order)
	}
	var out bn254.G1Affine
	out.ScalarMultiplication(&p, k)
	return bn254Encode(&out), nil
}
