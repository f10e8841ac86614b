package spectest

import (
	"testing"

	"github.com/goevm/goevm/fork"
)

func TestParseNetwork(t *testing.T) {
	cases := []struct {
		name         string
		number, time uint64
		want         fork.Fork
	}{
		{"Cancun", 0, 0, fork.Cancun},
		{"EIP158", 5, 0, fork.SpuriousDragon},
		{"ShanghaiToCancunAtTime15k", 3, 14_999, fork.Shanghai},
		{"ShanghaiToCancunAtTime15k", 3, 15_000, fork.Cancun},
		{"BerlinToLondonAt5", 4, 100, fork.Berlin},
		{"BerlinToLondonAt5", 5, 100, fork.London},
	}
	for _, c := range cases {
		cfg, err := ParseNetwork(c.name, 1)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := cfg.ForkAt(c.number, c.time); got != c.want {
			t.Errorf("%s at block %d, time %d: %v, want %v", c.name, c.number, c.time, got, c.want)
		}
	}
	for _, bad := range []string{"Atlantis", "CancunToAtlantisAt5", "BerlinToLondon", "BerlinToLondonAtx"} {
		if _, err := ParseNetwork(bad, 1); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
