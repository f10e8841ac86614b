package rlp

import (
	"encoding/hex"
	"strings"
)

// decodeHex reads the fixtures' 0x-prefixed hex. The tests cannot use
// types.DecodeHex: types imports rlp, and a test import of types would be a cycle.
func decodeHex(s string) ([]byte, error) {
	return hex.DecodeString(strings.TrimPrefix(s, "0x"))
}
