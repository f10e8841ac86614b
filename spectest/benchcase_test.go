package spectest

import (
	"path/filepath"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

// The evm-benchmarks files: 14 cases in main and 13 in micro (counted from
// their post lists), one call each from the sender to 0xbe7c...0001.
func TestReadBenchCases(t *testing.T) {
	dir := fixtures.Dir(t, "evm-benchmarks/benchmarks")
	want := map[string]int{"main": 14, "micro": 13}
	for sub, n := range want {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*.json"))
		got := 0
		for _, f := range files {
			cases, err := ReadBenchCases(f)
			if err != nil {
				t.Fatal(err)
			}
			got += len(cases)
		}
		if got != n {
			t.Errorf("%s: %d cases, want %d", sub, got, n)
		}
	}

	cases, err := ReadBenchCases(filepath.Join(dir, "main", "swap_math.json"))
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"swap_math/spent", "swap_math/received", "swap_math/insufficient_liquidity"}
	for i, c := range cases {
		if c.Name != names[i] {
			t.Errorf("case %d: name %q, want %q", i, c.Name, names[i])
		}
	}
	c := cases[2]
	sender, _ := types.HexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")
	to, _ := types.HexToAddress("0xbe7c43a580000000000000000000000000000001")
	if c.Caller != sender || c.To != to || c.Gas != 1_000_000_000 || types.EncodeHex(c.Input[:4]) != "0x100d3f74" {
		t.Errorf("case fields: %v -> %v gas %d input %x", c.Caller, c.To, c.Gas, c.Input)
	}
	db := c.NewState()
	if len(db.GetCode(to)) != 3844/2-1 {
		t.Errorf("code size %d", len(db.GetCode(to)))
	}
}
