package asm

import (
	"fmt"
	"strings"
)

// HexError is bad hex input: what is wrong and at which character of the
// input (0-based, counting the 0x prefix and any whitespace).
type HexError struct {
	Offset int
	Msg    string
}

func (e *HexError) Error() string { return fmt.Sprintf("hex input, character %d: %s", e.Offset, e.Msg) }

// DecodeHexCode reads bytecode written as hex, as people paste it: an
// optional 0x prefix, and whitespace anywhere (line breaks from wrapped
// output). Anything else that is not a hex digit, or an odd number of
// digits, is an error naming the position.
func DecodeHexCode(s string) ([]byte, error) {
	start := 0
	for start < len(s) && isSpace(s[start]) {
		start++
	}
	if strings.HasPrefix(s[start:], "0x") || strings.HasPrefix(s[start:], "0X") {
		start += 2
	}
	out := make([]byte, 0, (len(s)-start)/2)
	var hi byte
	half := false
	lastDigit := -1
	for i := start; i < len(s); i++ {
		c := s[i]
		if isSpace(c) {
			continue
		}
		v, ok := hexVal(c)
		if !ok {
			return nil, &HexError{Offset: i, Msg: fmt.Sprintf("%q is not a hex digit", rune(c))}
		}
		lastDigit = i
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		return nil, &HexError{Offset: lastDigit, Msg: fmt.Sprintf("odd number of hex digits (%d): the last byte is missing a digit", 2*len(out)+1)}
	}
	return out, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
