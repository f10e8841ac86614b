package bench

import (
	"bytes"
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

func BenchmarkPrecompiles(b *testing.B) {
	for _, c := range benchCases() {
		ours, theirs := goevmContract(c.addr), gethContract(c.addr)
		b.Run(c.name+"/goevm", func(b *testing.B) {
			ours.Run(c.input) // warm lazy state (the KZG setup); b.Loop resets the timer
			b.ReportAllocs()
			for b.Loop() {
				ours.RequiredGas(c.input)
				if _, err := ours.Run(c.input); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/geth", func(b *testing.B) {
			theirs.Run(c.input)
			b.ReportAllocs()
			for b.Loop() {
				theirs.RequiredGas(c.input)
				if _, err := theirs.Run(c.input); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
