package rpc

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The JSON-RPC hex encodings, read as strictly as geth reads them
// (execution-apis: "uint" is 0x-prefixed hex without leading zeros, "bytes"
// 0x-prefixed hex of whole bytes). Each error says what was expected.
var (
	errNoPrefix     = errors.New("hex string without 0x prefix")
	errEmptyNumber  = errors.New("hex string \"0x\" is not a number")
	errLeadingZero  = errors.New("hex number with leading zero digits")
	errOddLength    = errors.New("hex string of odd length")
	errNotString    = errors.New("want a hex string")
	errTooBig       = errors.New("hex number > 64 bits")
	errTooBig256    = errors.New("hex number > 256 bits")
	errBadHexDigit  = errors.New("invalid hex digit")
	errWrongLength  = errors.New("wrong length")
	errNegativeTime = errors.New("negative")
)

// unquote takes a JSON string's contents, refusing other JSON values.
func unquote(b []byte) (string, error) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", errNotString
	}
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return "", errNotString
	}
	return s, nil
}

func numberDigits(s string) (string, error) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return "", errNoPrefix
	}
	d := s[2:]
	if d == "" {
		return "", errEmptyNumber
	}
	if len(d) > 1 && d[0] == '0' {
		return "", errLeadingZero
	}
	return d, nil
}

// quantity is a uint64 "uint".
type quantity uint64

func (q *quantity) UnmarshalJSON(b []byte) error {
	s, d, err := jsonNumberDigits(b, 16, errTooBig)
	if err != nil {
		return err
	}
	v, err := strconv.ParseUint(d, 16, 64)
	if err != nil {
		return fmt.Errorf("%w in %q", errBadHexDigit, short(s))
	}
	*q = quantity(v)
	return nil
}

// jsonNumberDigits reads a JSON string holding a "uint" of at most max hex
// digits and returns the string and its digits.
func jsonNumberDigits(b []byte, max int, tooBig error) (s, digits string, err error) {
	if s, err = unquote(b); err != nil {
		return "", "", err
	}
	if digits, err = numberDigits(s); err != nil {
		return "", "", err
	}
	if len(digits) > max {
		return "", "", tooBig
	}
	return s, digits, nil
}

func (q quantity) MarshalText() ([]byte, error) {
	return []byte("0x" + strconv.FormatUint(uint64(q), 16)), nil
}

// big is a 256-bit "uint".
type big struct{ uint256.Int }

func (q *big) UnmarshalJSON(b []byte) error {
	s, d, err := jsonNumberDigits(b, 64, errTooBig256)
	if err != nil {
		return err
	}
	v, err := uint256.FromHex("0x" + d)
	if err != nil {
		return fmt.Errorf("%w in %q", errBadHexDigit, short(s))
	}
	q.Int = *v
	return nil
}

func (q big) MarshalText() ([]byte, error) { return []byte(q.Int.Hex()), nil }

// MarshalJSON is needed besides MarshalText: the embedded uint256.Int's
// own MarshalJSON (decimal) would otherwise be promoted.
func (q big) MarshalJSON() ([]byte, error) { return []byte(`"` + q.Int.Hex() + `"`), nil }

func bigOf(v *uint256.Int) *big { return &big{*v} }

// data is "bytes".
type data []byte

func (d *data) UnmarshalJSON(b []byte) error {
	s, err := unquote(b)
	if err != nil {
		return err
	}
	v, err := decodeData(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func (d data) MarshalText() ([]byte, error) { return []byte(types.EncodeHex(d)), nil }

func decodeData(s string) ([]byte, error) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return nil, errNoPrefix
	}
	if len(s)%2 != 0 {
		return nil, errOddLength
	}
	v, err := hex.DecodeString(s[2:])
	if err != nil {
		return nil, fmt.Errorf("%w in %q", errBadHexDigit, short(s))
	}
	return v, nil
}

// fixedData reads exactly n bytes of hex.
func fixedData(b []byte, n int, what string) ([]byte, error) {
	s, err := unquote(b)
	if err != nil {
		return nil, err
	}
	v, err := decodeData(s)
	if err != nil {
		return nil, err
	}
	if len(v) != n {
		return nil, fmt.Errorf("%w: hex string has length %d, want %d for %s", errWrongLength, 2*len(v), 2*n, what)
	}
	return v, nil
}

// address is a 20-byte "address".
type address types.Address

func (a *address) UnmarshalJSON(b []byte) error {
	v, err := fixedData(b, 20, "an address")
	if err == nil {
		copy(a[:], v)
	}
	return err
}

// UnmarshalText reads an address used as a JSON object key (the state
// override set is keyed by address); encoding/json needs it for map keys.
func (a *address) UnmarshalText(b []byte) error {
	return a.UnmarshalJSON(strconv.AppendQuote(nil, string(b)))
}

// hash is a 32-byte "hash32".
type hash types.Hash

func (h *hash) UnmarshalJSON(b []byte) error {
	v, err := fixedData(b, 32, "a hash")
	if err == nil {
		copy(h[:], v)
	}
	return err
}

// slotKey is a storage slot as eth_getStorageAt takes it: a quantity or
// up to 32 bytes of hex (geth accepts both).
type slotKey types.Hash

func (k *slotKey) UnmarshalJSON(b []byte) error {
	s, err := unquote(b)
	if err != nil {
		return err
	}
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return errNoPrefix
	}
	d := s[2:]
	if len(d) > 64 {
		return fmt.Errorf("%w: slot %q longer than 32 bytes", errWrongLength, short(s))
	}
	if len(d)%2 == 1 {
		d = "0" + d
	}
	v, err := hex.DecodeString(d)
	if err != nil {
		return fmt.Errorf("%w in %q", errBadHexDigit, short(s))
	}
	*k = slotKey(types.BytesToHash(v))
	return nil
}

func short(s string) string {
	if len(s) > 42 {
		return s[:39] + "..."
	}
	return s
}
