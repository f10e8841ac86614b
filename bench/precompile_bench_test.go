package bench

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	gethvm "github.com/ethereum/go-ethereum/core/vm"

	"github.com/goevm/goevm/evm/precompile"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/types"
)

func goevmContract(n uint16) precompile.Contract {
	r := fork.Osaka.Rules()
	var a types.Address
	a[18], a[19] = byte(n>>8), byte(n)
	return precompile.ForFork(&r)[a]
}

func gethContract(n uint16) gethvm.PrecompiledContract {
	return gethvm.PrecompiledContractsOsaka[common.BytesToAddress([]byte{byte(n >> 8), byte(n)})]
}

// TestSameResults guards the benchmark: both sides must agree on output and
// gas for every input, or the comparison is meaningless.
func TestSameResults(t *testing.T) {
	for _, c := range benchCases() {
		ours, theirs := goevmContract(c.addr), gethContract(c.addr)
		if g1, g2 := ours.RequiredGas(c.input), theirs.RequiredGas(c.input); g1 != g2 {
			t.Errorf("%s: gas %d, geth %d", c.name, g1, g2)
		}
		o1, e1 := ours.Run(c.input)
		o2, e2 := theirs.Run(c.input)
		if (e1 == nil) != (e2 == nil) || !bytes.Equal(o1, o2) {
			t.Errorf("%s: goevm %x, %v; geth %x, %v", c.name, o1, e1, o2, e2)
		}
	}
}

// BenchmarkPrecompiles times RequiredGas + Run on each input, goevm and geth
// as sub-benchmarks impl=goevm and impl=geth (for benchstat -col /impl).
// Besides wall time it reports the process CPU time per call (cpu-ns/op),
// which other processes on the shared machine disturb less.
//
// PRECOMPILE_IMPLS=geth runs one side only (precompiles.sh times geth's
// CGO_ENABLED=0 build that way); PRECOMPILE_GETH_FIRST=1 runs geth before
// goevm on each input (precompiles.sh alternates, so neither side always
// goes first).
func BenchmarkPrecompiles(b *testing.B) {
	impls := os.Getenv("PRECOMPILE_IMPLS")
	want := func(impl string) bool { return impls == "" || strings.Contains(impls, impl) }
	gethFirst := os.Getenv("PRECOMPILE_GETH_FIRST") != ""
	for _, c := range benchCases() {
		ours, theirs := goevmContract(c.addr), gethContract(c.addr)
		order := []string{"goevm", "geth"}
		if gethFirst {
			order = []string{"geth", "goevm"}
		}
		for _, impl := range order {
			if !want(impl) {
				continue
			}
			var ct contract = ours
			if impl == "geth" {
				ct = theirs
			}
			b.Run(c.name+"/impl="+impl, func(b *testing.B) { benchContract(b, ct, c.input) })
		}
	}
}

// contract is what both sides' precompiles offer.
type contract interface {
	RequiredGas(input []byte) uint64
	Run(input []byte) ([]byte, error)
}

func benchContract(b *testing.B, c contract, input []byte) {
	c.Run(input) // warm lazy state (the KZG setup); b.Loop resets the timer
	b.ReportAllocs()
	cpu0 := cpuTime() // evm_bench_test.go
	for b.Loop() {
		c.RequiredGas(input)
		if _, err := c.Run(input); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
