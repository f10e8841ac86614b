package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// runCounts tallies what the fixture runners (statetest, blocktest) found,
// from their worker goroutines, so that a run in which nothing ran can say
// why instead of printing "0 passed, 0 failed" and exiting 0: a CI job
// pointed at the wrong path must fail.
type runCounts struct {
	mu      sync.Mutex
	tests   int     // tests in the files read
	matched int     // of those, the ones --run selected
	bad     []error // files that could not be read or parsed
}

func (c *runCounts) addTests(tests, matched int) {
	c.mu.Lock()
	c.tests += tests
	c.matched += matched
	c.mu.Unlock()
}

func (c *runCounts) addBad(err error) {
	c.mu.Lock()
	c.bad = append(c.bad, err)
	c.mu.Unlock()
}

func (c *runCounts) badFiles() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.bad)
}

// report prints each bad file's error; they make the exit status 2.
func (c *runCounts) report(stderr io.Writer, cmd string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, err := range c.bad {
		fmt.Fprintf(stderr, "goevm %s: %v\n", cmd, err)
	}
}

// exitStatus is statetest's and blocktest's status after their summary:
// 2 when nothing ran (saying why, see runCounts) or a file could not be
// read, 1 when a test failed.
func (c *runCounts) exitStatus(stderr io.Writer, cmd string, results, failed, files int, paths []string, run *regexp.Regexp, forkName string) int {
	if results == c.badFiles() {
		fmt.Fprintf(stderr, "goevm %s: no test ran: %s\n", cmd, c.whyNothingRan(files, paths, run, forkName))
		return exitUsage
	}
	if c.badFiles() > 0 {
		return exitUsage
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// whyNothingRan explains an empty run, most basic cause first.
func (c *runCounts) whyNothingRan(files int, paths []string, run *regexp.Regexp, forkName string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case files == 0:
		return "no .json files under " + strings.Join(paths, ", ")
	case len(c.bad) == files:
		return "no file could be read as fixtures (errors above)"
	case c.tests == 0:
		return fmt.Sprintf("the %d file(s) hold no tests (an empty object or null?)", files-len(c.bad))
	case c.matched == 0 && run != nil:
		return fmt.Sprintf("no test name matches --run %q (%d tests in the files)", run.String(), c.tests)
	case forkName != "":
		return fmt.Sprintf("no test has cases for --fork %s (%d tests selected)", forkName, c.matched)
	}
	return fmt.Sprintf("the %d selected tests have no cases", c.matched)
}
