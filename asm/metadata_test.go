package asm

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Trailers written out by hand from the Solidity documentation's
// "Encoding of the Metadata Hash in the Bytecode" and Vyper's layout.
func TestParseMetadata(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	cases := []struct {
		name, trailer string
		compiler      string
		version       string
		ipfs, bzzr0   string
		bzzr1         string
		experimental  bool
	}{
		{"solc ipfs", "a2 64 69706673 58 22 1220" + hash + " 64 736f6c63 43 000813 0033",
			"solc", "0.8.19", "1220" + hash, "", "", false},
		{"solc bzzr0", "a2 65 627a7a7230 58 20" + hash + " 64 736f6c63 43 00050c 0032",
			"solc", "0.5.12", "", hash, "", false},
		{"solc bzzr1 experimental", "a3 65 627a7a7231 58 20" + hash + " 6c 6578706572696d656e74616c f5 64 736f6c63 43 00050f 0040",
			"solc", "0.5.15", "", "", hash, true},
		{"solc prerelease", "a1 64 736f6c63 77 302e382e32302d6e696768746c792e323032332e312e31 001e",
			"solc", "0.8.20-nightly.2023.1.1", "", "", "", false},
		{"vyper map", "a1 65 7679706572 83 00 03 07 000b",
			"vyper", "0.3.7", "", "", "", false},
		{"vyper array", "84 19 0123 80 00 a1 65 7679706572 83 00 04 00 0011",
			"vyper", "0.4.0", "", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			trailer := mustHex(t, c.trailer)
			code := append([]byte{0x60, 0x00, 0x56, 0xfe}, trailer...)
			md, err := ParseMetadata(code)
			if err != nil {
				t.Fatal(err)
			}
			if md.Compiler != c.compiler || md.Version != c.version || md.Experimental != c.experimental {
				t.Errorf("got %s %s experimental=%v", md.Compiler, md.Version, md.Experimental)
			}
			if hex.EncodeToString(md.IPFS) != c.ipfs || hex.EncodeToString(md.Bzzr0) != c.bzzr0 || hex.EncodeToString(md.Bzzr1) != c.bzzr1 {
				t.Errorf("hashes ipfs=%x bzzr0=%x bzzr1=%x", md.IPFS, md.Bzzr0, md.Bzzr1)
			}
			if md.Size != len(trailer) {
				t.Errorf("Size = %d, want %d", md.Size, len(trailer))
			}
		})
	}
}

func TestParseMetadataAbsentOrBad(t *testing.T) {
	absent := []string{
		"",
		"00",
		"6001",
		"60016002010000",     // length 0
		"600160020100ff",     // length past the start
		"6001600201 60 0002", // length 2 pointing at 6001 PUSH, not a map
	}
	for _, s := range absent {
		if _, err := ParseMetadata(mustHex(t, s)); err != ErrNoMetadata { //nolint:errorlint
			t.Errorf("ParseMetadata(%s) error = %v, want bare ErrNoMetadata", s, err)
		}
	}
	bad := map[string]string{
		"a2 64 736f6c63 43 0008 0009":      "runs past the end",          // byte string cut short
		"a1 64 736f6c63 43 000813 01 000b": "left over",                  // junk after the map
		"bf 64 736f6c63 ff 0007":           "indefinite lengths",         // indefinite map
		"a1 01 02 0003":                    "key 0 is not a text string", // integer key
		"a1 63 666f6f 01 0006":             "names no compiler",          // {"foo": 1}
		"9a ffffffff 0005":                 "cannot fit",                 // array claiming 4G elements
		"a1 64 736f6c63 f9 0000 0009":      "unsupported item",           // half float
	}
	for s, msg := range bad {
		_, err := ParseMetadata(mustHex(t, s))
		if err == nil || !errors.Is(err, ErrNoMetadata) || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseMetadata(%s) error = %v, want one containing %q", s, err, msg)
		}
	}
}

func FuzzParseMetadata(f *testing.F) {
	f.Add(mustHex(f, "a1 65 7679706572 83 00 03 07 000b"))
	f.Add(mustHex(f, "84 19 0123 80 00 a1 65 7679706572 83 00 04 00 0011"))
	f.Fuzz(func(t *testing.T, code []byte) {
		md, err := ParseMetadata(code)
		if err == nil && (md.Size > len(code) || md.Size < 3) {
			t.Fatalf("Size %d for %d bytes of code", md.Size, len(code))
		}
		back, err := Assemble(Listing(code))
		if err != nil || !bytes.Equal(back, code) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
