package precompile

import (
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/fork"
)

// ecrecover is precompile 0x01: recovers the signer address of a secp256k1
// signature over a 32-byte hash (Yellow Paper appendix E). Input is
// hash ‖ v ‖ r ‖ s, 32 bytes each, zero-padded. Any invalid signature yields
// empty output, not an error: the call still succeeds.
type ecrecover struct{}

const ecrecoverGas = 3000

func init() {
	register(0x01, frontier, func(*fork.Rules) Contract { return ecrecover{} })
}

func (ecrecover) RequiredGas([]byte) uint64 { return ecrecoverGas }

func (ecrecover) Run(input []byte) ([]byte, error) {
	// The padded input and the signature live on the stack: the curve
	// arithmetic in RecoverCompact dominates, and nothing around it needs to
	// allocate beyond the output.
	var in [128]byte
	copy(in[:], input)
	// v is a full 32-byte word that must equal 27 or 28.
	for _, b := range in[32:63] {
		if b != 0 {
			return nil, nil
		}
	}
	v := in[63]
	if v != 27 && v != 28 {
		return nil, nil
	}
	// RecoverCompact wants [27+recid] ‖ r ‖ s and rejects r or s outside
	// [1, n-1], which is the Yellow Paper's range rule. High s is allowed here
	// (EIP-2 restricts only transactions).
	var sig [65]byte
	sig[0] = v
	copy(sig[1:], in[64:128])
	pub, _, err := ecdsa.RecoverCompact(sig[:], in[:32])
	if err != nil {
		return nil, nil
	}
	// The address hashes X ‖ Y; reading the coordinates straight into a
	// buffer skips the 65-byte serialisation.
	var q secp256k1.JacobianPoint
	pub.AsJacobian(&q) // affine: Z = 1, X and Y normalised
	var xy [64]byte
	q.X.PutBytesUnchecked(xy[:32])
	q.Y.PutBytesUnchecked(xy[32:])
	h := crypto.Keccak256(xy[:])
	out := make([]byte, 32)
	copy(out[12:], h[12:])
	return out, nil
}
