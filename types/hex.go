package types

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/holiman/uint256"
)

// The hex rules follow the JSON fixtures and geth: a byte string is
// 0x-prefixed hex with an even number of digits ("0x" is the empty string);
// a quantity is 0x-prefixed hex with at least one digit (leading zeros are
// allowed, as the fixtures write "0x00" and "0x0186a0") or plain decimal
// digits (geth's HexOrDecimal types, which legacy fixtures and the CLI flags
// use). Nothing else is read: no empty string, no bare "0x" quantity, no
// prefix-less hex bytes, no signs, spaces or byte order marks.

// ParseError describes a hex string or quantity that cannot be read. Its
// message quotes the input shortened to a readable length, names the
// position of the offending character where there is one, and says what was
// expected. Input keeps the whole text.
type ParseError struct {
	Input string // the whole offending text
	Pos   int    // byte offset of the offending character, or -1
	Msg   string // what is wrong and what was expected
}

func (e *ParseError) Error() string { return Quote(e.Input) + ": " + e.Msg }

// maxQuoted is how many bytes of an offending input an error message shows.
const maxQuoted = 40

// Quote quotes s for an error message, cut to a readable length: a 200 KB
// field is shown by its first bytes and its size.
func Quote(s string) string {
	if len(s) <= maxQuoted+8 {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%d bytes)", strconv.Quote(s[:cut]), len(s))
}

const bom = "\uFEFF"

// badChar reports the character at byte offset i of s.
func badChar(s string, i int, kind, want string) *ParseError {
	if i == 0 && len(s) >= len(bom) && s[:len(bom)] == bom {
		return &ParseError{Input: s, Pos: 0, Msg: "starts with a UTF-8 byte order mark (U+FEFF); want " + want}
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return &ParseError{Input: s, Pos: i, Msg: fmt.Sprintf("invalid %s digit %q at position %d; want %s", kind, r, i, want)}
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// checkHexDigits reports the first non-hex character of s[from:].
func checkHexDigits(s string, from int, want string) error {
	for i := from; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return badChar(s, i, "hex", want)
		}
	}
	return nil
}

const wantBytes = "0x-prefixed hex bytes"

// DecodeHex decodes a byte string written as 0x-prefixed hex ("0x" is empty).
// Every digit must be hex and the digits must make whole bytes.
func DecodeHex(s string) ([]byte, error) {
	h, ok := cutHexPrefix(s)
	if !ok {
		switch {
		case s == "":
			return nil, &ParseError{Input: s, Pos: -1, Msg: "empty; want " + wantBytes}
		case len(s) >= len(bom) && s[:len(bom)] == bom:
			return nil, badChar(s, 0, "hex", wantBytes)
		}
		return nil, &ParseError{Input: s, Pos: -1, Msg: "missing 0x prefix; want " + wantBytes}
	}
	if err := checkHexDigits(s, 2, wantBytes); err != nil {
		return nil, err
	}
	if len(h)%2 != 0 {
		return nil, &ParseError{Input: s, Pos: -1, Msg: fmt.Sprintf("odd number of hex digits (%d); want whole bytes, two digits each", len(h))}
	}
	b, err := hex.DecodeString(h)
	if err != nil { // unreachable after the checks above
		return nil, fmt.Errorf("%s: %w", Quote(s), err)
	}
	return b, nil
}

// DecodeHexNoPrefix decodes hex bytes with or without the 0x prefix, for
// command-line arguments where a bare hex string is customary. JSON and
// fixture fields use DecodeHex.
func DecodeHexNoPrefix(s string) ([]byte, error) {
	if _, ok := cutHexPrefix(s); ok || s == "" || len(s) >= len(bom) && s[:len(bom)] == bom {
		return DecodeHex(s)
	}
	return DecodeHex("0x" + s)
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

// scanQuantity checks s as a quantity and returns its digits and base.
func scanQuantity(s, want string) (string, int, error) {
	if h, ok := cutHexPrefix(s); ok {
		if h == "" {
			return "", 0, &ParseError{Input: s, Pos: -1, Msg: "no digits after 0x; want " + want}
		}
		if err := checkHexDigits(s, 2, want); err != nil {
			return "", 0, err
		}
		return h, 16, nil
	}
	if s == "" {
		return "", 0, &ParseError{Input: s, Pos: -1, Msg: "empty; want " + want}
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", 0, badChar(s, i, "decimal", want)
		}
	}
	return s, 10, nil
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// ParseUint64 parses a quantity: 0x-prefixed hex (leading zeros tolerated, as
// the fixtures write them) or plain decimal.
func ParseUint64(s string) (uint64, error) {
	const want = "a 64-bit quantity (0x-prefixed hex or decimal)"
	digits, base, err := scanQuantity(s, want)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseUint(trimZeros(digits), base, 64)
	if err != nil {
		kind := "hex"
		if base == 10 {
			kind = "decimal"
		}
		return 0, &ParseError{Input: s, Pos: -1, Msg: kind + " number too large; want " + want + " (at most 18446744073709551615)"}
	}
	return v, nil
}

// ParseU256 parses a 256-bit quantity in the same forms as ParseUint64.
func ParseU256(s string) (*uint256.Int, error) {
	const want = "a 256-bit quantity (0x-prefixed hex or decimal)"
	digits, base, err := scanQuantity(s, want)
	if err != nil {
		return nil, err
	}
	digits = trimZeros(digits)
	if base == 16 {
		if len(digits) > 64 {
			return nil, &ParseError{Input: s, Pos: -1, Msg: "hex number too large; want " + want + " (at most 64 hex digits)"}
		}
		v, err := uint256.FromHex("0x" + digits)
		if err != nil { // unreachable after the checks above
			return nil, fmt.Errorf("%s: %w", Quote(s), err)
		}
		return v, nil
	}
	v, err := uint256.FromDecimal(digits)
	if err != nil {
		return nil, &ParseError{Input: s, Pos: -1, Msg: "decimal number too large; want " + want + " (below 2^256)"}
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
