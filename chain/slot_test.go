package chain

import (
	"testing"

	"github.com/goevm/goevm/fork"
)

// TestSlotNumbers: under EIP-7843 a dev chain's genesis has slot 0 and
// each mined block its parent's slot plus one; before it, no slotNumber.
func TestSlotNumbers(t *testing.T) {
	if r := fork.Amsterdam.Rules(); !r.Has(7928) {
		// Header field 23 needs field 22: until EIP-7928 is in Amsterdam
		// its headers cannot be encoded.
		t.Skip("EIP-7928 (blockAccessListHash, header field 22) not yet in Amsterdam")
	}
	c, _ := testChainWith(t, func(cfg *Config) { cfg.Fork = fork.Amsterdam })
	defer c.Close()
	if _, err := c.Mine(2, 1, nil); err != nil {
		t.Fatal(err)
	}
	for n := uint64(0); n <= 2; n++ {
		b, err := c.BlockByNumber(n)
		if err != nil {
			t.Fatal(err)
		}
		if s := b.Header.SlotNumber; s == nil || *s != n {
			t.Errorf("block %d: slot %v, want %d", n, s, n)
		}
	}

	o, _ := testChainWith(t, func(cfg *Config) { cfg.Fork = fork.Osaka })
	defer o.Close()
	if _, err := o.Mine(1, 1, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := o.BlockByNumber(1); b.Header.SlotNumber != nil {
		t.Errorf("Osaka block with slot %d", *b.Header.SlotNumber)
	}
}
