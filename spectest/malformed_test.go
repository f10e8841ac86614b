package spectest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// Issue 19: a post entry whose indexes.data points past the transaction's
// one data entry passed when it also had an expectException (counted as
// the expected rejection), and without one said the transaction was
// rejected. No transaction was described: the fixture is malformed, and
// the case fails saying so either way.
func TestPostIndexOutOfRangeIsMalformed(t *testing.T) {
	src := filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, expect := range []string{"", `"expectException": "TR_TypeNotSupported", `} {
		// add11 has one post entry with "indexes": {"data": 0, ...}.
		mutated := strings.Replace(string(raw), `"data" : 0`, `"data" : 99`, 1)
		if mutated == string(raw) {
			t.Fatal("add11.json no longer has the indexes this test edits")
		}
		mutated = strings.Replace(mutated, `"indexes" :`, expect+`"indexes" :`, 1)
		tests, err := ParseStateTests([]byte(mutated))
		if err != nil {
			t.Fatal(err)
		}
		results := tests["add11"].Run("add11", nil)
		if len(results) != 1 {
			t.Fatalf("%d results", len(results))
		}
		r := results[0]
		if r.Pass || !strings.Contains(r.Error, ErrMalformedFixture.Error()) || !strings.Contains(r.Error, "data 99") {
			t.Errorf("expect %q: pass %v, error %q; want a malformed-fixture failure naming data 99", expect, r.Pass, r.Error)
		}
	}
	// The sentinel is what build wraps.
	st := &stTransaction{Data: []string{"0x"}, GasLimit: []string{"0x5208"}, Value: []string{"0x0"}}
	if _, _, err := st.build(stIndexes{Data: 1}); !errors.Is(err, ErrMalformedFixture) {
		t.Errorf("build: %v", err)
	}
}
