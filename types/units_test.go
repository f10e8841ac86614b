package types

import (
	"testing"

	"github.com/holiman/uint256"
)

// The expected strings are ethers v6's formatEther and formatUnits(v,
// "gwei") of the same values (node, e2e/node_modules/ethers).
func TestFormatEther(t *testing.T) {
	for _, c := range []struct{ wei, ether, gwei string }{
		{"0", "0.0", "0.0"},
		{"1", "0.000000000000000001", "0.000000001"},
		{"1000000000", "0.000000001", "1.0"},
		{"21000000000000", "0.000021", "21000.0"},
		{"100000000000000000", "0.1", "100000000.0"},
		{"1000000000000000000", "1.0", "1000000000.0"},
		{"1500000000000000000", "1.5", "1500000000.0"},
		{"123456789012345678901", "123.456789012345678901", "123456789012.345678901"},
		{"115792089237316195423570985008687907853269984665640564039457584007913129639935",
			"115792089237316195423570985008687907853269984665640564039457.584007913129639935",
			"115792089237316195423570985008687907853269984665640564039457584007913.129639935"},
	} {
		v := uint256.MustFromDecimal(c.wei)
		if got := FormatEther(v); got != c.ether {
			t.Errorf("FormatEther(%s) = %s, want %s", c.wei, got, c.ether)
		}
		if got := FormatGwei(v); got != c.gwei {
			t.Errorf("FormatGwei(%s) = %s, want %s", c.wei, got, c.gwei)
		}
	}
	if got := FormatUnits(uint256.NewInt(42), 0); got != "42" {
		t.Errorf("FormatUnits(42, 0) = %s, want 42", got)
	}
}
