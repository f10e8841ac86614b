package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"sort"
	"sync"

	"github.com/goevm/goevm/internal/inputfile"
	"github.com/goevm/goevm/spectest"
)

func init() {
	register(&command{
		name:    "blocktest",
		summary: "run blockchain-test fixtures (files or folders, recursively)",
		run:     runBlockTest,
	})
}

func runBlockTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("blocktest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runRe := fs.String("run", "", "run only tests whose name matches this regular expression")
	asJSON := fs.Bool("json", false, `print a JSON array of {"name","network","pass","lastBlockHash","stateRoot","error"}`)
	maxInput := inputfile.NewFlag()
	fs.Var(maxInput, "max-input", inputfile.Usage+" per fixture file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: goevm blocktest [--run REGEX] [--json] [--max-input SIZE] PATH...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	var run *regexp.Regexp
	if *runRe != "" {
		re, err := regexp.Compile(*runRe)
		if err != nil {
			fmt.Fprintf(stderr, "goevm blocktest: --run: %v\n", err)
			return exitUsage
		}
		run = re
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "goevm blocktest: no fixture files or folders given")
		return exitUsage
	}
	files, err := collectJSONFiles(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "goevm blocktest: %v\n", err)
		return exitUsage
	}

	prog := newProgress(stderr, len(files))
	var counts runCounts
	per := make([][]spectest.BlockResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i] = runBlockFile(files[i], run, maxInput.N, &counts)
				prog.fileDone()
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	prog.finish()

	results := []spectest.BlockResult{}
	passed, failed := 0, 0
	for _, rs := range per {
		for _, r := range rs {
			results = append(results, r)
			if r.Pass {
				passed++
			} else {
				failed++
			}
		}
	}
	counts.report(stderr, "blocktest")
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintf(stderr, "goevm blocktest: %v\n", err)
			return exitFailed
		}
		// stdout stays one JSON document; the summary is stderr's last line.
		fmt.Fprintln(stderr, summary)
	} else {
		for _, r := range results {
			if !r.Pass {
				fmt.Fprintf(stdout, "FAIL %s (%s): %s\n", r.Name, r.Network, r.Error)
			}
		}
		fmt.Fprintln(stdout, summary)
	}
	return counts.exitStatus(stderr, "blocktest", len(results), failed, len(files), fs.Args(), run, "")
}

// runBlockFile runs one file's matching tests in name order. A file that
// cannot be read or parsed is one failed result named after the file, and
// bad input: the exit status is then 2.
func runBlockFile(path string, run *regexp.Regexp, maxInput int64, counts *runCounts) []spectest.BlockResult {
	raw, err := inputfile.Read(path, maxInput)
	var tests map[string]*spectest.BlockTest
	if err == nil {
		if tests, err = spectest.ParseBlockTests(raw); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		counts.addBad(err)
		return []spectest.BlockResult{{Name: path, Error: err.Error()}}
	}
	names := make([]string, 0, len(tests))
	for name := range tests {
		if run == nil || run.MatchString(name) {
			names = append(names, name)
		}
	}
	counts.addTests(len(tests), len(names))
	sort.Strings(names)
	out := make([]spectest.BlockResult, 0, len(names))
	for _, name := range names {
		out = append(out, tests[name].Run(name))
	}
	return out
}
