// Command difffuzz runs the differential fuzzer (package fuzzer) against
// go-ethereum for as long or as many programs as asked, and writes each
// new distinct difference, minimised, as a regression case.
//
//	difffuzz [-forks Frontier,Berlin,Cancun,Prague,Osaka] [-count N] [-duration D]
//	         [-seed S] [-workers W] [-out DIR] [-minimize BUDGET]
//
// It prints a progress line on a terminal, each finding as it comes, and
// ends with "N programs, M differences". Exit status 1 when there was a
// difference, 2 for bad flags.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/goevm/goevm/difftest/fuzzer"
	"github.com/goevm/goevm/fork"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// defaultForks is fuzzer.DefaultForks as -forks takes them.
func defaultForks() string {
	var names []string
	for _, f := range fuzzer.DefaultForks {
		names = append(names, f.String())
	}
	return strings.Join(names, ",")
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("difffuzz", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		forks    = fs.String("forks", defaultForks(), "comma-separated forks each program runs under (Amsterdam too, before it is a default)")
		count    = fs.Int64("count", 0, "programs to generate (0: no limit)")
		duration = fs.Duration("duration", 0, "how long to run (0: no limit)")
		seed     = fs.Uint64("seed", uint64(time.Now().UnixNano()), "seed of the run: the same seed generates the same programs")
		workers  = fs.Int("workers", max(1, runtime.NumCPU()/2), "programs checked in parallel")
		out      = fs.String("out", "testdata/regressions", "directory for minimised regression cases")
		minimize = fs.Int("minimize", 3000, "checks spent minimising each new difference (0: keep as generated)")
		maxFind  = fs.Int("max-findings", 200, "distinct differences to minimise and write")
		quiet    = fs.Bool("q", false, "no progress line")
		program  = fs.Uint64("program", 0, "check only this program seed (as printed with a difference) and explain it")
		gen      = fs.String("gen", fuzzer.GenStructured, "generator of -program: structured or raw")
		cpuProf  = fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var fl []fork.Fork
	for _, name := range strings.Split(*forks, ",") {
		f, err := fork.Parse(strings.TrimSpace(name))
		if err != nil {
			fmt.Fprintf(stderr, "difffuzz: -forks: %v\n", err)
			return 2
		}
		fl = append(fl, f)
	}
	if *program != 0 {
		return explain(stdout, fuzzer.NewGen(*program).Case(*gen), fl)
	}
	if *count == 0 && *duration == 0 {
		fmt.Fprintln(stderr, "difffuzz: running until interrupted (give -count or -duration to stop by itself)")
	}
	if os.Getenv("GOGC") == "" {
		// Each program allocates fresh state on both EVMs and the live heap
		// stays small, so the default GOGC spends a third of the run in the
		// collector: 1000 gave 1.6x the programs per second here.
		debug.SetGCPercent(1000)
	}
	runtime.MemProfileRate = 0 // its sampling showed in the profile; nothing here reads it
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	tty := !*quiet && isTerminal(stderr)
	fmt.Fprintf(stderr, "difffuzz: seed %d, forks %s, %d workers\n", *seed, *forks, *workers)
	cfg := fuzzer.Config{
		Forks: fl, Seed: *seed, Count: *count, Duration: *duration, Workers: *workers,
		Minimize: *minimize, MaxFindings: *maxFind,
		OnFinding: func(f *fuzzer.Finding) {
			if tty {
				fmt.Fprint(stderr, "\r\033[K")
			}
			path, err := fuzzer.WriteRegression(*out, &fuzzer.Regression{Fork: f.Fork.String(), Diff: f.Diff, Trace: f.Trace, Case: f.Case})
			if err != nil {
				fmt.Fprintf(stderr, "difffuzz: writing the regression: %v\n", err)
			}
			fmt.Fprintf(stdout, "DIFFERENCE %s (program seed %d, %s generator): %s\n%s\nwritten to %s\n\n",
				f.Fork, f.Seed, f.Generator, f.Diff, f.Trace, path)
		},
	}
	cfg.OnRepeat = func(f *fuzzer.Finding) {
		if tty {
			fmt.Fprint(stderr, "\r\033[K")
		}
		d, _, _ := strings.Cut(f.Diff, "\n")
		fmt.Fprintf(stdout, "REPEAT %s (program seed %d, %s generator): %s\n", f.Fork, f.Seed, f.Generator, d)
	}
	if tty {
		cfg.Progress = func(s fuzzer.Stats) { fmt.Fprintf(stderr, "\r\033[K%s", s) }
	} else if !*quiet {
		// Not a terminal: a plain line a minute, for logs.
		last := time.Now()
		cfg.Progress = func(s fuzzer.Stats) {
			if time.Since(last) >= time.Minute {
				last = time.Now()
				fmt.Fprintln(stderr, s)
			}
		}
	}
	if *cpuProf != "" {
		f, err := os.Create(*cpuProf)
		if err != nil {
			fmt.Fprintf(stderr, "difffuzz: -cpuprofile: %v\n", err)
			return 2
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "difffuzz: -cpuprofile: %v\n", err)
			return 2
		}
		defer pprof.StopCPUProfile()
	}
	st, findings := fuzzer.Run(ctx, cfg)
	if tty {
		fmt.Fprint(stderr, "\r\033[K")
	}
	fmt.Fprintf(stdout, "%s\n", st)
	fmt.Fprintf(stdout, "%d programs, %d differences\n", st.Programs, st.Diffs)
	if st.Diffs > 0 || len(findings) > 0 {
		return 1
	}
	return 0
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// explain checks one program under each fork and prints each difference
// with its first differing trace line and the accounts that differ.
func explain(w io.Writer, c *fuzzer.Case, forks []fork.Fork) int {
	status := 0
	for i, d := range fuzzer.CheckForks(c, forks) {
		f := forks[i]
		if d == "" {
			fmt.Fprintf(w, "%s: agree\n", f)
			continue
		}
		status = 1
		fc := fuzzer.ForFork(c, f)
		fmt.Fprintf(w, "%s: %s\n%s\n%s\n", f, d, fuzzer.FirstTraceDiff(fc, f), fuzzer.StateDiff(fc, f))
	}
	return status
}
