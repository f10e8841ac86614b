// Package trie implements the Merkle Patricia trie of the Yellow Paper
// (appendix D): a mutable trie with Put/Get/Delete/Hash, a secure variant
// with keccak-hashed keys, and a one-shot builder that computes the root of
// sorted key-value pairs without materialising nodes, for state and storage
// roots.
package trie

// Nibbles splits key into its half-bytes, high half first.
func Nibbles(key []byte) []byte {
	out := make([]byte, 2*len(key))
	for i, b := range key {
		out[2*i] = b >> 4
		out[2*i+1] = b & 0x0f
	}
	return out
}

// HexPrefix is the Yellow Paper's hex-prefix encoding HP(nibbles, t): a flag
// nibble (2 if terminating, i.e. a leaf, plus 1 if the length is odd), a zero
// pad nibble when the length is even, then the nibbles packed in pairs.
func HexPrefix(nibbles []byte, terminating bool) []byte {
	return appendHexPrefix(nil, nibbles, terminating)
}

func appendHexPrefix(dst, nibbles []byte, terminating bool) []byte {
	var flag byte
	if terminating {
		flag = 2
	}
	if len(nibbles)%2 == 1 {
		dst = append(dst, (flag+1)<<4|nibbles[0])
		nibbles = nibbles[1:]
	} else {
		dst = append(dst, flag<<4)
	}
	for i := 0; i < len(nibbles); i += 2 {
		dst = append(dst, nibbles[i]<<4|nibbles[i+1])
	}
	return dst
}
