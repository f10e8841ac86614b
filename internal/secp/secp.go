// Package secp holds the secp256k1 operations goevm needs, on plain bytes and
// uint256 words, so that both crypto (the public API) and types (transaction
// senders, EIP-7702 authorities) can use them without an import cycle:
// crypto imports types for Hash and Address, so types cannot import crypto.
package secp

import (
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/holiman/uint256"
	"golang.org/x/crypto/sha3"
)

// Sentinel errors. crypto re-exports them.
var (
	ErrInvalidSignature  = errors.New("invalid signature")
	ErrRecoveryFailed    = errors.New("public key recovery failed")
	ErrInvalidPrivateKey = errors.New("invalid private key")
)

// N is the order of the secp256k1 group; HalfN is N/2 (rounded down), the
// largest s EIP-2 allows.
var (
	N     = uint256.MustFromHex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
	HalfN = new(uint256.Int).Rsh(N, 1)
)

// ValidValues reports whether a signature's values are in range: recovery
// id 0 or 1, 1 <= r < N, 1 <= s < N, and with lowS also s <= N/2 (EIP-2).
func ValidValues(recID byte, r, s *uint256.Int, lowS bool) bool {
	if recID > 1 || r.IsZero() || s.IsZero() || !r.Lt(N) || !s.Lt(N) {
		return false
	}
	return !lowS || !s.Gt(HalfN)
}

// Recover returns the 64-byte uncompressed public key (X || Y, without the
// 0x04 prefix) that signed hash. r and s must be in [1, N-1] and recID 0 or 1;
// the low-s rule is the caller's (it depends on the context).
func Recover(hash []byte, r, s *uint256.Int, recID byte) ([64]byte, error) {
	var pub [64]byte
	if len(hash) != 32 {
		return pub, fmt.Errorf("%w: hash of %d bytes", ErrInvalidSignature, len(hash))
	}
	if !ValidValues(recID, r, s, false) {
		return pub, ErrInvalidSignature
	}
	var sig [65]byte
	sig[0] = 27 + recID // decred's compact format: 27 + recovery code, r, s
	r.WriteToSlice(sig[1:33])
	s.WriteToSlice(sig[33:65])
	key, _, err := ecdsa.RecoverCompact(sig[:], hash)
	if err != nil {
		return pub, fmt.Errorf("%w: %w", ErrRecoveryFailed, err)
	}
	copy(pub[:], key.SerializeUncompressed()[1:])
	return pub, nil
}

// Address is the Ethereum address of an uncompressed public key: the last 20
// bytes of keccak256(X || Y).
func Address(pub [64]byte) [20]byte {
	h := sha3.NewLegacyKeccak256()
	h.Write(pub[:])
	var sum [32]byte
	h.Sum(sum[:0])
	var a [20]byte
	copy(a[:], sum[12:])
	return a
}

// RecoverAddress is Recover followed by Address.
func RecoverAddress(hash []byte, r, s *uint256.Int, recID byte) ([20]byte, error) {
	pub, err := Recover(hash, r, s, recID)
	if err != nil {
		return [20]byte{}, err
	}
	return Address(pub), nil
}

// PrivateKey parses a 32-byte secret key, rejecting 0 and values >= N.
func PrivateKey(secret []byte) (*secp256k1.PrivateKey, error) {
	if len(secret) != 32 {
		return nil, fmt.Errorf("%w: %d bytes, want 32", ErrInvalidPrivateKey, len(secret))
	}
	k := new(uint256.Int).SetBytes(secret)
	if k.IsZero() || !k.Lt(N) {
		return nil, fmt.Errorf("%w: out of range", ErrInvalidPrivateKey)
	}
	return secp256k1.PrivKeyFromBytes(secret), nil
}

// PublicKey is the 64-byte uncompressed public key of key.
func PublicKey(key *secp256k1.PrivateKey) [64]byte {
	var pub [64]byte
	copy(pub[:], key.PubKey().SerializeUncompressed()[1:])
	return pub
}

// Sign makes a deterministic (RFC 6979) signature of hash with a low s
// (EIP-2), returned as r || s || recoveryID with recoveryID 0 or 1.
func Sign(hash []byte, key *secp256k1.PrivateKey) ([65]byte, error) {
	var out [65]byte
	if len(hash) != 32 {
		return out, fmt.Errorf("%w: hash of %d bytes", ErrInvalidSignature, len(hash))
	}
	compact := ecdsa.SignCompact(key, hash, false) // [27+code] || r || s
	code := compact[0] - 27
	if code > 1 {
		// The overflow bit (r's point had x >= N) is astronomically rare and
		// Ethereum's v cannot express it.
		return out, fmt.Errorf("%w: recovery code %d not expressible", ErrInvalidSignature, code)
	}
	copy(out[:64], compact[1:])
	out[64] = code
	return out, nil
}
