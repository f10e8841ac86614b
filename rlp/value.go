package rlp

import (
	"fmt"
)

// Value is a decoded RLP item of any shape: a byte string or a list of values.
// It serves generic tools (decoding unknown input, tests); typed code uses
// Split and the Append functions directly.
type Value struct {
	IsList bool
	Bytes  []byte  // a string's content
	List   []Value // a list's items
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 1024

// Decode parses b as exactly one canonical item; trailing bytes are an error.
func Decode(b []byte) (Value, error) {
	v, rest, err := decodeValue(b, 0)
	if err != nil {
		return Value{}, err
	}
	if len(rest) != 0 {
		return Value{}, fmt.Errorf("%w: %d bytes", ErrTrailing, len(rest))
	}
	return v, nil
}

func decodeValue(b []byte, depth int) (Value, []byte, error) {
	if depth > maxDepth {
		return Value{}, nil, fmt.Errorf("rlp: nesting deeper than %d", maxDepth)
	}
	kind, content, rest, err := Split(b)
	if err != nil {
		return Value{}, nil, err
	}
	if kind == String {
		return Value{Bytes: content}, rest, nil
	}
	v := Value{IsList: true, List: []Value{}}
	for len(content) > 0 {
		item, more, err := decodeValue(content, depth+1)
		if err != nil {
			return Value{}, nil, err
		}
		v.List = append(v.List, item)
		content = more
	}
	return v, rest, nil
}

// Encode returns the encoding of v.
func Encode(v Value) []byte { return AppendValue(nil, v) }

// AppendValue appends the encoding of v.
func AppendValue(dst []byte, v Value) []byte {
	if !v.IsList {
		return AppendString(dst, v.Bytes)
	}
	var payload []byte
	for _, item := range v.List {
		payload = AppendValue(payload, item)
	}
	dst = AppendList(dst, len(payload))
	return append(dst, payload...)
}
