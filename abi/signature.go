package abi

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/goevm/goevm/crypto"
	"github.com/goevm/goevm/types"
)

// Selector is the first four bytes of calldata (or revert data): the start
// of the Keccak-256 hash of the function's (or error's) signature.
type Selector [4]byte

// String returns the selector as 0x-prefixed hex.
func (s Selector) String() string { return types.EncodeHex(s[:]) }

// SelectorOf returns the selector of a canonical signature such as
// "transfer(address,uint256)". It does not parse or canonicalise the
// signature; use ParseFunction for "transfer(address to, uint amount)".
func SelectorOf(signature string) Selector {
	h := crypto.Keccak256([]byte(signature))
	return Selector(h[:4])
}

// Function types in a JSON ABI.
const (
	TypeFunction    = "function"
	TypeConstructor = "constructor"
	TypeFallback    = "fallback"
	TypeReceive     = "receive"
)

// Function is a function, constructor, fallback or receive function.
type Function struct {
	// Type is TypeFunction, TypeConstructor, TypeFallback or TypeReceive.
	Type            string
	Name            string
	Inputs, Outputs []Param
	// StateMutability is "pure", "view", "nonpayable" or "payable".
	StateMutability string
}

// Event is an event declaration.
type Event struct {
	Name      string
	Inputs    []Param
	Anonymous bool
}

// Error is a custom error declaration.
type Error struct {
	Name   string
	Inputs []Param
}

func paramTypes(ps []Param) []Type {
	out := make([]Type, len(ps))
	for i, p := range ps {
		out[i] = p.Type
	}
	return out
}

func signature(name string, ps []Param) string {
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		p.Type.write(&b)
	}
	b.WriteByte(')')
	return b.String()
}

// Types returns the types of the parameters, in order.
func Types(ps []Param) []Type { return paramTypes(ps) }

// Signature returns the canonical signature, "transfer(address,uint256)".
func (f *Function) Signature() string { return signature(f.Name, f.Inputs) }

// Selector returns the function's four-byte selector.
func (f *Function) Selector() Selector { return SelectorOf(f.Signature()) }

// EncodeCall returns calldata: the selector, then the encoded arguments.
// A constructor's "calldata" is its arguments alone (they follow the
// initcode).
func (f *Function) EncodeCall(args ...any) ([]byte, error) {
	enc, err := Encode(paramTypes(f.Inputs), args)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Signature(), err)
	}
	if f.Type == TypeConstructor {
		return enc, nil
	}
	sel := f.Selector()
	return append(sel[:], enc...), nil
}

// DecodeCall decodes calldata: it checks the selector and decodes the
// arguments after it.
func (f *Function) DecodeCall(calldata []byte) ([]any, error) {
	sel := f.Selector()
	if len(calldata) < 4 || !bytes.Equal(calldata[:4], sel[:]) {
		return nil, fmt.Errorf("%w: calldata does not start with %s (%s)", ErrSelector, sel, f.Signature())
	}
	return f.DecodeArgs(calldata[4:])
}

// DecodeArgs decodes encoded arguments without a selector.
func (f *Function) DecodeArgs(data []byte) ([]any, error) {
	v, err := Decode(paramTypes(f.Inputs), data)
	if err != nil {
		return nil, fmt.Errorf("%s arguments: %w", f.Signature(), err)
	}
	return v, nil
}

// EncodeOutput encodes return values, as the function returns them.
func (f *Function) EncodeOutput(values ...any) ([]byte, error) {
	enc, err := Encode(paramTypes(f.Outputs), values)
	if err != nil {
		return nil, fmt.Errorf("%s outputs: %w", f.Signature(), err)
	}
	return enc, nil
}

// DecodeOutput decodes return data.
func (f *Function) DecodeOutput(data []byte) ([]any, error) {
	v, err := Decode(paramTypes(f.Outputs), data)
	if err != nil {
		return nil, fmt.Errorf("%s outputs: %w", f.Signature(), err)
	}
	return v, nil
}

// String returns the human-readable form, as ParseFunction reads it back:
// "function balanceOf(address owner) view returns (uint256)".
func (f *Function) String() string {
	var b strings.Builder
	typ := f.Type
	if typ == "" {
		typ = TypeFunction
	}
	b.WriteString(typ)
	if typ == TypeFunction {
		b.WriteByte(' ')
		b.WriteString(f.Name)
	}
	if typ != TypeReceive || len(f.Inputs) > 0 {
		writeParams(&b, f.Inputs, false)
	} else {
		b.WriteString("()")
	}
	if f.StateMutability != "" && f.StateMutability != "nonpayable" {
		b.WriteByte(' ')
		b.WriteString(f.StateMutability)
	}
	if len(f.Outputs) > 0 {
		b.WriteString(" returns ")
		writeParams(&b, f.Outputs, false)
	}
	return b.String()
}

// Signature returns the canonical signature, "Transfer(address,address,uint256)".
func (e *Event) Signature() string { return signature(e.Name, e.Inputs) }

// Topic returns the event's topic 0, the Keccak-256 hash of its signature.
// An anonymous event does not emit it.
func (e *Event) Topic() types.Hash { return crypto.Keccak256([]byte(e.Signature())) }

// String returns the human-readable form,
// "event Transfer(address indexed from, address indexed to, uint256 value)".
func (e *Event) String() string {
	var b strings.Builder
	b.WriteString("event ")
	b.WriteString(e.Name)
	writeParams(&b, e.Inputs, true)
	if e.Anonymous {
		b.WriteString(" anonymous")
	}
	return b.String()
}

// Signature returns the canonical signature, "Insufficient(uint256,uint256)".
func (e *Error) Signature() string { return signature(e.Name, e.Inputs) }

// Selector returns the error's four-byte selector.
func (e *Error) Selector() Selector { return SelectorOf(e.Signature()) }

// Encode returns revert data: the selector, then the encoded arguments.
func (e *Error) Encode(args ...any) ([]byte, error) {
	enc, err := Encode(paramTypes(e.Inputs), args)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.Signature(), err)
	}
	sel := e.Selector()
	return append(sel[:], enc...), nil
}

// Decode decodes revert data of this error: it checks the selector and
// decodes the arguments after it.
func (e *Error) Decode(data []byte) ([]any, error) {
	sel := e.Selector()
	if len(data) < 4 || !bytes.Equal(data[:4], sel[:]) {
		return nil, fmt.Errorf("%w: revert data does not start with %s (%s)", ErrSelector, sel, e.Signature())
	}
	v, err := Decode(paramTypes(e.Inputs), data[4:])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.Signature(), err)
	}
	return v, nil
}

// String returns the human-readable form, "error Insufficient(uint256 available, uint256 required)".
func (e *Error) String() string {
	var b strings.Builder
	b.WriteString("error ")
	b.WriteString(e.Name)
	writeParams(&b, e.Inputs, false)
	return b.String()
}

func writeParams(b *strings.Builder, ps []Param, event bool) {
	b.WriteByte('(')
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		writeHumanType(b, p.Type)
		if event && p.Indexed {
			b.WriteString(" indexed")
		}
		if p.Name != "" {
			b.WriteByte(' ')
			b.WriteString(p.Name)
		}
	}
	b.WriteByte(')')
}

// writeHumanType writes a type with its tuple components' names.
func writeHumanType(b *strings.Builder, t Type) {
	switch t.Kind {
	case KindTuple:
		writeParams(b, t.Components, false)
	case KindArray, KindSlice:
		writeHumanType(b, *t.Elem)
		if t.Kind == KindSlice {
			b.WriteString("[]")
		} else {
			fmt.Fprintf(b, "[%d]", t.Size)
		}
	default:
		t.write(b)
	}
}

// ParseFunction parses a function in human-readable form. All of these work:
//
//	transfer(address,uint256)
//	transfer(address to, uint amount)
//	function balanceOf(address owner) external view returns (uint256)
//	balanceOf(address)(uint256)          (cast's form: outputs in a second list)
//	constructor(string name)
//	(uint256,string)                     (a bare tuple: arguments with no name or selector)
//
// A bare tuple yields a Function with an empty Name and Type TypeConstructor,
// so that EncodeCall returns the arguments alone.
func ParseFunction(sig string) (*Function, error) {
	it, err := parseItem(sig, "function")
	if err != nil {
		return nil, err
	}
	f, ok := it.(*Function)
	if !ok {
		return nil, fmt.Errorf("%w: %q is not a function", ErrSyntax, sig)
	}
	return f, nil
}

// ParseEvent parses an event in human-readable form, with or without the
// "event" keyword: "event Transfer(address indexed from, address indexed to, uint256 value)".
func ParseEvent(sig string) (*Event, error) {
	it, err := parseItem(sig, "event")
	if err != nil {
		return nil, err
	}
	e, ok := it.(*Event)
	if !ok {
		return nil, fmt.Errorf("%w: %q is not an event", ErrSyntax, sig)
	}
	return e, nil
}

// ParseError parses a custom error in human-readable form, with or without
// the "error" keyword: "error Insufficient(uint256 available, uint256 required)".
func ParseError(sig string) (*Error, error) {
	it, err := parseItem(sig, "error")
	if err != nil {
		return nil, err
	}
	e, ok := it.(*Error)
	if !ok {
		return nil, fmt.Errorf("%w: %q is not an error", ErrSyntax, sig)
	}
	return e, nil
}

// ParseSignature parses one human-readable declaration and returns a
// *Function, *Event or *Error; a declaration without a keyword is a function.
func ParseSignature(sig string) (any, error) { return parseItem(sig, "function") }

var mutabilities = map[string]bool{"pure": true, "view": true, "payable": true, "nonpayable": true}

// parseItem parses a declaration; kind is what it is without a keyword.
func parseItem(sig, kind string) (any, error) {
	it, err := parseItemInner(sig, kind)
	if err != nil {
		return nil, fmt.Errorf("signature %q: %w", sig, err)
	}
	return it, nil
}

func parseItemInner(sig, kind string) (any, error) {
	p := parser{src: strings.TrimSuffix(strings.TrimSpace(sig), ";")}
	save := p.pos
	switch w := p.ident(); w {
	case "function", "event", "error", "constructor", "fallback", "receive":
		kind = w
	default:
		p.pos = save
	}
	name := ""
	switch kind {
	case "function", "event", "error":
		if p.peek() != '(' || kind != "function" {
			name = p.ident()
			if name == "" {
				return nil, p.errorf("want a name")
			}
		}
	}
	mode := paramFunction
	if kind == "event" {
		mode = paramEvent
	}
	inputs, err := p.params(0, mode)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "event":
		ev := &Event{Name: name, Inputs: inputs}
		if p.ident() == "anonymous" {
			ev.Anonymous = true
		}
		return ev, p.end()
	case "error":
		return &Error{Name: name, Inputs: inputs}, p.end()
	}
	f := &Function{Type: kind, Name: name, Inputs: inputs, StateMutability: "nonpayable"}
	if kind == "function" && name == "" {
		// A bare tuple: arguments only.
		f.Type = TypeConstructor
	}
	if p.peek() == '(' {
		// cast's "f(inputs)(outputs)".
		if f.Outputs, err = p.params(0, paramFunction); err != nil {
			return nil, err
		}
		return f, p.end()
	}
	for {
		save := p.pos
		w := p.ident()
		switch {
		case w == "":
			return f, p.end()
		case mutabilities[w]:
			f.StateMutability = w
		case w == "constant":
			f.StateMutability = "view"
		case w == "external" || w == "public" || w == "internal" || w == "private" || w == "virtual" || w == "override":
		case w == "returns":
			if f.Outputs, err = p.params(0, paramFunction); err != nil {
				return nil, err
			}
		default:
			p.pos = save
			return nil, p.errorf("unexpected %q", w)
		}
	}
}

func (p *parser) end() error {
	p.ws()
	if !p.eof() {
		return p.errorf("unexpected %q at the end", p.rest())
	}
	return nil
}
