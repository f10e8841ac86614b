package hdwallet

import "crypto/sha256"

// base58Alphabet is Bitcoin's Base58 alphabet (no 0, O, I or l).
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58CheckEncode appends the first 4 bytes of SHA-256(SHA-256(payload))
// and Base58-encodes the result, each leading zero byte becoming a '1'.
func base58CheckEncode(payload []byte) string {
	first := sha256.Sum256(payload)
	second := sha256.Sum256(first[:])
	data := append(append(make([]byte, 0, len(payload)+4), payload...), second[:4]...)

	zeros := 0
	for zeros < len(data) && data[zeros] == 0 {
		zeros++
	}
	// digits holds the number in base 58, least significant digit first;
	// each input byte multiplies it by 256 and adds the byte.
	digits := make([]byte, 0, len(data)*138/100+1)
	for _, b := range data[zeros:] {
		carry := int(b)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := make([]byte, zeros+len(digits))
	for i := range zeros {
		out[i] = base58Alphabet[0]
	}
	for i, d := range digits {
		out[len(out)-1-i] = base58Alphabet[d]
	}
	return string(out)
}
