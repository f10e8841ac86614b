package abi

import (
	"encoding/json"
	"testing"
)

// FuzzDecode feeds arbitrary data (and arbitrary type strings) to the
// decoder: it must return values or an error, never panic or allocate
// without bound, and whatever it decodes must re-encode to data that
// decodes to the same values.
func FuzzDecode(f *testing.F) {
	g := newGen(7)
	for range 40 {
		t := g.typ(3)
		enc, _ := EncodeValue(t, g.value(t))
		f.Add(t.String(), enc)
	}
	f.Add("(uint256[][],string[])", []byte{})
	f.Add("bytes", make([]byte, 64))
	f.Add("()[]", []byte{0x00, 0x20})
	f.Fuzz(func(t *testing.T, typ string, data []byte) {
		ts, err := ParseTypes(typ)
		if err != nil {
			return
		}
		vs, err := Decode(ts, data)
		if err != nil {
			return
		}
		enc, err := Encode(ts, vs)
		if err != nil {
			t.Fatalf("%s: decoded values do not encode: %v", typ, err)
		}
		again, err := Decode(ts, enc)
		if err != nil {
			t.Fatalf("%s: re-encoding does not decode: %v", typ, err)
		}
		a, _ := json.Marshal(jsonOfTypes(ts, vs))
		b, _ := json.Marshal(jsonOfTypes(ts, again))
		if string(a) != string(b) {
			t.Fatalf("%s: %s became %s", typ, a, b)
		}
	})
}

func jsonOfTypes(ts []Type, vs []any) []any {
	out := make([]any, len(vs))
	for i := range vs {
		out[i] = JSONValue(ts[i], vs[i])
	}
	return out
}

// FuzzParseValue: literals never panic the parser, and what parses
// formats back to a literal that parses to the same value.
func FuzzParseValue(f *testing.F) {
	f.Add("(uint256,string,bool[])", `(1, hi, [true,false])`)
	f.Add("bytes32[]", `[0x00]`)
	f.Add("int8", "-0x80")
	f.Add("uint256", "1.5ether")
	f.Fuzz(func(t *testing.T, typ, lit string) {
		ty, err := ParseType(typ)
		if err != nil {
			return
		}
		v, err := ParseValue(ty, lit)
		if err != nil {
			return
		}
		if _, err := EncodeValue(ty, v); err != nil {
			t.Fatalf("%s %q parsed to %v which does not encode: %v", typ, lit, v, err)
		}
		back, err := ParseValue(ty, FormatValue(ty, v))
		if err != nil {
			t.Fatalf("%s %q: formatted %s does not parse: %v", typ, lit, FormatValue(ty, v), err)
		}
		a, _ := json.Marshal(JSONValue(ty, v))
		b, _ := json.Marshal(JSONValue(ty, back))
		if string(a) != string(b) {
			t.Fatalf("%s %q: %s became %s", typ, lit, a, b)
		}
	})
}
