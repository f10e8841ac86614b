package abi

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"strconv"

	"github.com/goevm/goevm/types"
)

// Decode decodes data as the tuple (types...), the inverse of Encode.
// Bytes after the encoding are ignored (as Solidity ignores them in
// calldata). Every offset and length is checked against data; see the
// package documentation for the other rules.
func Decode(ts []Type, data []byte) ([]any, error) {
	comps := make([]Param, len(ts))
	for i, t := range ts {
		if err := t.check(); err != nil {
			return nil, err
		}
		comps[i].Type = t
	}
	d := newDecoder(data)
	return d.tuple(comps, data)
}

// DecodeValue decodes one value of type t from data holding enc(X) (see
// EncodeValue).
func DecodeValue(t Type, data []byte) (any, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	d := newDecoder(data)
	return d.value(t, data)
}

// decoder carries the allocation budget across one decoding.
type decoder struct {
	// budget is how many more units the decoding may produce: a byte of
	// bytes/string data, a word of an elementary value, or a slot of an
	// array or tuple each cost one.
	budget int
}

func newDecoder(data []byte) *decoder {
	// A canonical encoding costs at most about twice its length; offsets
	// that share data may cost more, within reason.
	return &decoder{budget: 4*len(data) + 4096}
}

func (d *decoder) spend(n int) error {
	if n < 0 || n > d.budget {
		return fmt.Errorf("%w", ErrTooLarge)
	}
	d.budget -= n
	return nil
}

// pathError says where in a value an error happened: "[2][0]" is the
// first member of the third.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return e.err.Error() + " (at " + e.path + ")" }
func (e *pathError) Unwrap() error { return e.err }

// inside prefixes the index i to err's path.
func inside(i int, err error) error {
	idx := "[" + strconv.Itoa(i) + "]"
	if pe, ok := err.(*pathError); ok {
		return &pathError{path: idx + pe.path, err: pe.err}
	}
	return &pathError{path: idx, err: err}
}

// word returns the 32 bytes at off in region.
func word(region []byte, off int) ([]byte, error) {
	if off < 0 || off > len(region) || len(region)-off < 32 {
		return nil, fmt.Errorf("%w: need 32 bytes at %d, have %d", ErrShortData, off, max(len(region)-off, 0))
	}
	return region[off : off+32], nil
}

// smallInt reads a word as an offset or length no larger than limit.
func smallInt(w []byte, limit int, what error) (int, error) {
	for _, b := range w[:24] {
		if b != 0 {
			return 0, fmt.Errorf("%w: 0x%x", what, w)
		}
	}
	v := binary.BigEndian.Uint64(w[24:])
	if v > uint64(limit) {
		return 0, fmt.Errorf("%w: %d, beyond %d", what, v, limit)
	}
	return int(v), nil
}

// tuple decodes the members laid out as heads at the start of region, with
// offsets relative to region.
func (d *decoder) tuple(comps []Param, region []byte) ([]any, error) {
	if err := d.spend(len(comps)); err != nil {
		return nil, err
	}
	out := make([]any, len(comps))
	head := 0
	for i, c := range comps {
		v, err := d.member(c.Type, region, head)
		if err != nil {
			return nil, inside(i, err)
		}
		out[i] = v
		head += c.Type.headSize()
	}
	return out, nil
}

// seq decodes n elements of type elem laid out as heads at the start of region.
func (d *decoder) seq(elem Type, n int, region []byte) ([]any, error) {
	h := elem.headSize()
	if h > 0 && n > len(region)/h {
		return nil, fmt.Errorf("%w: %d elements of %d bytes in %d bytes", ErrLength, n, h, len(region))
	}
	if err := d.spend(n); err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i := range n {
		v, err := d.member(elem, region, i*h)
		if err != nil {
			return nil, inside(i, err)
		}
		out[i] = v
	}
	return out, nil
}

// member decodes the value whose head is at off in region: in place for a
// static type, at the offset the head holds for a dynamic one.
func (d *decoder) member(t Type, region []byte, off int) (any, error) {
	if !t.IsDynamic() {
		if n := t.staticSize(); off > len(region) || len(region)-off < n {
			return nil, fmt.Errorf("%w: need %d bytes at %d, have %d", ErrShortData, n, off, max(len(region)-off, 0))
		}
		return d.value(t, region[off:])
	}
	w, err := word(region, off)
	if err != nil {
		return nil, err
	}
	o, err := smallInt(w, len(region), ErrOffset)
	if err != nil {
		return nil, err
	}
	return d.value(t, region[o:])
}

// value decodes enc(X) of type t at the start of region.
func (d *decoder) value(t Type, region []byte) (any, error) {
	switch t.Kind {
	case KindTuple:
		return d.tuple(t.Components, region)
	case KindArray:
		return d.seq(*t.Elem, t.Size, region)
	case KindSlice:
		w, err := word(region, 0)
		if err != nil {
			return nil, err
		}
		limit := len(region) - 32
		if t.Elem.headSize() == 0 {
			// Elements of no size (T[0], empty tuples) take no data; the
			// budget bounds their number.
			limit = d.budget
		}
		n, err := smallInt(w, limit, ErrLength)
		if err != nil {
			return nil, err
		}
		return d.seq(*t.Elem, n, region[32:])
	case KindBytes, KindString:
		w, err := word(region, 0)
		if err != nil {
			return nil, err
		}
		n, err := smallInt(w, len(region)-32, ErrLength)
		if err != nil {
			return nil, err
		}
		if err := d.spend(n); err != nil {
			return nil, err
		}
		b := region[32 : 32+n]
		if t.Kind == KindString {
			return string(b), nil
		}
		return append([]byte{}, b...), nil
	}
	w, err := word(region, 0)
	if err != nil {
		return nil, err
	}
	if err := d.spend(1); err != nil {
		return nil, err
	}
	return decodeWord(t, w)
}

// decodeWord decodes an elementary value from its 32-byte word, refusing
// bits the type does not allow.
func decodeWord(t Type, w []byte) (any, error) {
	dirty := func() error { return fmt.Errorf("%w: %s word 0x%x", ErrNonCanonical, t, w) }
	zero := func(b []byte) bool {
		for _, c := range b {
			if c != 0 {
				return false
			}
		}
		return true
	}
	switch t.Kind {
	case KindUint:
		if !zero(w[:32-t.Size/8]) {
			return nil, dirty()
		}
		return new(big.Int).SetBytes(w), nil
	case KindInt:
		pad := 32 - t.Size/8
		fill := byte(0)
		if w[pad]&0x80 != 0 {
			fill = 0xff
		}
		for _, c := range w[:pad] {
			if c != fill {
				return nil, dirty()
			}
		}
		n := new(big.Int).SetBytes(w)
		if fill == 0xff {
			n.Sub(n, two256)
		}
		return n, nil
	case KindAddress:
		if !zero(w[:12]) {
			return nil, dirty()
		}
		return types.BytesToAddress(w[12:]), nil
	case KindBool:
		if !zero(w[:31]) || w[31] > 1 {
			return nil, dirty()
		}
		return w[31] == 1, nil
	case KindFixedBytes, KindFunction:
		n := t.Size
		if t.Kind == KindFunction {
			n = 24
		}
		if !zero(w[n:]) {
			return nil, dirty()
		}
		return append([]byte{}, w[:n]...), nil
	}
	return nil, fmt.Errorf("%w: kind %d", ErrType, t.Kind)
}
