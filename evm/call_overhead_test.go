package evm

import (
	"syscall"
	"testing"
	"time"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
	"github.com/holiman/uint256"
)

// The evm-benchmarks fixtures' sender and recipient: a recipient of the
// test helpers' (0x…cc) would look like a precompile's address.
var (
	benchSender   = types.MustHexToAddress("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")
	benchContract = types.MustHexToAddress("0xbe7c43a580000000000000000000000000000001")
)

// BenchmarkCallOverhead measures what a short message call costs outside
// its instructions, through the public Call that goevm bench uses: repeated
// calls from the sender to a contract on one state, whose code is STOP, or
// PUSH1 0 PUSH1 0 RETURN (an empty output), or returns one word (the
// output's owned copy is the one allocation). It reports cpu-ns/op too: on a
// shared machine the process's CPU time says less about the neighbours than
// wall time.
func BenchmarkCallOverhead(b *testing.B) {
	for _, f := range []fork.Fork{fork.Istanbul, fork.Osaka} {
		for _, c := range []struct{ name, code string }{
			{"stop", "00"},
			{"return0", "6000 6000 f3"},
			{"return32", "6001" + returnTop},
		} {
			b.Run(f.String()+"/"+c.name, func(b *testing.B) {
				e, db := newTestEVM(b, f)
				db.SetBalance(benchSender, uint256.NewInt(1e18))
				install(db, benchContract, code(c.code))
				value := new(uint256.Int)
				b.ReportAllocs()
				start := processCPU()
				for b.Loop() {
					if _, _, err := e.Call(benchSender, benchContract, nil, 100_000, value); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// processCPU is the process's user+system CPU time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
