// Package rlp implements Recursive Length Prefix encoding and a strict
// decoder that accepts only canonical encodings, as consensus requires.
//
// Encoding appends to a caller's buffer (no reflection, no allocation beyond
// growth). Decoding splits a buffer into items without copying.
package rlp

import (
	"math/bits"

	"github.com/holiman/uint256"
)

// AppendString appends the encoding of byte string b.
func AppendString(dst, b []byte) []byte {
	if len(b) == 1 && b[0] < 0x80 {
		return append(dst, b[0])
	}
	dst = appendHeader(dst, 0x80, uint64(len(b)))
	return append(dst, b...)
}

// AppendUint64 appends the encoding of v as a minimal big-endian integer.
func AppendUint64(dst []byte, v uint64) []byte {
	switch {
	case v == 0:
		return append(dst, 0x80)
	case v < 0x80:
		return append(dst, byte(v))
	}
	n := (bits.Len64(v) + 7) / 8
	dst = append(dst, 0x80+byte(n))
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, byte(v>>(8*i)))
	}
	return dst
}

// AppendU256 appends the encoding of v as a minimal big-endian integer.
func AppendU256(dst []byte, v *uint256.Int) []byte {
	if v.IsUint64() {
		return AppendUint64(dst, v.Uint64())
	}
	var buf [32]byte
	v.WriteToSlice(buf[:])
	n := (v.BitLen() + 7) / 8
	return AppendString(dst, buf[32-n:])
}

// AppendList appends a list header for a payload of payloadLen bytes; the
// caller appends the payload (the already-encoded items) after it.
func AppendList(dst []byte, payloadLen int) []byte {
	return appendHeader(dst, 0xc0, uint64(payloadLen))
}

// WrapList returns the encoding of a list whose items' encodings, concatenated, are payload.
func WrapList(payload []byte) []byte {
	out := make([]byte, 0, ListSize(len(payload)))
	out = AppendList(out, len(payload))
	return append(out, payload...)
}

// ListSize is the encoded size of a list with a payload of n bytes.
func ListSize(n int) int { return headerSize(uint64(n)) + n }

// StringSize is the encoded size of byte string b.
func StringSize(b []byte) int {
	if len(b) == 1 && b[0] < 0x80 {
		return 1
	}
	return headerSize(uint64(len(b))) + len(b)
}

func headerSize(n uint64) int {
	if n < 56 {
		return 1
	}
	return 1 + (bits.Len64(n)+7)/8
}

func appendHeader(dst []byte, base byte, n uint64) []byte {
	if n < 56 {
		return append(dst, base+byte(n))
	}
	lenBytes := (bits.Len64(n) + 7) / 8
	dst = append(dst, base+55+byte(lenBytes))
	for i := lenBytes - 1; i >= 0; i-- {
		dst = append(dst, byte(n>>(8*i)))
	}
	return dst
}
