package spectest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// Issue 19, item 6: the JSON headers and transactions of a blockchain test
// are checked against the blocks its RLP holds, as geth's runner checks them.
func TestBlockTestChecksJSONHeadersAndTransactions(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtures.Dir(t, "legacytests/Cancun/BlockchainTests/ValidBlocks/bcEIP1559"), "intrinsic.json"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(src string) BlockResult {
		t.Helper()
		tests, err := ParseBlockTests([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		// The file holds several tests; the change is in one of them.
		for name, bt := range tests {
			if r := bt.Run(name); !r.Pass {
				return r
			}
		}
		return BlockResult{Pass: true}
	}
	src := string(raw)
	if r := run(src); !r.Pass {
		t.Fatalf("unchanged fixture fails: %s", r.Error)
	}
	// replaceIn changes the first occurrence of from after the marker.
	replaceIn := func(marker, from, to string) string {
		i := strings.Index(src, marker)
		if i < 0 {
			t.Fatalf("fixture lacks %q", marker)
		}
		j := strings.Index(src[i:], from)
		if j < 0 {
			t.Fatalf("fixture lacks %q after %q", from, marker)
		}
		return src[:i+j] + to + src[i+j+len(from):]
	}
	cases := []struct {
		name, src string
		msg       string
	}{
		{"genesis baseFeePerGas 0xz", replaceIn(`"genesisBlockHeader"`, `"baseFeePerGas" : "0x`, `"baseFeePerGas" : "0xz`),
			`genesisBlockHeader: block header differs from the fixture's JSON header: baseFeePerGas: "0xz`},
		{"genesis gasLimit", replaceIn(`"genesisBlockHeader"`, `"gasLimit" : "0x`, `"gasLimit" : "0x1`), "gasLimit: JSON"},
		{"block gasUsed", replaceIn(`"blockHeader"`, `"gasUsed" : "0x`, `"gasUsed" : "0x1`), "block 0: blockHeader"},
		{"block bloom", replaceIn(`"blockHeader"`, `"bloom" : "0x`, `"bloom" : "0x1`), "bloom: "},
		{"tx value", replaceIn(`"transactions"`, `"value" : "0x`, `"value" : "0x1`), "transactions[0].value: JSON"},
		{"tx nonce", replaceIn(`"transactions"`, `"nonce" : "0x`, `"nonce" : "0x1`), "transactions[0].nonce: JSON"},
		{"tx to", replaceIn(`"transactions"`, `"to" : "0x`, `"to" : "0x1`), "transactions[0].to: "},
		{"tx count", replaceIn(`"transactions" : [`, `{`, `{}, {`), "the JSON lists"},
	}
	for _, c := range cases {
		if c.src == src {
			t.Fatalf("%s: no change made", c.name)
		}
		r := run(c.src)
		if r.Pass || !strings.Contains(r.Error, c.msg) {
			t.Errorf("%s: pass %v, error %q; want a failure containing %q", c.name, r.Pass, r.Error, c.msg)
		}
	}
}
