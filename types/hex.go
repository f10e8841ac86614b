package types

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/holiman/uint256"
)

// DecodeHex decodes a byte string written as hex, with or without a 0x prefix.
// An odd number of digits is an error: byte strings are whole bytes.
func DecodeHex(s string) ([]byte, error) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("hex string %q has an odd number of digits", shorten(s))
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("invalid hex %q: %w", shorten(s), err)
	}
	return b, nil
}

// EncodeHex writes b as 0x-prefixed lower-case hex.
func EncodeHex(b []byte) string { return "0x" + hex.EncodeToString(b) }

// Bytes is a byte string that travels through JSON as 0x-prefixed hex.
type Bytes []byte

func (b Bytes) MarshalText() ([]byte, error) { return []byte(EncodeHex(b)), nil }

func (b *Bytes) UnmarshalText(text []byte) error {
	v, err := DecodeHex(string(text))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// ParseUint64 parses a quantity: 0x-prefixed hex (leading zeros tolerated, as the
// fixtures write them) or plain decimal. The empty "0x" reads as zero.
func ParseUint64(s string) (uint64, error) {
	if h, ok := cutHexPrefix(s); ok {
		if h == "" {
			return 0, nil
		}
		v, err := strconv.ParseUint(h, 16, 64)
		if err != nil {
			return 0, fmt.Errorf("quantity %q: %w", shorten(s), err)
		}
		return v, nil
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("quantity %q: %w", shorten(s), err)
	}
	return v, nil
}

// ParseU256 parses a 256-bit quantity in the same forms as ParseUint64.
func ParseU256(s string) (*uint256.Int, error) {
	if h, ok := cutHexPrefix(s); ok {
		h = strings.TrimLeft(h, "0")
		if h == "" {
			return new(uint256.Int), nil
		}
		if len(h) > 64 {
			return nil, fmt.Errorf("quantity %q exceeds 256 bits", shorten(s))
		}
		v, err := uint256.FromHex("0x" + h)
		if err != nil {
			return nil, fmt.Errorf("quantity %q: %w", shorten(s), err)
		}
		return v, nil
	}
	v, err := uint256.FromDecimal(s)
	if err != nil {
		return nil, fmt.Errorf("quantity %q: %w", shorten(s), err)
	}
	return v, nil
}

// Uint64 is a quantity that travels through JSON as hex ("0x1a"); decimal is accepted too.
type Uint64 uint64

func (q Uint64) MarshalText() ([]byte, error) {
	return []byte("0x" + strconv.FormatUint(uint64(q), 16)), nil
}

func (q *Uint64) UnmarshalText(text []byte) error {
	v, err := ParseUint64(string(text))
	if err != nil {
		return err
	}
	*q = Uint64(v)
	return nil
}

// U256 is a 256-bit quantity that travels through JSON as hex; decimal is accepted too.
type U256 struct{ uint256.Int }

func (q U256) MarshalText() ([]byte, error) { return []byte(q.Int.Hex()), nil }

func (q *U256) UnmarshalText(text []byte) error {
	v, err := ParseU256(string(text))
	if err != nil {
		return err
	}
	q.Int = *v
	return nil
}

func cutHexPrefix(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:], true
	}
	return s, false
}

// shorten keeps error messages readable when the offending input is huge.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
