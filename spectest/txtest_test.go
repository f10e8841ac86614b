package spectest

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goevm/goevm/internal/fixtures"
)

// The case counts are (test, fork) result entries: the fixtures README
// gives 210 tests in 210 files with a result per fork Frontier..Cancun for
// ethereum/tests, 19 Prague tests for EEST; a run that checks fewer (a
// moved folder, a parse that silently drops entries) fails.
func TestTxTestsEthereumTests(t *testing.T) {
	runTxTestDir(t, fixtures.Dir(t, "ethereum-tests/TransactionTests"), 2665)
}

func TestTxTestsEEST(t *testing.T) {
	runTxTestDir(t, fixtures.Dir(t, "eest/transaction_tests"), 19)
}

func runTxTestDir(t *testing.T, dir string, wantCases int) {
	var files, cases, failed int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		files++
		tests, err := ReadTxTests(path)
		if err != nil {
			t.Errorf("%v", err)
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		for name, tt := range tests {
			// Under -v every rejection is logged with its reason.
			var logf func(string, ...any)
			if testing.Verbose() {
				logf = func(format string, args ...any) { t.Logf(rel+" "+name+": "+format, args...) }
			}
			n, errs := tt.Run(logf)
			cases += n
			for _, e := range errs {
				failed++
				t.Errorf("%s %s: %v", rel, name, e)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d files, %d cases, %d passed, %d failed", filepath.Base(dir), files, cases, cases-failed, failed)
	if cases != wantCases {
		t.Errorf("checked %d cases, want %d", cases, wantCases)
	}
}
