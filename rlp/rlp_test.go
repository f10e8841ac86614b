package rlp

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

type rlpCase struct {
	In  json.RawMessage `json:"in"`
	Out string          `json:"out"`
}

// toValue turns a fixture's "in" into an RLP value: strings are bytes,
// numbers and "#decimal" strings are big-endian integers, arrays are lists.
func toValue(t *testing.T, raw json.RawMessage) Value {
	t.Helper()
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if len(s) > 0 && s[0] == '#' {
			n, ok := new(big.Int).SetString(s[1:], 10)
			if !ok {
				t.Fatalf("bad bigint %q", s)
			}
			return Value{Bytes: n.Bytes()}
		}
		return Value{Bytes: []byte(s)}
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		v := Value{IsList: true}
		for _, item := range list {
			v.List = append(v.List, toValue(t, item))
		}
		return v
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		t.Fatalf("unsupported input %s", raw)
	}
	b, ok := new(big.Int).SetString(n.String(), 10)
	if !ok {
		t.Fatalf("bad number %s", n)
	}
	return Value{Bytes: b.Bytes()}
}

func TestRLPFixtures(t *testing.T) {
	dir := fixtures.Dir(t, "ethereum-tests/RLPTests")
	files := []string{"rlptest.json", "invalidRLPTest.json", "RandomRLPTests/example.json"}
	ran := 0
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var cases map[string]rlpCase
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for testName, c := range cases {
			ran++
			out, err := decodeHex(c.Out)
			if err != nil {
				t.Errorf("%s/%s: bad out: %v", name, testName, err)
				continue
			}
			switch string(c.In) {
			case `"INVALID"`:
				if _, err := Decode(out); err == nil {
					t.Errorf("%s/%s: decoded invalid input %x", name, testName, out)
				}
			case `"VALID"`:
				v, err := Decode(out)
				if err != nil {
					t.Errorf("%s/%s: %v", name, testName, err)
				} else if !bytes.Equal(Encode(v), out) {
					t.Errorf("%s/%s: re-encoding differs", name, testName)
				}
			default:
				want := toValue(t, c.In)
				if got := Encode(want); !bytes.Equal(got, out) {
					t.Errorf("%s/%s: encoded %x, want %x", name, testName, got, out)
				}
				back, err := Decode(out)
				if err != nil {
					t.Errorf("%s/%s: decode: %v", name, testName, err)
				} else if !bytes.Equal(Encode(back), out) {
					t.Errorf("%s/%s: decode/encode round trip differs", name, testName)
				}
			}
		}
	}
	t.Logf("RLPTests: %d cases ran", ran)
	if ran != 55 {
		t.Errorf("ran %d RLP cases, the fixture set has 55", ran)
	}
}

func TestStrictDecoding(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"8100", ErrNonCanonical},            // single byte wrapped as a string
		{"b800", ErrNonCanonical},            // long form for a short length
		{"b90000", ErrNonCanonical},          // leading zero in the length
		{"83aabb", ErrTruncated},             // runs past the input
		{"c3aabb", ErrTruncated},             // list runs past the input
		{"8080", ErrTrailing},                // trailing bytes
		{"", ErrTruncated},                   // nothing at all
		{"bf0100000000000000", ErrTruncated}, // 8-byte length beyond the input
	}
	for _, c := range cases {
		in, _ := decodeHex(c.in)
		if _, err := Decode(in); !errors.Is(err, c.want) {
			t.Errorf("Decode(%s) error %v, want %v", c.in, err, c.want)
		}
	}
	if _, _, err := SplitUint64([]byte{0x82, 0x00, 0x01}); !errors.Is(err, ErrNonCanonical) {
		t.Errorf("integer with leading zero accepted: %v", err)
	}
	if _, _, err := SplitU256(append([]byte{0xa1}, make([]byte, 33)...)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("33-byte integer accepted: %v", err)
	}
}

func TestDeepNestingIsAnError(t *testing.T) {
	// 2000 nested empty-list headers: each 0xc? header must fit its payload,
	// so build from the inside out.
	enc := []byte{0xc0}
	for i := 0; i < 2000; i++ {
		enc = WrapList(enc)
	}
	if _, err := Decode(enc); err == nil {
		t.Fatal("decoded 2000-deep nesting")
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{"80", "c0", "c7c0c1c0c3c0c1c0", "b838" + strings.Repeat("00", 56), "f8"} {
		b, _ := decodeHex(seed)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		v, err := Decode(in)
		if err != nil {
			return
		}
		// A strict decoder accepts only canonical input, so re-encoding must
		// reproduce it exactly.
		if out := Encode(v); !bytes.Equal(out, in) {
			t.Fatalf("accepted non-canonical %x (re-encodes to %x)", in, out)
		}
	})
}
