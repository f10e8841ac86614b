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
	raw := readAdd11(t)
	for _, expect := range []string{"", `"expectException": "TR_TypeNotSupported", `} {
		// add11 has one post entry with "indexes": {"data": 0, ...}.
		mutated := strings.Replace(string(raw), `"data" : 0`, `"data" : 99`, 1)
		if mutated == string(raw) {
			t.Fatal("add11.json no longer has the indexes this test edits")
		}
		mutated = strings.Replace(mutated, `"indexes" :`, expect+`"indexes" :`, 1)
		if r := runAdd11(t, mutated); r.Pass || !strings.Contains(r.Error, ErrMalformedFixture.Error()) || !strings.Contains(r.Error, "data 99") {
			t.Errorf("expect %q: pass %v, error %q; want a malformed-fixture failure naming data 99", expect, r.Pass, r.Error)
		}
	}
	// The sentinel is what build wraps.
	st := &stTransaction{Data: []string{"0x"}, GasLimit: []string{"0x5208"}, Value: []string{"0x0"}}
	if _, _, err := st.build(stIndexes{Data: 1}); !errors.Is(err, ErrMalformedFixture) {
		t.Errorf("build: %v", err)
	}
}

// Issue 19, item 6: a secretKey that is not the key of the sender, and a
// malformed currentDifficulty after the merge (where it is not used), are
// errors, not ignored.
func TestStateTestFieldsChecked(t *testing.T) {
	raw := readAdd11(t)
	cases := []struct{ name, from, to, want string }{
		{"sender not the key's", `"sender" : "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"`, `"sender" : "0x1111111111111111111111111111111111111111"`,
			// Addresses print EIP-55 checksummed, as geth's common.Address does.
			"malformed fixture: secretKey is the key of 0xa94f5374Fce5edBC8E2a8697C15331677e6EbF0B, but sender is 0x1111111111111111111111111111111111111111"},
		{"difficulty after the merge", `"currentDifficulty" : "0x020000"`, `"currentDifficulty" : "0xz"`,
			`currentDifficulty: "0xz": invalid hex digit 'z' at position 2`},
	}
	for _, c := range cases {
		mutated := strings.Replace(string(raw), c.from, c.to, 1)
		if mutated == string(raw) {
			t.Fatalf("%s: add11.json no longer has %s", c.name, c.from)
		}
		if r := runAdd11(t, mutated); r.Pass || !strings.Contains(r.Error, c.want) {
			t.Errorf("%s: pass %v, error %q; want a failure containing %q", c.name, r.Pass, r.Error, c.want)
		}
	}
}

// readAdd11 is stExample/add11.json, the fixture these tests edit.
func readAdd11(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// runAdd11 runs an edited add11.json, whose one post entry gives one result.
func runAdd11(t *testing.T, src string) StateResult {
	t.Helper()
	tests, err := ParseStateTests([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	results := tests["add11"].Run("add11", nil)
	if len(results) != 1 {
		t.Fatalf("%d results", len(results))
	}
	return results[0]
}
