package fork

import "testing"

// TestEIP7954Limits pins EIP-7954's Specification: the EIP-170 code size
// limit goes from 0x6000 to 0x10000 bytes (64 KiB) and the EIP-3860
// initcode limit from 0xC000 to 0x20000 bytes (128 KiB); Osaka keeps the
// old ones, an EIP-7954 switched on by itself brings the new ones.
func TestEIP7954Limits(t *testing.T) {
	osaka, amsterdam := Osaka.Rules(), Amsterdam.Rules()
	if osaka.MaxCodeSize() != 0x6000 || osaka.MaxInitCodeSize() != 0xC000 {
		t.Errorf("Osaka limits %d, %d; want 24576, 49152", osaka.MaxCodeSize(), osaka.MaxInitCodeSize())
	}
	if amsterdam.MaxCodeSize() != 0x10000 || amsterdam.MaxInitCodeSize() != 0x20000 {
		t.Errorf("Amsterdam limits %d, %d; want 65536, 131072", amsterdam.MaxCodeSize(), amsterdam.MaxInitCodeSize())
	}
	osaka.Enable(7954)
	if osaka.MaxCodeSize() != 65536 || osaka.MaxInitCodeSize() != 131072 {
		t.Errorf("Osaka+7954 limits %d, %d", osaka.MaxCodeSize(), osaka.MaxInitCodeSize())
	}
}
