package precompile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	goethkzg "github.com/crate-crypto/go-eth-kzg"

	"github.com/goevm/goevm/fork"
)

// pointEvaluation is precompile 0x0a (EIP-4844, Cancun): verifies a KZG proof
// that the blob committed to by a versioned hash evaluates to y at z. Input is
// exactly 192 bytes: versioned_hash ‖ z ‖ y ‖ commitment (48) ‖ proof (48).
// On success it returns FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS as 32-byte
// words; any failure is an error.
type pointEvaluation struct{}

const (
	pointEvaluationGas      = 50000
	pointEvaluationInputLen = 192
	blobCommitmentVersion   = 0x01 // VERSIONED_HASH_VERSION_KZG
)

// pointEvaluationOutput is the constant success output of EIP-4844:
// 4096 and the BLS12-381 scalar field modulus.
var pointEvaluationOutput = func() []byte {
	b, err := hex.DecodeString("0000000000000000000000000000000000000000000000000000000000001000" +
		"73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")
	if err != nil {
		panic(err) // a constant; cannot happen
	}
	return b
}()

// kzgContext loads the mainnet trusted setup on first use: it takes a
// noticeable time, and most programs never evaluate a point.
var kzgContext = sync.OnceValues(goethkzg.NewContext4096Secure)

// KZG returns the shared KZG context (the mainnet trusted setup), for
// checking blob sidecars with the same setup the precompile uses.
func KZG() (*goethkzg.Context, error) { return kzgContext() }

func init() {
	register(0x0a, 4844, func(*fork.Rules) Contract { return pointEvaluation{} })
}

func (pointEvaluation) RequiredGas([]byte) uint64 { return pointEvaluationGas }

func (pointEvaluation) Run(input []byte) ([]byte, error) {
	if len(input) != pointEvaluationInputLen {
		return nil, ErrInputLength
	}
	var z, y goethkzg.Scalar
	var commitment goethkzg.KZGCommitment
	var proof goethkzg.KZGProof
	copy(z[:], input[32:64])
	copy(y[:], input[64:96])
	copy(commitment[:], input[96:144])
	copy(proof[:], input[144:192])

	// kzg_to_versioned_hash: the version byte, then SHA-256 of the
	// commitment without its first byte.
	h := sha256.Sum256(commitment[:])
	h[0] = blobCommitmentVersion
	if string(h[:]) != string(input[:32]) {
		return nil, ErrVersionedHash
	}
	ctx, err := kzgContext()
	if err != nil {
		return nil, fmt.Errorf("%w: loading trusted setup: %w", ErrKZGProof, err)
	}
	if err := ctx.VerifyKZGProof(commitment, z, y, proof); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKZGProof, err)
	}
	out := make([]byte, len(pointEvaluationOutput))
	copy(out, pointEvaluationOutput)
	return out, nil
}
