package spectest

import (
	"io/fs"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// blockSuites are the blockchain-test folders of the shared fixtures, with
// the number of tests each holds (fixtures README).
var blockSuites = []struct {
	dir   string
	tests int64
}{
	{"legacytests/Cancun/BlockchainTests/ValidBlocks", 1981},
	{"legacytests/Cancun/BlockchainTests/InvalidBlocks", 670},
}

// TestBlockchainTests imports every blockchain test of the shared fixtures;
// each must pass.
func TestBlockchainTests(t *testing.T) {
	for _, suite := range blockSuites {
		t.Run(suite.dir, func(t *testing.T) {
			dir := fixtures.Dir(t, suite.dir)
			var passed, failed atomic.Int64
			t.Run("files", func(t *testing.T) {
				err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
						return err
					}
					name, _ := filepath.Rel(dir, path)
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						tests, err := ReadBlockTests(path)
						if err != nil {
							t.Fatal(err)
						}
						for tn, bt := range tests {
							r := bt.Run(tn)
							if r.Pass {
								passed.Add(1)
							} else {
								failed.Add(1)
								t.Errorf("%s: %s", tn, r.Error)
							}
						}
					})
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			})
			total := passed.Load() + failed.Load()
			t.Logf("%s: %d passed, %d failed (%d tests, fixtures README says %d)", suite.dir, passed.Load(), failed.Load(), total, suite.tests)
			if total != suite.tests {
				t.Errorf("ran %d tests, want %d", total, suite.tests)
			}
		})
	}
}
