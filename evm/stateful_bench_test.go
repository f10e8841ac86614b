package evm

import (
	"testing"

	"github.com/goevm/goevm/fork"
	"github.com/holiman/uint256"
)

// BenchmarkCallPrecompile makes 10,000 STATICCALLs to IDENTITY (0x04) with
// no stateful precompile registered: the call path the stateful hook sits
// on, measured before and after it.
func BenchmarkCallPrecompile(b *testing.B) {
	// i = 10000; loop: STATICCALL(gas, 4, 0, 0, 0, 0); POP; i--; jumpi back while i != 0
	prog := "612710 5b 6000 6000 6000 6000 6004 5a fa 50 6001 90 03 80 6003 57 00"
	e, db := newTestEVM(b, fork.Osaka)
	install(db, testContract, code(prog))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := e.Call(testSender, testContract, nil, 1_000_000_000, new(uint256.Int)); err != nil {
			b.Fatal(err)
		}
	}
}
