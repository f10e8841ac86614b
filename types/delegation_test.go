package types_test

import (
	"bytes"
	"testing"

	"github.com/goevm/goevm/types"
)

// TestParseDelegation: EIP-7702 writes a designator as 0xef0100 || address,
// 23 bytes; anything else (a shorter or longer code, another prefix) is
// ordinary code.
func TestParseDelegation(t *testing.T) {
	target := types.MustHexToAddress("0x1111111111111111111111111111111111111111")
	code := types.DelegationCode(target)
	want := append([]byte{0xef, 0x01, 0x00}, target[:]...)
	if !bytes.Equal(code, want) {
		t.Fatalf("DelegationCode = %x, want %x", code, want)
	}
	if got, ok := types.ParseDelegation(code); !ok || got != target {
		t.Errorf("ParseDelegation(%x) = %s, %v", code, got, ok)
	}
	for _, bad := range [][]byte{
		nil,
		code[:22],
		append(bytes.Clone(code), 0x00),
		append([]byte{0xef, 0x01, 0x01}, target[:]...),
		append([]byte{0xef, 0x00, 0x00}, target[:]...),
	} {
		if _, ok := types.ParseDelegation(bad); ok {
			t.Errorf("ParseDelegation(%x) accepted", bad)
		}
	}
}
