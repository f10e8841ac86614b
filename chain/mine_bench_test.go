package chain

import "testing"

// BenchmarkMineEmpty is hardhat_mine's cost per block: an empty block on
// the default (Osaka) chain, system calls included.
func BenchmarkMineEmpty(b *testing.B) {
	c, _ := testChain(&testing.T{}, "")
	defer c.Close()
	b.ResetTimer()
	if _, err := c.Mine(uint64(b.N), 1, nil); err != nil {
		b.Fatal(err)
	}
}
