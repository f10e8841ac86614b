package abi

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/goevm/goevm/types"
)

// gen makes random ABI types and values, reproducibly from a seed.
type gen struct {
	r *rand.Rand
	// noFunction leaves out the function type (ethers has no coder for it).
	noFunction bool
}

func newGen(seed uint64) *gen { return &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

func (g *gen) typ(depth int) Type {
	if depth > 0 && g.r.IntN(3) == 0 {
		switch g.r.IntN(3) {
		case 0:
			e := g.typ(depth - 1)
			return SliceOf(e)
		case 1:
			e := g.typ(depth - 1)
			return ArrayOf(e, g.r.IntN(4))
		default:
			n := 1 + g.r.IntN(4)
			ts := make([]Type, n)
			for i := range ts {
				ts[i] = g.typ(depth - 1)
			}
			return TupleOf(ts...)
		}
	}
	switch g.r.IntN(10) {
	case 0:
		return Type{Kind: KindUint, Size: 8 * (1 + g.r.IntN(32))}
	case 1:
		return Type{Kind: KindInt, Size: 8 * (1 + g.r.IntN(32))}
	case 2:
		return AddressType
	case 3:
		return BoolType
	case 4:
		return Type{Kind: KindFixedBytes, Size: 1 + g.r.IntN(32)}
	case 5:
		return BytesType
	case 6:
		return StringType
	case 7:
		if !g.noFunction {
			return Type{Kind: KindFunction}
		}
		return Uint256Type
	case 8:
		return Uint256Type
	default:
		return Type{Kind: KindInt, Size: 256}
	}
}

var sampleStrings = []string{"", "a", "hello, world", "[x](y)", `quo"te`, "back\\slash", "ünïcödé ✓ 🚀", "tab\tnew\nline",
	strings.Repeat("x", 31), strings.Repeat("y", 32), strings.Repeat("z", 33), strings.Repeat("long ", 30), "  spaced  "}

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.UintN(256))
	}
	return b
}

func (g *gen) integer(t Type) *big.Int {
	bits := t.Size
	n := new(big.Int)
	switch g.r.IntN(6) {
	case 0: // zero
	case 1: // small
		n.SetInt64(g.r.Int64N(100))
	case 2: // the largest
		n.Lsh(bigOne, uint(bits)).Sub(n, bigOne)
		if t.Kind == KindInt {
			n.Rsh(n, 1)
		}
	default: // any width up to the type's
		n.SetBytes(g.bytes(bits / 8))
		if k := g.r.IntN(bits) + 1; k < bits {
			n.Rsh(n, uint(bits-k))
		}
		if t.Kind == KindInt {
			n.Rsh(n, 1)
		}
	}
	if t.Kind == KindInt && g.r.IntN(2) == 0 {
		n.Neg(n)
		if g.r.IntN(8) == 0 { // the smallest
			n.Lsh(bigOne, uint(bits-1)).Neg(n)
		}
	}
	return n
}

func (g *gen) value(t Type) any {
	switch t.Kind {
	case KindUint, KindInt:
		return g.integer(t)
	case KindAddress:
		return types.BytesToAddress(g.bytes(20))
	case KindBool:
		return g.r.IntN(2) == 1
	case KindFixedBytes:
		return g.bytes(t.Size)
	case KindFunction:
		return g.bytes(24)
	case KindBytes:
		n := g.r.IntN(70)
		if g.r.IntN(4) == 0 {
			n = 0
		}
		return g.bytes(n)
	case KindString:
		return sampleStrings[g.r.IntN(len(sampleStrings))]
	case KindArray, KindSlice:
		n := t.Size
		if t.Kind == KindSlice {
			n = g.r.IntN(4)
		}
		out := make([]any, n)
		for i := range out {
			out[i] = g.value(*t.Elem)
		}
		return out
	case KindTuple:
		out := make([]any, len(t.Components))
		for i, c := range t.Components {
			out[i] = g.value(c.Type)
		}
		return out
	}
	panic("kind")
}

// jsonOf is the --json form of values, the common ground with ethers.
func jsonOf(ts []Type, vs []any) string {
	out := make([]any, len(vs))
	for i := range vs {
		out[i] = JSONValue(ts[i], vs[i])
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Random types and values: Encode, Decode, FormatValue and ParseValue
// agree with each other (ethers_test.go checks them against ethers).
func TestRandomRoundTrip(t *testing.T) {
	g := newGen(1)
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		ts := make([]Type, 1+g.r.IntN(4))
		for j := range ts {
			ts[j] = g.typ(3)
		}
		vs := make([]any, len(ts))
		for j := range ts {
			vs[j] = g.value(ts[j])
		}
		enc, err := Encode(ts, vs)
		if err != nil {
			t.Fatalf("case %d %v: encode: %v", i, ts, err)
		}
		dec, err := Decode(ts, enc)
		if err != nil {
			t.Fatalf("case %d %v: decode: %v", i, ts, err)
		}
		if jsonOf(ts, dec) != jsonOf(ts, vs) {
			t.Fatalf("case %d %v:\n got %s\nwant %s", i, ts, jsonOf(ts, dec), jsonOf(ts, vs))
		}
		for j := range ts {
			lit := FormatValue(ts[j], vs[j])
			back, err := ParseValue(ts[j], lit)
			if err != nil {
				t.Fatalf("case %d: %s %s: %v", i, ts[j], lit, err)
			}
			if !reflect.DeepEqual(JSONValue(ts[j], back), JSONValue(ts[j], vs[j])) {
				t.Fatalf("case %d: %s %s read back as %s", i, ts[j], lit, FormatValue(ts[j], back))
			}
		}
		// Truncated data is an error, never a panic.
		if len(enc) > 0 {
			cut := g.r.IntN(len(enc))
			Decode(ts, enc[:cut])
		}
	}
}
