package crypto

import (
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/holiman/uint256"

	"github.com/goevm/goevm/internal/secp"
	"github.com/goevm/goevm/types"
)

// Signature errors, shared with types (transaction senders and EIP-7702
// authorities wrap the same sentinels).
var (
	// ErrInvalidSignature: v, r or s out of range (or s above N/2 where EIP-2 applies).
	ErrInvalidSignature = secp.ErrInvalidSignature
	// ErrRecoveryFailed: the values are in range but no public key recovers
	// from them (r is not the x coordinate of a curve point, or the result is
	// the point at infinity).
	ErrRecoveryFailed = secp.ErrRecoveryFailed
	// ErrInvalidPrivateKey: a secret key that is not 32 bytes in [1, N-1].
	ErrInvalidPrivateKey = secp.ErrInvalidPrivateKey
)

// Secp256k1N is the order of the secp256k1 group; Secp256k1HalfN is N/2.
var (
	Secp256k1N     = new(uint256.Int).Set(secp.N)
	Secp256k1HalfN = new(uint256.Int).Set(secp.HalfN)
)

// ValidateSignatureValues reports whether recovery id v (0 or 1), r and s are
// acceptable: 1 <= r, s < N, and with homestead also s <= N/2 (EIP-2's rule
// for transactions; the ECRECOVER precompile does not apply it).
func ValidateSignatureValues(v byte, r, s *uint256.Int, homestead bool) bool {
	return secp.ValidValues(v, r, s, homestead)
}

// Ecrecover returns the 64-byte uncompressed public key (X || Y) that signed
// hash with r, s and recovery id v (0 or 1). Values out of range give
// ErrInvalidSignature; unrecoverable ones ErrRecoveryFailed. No low-s rule.
func Ecrecover(hash types.Hash, r, s *uint256.Int, v byte) ([64]byte, error) {
	return secp.Recover(hash[:], r, s, v)
}

// EcrecoverAddress is Ecrecover followed by PubkeyToAddress.
func EcrecoverAddress(hash types.Hash, r, s *uint256.Int, v byte) (types.Address, error) {
	a, err := secp.RecoverAddress(hash[:], r, s, v)
	return types.Address(a), err
}

// PubkeyToAddress is the last 20 bytes of keccak256(X || Y).
func PubkeyToAddress(pub [64]byte) types.Address { return types.Address(secp.Address(pub)) }

// ToPrivateKey parses a 32-byte secret key in [1, N-1].
func ToPrivateKey(secretKey []byte) (*secp256k1.PrivateKey, error) {
	return secp.PrivateKey(secretKey)
}

// ToAddress is the address controlled by a 32-byte secret key, as state-test
// fixtures give it ("secretKey").
func ToAddress(secretKey []byte) (types.Address, error) {
	key, err := secp.PrivateKey(secretKey)
	if err != nil {
		return types.Address{}, err
	}
	return KeyAddress(key), nil
}

// KeyAddress is the address of a private key.
func KeyAddress(key *secp256k1.PrivateKey) types.Address {
	return types.Address(secp.Address(secp.PublicKey(key)))
}

// Sign makes a deterministic (RFC 6979) low-s signature of hash, returned as
// r || s || v with v the recovery id 0 or 1.
func Sign(hash types.Hash, key *secp256k1.PrivateKey) ([65]byte, error) {
	return secp.Sign(hash[:], key)
}
