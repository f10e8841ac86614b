package asm

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/goevm/goevm/evm"
)

func TestDecodeHexCode(t *testing.T) {
	good := map[string][]byte{
		"":                {},
		"0x":              {},
		"6001":            {0x60, 0x01},
		"0x6001600201":    {0x60, 0x01, 0x60, 0x02, 0x01},
		" 0X60 01\n6002 ": {0x60, 0x01, 0x60, 0x02},
		"aBcD":            {0xab, 0xcd},
	}
	for in, want := range good {
		got, err := DecodeHexCode(in)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("DecodeHexCode(%q) = %x, %v; want %x", in, got, err, want)
		}
	}
	bad := []struct {
		in     string
		offset int
		msg    string
	}{
		{"0x600", 4, "odd number of hex digits (3)"},
		{"60016g", 5, `'g' is not a hex digit`},
		{"0x0x60", 3, `'x' is not a hex digit`},
		{"60 01 0", 6, "odd number"},
	}
	for _, c := range bad {
		_, err := DecodeHexCode(c.in)
		var he *HexError
		if !errors.As(err, &he) || he.Offset != c.offset || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("DecodeHexCode(%q) error = %v; want offset %d and %q", c.in, err, c.offset, c.msg)
		}
	}
}

func TestDisassemble(t *testing.T) {
	// PUSH1 0x80 PUSH1 0x40 MSTORE PUSH0 0x0c(undefined) PUSH32 <3 bytes, 29 missing>
	code := []byte{0x60, 0x80, 0x60, 0x40, 0x52, 0x5f, 0x0c, 0x7f, 1, 2, 3}
	got := Disassemble(code)
	want := []struct {
		off     int
		op      evm.OpCode
		imm     []byte
		missing int
		defined bool
	}{
		{0, evm.PUSH1, []byte{0x80}, 0, true},
		{2, evm.PUSH1, []byte{0x40}, 0, true},
		{4, evm.MSTORE, nil, 0, true},
		{5, evm.PUSH0, nil, 0, true},
		{6, 0x0c, nil, 0, false},
		{7, evm.PUSH32, []byte{1, 2, 3}, 29, true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d instructions, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Offset != w.off || g.Op != w.op || !bytes.Equal(g.Imm, w.imm) || g.Missing != w.missing || g.Defined() != w.defined {
			t.Errorf("instruction %d = %+v (defined %v); want %+v", i, g, g.Defined(), w)
		}
	}
}

func TestListingMarksOddBytes(t *testing.T) {
	code := []byte{0x60, 0x01, 0x0c, 0x61, 0xaa}
	want := "0x0000  PUSH1 0x01\n" +
		"0x0002  .data 0x0c  ; undefined opcode 0x0c\n" +
		"0x0003  .data 0x61aa  ; TRUNCATED PUSH2: code ends after 1 of its 2 data bytes\n"
	if got := Listing(code); got != want {
		t.Errorf("Listing:\n%s\nwant:\n%s", got, want)
	}
}

func TestListingRoundTrip(t *testing.T) {
	cases := [][]byte{
		{},
		{0x00},
		{0x7f}, // PUSH32 with no data at all
		{0x60, 0x01, 0x60, 0x02, 0x01, 0x00, 0xfe, 0xef, 0x0c},
		bytes.Repeat([]byte{0x5b, 0x61, 0x01}, 40),
	}
	// Every byte value, at every position mod 33, so each push length is
	// cut off somewhere.
	all := make([]byte, 0, 256*3)
	for i := range 256 * 3 {
		all = append(all, byte(i*7+i/256))
	}
	cases = append(cases, all)
	for _, code := range cases {
		text := Listing(code)
		back, err := Assemble(text)
		if err != nil {
			t.Fatalf("Assemble(Listing(%x)): %v\n%s", code, err, text)
		}
		if !bytes.Equal(back, code) {
			t.Errorf("round trip of %x gave %x\n%s", code, back, text)
		}
	}
}

func FuzzListingRoundTrip(f *testing.F) {
	f.Add([]byte{0x60, 0x80, 0x60, 0x40, 0x52})
	f.Add([]byte{0x61, 0x01, 0x00, 0x80, 0x61, 0x00, 0x10, 0x5f, 0x39, 0x5f, 0xf3, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, code []byte) {
		back, err := Assemble(Listing(code))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back, code) {
			t.Fatalf("round trip of %x gave %x", code, back)
		}
	})
}
