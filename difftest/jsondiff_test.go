package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/core/vm"
)

// jsonDiff compares two JSON documents the way hive's rpc-compat
// simulator does: key order ignored, numbers compared as numbers. It
// returns one line per difference, each naming its JSON path, at most max
// of them (0: all).
func jsonDiff(ours, theirs []byte, max int) ([]string, error) {
	a, err := decodeJSON(ours)
	if err != nil {
		return nil, fmt.Errorf("goevm's answer: %w", err)
	}
	b, err := decodeJSON(theirs)
	if err != nil {
		return nil, fmt.Errorf("geth's answer: %w", err)
	}
	d := &differ{max: max}
	d.walk("$", a, b)
	return d.out, nil
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

type differ struct {
	out []string
	max int
}

func (d *differ) add(path, format string, args ...any) {
	if d.max == 0 || len(d.out) < d.max {
		d.out = append(d.out, path+": "+fmt.Sprintf(format, args...))
	}
}

func (d *differ) full() bool { return d.max > 0 && len(d.out) >= d.max }

// walk compares ours with theirs at path.
func (d *differ) walk(path string, ours, theirs any) {
	if d.full() {
		return
	}
	switch t := theirs.(type) {
	case map[string]any:
		o, ok := ours.(map[string]any)
		if !ok {
			d.add(path, "goevm %s, geth %s", brief(ours), brief(theirs))
			return
		}
		keys := make([]string, 0, len(o)+len(t))
		for k := range o {
			keys = append(keys, k)
		}
		for k := range t {
			if _, ok := o[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			ov, inOurs := o[k]
			tv, inTheirs := t[k]
			p := path + "." + k
			switch {
			case !inOurs:
				d.add(p, "missing in goevm (geth %s)", brief(tv))
			case !inTheirs:
				d.add(p, "only in goevm (%s)", brief(ov))
			default:
				d.walk(p, ov, tv)
			}
		}
	case []any:
		o, ok := ours.([]any)
		if !ok {
			d.add(path, "goevm %s, geth %s", brief(ours), brief(theirs))
			return
		}
		switch {
		case len(o) > len(t):
			d.add(path, "goevm has %d elements, geth %d; goevm's first extra: %s", len(o), len(t), brief(o[len(t)]))
		case len(o) < len(t):
			d.add(path, "goevm has %d elements, geth %d; geth's first extra: %s", len(o), len(t), brief(t[len(o)]))
		}
		for i := 0; i < len(o) && i < len(t); i++ {
			d.walk(path+"["+strconv.Itoa(i)+"]", o[i], t[i])
		}
	case json.Number:
		o, ok := ours.(json.Number)
		if !ok || !sameNumber(o, t) {
			d.add(path, "goevm %s, geth %s", brief(ours), brief(theirs))
		}
	default: // string, bool, nil
		if o, ok := ours.(string); ok && sameUndefinedOpcode(o, theirs) {
			return
		}
		if ours != theirs {
			d.add(path, "goevm %s, geth %s", brief(ours), brief(theirs))
		}
	}
}

// undefinedOpcode is goevm's (and geth's) wording for a byte that is no
// opcode in the running fork.
var undefinedOpcode = regexp.MustCompile(`opcode (0x[0-9a-f]{1,2}) not defined$`)

// sameUndefinedOpcode tolerates a known departure of geth: it names
// opcodes from one table for every fork, with the EOF opcodes of EIP-7692
// that no fork has activated (0xf7 RETURNDATALOAD, 0xf8 EXTCALL, 0xe0
// RJUMP, ...) and CLZ before Osaka, so a Cancun trace reports an undefined
// 0xf8 as "EXTCALL" or "invalid opcode: EXTCALL". goevm names a byte only
// in the forks where it is an opcode; the two agree on everything but the
// name.
func sameUndefinedOpcode(ours string, theirs any) bool {
	t, ok := theirs.(string)
	m := undefinedOpcode.FindStringSubmatchIndex(ours)
	if !ok || m == nil {
		return false
	}
	b, err := strconv.ParseUint(ours[m[2]+2:m[3]], 16, 8)
	if err != nil {
		return false
	}
	name := vm.OpCode(b).String()
	return !strings.Contains(name, "not defined") && t == ours[:m[0]]+name
}

func sameNumber(a, b json.Number) bool {
	x, ok1 := new(big.Rat).SetString(string(a))
	y, ok2 := new(big.Rat).SetString(string(b))
	return ok1 && ok2 && x.Cmp(y) == 0
}

// brief is a value as JSON, shortened for a report line.
func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}

// TestJSONDiff checks the comparison itself: key order and number
// spelling do not count, every other difference is reported at its path.
func TestJSONDiff(t *testing.T) {
	same, err := jsonDiff([]byte(`{"a":1,"b":[1,2.0,"x"]}`), []byte(`{"b":[1.0,2,"x"],"a":1e0}`), 0)
	if err != nil || len(same) != 0 {
		t.Fatalf("equal documents: %v %v", same, err)
	}
	got, err := jsonDiff([]byte(`{"a":1,"b":[1,2],"c":null,"d":{"e":"x"}}`), []byte(`{"a":2,"b":[1],"d":{"e":"y"},"f":true}`), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`$.a: goevm 1, geth 2`,
		`$.b: goevm has 2 elements, geth 1; goevm's first extra: 2`,
		`$.c: only in goevm (null)`,
		`$.d.e: goevm "x", geth "y"`,
		`$.f: missing in goevm (geth true)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// geth's names for bytes undefined in the fork (see sameUndefinedOpcode).
	got, _ = jsonDiff([]byte(`["opcode 0xf8 not defined","invalid opcode: opcode 0xf8 not defined","opcode 0x0c not defined"]`),
		[]byte(`["EXTCALL","invalid opcode: EXTCALL","CLZ"]`), 0)
	if len(got) != 1 || !strings.HasPrefix(got[0], "$[2]") {
		t.Fatalf("undefined opcodes: %q", got)
	}
}
