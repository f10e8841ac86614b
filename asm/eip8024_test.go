package asm

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestEIP8024Disassembly pins the EIP's "Assembly/Disassembly" test cases:
// a valid immediate is shown as the depths it decodes to, an invalid one
// leaves the opcode as data (INVALID_DUPN and so on) and the next byte an
// instruction of its own; the listing assembles back to the same bytes.
func TestEIP8024Disassembly(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{"e680", "DUPN 17"},
		{"e7db", "SWAPN 108"},
		{"e6805b", "DUPN 17|JUMPDEST"},
		{"e75b", "INVALID_SWAPN|JUMPDEST"},
		{"e6605b", "INVALID_DUPN|PUSH1 0x5b"},
		{"e7610000", "INVALID_SWAPN|PUSH2 0x0000"},
		{"e65f", "INVALID_DUPN|PUSH0"},
		{"e89d", "EXCHANGE 2 3"},
		{"e82f", "EXCHANGE 1 19"},
		{"e850", "EXCHANGE 14 16"},
		{"e851", "EXCHANGE 14 15"},
		{"e852", "INVALID_EXCHANGE|MSTORE"},
	} {
		code, _ := hex.DecodeString(c.code)
		var got []string
		for _, in := range Disassemble(code) {
			if in.BadImmediate {
				got = append(got, "INVALID_"+in.Op.String())
			} else {
				got = append(got, Mnemonic(in))
			}
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("%s: %s, want %s", c.code, g, c.want)
		}
		out, err := Assemble(Listing(code))
		if err != nil || hex.EncodeToString(out) != c.code {
			t.Errorf("%s: listing assembles to %x, %v:\n%s", c.code, out, err, Listing(code))
		}
	}
}

// TestEIP8024Assemble: DUPN, SWAPN and EXCHANGE take their depths and emit
// the EIP's encoding; depths it cannot encode are errors.
func TestEIP8024Assemble(t *testing.T) {
	for src, want := range map[string]string{
		"DUPN 17":            "e680",
		"swapn 108":          "e7db",
		"EXCHANGE 2 3":       "e89d",
		"EXCHANGE 1 19":      "e82f",
		"EXCHANGE 14 16":     "e850",
		"DUPN 235 DUPN 0x11": "e65ae680",
	} {
		out, err := Assemble(src)
		if err != nil || hex.EncodeToString(out) != want {
			t.Errorf("%q: %x, %v; want %s", src, out, err, want)
		}
	}
	for _, src := range []string{"DUPN", "DUPN 16", "SWAPN 236", "EXCHANGE 1", "EXCHANGE 3 2", "EXCHANGE 15 16", "DUPN x"} {
		if _, err := Assemble(src); err == nil {
			t.Errorf("%q assembled", src)
		}
	}
	// A truncated DUPN (the last byte) is listed as data and round-trips.
	if out, err := Assemble(Listing([]byte{0x60, 0x01, 0xe6})); err != nil || hex.EncodeToString(out) != "6001e6" {
		t.Errorf("truncated DUPN: %x, %v", out, err)
	}
}
