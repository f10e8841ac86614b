package eip712

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/goevm/goevm/crypto"
)

type kind uint8

const (
	kindBool kind = iota
	kindAddress
	kindInt
	kindUint
	kindFixedBytes
	kindBytes
	kindString
	kindStruct
	kindArray
)

// typ is a parsed field type.
type typ struct {
	kind   kind
	name   string // the type as written
	size   int    // bits for int/uint, bytes for bytesN
	elem   *typ   // array element
	length int    // array length, -1 for T[]
}

// maxDimensions bounds array nesting in a type (uint8[][]…), keeping the
// recursion over a hostile type string short.
const maxDimensions = 32

// parseType resolves a field type against the declared structs.
func parseType(all Types, s string) (*typ, error) {
	if strings.Count(s, "[") > maxDimensions {
		return nil, fmt.Errorf("%w: %q: more than %d array dimensions", ErrInvalidType, shorten(s), maxDimensions)
	}
	if strings.HasSuffix(s, "]") {
		open := strings.LastIndexByte(s, '[')
		if open <= 0 {
			return nil, fmt.Errorf("%w: %q", ErrInvalidType, s)
		}
		length := -1
		if n := s[open+1 : len(s)-1]; n != "" {
			v, err := strconv.ParseUint(n, 10, 31)
			if err != nil || v == 0 || n[0] == '0' {
				return nil, fmt.Errorf("%w: %q: array length %q", ErrInvalidType, s, n)
			}
			length = int(v)
		}
		elem, err := parseType(all, s[:open])
		if err != nil {
			return nil, err
		}
		return &typ{kind: kindArray, name: s, elem: elem, length: length}, nil
	}
	switch s {
	case "bytes":
		return &typ{kind: kindBytes, name: s}, nil
	case "string":
		return &typ{kind: kindString, name: s}, nil
	}
	if k, size, ok := parseAtomic(s); ok {
		return &typ{kind: k, name: s, size: size}, nil
	}
	if _, ok := all[s]; ok {
		return &typ{kind: kindStruct, name: s}, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownType, s)
}

// parseAtomic recognizes bool, address, intN, uintN and bytesN (and the
// int/uint aliases for 256 bits).
func parseAtomic(s string) (kind, int, bool) {
	switch s {
	case "bool":
		return kindBool, 0, true
	case "address":
		return kindAddress, 0, true
	case "int":
		return kindInt, 256, true
	case "uint":
		return kindUint, 256, true
	}
	sized := func(prefix string) (int, bool) {
		n, ok := strings.CutPrefix(s, prefix)
		if !ok || n == "" || n[0] == '0' {
			return 0, false
		}
		v, err := strconv.Atoi(n)
		return v, err == nil
	}
	if bits, ok := sized("uint"); ok && bits%8 == 0 && bits >= 8 && bits <= 256 {
		return kindUint, bits, true
	}
	if bits, ok := sized("int"); ok && bits%8 == 0 && bits >= 8 && bits <= 256 {
		return kindInt, bits, true
	}
	if n, ok := sized("bytes"); ok && n >= 1 && n <= 32 {
		return kindFixedBytes, n, true
	}
	return 0, 0, false
}

// encodeAtomic encodes a bool, address, integer, bytesN, bytes or string
// value as its 32-byte member encoding.
func encodeAtomic(t *typ, v any) ([32]byte, error) {
	var word [32]byte
	switch t.kind {
	case kindBool:
		b, ok := v.(bool)
		if !ok {
			return word, fmt.Errorf("%w: want true or false for bool, got %s", ErrInvalidValue, describe(v))
		}
		if b {
			word[31] = 1
		}
	case kindAddress:
		s, ok := v.(string)
		if !ok {
			return word, fmt.Errorf("%w: want a hex string for address, got %s", ErrInvalidValue, describe(v))
		}
		digits := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
		b, err := hex.DecodeString(digits)
		if err != nil || len(b) != 20 {
			return word, fmt.Errorf("%w: address %q is not 20 bytes of hex", ErrInvalidValue, s)
		}
		copy(word[12:], b)
	case kindInt, kindUint:
		n, err := toBigInt(v)
		if err != nil {
			return word, fmt.Errorf("%w: %s: %w", ErrInvalidValue, t.name, err)
		}
		if err := checkRange(n, t); err != nil {
			return word, err
		}
		if n.Sign() < 0 {
			n = new(big.Int).Add(n, twoTo256)
		}
		n.FillBytes(word[:])
	case kindFixedBytes:
		b, err := toBytes(v)
		if err != nil {
			return word, fmt.Errorf("%w: %s: %w", ErrInvalidValue, t.name, err)
		}
		if len(b) != t.size {
			return word, fmt.Errorf("%w: %s needs %d bytes, got %d", ErrInvalidValue, t.name, t.size, len(b))
		}
		copy(word[:], b)
	case kindBytes:
		b, err := toBytes(v)
		if err != nil {
			return word, fmt.Errorf("%w: bytes: %w", ErrInvalidValue, err)
		}
		word = crypto.Keccak256(b)
	case kindString:
		s, ok := v.(string)
		if !ok {
			return word, fmt.Errorf("%w: want a string, got %s", ErrInvalidValue, describe(v))
		}
		word = crypto.Keccak256([]byte(s))
	default:
		return word, fmt.Errorf("%w: %q is not atomic", ErrInvalidType, t.name)
	}
	return word, nil
}

var twoTo256 = new(big.Int).Lsh(big.NewInt(1), 256)

// checkRange: uintN holds [0, 2^N), intN holds [-2^(N-1), 2^(N-1)).
func checkRange(n *big.Int, t *typ) error {
	if t.kind == kindUint {
		if n.Sign() < 0 || n.BitLen() > t.size {
			return fmt.Errorf("%w: %s does not fit %s", ErrOutOfRange, n, t.name)
		}
		return nil
	}
	limit := new(big.Int).Lsh(big.NewInt(1), uint(t.size-1))
	if n.Cmp(limit) >= 0 || n.Cmp(new(big.Int).Neg(limit)) < 0 {
		return fmt.Errorf("%w: %s does not fit %s", ErrOutOfRange, n, t.name)
	}
	return nil
}

// toBigInt reads an integer from a JSON number (exponent forms such as
// 1e+21, which JavaScript prints for large numbers, included when exact), a
// decimal or 0x-hex string with an optional minus sign, or a Go integer.
func toBigInt(v any) (*big.Int, error) {
	switch x := v.(type) {
	case json.Number:
		return parseDecimal(string(x))
	case string:
		neg := false
		s := x
		if rest, ok := strings.CutPrefix(s, "-"); ok {
			neg, s = true, rest
		}
		var n *big.Int
		if digits, ok := cutHex(s); ok {
			if digits == "" {
				return nil, fmt.Errorf("%q has no digits", x)
			}
			if strings.IndexFunc(digits, notHexDigit) >= 0 {
				return nil, fmt.Errorf("%q is not a hex integer", x)
			}
			n, _ = new(big.Int).SetString(digits, 16)
		} else {
			if s == "" || strings.ContainsAny(s[:1], "+-") {
				return nil, fmt.Errorf("%q is not an integer", x)
			}
			var err error
			if n, err = parseDecimal(s); err != nil {
				return nil, err
			}
		}
		if neg {
			n.Neg(n)
		}
		return n, nil
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return nil, fmt.Errorf("%v is not an exact integer", x)
		}
		return big.NewInt(int64(x)), nil
	case int:
		return big.NewInt(int64(x)), nil
	case int64:
		return big.NewInt(x), nil
	case uint64:
		return new(big.Int).SetUint64(x), nil
	case *big.Int:
		if x == nil {
			return nil, fmt.Errorf("nil *big.Int")
		}
		return new(big.Int).Set(x), nil
	}
	return nil, fmt.Errorf("want a number or a numeric string, got %s", describe(v))
}

// parseDecimal reads a decimal integer, allowing an exact exponent form
// (1e+21, 1.5e3). Exponents beyond ±100 are refused before any arithmetic:
// no 256-bit value needs one, and a huge exponent would be a huge number.
func parseDecimal(s string) (*big.Int, error) {
	if n, ok := new(big.Int).SetString(s, 10); ok {
		return n, nil
	}
	if i := strings.IndexAny(s, "eE"); i > 0 {
		exp, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err == nil && exp >= -100 && exp <= 100 {
			if r, ok := new(big.Rat).SetString(s[:i] + "e" + strconv.Itoa(exp)); ok && r.IsInt() {
				return new(big.Int).Set(r.Num()), nil
			}
		}
	}
	return nil, fmt.Errorf("%q is not an integer", shorten(s))
}

func notHexDigit(r rune) bool {
	return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F')
}

// toBytes reads a 0x-prefixed hex string (an even number of digits) or a
// Go []byte.
func toBytes(v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		digits, ok := cutHex(x)
		if !ok {
			return nil, fmt.Errorf("%q is not 0x-prefixed hex", shorten(x))
		}
		b, err := hex.DecodeString(digits)
		if err != nil {
			return nil, fmt.Errorf("%q is not whole bytes of hex", shorten(x))
		}
		return b, nil
	case []byte:
		return x, nil
	}
	return nil, fmt.Errorf("want a 0x-prefixed hex string, got %s", describe(v))
}

func cutHex(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:], true
	}
	return s, false
}

// describe names a value's JSON kind for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case json.Number, float64, int, int64, uint64, *big.Int:
		return fmt.Sprintf("number %v", x)
	case string:
		return fmt.Sprintf("string %q", shorten(x))
	case []any:
		return fmt.Sprintf("array of %d", len(x))
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
