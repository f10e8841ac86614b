package abi

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goevm/goevm/types"
)

// ParseValue parses a value of type t written as foundry's cast writes
// arguments:
//
//	integers   decimal or 0x-hex, negative for intN (-5, -0x05); a decimal with
//	           a unit is scaled: 1ether, 1.5gwei, 10wei
//	address    0x and 40 hex digits; mixed case must be a valid EIP-55 checksum
//	bool       true or false
//	bytes      0x-hex (bytesN: exactly N bytes)
//	string     as it is, or JSON-quoted ("a \"quoted\" string"), or Go-quoted
//	           for bytes that are not UTF-8 ("\xff", which JSON cannot
//	           spell); inside arrays and tuples an unquoted string ends at
//	           , ] or )
//	arrays     [a,b,c]
//	tuples     (a,b)
//
// White space around elements is ignored, and scalars may be JSON-quoted.
func ParseValue(t Type, s string) (any, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if t.Kind == KindString {
		// At the top level a bare string is all of s.
		if q := strings.TrimSpace(s); strings.HasPrefix(q, `"`) {
			var out string
			if err := json.Unmarshal([]byte(q), &out); err == nil {
				return out, nil
			}
			if out, err := strconv.Unquote(q); err == nil {
				return out, nil
			}
		}
		return s, nil
	}
	p := &literal{src: s}
	v, err := p.value(t)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.pos < len(p.src) {
		return nil, fmt.Errorf("%w: unexpected %q after the %s value", ErrSyntax, p.src[p.pos:], t)
	}
	return v, nil
}

type literal struct {
	src string
	pos int
}

func (p *literal) ws() {
	for p.pos < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

// token reads a scalar: a JSON-quoted string, or everything up to , ] ) or the end.
func (p *literal) token() (string, bool, error) {
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == '"' {
		dec := json.NewDecoder(strings.NewReader(p.src[p.pos:]))
		var s string
		if err := dec.Decode(&s); err != nil {
			// Go's quoting, which quote writes for bytes that are not UTF-8.
			q, qerr := strconv.QuotedPrefix(p.src[p.pos:])
			if qerr != nil || q[0] != '"' {
				return "", true, fmt.Errorf("%w: bad quoted string at offset %d: %v", ErrSyntax, p.pos, err)
			}
			s, _ = strconv.Unquote(q) // QuotedPrefix checked it
			p.pos += len(q)
			return s, true, nil
		}
		p.pos += int(dec.InputOffset())
		return s, true, nil
	}
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte(",])", p.src[p.pos]) < 0 {
		p.pos++
	}
	return strings.TrimSpace(p.src[start:p.pos]), false, nil
}

func (p *literal) expect(c byte, t Type) error {
	p.ws()
	if p.pos >= len(p.src) {
		return fmt.Errorf("%w: %s: want %q, got the end", ErrSyntax, t, c)
	}
	if p.src[p.pos] != c {
		return fmt.Errorf("%w: %s: want %q at offset %d, got %q", ErrSyntax, t, c, p.pos, p.src[p.pos])
	}
	p.pos++
	return nil
}

// list reads "open elem, elem, ... close".
func (p *literal) list(t Type, open, close byte, elem func(i int) (Type, error)) ([]any, error) {
	if err := p.expect(open, t); err != nil {
		return nil, err
	}
	out := []any{}
	p.ws()
	if p.pos < len(p.src) && p.src[p.pos] == close {
		p.pos++
		return out, nil
	}
	for i := 0; ; i++ {
		et, err := elem(i)
		if err != nil {
			return nil, err
		}
		v, err := p.value(et)
		if err != nil {
			return nil, inside(i, err)
		}
		out = append(out, v)
		p.ws()
		if p.pos < len(p.src) && p.src[p.pos] == close {
			p.pos++
			return out, nil
		}
		if err := p.expect(',', t); err != nil {
			return nil, err
		}
	}
}

func (p *literal) value(t Type) (any, error) {
	switch t.Kind {
	case KindArray, KindSlice:
		vs, err := p.list(t, '[', ']', func(i int) (Type, error) {
			if t.Kind == KindArray && i >= t.Size {
				return Type{}, fmt.Errorf("%w: %s: more than %d elements", ErrValue, t, t.Size)
			}
			return *t.Elem, nil
		})
		if err != nil {
			return nil, err
		}
		if t.Kind == KindArray && len(vs) != t.Size {
			return nil, fmt.Errorf("%w: %s: %d elements, want %d", ErrValue, t, len(vs), t.Size)
		}
		return vs, nil
	case KindTuple:
		vs, err := p.list(t, '(', ')', func(i int) (Type, error) {
			if i >= len(t.Components) {
				return Type{}, fmt.Errorf("%w: %s: more than %d members", ErrValue, t, len(t.Components))
			}
			return t.Components[i].Type, nil
		})
		if err != nil {
			return nil, err
		}
		if len(vs) != len(t.Components) {
			return nil, fmt.Errorf("%w: %s: %d members, want %d", ErrValue, t, len(vs), len(t.Components))
		}
		return vs, nil
	}
	tok, quoted, err := p.token()
	if err != nil {
		return nil, err
	}
	if t.Kind == KindString {
		return tok, nil
	}
	if tok == "" && !quoted {
		return nil, fmt.Errorf("%w: %s: missing value", ErrSyntax, t)
	}
	return parseScalar(t, tok)
}

var units = []struct {
	name string
	exp  int
}{{"ether", 18}, {"gwei", 9}, {"wei", 0}}

func parseScalar(t Type, s string) (any, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %q: %s", ErrValue, t, s, fmt.Sprintf(format, args...))
	}
	switch t.Kind {
	case KindUint, KindInt:
		n, err := parseInteger(s)
		if err != nil {
			return nil, bad("%v", err)
		}
		if err := checkIntRange(t, n); err != nil {
			return nil, bad("out of range")
		}
		return n, nil
	case KindBool:
		switch s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, bad("want true or false")
	case KindAddress:
		return ParseAddress(s)
	case KindFixedBytes, KindFunction, KindBytes:
		h, ok := strings.CutPrefix(s, "0x")
		if !ok {
			h, ok = strings.CutPrefix(s, "0X")
		}
		if !ok {
			return nil, bad("want 0x-prefixed hex")
		}
		b, err := hex.DecodeString(h)
		if err != nil {
			return nil, bad("not hex (%v)", err)
		}
		n := t.Size
		if t.Kind == KindFunction {
			n = 24
		}
		if t.Kind != KindBytes && len(b) != n {
			return nil, bad("%d bytes, want %d", len(b), n)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%w: kind %d", ErrType, t.Kind)
}

// parseInteger reads a decimal, a 0x-hex number, or a decimal with a unit,
// with an optional sign.
func parseInteger(s string) (*big.Int, error) {
	neg := false
	body := s
	if strings.HasPrefix(body, "-") || strings.HasPrefix(body, "+") {
		neg, body = body[0] == '-', body[1:]
	}
	n := new(big.Int)
	switch {
	case strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X"):
		h := body[2:]
		if h == "" || strings.HasPrefix(h, "+") || strings.HasPrefix(h, "-") {
			return nil, fmt.Errorf("not a number")
		}
		if _, ok := n.SetString(h, 16); !ok {
			return nil, fmt.Errorf("not a hex number")
		}
	default:
		exp := 0
		for _, u := range units {
			if rest, ok := strings.CutSuffix(body, u.name); ok {
				body, exp = strings.TrimSpace(rest), u.exp
				break
			}
		}
		if body == "" || strings.ContainsAny(body, "+-_/eE") {
			return nil, fmt.Errorf("not a number")
		}
		whole, frac, hasDot := strings.Cut(body, ".")
		if hasDot && (len(frac) > exp || whole == "" && frac == "") {
			return nil, fmt.Errorf("not a whole number of wei")
		}
		digits := whole + frac + strings.Repeat("0", exp-len(frac))
		for _, c := range digits {
			if c < '0' || c > '9' {
				return nil, fmt.Errorf("not a number")
			}
		}
		n.SetString(digits, 10)
	}
	if neg {
		n.Neg(n)
	}
	return n, nil
}

// ParseAddress parses a 0x-prefixed 20-byte address. All-lowercase and
// all-uppercase hex are taken as they are; mixed case must be a valid
// EIP-55 checksum, so that a mistyped address is caught.
func ParseAddress(s string) (types.Address, error) {
	h, ok := strings.CutPrefix(s, "0x")
	if !ok {
		return types.Address{}, fmt.Errorf("%w: address %q: want 0x and 40 hex digits", ErrValue, s)
	}
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != 20 {
		return types.Address{}, fmt.Errorf("%w: address %q: want 0x and 40 hex digits", ErrValue, s)
	}
	a := types.Address(b)
	if h != strings.ToLower(h) && h != strings.ToUpper(h) && ChecksumAddress(a) != s {
		return types.Address{}, fmt.Errorf("%w: address %q: bad EIP-55 checksum (want %s)", ErrValue, s, ChecksumAddress(a))
	}
	return a, nil
}

// ChecksumAddress writes an address in EIP-55 mixed case; it is
// types.Address.Checksum, kept here for callers of the abi package.
func ChecksumAddress(a types.Address) string { return a.Checksum() }

// FormatValue writes a decoded value as cast writes it, in the syntax
// ParseValue reads: integers in decimal, addresses checksummed, bytes as
// 0x-hex, strings JSON-quoted, arrays [a, b] and tuples (a, b).
func FormatValue(t Type, v any) string {
	var b strings.Builder
	formatValue(&b, t, v)
	return b.String()
}

func formatValue(b *strings.Builder, t Type, v any) {
	switch t.Kind {
	case KindArray, KindSlice, KindTuple:
		open, close := "[", "]"
		if t.Kind == KindTuple {
			open, close = "(", ")"
		}
		get, n, ok := tupleFields(v)
		if !ok {
			fmt.Fprintf(b, "%v", v)
			return
		}
		b.WriteString(open)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			formatValue(b, t.memberType(i), get(i))
		}
		b.WriteString(close)
	case KindString:
		s, _ := v.(string)
		b.WriteString(quote(s))
	default:
		fmt.Fprintf(b, "%v", scalarJSON(t, v))
	}
}

// memberType is the type FormatValue and JSONValue give member i of an
// array, slice or tuple value of t. A Go struct may hold more exported
// fields than the tuple has components; those extra ones are printed as
// they are (the zero Type) rather than refused.
func (t Type) memberType(i int) Type {
	switch {
	case t.Kind != KindTuple:
		return *t.Elem
	case i < len(t.Components):
		return t.Components[i].Type
	}
	return Type{}
}

// quote JSON-quotes s without escaping <, > and &. JSON has no escape for
// bytes that are not UTF-8 (its encoder writes U+FFFD for them, and the
// string would come back changed), so such a string is Go-quoted ("\xff"),
// which ParseValue reads too.
func quote(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}

// JSONValue returns a decoded value in a form encoding/json writes as
// `goevm abi decode --json` prints it: integers as decimal strings,
// addresses EIP-55 checksummed, bytes as lower-case 0x-hex, strings and
// booleans as they are, arrays and tuples as JSON arrays.
func JSONValue(t Type, v any) any {
	switch t.Kind {
	case KindArray, KindSlice, KindTuple:
		get, n, ok := tupleFields(v)
		if !ok {
			return v
		}
		out := make([]any, n)
		for i := range n {
			out[i] = JSONValue(t.memberType(i), get(i))
		}
		return out
	case KindString, KindBool:
		return v
	}
	return scalarJSON(t, v)
}

func scalarJSON(t Type, v any) any {
	switch t.Kind {
	case KindUint, KindInt:
		if n, err := toBig(v); err == nil {
			return n.String()
		}
	case KindAddress:
		if a, ok := toAddress(v); ok {
			return ChecksumAddress(a)
		}
	case KindFixedBytes, KindFunction, KindBytes:
		if bs, ok := toBytes(v); ok {
			return types.EncodeHex(bs)
		}
	}
	return v
}
