package rlp

import (
	"errors"
	"fmt"

	"github.com/holiman/uint256"
)

// Sentinel errors for malformed input; every decoding error wraps one of them.
var (
	ErrTruncated      = errors.New("rlp: input ends before the item does")
	ErrNonCanonical   = errors.New("rlp: non-canonical encoding")
	ErrExpectedString = errors.New("rlp: expected a string, found a list")
	ErrExpectedList   = errors.New("rlp: expected a list, found a string")
	ErrTrailing       = errors.New("rlp: trailing bytes after the item")
	ErrTooLarge       = errors.New("rlp: integer too large")
)

// Kind is the type of an RLP item.
type Kind int

const (
	String Kind = iota
	List
)

// Split reads the first item of b: its kind, its content (the payload, for a
// list the concatenated encodings of its items), and the bytes after it.
// Only canonical headers are accepted.
func Split(b []byte) (kind Kind, content, rest []byte, err error) {
	if len(b) == 0 {
		return 0, nil, nil, fmt.Errorf("%w: empty input", ErrTruncated)
	}
	prefix := b[0]
	var size uint64
	var hdr int
	switch {
	case prefix < 0x80:
		return String, b[:1], b[1:], nil
	case prefix < 0xb8:
		kind, hdr, size = String, 1, uint64(prefix-0x80)
		if size == 1 {
			if len(b) < 2 {
				return 0, nil, nil, fmt.Errorf("%w: 1-byte string", ErrTruncated)
			}
			if b[1] < 0x80 {
				return 0, nil, nil, fmt.Errorf("%w: single byte 0x%02x wrapped as a string", ErrNonCanonical, b[1])
			}
		}
	case prefix < 0xc0:
		kind = String
		hdr, size, err = longSize(b, int(prefix-0xb7))
	case prefix < 0xf8:
		kind, hdr, size = List, 1, uint64(prefix-0xc0)
	default:
		kind = List
		hdr, size, err = longSize(b, int(prefix-0xf7))
	}
	if err != nil {
		return 0, nil, nil, err
	}
	if size > uint64(len(b)-hdr) {
		return 0, nil, nil, fmt.Errorf("%w: item of %d bytes, %d left", ErrTruncated, size, len(b)-hdr)
	}
	end := hdr + int(size)
	return kind, b[hdr:end], b[end:], nil
}

// longSize reads the big-endian length of a long-form header with n length bytes.
func longSize(b []byte, n int) (hdr int, size uint64, err error) {
	if len(b) < 1+n {
		return 0, 0, fmt.Errorf("%w: length of %d bytes", ErrTruncated, n)
	}
	if n > 8 {
		return 0, 0, fmt.Errorf("%w: length of %d bytes", ErrTooLarge, n)
	}
	if b[1] == 0 {
		return 0, 0, fmt.Errorf("%w: length with a leading zero byte", ErrNonCanonical)
	}
	for _, c := range b[1 : 1+n] {
		size = size<<8 | uint64(c)
	}
	if size < 56 {
		return 0, 0, fmt.Errorf("%w: long form for a length of %d", ErrNonCanonical, size)
	}
	return 1 + n, size, nil
}

// SplitString reads a byte string item from the front of b.
func SplitString(b []byte) (content, rest []byte, err error) {
	kind, content, rest, err := Split(b)
	if err != nil {
		return nil, nil, err
	}
	if kind != String {
		return nil, nil, ErrExpectedString
	}
	return content, rest, nil
}

// SplitList reads a list item from the front of b and returns its payload.
func SplitList(b []byte) (content, rest []byte, err error) {
	kind, content, rest, err := Split(b)
	if err != nil {
		return nil, nil, err
	}
	if kind != List {
		return nil, nil, ErrExpectedList
	}
	return content, rest, nil
}

// SplitUint64 reads a canonical integer item (no leading zeros, at most 8 bytes).
func SplitUint64(b []byte) (v uint64, rest []byte, err error) {
	content, rest, err := SplitString(b)
	if err != nil {
		return 0, nil, err
	}
	v, err = BytesToUint64(content)
	return v, rest, err
}

// SplitU256 reads a canonical integer item of at most 32 bytes.
func SplitU256(b []byte) (v *uint256.Int, rest []byte, err error) {
	content, rest, err := SplitString(b)
	if err != nil {
		return nil, nil, err
	}
	if len(content) > 32 {
		return nil, nil, fmt.Errorf("%w: %d bytes for a 256-bit integer", ErrTooLarge, len(content))
	}
	if len(content) > 0 && content[0] == 0 {
		return nil, nil, fmt.Errorf("%w: integer with a leading zero byte", ErrNonCanonical)
	}
	return new(uint256.Int).SetBytes(content), rest, nil
}

// BytesToUint64 interprets an integer item's content, rejecting leading zeros.
func BytesToUint64(content []byte) (uint64, error) {
	if len(content) > 8 {
		return 0, fmt.Errorf("%w: %d bytes for a 64-bit integer", ErrTooLarge, len(content))
	}
	if len(content) > 0 && content[0] == 0 {
		return 0, fmt.Errorf("%w: integer with a leading zero byte", ErrNonCanonical)
	}
	var v uint64
	for _, c := range content {
		v = v<<8 | uint64(c)
	}
	return v, nil
}

// CountItems counts the items in a list payload, validating each header.
func CountItems(payload []byte) (int, error) {
	n := 0
	for len(payload) > 0 {
		_, _, rest, err := Split(payload)
		if err != nil {
			return 0, err
		}
		payload = rest
		n++
	}
	return n, nil
}
