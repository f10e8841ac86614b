package trace

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/holiman/uint256"
)

func words(vals ...string) []uint256.Int {
	out := make([]uint256.Int, len(vals))
	for i, v := range vals {
		out[i] = *uint256.MustFromHex(v)
	}
	return out
}

// The expected lines take their values from EIP-3155's test case (the
// STATICCALL step and the summary), written in the field set geth's JSON
// logger prints today (no returnStack; memory and returnData only when
// enabled; empty error omitted).
func TestJSONLoggerLines(t *testing.T) {
	var out bytes.Buffer
	l := NewJSONLogger(&out, JSONOptions{})
	h := l.Hooks()
	mem := make([]byte, 96)
	h.OnOpcode(&Step{PC: 0, Op: 0x60, OpName: "PUSH1", Gas: 0x2540be400, Cost: 3, Stack: []uint256.Int{}, Depth: 1})
	h.OnOpcode(&Step{PC: 20, Op: 0xfa, OpName: "STATICCALL", Gas: 0x2540b95b7, Cost: 0x24abb676c, Memory: mem,
		Stack: words("0x40", "0x0", "0x40", "0x0", "0x2", "0x2540b95b7"), Depth: 1, ReturnData: []byte{1}})
	h.OnExit(1, []byte{0x40}, 0x515c, nil, false)
	want := `{"pc":0,"op":96,"gas":"0x2540be400","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}
{"pc":20,"op":250,"gas":"0x2540b95b7","gasCost":"0x24abb676c","memSize":96,"stack":["0x40","0x0","0x40","0x0","0x2","0x2540b95b7"],"depth":1,"refund":0,"opName":"STATICCALL"}
{"output":"40","gasUsed":"0x515c"}
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestJSONLoggerOptionalFields(t *testing.T) {
	var out bytes.Buffer
	l := NewJSONLogger(&out, JSONOptions{Memory: true, ReturnData: true})
	l.OnOpcode(&Step{PC: 21, Op: 0x60, OpName: "PUSH1", Gas: 0x2540b92a7, Cost: 3, Memory: []byte{0xf5, 0xa5},
		Stack: words("0x1"), ReturnData: []byte{0xf5, 0xa5}, Depth: 2, Refund: 4800})
	want := `{"pc":21,"op":96,"gas":"0x2540b92a7","gasCost":"0x3","memory":"0xf5a5","memSize":2,"stack":["0x1"],"returnData":"0xf5a5","depth":2,"refund":4800,"opName":"PUSH1"}` + "\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	out.Reset()
	// Empty memory and return data are left out, as geth's omitempty does.
	l.OnOpcode(&Step{Op: 0x00, OpName: "STOP", Depth: 1})
	if want := `{"pc":0,"op":0,"gas":"0x0","gasCost":"0x0","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"STOP"}` + "\n"; out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	out.Reset()
	NewJSONLogger(&out, JSONOptions{NoStack: true}).OnOpcode(&Step{Op: 0x01, OpName: "ADD", Stack: words("0x1", "0x2"), Depth: 1})
	if !strings.Contains(out.String(), `"stack":null`) {
		t.Errorf("NoStack: %s", out.String())
	}
}

func TestJSONLoggerWordsAndErrors(t *testing.T) {
	var out bytes.Buffer
	l := NewJSONLogger(&out, JSONOptions{})
	max := "0x" + strings.Repeat("f", 64)
	mixed := "0x1000000000000000000000000000000000000000000000000000000000000001"
	l.Hooks().OnFault(&Step{PC: 5, Op: 0x01, OpName: "ADD", Gas: 10, Cost: 3, Stack: words(max, mixed, "0x10000000000000000"), Depth: 1,
		Err: errors.New("stack underflow (0 <=> 2) & \"more\"")})
	l.OnExit(1, nil, 0xa, errors.New("out of gas"), true)
	want := `{"pc":5,"op":1,"gas":"0xa","gasCost":"0x3","memSize":0,"stack":["` + max + `","` + mixed + `","0x10000000000000000"],"depth":1,"refund":0,"opName":"ADD","error":"stack underflow (0 \u003c=\u003e 2) \u0026 \"more\""}
{"output":"","gasUsed":"0xa","error":"out of gas"}
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestJSONLoggerGethSpellings(t *testing.T) {
	var out bytes.Buffer
	refund := uint64(0)
	l := NewJSONLogger(&out, JSONOptions{Refund: func() uint64 { return refund }})
	refund = 15000
	l.OnOpcode(&Step{PC: 9, Op: 0x44, OpName: "PREVRANDAO", Gas: 2, Cost: 2, Depth: 1, Refund: 1})
	want := `{"pc":9,"op":68,"gas":"0x2","gasCost":"0x2","memSize":0,"stack":[],"depth":1,"refund":15000,"opName":"DIFFICULTY"}` + "\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("disk full")
}

func TestJSONLoggerStopsOnWriteError(t *testing.T) {
	w := &failWriter{}
	l := NewJSONLogger(w, JSONOptions{})
	for range 3 {
		l.OnOpcode(&Step{OpName: "STOP"})
	}
	if w.n != 1 || l.Err() == nil {
		t.Errorf("writes after failure: %d, Err %v", w.n, l.Err())
	}
}

func BenchmarkJSONLogger(b *testing.B) {
	l := NewJSONLogger(discard{}, JSONOptions{})
	s := &Step{PC: 20, Op: 0xfa, OpName: "STATICCALL", Gas: 0x2540b95b7, Cost: 0x24abb676c,
		Stack: words("0x40", "0x0", "0x40", "0x0", "0x2", "0x2540b95b7"), Depth: 1}
	b.ReportAllocs()
	for b.Loop() {
		l.OnOpcode(s)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
