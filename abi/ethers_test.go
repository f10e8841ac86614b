package abi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/types"
)

// ethersCase is one case for e2e/abi_ethers.mjs (see its header).
type ethersCase struct {
	Name    string      `json:"name"`
	Types   []string    `json:"types"`
	Values  []any       `json:"values"`
	Data    types.Bytes `json:"data"`
	Indexed []bool      `json:"indexed,omitempty"`
	Topics  []string    `json:"topics,omitempty"`
	LogData types.Bytes `json:"logData"`
}

type ethersResult struct {
	Error          string          `json:"error"`
	Selector       string          `json:"selector"`
	Signature      string          `json:"signature"`
	Encoded        types.Bytes     `json:"encoded"`
	Calldata       types.Bytes     `json:"calldata"`
	Decoded        json.RawMessage `json:"decoded"`
	DecodeError    string          `json:"decodeError"`
	Topics         []string        `json:"topics"`
	LogData        types.Bytes     `json:"logData"`
	LogDecoded     json.RawMessage `json:"logDecoded"`
	LogDecodeError string          `json:"logDecodeError"`
}

// canonJSON re-marshals JSON so that two encodings of one value compare equal.
func canonJSON(t *testing.T, raw []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("bad JSON %s: %v", raw, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// ethersDir finds e2e/ with ethers installed, or skips (fails under CI=true).
func ethersDir(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "e2e"))
	_, errMod := os.Stat(filepath.Join(dir, "node_modules", "ethers", "package.json"))
	_, errNode := exec.LookPath("node")
	if errMod != nil || errNode != nil {
		msg := fmt.Sprintf("the ethers differential test needs node and %s/node_modules/ethers (cd e2e && npm ci)", dir)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip("\n\n*** SKIPPING: " + msg + " ***\n")
	}
	return dir
}

// The encoder and decoder against ethers v6 on random signatures and
// values (nested dynamic types included), both ways: ethers encodes the
// values Go encoded and must produce the same bytes (and Go decodes
// ethers' bytes), and ethers decodes Go's bytes to the same values. The
// same for calldata with selectors, and for event logs with indexed
// parameters.
func TestEthersDifferential(t *testing.T) {
	dir := ethersDir(t)
	n := 3000
	if testing.Short() {
		n = 500
	}
	g := newGen(20240611)
	g.noFunction = true
	cases := make([]ethersCase, n)
	goTypes := make([][]Type, n)
	goValues := make([][]any, n)
	for i := range cases {
		ts := make([]Type, 1+g.r.IntN(4))
		vs := make([]any, len(ts))
		names := make([]string, len(ts))
		for j := range ts {
			ts[j] = g.typ(3)
			vs[j] = g.value(ts[j])
			names[j] = ts[j].String()
		}
		enc, err := Encode(ts, vs)
		if err != nil {
			t.Fatal(err)
		}
		var jv []any
		json.Unmarshal([]byte(jsonOf(ts, vs)), &jv)
		c := ethersCase{Name: fmt.Sprintf("f%d", i), Types: names, Values: jv, Data: enc}
		// Every other case is also an event with up to three parameters
		// indexed (ethers encodes indexed values of elementary types,
		// string and bytes only).
		if i%2 == 0 {
			c.Indexed = make([]bool, len(ts))
			k := 0
			for j, tj := range ts {
				if k < 3 && (tj.isElementary() || tj.Kind == KindString || tj.Kind == KindBytes) && g.r.IntN(2) == 0 {
					c.Indexed[j] = true
					k++
				}
			}
			ev := goEvent(c)
			topics, data, err := ev.EncodeLog(vs...)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range topics {
				c.Topics = append(c.Topics, h.Hex())
			}
			c.LogData = data
		}
		cases[i], goTypes[i], goValues[i] = c, ts, vs
	}
	in, _ := json.Marshal(map[string]any{"cases": cases})
	file := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(file, in, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(dir, "abi_ethers.mjs"), file)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node abi_ethers.mjs: %v\n%s", err, stderr.Bytes())
	}
	var res struct {
		Ethers  string         `json:"ethers"`
		Results []ethersResult `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Results) != n {
		t.Fatalf("bad output (%v): %.500s", err, out)
	}
	agree, events, fails, ethersLimit := 0, 0, 0, 0
	for i, r := range res.Results {
		c, ts, vs := cases[i], goTypes[i], goValues[i]
		fail := func(format string, args ...any) {
			fails++
			if fails <= 20 {
				t.Errorf("case %d %s%v: %s", i, c.Name, c.Types, fmt.Sprintf(format, args...))
			}
		}
		if r.Error != "" {
			fail("ethers: %s", r.Error)
			continue
		}
		want := canonJSON(t, []byte(jsonOf(ts, vs)))
		f := &Function{Type: TypeFunction, Name: c.Name, Inputs: paramsOf(ts)}
		calldata, _ := f.EncodeCall(vs...)
		ok := true
		check := func(cond bool, format string, args ...any) {
			if !cond {
				ok = false
				fail(format, args...)
			}
		}
		check(r.Signature == f.Signature(), "signature: ethers %s, goevm %s", r.Signature, f.Signature())
		check(r.Selector == f.Selector().String(), "selector: ethers %s, goevm %s", r.Selector, f.Selector())
		check(bytes.Equal(r.Encoded, c.Data), "encoding differs:\nethers %x\ngoevm  %x", r.Encoded, c.Data)
		check(bytes.Equal(r.Calldata, calldata), "calldata differs")
		// ethers refuses an array with more elements than the data has
		// words ("insufficient data length"), even when its elements take
		// no room (T[0][]): its own encoding of the value, equal to ours,
		// does not decode either. Counted, not failed.
		limit := zeroSizeSlice(ts) && (strings.Contains(r.DecodeError, "insufficient data length") || strings.Contains(r.LogDecodeError, "insufficient data length"))
		if limit {
			ethersLimit++
		}
		if r.DecodeError != "" && !limit {
			check(false, "ethers cannot decode goevm's encoding: %s", r.DecodeError)
		} else if r.DecodeError == "" {
			got := canonJSON(t, r.Decoded)
			check(got == want, "ethers decodes goevm's encoding as\n%s\nwant %s", got, want)
		}
		// The other way: goevm decodes ethers' encoding.
		if dec, err := f.DecodeCall(r.Calldata); err != nil {
			check(false, "goevm cannot decode ethers' calldata: %v", err)
		} else {
			got := canonJSON(t, []byte(jsonOf(ts, dec)))
			check(got == want, "goevm decodes ethers' calldata as\n%s\nwant %s", got, want)
		}
		if c.Indexed != nil {
			events++
			check(fmt.Sprint(r.Topics) == fmt.Sprint(c.Topics), "topics: ethers %v, goevm %v", r.Topics, c.Topics)
			check(bytes.Equal(r.LogData, c.LogData), "log data differs")
			ev := goEvent(c)
			var topics []types.Hash
			for _, s := range r.Topics {
				topics = append(topics, types.MustHexToHash(s))
			}
			dec, err := ev.DecodeLog(topics, r.LogData)
			if err != nil {
				check(false, "goevm cannot decode ethers' log: %v", err)
			} else {
				wantLog := make([]any, len(dec))
				for j, p := range ev.Inputs {
					wantLog[j] = JSONValue(p.IndexedType(), dec[j])
				}
				gotLog, _ := json.Marshal(wantLog)
				switch {
				case r.LogDecodeError != "" && !limit:
					check(false, "ethers cannot decode goevm's log: %s", r.LogDecodeError)
				case r.LogDecodeError == "":
					check(canonJSON(t, r.LogDecoded) == canonJSON(t, gotLog), "log decoded: ethers %s, goevm %s", r.LogDecoded, gotLog)
				}
			}
		}
		if ok {
			agree++
		}
	}
	t.Logf("ethers %s: %d of %d random cases agree (%d of them also as event logs); in %d ethers refused to decode an array of zero-size elements (T[0][]) longer than the data has words, its own encoding included",
		res.Ethers, agree, n, events, ethersLimit)
}

// zeroSizeSlice reports whether a type holds T[] with elements of no size.
func zeroSizeSlice(ts []Type) bool {
	for _, t := range ts {
		switch t.Kind {
		case KindSlice:
			if t.Elem.headSize() == 0 || zeroSizeSlice([]Type{*t.Elem}) {
				return true
			}
		case KindArray:
			if zeroSizeSlice([]Type{*t.Elem}) {
				return true
			}
		case KindTuple:
			if zeroSizeSlice(Types(t.Components)) {
				return true
			}
		}
	}
	return false
}

func paramsOf(ts []Type) []Param {
	ps := make([]Param, len(ts))
	for i, t := range ts {
		ps[i] = Param{Name: fmt.Sprintf("a%d", i), Type: t}
	}
	return ps
}

func goEvent(c ethersCase) *Event {
	ev := &Event{Name: "E_" + c.Name}
	for i, s := range c.Types {
		ev.Inputs = append(ev.Inputs, Param{Name: fmt.Sprintf("a%d", i), Type: MustParseType(s), Indexed: c.Indexed[i]})
	}
	return ev
}
