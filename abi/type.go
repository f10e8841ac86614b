package abi

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the shape of an ABI type.
type Kind uint8

// The ABI type kinds. Fixed-point types (fixedMxN) are not supported: no
// Solidity compiler emits them in an ABI.
const (
	KindUint       Kind = iota + 1 // uintN: Size is N bits
	KindInt                        // intN: Size is N bits
	KindAddress                    // address
	KindBool                       // bool
	KindFixedBytes                 // bytesN: Size is N bytes
	KindFunction                   // function: address and selector, encoded as bytes24
	KindBytes                      // bytes
	KindString                     // string
	KindArray                      // T[N]: Size is N, Elem is T
	KindSlice                      // T[]: Elem is T
	KindTuple                      // (T1,...,Tn): Components
)

// Type is an ABI type. Build one with ParseType or the helpers below;
// the zero Type is invalid.
type Type struct {
	Kind Kind
	// Size is the bit width of uintN/intN, N of bytesN and the length of T[N].
	Size int
	// Elem is the element type of arrays and slices.
	Elem *Type
	// Components are a tuple's members; their names are kept for display
	// and JSON and play no part in the encoding.
	Components []Param
}

// Param is a named, typed parameter of a function, event or error, or a
// tuple component.
type Param struct {
	Name string
	Type Type
	// Indexed marks an event parameter that travels in a topic.
	Indexed bool
	// InternalType is solc's "internalType" (such as "struct S" or
	// "contract IERC20"), kept so that a JSON ABI round-trips.
	InternalType string
}

// Limits on the types this package accepts, so that a hostile signature
// cannot make the encoder or decoder do unbounded work.
const (
	maxTypeDepth  = 64
	maxStaticSize = 1 << 30 // bytes of a static type's encoding
)

// Elementary types, for building types in code.
var (
	Uint256Type = Type{Kind: KindUint, Size: 256}
	Int256Type  = Type{Kind: KindInt, Size: 256}
	AddressType = Type{Kind: KindAddress}
	BoolType    = Type{Kind: KindBool}
	BytesType   = Type{Kind: KindBytes}
	StringType  = Type{Kind: KindString}
	Bytes32Type = Type{Kind: KindFixedBytes, Size: 32}
)

// SliceOf returns the type T[].
func SliceOf(t Type) Type { return Type{Kind: KindSlice, Elem: &t} }

// ArrayOf returns the type T[n].
func ArrayOf(t Type, n int) Type { return Type{Kind: KindArray, Size: n, Elem: &t} }

// TupleOf returns the tuple of the given component types, unnamed.
func TupleOf(ts ...Type) Type {
	ps := make([]Param, len(ts))
	for i, t := range ts {
		ps[i].Type = t
	}
	return Type{Kind: KindTuple, Components: ps}
}

// String returns the canonical type name used in signatures: uint256, not
// uint; tuples as (T1,T2).
func (t Type) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

func (t Type) write(b *strings.Builder) {
	switch t.Kind {
	case KindUint:
		b.WriteString("uint")
		b.WriteString(strconv.Itoa(t.Size))
	case KindInt:
		b.WriteString("int")
		b.WriteString(strconv.Itoa(t.Size))
	case KindAddress:
		b.WriteString("address")
	case KindBool:
		b.WriteString("bool")
	case KindFixedBytes:
		b.WriteString("bytes")
		b.WriteString(strconv.Itoa(t.Size))
	case KindFunction:
		b.WriteString("function")
	case KindBytes:
		b.WriteString("bytes")
	case KindString:
		b.WriteString("string")
	case KindArray:
		t.Elem.write(b)
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(t.Size))
		b.WriteByte(']')
	case KindSlice:
		t.Elem.write(b)
		b.WriteString("[]")
	case KindTuple:
		b.WriteByte('(')
		for i, c := range t.Components {
			if i > 0 {
				b.WriteByte(',')
			}
			c.Type.write(b)
		}
		b.WriteByte(')')
	default:
		b.WriteString("<invalid>")
	}
}

// IsDynamic reports whether the type's encoding length depends on its value
// (bytes, string, T[], and arrays and tuples holding one of those).
func (t Type) IsDynamic() bool {
	switch t.Kind {
	case KindBytes, KindString, KindSlice:
		return true
	case KindArray:
		return t.Elem.IsDynamic()
	case KindTuple:
		for _, c := range t.Components {
			if c.Type.IsDynamic() {
				return true
			}
		}
	}
	return false
}

// isElementary reports whether the type is a single word value (what an
// indexed event parameter stores directly in its topic).
func (t Type) isElementary() bool {
	switch t.Kind {
	case KindUint, KindInt, KindAddress, KindBool, KindFixedBytes, KindFunction:
		return true
	}
	return false
}

// headSize is the number of bytes the type takes in its enclosing tuple's
// head: 32 for a dynamic type (its offset), its whole encoding otherwise.
// ParseType and check bound it by maxStaticSize.
func (t Type) headSize() int {
	if t.IsDynamic() {
		return 32
	}
	return t.staticSize()
}

func (t Type) staticSize() int {
	switch t.Kind {
	case KindArray:
		return t.Size * t.Elem.staticSize()
	case KindTuple:
		n := 0
		for _, c := range t.Components {
			n += c.Type.headSize()
		}
		return n
	}
	return 32
}

// check validates a type built in code (or by the parsers): sizes in range,
// element types present, depth and static size bounded.
func (t Type) check() error {
	_, err := t.checkDepth(0)
	return err
}

// checkDepth returns the type's head size, bounded by maxStaticSize.
func (t Type) checkDepth(depth int) (int, error) {
	if depth > maxTypeDepth {
		return 0, fmt.Errorf("%w: nested more than %d deep", ErrType, maxTypeDepth)
	}
	switch t.Kind {
	case KindUint, KindInt:
		if t.Size <= 0 || t.Size > 256 || t.Size%8 != 0 {
			return 0, fmt.Errorf("%w: integer width %d (want 8, 16, ..., 256)", ErrType, t.Size)
		}
		return 32, nil
	case KindFixedBytes:
		if t.Size <= 0 || t.Size > 32 {
			return 0, fmt.Errorf("%w: bytes%d (want bytes1 to bytes32)", ErrType, t.Size)
		}
		return 32, nil
	case KindAddress, KindBool, KindFunction, KindBytes, KindString:
		return 32, nil
	case KindArray, KindSlice:
		if t.Elem == nil {
			return 0, fmt.Errorf("%w: array without an element type", ErrType)
		}
		h, err := t.Elem.checkDepth(depth + 1)
		if err != nil {
			return 0, err
		}
		if t.Kind == KindSlice || t.IsDynamic() {
			if t.Kind == KindArray && (t.Size < 0 || t.Size > maxStaticSize/32) {
				return 0, fmt.Errorf("%w: array length %d too large", ErrType, t.Size)
			}
			return 32, nil
		}
		if t.Size < 0 || (h > 0 && t.Size > maxStaticSize/h) {
			return 0, fmt.Errorf("%w: %s is larger than %d bytes", ErrType, t, maxStaticSize)
		}
		return t.Size * h, nil
	case KindTuple:
		n, dyn := 0, false
		for _, c := range t.Components {
			h, err := c.Type.checkDepth(depth + 1)
			if err != nil {
				return 0, err
			}
			dyn = dyn || c.Type.IsDynamic()
			if n += h; n > maxStaticSize {
				return 0, fmt.Errorf("%w: tuple larger than %d bytes", ErrType, maxStaticSize)
			}
		}
		if dyn {
			return 32, nil
		}
		return n, nil
	}
	return 0, fmt.Errorf("%w: kind %d", ErrType, t.Kind)
}

// ParseType parses a type as written in a signature: uint256, uint (an
// alias of uint256), int, address, bool, bytes32, byte (bytes1), bytes,
// string, function, T[N], T[] and tuples written (T1,T2) or tuple(T1,T2).
// Component names inside tuples are allowed ("(uint256 a,string b)[]").
func ParseType(s string) (Type, error) {
	p := parser{src: s}
	t, err := p.typ(0)
	if err == nil {
		p.ws()
		if !p.eof() {
			err = p.errorf("unexpected %q after the type", p.rest())
		}
	}
	if err != nil {
		return Type{}, fmt.Errorf("type %q: %w", s, err)
	}
	return t, nil
}

// MustParseType is ParseType for constants; it panics on error.
func MustParseType(s string) Type {
	t, err := ParseType(s)
	if err != nil {
		panic(err)
	}
	return t
}

// ParseTypes parses a comma-separated list of types, with or without
// enclosing parentheses: "uint256,string" or "(uint256,string)".
func ParseTypes(s string) ([]Type, error) {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(t, "(") {
		t = "(" + t + ")"
	}
	tt, err := ParseType(t)
	if err != nil {
		return nil, err
	}
	if tt.Kind != KindTuple {
		return []Type{tt}, nil
	}
	out := make([]Type, len(tt.Components))
	for i, c := range tt.Components {
		out[i] = c.Type
	}
	return out, nil
}

// parser is a small recursive-descent parser over a type or signature.
type parser struct {
	src string
	pos int
}

func (p *parser) eof() bool    { return p.pos >= len(p.src) }
func (p *parser) rest() string { return p.src[p.pos:] }

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w at offset %d: %s", ErrSyntax, p.pos, fmt.Sprintf(format, args...))
}

func (p *parser) ws() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.pos++
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (p *parser) peek() byte {
	p.ws()
	if p.eof() {
		return 0
	}
	return p.src[p.pos]
}

func (p *parser) accept(c byte) bool {
	if p.peek() == c {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expect(c byte) error {
	if !p.accept(c) {
		if p.eof() {
			return p.errorf("want %q, got the end", c)
		}
		return p.errorf("want %q, got %q", c, p.src[p.pos])
	}
	return nil
}

func isIdentByte(c byte, first bool) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9')
}

// ident reads an identifier, or returns "" if none starts here.
func (p *parser) ident() string {
	p.ws()
	start := p.pos
	for p.pos < len(p.src) && isIdentByte(p.src[p.pos], p.pos == start) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// typ parses a type with its array suffixes.
func (p *parser) typ(depth int) (Type, error) {
	if depth > maxTypeDepth {
		return Type{}, fmt.Errorf("%w: nested more than %d deep", ErrType, maxTypeDepth)
	}
	var t Type
	if p.peek() == '(' {
		comps, err := p.params(depth+1, paramTuple)
		if err != nil {
			return Type{}, err
		}
		t = Type{Kind: KindTuple, Components: comps}
	} else {
		start := p.pos
		name := p.ident()
		if name == "" {
			if p.eof() {
				return Type{}, p.errorf("want a type, got the end")
			}
			return Type{}, p.errorf("want a type, got %q", p.src[p.pos])
		}
		if name == "tuple" && p.peek() == '(' {
			comps, err := p.params(depth+1, paramTuple)
			if err != nil {
				return Type{}, err
			}
			t = Type{Kind: KindTuple, Components: comps}
		} else {
			var err error
			if t, err = elementary(name); err != nil {
				p.pos = start
				return Type{}, fmt.Errorf("%w at offset %d", err, start)
			}
		}
	}
	for p.peek() == '[' {
		p.pos++
		p.ws()
		start := p.pos
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
		digits := p.src[start:p.pos]
		if err := p.expect(']'); err != nil {
			return Type{}, err
		}
		elem := t
		if digits == "" {
			t = Type{Kind: KindSlice, Elem: &elem}
			continue
		}
		n, err := strconv.Atoi(digits)
		if err != nil || n > maxStaticSize || (len(digits) > 1 && digits[0] == '0') {
			return Type{}, fmt.Errorf("%w: array length %q", ErrType, digits)
		}
		t = Type{Kind: KindArray, Size: n, Elem: &elem}
	}
	if _, err := t.checkDepth(0); err != nil {
		return Type{}, err
	}
	return t, nil
}

// elementary maps an elementary type name to its Type.
func elementary(name string) (Type, error) {
	switch name {
	case "address":
		return AddressType, nil
	case "bool":
		return BoolType, nil
	case "string":
		return StringType, nil
	case "bytes":
		return BytesType, nil
	case "function":
		return Type{Kind: KindFunction}, nil
	case "uint":
		return Uint256Type, nil
	case "int":
		return Int256Type, nil
	case "byte":
		return Type{Kind: KindFixedBytes, Size: 1}, nil
	}
	for _, pre := range []struct {
		prefix string
		kind   Kind
	}{{"uint", KindUint}, {"int", KindInt}, {"bytes", KindFixedBytes}} {
		digits, ok := strings.CutPrefix(name, pre.prefix)
		if !ok || digits == "" || digits[0] == '0' {
			continue
		}
		n, err := strconv.Atoi(digits)
		if err != nil {
			continue
		}
		t := Type{Kind: pre.kind, Size: n}
		if err := t.check(); err != nil {
			return Type{}, err
		}
		return t, nil
	}
	if strings.HasPrefix(name, "fixed") || strings.HasPrefix(name, "ufixed") {
		return Type{}, fmt.Errorf("%w: fixed-point type %s is not supported", ErrType, name)
	}
	return Type{}, fmt.Errorf("%w: unknown type %q", ErrType, name)
}

// paramMode says which words may follow a parameter's type.
type paramMode int

const (
	paramTuple    paramMode = iota // a tuple component: an optional name
	paramFunction                  // a function or error parameter: data location, name
	paramEvent                     // an event parameter: indexed, name
)

// params parses "(" [param {"," param}] ")".
func (p *parser) params(depth int, mode paramMode) ([]Param, error) {
	if err := p.expect('('); err != nil {
		return nil, err
	}
	var out []Param
	if p.accept(')') {
		return []Param{}, nil
	}
	for {
		t, err := p.typ(depth)
		if err != nil {
			return nil, err
		}
		prm := Param{Type: t}
		for {
			save := p.pos
			w := p.ident()
			if w == "" {
				break
			}
			switch {
			case w == "indexed" && mode == paramEvent && !prm.Indexed && prm.Name == "":
				prm.Indexed = true
			case (w == "memory" || w == "calldata" || w == "storage") && mode != paramEvent && prm.Name == "":
				// a data location: not part of the ABI
			case prm.Name == "":
				prm.Name = w
			default:
				p.pos = save
				return nil, p.errorf("unexpected %q after parameter %s", w, prm.Name)
			}
		}
		out = append(out, prm)
		if p.accept(')') {
			return out, nil
		}
		if err := p.expect(','); err != nil {
			return nil, err
		}
	}
}
