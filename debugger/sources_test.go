package debugger

import (
	"os"
	"strings"
	"testing"
)

func TestDecodeSourceMap(t *testing.T) {
	got, err := decodeSourceMap("1:2:0:-;:3;;4::1:i;5:6:-1:o")
	if err != nil {
		t.Fatal(err)
	}
	want := []srcEntry{{1, 2, 0, '-'}, {1, 3, 0, '-'}, {1, 3, 0, '-'}, {4, 3, 1, 'i'}, {5, 6, -1, 'o'}}
	if len(got) != len(want) {
		t.Fatalf("%d entries", len(got))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if _, err := decodeSourceMap("1:x"); err == nil {
		t.Fatal("a bad number is accepted")
	}
}

// TestCounterSources maps the test contract's runtime code to its lines.
func TestCounterSources(t *testing.T) {
	raw, err := os.ReadFile("e2e/programs/Counter.solc.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSources("e2e/programs/Counter.solc.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Files) != 1 || !strings.Contains(s.Files[0].Text, "contract Counter") {
		t.Fatalf("files %+v", s.Files)
	}
	var runtime []byte
	for _, c := range s.contracts {
		runtime = c.runtime
	}
	tr := newTrace()
	tr.addCode(runtime, testReceiver)
	if m, err := s.Attach(tr); err != nil || len(m) != 1 {
		t.Fatalf("attach: %v %v", m, err)
	}
	lines := map[int]bool{}
	for _, in := range tr.Codes[0].Instrs {
		if loc := tr.Codes[0].sourceAt(uint64(in.Offset)); loc != nil {
			lines[loc.Line] = true
		}
	}
	for _, l := range []int{12, 13, 18, 19, 20} {
		if !lines[l] {
			t.Errorf("no instruction maps to line %d", l)
		}
	}
}

func TestBadSources(t *testing.T) {
	for name, in := range map[string]string{
		"not json":    `{"contracts":`,
		"no contract": `{"sources":{}}`,
		"solc errors": `{"errors":[{"severity":"error","formattedMessage":"ParserError: x"}]}`,
		"no maps":     `{"contracts":{"A.sol":{"A":{"evm":{"deployedBytecode":{"object":"00"}}}}}}`,
	} {
		if _, err := LoadSources(name, []byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}
