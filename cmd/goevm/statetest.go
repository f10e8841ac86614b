package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/goevm/goevm/fork"
	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/spectest"
)

func init() {
	register(&command{
		name:    "statetest",
		summary: "run state-test fixtures (files or folders, recursively)",
		run:     runStateTest,
	})
}

type stateTestFlags struct {
	fork *fork.Fork
	// forkName is --fork as given; a BPO network ("BPO1", "Amsterdam")
	// is selected by name, its fork's rules being shared with others.
	forkName string
	run      *regexp.Regexp
	json     bool
	trace    bool
	traceChk bool // --trace-check (statetest_tracecheck.go)
	paths    []string
	maxInput *inputfile.Flag
	stderr   io.Writer
}

func parseStateTestFlags(args []string, stderr io.Writer) (*stateTestFlags, error) {
	fs := flag.NewFlagSet("statetest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	forkName := fs.String("fork", "", "run only this fork's cases (e.g. Cancun, EIP150, ConstantinopleFix, BPO1, Amsterdam)")
	runRe := fs.String("run", "", "run only tests whose name matches this regular expression")
	asJSON := fs.Bool("json", false, `print a JSON array of {"name","fork","index","pass","stateRoot","error"}`)
	trace := fs.Bool("trace", false, "write an EIP-3155 JSON trace of every case to stderr")
	traceChk := fs.Bool("trace-check", false, "run every case with tracing hooks that do nothing attached (the traced interpreter loop): post-state roots must not change")
	maxInput := inputfile.NewFlag()
	fs.Var(maxInput, "max-input", inputfile.Usage+" per fixture file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: goevm statetest [--fork F] [--run REGEX] [--json] [--trace | --trace-check] [--max-input SIZE] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			err = errFlagsReported // the flag package has printed it, with usage
		}
		return nil, err
	}
	f := &stateTestFlags{json: *asJSON, trace: *trace, traceChk: *traceChk, paths: fs.Args(), maxInput: maxInput, stderr: stderr}
	if *forkName != "" {
		v, err := spectest.ParseStateFork(*forkName)
		if err != nil {
			return nil, fmt.Errorf("--fork: %w", err)
		}
		f.forkName = *forkName
		if !spectest.IsBPONetwork(*forkName) {
			f.fork = &v
		}
	}
	if *runRe != "" {
		re, err := regexp.Compile(*runRe)
		if err != nil {
			return nil, fmt.Errorf("--run: %w", err)
		}
		f.run = re
	}
	if len(f.paths) == 0 {
		return nil, errors.New("no fixture files or folders given")
	}
	return f, nil
}

// errFlagsReported is a flag error the flag package already printed.
var errFlagsReported = errors.New("bad flags")

func runStateTest(args []string, stdout, stderr io.Writer) int {
	flags, err := parseStateTestFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if errors.Is(err, errFlagsReported) {
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(stderr, "goevm statetest: %v\n", err)
		return exitUsage
	}
	files, err := collectJSONFiles(flags.paths)
	if err != nil {
		fmt.Fprintf(stderr, "goevm statetest: %v\n", err)
		return exitUsage
	}
	cfg := &spectest.StateRunConfig{Fork: flags.fork}
	if flags.fork == nil {
		cfg.ForkName = flags.forkName
	}
	var check traceCheck
	if flags.trace {
		stateTracer(cfg, stderr)
	} else if flags.traceChk {
		check.install(cfg)
	}

	prog := newProgress(stderr, len(files))
	// Tracing writes from inside execution: keep one case at a time then.
	workers := runtime.GOMAXPROCS(0)
	if flags.trace {
		workers = 1
	}
	var counts runCounts
	results := runFiles(files, workers, func(path string) []spectest.StateResult {
		defer prog.fileDone()
		return runStateFile(path, flags, cfg, &counts)
	})
	prog.finish()
	if flags.traceChk && !flags.trace {
		fmt.Fprintf(stderr, "statetest: --trace-check: %d steps traced\n", check.steps.Load())
	}

	// A post for a fork goevm does not know is a failure (as in the Go
	// test), never a skip: a refreshed suite must not pass unnoticed.
	var passed, failed int
	for _, r := range results {
		if r.Pass {
			passed++
		} else {
			failed++
		}
	}
	if flags.json {
		if results == nil {
			results = []spectest.StateResult{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintf(stderr, "goevm statetest: %v\n", err)
			return exitFailed
		}
	} else {
		for _, r := range results {
			if !r.Pass {
				fmt.Fprintf(stdout, "FAIL %s %s/%d: %s\n", r.Name, r.Fork, r.Index, r.Error)
			}
		}
	}
	counts.report(stderr, "statetest")
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	// With --json, stdout stays one parseable JSON document and the
	// summary goes to stderr, still the last line of the combined output.
	if flags.json {
		fmt.Fprintln(stderr, summary)
	} else {
		fmt.Fprintln(stdout, summary)
	}
	return counts.exitStatus(stderr, "statetest", len(results), failed, len(files), flags.paths, flags.run, flags.forkName)
}

// runStateFile runs one file's matching tests. A file that cannot be read
// or parsed is one failed result named after the file, and bad input: the
// exit status is then 2.
func runStateFile(path string, flags *stateTestFlags, cfg *spectest.StateRunConfig, counts *runCounts) []spectest.StateResult {
	raw, err := inputfile.Read(path, flags.maxInput.N)
	var tests map[string]*spectest.StateTest
	if err == nil {
		tests, err = spectest.ParseStateTests(raw)
		if err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		// Listed as a failure too, so the summary and --json show it.
		counts.addBad(err)
		return []spectest.StateResult{{Name: path, Error: err.Error()}}
	}
	names := make([]string, 0, len(tests))
	for name := range tests {
		if flags.run == nil || flags.run.MatchString(name) {
			names = append(names, name)
		}
	}
	counts.addTests(len(tests), len(names))
	sort.Strings(names)
	var out []spectest.StateResult
	for _, name := range names {
		out = append(out, tests[name].Run(name, cfg)...)
	}
	return out
}

// runFiles runs fn over files on workers goroutines and concatenates the
// results in file order.
func runFiles(files []string, workers int, fn func(string) []spectest.StateResult) []spectest.StateResult {
	per := make([][]spectest.StateResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i] = fn(files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []spectest.StateResult
	for _, rs := range per {
		out = append(out, rs...)
	}
	return out
}

// collectJSONFiles expands the arguments: a file is taken as is, a folder
// contributes every .json file below it, in lexical order.
func collectJSONFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("%s: %w (give a file or a folder)", p, inputfile.ErrNotRegular)
			}
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
