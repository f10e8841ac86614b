package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/goevm/goevm/evm"
	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/spectest"
)

func init() {
	register(&command{
		name:    "bench",
		summary: "benchmark the interpreter on state-test-format benchmark files (evm-benchmarks)",
		run:     runBench,
	})
}

type benchFlags struct {
	fork       fork.Fork
	run        *regexp.Regexp
	time       time.Duration
	cpuProfile string
	cpuTime    bool
	paths      []string
}

func parseBenchFlags(args []string, stderr io.Writer) (*benchFlags, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	forkName := fs.String("fork", "Istanbul", "rules to run under (evmone-bench uses Istanbul)")
	runRe := fs.String("run", "", "run only cases whose name matches this regular expression")
	dur := fs.Duration("time", time.Second, "how long to repeat each case")
	cpuTime := fs.Bool("cpu", false, "add a cpu/call column: the measuring thread's CPU time (Linux)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed calls to this file (how cmd/goevm/default.pgo is made)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: goevm bench [--fork F] [--run REGEX] [--time D] [--cpu] [--cpuprofile FILE] PATH...")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Runs every case (post entry) of state-test-format benchmark files or folders as")
		fmt.Fprintln(stderr, "repeated message calls from the sender to the recipient on one state, which")
		fmt.Fprintln(stderr, "keeps what each call stores (as evmone-bench does). Reports wall time per call")
		fmt.Fprintln(stderr, "(with --cpu also CPU time), gas/s and allocations per call. Without --cpu the")
		fmt.Fprintln(stderr, "columns are those ../shared/tools/bench-anchors.sh reads.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			err = errFlagsReported
		}
		return nil, err
	}
	f := &benchFlags{time: *dur, cpuProfile: *cpuProfile, cpuTime: *cpuTime, paths: fs.Args()}
	var err error
	if f.fork, err = fork.Parse(*forkName); err != nil {
		return nil, fmt.Errorf("--fork: %w", err)
	}
	if *runRe != "" {
		if f.run, err = regexp.Compile(*runRe); err != nil {
			return nil, fmt.Errorf("--run: %w", err)
		}
	}
	if f.time <= 0 {
		return nil, errors.New("--time must be positive")
	}
	if len(f.paths) == 0 {
		return nil, errors.New("no benchmark files or folders given")
	}
	return f, nil
}

// benchCaseResult is one case's measurement.
type benchCaseResult struct {
	name    string
	calls   int
	perCall time.Duration
	cpuCall time.Duration // CPU time of the measuring thread per call; 0 where not measured
	gas     uint64        // used by the first call
	gasPerS float64
	allocs  float64 // per call
	err     error
}

func runBench(args []string, stdout, stderr io.Writer) int {
	flags, err := parseBenchFlags(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errFlagsReported):
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "goevm bench: %v\n", err)
		return exitUsage
	}
	files, err := collectJSONFiles(flags.paths)
	if err != nil {
		fmt.Fprintf(stderr, "goevm bench: %v\n", err)
		return exitUsage
	}
	var cases []spectest.BenchCase
	for _, path := range files {
		cs, err := spectest.ReadBenchCases(path)
		if err != nil {
			fmt.Fprintf(stderr, "goevm bench: %v\n", err)
			return exitUsage
		}
		for _, c := range cs {
			if flags.run == nil || flags.run.MatchString(c.Name) {
				cases = append(cases, c)
			}
		}
	}

	if flags.cpuProfile != "" {
		stop, err := startCPUProfile(flags.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "goevm bench: --cpuprofile: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	tty := isTerminal(stderr)
	cpuHeader := ""
	if flags.cpuTime {
		cpuHeader = fmt.Sprintf(" %12s", "cpu/call")
	}
	fmt.Fprintf(stdout, "%-44s %12s%s %12s %10s %14s\n", "case", "time/call", cpuHeader, "gas/s", "allocs", "gas")
	var (
		failed   int
		logSum   float64
		measured int
		total    time.Duration
	)
	for i := range cases {
		c := &cases[i]
		if tty {
			fmt.Fprintf(stderr, "\r\033[K[%d/%d] %s", i+1, len(cases), c.Name)
		}
		r := benchCase(c, flags.fork, flags.time)
		if tty {
			fmt.Fprint(stderr, "\r\033[K")
		}
		if r.err != nil {
			failed++
			fmt.Fprintf(stdout, "%-44s error: %v\n", r.name, r.err)
			continue
		}
		cpu := ""
		if flags.cpuTime {
			cpu = " " + fmt.Sprintf("%12s", "-")
			if r.cpuCall > 0 {
				cpu = " " + fmt.Sprintf("%12s", fmtDuration(r.cpuCall))
			}
		}
		fmt.Fprintf(stdout, "%-44s %12s%s %12s %10.1f %14d\n", r.name, fmtDuration(r.perCall), cpu, fmtGasRate(r.gasPerS), r.allocs, r.gas)
		measured++
		logSum += math.Log(r.gasPerS)
		total += r.perCall
	}
	summary := fmt.Sprintf("%d cases, %d failed", len(cases), failed)
	if measured > 0 {
		summary += fmt.Sprintf(", %s per round of all, geometric mean %s", fmtDuration(total), fmtGasRate(math.Exp(logSum/float64(measured))))
	}
	fmt.Fprintln(stdout, summary)
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// benchCase runs c repeatedly on one state for about d: first one call to
// warm caches and check it succeeds, then growing batches of calls timed
// together, with allocations counted around the whole. The goroutine stays
// on one OS thread while timing, so that thread's CPU time is the calls'.
func benchCase(c *spectest.BenchCase, f fork.Fork, d time.Duration) benchCaseResult {
	r := benchCaseResult{name: c.Name}
	env, err := c.Env(f)
	if err != nil {
		r.err = err
		return r
	}
	e := evm.New(env.Block, evm.TxContext{Origin: c.Caller}, c.NewState(), env.Rules, env.Config)
	_, left, err := e.Call(c.Caller, c.To, c.Input, c.Gas, &c.Value)
	if err != nil {
		r.err = fmt.Errorf("the call fails: %w", err)
		return r
	}
	r.gas = c.Gas - left

	var (
		before, after runtime.MemStats
		elapsed       time.Duration
		gasUsed       uint64
	)
	runtime.GC()
	runtime.ReadMemStats(&before)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpuStart, cpuOK := threadCPUTime()
	for batch := 1; elapsed < d; batch = min(2*batch, 1<<16) {
		start := time.Now()
		for range batch {
			_, left, err := e.Call(c.Caller, c.To, c.Input, c.Gas, &c.Value)
			if err != nil {
				r.err = fmt.Errorf("call %d fails: %w", r.calls+1, err)
				return r
			}
			gasUsed += c.Gas - left
		}
		elapsed += time.Since(start)
		r.calls += batch
	}
	cpuEnd, cpuEndOK := threadCPUTime()
	runtime.ReadMemStats(&after)
	if cpuOK && cpuEndOK {
		r.cpuCall = (cpuEnd - cpuStart) / time.Duration(r.calls)
	}
	r.perCall = elapsed / time.Duration(r.calls)
	r.gasPerS = float64(gasUsed) / elapsed.Seconds()
	r.allocs = float64(after.Mallocs-before.Mallocs) / float64(r.calls)
	return r
}

// startCPUProfile starts writing a CPU profile to path; the returned
// function stops it and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func fmtDuration(t time.Duration) string {
	switch {
	case t >= time.Second:
		return fmt.Sprintf("%.3f s", t.Seconds())
	case t >= time.Millisecond:
		return fmt.Sprintf("%.3f ms", float64(t)/1e6)
	case t >= time.Microsecond:
		return fmt.Sprintf("%.3f µs", float64(t)/1e3)
	}
	return fmt.Sprintf("%d ns", t.Nanoseconds())
}

func fmtGasRate(g float64) string {
	return fmt.Sprintf("%.1f Mgas/s", g/1e6)
}
