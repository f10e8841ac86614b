package precompile

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
)

// alt_bn128 (bn254) encodings of EIP-196 and EIP-197: field elements are
// 32-byte big-endian integers below p; (0, 0) encodes the point at infinity.

func bn254Fp(in []byte) (fp.Element, error) {
	var e fp.Element
	if err := e.SetBytesCanonical(in[:32]); err != nil {
		return e, fmt.Errorf("%w: bn254 coordinate not below p", ErrFieldElement)
	}
	return e, nil
}

// bn254G1 decodes 64 bytes x ‖ y into a point on the curve. G1 has cofactor
// 1, so every curve point is in the group.
func bn254G1(in []byte) (bn254.G1Affine, error) {
	var p bn254.G1Affine
	var err error
	if p.X, err = bn254Fp(in[0:32]); err != nil {
		return p, err
	}
	if p.Y, err = bn254Fp(in[32:64]); err != nil {
		return p, err
	}
	if !p.IsOnCurve() { // true for (0, 0), gnark's infinity
		return p, ErrNotOnCurve
	}
	return p, nil
}

// bn254G2 decodes 128 bytes into a G2 point. EIP-197 orders each Fp2
// coordinate imaginary part first: x_im ‖ x_re ‖ y_im ‖ y_re. The point must
// lie in the order-r subgroup.
func bn254G2(in []byte) (bn254.G2Affine, error) {
	var p bn254.G2Affine
	var err error
	if p.X.A1, err = bn254Fp(in[0:32]); err != nil {
		return p, err
	}
	if p.X.A0, err = bn254Fp(in[32:64]); err != nil {
		return p, err
	}
	if p.Y.A1, err = bn254Fp(in[64:96]); err != nil {
		return p, err
	}
	if p.Y.A0, err = bn254Fp(in[96:128]); err != nil {
		return p, err
	}
	if p.IsInfinity() {
		return p, nil
	}
	if !p.IsOnCurve() {
		return p, ErrNotOnCurve
	}
	if !p.IsInSubGroup() {
		return p, ErrNotInSubgroup
	}
	return p, nil
}

// bn254Encode writes an affine G1 point as x ‖ y; infinity is (0, 0).
func bn254Encode(p *bn254.G1Affine) []byte {
	out := make([]byte, 64)
	x, y := p.X.Bytes(), p.Y.Bytes()
	copy(out[:32], x[:])
	copy(out[32:], y[:])
	return out
}
