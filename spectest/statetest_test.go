package spectest

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
	"github.com/goevm/goevm/types"
)

// stateSuites are the state-test folders of the shared fixtures, with the
// number of cases each holds (fixtures README).
var stateSuites = []struct {
	dir   string
	cases int64
}{
	{"ethereum-tests/GeneralStateTests", 21442},
	{"legacytests/Constantinople/GeneralStateTests", 31291},
	{"eest/state_tests", 2452},
	{"evm-benchmarks/benchmarks", 27},
}

type stateCounts struct{ passed, failed, skipped atomic.Int64 }

// TestStateTests runs every state-test case of the shared fixtures. Each
// must pass unless skiplist.tsv names it. The four suites and their files
// all run in parallel (as many at once as -parallel allows, GOMAXPROCS by
// default), the slowest folder first so that it does not finish last. With
// -short the stTimeConsuming folders are left out and case counts are not
// checked.
func TestStateTests(t *testing.T) {
	skips, err := LoadSkipList()
	if err != nil {
		t.Fatal(err)
	}
	root := fixtures.Root()
	for _, suite := range stateSuites {
		t.Run(suite.dir, func(t *testing.T) {
			t.Parallel()
			dir := fixtures.Dir(t, suite.dir)
			files, err := stateFiles(dir)
			if err != nil {
				t.Fatal(err)
			}
			var c stateCounts
			t.Run("files", func(t *testing.T) {
				for _, path := range files {
					rel, _ := filepath.Rel(root, path)
					if testing.Short() && isSlow(rel) {
						continue
					}
					name, _ := filepath.Rel(dir, path)
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						runStateFile(t, path, filepath.ToSlash(rel), skips, &c)
					})
				}
			})
			total := c.passed.Load() + c.failed.Load() + c.skipped.Load()
			// Printed, not logged, so the counts show with -v without a prefix.
			fmt.Printf("%s: %d passed, %d failed, %d skipped (%d cases, fixtures README says %d)\n",
				suite.dir, c.passed.Load(), c.failed.Load(), c.skipped.Load(), total, suite.cases)
			if total != suite.cases && !testing.Short() {
				t.Errorf("ran %d cases, want %d", total, suite.cases)
			}
		})
	}
}

// isSlow marks the folder whose cases take minutes (CALLBlake2f_MaxRounds
// alone runs 2^32 BLAKE2 rounds).
func isSlow(path string) bool { return strings.Contains(filepath.ToSlash(path), "/stTimeConsuming/") }

// stateFiles lists the .json files under dir, slow ones first.
func stateFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	slices.SortStableFunc(files, func(a, b string) int {
		switch sa, sb := isSlow(a), isSlow(b); {
		case sa && !sb:
			return -1
		case sb && !sa:
			return 1
		}
		return 0
	})
	return files, err
}

func runStateFile(t *testing.T, path, rel string, skips *SkipList, c *stateCounts) {
	tests, err := ReadStateTests(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, test := range tests {
		for _, r := range test.Run(name, nil) {
			reason := skips.Reason(rel, name, r.Fork, r.Index)
			switch {
			case reason != "":
				c.skipped.Add(1)
				if r.Pass {
					// The list only shrinks: a fixed case comes off it.
					t.Errorf("%s %s/%d is on the skip list (%s) but passes: remove it from skiplist.tsv", name, r.Fork, r.Index, reason)
				}
			case r.Pass:
				c.passed.Add(1)
			default:
				c.failed.Add(1)
				t.Errorf("%s %s/%d: %s", name, r.Fork, r.Index, r.Error)
			}
		}
	}
}

func TestSkipListParses(t *testing.T) {
	s, err := LoadSkipList()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.entries {
		switch e.reason {
		case "create-over-storage", "precompile pending":
		default:
			t.Errorf("skip-list entry %s %s has reason %q, which is not allowed", e.file, e.test, e.reason)
		}
	}
	example, err := ParseSkipList("# comment\n" +
		"dir/a.json\tInitCollision\tCancun\t*\tcreate-over-storage\n" +
		"dir/b.json\t*\t*\t3\tprecompile pending\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file, test, fork string
		index            int
		want             string
	}{
		{"dir/a.json", "InitCollision", "Cancun", 7, "create-over-storage"},
		{"dir/a.json", "InitCollision", "Prague", 0, ""},
		{"dir/b.json", "anything", "Berlin", 3, "precompile pending"},
		{"dir/b.json", "anything", "Berlin", 2, ""},
	} {
		if got := example.Reason(c.file, c.test, c.fork, c.index); got != c.want {
			t.Errorf("Reason(%s %s %s %d) = %q, want %q", c.file, c.test, c.fork, c.index, got, c.want)
		}
	}
}

// TestLogsHashEmpty checks the hash of no logs against the constant every
// fixture without logs carries: keccak256(rlp([])).
func TestLogsHashEmpty(t *testing.T) {
	want := types.MustHexToHash("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")
	if got := LogsHash(nil); got != want {
		t.Errorf("LogsHash(nil) = %s, want %s", got, want)
	}
}
