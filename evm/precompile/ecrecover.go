package precompile

import (
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"golang.org/x/crypto/sha3"

	"github.com/goevm/goevm/fork"
)

// ecrecover is precompile 0x01: recovers the signer address of a secp256k1
// signature over a 32-byte hash (Yellow Paper appendix E). Input is
// hash ‖ v ‖ r ‖ s, 32 bytes each, zero-padded. Any invalid signature yields
// empty output, not an error: the call still succeeds.
type ecrecover struct{}

const ecrecoverGas = 3000

func init() {
	register(0x01, fork.Frontier, func(*fork.Rules) Contract { return ecrecover{} })
}

func (ecrecover) RequiredGas([]byte) uint64 { return ecrecoverGas }

func (ecrecover) Run(input []byte) ([]byte, error) {
	in := padRight(input, 0, 128)
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
	sig := make([]byte, 65)
	sig[0] = v
	copy(sig[1:], in[64:128])
	pub, _, err := ecdsa.RecoverCompact(sig, in[:32])
	if err != nil {
		return nil, nil
	}
	h := sha3.NewLegacyKeccak256()
	h.Write(pub.SerializeUncompressed()[1:])
	out := make([]byte, 32)
	copy(out[12:], h.Sum(nil)[12:])
	return out, nil
}
