package asm

import (
	"errors"
	"fmt"
)

// A minimal CBOR (RFC 8949) reader for the subset compilers write into the
// metadata trailer: unsigned and negative integers, byte and text strings,
// arrays, maps and the simple values false/true/null, all with definite
// lengths. Anything else is an error, never a panic.

var errCBOR = errors.New("cbor")

type cborKind int

const (
	cborUint cborKind = iota
	cborNeg           // the value is -1 - n
	cborBytes
	cborText
	cborArray
	cborMap
	cborBool
	cborNull
)

type cborValue struct {
	kind  cborKind
	n     uint64 // cborUint, cborNeg; 1/0 for cborBool
	bytes []byte // cborBytes, and cborText's UTF-8
	items []cborValue
	keys  []cborValue // cborMap: keys[i] maps to items[i]
}

func (v cborValue) text() (string, bool) { return string(v.bytes), v.kind == cborText }

// lookup returns the value of a text key in a map.
func (v cborValue) lookup(key string) (cborValue, bool) {
	for i, k := range v.keys {
		if s, ok := k.text(); ok && s == key {
			return v.items[i], true
		}
	}
	return cborValue{}, false
}

// maxCBORDepth bounds nesting so hostile input cannot recurse deeply.
const maxCBORDepth = 16

type cborReader struct {
	buf []byte
	pos int
}

func (r *cborReader) fail(format string, args ...any) error {
	return fmt.Errorf("%w: byte %d: %s", errCBOR, r.pos, fmt.Sprintf(format, args...))
}

// decodeCBOR reads exactly one item filling all of buf.
func decodeCBOR(buf []byte) (cborValue, error) {
	r := &cborReader{buf: buf}
	v, err := r.item(0)
	if err != nil {
		return v, err
	}
	if r.pos != len(buf) {
		return v, r.fail("%d bytes left over after the first item", len(buf)-r.pos)
	}
	return v, nil
}

// head reads an item's initial byte and argument.
func (r *cborReader) head() (major byte, info byte, arg uint64, err error) {
	if r.pos >= len(r.buf) {
		return 0, 0, 0, r.fail("unexpected end of data")
	}
	b := r.buf[r.pos]
	r.pos++
	major, info = b>>5, b&0x1f
	switch {
	case info < 24:
		return major, info, uint64(info), nil
	case info <= 27:
		n := 1 << (info - 24) // 1, 2, 4 or 8 bytes
		if len(r.buf)-r.pos < n {
			return 0, 0, 0, r.fail("unexpected end of data in a %d-byte argument", n)
		}
		for _, c := range r.buf[r.pos : r.pos+n] {
			arg = arg<<8 | uint64(c)
		}
		r.pos += n
		return major, info, arg, nil
	case info == 31:
		return 0, 0, 0, r.fail("indefinite lengths are not supported")
	}
	return 0, 0, 0, r.fail("reserved additional information %d", info)
}

func (r *cborReader) item(depth int) (cborValue, error) {
	if depth > maxCBORDepth {
		return cborValue{}, r.fail("nested deeper than %d", maxCBORDepth)
	}
	at := r.pos
	major, info, arg, err := r.head()
	if err != nil {
		return cborValue{}, err
	}
	switch major {
	case 0:
		return cborValue{kind: cborUint, n: arg}, nil
	case 1:
		return cborValue{kind: cborNeg, n: arg}, nil
	case 2, 3:
		if arg > uint64(len(r.buf)-r.pos) {
			return cborValue{}, r.fail("string of %d bytes runs past the end", arg)
		}
		v := cborValue{kind: cborBytes, bytes: r.buf[r.pos : r.pos+int(arg)]}
		if major == 3 {
			v.kind = cborText
		}
		r.pos += int(arg)
		return v, nil
	case 4, 5:
		// Every element takes at least one byte: a longer count is a lie,
		// and checking it first keeps allocation bounded by the input.
		per := uint64(1)
		if major == 5 {
			per = 2
		}
		if arg > uint64(len(r.buf)-r.pos)/per {
			return cborValue{}, r.fail("%d elements cannot fit in the %d bytes left", arg, len(r.buf)-r.pos)
		}
		v := cborValue{kind: cborArray, items: make([]cborValue, 0, arg)}
		if major == 5 {
			v.kind = cborMap
			v.keys = make([]cborValue, 0, arg)
		}
		for i := uint64(0); i < arg; i++ {
			if major == 5 {
				k, err := r.item(depth + 1)
				if err != nil {
					return cborValue{}, err
				}
				v.keys = append(v.keys, k)
			}
			e, err := r.item(depth + 1)
			if err != nil {
				return cborValue{}, err
			}
			v.items = append(v.items, e)
		}
		return v, nil
	case 7:
		switch {
		case info == 20 || info == 21:
			return cborValue{kind: cborBool, n: uint64(info - 20)}, nil
		case info == 22:
			return cborValue{kind: cborNull}, nil
		}
	}
	r.pos = at
	return cborValue{}, r.fail("unsupported item (major type %d, additional information %d)", major, info)
}
