package abi

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"reflect"

	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// Encode returns the ABI encoding of values as the tuple (types...): what
// follows the selector in calldata, and what a function returns.
func Encode(ts []Type, values []any) ([]byte, error) {
	if len(ts) != len(values) {
		return nil, fmt.Errorf("%w: %d values for %d types", ErrValue, len(values), len(ts))
	}
	for _, t := range ts {
		if err := t.check(); err != nil {
			return nil, err
		}
	}
	return encodeSeq(nil, len(ts), func(i int) Type { return ts[i] }, func(i int) any { return values[i] })
}

// EncodeValue returns the ABI encoding of one value of type t, as the
// specification's enc(X) defines it (for a dynamic type that is the
// length-prefixed data, without a leading offset).
func EncodeValue(t Type, v any) ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	return encodeValue(nil, t, v)
}

// encodeSeq appends enc((X(0), ..., X(n-1))): heads, then the tails of the
// dynamic members, each head of a dynamic member being its tail's offset.
func encodeSeq(dst []byte, n int, typ func(int) Type, val func(int) any) ([]byte, error) {
	headLen := 0
	for i := range n {
		headLen += typ(i).headSize()
	}
	start := len(dst)
	dst = append(dst, make([]byte, headLen)...)
	head := start
	for i := range n {
		t := typ(i)
		if t.IsDynamic() {
			putOffset(dst[head:head+32], len(dst)-start)
			var err error
			if dst, err = encodeValue(dst, t, val(i)); err != nil {
				return nil, inside(i, err)
			}
			head += 32
			continue
		}
		enc, err := encodeValue(nil, t, val(i))
		if err != nil {
			return nil, inside(i, err)
		}
		copy(dst[head:], enc)
		head += len(enc)
	}
	return dst, nil
}

func putOffset(word []byte, off int) {
	clear(word)
	binary.BigEndian.PutUint64(word[24:], uint64(off))
}

func valueErr(t Type, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrValue, t, fmt.Sprintf(format, args...))
}

// encodeValue appends enc(v) for type t.
func encodeValue(dst []byte, t Type, v any) ([]byte, error) {
	switch t.Kind {
	case KindUint, KindInt:
		n, err := toBig(v)
		if err != nil {
			return nil, valueErr(t, "%v", err)
		}
		if err := checkIntRange(t, n); err != nil {
			return nil, valueErr(t, "%v", err)
		}
		return appendIntWord(dst, n), nil
	case KindAddress:
		a, ok := toAddress(v)
		if !ok {
			return nil, valueErr(t, "want types.Address, got %T", v)
		}
		var w [32]byte
		copy(w[12:], a[:])
		return append(dst, w[:]...), nil
	case KindBool:
		b, ok := v.(bool)
		if !ok {
			return nil, valueErr(t, "want bool, got %T", v)
		}
		var w [32]byte
		if b {
			w[31] = 1
		}
		return append(dst, w[:]...), nil
	case KindFixedBytes, KindFunction:
		n := t.Size
		if t.Kind == KindFunction {
			n = 24
		}
		b, ok := toBytes(v)
		if !ok {
			return nil, valueErr(t, "want []byte, got %T", v)
		}
		if len(b) != n {
			return nil, valueErr(t, "%d bytes, want %d", len(b), n)
		}
		var w [32]byte
		copy(w[:], b)
		return append(dst, w[:]...), nil
	case KindBytes, KindString:
		b, err := dynamicBytes(t, v)
		if err != nil {
			return nil, err
		}
		var w [32]byte
		binary.BigEndian.PutUint64(w[24:], uint64(len(b)))
		dst = append(dst, w[:]...)
		dst = append(dst, b...)
		if r := len(b) % 32; r != 0 {
			dst = append(dst, make([]byte, 32-r)...)
		}
		return dst, nil
	case KindArray, KindSlice:
		rv, ok := sequence(v)
		if !ok {
			return nil, valueErr(t, "want a slice or array, got %T", v)
		}
		n := rv.Len()
		if t.Kind == KindArray && n != t.Size {
			return nil, valueErr(t, "%d elements, want %d", n, t.Size)
		}
		if t.Kind == KindSlice {
			var w [32]byte
			binary.BigEndian.PutUint64(w[24:], uint64(n))
			dst = append(dst, w[:]...)
		}
		return encodeSeq(dst, n, func(int) Type { return *t.Elem }, func(i int) any { return rv.Index(i).Interface() })
	case KindTuple:
		get, n, ok := tupleFields(v)
		if !ok {
			return nil, valueErr(t, "want []any or a struct, got %T", v)
		}
		if n != len(t.Components) {
			return nil, valueErr(t, "%d members, want %d", n, len(t.Components))
		}
		return encodeSeq(dst, n, func(i int) Type { return t.Components[i].Type }, get)
	}
	return nil, fmt.Errorf("%w: kind %d", ErrType, t.Kind)
}

var (
	two256  = new(big.Int).Lsh(big.NewInt(1), 256)
	bigOne  = big.NewInt(1)
	bigZero = new(big.Int)
)

// checkIntRange checks that n fits uintN (0 <= n < 2^N) or intN
// (-2^(N-1) <= n < 2^(N-1)).
func checkIntRange(t Type, n *big.Int) error {
	if t.Kind == KindUint {
		if n.Sign() < 0 || n.BitLen() > t.Size {
			return fmt.Errorf("%s out of range", n)
		}
		return nil
	}
	limit := new(big.Int).Lsh(bigOne, uint(t.Size-1))
	if n.Cmp(limit) >= 0 || n.Cmp(limit.Neg(limit)) < 0 {
		return fmt.Errorf("%s out of range", n)
	}
	return nil
}

// appendIntWord appends n as a 32-byte two's-complement word.
func appendIntWord(dst []byte, n *big.Int) []byte {
	var w [32]byte
	if n.Sign() < 0 {
		new(big.Int).Add(two256, n).FillBytes(w[:])
	} else {
		n.FillBytes(w[:])
	}
	return append(dst, w[:]...)
}

// toBig converts the Go integer kinds this package accepts.
func toBig(v any) (*big.Int, error) {
	switch x := v.(type) {
	case *big.Int:
		if x == nil {
			return nil, fmt.Errorf("nil *big.Int")
		}
		return x, nil
	case big.Int:
		return &x, nil
	case *uint256.Int:
		if x == nil {
			return nil, fmt.Errorf("nil *uint256.Int")
		}
		return x.ToBig(), nil
	case uint256.Int:
		return x.ToBig(), nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return big.NewInt(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return new(big.Int).SetUint64(rv.Uint()), nil
	}
	return nil, fmt.Errorf("want an integer (*big.Int, uint256.Int, Go integer), got %T", v)
}

func toAddress(v any) (types.Address, bool) {
	switch a := v.(type) {
	case types.Address:
		return a, true
	case *types.Address:
		if a != nil {
			return *a, true
		}
	case [20]byte:
		return a, true
	case []byte:
		if len(a) == 20 {
			return types.Address(a), true
		}
	}
	return types.Address{}, false
}

// toBytes accepts []byte, named byte slices (types.Bytes) and byte arrays
// ([N]byte, types.Hash).
// dynamicBytes takes a bytes or string value's contents the one way both
// the standard encoding and an indexed topic's in-place encoding accept:
// a Go string for string, anything toBytes takes for bytes.
func dynamicBytes(t Type, v any) ([]byte, error) {
	if t.Kind == KindString {
		s, ok := v.(string)
		if !ok {
			return nil, valueErr(t, "want string, got %T", v)
		}
		return []byte(s), nil
	}
	b, ok := toBytes(v)
	if !ok {
		return nil, valueErr(t, "want []byte, got %T", v)
	}
	return b, nil
}

func toBytes(v any) ([]byte, bool) {
	switch b := v.(type) {
	case []byte:
		return b, true
	case types.Bytes:
		return b, true
	case types.Hash:
		return b[:], true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return rv.Bytes(), true
		}
	case reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			out := make([]byte, rv.Len())
			reflect.Copy(reflect.ValueOf(out), rv)
			return out, true
		}
	}
	return nil, false
}

// sequence accepts any Go slice or array.
func sequence(v any) (reflect.Value, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
		return rv, true
	}
	return reflect.Value{}, false
}

// tupleFields accepts []any (or any slice) and structs (their exported
// fields, in order).
func tupleFields(v any) (func(int) any, int, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct {
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return func(i int) any { return rv.Index(i).Interface() }, rv.Len(), true
	case reflect.Struct:
		var idx []int
		for i := range rv.NumField() {
			if rv.Type().Field(i).IsExported() {
				idx = append(idx, i)
			}
		}
		return func(i int) any { return rv.Field(idx[i]).Interface() }, len(idx), true
	}
	return nil, 0, false
}
