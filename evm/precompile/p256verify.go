package precompile

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"math/big"

	"github.com/goevm/goevm/fork"
)

// p256Verify is precompile 0x100 (EIP-7951, Osaka): verifies an ECDSA
// signature over secp256r1 (P-256). Input is exactly 160 bytes:
// hash ‖ r ‖ s ‖ qx ‖ qy. Output is a 32-byte 1 when the signature is valid
// and empty otherwise; it never fails, so the gas is always charged and the
// call succeeds.
type p256Verify struct{}

const (
	p256VerifyGas      = 6900
	p256VerifyInputLen = 160
)

func init() {
	register(0x100, 7951, func(*fork.Rules) Contract { return p256Verify{} })
}

func (p256Verify) RequiredGas([]byte) uint64 { return p256VerifyGas }

func (p256Verify) Run(input []byte) ([]byte, error) {
	if len(input) != p256VerifyInputLen {
		return nil, nil
	}
	// ParseUncompressedPublicKey enforces EIP-7951's key rules: both
	// coordinates below p, the point on the curve (so never infinity).
	key := make([]byte, 65)
	key[0] = 4
	copy(key[1:], input[96:160])
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), key)
	if err != nil {
		return nil, nil
	}
	// Verify rejects r or s outside [1, n-1] and checks x(R') mod n == r
	// with R' = (h/s)G + (r/s)Q, the EIP's verification equation.
	r := new(big.Int).SetBytes(input[32:64])
	s := new(big.Int).SetBytes(input[64:96])
	if !ecdsa.Verify(pub, input[:32], r, s) {
		return nil, nil
	}
	out := make([]byte, 32)
	out[31] = 1
	return out, nil
}
