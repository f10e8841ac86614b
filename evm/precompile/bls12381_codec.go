package precompile

import (
	"fmt"
	"math/big"

	bls "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// BLS12-381 encodings of EIP-2537: an Fp element is 64 bytes big-endian whose
// top 16 bytes are zero and whose value is below p; Fp2 is c0 ‖ c1; a point is
// x ‖ y; all-zero bytes encode the point at infinity; scalars are 32 bytes,
// not required to be below the group order.
const (
	blsFpLen     = 64
	blsG1Len     = 2 * blsFpLen
	blsG2Len     = 4 * blsFpLen
	blsScalarLen = 32
)

func blsFp(in []byte) (fp.Element, error) {
	var e fp.Element
	for _, b := range in[:16] {
		if b != 0 {
			return e, fmt.Errorf("%w: top 16 bytes of an Fp element not zero", ErrFieldElement)
		}
	}
	if err := e.SetBytesCanonical(in[16:blsFpLen]); err != nil {
		return e, fmt.Errorf("%w: Fp element not below p", ErrFieldElement)
	}
	return e, nil
}

func blsFp2(in []byte) (bls.E2, error) {
	var e bls.E2
	var err error
	if e.A0, err = blsFp(in[:blsFpLen]); err != nil {
		return e, err
	}
	e.A1, err = blsFp(in[blsFpLen : 2*blsFpLen])
	return e, err
}

// blsG1 decodes a G1 point and checks it is on the curve; the subgroup check
// is the caller's choice, since EIP-2537 requires it for MSM and pairing but
// not for addition.
func blsG1(in []byte, subgroup bool) (bls.G1Affine, error) {
	var p bls.G1Affine
	var err error
	if p.X, err = blsFp(in[:blsFpLen]); err != nil {
		return p, err
	}
	if p.Y, err = blsFp(in[blsFpLen:blsG1Len]); err != nil {
		return p, err
	}
	if p.IsInfinity() { // (0, 0) is not on the curve; it encodes infinity
		return p, nil
	}
	if !p.IsOnCurve() {
		return p, fmt.Errorf("%w: G1", ErrNotOnCurve)
	}
	if subgroup && !p.IsInSubGroup() {
		return p, fmt.Errorf("%w: G1", ErrNotInSubgroup)
	}
	return p, nil
}

func blsG2(in []byte, subgroup bool) (bls.G2Affine, error) {
	var p bls.G2Affine
	var err error
	if p.X, err = blsFp2(in[:2*blsFpLen]); err != nil {
		return p, err
	}
	if p.Y, err = blsFp2(in[2*blsFpLen : blsG2Len]); err != nil {
		return p, err
	}
	if p.IsInfinity() {
		return p, nil
	}
	if !p.IsOnCurve() {
		return p, fmt.Errorf("%w: G2", ErrNotOnCurve)
	}
	if subgroup && !p.IsInSubGroup() {
		return p, fmt.Errorf("%w: G2", ErrNotInSubgroup)
	}
	return p, nil
}

// blsScalar reads a 32-byte scalar reduced mod r: exact for points in the
// order-r subgroup, which MSM requires.
func blsScalar(in []byte) *big.Int {
	k := new(big.Int).SetBytes(in[:blsScalarLen])
	return k.Mod(k, fr.Modulus())
}

func putBlsFp(out []byte, e *fp.Element) {
	b := e.Bytes()
	copy(out[16:blsFpLen], b[:])
}

func blsEncodeG1(p *bls.G1Affine) []byte {
	out := make([]byte, blsG1Len) // infinity is (0, 0): all zero
	putBlsFp(out[:blsFpLen], &p.X)
	putBlsFp(out[blsFpLen:], &p.Y)
	return out
}

func blsEncodeG2(p *bls.G2Affine) []byte {
	out := make([]byte, blsG2Len)
	putBlsFp(out[0:], &p.X.A0)
	putBlsFp(out[blsFpLen:], &p.X.A1)
	putBlsFp(out[2*blsFpLen:], &p.Y.A0)
	putBlsFp(out[3*blsFpLen:], &p.Y.A1)
	return out
}
