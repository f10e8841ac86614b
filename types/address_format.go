package types

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// Checksum is the address in EIP-55 mixed case: 0x, then the lower-case
// hex with each letter upper-cased where the same nibble of the Keccak-256
// of that lower-case hex is 8 or more.
func (a Address) Checksum() string {
	var buf [2 + 2*AddressLength]byte
	copy(buf[:], "0x")
	digits := buf[2:]
	hex.Encode(digits, a[:])
	h := keccak256(digits)
	for i, c := range digits {
		nibble := h[i/2] >> 4
		if i%2 == 1 {
			nibble = h[i/2] & 0x0f
		}
		if c >= 'a' && nibble >= 8 {
			digits[i] = c - 'a' + 'A'
		}
	}
	return string(buf[:])
}

// Format makes fmt print an Address as go-ethereum's common.Address does,
// which is what Go users of Ethereum libraries expect:
//
//	%v %s   EIP-55 checksummed, 0x-prefixed (also String)
//	%q      the same, double-quoted
//	%x %X   lower- or upper-case hex without 0x; %#x adds it
//	%d      the 20 bytes in decimal, as for a byte array
//
// Hex and MarshalText (JSON) stay lower case, as the JSON-RPC spec and the
// test fixtures write addresses. Width and the - flag pad as for strings.
func (a Address) Format(s fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		pad(s, a.Checksum())
	case 'q':
		pad(s, `"`+a.Checksum()+`"`)
	case 'x', 'X':
		pad(s, hexVerb(s, verb, a[:]))
	case 'd':
		fmt.Fprintf(s, "%d", [AddressLength]byte(a))
	default:
		fmt.Fprintf(s, "%%!%c(types.Address=%s)", verb, a.Hex())
	}
}

// Format prints a Hash like go-ethereum's common.Hash: %v and %s give 0x
// and lower-case hex (also String), %q quotes it, %x and %X give hex without
// 0x (%#x adds it), %d the bytes in decimal.
func (h Hash) Format(s fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		pad(s, h.Hex())
	case 'q':
		pad(s, `"`+h.Hex()+`"`)
	case 'x', 'X':
		pad(s, hexVerb(s, verb, h[:]))
	case 'd':
		fmt.Fprintf(s, "%d", [HashLength]byte(h))
	default:
		fmt.Fprintf(s, "%%!%c(types.Hash=%s)", verb, h.Hex())
	}
}

// hexVerb writes b for %x or %X: lower or upper case, with 0x (or 0X, as
// fmt writes it for %#X) only under the # flag.
func hexVerb(s fmt.State, verb rune, b []byte) string {
	out := hex.EncodeToString(b)
	if s.Flag('#') {
		out = "0x" + out
	}
	if verb == 'X' {
		out = strings.ToUpper(out)
	}
	return out
}

// pad writes str to s, padded with spaces to the width asked for, on the
// left or, with the - flag, on the right.
func pad(s fmt.State, str string) {
	w, ok := s.Width()
	if !ok || w <= len(str) {
		fmt.Fprint(s, str)
		return
	}
	fill := strings.Repeat(" ", w-len(str))
	if s.Flag('-') {
		fmt.Fprint(s, str+fill)
	} else {
		fmt.Fprint(s, fill+str)
	}
}
