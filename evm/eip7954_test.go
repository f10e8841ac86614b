package evm

import (
	"errors"
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// TestEIP7954CodeSize: EIP-7954 Specification 1 raises EIP-170's limit to
// 0x10000 bytes: returning 0x10000 bytes deploys under Amsterdam, 0x10001
// does not; Osaka still refuses 0x6001.
func TestEIP7954CodeSize(t *testing.T) {
	const gas = 1 << 40 // enough for any deposit price
	for _, c := range []struct {
		f      fork.Fork
		init   string // returns that many zero bytes
		tooBig bool
	}{
		{fork.Osaka, "616000 6000 f3", false},
		{fork.Osaka, "616001 6000 f3", true},
		{fork.Amsterdam, "62010000 6000 f3", false},
		{fork.Amsterdam, "62010001 6000 f3", true},
	} {
		e, _ := newTestEVM(t, c.f)
		_, _, _, err := e.Create(testSender, code(c.init), gas, new(uint256.Int))
		if got := errors.Is(err, ErrMaxCodeSizeExceeded); got != c.tooBig {
			t.Errorf("%v %s: err %v, want too big %v", c.f, c.init, err, c.tooBig)
		}
	}
}

// TestEIP7954InitCodeSize: EIP-7954 Specification 2 raises EIP-3860's
// initcode limit to 0x20000 bytes (CREATE with a longer one fails).
func TestEIP7954InitCodeSize(t *testing.T) {
	for _, c := range []struct {
		f      fork.Fork
		size   int
		tooBig bool
	}{
		{fork.Osaka, 0xC000, false},
		{fork.Osaka, 0xC001, true},
		{fork.Amsterdam, 0x20000, false},
		{fork.Amsterdam, 0x20001, true},
	} {
		e, _ := newTestEVM(t, c.f)
		_, _, _, err := e.Create(testSender, make([]byte, c.size), 1<<40, new(uint256.Int))
		if got := errors.Is(err, ErrMaxInitCodeSizeExceeded); got != c.tooBig {
			t.Errorf("%v initcode %d: err %v, want too big %v", c.f, c.size, err, c.tooBig)
		}
	}
}
