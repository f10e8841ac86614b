package hdwallet

import (
	"crypto/sha256"

	"github.com/goevm/goevm/internal/base58"
)

// base58CheckEncode appends the first 4 bytes of SHA-256(SHA-256(payload))
// and Base58-encodes the result, each leading zero byte becoming a '1'.
func base58CheckEncode(payload []byte) string {
	first := sha256.Sum256(payload)
	second := sha256.Sum256(first[:])
	return base58.Encode(append(append(make([]byte, 0, len(payload)+4), payload...), second[:4]...))
}
