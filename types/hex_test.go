package types

import (
	"errors"
	"strings"
	"testing"
)

// The fixtures' hex rules (issue 19, items 7 and 8): quantities are
// 0x-prefixed hex with digits (leading zeros allowed) or decimal; byte
// strings are 0x-prefixed whole bytes; the rest is refused with a message
// naming the position and what was expected.
func TestParseQuantityRules(t *testing.T) {
	good := map[string]uint64{"0x0": 0, "0x00": 0, "0x0186a0": 100000, "0X1a": 26, "0": 0, "100000": 100000, "007": 7,
		"0xffffffffffffffff": 1<<64 - 1, "0x0000000000000000000ffffffffffffffff": 1<<64 - 1}
	for s, want := range good {
		if v, err := ParseUint64(s); err != nil || v != want {
			t.Errorf("ParseUint64(%q) = %d, %v; want %d", s, v, err, want)
		}
		if v, err := ParseU256(s); err != nil || v.Uint64() != want {
			t.Errorf("ParseU256(%q) = %v, %v; want %d", s, v, err, want)
		}
	}
	bad := map[string]string{
		"":                     "empty",
		"0x":                   "no digits after 0x",
		"0xz":                  `invalid hex digit 'z' at position 2`,
		"0x1g":                 `invalid hex digit 'g' at position 3`,
		"1a":                   `invalid decimal digit 'a' at position 1`,
		"-1":                   `invalid decimal digit '-' at position 0`,
		" 1":                   `invalid decimal digit ' ' at position 0`,
		"0x 1":                 `invalid hex digit ' ' at position 2`,
		"\uFEFF0x10":           "byte order mark",
		"0x10000000000000000":  "hex number too large",
		"18446744073709551616": "decimal number too large",
	}
	for s, want := range bad {
		_, err := ParseUint64(s)
		var pe *ParseError
		if err == nil || !strings.Contains(err.Error(), want) || !errors.As(err, &pe) {
			t.Errorf("ParseUint64(%q) error = %v; want one containing %q", s, err, want)
		}
	}
	two256 := "115792089237316195423570985008687907853269984665640564039457584007913129639936"
	if _, err := ParseU256(two256); err == nil || !strings.Contains(err.Error(), "decimal number too large") {
		t.Errorf("ParseU256(2^256 in decimal) error = %v; want decimal number too large", err)
	}
	if v, err := ParseU256(two256[:len(two256)-1] + "5"); err != nil || !v.Eq(&maxU256().Int) {
		t.Errorf("ParseU256(2^256-1) = %v, %v", v, err)
	}
	if _, err := ParseU256("0x1" + strings.Repeat("0", 64)); err == nil || !strings.Contains(err.Error(), "hex number too large") {
		t.Errorf("ParseU256(2^256 in hex) error = %v", err)
	}
	for _, s := range []string{"", "0x", "0xz"} {
		if _, err := ParseU256(s); err == nil {
			t.Errorf("ParseU256(%q) accepted", s)
		}
	}
}

func maxU256() *U256 {
	var q U256
	q.Int.SetAllOne()
	return &q
}

func TestDecodeHexRules(t *testing.T) {
	if b, err := DecodeHex("0x"); err != nil || len(b) != 0 {
		t.Errorf(`DecodeHex("0x") = %x, %v`, b, err)
	}
	if b, err := DecodeHex("0XaB01"); err != nil || string(b) != "\xab\x01" {
		t.Errorf(`DecodeHex("0XaB01") = %x, %v`, b, err)
	}
	bad := map[string]string{
		"":                     "empty",
		"18446744073709551616": "missing 0x prefix", // a decimal code field is not bytes
		"dead":                 "missing 0x prefix",
		"0xz":                  "invalid hex digit 'z' at position 2", // not "odd length"
		"0x0z":                 "invalid hex digit 'z' at position 3",
		"0x0":                  "odd number of hex digits (1)",
		"\uFEFF0x00":           "UTF-8 byte order mark",
		"0x00é":                "invalid hex digit 'é' at position 4",
	}
	for s, want := range bad {
		if _, err := DecodeHex(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeHex(%q) error = %v; want one containing %q", s, err, want)
		}
	}
	if b, err := DecodeHexNoPrefix("dead"); err != nil || string(b) != "\xde\xad" {
		t.Errorf(`DecodeHexNoPrefix("dead") = %x, %v`, b, err)
	}
	var by Bytes
	if err := by.UnmarshalText([]byte("00")); err == nil {
		t.Error("Bytes accepted hex without 0x")
	}
}

// A huge bad field is quoted by its first bytes and its size, not in full.
func TestErrorsShortened(t *testing.T) {
	huge := "0x" + strings.Repeat("ab", 100000) + "z"
	for name, err := range map[string]error{
		"DecodeHex":    func() error { _, err := DecodeHex(huge); return err }(),
		"HexToAddress": func() error { _, err := HexToAddress(huge); return err }(),
		"HexToHash":    func() error { _, err := HexToHash("0x" + strings.Repeat("ab", 100000)); return err }(),
		"ParseU256":    func() error { _, err := ParseU256(huge); return err }(),
		"ParseUint64":  func() error { _, err := ParseUint64(strings.Repeat("9", 100000)); return err }(),
	} {
		if err == nil {
			t.Errorf("%s accepted the huge input", name)
			continue
		}
		if msg := err.Error(); len(msg) > 200 || !strings.Contains(msg, "bytes)") {
			t.Errorf("%s error is %d bytes: %.300s", name, len(msg), msg)
		}
	}
	_, err := HexToAddress(huge)
	if !strings.Contains(err.Error(), "invalid hex digit 'z' at position 200002") {
		t.Errorf("HexToAddress error = %v; want the position of the bad digit", err)
	}
	if _, err := HexToAddress("0x0102"); err == nil || !strings.Contains(err.Error(), "2 bytes; want an address of 20 bytes") {
		t.Errorf("HexToAddress(short) error = %v", err)
	}
	if _, err := HexToAddress("a94f5374fce5edbc8e2a8697c15331677e6ebf0b"); err == nil {
		t.Error("HexToAddress accepted an address without 0x")
	}
}
