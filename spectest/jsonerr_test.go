package spectest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// Issue 19, items 7 and 8: a bad field in a fixture is reported by its path,
// its position and what was expected, shortened to a readable length; hex
// without 0x in a byte field and empty quantities are refused.
func TestFixtureErrorsNameTheField(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtures.Dir(t, "ethereum-tests/GeneralStateTests/stExample"), "add11.json"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	const sender = `"sender" : "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"`
	const code = `"code" : "0x600160010160005500"`
	const balance = `"balance" : "0x0de0b6b3a7640000"`
	for _, f := range []string{sender, code, balance} {
		if !strings.Contains(src, f) {
			t.Fatalf("add11.json no longer contains %s", f)
		}
	}
	cases := []struct{ name, from, to, want string }{
		{"huge sender", sender, `"sender" : "0x` + strings.Repeat("ab", 100000) + `z"`, "add11.transaction.sender: \"0xabab"},
		{"sender without 0x", sender, `"sender" : "a94f5374fce5edbc8e2a8697c15331677e6ebf0b"`, "add11.transaction.sender: \"a94f5374fce5edbc8e2a8697c15331677e6ebf0b\": missing 0x prefix"},
		{"decimal code", code, `"code" : "18446744073709551616"`, ".code: \"18446744073709551616\": missing 0x prefix"},
		{"empty balance", balance, `"balance" : ""`, ".balance: \"\": empty; want a 256-bit quantity"},
		{"0x balance", balance, `"balance" : "0x"`, ".balance: \"0x\": no digits after 0x"},
		{"bad digit", balance, `"balance" : "0xz"`, ".balance: \"0xz\": invalid hex digit 'z' at position 2"},
		{"byte order mark", balance, `"balance" : "\ufeff0x10"`, "byte order mark"},
	}
	for _, c := range cases {
		_, err := ParseStateTests([]byte(strings.Replace(src, c.from, c.to, 1)))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, c.want) || len(msg) > 400 {
			t.Errorf("%s: error %.500q; want one under 400 bytes containing %q", c.name, msg, c.want)
		}
	}
	if _, err := ParseStateTests([]byte("\xef\xbb\xbf" + src)); err == nil || !strings.Contains(err.Error(), "UTF-8 byte order mark") {
		t.Errorf("file with a BOM: %v", err)
	}
}
