package asm

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestAssemble(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"countdown loop, JUMPDEST inserted", `
; count down from 3
    PUSH1 3          // counter
loop:
    PUSH1 1
    SWAP1
    SUB
    DUP1
    PUSH @loop
    JUMPI
    STOP`, "6003 5b 6001 90 03 80 6002 57 00"},
		{"explicit JUMPDEST is named, not doubled", "start: JUMPDEST PUSH2 @start JUMP", "5b 610000 56"},
		{"label on its own line before JUMPDEST", "start:\n  jumpdest\n  push1 @start jump", "5b 6000 56"},
		{"data label", "PUSH 4 PUSH @table PUSH0 CODECOPY STOP table: .data 0xdead 0xbeef", "6004 6007 5f 39 00 deadbeef"},
		{"two labels, one JUMPDEST", "a: b: PUSH @b PUSH @a", "5b 6000 6000"},
		{"label at the end", "PUSH @end JUMP end:", "6003 56 5b"},
		{"push sizes", "PUSH 0 PUSH 255 PUSH 256 PUSH4 0x1 PUSH2 0x0000", "6000 60ff 610100 6300000001 610000"},
		{"push32 max, decimal and hex",
			"PUSH32 115792089237316195423570985008687907853269984665640564039457584007913129639935 PUSH 0x" + strings.Repeat("ff", 32),
			"7f" + strings.Repeat("ff", 32) + "7f" + strings.Repeat("ff", 32)},
		{"aliases and case", "sha3 Difficulty suicide keccak256", "20 44 ff 20"},
		{"offset column from a listing", "0x0000  PUSH1 0x80\n0x0002  MSTORE", "6080 52"},
		{"commas", "PUSH1 1, PUSH1 2, ADD", "6001 6002 01"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Assemble(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if want := mustHex(t, c.want); !bytes.Equal(got, want) {
				t.Errorf("got %x, want %x", got, want)
			}
		})
	}
}

// PUSH @label grows to PUSH2 when the label moves past 255, and growing
// moves the label itself.
func TestAssembleLabelRelaxation(t *testing.T) {
	src := func(n int) string { return "PUSH @end .data 0x" + strings.Repeat("00", n) + " end:" }
	got, err := Assemble(src(252)) // PUSH1: 2 + 252 = 254
	if err != nil || got[0] != 0x60 || got[1] != 254 {
		t.Errorf("252 bytes: %x, %v; want PUSH1 0xfe", got[:2], err)
	}
	got, err = Assemble(src(254)) // PUSH1 would put end at 256: PUSH2, end at 257
	if err != nil || !bytes.Equal(got[:3], []byte{0x61, 0x01, 0x01}) || len(got) != 3+254+1 {
		t.Errorf("254 bytes: %x (len %d), %v; want PUSH2 0x0101", got[:3], len(got), err)
	}
	if _, err := Assemble("PUSH1 @end .data 0x" + strings.Repeat("00", 300) + " end:"); err == nil ||
		!strings.Contains(err.Error(), `1:7: label "end" is at offset 302, which does not fit in PUSH1`) {
		t.Errorf("PUSH1 to offset 302: %v", err)
	}
}

func TestAssembleErrors(t *testing.T) {
	cases := map[string]string{
		"PUSH1 256":                          "1:7: value 256 is 2 bytes, too big for PUSH1",
		"ADD\n  FOO":                         `2:3: unknown mnemonic "FOO"`,
		"PUSH @nowhere\nJUMP":                `1:6: undefined label "nowhere"`,
		"STOP\nPUSH2":                        "2:1: PUSH2 needs a value (a number or @label) on the same line",
		"PUSH1 ADD":                          `1:7: PUSH1 needs a value (a number or @label), found "ADD"`,
		"a:\nb: a: STOP":                     `2:4: label "a" already defined at 1:1`,
		".data 0x123":                        "1:7: .data 0x123: hex input, character 4: odd number of hex digits (3)",
		".data":                              "1:1: .data needs hex bytes (0x...)",
		".data 12":                           `1:7: .data takes hex bytes written 0x..., found "12"`,
		"ADD 5":                              `1:5: unexpected value "5": only PUSH takes a value`,
		"PUSH 0x":                            `1:6: bad number "0x"`,
		"PUSH 0x1g":                          `1:6: bad number "0x1g"`,
		"PUSH 0x1" + strings.Repeat("0", 64): "does not fit in 32 bytes",
		"9lives: STOP":                       "bad label name",
		"PUSH @":                             `bad label reference "@"`,
		"0x0010":                             `1:1: unexpected value "0x0010": only PUSH takes a value`,
	}
	for src, want := range cases {
		_, err := Assemble(src)
		var ae *Error
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), want) {
			t.Errorf("Assemble(%q) error = %v, want %q", src, err, want)
		}
	}
}

// Assembling and disassembling agree: the listing of assembled code names
// the source's instructions.
func TestAssembleThenList(t *testing.T) {
	code, err := Assemble("PUSH1 0x80 PUSH1 0x40 MSTORE CALLVALUE PUSH @x JUMPI x: PUSH0 PUSH0 REVERT")
	if err != nil {
		t.Fatal(err)
	}
	want := "0x0000  PUSH1 0x80\n0x0002  PUSH1 0x40\n0x0004  MSTORE\n0x0005  CALLVALUE\n" +
		"0x0006  PUSH1 0x09\n0x0008  JUMPI\n0x0009  JUMPDEST\n0x000a  PUSH0\n0x000b  PUSH0\n0x000c  REVERT\n"
	if got := Listing(code); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
