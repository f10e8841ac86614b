package bench

import (
	"bytes"

	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/spectest"
)

// benchSets are the evm-benchmarks folders, in report order.
var benchSets = []string{"main", "micro"}

// loadBenchCases reads every case of evm-benchmarks/benchmarks/<set>.
func loadBenchCases(tb testing.TB, set string) []spectest.BenchCase {
	tb.Helper()
	dir := fixtures.Dir(tb, filepath.Join("evm-benchmarks", "benchmarks", set))
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no benchmark files in %s: %v", dir, err)
	}
	var out []spectest.BenchCase
	for _, f := range files {
		cases, err := spectest.ReadBenchCases(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, cases...)
	}
	return out
}

// TestSameEVMResults guards the benchmark: on a fresh pre-state, both sides
// must succeed with the same output and gas used, or the timing compares
// different work.
func TestSameEVMResults(t *testing.T) {
	for _, set := range benchSets {
		for i := range loadBenchCases(t, set) {
			c := &loadBenchCases(t, set)[i]
			t.Run(set+"/"+c.Name, func(t *testing.T) {
				checkSame(t, newGoevmCaller(c), newGethCaller(c))
			})
		}
	}
}

func checkSame(tb testing.TB, ours, theirs caller) {
	tb.Helper()
	o1, g1, e1 := ours.call()
	o2, g2, e2 := theirs.call()
	if e1 != nil || e2 != nil {
		tb.Fatalf("goevm: %v; geth: %v", e1, e2)
	}
	if g1 != g2 || !bytes.Equal(o1, o2) {
		tb.Fatalf("goevm used %d gas and returned %x; geth used %d and returned %x", g1, o1, g2, o2)
	}
}

// BenchmarkEVM runs every evm-benchmarks case on goevm and on geth's
// core/vm: sub-benchmarks are named set/case/impl=goevm|geth, so
//
//	benchstat -col /impl results.txt
//
// sets the two side by side. Each iteration is one message call on a state
// kept across iterations; the first call of each side is checked against
// the other's before timing starts.
func BenchmarkEVM(b *testing.B) {
	for _, set := range benchSets {
		cases := loadBenchCases(b, set)
		for i := range cases {
			c := &cases[i]
			b.Run(set+"/"+c.Name, func(b *testing.B) {
				ours, theirs := newGoevmCaller(c), newGethCaller(c)
				checkSame(b, ours, theirs)
				b.Run("impl=goevm", func(b *testing.B) { benchCalls(b, ours) })
				b.Run("impl=geth", func(b *testing.B) { benchCalls(b, theirs) })
			})
		}
	}
}

// benchCalls times repeated calls, reporting gas/s and the process CPU time
// per call (cpu-ns/op), which other processes on a shared machine disturb
// less than wall time does.
func benchCalls(b *testing.B, c caller) {
	if _, _, err := c.call(); err != nil { // warm caches (code analysis)
		b.Fatal(err)
	}
	b.ReportAllocs()
	var gas uint64
	cpu0 := cpuTime()
	for b.Loop() {
		_, used, err := c.call()
		if err != nil {
			b.Fatal(err)
		}
		gas += used
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(gas)/b.Elapsed().Seconds(), "gas/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
